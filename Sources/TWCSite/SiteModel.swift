import Foundation
import TWCCore
import TWCFrontmatter
import TWCMarkdown

/// A content file handed to the site model: path relative to the site root, and its bytes.
public struct ContentFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// One page of the site, in one language.
public struct Page: Sendable {
    public enum Kind: String, Sendable { case home, section, page }

    public let index: Int
    public let parsed: ParsedPage
    public let language: String
    public let kind: Kind
    /// Hugo's logical path: content-dir relative, lower-cased, no extension, language suffix,
    /// `/index` or `/_index` (`/about`, `/` for the home page).
    public let logicalPath: String
    /// `translationKey` from the front matter, if set.
    public let translationKey: String?
    /// The key pages are paired by: the translation key, else the logical path.
    public let groupKey: String
    /// Relative permalink (`/nl/about/`).
    public let url: String
    public let headings: [PageHeading]
    /// Every fragment that exists on the built page: heading IDs and (with unsafe HTML) HTML ids.
    public let anchors: Set<String>
    public let links: [PageLink]

    public var source: SourceFile { parsed.source }
    public var path: String { parsed.source.path }
    public var frontmatter: FrontmatterValue { parsed.frontmatter }
}

/// The versions of one page across languages.
public struct TranslationGroup: Sendable {
    public let key: String
    /// Page index per language key.
    public let pages: [String: Int]
    /// The language whose version the others are compared with.
    public let sourceLanguage: String?
    /// Section alignment of each translation (page index) with the source page.
    public let alignments: [Int: SectionAlignment]
}

/// Where a link goes in the built site.
public enum LinkTarget: Sendable, Equatable {
    /// A URL with a scheme (`https:`, `mailto:` ...) or protocol-relative.
    case external(String)
    /// A page of the site, with the fragment if any. The page may be one the build leaves out
    /// (a draft): see `SiteModel.isPublished`.
    case page(Int, fragment: String?)
    /// Something else the built site publishes at `path`: a static file, a page resource, a list
    /// page or feed Hugo generates (see `PublishedTarget`).
    case file(path: String, fragment: String?)
    /// A site path where nothing is published, or a `ref`/`relref` Hugo cannot resolve (`path`
    /// is then the ref's path argument; `SiteModel.resolveRef` says why).
    case unresolved(path: String, fragment: String?)
    /// A destination made by a shortcode other than `ref`/`relref`: only Hugo knows where it goes.
    case unknown
}

/// Everything the rules read: configuration, pages, translation groups, URLs, anchors.
public struct SiteModel: Sendable {
    public let config: SiteConfig
    public let pages: [Page]
    public let groups: [TranslationGroup]
    /// Group index of each page.
    public let groupOfPage: [Int]
    /// Files that claim the same page in the same language as an earlier file: (kept, dropped).
    public let conflicts: [(kept: Int, dropped: Int)]
    let pageByURL: [String: Int]
    let pageByLogicalPath: [String: Int]
    /// Pages dropped for another file of the same page and language.
    let droppedPages: Set<Int>
    /// Static files, resources, generated pages, redirects, unpublished pages.
    var published = PublishedPaths()
    /// Published pages, and generated list pages, by the last segment of their logical path, per
    /// language ("nl:sibling"), for `ref "sibling"`; `.ambiguous` when several share the name.
    var pagesByBaseName: [String: LinkResolver.PageLookup] = [:]
    /// Published pages by name, for suggestions.
    var pageNames = PageNameIndex()
    let closestPageMemo = ClosestPageMemo()
    /// Where each link goes: `linkTargets[page.index][i]` for `page.links[i]`, resolved once here.
    public internal(set) var linkTargets: [[LinkTarget]] = []

    /// Where `page.links[link]` goes in the built site.
    public func target(ofLink link: Int, in page: Page) -> LinkTarget { linkTargets[page.index][link] }

    public func group(of page: Page) -> TranslationGroup { groups[groupOfPage[page.index]] }

    /// The versions of `page` in the other languages of its group.
    public func counterparts(of page: Page) -> [Page] {
        group(of: page).pages.filter { $0.key != page.language }.sorted { $0.key < $1.key }.map { pages[$0.value] }
    }

    public func sourcePage(of page: Page) -> Page? {
        let group = group(of: page)
        guard let language = group.sourceLanguage, let index = group.pages[language] else { return nil }
        return pages[index]
    }

    public func alignment(of translation: Page) -> SectionAlignment? {
        group(of: translation).alignments[translation.index]
    }

    public func page(url: String) -> Page? { pageByURL[url].map { pages[$0] } }

    /// Resolves a Markdown link destination of `page` as the built site does (browser rules or
    /// the embedded link hook, hugo-semantics §6.2, §6.3).
    public func resolve(_ destination: String, from page: Page) -> LinkTarget {
        LinkResolver(site: self).resolve(destination, from: page)
    }

    /// Resolves any link of `page`: Markdown links and images, `ref`/`relref`, shortcode `href`s.
    public func resolve(link: PageLink, from page: Page) -> LinkTarget {
        LinkResolver(site: self).resolve(link, from: page)
    }

    /// Resolves a `ref`/`relref` call as Hugo does (hugo-semantics §6.1).
    public func resolveRef(_ call: RefCall, from page: Page) -> RefResolution {
        LinkResolver(site: self).resolveRef(call, from: page)
    }

    /// The published page Hugo's lookup finds for the content path `path` from `page`, in
    /// `language` (default: the page's): GetPage as the embedded link hook calls it, or with the
    /// base-name search of `ref`/`relref` when `asRef` (hugo-semantics §6.1, §6.3).
    public func findPage(_ path: String, from page: Page, language: String? = nil, asRef: Bool = false) -> Page? {
        let resolver = LinkResolver(site: self)
        let (decoded, _, _) = resolver.splitURL(path.replacingOccurrences(of: "\\", with: "/"))
        guard case .found(let index) = resolver.lookupPage(decoded, from: page, language: language ?? page.language, reflink: asRef) else {
            return nil
        }
        return pages[index]
    }

    /// The published page with content path `logicalPath` (`/about`) in `language`.
    func page(logicalPath: String, language: String) -> Int? {
        guard let index = pageByLogicalPath[language + ":" + logicalPath], isPublished(index) else { return nil }
        return index
    }

    /// The version of `target` in `language`, when its translation group has one that is published.
    public func version(of target: Page, in language: String) -> Page? {
        if target.language == language { return target }
        guard let index = group(of: target).pages[language], isPublished(index) else { return nil }
        return pages[index]
    }
}

public enum SiteLoader {
    /// Reads the configuration, every content file of the site at `root`, and the listing of its
    /// static, resource and asset files.
    public static func load(root: String, settings: LintSettings? = nil) throws(SiteConfigError) -> SiteModel {
        var config = try SiteConfigLoader.load(root: root)
        if let settings {
            if settings.sourceLanguage != nil { config.lint.sourceLanguage = settings.sourceLanguage }
            config.lint.translatableKeys += settings.translatableKeys
        }
        if let wanted = config.lint.sourceLanguage, config.language(wanted) == nil {
            throw SiteConfigError(file: config.configFiles.first ?? root,
                                  message: "source language '\(wanted)' is not a language of the site (\(config.languageKeys.joined(separator: ", ")))")
        }
        var otherFiles: [String] = []
        let files = readContentFiles(config: config, otherFiles: &otherFiles)
        return build(config: config, files: files, siteFiles: PublishedPathsBuilder.listFiles(config: config, contentFiles: otherFiles))
    }

    /// Content directories to scan, relative to the root.
    static func contentDirs(_ config: SiteConfig) -> [String] {
        var seen: [String] = []
        for language in config.languages where !seen.contains(language.contentDir) { seen.append(language.contentDir) }
        return seen
    }

    /// The Markdown files of the content directories, read; `otherFiles` receives the paths of
    /// the other files there (page resources).
    static func readContentFiles(config: SiteConfig, otherFiles: inout [String]) -> [ContentFile] {
        var paths: [String] = []
        let fileManager = FileManager.default
        for dir in contentDirs(config) {
            let base = config.root + "/" + dir
            guard let enumerator = fileManager.enumerator(atPath: base) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let ext = (relative as NSString).pathExtension.lowercased()
                guard ext == "md" || ext == "markdown" else {
                    if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type != .typeDirectory,
                       !(relative as NSString).lastPathComponent.hasPrefix(".") {
                        otherFiles.append(dir + "/" + relative)
                    }
                    continue
                }
                paths.append(dir + "/" + relative)
            }
        }
        otherFiles.sort()
        let sortedPaths = paths.sorted()
        let files = concurrentMap(sortedPaths.count) { index in
            ContentFile(path: sortedPaths[index],
                        bytes: [UInt8](FileManager.default.contents(atPath: config.root + "/" + sortedPaths[index]) ?? Data()))
        }
        return files
    }

    /// Builds the model from files already in memory (used by tests and rule examples too).
    /// `siteFiles` lists the static files, page resources and assets (none by default).
    public static func build(config: SiteConfig, files: [ContentFile], siteFiles: SiteFiles = SiteFiles()) -> SiteModel {
        // 1. Assign languages and logical paths; drop leaf-bundle resources and disabled languages.
        let placed = files.compactMap { place($0, config: config) }
        let leafDirs = Set(placed.filter { $0.baseName == "index" }.map { $0.contentDir + ":" + $0.directory })
        let pageFiles = placed.filter { file in
            // Any Markdown file below a leaf bundle (other than its index files) is a resource.
            var directory = file.directory
            if file.baseName == "index" {
                guard !directory.isEmpty else { return true }
                directory = parentDirectory(directory)
            }
            while !directory.isEmpty {
                if leafDirs.contains(file.contentDir + ":" + directory) { return false }
                directory = parentDirectory(directory)
            }
            return true
        }
        // 2. Parse every file in parallel.
        let parsed = concurrentMap(pageFiles.count) { index in
            ParsedPage.parse(SourceFile(path: pageFiles[index].path, bytes: pageFiles[index].bytes))
        }
        // 3. Per page: URL, headings and anchors, links.
        var pages: [Page] = []
        var conflicts: [(kept: Int, dropped: Int)] = []
        var pageByLogicalPath: [String: Int] = [:]
        for (index, file) in pageFiles.enumerated() {
            let parsedPage = parsed[index]
            let headings = parsedPage.headings(config: config)
            var anchors = Set(headings.compactMap(\.anchor))
            if config.unsafeHTML { anchors.formUnion(parsedPage.htmlAnchors()) }
            let translationKey = parsedPage.frontmatter["translationKey"]?.stringValue
            let page = Page(index: pages.count, parsed: parsedPage, language: file.language, kind: file.kind,
                            logicalPath: file.logicalPath, translationKey: translationKey,
                            groupKey: translationKey.map { "key:" + $0 } ?? file.logicalPath,
                            url: URLBuilder.url(for: file, frontmatter: parsedPage.frontmatter, config: config),
                            headings: headings, anchors: anchors,
                            links: parsedPage.links(headings: headings, hrefParameters: config.shortcodeHrefParameters))
            let logicalKey = file.language + ":" + file.logicalPath
            if let existing = pageByLogicalPath[logicalKey] {
                conflicts.append((existing, page.index))
            } else {
                pageByLogicalPath[logicalKey] = page.index
            }
            pages.append(page)
        }
        // 4. Translation groups.
        let dropped = Set(conflicts.map(\.dropped))
        var groupKeys: [String] = []
        var members: [String: [String: Int]] = [:]
        for page in pages where !dropped.contains(page.index) {
            if members[page.groupKey] == nil { groupKeys.append(page.groupKey); members[page.groupKey] = [:] }
            if members[page.groupKey]![page.language] == nil { members[page.groupKey]![page.language] = page.index }
        }
        var groupOfPage = [Int](repeating: 0, count: pages.count)
        var groups: [TranslationGroup] = []
        let preferred = [config.sourceLanguage] + config.languageKeys
        for key in groupKeys {
            let languages = members[key]!
            let source = preferred.first { languages[$0] != nil }
            var alignments: [Int: SectionAlignment] = [:]
            if let source, let sourceIndex = languages[source] {
                for (language, index) in languages where language != source {
                    alignments[index] = SectionAlignment.align(source: pages[sourceIndex], translation: pages[index])
                }
            }
            for index in languages.values { groupOfPage[index] = groups.count }
            groups.append(TranslationGroup(key: key, pages: languages, sourceLanguage: source, alignments: alignments))
        }
        for conflict in conflicts { groupOfPage[conflict.dropped] = groupOfPage[conflict.kept] }
        var pageByURL: [String: Int] = [:]
        for page in pages where !dropped.contains(page.index) && pageByURL[page.url] == nil { pageByURL[page.url] = page.index }
        var site = SiteModel(config: config, pages: pages, groups: groups, groupOfPage: groupOfPage, conflicts: conflicts,
                             pageByURL: pageByURL, pageByLogicalPath: pageByLogicalPath, droppedPages: dropped)
        // 5. What else the build publishes, and which pages it leaves out.
        site.published = PublishedPathsBuilder.build(config: config, files: siteFiles, pages: pages, dropped: dropped,
                                                     pageByLogicalPath: pageByLogicalPath)
        func addBaseName(_ languageAndPath: String, _ entry: LinkResolver.PageLookup) {
            guard let colon = languageAndPath.firstIndex(of: ":"), let name = languageAndPath.split(separator: "/").last,
                  languageAndPath[languageAndPath.index(after: colon)...] != "/" else { return }
            let key = String(languageAndPath[..<colon]) + ":" + String(name)
            site.pagesByBaseName[key] = site.pagesByBaseName[key] == nil ? entry : .ambiguous
        }
        for page in pages where site.isPublished(page.index) { addBaseName(page.language + ":" + page.logicalPath, .found(page.index)) }
        for (key, url) in site.published.generatedPages.sorted(by: { $0.key < $1.key }) { addBaseName(key, .generated(url)) }
        let model = site
        site.pageNames = PageNameIndex(pages: pages, config: config, isPublished: { model.isPublished($0) })
        // 6. Where every link goes, resolved once.
        let resolver = LinkResolver(site: site)
        let built = pages
        site.linkTargets = concurrentMap(built.count) { index in
            built[index].links.map { resolver.resolve($0, from: built[index]) }
        }
        return site
    }

    /// A content file with its language and place in the content tree.
    struct PlacedFile {
        var path: String
        var bytes: [UInt8]
        var contentDir: String
        /// Directory relative to the content dir, no leading or trailing slash.
        var directory: String
        /// File name without extension and language suffix (`index`, `_index`, `about`).
        var baseName: String
        var language: String
        var logicalPath: String
        var kind: Page.Kind
    }

    static func place(_ file: ContentFile, config: SiteConfig) -> PlacedFile? {
        // The longest content dir containing the file decides its directory language.
        var contentDir = ""
        var directoryLanguage: String?
        let sharedDirs = Set(config.languages.map(\.contentDir)).count == 1
        for language in config.languages where file.path.hasPrefix(language.contentDir + "/") && language.contentDir.count >= contentDir.count {
            if language.contentDir.count > contentDir.count || directoryLanguage == nil {
                contentDir = language.contentDir
                directoryLanguage = sharedDirs ? nil : language.key
            }
        }
        guard !contentDir.isEmpty else { return nil }
        let relative = String(file.path.dropFirst(contentDir.count + 1))
        var components = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard var name = components.popLast() else { return nil }
        if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
        var language = directoryLanguage ?? config.defaultContentLanguage
        if let dot = name.lastIndex(of: ".") {
            let suffix = name[name.index(after: dot)...].lowercased()
            if config.language(suffix) != nil {
                language = suffix
                name = String(name[..<dot])
            } else if config.disabledLanguages.contains(suffix) {
                return nil
            }
        }
        if config.disabledLanguages.contains(language) { return nil }
        let directory = components.joined(separator: "/")
        let normalizedDirectory = components.map(normalizeSegment)
        let kind: Page.Kind
        var logical: [String]
        switch name.lowercased() {
        case "_index":
            kind = normalizedDirectory.isEmpty ? .home : .section
            logical = normalizedDirectory
        case "index":
            kind = .page
            logical = normalizedDirectory
        default:
            kind = .page
            logical = normalizedDirectory + [normalizeSegment(name)]
        }
        return PlacedFile(path: file.path, bytes: file.bytes, contentDir: contentDir, directory: directory,
                          baseName: name.lowercased(), language: language,
                          logicalPath: "/" + logical.joined(separator: "/"), kind: kind)
    }

    /// Hugo ≥0.123 path normalisation: lower case, spaces to `-`.
    static func normalizeSegment(_ segment: String) -> String {
        segment.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    static func parentDirectory(_ directory: String) -> String {
        guard let slash = directory.lastIndex(of: "/") else { return "" }
        return String(directory[..<slash])
    }
}

