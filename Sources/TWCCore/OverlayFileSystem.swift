import Foundation

/// A site as another file system holds it, with some files added or replaced in memory: what the
/// site would be once they are written (`twc-lint new` checks a page it is about to create this
/// way, before it writes anything). Folders the added files need are implied by their paths.
public struct OverlayFileSystem: SiteFileSystem {
    public let base: any SiteFileSystem
    /// Site-relative paths and their bytes, over the base's.
    public let files: [String: [UInt8]]

    public init(base: any SiteFileSystem, files: [String: [UInt8]]) {
        self.base = base
        self.files = files
    }

    public var rootDescription: String { base.rootDescription }

    /// Whether an added file lies below `directory`.
    func holdsAdded(_ directory: String) -> Bool {
        if directory.isEmpty { return !files.isEmpty }
        let prefix = directory + "/"
        return files.keys.contains { $0.hasPrefix(prefix) }
    }

    public func kind(of path: String) -> FileKind? {
        if files[path] != nil { return .file }
        if let kind = base.kind(of: path) { return kind }
        return holdsAdded(path) ? .directory : nil
    }

    public func read(_ path: String) throws(FileSystemError) -> [UInt8] {
        if let bytes = files[path] { return bytes }
        return try base.read(path)
    }

    public func list(_ directory: String) throws(FileSystemError) -> [DirectoryEntry] {
        var entries: [String: FileKind] = [:]
        if base.kind(of: directory) == .directory || !holdsAdded(directory) {
            for entry in try base.list(directory) { entries[entry.name] = entry.kind }
        }
        let prefix = directory.isEmpty ? "" : directory + "/"
        for path in files.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                entries[String(rest[..<slash])] = .directory
            } else {
                entries[String(rest)] = .file
            }
        }
        return entries.map { DirectoryEntry(name: $0.key, kind: $0.value) }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    public func modificationTime(of path: String) -> Date? {
        files[path] != nil ? Date() : base.modificationTime(of: path)
    }
}
