import TWCCore

/// What the built site publishes and the lookups links are resolved with: built by `SiteLoader`
/// before any link is resolved, read by `LinkResolver` and `SiteModel`.
struct SiteIndex: Sendable {
    let config: SiteConfig
    let layouts: Layouts
    /// The pages; their links grow once the index exists (`ShortcodeOutputLinks`).
    var pages: [Page]
    /// Published pages by URL, keyed by host and path (`SiteConfig.publishedKey`): the path
    /// alone on a single-host site.
    let pageByURL: [String: Int]
    /// Published pages by language and logical path (`nl:/about`).
    let pageByLogicalPath: [String: Int]
    /// Pages in Hugo's collections, published or kept without a file (headless, `build.render`
    /// never or link), by language and logical path: what GetPage and `ref` find.
    let collectionByLogicalPath: [String: Int]
    /// Pages Hugo does not publish, by the URL they would have (keyed as `pageByURL`).
    let unpublishedByURL: [String: Int]
    /// Alias redirect paths of published pages (keyed as `pageByURL`) and the page each leads to.
    let aliasTargets: [String: Int]
    /// The redirect stubs to the default language's home page (paths keyed as `pageByURL`).
    let homeRedirects: [Redirect]
    let generatedPages: [GeneratedPage]
    /// Static files, resources, generated pages and redirect stubs (and the web server's
    /// redirects, which a template may write once the rest is known: `RedirectsTemplate`).
    var published: PublishedPaths
    /// Pages in collections, and generated list pages, by the last segment of their logical path,
    /// per language ("nl:sibling"), for `ref "sibling"`; `.ambiguous` when several share the name.
    let pagesByBaseName: [String: LinkResolver.PageLookup]
    /// Published pages by name, for suggestions.
    let pageNames: PageNameIndex
    /// Per page: its heading index by anchor (the first heading with it), its anchors in
    /// suggestion order (heading anchors in heading order, then the others sorted), and those
    /// anchors indexed for "did you mean".
    let headingByAnchor: [[String: Int]]
    let anchorList: [[String]]
    let anchorNames: [NearestNames]
    let closestPageMemo = ClosestPageMemo()
    let hookMemo = HookMemo()
    /// Built on the first template that asks (they depend on pages' paths, kinds and front
    /// matter, not on their links).
    let collections = ComputedOnce<SiteCollections>()

    func isPublished(_ index: Int) -> Bool { pages[index].isPublished }

    /// The published page with content path `logicalPath` (`/about`) in `language`.
    func page(logicalPath: String, language: String) -> Int? { pageByLogicalPath[language + ":" + logicalPath] }

    /// The page Hugo's collections hold at `logicalPath` in `language` (published or not rendered).
    func collectionPage(logicalPath: String, language: String) -> Int? {
        collectionByLogicalPath[language + ":" + logicalPath]
    }

    /// What the built site serves at `path`, an absolute URL path, percent-decoded, with or
    /// without the trailing slash of a directory (`/join` is served by `/join/index.html`), on
    /// `host` (`SiteConfig.host(for:)`: empty on a single-host site, the language on a multihost
    /// site). This is the one place that decides whether a link target exists: published pages,
    /// redirect stubs (aliases), static files, page resources and the pages Hugo generates.
    func publishedTarget(path: String, host: String = "") -> PublishedTarget? {
        let directories = path.hasSuffix("/") ? [path] : [path + "/"]
        // A directory is served by its `index.html`, which is what uglyURLs name list pages.
        for candidate in (path.hasSuffix("/") ? [] : [path]) + directories + directories.map({ $0 + "index.html" }) {
            if let index = pageByURL[host + candidate] { return .page(index) }
            if let index = published.redirects[host + candidate] { return .redirect(to: index) }
            if published.generated.contains(host + candidate) { return .generated(candidate) }
        }
        if published.staticFiles.contains(host + path) { return .staticFile(path) }
        if published.resourceURLs.contains(host + path) { return .resource(path) }
        for directory in directories where published.staticFiles.contains(host + directory + "index.html") {
            return .staticFile(directory + "index.html")
        }
        if path.hasSuffix("/index.html") {
            return publishedTarget(path: String(path.dropLast("index.html".count)), host: host)
        }
        return nil
    }

    /// The resource a page's `Resources.Get(path)` finds (case-insensitive, the page's own
    /// language first), with the URL it is published at.
    func resource(_ path: String, of page: Page) -> String? {
        guard page.kind != .page || page.isLeafBundle else { return nil }
        let wanted = HugoPath.lower(path)
        let candidates = (published.resources[page.logicalPath] ?? []).filter { $0.lookupNames.contains(wanted) }
        let best = candidates.first { $0.language == page.language } ?? candidates.first
        guard let best else { return nil }
        return best.urls[page.language] ?? best.urls[best.language] ?? best.urls.values.sorted().first
    }
}
