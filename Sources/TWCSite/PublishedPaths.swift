import Foundation
import TWCCore
import TWCFrontmatter

/// The files of a site beside its Markdown pages, listed once by `SiteLoader.load` through the
/// site's mounts.
struct SiteFiles: Sendable {
    /// A file of the static component: its path below it (`files/report.pdf`; Hugo copies it to
    /// the site root) and the languages whose host publishes it (all but on a multihost site).
    struct StaticFile: Sendable, Equatable {
        var path: String
        var languages: [String]
    }

    var staticFiles: [StaticFile] = []
    /// Files in the content mounts that are not pages (page resources, shared by the translations
    /// of a bundle).
    var contentFiles: [MountedFile] = []
    /// Files of the assets component, below it: the embedded render hooks find them with
    /// `resources.Get` and publish them when they do.
    var assetFiles: [String] = []
    /// False when a module is not on disk or a folder could not be listed: some static files are
    /// unknown.
    var complete = true
    /// The static `_redirects` file at the site root (Netlify's server redirects), if any.
    var serverRedirects: ServerRedirects?
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
    /// Static files, resources and generated pages by URL path, keyed by host
    /// (`SiteConfig.publishedKey`).
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
    /// Redirect stubs by path: aliases and the home redirect, to the page they lead to.
    var redirects: [String: Int] = [:]
    var staticFilesKnown = true
    /// URL paths (keyed by host, ending in `/`) below which a content mount that could not be read
    /// would publish pages: nothing there is known (`Mounts.unreadContent`).
    var unreadPrefixes: [String] = []
    /// The web server's redirects from a static `_redirects` file.
    var serverRedirects: ServerRedirects?
    /// The site writes its `_redirects` file with a template (`SiteConfig.redirectsOutputFormat`)
    /// that twc-lint could not evaluate, and why: any path may be redirected. Nil when the
    /// template was evaluated (its rules are `serverRedirects`) or there is none.
    var redirectsTemplateUnknown: String?
}

extension Page {
    /// A leaf bundle's page (`index.md`): other files in its directory are its resources.
    public var isLeafBundle: Bool {
        kind == .page && HugoPath.lower(String(contentPath.split(separator: "/").last ?? "")).hasPrefix("index.")
    }
}

enum PublishedPathsBuilder {
    /// Lists the static and asset files of the site's mounts (the project's and its modules').
    static func listFiles(_ site: any SiteFileSystem, mounts: Mounts, contentFiles: [MountedFile]) -> (
        files: SiteFiles, problems: [FileSystemError]
    ) {
        var files = SiteFiles(contentFiles: contentFiles)
        let statics = mounts.files(.staticFiles, in: site)
        files.staticFiles = statics.files.map {
            SiteFiles.StaticFile(path: $0.logical, languages: mounts.all[$0.mount].languages)
        }
        let assets = mounts.files(.assets, in: site)
        files.assetFiles = assets.files.map(\.logical)
        var problems = statics.problems + assets.problems
        if let redirects = statics.files.first(where: { $0.logical == "_redirects" }) {
            do {
                files.serverRedirects = ServerRedirects(try site.read(redirects.path))
            } catch {
                problems.append(error)
            }
        }
        files.complete = mounts.missingModules.isEmpty && problems.isEmpty
        return (files, problems)
    }

    /// Static files, resources and generated pages of the build. `unpublished` (drafts, future,
    /// expired, not rendered, replaced) comes from the publishing model (`Page.publishState`), as do
    /// the redirect stubs (`SiteModel.aliasTargets`, `homeRedirect`), which the caller adds.
    static func build(
        config: SiteConfig, mounts: Mounts, files: SiteFiles, pages: [Page], pageByLogicalPath: [String: Int]
    ) -> PublishedPaths {
        var result = PublishedPaths()
        result.staticFilesKnown = files.complete
        result.serverRedirects = files.serverRedirects
        if config.redirectsOutputFormat != nil { result.redirectsTemplateUnknown = "it was not evaluated" }
        let live = { (index: Int) in pages[index].isPublished }
        // On a multihost site every host gets the static files of its language's mounts
        // (`public/<language>/`).
        for file in files.staticFiles {
            for language in config.isMultihost ? file.languages : [config.defaultContentLanguage] {
                result.staticFiles.insert(
                    config.publishedKey(config.baseURLPath(for: language) + file.path, language: language))
            }
        }
        result.assets = Set(files.assetFiles.map(HugoPath.lower))
        for (logical, languages) in mounts.unreadContent {
            for language in languages {
                let path = config.urlPrefix(for: language) + logical.dropFirst() + "/"
                result.unreadPrefixes.append(config.publishedKey(path, language: language))
            }
        }
        addResources(
            files.contentFiles, config: config, mounts: mounts, pages: pages, live: live,
            pageByLogicalPath: pageByLogicalPath, into: &result)
        addGeneratedPages(config: config, pages: pages, live: live, into: &result)
        return result
    }

    /// Page resources: every file in a content mount that is not Markdown belongs to the
    /// nearest leaf bundle above it, else to the page of its own directory. A file without a
    /// language suffix belongs to its mount's languages (the default language in a shared content
    /// directory); it is
    /// published once, beside that language's page (every language's page with
    /// `duplicateResourceFiles`), and only when that page exists; all translations of the bundle
    /// see it (verified with Hugo 0.168).
    static func addResources(
        _ contentFiles: [MountedFile], config: SiteConfig, mounts: Mounts, pages: [Page], live: (Int) -> Bool,
        pageByLogicalPath: [String: Int], into result: inout PublishedPaths
    ) {
        // Leaf bundles by the logical path of their directory, in any language.
        let leafBundles = Set(pages.filter(\.isLeafBundle).map(\.logicalPath))
        for file in contentFiles {
            for placed in ContentTree.place(file, bytes: [], mounts: mounts, config: config) {
                addResource(
                    placed, config: config, pages: pages, live: live, pageByLogicalPath: pageByLogicalPath,
                    leafBundles: leafBundles, into: &result)
            }
        }
    }

    /// One page resource in one language (`ContentTree.place`).
    static func addResource(
        _ placed: PlacedFile, config: SiteConfig, pages: [Page], live: (Int) -> Bool,
        pageByLogicalPath: [String: Int], leafBundles: Set<String>, into result: inout PublishedPaths
    ) {
        func logicalKey(_ relativeDirectory: String) -> String {
            "/" + relativeDirectory.split(separator: "/").map { HugoPath.normalize(String($0)) }.joined(separator: "/")
        }
        // The bundle directory: the nearest leaf bundle above the file, else its own directory.
        let relativeFile = placed.contentPath
        var owner = ContentTree.parentDirectory(relativeFile)
        var probe = owner
        var isLeaf = false
        while !probe.isEmpty {
            if leafBundles.contains(logicalKey(probe)) {
                owner = probe
                isLeaf = true
                break
            }
            probe = ContentTree.parentDirectory(probe)
        }
        let key = logicalKey(owner)
        let name = owner.isEmpty ? relativeFile : String(relativeFile.dropFirst(owner.count + 1))
        // `Resources.Get` matches names case-insensitively, and without a language suffix.
        var lookupNames = [HugoPath.lower(name)]
        let path = HugoPath.contentPath(name) { config.language($0) != nil }
        if let language = path.language,
            let cut = name.range(of: "." + language, options: [.caseInsensitive, .backwards])
        {
            lookupNames.append(HugoPath.lower(name.replacingCharacters(in: cut, with: "")))
        }
        var resource = PageResource(name: name, lookupNames: lookupNames, language: placed.language, urls: [:])
        // With duplicateResourceFiles every language's page publishes its own copy, of a
        // language-suffixed file too (verified with Hugo 0.168).
        let publishers = config.duplicateResourceFiles ? config.languageKeys : [placed.language]
        for language in publishers {
            if let index = pageByLogicalPath[language + ":" + key], live(index) {
                resource.urls[language] = URLBuilder.resourceBase(of: pages[index].url) + name
            } else if !isLeaf {
                resource.urls[language] = config.urlPrefix(for: language) + relativeFile
            }
        }
        result.resourceURLs.formUnion(resource.urls.map { config.publishedKey($0.value, language: $0.key) })
        result.resources[key, default: []].append(resource)
    }

    /// Pages without a content file: each language's home, top-level sections, taxonomy and
    /// term lists, their feeds, the sitemaps (unless `disableKinds` removes them).
    static func addGeneratedPages(
        config: SiteConfig, pages: [Page], live: (Int) -> Bool, into result: inout PublishedPaths
    ) {
        let kinds = config.disabledKinds
        var lists: [String: String] = [:]  // "language:/logical/path" -> URL
        func list(_ kind: String, _ path: String, _ language: String, title: String? = nil) {
            lists[language + ":" + path] = URLBuilder.listURL(
                kind: kind, logicalPath: path, title: title, language: language, config: config)
        }
        for language in config.languageKeys {
            let prefix = config.urlPrefix(for: language)
            if !kinds.contains("home") { list("home", "/", language) }
            if !kinds.contains("taxonomy") {
                for taxonomy in config.taxonomies { list("taxonomy", "/" + taxonomy, language) }
            }
            if !kinds.contains("sitemap") {
                result.generated.insert(config.publishedKey(prefix + "sitemap.xml", language: language))
            }
        }
        if !kinds.contains("sitemap") && config.languages.count > 1 && !config.isMultihost {
            result.generated.insert(config.baseURLPath + "sitemap.xml")
        }
        for page in pages where live(page.index) {
            let segments = page.logicalPath.split(separator: "/")
            // A taxonomy's folder holds term files; its list is the taxonomy's (listed above).
            if segments.count >= 2 && !kinds.contains("section") && !config.taxonomies.contains(String(segments[0])) {
                list("section", "/" + segments[0], page.language)
            }
            guard !kinds.contains("term") else { continue }
            for taxonomy in config.taxonomies {
                guard case .array(let terms)? = page.effectiveFrontmatter[taxonomy]?.kind else { continue }
                for term in terms.compactMap(\.stringValue) where !term.isEmpty {
                    let urlized = HugoPath.sanitize(HugoPath.lower(term).replacingOccurrences(of: " ", with: "-"))
                    list("term", "/" + taxonomy + "/" + urlized, page.language, title: term)
                }
            }
        }
        // A content page (`_index.md`) takes the place of a generated one.
        for page in pages where live(page.index) { lists[page.language + ":" + page.logicalPath] = nil }
        result.generatedPages = lists
        for (key, url) in lists {
            let language = String(key[..<(key.firstIndex(of: ":") ?? key.endIndex)])
            result.generated.insert(config.publishedKey(url, language: language))
            if !kinds.contains("rss") {
                result.generated.insert(
                    config.publishedKey(URLBuilder.resourceBase(of: url) + "index.xml", language: language))
            }
        }
        for page in pages where live(page.index) && page.kind != .page && !kinds.contains("rss") {
            result.generated.insert(
                config.publishedKey(URLBuilder.resourceBase(of: page.url) + "index.xml", language: page.language))
        }
    }
}
