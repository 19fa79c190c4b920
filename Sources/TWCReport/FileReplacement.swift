#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Writes the fixer's files. What each guarantee rests on:
///
/// - Inside the site: the page's path and the site root are resolved with `realpath`; a page whose
///   resolved path is not below the resolved root (a link leading out, a `contentDir` outside the
///   site) is refused. The folder is then opened from the resolved root one component at a time
///   with `O_NOFOLLOW | O_DIRECTORY`, and every later step works relative to that descriptor
///   (`openat`, `renameat`, `unlinkat`), so a folder swapped for a link after the check is not
///   followed. A page that is a link is written at its target; the link itself is never touched.
/// - Temporary files are created with `O_CREAT | O_EXCL | O_NOFOLLOW`, mode 0600, under a name with
///   64 random bits, in the target's own folder: nothing planted at that name is followed or reused.
/// - Metadata: the new file gets the old one's owner and group (`fchown`, silently skipped when not
///   permitted) and then its mode (`fchmod`), before it takes the page's name. A file with several
///   hard links is rewritten in place (after a verified temporary copy) so every name sees the fix.
/// - Durability: the new file is synced before it takes the name, and the file and its folder are
///   synced after.
/// - Files without write permission for the user are refused unless `fixReadOnly` is set.
/// - Concurrent edits: the site loader keeps each file's bytes; the fixer reads the file again and
///   goes on only when the bytes are those the fixes were computed from, and records what `fstat`
///   says then (device, inode, size, modification and change times). The file is compared with
///   both once more after the temporary file is complete, and the replacement is an atomic
///   exchange, so the file it displaced can be checked afterwards and put back if an edit slipped
///   in: no edit made before the replacement is lost. Details and what remains: `replaceAtomically`
///   and `rewriteInPlace`.
struct FileReplacement {
    typealias FixError = Fixer.FixError

    /// Temporary files of a killed run are removed after this many seconds.
    static let staleAge = 600

    let root: String
    let options: Fixer.Options
    /// The site root, fully resolved, or why it cannot be.
    private let realRoot: Result<String, FixError>
    /// Folders (device, inode) already cleared of stale temporary files.
    private var cleanedFolders: Set<[UInt64]> = []

    init(root: String, options: Fixer.Options) {
        self.root = root
        self.options = options
        if let resolved = Self.realPath(root) {
            realRoot = .success(resolved)
        } else {
            realRoot = .failure(.cannotWrite(root, "cannot resolve the site root: \(Self.reason(errno))"))
        }
    }

    /// Replaces the contents of `file` (relative to the root) by `bytes`, provided its contents
    /// are still `original`.
    mutating func replace(_ file: String, read original: [UInt8], with bytes: [UInt8]) throws(FixError) {
        let root: String
        switch realRoot {
        case .success(let resolved): root = resolved
        case .failure(let error): throw error
        }
        let path = self.root + "/" + file
        var linkInfo = stat()
        guard lstat(path, &linkInfo) == 0, let resolved = Self.realPath(path) else {
            throw .cannotWrite(file, Self.reason(errno))
        }
        guard let relative = Self.relative(resolved, to: root), !relative.isEmpty else {
            if linkInfo.st_mode & S_IFMT == S_IFLNK {
                throw .linkOutsideSite(file, target: resolved, root: root)
            }
            throw .outsideSite(file, resolved: resolved, root: root)
        }
        var components = relative.split(separator: "/").map(String.init)
        let name = components.removeLast()
        let folder = try Self.openFolder(root, components, file: file)
        defer { close(folder) }
        let target = Target(
            file: file, path: resolved, folder: folder, folderPath: components.joined(separator: "/"), name: name,
            hooks: options.hooks)

        let (state, current) = try target.read()
        guard current == original else { throw .changedOnDisk(file, keptAt: nil) }
        guard options.fixReadOnly || Self.isWritable(state) else { throw .readOnly(file) }
        removeStaleTemporaries(in: folder)
        if state.links > 1 {
            try target.rewriteInPlace(state: state, original: original, bytes: bytes)
        } else {
            try target.replaceAtomically(state: state, original: original, bytes: bytes)
        }
    }

    // MARK: - Resolving

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` relative to `root` when it is below it (byte comparison), else nil.
    static func relative(_ path: String, to root: String) -> String? {
        let prefix = root == "/" ? "/" : root + "/"
        guard path.utf8.starts(with: prefix.utf8) else { return nil }
        return String(decoding: path.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    /// Opens the folder `components` below `root` without following any link on the way.
    static func openFolder(_ root: String, _ components: [String], file: String) throws(FixError) -> Int32 {
        var folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw .cannotWrite(file, reason(errno)) }
        for component in components {
            let next = openat(folder, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let code = errno
            close(folder)
            guard next >= 0 else {
                throw .cannotWrite(file, "cannot open its folder \(component): \(reason(code)) (changed while fixing?)")
            }
            folder = next
        }
        return folder
    }

    /// Whether the permission bits let the user write the file. Root may write anything, so for
    /// root a file is read-only when no one has write permission.
    static func isWritable(_ state: FileState) -> Bool {
        let user = geteuid()
        if user == 0 { return state.mode & 0o222 != 0 }
        if state.owner == user { return state.mode & 0o200 != 0 }
        if isMember(of: state.group) { return state.mode & 0o020 != 0 }
        return state.mode & 0o002 != 0
    }

    static func isMember(of group: gid_t) -> Bool {
        if getegid() == group { return true }
        let count = getgroups(0, nil)
        guard count > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(count))
        let found = getgroups(count, &groups)
        return found > 0 && groups.prefix(Int(found)).contains(group)
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    // MARK: - Temporary files

    /// `.NAME.twc-lint-TOKEN.tmp`, TOKEN 16 random hexadecimal digits.
    static func temporaryName(for name: String) -> String {
        ".\(shortened(name)).twc-lint-\(randomToken()).tmp"
    }

    /// Where an edit that could not be put back at its name is kept: `NAME.twc-lint-kept-TOKEN`
    /// (never taken for a stale temporary file).
    static func keptName(for name: String) -> String {
        "\(shortened(name)).twc-lint-kept-\(randomToken())"
    }

    /// The name, cut to leave room for the suffixes within 255 bytes.
    static func shortened(_ name: String) -> String {
        guard name.utf8.count > 200 else { return name }
        var result = ""
        for scalar in name.unicodeScalars {
            guard result.utf8.count + String(scalar).utf8.count <= 200 else { break }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    static func randomToken() -> String {
        let digits = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Names of temporary files of this program: `.NAME.twc-lint-TOKEN.tmp`, TOKEN hexadecimal
    /// digits (random now, the process id in earlier versions).
    static func isTemporaryName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let marker = Array(".twc-lint-".utf8)
        let suffix = Array(".tmp".utf8)
        guard bytes.first == UInt8(ascii: "."), bytes.count > 1 + marker.count + suffix.count,
            bytes.suffix(suffix.count).elementsEqual(suffix)
        else { return false }
        let core = bytes[1..<(bytes.count - suffix.count)]
        // The token runs back from the end to the marker: hexadecimal digits, lower case.
        let token = core.reversed().prefix { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        guard !token.isEmpty, token.count <= 32 else { return false }
        let beforeToken = core.dropLast(token.count)
        return beforeToken.count > marker.count && beforeToken.suffix(marker.count).elementsEqual(marker)
    }

    /// Removes, once per folder, the temporary files a killed run left there: files named like
    /// ours, regular files owned by the user, last modified more than `staleAge` seconds ago (a
    /// running fix writes its temporary file within moments of creating it).
    mutating func removeStaleTemporaries(in folder: Int32) {
        var info = stat()
        guard fstat(folder, &info) == 0 else { return }
        let identity = FileState(info)
        guard cleanedFolders.insert([identity.device, identity.inode]).inserted else { return }
        let copy = dup(folder)
        guard copy >= 0 else { return }
        guard let stream = fdopendir(copy) else {
            close(copy)
            return
        }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if Self.isTemporaryName(name) { names.append(name) }
        }
        closedir(stream)
        let now = time(nil)
        for name in names {
            var entry = stat()
            guard fstatat(folder, name, &entry, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let state = FileState(entry)
            if state.isRegularFile && state.owner == geteuid() && state.modified.seconds < now - Self.staleAge {
                unlinkat(folder, name, 0)
            }
        }
    }
}

/// What `fstat` says about a file: its identity and what changes when it is written.
struct FileState: Equatable {
    struct Time: Equatable {
        var seconds: Int
        var nanoseconds: Int
    }

    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Time
    var changed: Time
    var mode: mode_t
    var owner: uid_t
    var group: gid_t
    var links: UInt64

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
            modified = Time(seconds: Int(info.st_mtimespec.tv_sec), nanoseconds: Int(info.st_mtimespec.tv_nsec))
            changed = Time(seconds: Int(info.st_ctimespec.tv_sec), nanoseconds: Int(info.st_ctimespec.tv_nsec))
        #else
            modified = Time(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
            changed = Time(seconds: Int(info.st_ctim.tv_sec), nanoseconds: Int(info.st_ctim.tv_nsec))
        #endif
        mode = info.st_mode
        owner = info.st_uid
        group = info.st_gid
        links = UInt64(info.st_nlink)
    }

    static func of(_ descriptor: Int32) -> FileState? {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? FileState(info) : nil
    }

    static func of(_ name: String, in folder: Int32) -> FileState? {
        var info = stat()
        return fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? FileState(info) : nil
    }

    var isRegularFile: Bool { mode & S_IFMT == S_IFREG }

    func isSameFile(_ other: FileState) -> Bool { device == other.device && inode == other.inode }

    /// Same file, same size, not modified since (the change time also moves on a rename).
    func hasSameContents(_ other: FileState) -> Bool {
        isSameFile(other) && size == other.size && modified == other.modified
    }

    /// Same file, and neither its contents nor its metadata changed since.
    func isUnchanged(_ other: FileState) -> Bool { hasSameContents(other) && changed == other.changed }
}

/// One file being replaced: `name` in the open `folder` (the resolved target of the page `file`).
private struct Target {
    typealias FixError = Fixer.FixError

    let file: String
    /// The resolved absolute path, for the hooks.
    let path: String
    let folder: Int32
    /// The folder relative to the resolved site root, to name kept files.
    let folderPath: String
    let name: String
    let hooks: Fixer.Hooks

    func failure(_ code: Int32 = errno, _ what: String? = nil) -> FixError {
        .cannotWrite(file, (what.map { $0 + ": " } ?? "") + FileReplacement.reason(code))
    }

    func sitePath(_ name: String) -> String { folderPath.isEmpty ? name : folderPath + "/" + name }

    /// The file's state and bytes now.
    func read() throws(FixError) -> (FileState, [UInt8]) {
        let descriptor = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        guard let state = FileState.of(descriptor) else { throw failure() }
        guard state.isRegularFile else { throw .cannotWrite(file, "not a regular file") }
        guard let bytes = readAll(descriptor) else { throw failure() }
        return (state, bytes)
    }

    /// Opens the file at the name for the last comparison: it must be the file read (`state`),
    /// unwritten since, with the bytes read. Returns the open descriptor, which keeps naming that
    /// file after it loses its name.
    func openUnchanged(_ state: FileState, _ original: [UInt8]) throws(FixError) -> Int32 {
        let descriptor = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ELOOP { throw .changedOnDisk(file, keptAt: nil) }
            throw failure()
        }
        guard let now = FileState.of(descriptor), now.isUnchanged(state), readAll(descriptor) == original else {
            close(descriptor)
            throw .changedOnDisk(file, keptAt: nil)
        }
        return descriptor
    }

    /// A new temporary file in the folder holding `bytes`, synced; with `like`, the owner, group
    /// and mode of that file. The caller closes and removes it.
    func createTemporary(_ bytes: [UInt8], like state: FileState?) throws(FixError) -> (Int32, String, FileState) {
        var descriptor: Int32 = -1
        var temporary = ""
        for attempt in 0..<16 {
            temporary = (attempt == 0 ? hooks.temporaryName?(name) : nil) ?? FileReplacement.temporaryName(for: name)
            descriptor = openat(
                folder, temporary, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw failure(errno, "cannot create a temporary file") }
        var done = false
        defer {
            if !done {
                close(descriptor)
                unlinkat(folder, temporary, 0)
            }
        }
        guard writeAll(descriptor, bytes) else { throw failure() }
        if let state {
            // The owner can only be kept by root; a member of the group can still keep the group.
            if fchown(descriptor, state.owner, state.group) != 0 { _ = fchown(descriptor, uid_t.max, state.group) }
            guard fchmod(descriptor, state.mode & 0o7777) == 0 else { throw failure() }
        }
        guard fsync(descriptor) == 0 else { throw failure() }
        guard let written = FileState.of(descriptor) else { throw failure() }
        done = true
        return (descriptor, temporary, written)
    }

    /// Gives the file at `temporary` a name that stale-file removal never takes; returns the
    /// site-relative name it is kept under.
    func keep(_ temporary: String) -> String {
        for _ in 0..<16 {
            let kept = FileReplacement.keptName(for: name)
            if linkat(folder, temporary, folder, kept, 0) == 0 {
                unlinkat(folder, temporary, 0)
                return sitePath(kept)
            }
            if errno != EEXIST { break }
        }
        return sitePath(temporary)
    }

    /// Replaces a file with one link by a complete, synced temporary file.
    ///
    /// The comparison with what was read is taken after the temporary file is complete. Then the
    /// temporary file and the page are exchanged atomically (`renameat2(RENAME_EXCHANGE)` on Linux,
    /// `renameatx_np(RENAME_SWAP)` on macOS), so the temporary name then holds exactly the file that
    /// was displaced. That file is checked again: if it is not the file compared, or was written to
    /// in the meantime (an editor saving in place or by its own rename), the exchange is undone and
    /// the edit is back at its name. If our file was written to during that instant, that edit is
    /// kept as `NAME.twc-lint-kept-TOKEN` and reported. So an edit that reaches the file before the
    /// exchange is never lost; what remains is a writer that keeps the old file open and writes to
    /// it after the check that follows the exchange — as with any program that saves by rename.
    ///
    /// Where the exchange is not supported (some network and FUSE file systems), a plain `rename`
    /// is used after a last `fstatat` comparison; an edit made in place after it is still found in
    /// the displaced file and put back, but an editor's own rename landing in the microseconds
    /// between that comparison and the rename would be lost.
    func replaceAtomically(state: FileState, original: [UInt8], bytes: [UInt8]) throws(FixError) {
        let (temporaryFile, temporary, written) = try createTemporary(bytes, like: state)
        var removeTemporary = true
        defer {
            close(temporaryFile)
            if removeTemporary { unlinkat(folder, temporary, 0) }
        }
        hooks.beforeFinalCheck?(path)
        let compared = try openUnchanged(state, original)
        defer { close(compared) }
        hooks.beforeReplace?(path)

        if hooks.exchange, let result = Exchange.exchange(folder, temporary, name) {
            if result == 0 {
                hooks.afterExchange?(path)
                // `temporary` names the displaced file: the one compared, its contents untouched?
                if let displaced = FileState.of(temporary, in: folder), displaced.isSameFile(state),
                    let now = FileState.of(compared), now.hasSameContents(state), readAll(compared) == original
                {
                    removeTemporary = false
                    unlinkat(folder, temporary, 0)
                    return try finish(temporaryFile)
                }
                // An edit slipped in: exchange back.
                guard Exchange.exchange(folder, temporary, name) == 0 else {
                    removeTemporary = false
                    throw .changedOnDisk(file, keptAt: keep(temporary))
                }
                // The temporary name should hold our file again, as we wrote it; anything else is
                // an edit made in that instant, which is kept.
                if let back = FileState.of(temporary, in: folder), back.hasSameContents(written),
                    readAll(temporaryFile) == bytes
                {
                    throw .changedOnDisk(file, keptAt: nil)
                }
                removeTemporary = false
                throw .changedOnDisk(file, keptAt: keep(temporary))
            }
            let code = errno
            if code == ENOENT { throw .changedOnDisk(file, keptAt: nil) }
            guard Exchange.unsupported.contains(code) else { throw failure(code) }
        }

        // Without the exchange: compare the name once more, just before the rename.
        guard let current = FileState.of(name, in: folder), current.isUnchanged(state) else {
            throw .changedOnDisk(file, keptAt: nil)
        }
        hooks.beforeRename?(path)
        guard renameat(folder, temporary, folder, name) == 0 else { throw failure() }
        removeTemporary = false
        // `compared` is the displaced file (barring a rename in the last instant): an edit made
        // in place since the comparison is in it, and is put back.
        if let now = FileState.of(compared), now.hasSameContents(state), readAll(compared) == original {
            return try finish(temporaryFile)
        }
        throw .changedOnDisk(file, keptAt: restore(compared, over: written))
    }

    /// Syncs the new file and its folder.
    func finish(_ descriptor: Int32) throws(FixError) {
        guard fsync(descriptor) == 0 else { throw failure(errno, "written, but syncing it failed") }
        guard fsync(folder) == 0 else { throw failure(errno, "written, but syncing its folder failed") }
    }

    /// Puts the contents of the open file `edited` back at the name, which holds our file
    /// (`ours`). Returns where the edit is kept when it cannot go back at its name.
    func restore(_ edited: Int32, over ours: FileState) -> String? {
        guard let bytes = readAll(edited), let state = FileState.of(edited) else { return nil }
        guard let (descriptor, temporary, _) = try? createTemporary(bytes, like: state) else {
            return nil
        }
        defer { close(descriptor) }
        if let current = FileState.of(name, in: folder), current.isSameFile(ours),
            renameat(folder, temporary, folder, name) == 0
        {
            _ = fsync(folder)
            return nil
        }
        return keep(temporary)
    }

    /// Rewrites a file with several hard links in place, so every name sees the fix: the new bytes
    /// go to a temporary file first (synced and read back), then the file is compared with what
    /// was read, truncated, written and synced, and the temporary file removed. POSIX has no
    /// conditional write, so an edit made in place in the instant between that comparison and
    /// the truncation is lost; an editor that saves by rename makes a new file and is not touched.
    func rewriteInPlace(state: FileState, original: [UInt8], bytes: [UInt8]) throws(FixError) {
        let descriptor = openat(folder, name, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        guard let opened = FileState.of(descriptor), opened.isSameFile(state) else {
            throw .changedOnDisk(file, keptAt: nil)
        }
        let (temporaryFile, temporary, _) = try createTemporary(bytes, like: nil)
        var removeTemporary = true
        defer {
            close(temporaryFile)
            if removeTemporary { unlinkat(folder, temporary, 0) }
        }
        guard readAll(temporaryFile) == bytes else { throw .cannotWrite(file, "the temporary copy does not read back") }
        hooks.beforeFinalCheck?(path)
        guard let now = FileState.of(descriptor), now.isUnchanged(state), readAll(descriptor) == original,
            let named = FileState.of(name, in: folder), named.isSameFile(state)
        else { throw .changedOnDisk(file, keptAt: nil) }
        hooks.beforeReplace?(path)
        guard ftruncate(descriptor, 0) == 0, writeAll(descriptor, bytes), fsync(descriptor) == 0 else {
            let code = errno
            // Put the bytes read back; failing that, keep them beside the file.
            if ftruncate(descriptor, 0) == 0, writeAll(descriptor, original), fsync(descriptor) == 0 {
                throw failure(code)
            }
            var kept = "nowhere"
            if let (copy, name, _) = try? createTemporary(original, like: state) {
                close(copy)
                kept = keep(name)
            }
            throw failure(code, "rewriting it failed and it could not be restored; its text is kept in \(kept)")
        }
        removeTemporary = false
        unlinkat(folder, temporary, 0)
        guard fsync(folder) == 0 else { throw failure(errno, "written, but syncing its folder failed") }
    }
}

/// The atomic exchange of two names in one folder.
enum Exchange {
    /// Errors meaning the file system (or kernel) cannot exchange: use a rename instead.
    static let unsupported: Set<Int32> = [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP]

    /// 0 or -1 (errno set); nil when the system has no exchange call.
    static func exchange(_ folder: Int32, _ first: String, _ second: String) -> Int32? {
        #if canImport(Darwin)
            // RENAME_SWAP
            return renameatx_np(folder, first, folder, second, 0x2)
        #else
            guard let call = renameat2 else { return nil }
            // RENAME_EXCHANGE
            return call(folder, first, folder, second, 0x2)
        #endif
    }

    #if !canImport(Darwin)
        typealias Renameat2 =
            @convention(c) (
                Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
            ) -> Int32

        /// glibc 2.28+ (and musl 1.2.3+) export `renameat2`; the C library headers only declare it
        /// with _GNU_SOURCE, so it is looked up.
        static let renameat2: Renameat2? = {
            guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: Renameat2.self)
        }()
    #endif
}

private func readAll(_ descriptor: Int32) -> [UInt8]? {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var offset: off_t = 0
    while true {
        let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
        if count < 0 {
            if errno == EINTR { continue }
            return nil
        }
        if count == 0 { return bytes }
        bytes.append(contentsOf: chunk[0..<count])
        offset += off_t(count)
    }
}

private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let count = bytes.withUnsafeBytes {
            pwrite(descriptor, $0.baseAddress! + offset, bytes.count - offset, off_t(offset))
        }
        if count < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += count
    }
    return true
}
