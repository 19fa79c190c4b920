import TWCCore
import TWCFrontmatter

/// Page URLs and alias paths as Hugo 0.168 computes them (hugo-behaviour §2.5), verified
/// against the Hugo binary by `HugoOracleTests`.
enum URLBuilder {
    /// The URL path a page is published at, not percent-encoded, with the `baseURL` path:
    /// - `url` (not on the home page): used as written, no sanitising or lower-casing; the
    ///   language directory is added only when it does not start with `/`; a `/` is added at the
    ///   end unless the last segment has an extension (`/file.html`, `/v1.2`).
    /// - otherwise the language prefix and the logical path with the page's own `slug` (not on the
    ///   home page) and the `slug` of each enclosing section of the same language replacing their
    ///   segments, through Hugo's path sanitiser (`Café & Bar!` → `café--bar`).
    static func url(
        for file: PlacedFile, frontmatter: FrontmatterValue, dates: HugoDates, config: SiteConfig,
        sectionSlugs: [String: String]
    ) -> String {
        let languageDirectory = config.languageDirectory(for: file.language)
        if file.kind != .home, let url = frontmatter["url"]?.stringValue, !url.isEmpty {
            var path = url.hasPrefix("/") ? url : "/" + languageDirectory + url
            if !path.hasSuffix("/") && !HugoPath.hasExtension(path) { path += "/" }
            return config.baseURLPath + path.dropFirst()
        }
        let segments = file.logicalPath.split(separator: "/").map(String.init)
        guard !segments.isEmpty else { return config.urlPrefix(for: file.language) }
        var parts: [String] = []
        for (position, segment) in segments.enumerated() {
            if position == segments.count - 1 {
                parts.append(slug(frontmatter, dates).map(HugoPath.lower) ?? segment)
            } else {
                let section = "/" + segments[0...position].joined(separator: "/")
                parts.append(sectionSlugs[file.language + ":" + section].map(HugoPath.lower) ?? segment)
            }
        }
        let path = HugoPath.sanitize(parts.joined(separator: "/"))
        return config.urlPrefix(for: file.language) + (path.isEmpty ? "" : path + "/")
    }

    /// A page's `slug`, trimmed, else the slug `:filename` took from its file name; nil when unset
    /// or empty.
    static func slug(_ frontmatter: FrontmatterValue, _ dates: HugoDates) -> String? {
        guard let slug = (frontmatter["slug"]?.stringValue ?? dates.filenameSlug)?.trimmingSpaces, !slug.isEmpty else {
            return nil
        }
        return slug
    }

    /// The redirect paths Hugo 0.168 writes for the page's `aliases` (same form as `Page.url`):
    /// an absolute alias gets the page's language directory (≥ 0.155: `/old/` on an `en` page →
    /// `/en/old/`, even when it already starts with `/en/`); a relative one is resolved against
    /// the page's URL without its last segment; `.`/`..` are cleaned (never above the site
    /// root). Ending in `.html` or `.htm` it is a file, else a directory (`…/index.html`). An
    /// alias that resolves to the root of the site stops Hugo's build ("resolves to website root
    /// directory"); it is left out.
    static func aliases(_ frontmatter: FrontmatterValue, pageURL: String, language: String, config: SiteConfig)
        -> [String]
    {
        guard let value = frontmatter["aliases"] else { return [] }
        var written: [String] = []
        switch value.kind {
        case .array(let items): written = items.compactMap(\.stringValue)
        case .string(let text):
            written = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        default: return []
        }
        let base = config.baseURLPath
        // The page's path below the baseURL path, without the trailing slash.
        var pagePath = "/" + String(pageURL.hasPrefix(base) ? pageURL.dropFirst(base.count) : Substring(pageURL))
        if pagePath.count > 1 && pagePath.hasSuffix("/") { pagePath.removeLast() }
        let pageDirectory = pagePath.lastIndex(of: "/").map { String(pagePath[..<$0]) } ?? ""
        var result: [String] = []
        for alias in written {
            let joined =
                alias.hasPrefix("/")
                ? "/" + config.languageDirectory(for: language) + alias.dropFirst()
                : pageDirectory + "/" + alias
            let path = HugoPath.clean(joined)
            guard path != "/" else { continue }
            let isFile = path.hasSuffix(".html") || path.hasSuffix(".htm")
            result.append(base + path.dropFirst() + (isFile ? "" : "/"))
        }
        return result
    }
}
