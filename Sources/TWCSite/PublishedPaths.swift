import Foundation
import TWCCore
import TWCFrontmatter

/// The files of a site beside its Markdown pages, listed once by `SiteLoader.load`.
public struct SiteFiles: Sendable {
    /// Files of the static directories (the project's, then each theme's), relative to their
    /// static directory: `files/report.pdf`. Hugo copies them to the site root.
    public var staticFiles: [String]
    /// Files in the content directories that are not Markdown, relative to the site root
    /// (`content/blog/bundle/image.jpg`): page resources, shared by the translations of a bundle.
    public var contentFiles: [String]
    /// Files under `assets/` (project, then themes), relative to it: the embedded render hooks
    /// find them with `resources.Get` and publish them when they do.
    public var assetFiles: [String]
    /// False when a theme's directory is not on disk (a Hugo module): its static files are unknown.
    public var complete: Bool

    public init(staticFiles: [String] = [], contentFiles: [String] = [], assetFiles: [String] = [], complete: Bool = true) {
        self.staticFiles = staticFiles
        self.contentFiles = contentFiles
        self.assetFiles = assetFiles
        self.complete = complete
    }
}

/// What the built site serves at a path (`SiteModel.publishedTarget(path:)`).
public enum PublishedTarget: Sendable, Equatable {
    /// A content page that is published.
    case page(Int)
    /// A redirect stub to a page: an alias, or `/en/` → `/` for the default language at the root.
    case redirect(to: Int)
    /// A file from a static directory.
    case staticFile(String)
    /// A page resource (a file beside a bundle's `index.md` or `_index.md`).
    case resource(String)
    /// A page Hugo makes without a content file: a language's home, a top-level section without
    /// `_index.md`, a taxonomy or term list, a feed, a sitemap.
    case generated(String)
}

/// A page resource: a file in the directory of a bundle.
struct PageResource: Sendable {
    /// Path relative to the bundle directory, as on disk (`sub/deep.png`, `photo.nl.jpg`).
    var name: String
    /// Lower-cased names `Resources.Get` matches: the name, and the name without its language
    /// suffix (`photo.jpg` for `photo.nl.jpg`).
    var lookupNames: [String]
    var language: String
    /// Published URL per language of the page that publishes it (percent-decoded).
    var urls: [String: String]
}

/// Where the built site publishes what is not a content page, and which pages it leaves out.
struct PublishedPaths: Sendable {
    var staticFiles: Set<String> = []
    var resourceURLs: Set<String> = []
    /// Resources by bundle: the logical path of the bundle directory (`/blog/bundle`, `/` for the
    /// home page's), for the pages of every language.
    var resources: [String: [PageResource]] = [:]
    /// `assets/` files, relative to it.
    var assets: Set<String> = []
    var generated: Set<String> = []
    /// The generated list pages by language and logical path (`nl:/blog`, `en:/tags/go-lang`),
    /// with their URL: GetPage and ref find them like content pages.
    var generatedPages: [String: String] = [:]
    /// Redirect stubs by path.
    var redirects: [String: Int] = [:]
    /// Pages with a content file that the build does not publish.
    var unpublished: Set<Int> = []
    var staticFilesKnown = true
}

extension SiteModel {
    /// What the built site serves at `path`, an absolute URL path, percent-decoded, with or
    /// without the trailing slash of a directory (`/join` is served by `/join/index.html`).
    /// This is the one place that decides whether a link target exists: published pages, redirect
    /// stubs (aliases), static files, page resources and the pages Hugo generates.
    public func publishedTarget(path: String) -> PublishedTarget? {
        let directories = path.hasSuffix("/") ? [path] : [path + "/"]
        for candidate in (path.hasSuffix("/") ? [] : [path]) + directories {
            if let index = pageByURL[candidate], isPublished(index) { return .page(index) }
            if let index = published.redirects[candidate] { return .redirect(to: index) }
            if published.generated.contains(candidate) { return .generated(candidate) }
        }
        if published.staticFiles.contains(path) { return .staticFile(path) }
        if published.resourceURLs.contains(path) { return .resource(path) }
        for directory in directories where published.staticFiles.contains(directory + "index.html") {
            return .staticFile(directory + "index.html")
        }
        if path.hasSuffix("/index.html") { return publishedTarget(path: String(path.dropLast("index.html".count))) }
        return nil
    }

    /// Whether every static file is known: false when a theme is not on disk (a Hugo module), so a
    /// path with no page there may still be one of its files.
    public var knowsAllStaticFiles: Bool { published.staticFilesKnown }

    /// Whether the build publishes page `index`: not a draft, not in the future, not expired
    /// (hugo-semantics §2.5), and not dropped for another file of the same page.
    public func isPublished(_ index: Int) -> Bool {
        !published.unpublished.contains(index) && !droppedPages.contains(index)
    }

    /// The resource a page's `Resources.Get(path)` finds (case-insensitive, the page's own
    /// language first), with the URL it is published at.
    func resource(_ path: String, of page: Page) -> String? {
        guard page.kind != .page || page.isLeafBundle else { return nil }
        let wanted = path.lowercased()
        let candidates = (published.resources[page.logicalPath] ?? []).filter { $0.lookupNames.contains(wanted) }
        let best = candidates.first { $0.language == page.language } ?? candidates.first
        guard let best else { return nil }
        return best.urls[page.language] ?? best.urls[best.language] ?? best.urls.values.sorted().first
    }
}

extension Page {
    /// A leaf bundle's page (`index.md`): other files in its directory are its resources.
    public var isLeafBundle: Bool {
        kind == .page && ((path as NSString).lastPathComponent.lowercased().hasPrefix("index."))
    }
}

enum PublishedPathsBuilder {
    /// Lists the static, content and asset directories of the site at `config.root`.
    static func listFiles(config: SiteConfig, contentFiles: [String]) -> SiteFiles {
        var files = SiteFiles(contentFiles: contentFiles)
        let themeDirs = config.themes.map { "themes/" + $0 }
        files.complete = themeDirs.allSatisfy { FileManager.default.fileExists(atPath: config.root + "/" + $0) }
        for dir in config.staticDirs + themeDirs.map({ $0 + "/static" }) {
            files.staticFiles += list(config.root + "/" + dir)
        }
        for dir in ["assets"] + themeDirs.map({ $0 + "/assets" }) {
            files.assetFiles += list(config.root + "/" + dir)
        }
        return files
    }

    /// Regular files below `directory`, relative to it, sorted.
    static func list(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type == .typeDirectory { continue }
            result.append(relative)
        }
        return result.sorted()
    }

    /// Static files, resources and generated pages of the build. `unpublished` (drafts, future,
    /// expired, not rendered, replaced) comes from the publishing model (`Page.publishState`), as do
    /// the redirect stubs (`SiteModel.aliasTargets`, `homeRedirect`), which the caller adds.
    static func build(config: SiteConfig, files: SiteFiles, pages: [Page], unpublished: Set<Int>,
                      pageByLogicalPath: [String: Int]) -> PublishedPaths {
        var result = PublishedPaths()
        result.unpublished = unpublished
        result.staticFilesKnown = files.complete
        let live = { (index: Int) in !unpublished.contains(index) }
        for file in files.staticFiles { result.staticFiles.insert(config.baseURLPath + file) }
        result.assets = Set(files.assetFiles.map { $0.lowercased() })
        addResources(files.contentFiles, config: config, pages: pages, live: live, pageByLogicalPath: pageByLogicalPath, into: &result)
        addGeneratedPages(config: config, pages: pages, live: live, into: &result)
        return result
    }

    /// Page resources: every file in a content directory that is not Markdown belongs to the
    /// nearest leaf bundle above it, else to the page of its own directory. A file without a
    /// language suffix belongs to the default language (in a shared content directory); it is
    /// published once, beside that language's page (every language's page with
    /// `duplicateResourceFiles`), and only when that page exists; all translations of the bundle
    /// see it (verified with Hugo 0.168).
    static func addResources(_ contentFiles: [String], config: SiteConfig, pages: [Page], live: (Int) -> Bool,
                             pageByLogicalPath: [String: Int], into result: inout PublishedPaths) {
        // Leaf bundles by the logical path of their directory, in any language.
        let leafBundles = Set(pages.filter(\.isLeafBundle).map(\.logicalPath))
        func logicalKey(_ relativeDirectory: String) -> String {
            "/" + relativeDirectory.split(separator: "/").map { HugoPath.normalize(String($0)) }.joined(separator: "/")
        }
        for file in contentFiles {
            guard let placed = ContentTree.place(ContentFile(path: file, bytes: []), config: config) else { continue }
            // The bundle directory: the nearest leaf bundle above the file, else its own directory.
            let relativeFile = String(file.dropFirst(placed.contentDir.count + 1))
            var owner = (relativeFile as NSString).deletingLastPathComponent
            var probe = owner
            var isLeaf = false
            while !probe.isEmpty {
                if leafBundles.contains(logicalKey(probe)) { owner = probe; isLeaf = true; break }
                probe = (probe as NSString).deletingLastPathComponent
            }
            let key = logicalKey(owner)
            let name = owner.isEmpty ? relativeFile : String(relativeFile.dropFirst(owner.count + 1))
            var lookupNames = [name.lowercased()]
            let ext = (name as NSString).pathExtension
            let stem = (name as NSString).deletingPathExtension
            if let dot = stem.lastIndex(of: "."), config.language(stem[stem.index(after: dot)...].lowercased()) != nil {
                lookupNames.append((String(stem[..<dot]) + (ext.isEmpty ? "" : "." + ext)).lowercased())
            }
            var resource = PageResource(name: name, lookupNames: lookupNames, language: placed.language, urls: [:])
            // With duplicateResourceFiles every language's page publishes its own copy, of a
            // language-suffixed file too (verified with Hugo 0.168).
            let publishers = config.duplicateResourceFiles ? config.languageKeys : [placed.language]
            for language in publishers {
                if let index = pageByLogicalPath[language + ":" + key], live(index) {
                    resource.urls[language] = pages[index].url + name
                } else if !isLeaf {
                    resource.urls[language] = config.urlPrefix(for: language) + relativeFile
                }
            }
            result.resourceURLs.formUnion(resource.urls.values)
            result.resources[key, default: []].append(resource)
        }
    }

    /// Pages without a content file: each language's home, top-level sections, taxonomy and
    /// term lists, their feeds, the sitemaps (unless `disableKinds` removes them).
    static func addGeneratedPages(config: SiteConfig, pages: [Page], live: (Int) -> Bool, into result: inout PublishedPaths) {
        let kinds = config.disabledKinds
        var lists: [String: String] = [:]  // "language:/logical/path" -> URL
        for language in config.languageKeys {
            let prefix = config.urlPrefix(for: language)
            if !kinds.contains("home") { lists[language + ":/"] = prefix }
            if !kinds.contains("taxonomy") { for taxonomy in config.taxonomies { lists[language + ":/" + taxonomy] = prefix + taxonomy + "/" } }
            if !kinds.contains("sitemap") { result.generated.insert(prefix + "sitemap.xml") }
        }
        if !kinds.contains("sitemap") && config.languages.count > 1 { result.generated.insert(config.baseURLPath + "sitemap.xml") }
        for page in pages where live(page.index) {
            let prefix = config.urlPrefix(for: page.language)
            let segments = page.logicalPath.split(separator: "/")
            if segments.count >= 2 && !kinds.contains("section") {
                lists[page.language + ":/" + segments[0]] = prefix + HugoPath.sanitize(String(segments[0])) + "/"
            }
            guard !kinds.contains("term") else { continue }
            for taxonomy in config.taxonomies {
                guard case .array(let terms)? = page.frontmatter[taxonomy]?.kind else { continue }
                for term in terms.compactMap(\.stringValue) where !term.isEmpty {
                    let urlized = HugoPath.sanitize(term.lowercased().replacingOccurrences(of: " ", with: "-"))
                    lists[page.language + ":/" + taxonomy + "/" + urlized] = prefix + taxonomy + "/" + urlized + "/"
                }
            }
        }
        // A content page (`_index.md`) takes the place of a generated one.
        for page in pages where live(page.index) { lists[page.language + ":" + page.logicalPath] = nil }
        result.generatedPages = lists
        result.generated.formUnion(lists.values)
        if !kinds.contains("rss") { result.generated.formUnion(lists.values.map { $0 + "index.xml" }) }
        for page in pages where live(page.index) && page.kind != .page && !kinds.contains("rss") {
            result.generated.insert(page.url + "index.xml")
        }
    }
}
