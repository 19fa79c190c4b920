/// A content file with its language and place in the content tree.
struct PlacedFile: Sendable {
    var path: String
    var bytes: [UInt8]
    /// The file's path below the content component, as its mount places it (`blog/post.md` for
    /// `posts/post.md` mounted at `content/blog`): Hugo's `.File.Path`.
    var contentPath: String
    /// Directory below the content component, no leading or trailing slash. Hugo mounts every
    /// language's content folder at the same root, so `content/en/blog` and `content/nl/blog` are
    /// one directory `blog`.
    var directory: String
    /// The file name as on disk (`Café & Bar!.md`).
    var fileName: String
    /// Extension, lower-cased (`md`, `markdown`).
    var ext: String
    /// File name without extension and language suffix, lower-cased (`index`, `_index`, `about`).
    var baseName: String
    var language: String
    /// The file name holds the language (`about.nl.md`): Hugo gives it priority.
    var hasLanguageSuffix: Bool
    /// Position of the file's mount among the content mounts, in Hugo's order (the project's
    /// first, in declaration order; per-language `contentDir`s in the languages' order). Earlier
    /// mounts win over a language suffix (hugo-behaviour §2.3, §8.5).
    var mountRank: Int
    var logicalPath: String
    var kind: Page.Kind

    /// An HTML content file (`.html`, `.htm`): its body is written as it is.
    var isHTML: Bool { ext == "html" || ext == "htm" }

    /// Hugo's `.Section`: the first folder of the file's path, lower-cased as logical paths are
    /// (empty for the home page and the pages at the root; a section's own first segment).
    var section: String {
        if kind == .home { return "" }
        let first =
            kind == .section
            ? logicalPath.split(separator: "/").first.map(String.init)
            : directory.split(separator: "/").first.map { HugoPath.normalize(String($0)) }
        return first ?? ""
    }

    /// Hugo's `ContentBaseName`, which `:filename` dates read: a bundle's folder name for its
    /// `index`/`_index` file, else the file name without extension and language suffix, as written.
    var contentBaseName: String {
        if baseName == "index" || baseName == "_index" {
            return directory.split(separator: "/").last.map(String.init) ?? ""
        }
        var name = Substring(fileName)
        if !ext.isEmpty { name = name.dropLast(ext.utf8.count + 1) }
        if hasLanguageSuffix { name = name.dropLast(language.utf8.count + 1) }
        return String(name)
    }
}

/// The content files of a site as Hugo 0.168 collects them (hugo-behaviour §2.1–2.4): language
/// and logical path of each file, Markdown files inside leaf bundles set aside as resources, and
/// for every page claimed by several files in one language, the file Hugo keeps.
struct ContentTree: Sendable {
    /// Extensions (lower case) of the content files Hugo makes pages of and twc-lint reads:
    /// Markdown and HTML. AsciiDoc, Pandoc, reStructuredText and Org need external programs or
    /// are refused by default; they are not read.
    public static let pageExtensions: Set<String> = ["md", "markdown", "mdown", "html", "htm"]

    /// Files that are pages (or claim to be and are dropped), in the order given.
    let pageFiles: [PlacedFile]
    /// For each dropped file (index into `pageFiles`), the file Hugo keeps instead.
    let replacedBy: [Int: Int]
    let conflicts: [PageConflict]

    /// The page files of the content mounts (`files`, each with its mount; `bytes` by path).
    init(files: [MountedFile], bytes: [String: [UInt8]], mounts: Mounts, config: SiteConfig) {
        var placed: [PlacedFile] = []
        var seen = Set<String>()
        for file in files {
            for placement in Self.place(file, bytes: bytes[file.path] ?? [], mounts: mounts, config: config)
            where seen.insert(placement.language + ":" + placement.logicalPath + "\u{0}" + placement.path).inserted {
                placed.append(placement)
            }
        }
        var resolved = Self.resolve(placed)
        // A file that one mount gives to a language another file already has there, and that is
        // kept elsewhere (in another language, or through another mount), is not a page there:
        // Hugo gives it only the languages left (a fallback mount). Only a file Hugo drops
        // entirely is a conflict.
        let keptFiles = Set(
            resolved.pageFiles.indices.filter { resolved.replacedBy[$0] == nil }.map {
                resolved.pageFiles[$0].path
            })
        let fallbacks = Set(
            resolved.conflicts.filter { $0.reason != .leafBundle }.map(\.dropped).filter {
                keptFiles.contains(resolved.pageFiles[$0].path)
            })
        if !fallbacks.isEmpty {
            resolved = Self.resolve(
                resolved.pageFiles.indices.filter { !fallbacks.contains($0) }.map {
                    resolved.pageFiles[$0]
                })
        }
        pageFiles = resolved.pageFiles
        replacedBy = resolved.replacedBy
        conflicts = resolved.conflicts
    }

    /// Leaf bundles and collisions among `placed` (hugo-behaviour §2.3, §2.4).
    static func resolve(_ placed: [PlacedFile]) -> (
        pageFiles: [PlacedFile], replacedBy: [Int: Int], conflicts: [PageConflict]
    ) {
        // A directory holding an index file (of any language) is a leaf bundle: every other file
        // in it and below it is a resource. An `_index` beside the index file still claims the
        // page; it is kept here to be reported as dropped.
        let leafDirs = Set(placed.filter { $0.baseName == "index" && !$0.directory.isEmpty }.map(\.directory))
        var pageFiles: [PlacedFile] = []
        var inLeafRoot: [Int] = []
        for file in placed {
            var ancestor = file.directory
            var isResource = false
            while !ancestor.isEmpty && !isResource {
                ancestor = Self.parentDirectory(ancestor)
                isResource = leafDirs.contains(ancestor)
            }
            if isResource { continue }
            if leafDirs.contains(file.directory) {
                if file.baseName == "_index" {
                    inLeafRoot.append(pageFiles.count)
                } else if file.baseName != "index" {
                    continue
                }
            }
            pageFiles.append(file)
        }
        var replacedBy: [Int: Int] = [:]
        var conflicts: [PageConflict] = []
        // Same language, same logical path: Hugo keeps one.
        let leafRootSet = Set(inLeafRoot)
        var claims: [String: [Int]] = [:]
        var keys: [String] = []
        for (index, file) in pageFiles.enumerated() where !leafRootSet.contains(index) {
            let key = file.language + ":" + file.logicalPath
            if claims[key] == nil { keys.append(key) }
            claims[key, default: []].append(index)
        }
        var winner: [String: Int] = [:]
        for key in keys {
            let members = claims[key]!
            let kept = Self.keptFile(members, pageFiles)
            winner[key] = kept
            for member in members where member != kept {
                replacedBy[member] = kept
                conflicts.append(
                    PageConflict(
                        kept: kept, dropped: member,
                        reason: Self.reason(kept: pageFiles[kept], dropped: pageFiles[member])))
            }
        }
        // An `_index` beside a leaf bundle's index file: the index file (same language first) is the page.
        for index in inLeafRoot {
            let file = pageFiles[index]
            let leafIndexes = winner.values.filter {
                pageFiles[$0].baseName == "index" && pageFiles[$0].directory == file.directory
            }
            let sameLanguage = leafIndexes.filter { pageFiles[$0].language == file.language }
            guard let kept = (sameLanguage.isEmpty ? leafIndexes : sameLanguage).min() else { continue }
            replacedBy[index] = kept
            conflicts.append(PageConflict(kept: kept, dropped: index, reason: .leafBundle))
        }
        return (pageFiles, replacedBy, conflicts.sorted { ($0.dropped, $0.kept) < ($1.dropped, $1.kept) })
    }

    /// Which of several files claiming one page in one language Hugo 0.168 keeps. In one
    /// directory Hugo sorts the files (`.md` before `.markdown`, then by weight: an earlier
    /// language's content dir, then a language suffix; then by name, byte-wise) and keeps the
    /// first. Across directories the heavier file wins; between equals the file inserted last,
    /// which is whichever Hugo's parallel workers finish last (usually the later in walk order).
    static func keptFile(_ members: [Int], _ files: [PlacedFile]) -> Int {
        var survivors: [Int] = []
        var byDirectory: [String: [Int]] = [:]
        var directories: [String] = []
        for member in members {
            if byDirectory[files[member].directory] == nil { directories.append(files[member].directory) }
            byDirectory[files[member].directory, default: []].append(member)
        }
        for directory in directories {
            let sorted = byDirectory[directory]!.sorted { directoryOrder(files[$0], files[$1]) }
            survivors.append(sorted[0])
        }
        let best = survivors.map { weight(files[$0]) }.max { $0 < $1 }!
        let heaviest = survivors.filter { weight(files[$0]) == best }
        return heaviest.max { walksBefore(files[$0], files[$1]) }!
    }

    /// Hugo's weight of a file, compared as a tuple: an earlier mount (language content dir)
    /// first, then a language suffix in the file name.
    static func weight(_ file: PlacedFile) -> (Int, Int) { (-file.mountRank, file.hasLanguageSuffix ? 1 : 0) }

    /// Hugo's order of the files of one directory (hugofs componentFs): extension descending,
    /// weight descending, name ascending (bytes).
    static func directoryOrder(_ left: PlacedFile, _ right: PlacedFile) -> Bool {
        // Files of one name in different mounts: the earlier mount first (hugo-behaviour §8.5).
        if left.mountRank != right.mountRank && left.baseName == right.baseName {
            return left.mountRank < right.mountRank
        }
        if left.ext != right.ext {
            return Array(left.ext.utf8).lexicographicallyPrecedes(Array(right.ext.utf8)) == false
        }
        if weight(left) != weight(right) { return weight(left) > weight(right) }
        return Array(left.fileName.utf8).lexicographicallyPrecedes(Array(right.fileName.utf8))
    }

    /// Whether Hugo's content walk meets `left` before `right`: a directory's files before its
    /// subdirectories, subdirectories by normalised name, then name.
    static func walksBefore(_ left: PlacedFile, _ right: PlacedFile) -> Bool {
        let a = left.directory.split(separator: "/").map(String.init)
        let b = right.directory.split(separator: "/").map(String.init)
        for (x, y) in zip(a, b) where x != y {
            let (nx, ny) = (HugoPath.normalize(x), HugoPath.normalize(y))
            if nx != ny { return Array(nx.utf8).lexicographicallyPrecedes(Array(ny.utf8)) }
            return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        }
        if a.count != b.count { return a.count < b.count }
        return directoryOrder(left, right)
    }

    static func reason(kept: PlacedFile, dropped: PlacedFile) -> PageConflict.Reason {
        if kept.directory == dropped.directory {
            if kept.ext != dropped.ext { return .sameDirectory }
            if kept.mountRank != dropped.mountRank { return .contentDirectory }
            if kept.hasLanguageSuffix != dropped.hasLanguageSuffix { return .languageSuffix }
            return .sameDirectory
        }
        if kept.mountRank != dropped.mountRank { return .contentDirectory }
        if kept.hasLanguageSuffix != dropped.hasLanguageSuffix { return .languageSuffix }
        return .unpredictable
    }

    /// The file `file` as Hugo places it: one placement per language its mount gives it (the
    /// mount's languages, or the language a suffix in the file name names: `about.nl.md` is
    /// Dutch in any mount), none when it is in a disabled language.
    static func place(_ file: MountedFile, bytes: [UInt8], mounts: Mounts, config: SiteConfig) -> [PlacedFile] {
        let mount = mounts.all[file.mount]
        let name = HugoPath.contentPath(file.logical) {
            config.language($0) != nil || config.disabledLanguages.contains($0)
        }
        guard !name.fileName.isEmpty else { return [] }
        if let suffix = name.language, config.disabledLanguages.contains(suffix) { return [] }
        let languages = name.language.map { [$0] } ?? mount.languages
        let mountRank = mounts.rank[file.mount]
        let components = file.logical.split(separator: "/", omittingEmptySubsequences: true).dropLast().map(String.init)
        let kind: Page.Kind =
            switch name.stem {
            case "_index": name.directory.isEmpty ? .home : .section
            default: .page
            }
        return languages.filter { !config.disabledLanguages.contains($0) }.map { language in
            PlacedFile(
                path: file.path, bytes: bytes, contentPath: file.logical, directory: components.joined(separator: "/"),
                fileName: name.fileName, ext: name.ext, baseName: name.stem, language: language,
                hasLanguageSuffix: name.language != nil, mountRank: mountRank,
                logicalPath: name.logicalPath, kind: kind)
        }
    }

    static func parentDirectory(_ directory: String) -> String {
        guard let slash = directory.lastIndex(of: "/") else { return "" }
        return String(directory[..<slash])
    }
}
