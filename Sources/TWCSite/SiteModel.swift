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
    /// The URL path Hugo publishes the page at, not percent-encoded, with the `baseURL` path
    /// (`/nl/café--bar/`, `/docs/en/about/`, `/file.html`). Unpublished pages keep the URL they
    /// would have; only published ones are in `SiteModel.page(url:)`.
    public let url: String
    /// The same path as Hugo writes it into links (`.RelPermalink`): `/nl/caf%C3%A9--bar/`.
    public let relPermalink: String
    /// `.Date`, `.PublishDate`, `.Lastmod` and `.ExpiryDate`, through the site's date chains.
    public let dates: HugoDates
    /// Whether Hugo publishes the page (draft, future, expired, not rendered, replaced).
    public let publishState: PublishState
    /// The redirect paths of the page's `aliases`, resolved as Hugo 0.168 writes them (same form
    /// as `url`: `/en/old/` for a directory, `/en/old.html` for a file).
    public let aliases: [String]
    public let headings: [PageHeading]
    /// Every fragment that exists on the built page: heading IDs and (with unsafe HTML) HTML ids.
    public let anchors: Set<String>
    public let links: [PageLink]

    public var source: SourceFile { parsed.source }
    public var path: String { parsed.source.path }
    public var frontmatter: FrontmatterValue { parsed.frontmatter }
    public var isPublished: Bool { publishState.isPublished }
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

/// Two files that claim the same page in the same language; Hugo keeps one and silently drops
/// the other (hugo-semantics §2.3).
public struct PageConflict: Sendable, Equatable {
    public enum Reason: String, Sendable {
        /// The kept file names its language in its file name (`both.nl.md` over `both.md`).
        case languageSuffix
        /// The kept file lies in the content directory of a language Hugo orders first.
        case contentDirectory
        /// Both lie in one directory and Hugo takes the first in its order: `.md` before
        /// `.markdown`, then file names byte by byte (`G.md` before `g.md`).
        case sameDirectory
        /// The dropped file is an `_index` inside a leaf bundle (a directory with an `index`
        /// file), which makes it a resource of that bundle.
        case leafBundle
        /// Files in different directories with the same priority: Hugo's parallel workers
        /// decide, the result changes between builds; `kept` is the usual outcome.
        case unpredictable
    }

    public let kept: Int
    public let dropped: Int
    public let reason: Reason
}

/// Two pages of one language that carry the same `translationKey` (Hugo lists both as
/// translations of the key's other pages).
public struct TranslationKeyDuplicate: Sendable, Equatable {
    public let key: String
    /// The page the translation group holds for the language.
    public let kept: Int
    public let duplicate: Int
}

/// A page Hugo publishes without a content file: a language's home page, or a top-level
/// section without an `_index` file in that language.
public struct GeneratedPage: Sendable, Equatable {
    public let kind: Page.Kind
    public let language: String
    public let logicalPath: String
    /// Published URL path, as `Page.url`.
    public let url: String
}

/// A redirect stub Hugo writes (meta refresh), from `from` to the page at `to` (both URL paths
/// as `Page.url`).
public struct Redirect: Sendable, Equatable {
    public let from: String
    public let to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
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
    /// Files that claim the same page in the same language as another file, with the one Hugo
    /// 0.168 keeps.
    public let conflicts: [PageConflict]
    /// Pages of one language sharing a `translationKey`.
    public let translationKeyDuplicates: [TranslationKeyDuplicate]
    /// Alias redirect paths of published pages (as `Page.url`) and the page each leads to.
    public let aliasTargets: [String: Int]
    /// The stub between `/` and the default language's home page (`/en/` → `/` or the reverse
    /// with `defaultContentLanguageInSubdir`); nil when Hugo writes none.
    public let homeRedirect: Redirect?
    /// Home and section pages Hugo publishes without a content file.
    public let generatedPages: [GeneratedPage]
    /// Published pages by URL.
    let pageByURL: [String: Int]
    /// Published pages by language and logical path (`nl:/about`).
    let pageByLogicalPath: [String: Int]
    /// Pages Hugo does not publish, by the URL they would have.
    let unpublishedByURL: [String: Int]
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

    /// The published page at `url` (a `Page.url`, not percent-encoded).
    public func page(url: String) -> Page? { pageByURL[url].map { pages[$0] } }

    /// A page Hugo does not publish whose URL would be `url`, to explain a link to it.
    public func unpublishedPage(url: String) -> Page? { unpublishedByURL[url].map { pages[$0] } }

    /// Whether the built site has a page, generated page or redirect stub at `url`.
    public func isPublished(url: String) -> Bool {
        pageByURL[url] != nil || aliasTargets[url] != nil || homeRedirect?.from == url
            || generatedPages.contains { $0.url == url }
    }

    /// The pages Hugo lists as the `.Translations` of `page` (published pages only, in language
    /// order): with a `translationKey`, every other page carrying the same key, in any language
    /// (two pages of one language with one key list each other); without one, the pages of the
    /// other languages at the same logical path, whatever their key. Unlike `group(of:)` this
    /// relation can be asymmetric (hugo-semantics §2.2).
    public func translations(of page: Page) -> [Page] {
        var result: [Page]
        if let key = page.translationKey {
            result = pages.filter { $0.translationKey == key && $0.index != page.index && $0.isPublished }
        } else {
            result = config.languageKeys.compactMap { language in
                language == page.language ? nil : self.page(logicalPath: page.logicalPath, language: language).map { pages[$0] }
            }
        }
        let order = config.languageKeys
        result.sort { (order.firstIndex(of: $0.language) ?? 0, $0.path) < (order.firstIndex(of: $1.language) ?? 0, $1.path) }
        return result
    }

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
            if settings.hugoVersion != nil { config.lint.hugoVersion = settings.hugoVersion }
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

    /// Reads every Markdown file (`.md`, `.markdown`) of the site's content directories.
    public static func readContentFiles(config: SiteConfig) -> [ContentFile] {
        var otherFiles: [String] = []
        return readContentFiles(config: config, otherFiles: &otherFiles)
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
        let clock = config.buildClock ?? Date()
        // 1. Languages, logical paths, leaf-bundle resources, and the file Hugo keeps for each page.
        let tree = ContentTree(files: files, config: config)
        let pageFiles = tree.pageFiles
        // 2. Parse every file in parallel.
        let markdown = config.markdownOptions
        let parsed = concurrentMap(pageFiles.count) { index in
            ParsedPage.parse(SourceFile(path: pageFiles[index].path, bytes: pageFiles[index].bytes), markdown: markdown)
        }
        // 3. Dates, through the site's date chains.
        let dates = concurrentMap(pageFiles.count) { index in
            HugoDate.resolve(frontmatter: parsed[index].frontmatter, format: parsed[index].frontmatterBlock?.format ?? .yaml,
                             timeZone: config.timeZone(for: pageFiles[index].language), chains: config.dateChains,
                             baseName: pageFiles[index].contentBaseName)
        }
        // 4. Section slugs move a section and everything below it (per language).
        var sectionSlugs: [String: String] = [:]
        for (index, file) in pageFiles.enumerated() where file.kind == .section && tree.replacedBy[index] == nil {
            if let slug = URLBuilder.slug(parsed[index].frontmatter, dates[index]) { sectionSlugs[file.language + ":" + file.logicalPath] = slug }
        }
        // 6. Per page: URL, publishing state, aliases, headings and anchors, links.
        let slugs = sectionSlugs
        let pages = concurrentMap(pageFiles.count) { index -> Page in
            let file = pageFiles[index]
            let parsedPage = parsed[index]
            let frontmatter = parsedPage.frontmatter
            let headings = parsedPage.headings(config: config)
            var anchors = Set(headings.compactMap(\.anchor))
            if config.unsafeHTML { anchors.formUnion(parsedPage.htmlAnchors()) }
            let translationKey = frontmatter["translationKey"]?.stringValue
            let url = URLBuilder.url(for: file, frontmatter: frontmatter, dates: dates[index], config: config, sectionSlugs: slugs)
            let state: PublishState = tree.replacedBy[index].map { .replaced(by: $0) }
                ?? PublishState.of(frontmatter, dates: dates[index], config: config, clock: clock)
            return Page(index: index, parsed: parsedPage, language: file.language, kind: file.kind,
                        logicalPath: file.logicalPath, translationKey: translationKey,
                        groupKey: translationKey.map { "key:" + $0 } ?? file.logicalPath,
                        url: url, relPermalink: HugoPath.percentEncode(url), dates: dates[index], publishState: state,
                        aliases: URLBuilder.aliases(frontmatter, pageURL: url, language: file.language, config: config),
                        headings: headings, anchors: anchors, links: parsedPage.links(headings: headings, hrefParameters: config.shortcodeHrefParameters))
        }
        // 6. What the built site holds: published pages by URL and logical path, alias stubs.
        var pageByURL: [String: Int] = [:]
        var pageByLogicalPath: [String: Int] = [:]
        var unpublishedByURL: [String: Int] = [:]
        var aliasTargets: [String: Int] = [:]
        for page in pages {
            guard page.isPublished else {
                if case .replaced = page.publishState { continue }
                if unpublishedByURL[page.url] == nil { unpublishedByURL[page.url] = page.index }
                continue
            }
            if pageByURL[page.url] == nil { pageByURL[page.url] = page.index }
            pageByLogicalPath[page.language + ":" + page.logicalPath] = page.index
            for alias in page.aliases where aliasTargets[alias] == nil { aliasTargets[alias] = page.index }
        }
        for page in pages where tree.replacedBy[page.index] != nil && unpublishedByURL[page.url] == nil {
            unpublishedByURL[page.url] = page.index
        }
        // 7. Translation groups: every page Hugo keeps, published or not.
        var groupKeys: [String] = []
        var members: [String: [String: Int]] = [:]
        var duplicates: [TranslationKeyDuplicate] = []
        for page in pages where tree.replacedBy[page.index] == nil {
            if members[page.groupKey] == nil { groupKeys.append(page.groupKey); members[page.groupKey] = [:] }
            if let kept = members[page.groupKey]![page.language] {
                if let key = page.translationKey { duplicates.append(TranslationKeyDuplicate(key: key, kept: kept, duplicate: page.index)) }
            } else {
                members[page.groupKey]![page.language] = page.index
            }
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
        for duplicate in duplicates { groupOfPage[duplicate.duplicate] = groupOfPage[duplicate.kept] }
        for conflict in tree.conflicts { groupOfPage[conflict.dropped] = groupOfPage[conflict.kept] }
        let dropped = Set(pages.indices.filter { tree.replacedBy[$0] != nil })
        var site = SiteModel(config: config, pages: pages, groups: groups, groupOfPage: groupOfPage,
                             conflicts: tree.conflicts, translationKeyDuplicates: duplicates, aliasTargets: aliasTargets,
                             homeRedirect: homeRedirect(config), generatedPages: generatedPages(tree, pages, config),
                             pageByURL: pageByURL, pageByLogicalPath: pageByLogicalPath, unpublishedByURL: unpublishedByURL,
                             droppedPages: dropped)
        // 8. What else the build publishes: static files, resources, generated list pages, and the
        // redirect stubs (aliases and the home redirect) of the publishing model above.
        site.published = PublishedPathsBuilder.build(config: config, files: siteFiles, pages: pages,
                                                     unpublished: Set(pages.filter { !$0.isPublished }.map(\.index)),
                                                     pageByLogicalPath: pageByLogicalPath)
        site.published.redirects = aliasTargets
        if let redirect = site.homeRedirect, let home = pageByLogicalPath[config.defaultContentLanguage + ":/"] {
            site.published.redirects[redirect.from] = home
        }
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
        // 9. Where every link goes, resolved once.
        let resolver = LinkResolver(site: site)
        let built = pages
        site.linkTargets = concurrentMap(built.count) { index in
            built[index].links.map { resolver.resolve($0, from: built[index]) }
        }
        return site
    }

    /// Hugo's redirect stub for the default language's home page: `/en/` → `/` on a multilingual
    /// site, `/` → `/en/` when the default language is in its subdirectory.
    static func homeRedirect(_ config: SiteConfig) -> Redirect? {
        guard !config.disableDefaultLanguageRedirect else { return nil }
        let home = config.urlPrefix(for: config.defaultContentLanguage)
        if config.defaultContentLanguageInSubdir { return Redirect(from: config.baseURLPath, to: home) }
        guard config.languages.count > 1 else { return nil }
        return Redirect(from: config.baseURLPath + config.defaultContentLanguage + "/", to: home)
    }

    /// Home pages of languages without a home `_index` file, and top-level sections (the first
    /// directory of a page's path) of languages without an `_index` file for them. A language
    /// has a section as soon as it has a file below it, published or not.
    static func generatedPages(_ tree: ContentTree, _ pages: [Page], _ config: SiteConfig) -> [GeneratedPage] {
        var withFile = Set<String>()
        var sections: [(language: String, segment: String)] = []
        var seen = Set<String>()
        for page in pages where tree.replacedBy[page.index] == nil {
            withFile.insert(page.language + ":" + page.logicalPath)
            let segments = page.logicalPath.split(separator: "/")
            if segments.count >= 2, seen.insert(page.language + ":/" + segments[0]).inserted {
                sections.append((page.language, String(segments[0])))
            }
        }
        var result: [GeneratedPage] = []
        for language in config.languageKeys where !withFile.contains(language + ":/") {
            result.append(GeneratedPage(kind: .home, language: language, logicalPath: "/", url: config.urlPrefix(for: language)))
        }
        for section in sections where !withFile.contains(section.language + ":/" + section.segment) {
            result.append(GeneratedPage(kind: .section, language: section.language, logicalPath: "/" + section.segment,
                                        url: config.urlPrefix(for: section.language) + HugoPath.sanitize(section.segment) + "/"))
        }
        return result
    }
}
