import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a path names in a site's file system.
public enum FileKind: Sendable, Equatable {
    case file
    case directory
    /// Something twc-lint does not read, and why: a special file (a FIFO, a socket, a device), a
    /// symbolic link that leaves the site or leads nowhere, a name that is not UTF-8.
    case unusable(String)
}

/// A directory entry: its name and kind.
public struct DirectoryEntry: Sendable, Equatable {
    public var name: String
    public var kind: FileKind

    public init(name: String, kind: FileKind) {
        self.name = name
        self.kind = kind
    }
}

/// A file or directory that cannot be read, with the reason (`Permission denied`), or one that is
/// deliberately not read (`info`: a special file, a symbolic link leaving the site).
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path as the site names it (relative to the site root).
    public var path: String
    public var reason: String
    /// `.error` when the file should have been read and could not be; `.info` when it is left
    /// out on purpose.
    public var severity: Severity

    public init(path: String, reason: String, severity: Severity = .error) {
        self.path = path
        self.reason = reason
        self.severity = severity
    }

    public var description: String { "\(path): \(reason)" }
}

/// The one door through which twc-lint reads a site: every configuration file, content file,
/// layout and listing goes through it. Paths are relative to the site root, `/`-separated, without
/// a leading slash (`content/about.md`; `""` is the root). `DiskFileSystem` reads a folder;
/// `MemoryFileSystem` holds a site in memory for tests and rule examples.
public protocol SiteFileSystem: Sendable {
    /// What `path` names, or nil when nothing is there.
    func kind(of path: String) -> FileKind?
    /// The bytes of the file at `path`.
    func read(_ path: String) throws(FileSystemError) -> [UInt8]
    /// The entries of the directory at `path`, sorted by name (bytes).
    func list(_ directory: String) throws(FileSystemError) -> [DirectoryEntry]
    /// When the file at `path` was last modified, if known (Hugo's `:filemodtime`).
    func modificationTime(of path: String) -> Date?
    /// How the site's root is shown to the user (the folder's absolute path, or a label).
    var rootDescription: String { get }
}

extension SiteFileSystem {
    public func exists(_ path: String) -> Bool { kind(of: path) != nil }
    public func isFile(_ path: String) -> Bool { kind(of: path) == .file }
    public func isDirectory(_ path: String) -> Bool { kind(of: path) == .directory }

    /// Every file below `directory` (relative to it, sorted by path), and the directories that
    /// could not be listed. A missing directory has no files.
    public func files(under directory: String) -> (files: [String], problems: [FileSystemError]) {
        var files: [String] = []
        var problems: [FileSystemError] = []
        func walk(_ relative: String) {
            let path = SitePath.join(directory, relative)
            let entries: [DirectoryEntry]
            do { entries = try list(path) } catch {
                problems.append(error)
                return
            }
            for entry in entries {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                switch entry.kind {
                case .file: files.append(child)
                case .directory: walk(child)
                case .unusable(let reason):
                    problems.append(
                        FileSystemError(path: SitePath.join(directory, child), reason: reason, severity: .info))
                }
            }
        }
        guard isDirectory(directory) else { return ([], []) }
        walk("")
        return (files, problems)
    }

}

/// Site-relative paths.
public enum SitePath {
    /// `directory/name`, without a leading slash when `directory` is the root.
    public static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        if name.isEmpty { return directory }
        return directory + "/" + name
    }
}

/// A site on disk, below `root` (an absolute path). Symbolic links are followed while they stay
/// inside the site; one that leaves it, leads nowhere or names a special file is listed as
/// `.unusable` and never read. A path may leave the root with `..` (a `contentDir` outside the
/// site): it is read from there, the same rules applying to what it holds.
public struct DiskFileSystem: SiteFileSystem {
    public let root: String
    /// The root with every symbolic link resolved.
    let resolvedRoot: String

    public init(root: String) {
        self.root = root
        resolvedRoot = Self.resolved(root) ?? root
    }

    public var rootDescription: String { root }

    func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return path.isEmpty ? root : root + "/" + path
    }

    /// `realpath(3)`: the path with every link resolved, or nil when it leads nowhere.
    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    public func kind(of path: String) -> FileKind? {
        var info = stat()
        guard stat(absolute(path), &info) == 0 else { return nil }
        return Self.kind(info.st_mode)
    }

    static func kind(_ mode: mode_t) -> FileKind {
        switch mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        case S_IFIFO: return .unusable("not a regular file (a FIFO): not read")
        case S_IFSOCK: return .unusable("not a regular file (a socket): not read")
        case S_IFCHR, S_IFBLK: return .unusable("not a regular file (a device): not read")
        default: return .unusable("not a regular file: not read")
        }
    }

    public func read(_ path: String) throws(FileSystemError) -> [UInt8] {
        // Non-blocking, so that a FIFO put where a file was listed cannot hang the run.
        let descriptor = open(absolute(path), O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileSystemError(path: path, reason: Self.reason(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileSystemError(path: path, reason: Self.reason(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileSystemError(
                path: path, reason: info.st_mode & S_IFMT == S_IFDIR ? "is a directory" : "not a regular file")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(path: path, reason: Self.reason(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    public func list(_ directory: String) throws(FileSystemError) -> [DirectoryEntry] {
        guard let stream = opendir(absolute(directory)) else {
            throw FileSystemError(path: directory.isEmpty ? "." : directory, reason: Self.reason(errno))
        }
        defer { closedir(stream) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(stream) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let shown = String(decoding: bytes, as: UTF8.self)
                entries.append(DirectoryEntry(name: shown, kind: .unusable("its name is not UTF-8: not read")))
                continue
            }
            if name == "." || name == ".." { continue }
            let path = SitePath.join(directory, name)
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): entries.append(DirectoryEntry(name: name, kind: .directory))
            case Int32(DT_REG): entries.append(DirectoryEntry(name: name, kind: .file))
            default: entries.append(DirectoryEntry(name: name, kind: linkedKind(path)))
            }
        }
        return entries.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    /// The kind of an entry that is a symbolic link or of unknown type: what it leads to, when
    /// that stays inside the site (or inside the folder it is listed in, for folders outside it).
    func linkedKind(_ path: String) -> FileKind {
        var info = stat()
        guard lstat(absolute(path), &info) == 0 else { return .unusable(Self.reason(errno)) }
        guard info.st_mode & S_IFMT == S_IFLNK else { return Self.kind(info.st_mode) }
        guard let target = Self.resolved(absolute(path)) else {
            return .unusable("a symbolic link that leads nowhere: not read")
        }
        let full = absolute(path)
        let parent = full.lastIndex(of: "/").map { String(full[..<$0]) } ?? root
        let listedIn = Self.resolved(parent.isEmpty ? "/" : parent) ?? resolvedRoot
        let inside = [resolvedRoot, listedIn].contains {
            target == $0 || target.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/")
        }
        guard inside else { return .unusable("a symbolic link to \(target), outside the site: not followed") }
        var targetInfo = stat()
        guard stat(target, &targetInfo) == 0 else { return .unusable(Self.reason(errno)) }
        return Self.kind(targetInfo.st_mode)
    }

    public func modificationTime(of path: String) -> Date? {
        var info = stat()
        guard stat(absolute(path), &info) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// `read(2)`, named apart from `SiteFileSystem.read`.
@inline(__always)
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.read(descriptor, buffer, count)
    #else
        return Darwin.read(descriptor, buffer, count)
    #endif
}

/// A site held in memory: files by path, and paths that fail to read (to test how read errors are
/// reported). Directories are implied by the files' paths.
public struct MemoryFileSystem: SiteFileSystem {
    public var files: [String: [UInt8]]
    /// Paths whose reading fails with the given reason (files or directories).
    public var failures: [String: String]
    public var modificationTimes: [String: Date]
    public var rootDescription: String

    public init(
        files: [String: [UInt8]] = [:], failures: [String: String] = [:], modificationTimes: [String: Date] = [:],
        rootDescription: String = "/example"
    ) {
        self.files = files
        self.failures = failures
        self.modificationTimes = modificationTimes
        self.rootDescription = rootDescription
    }

    /// A site from text files.
    public init(_ textFiles: [String: String], rootDescription: String = "/example") {
        self.init(files: textFiles.mapValues { Array($0.utf8) }, rootDescription: rootDescription)
    }

    public func kind(of path: String) -> FileKind? {
        if path.isEmpty { return .directory }
        if files[path] != nil { return .file }
        let prefix = path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) } || failures[path] != nil ? .directory : nil
    }

    public func read(_ path: String) throws(FileSystemError) -> [UInt8] {
        if let reason = failures[path] { throw FileSystemError(path: path, reason: reason) }
        guard let bytes = files[path] else {
            throw FileSystemError(
                path: path, reason: kind(of: path) == .directory ? "is a directory" : "No such file or directory")
        }
        return bytes
    }

    public func list(_ directory: String) throws(FileSystemError) -> [DirectoryEntry] {
        if let reason = failures[directory] { throw FileSystemError(path: directory, reason: reason) }
        let prefix = directory.isEmpty ? "" : directory + "/"
        var entries: [String: FileKind] = [:]
        for path in files.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                entries[String(rest[..<slash])] = .directory
            } else if entries[String(rest)] == nil {
                entries[String(rest)] = .file
            }
        }
        return entries.map { DirectoryEntry(name: $0.key, kind: $0.value) }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    public func modificationTime(of path: String) -> Date? { modificationTimes[path] }
}
