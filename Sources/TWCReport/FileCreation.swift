import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creates a new file of a site (`twc-lint new`) with the fixer's guarantees: only inside the site
/// root (the deepest folder that exists is resolved with `realpath` and must be below the resolved
/// root; the folders below it are created and every folder is opened from the root one component
/// at a time without following links), never over an existing file (the complete, synced
/// temporary file, created exclusively beside it, takes the name with a rename that refuses to
/// replace, or a hard link), mode from the caller.
public enum FileCreation {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The site-relative path of the file.
        public var file: String
        public var reason: String

        public var description: String { "cannot create \(file): \(reason)" }
    }

    /// What was created: the folders made on the way (site-relative, deepest last) and the file.
    public struct Created: Sendable, Equatable {
        public var folders: [String]
        public var file: String
    }

    /// Creates `file` (site-relative, `/`-separated) below `root` holding `bytes`, with `mode`.
    public static func create(_ file: String, bytes: [UInt8], root: String, mode: mode_t = 0o644) throws(Failure)
        -> Created
    {
        func failure(_ reason: String) -> Failure { Failure(file: file, reason: reason) }
        let components = file.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !file.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw failure("not a plain path inside the site")
        }
        guard let realRoot = FileReplacement.realPath(root) else {
            throw failure("cannot resolve the site root: \(FileReplacement.reason(errno))")
        }
        // The deepest folder that exists, resolved: links on the way must stay inside the site.
        var existing = components.count - 1
        while existing > 0 {
            var info = stat()
            if stat(root + "/" + components[..<existing].joined(separator: "/"), &info) == 0 { break }
            existing -= 1
        }
        let existingPath = existing == 0 ? root : root + "/" + components[..<existing].joined(separator: "/")
        guard let resolved = FileReplacement.realPath(existingPath) else {
            throw failure("cannot resolve \(existingPath): \(FileReplacement.reason(errno))")
        }
        let inside = resolved == realRoot ? "" : FileReplacement.relative(resolved, to: realRoot)
        guard let inside else {
            throw failure("its folder resolves to \(resolved), outside the site root \(realRoot)")
        }
        let resolvedFolders = inside.split(separator: "/").map(String.init)
        var folder = try FileReplacement.openFolderOrFail(realRoot, resolvedFolders, failure)
        var created: [String] = []
        var made = resolvedFolders
        defer { close(folder) }
        // The folders that do not exist yet.
        for component in components[existing..<(components.count - 1)] {
            let new = mkdirat(folder, component, 0o777) == 0
            if !new && errno != EEXIST {
                let reason = FileReplacement.reason(errno)
                remove(created, realRoot: realRoot)
                throw failure("cannot create its folder \(component): \(reason)")
            }
            made.append(component)
            if new { created.append(made.joined(separator: "/")) }
            let next = openat(folder, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let code = errno
            close(folder)
            folder = next
            guard next >= 0 else {
                remove(created, realRoot: realRoot)
                throw failure("cannot open its folder \(component): \(FileReplacement.reason(code))")
            }
        }
        let name = components[components.count - 1]
        do throws(Failure) {
            try write(bytes, as: name, in: folder, mode: mode, failure)
        } catch {
            remove(created, realRoot: realRoot)
            throw error
        }
        fsync(folder)
        return Created(folders: created, file: file)
    }

    /// Removes a file `create` made, and the folders it made for it when they are empty.
    public static func undo(_ created: Created, root: String) {
        guard let realRoot = FileReplacement.realPath(root) else { return }
        _ = unlink(root + "/" + created.file)
        remove(created.folders, realRoot: realRoot)
    }

    /// Removes empty folders (site-relative to the resolved root), deepest first.
    static func remove(_ folders: [String], realRoot: String) {
        for folder in folders.reversed() { _ = rmdir(realRoot + "/" + folder) }
    }

    /// Writes `bytes` to a temporary file in `folder`, then gives it `name` unless that exists.
    static func write(
        _ bytes: [UInt8], as name: String, in folder: Int32, mode: mode_t, _ failure: (String) -> Failure
    ) throws(Failure) {
        var descriptor: Int32 = -1
        var temporary = ""
        for _ in 0..<16 {
            temporary = FileReplacement.temporaryName(for: name)
            descriptor = openat(folder, temporary, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw failure("cannot create a temporary file: \(FileReplacement.reason(errno))") }
        defer {
            close(descriptor)
            unlinkat(folder, temporary, 0)
        }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress! + offset, bytes.count - offset, off_t(offset))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(FileReplacement.reason(errno))
            }
            offset += count
        }
        guard fchmod(descriptor, mode & 0o777) == 0, fsync(descriptor) == 0 else {
            throw failure(FileReplacement.reason(errno))
        }
        if let result = renameWithoutReplacing(folder, temporary, name) {
            if result == 0 { return }
            if errno == EEXIST { throw failure("it exists already") }
            guard Exchange.unsupported.contains(errno) else { throw failure(FileReplacement.reason(errno)) }
        }
        // No rename that refuses to replace here: a hard link does, and the temporary name goes.
        guard linkat(folder, temporary, folder, name, 0) == 0 else {
            throw failure(errno == EEXIST ? "it exists already" : FileReplacement.reason(errno))
        }
    }

    /// `renameat2(RENAME_NOREPLACE)` (`renameatx_np(RENAME_EXCL)` on macOS): 0 or -1 with errno
    /// set; nil when the system has no such call.
    static func renameWithoutReplacing(_ folder: Int32, _ from: String, _ to: String) -> Int32? {
        #if canImport(Darwin)
            return renameatx_np(folder, from, folder, to, 0x4)
        #else
            guard let call = Exchange.renameat2 else { return nil }
            return call(folder, from, folder, to, 0x1)
        #endif
    }
}

extension FileReplacement {
    /// `openFolder` with the caller's failure.
    static func openFolderOrFail(
        _ root: String, _ components: [String], _ failure: (String) -> FileCreation.Failure
    ) throws(FileCreation.Failure) -> Int32 {
        do { return try openFolder(root, components, file: "") } catch {
            if case .cannotWrite(_, let reason) = error { throw failure(reason) }
            throw failure("\(error)")
        }
    }
}
