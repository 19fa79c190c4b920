import TWCCore
import TWCFrontmatter

/// The sections of a site as URLs need them: each section's slug and title per language, and
/// which directories are sections (hugo-behaviour §2.4, §2.9).
struct SectionIndex: Sendable {
    struct Section: Sendable {
        /// `slug` (or the slug `:filename` gave it), trimmed; nil when unset.
        var slug: String?
        /// `.Title`: front matter `title`, else (a section without a file) Hugo's automatic title.
        var title: String
    }

    /// Sections with a content file (kept, published or not), by `language:/logical/path`.
    var sections: [String: Section] = [:]
    /// Top-level directories holding a file in a language (`language:/segment`): sections even
    /// without an `_index` file.
    var topLevel: Set<String> = []

    func section(_ path: String, _ language: String) -> Section? { sections[language + ":" + path] }

    func isSection(_ path: String, _ language: String) -> Bool {
        path == "/" || sections[language + ":" + path] != nil || topLevel.contains(language + ":" + path)
    }

    /// `.CurrentSection` of a page at `logicalPath`: itself for a section, else the nearest
    /// section above it (the home page at the top).
    func currentSection(of logicalPath: String, kind: Page.Kind, _ language: String) -> String {
        if kind != .page { return logicalPath }
        var path = logicalPath
        while path != "/" {
            path = HugoPath.parent(path)
            if isSection(path, language) { return path }
        }
        return "/"
    }

    /// Hugo's automatic title of a section without a file: its folder name, pluralised
    /// (`pluralizeListTitles`, default on). twc-lint pluralises like English regular nouns only.
    static func automaticTitle(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix("s") || lower.isEmpty { return name }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return String(name.dropLast()) + "ies"
        }
        if lower.hasSuffix("x") || lower.hasSuffix("ch") || lower.hasSuffix("sh") { return name + "es" }
        return name + "s"
    }
}

/// Page URLs and alias paths as Hugo 0.168 computes them (hugo-behaviour §2.5, §2.9–2.12),
/// verified against the Hugo binary by `HugoOracleTests`.
enum URLBuilder {
    /// The URL path a page is published at, not percent-encoded, with the `baseURL` path
    /// (Hugo's `CreateTargetPaths`):
    /// - `url` (not on the home page): used as written, no sanitising or lower-casing, its
    ///   permalink tokens expanded; the language directory is added only when it does not start
    ///   with `/`; it is a directory (`/` added) when it ends in `/` or holds no dot at all.
    /// - else a `permalinks` rule matching the page (not the home page): its pattern expanded,
    ///   through Hugo's path sanitiser.
    /// - else the language prefix and the logical path with the page's own `slug` (not on the
    ///   home page) and the `slug` of each enclosing section of the same language replacing their
    ///   segments, through Hugo's path sanitiser (`Café & Bar!` → `café--bar`).
    /// With `uglyURLs` for the page's section a page is `<path>.html`, a list page
    /// `<path>/index.html`.
    static func url(
        for file: PlacedFile, frontmatter: FrontmatterValue, dates: HugoDates, config: SiteConfig,
        sections: SectionIndex
    ) -> String {
        let segments = file.logicalPath.split(separator: "/").map(String.init)
        let prefix = config.urlPrefix(for: file.language)
        if file.kind != .home, var url = frontmatter["url"].flatMap(castString), !url.isEmpty {
            if url.contains(":") {
                let expanded = PermalinkExpander.expand(
                    url, for: subject(file, frontmatter, dates, sections: sections))
                if !expanded.isEmpty { url = PermalinkExpander.queryUnescape(expanded) }
            }
            let relative = !url.hasPrefix("/")
            if url.contains("..") { url = HugoPath.clean("/" + url) }
            let isDirectory = url.hasSuffix("/") || !url.contains(".")
            let parts = url.split(separator: "/").joined(separator: "/")
            let directory = relative ? config.languageDirectory(for: file.language) : ""
            let path = directory + parts + (isDirectory && !parts.isEmpty ? "/" : "")
            return config.baseURLPath(for: file.language) + path
        }
        let ugly = config.isUglyURL(section: file.section)
        func finish(_ path: String) -> String {
            guard !path.isEmpty else { return prefix + (ugly ? "index.html" : "") }
            // A term is a file of its taxonomy's folder (`/tags/go.html`), as a page is.
            if file.kind == .page || config.hugoKind(file.kind, logicalPath: file.logicalPath) == "term" {
                return prefix + path + (ugly ? ".html" : "/")
            }
            return prefix + path + (ugly ? "/index.html" : "/")
        }
        if file.kind != .home, let permalink = permalink(file, frontmatter, dates, config: config, sections: sections) {
            return finish(HugoPath.sanitize(HugoPath.lower(permalink)))
        }
        guard !segments.isEmpty else { return finish("") }
        var parts: [String] = []
        for (position, segment) in segments.enumerated() {
            if position == segments.count - 1 {
                parts.append(slug(frontmatter, dates).map(HugoPath.lower) ?? segment)
            } else {
                let section = "/" + segments[0...position].joined(separator: "/")
                parts.append(sections.section(section, file.language)?.slug.map(HugoPath.lower) ?? segment)
            }
        }
        return finish(HugoPath.sanitize(parts.joined(separator: "/")))
    }

    /// The URL of a list page Hugo makes without a content file (hugo-behaviour §2.8, §2.9): a
    /// language's home, a top-level section (`/blog`), a taxonomy (`/tags`) or a term
    /// (`/tags/go-lang`, whose `title` is the term as written). `permalinks` rules for the kind
    /// apply, and `uglyURLs` (a term is then `<path>.html`, the others `<path>/index.html`).
    static func listURL(kind: String, logicalPath: String, title: String?, language: String, config: SiteConfig)
        -> String
    {
        let prefix = config.urlPrefix(for: language)
        let segments = logicalPath.split(separator: "/").map(String.init)
        guard let first = segments.first else {
            return prefix + (config.isUglyURL(section: "") ? "index.html" : "")
        }
        let ugly = config.isUglyURL(section: first)
        var path = HugoPath.sanitize(segments.joined(separator: "/"))
        if let rule = config.permalinks(for: language).first(where: {
            $0.target.matches(kind: kind, path: logicalPath, language: language, environment: config.environment)
        }) {
            let name = segments.last ?? ""
            let automatic = title ?? (kind == "section" ? SectionIndex.automaticTitle(name) : name)
            let subject = PermalinkSubject(
                kind: kind, logicalPath: logicalPath, date: nil, title: automatic, slug: "", translationBaseName: nil,
                directoryName: "", contentBaseName: name, section: first,
                currentSection: logicalPath, sectionSlugsOrTitles: kind == "section" ? [automatic] : [])
            let expanded = PermalinkExpander.expand(rule.pattern, for: subject)
            if !expanded.isEmpty {
                path = HugoPath.sanitize(
                    HugoPath.lower(String(HugoPath.clean("/" + PermalinkExpander.queryUnescape(expanded)).dropFirst())))
            }
        }
        if path.isEmpty { return prefix + (ugly ? "index.html" : "") }
        if kind == "term" { return prefix + path + (ugly ? ".html" : "/") }
        return prefix + path + (ugly ? "/index.html" : "/")
    }

    /// The directory a page's resources and feed are published in (Hugo's `SubResourceBaseLink`):
    /// the page's URL when it ends in `/`; for `…/index.html` its directory; for a file
    /// (`/posts/a.html`, `/v1.2/page`) the file's path without its extension, as a directory.
    static func resourceBase(of url: String) -> String {
        if url.hasSuffix("/") { return url }
        if url.hasSuffix("/index.html") { return String(url.dropLast("index.html".count)) }
        let lastSlash = url.lastIndex(of: "/") ?? url.startIndex
        if let dot = url[lastSlash...].lastIndex(of: "."), dot > url.index(after: lastSlash) {
            return String(url[..<dot]) + "/"
        }
        return url + "/"
    }

    /// The expanded pattern of the first `permalinks` rule of the page's language that matches
    /// it, unescaped and cleaned, without the leading `/`; nil when none matches or the pattern
    /// expands to nothing.
    static func permalink(
        _ file: PlacedFile, _ frontmatter: FrontmatterValue, _ dates: HugoDates, config: SiteConfig,
        sections: SectionIndex
    ) -> String? {
        let kind = config.hugoKind(file.kind, logicalPath: file.logicalPath)
        guard
            let rule = config.permalinks(for: file.language).first(where: {
                $0.target.matches(
                    kind: kind, path: file.logicalPath, language: file.language, environment: config.environment)
            })
        else { return nil }
        var subject = subject(file, frontmatter, dates, sections: sections)
        subject.kind = kind
        let expanded = PermalinkExpander.expand(rule.pattern, for: subject)
        guard !expanded.isEmpty else { return nil }
        let cleaned = HugoPath.clean("/" + PermalinkExpander.queryUnescape(expanded))
        return String(cleaned.dropFirst())
    }

    /// The page as the permalink tokens see it.
    static func subject(_ file: PlacedFile, _ frontmatter: FrontmatterValue, _ dates: HugoDates, sections: SectionIndex)
        -> PermalinkSubject
    {
        let current = sections.currentSection(of: file.logicalPath, kind: file.kind, file.language)
        var chain: [String] = []
        var path = ""
        for segment in current.split(separator: "/") {
            path += "/" + segment
            guard sections.isSection(path, file.language) else { continue }
            let section = sections.section(path, file.language)
            let title = section?.title ?? SectionIndex.automaticTitle(String(segment))
            chain.append(section?.slug ?? title)
        }
        var translationBaseName = Substring(file.fileName)
        if !file.ext.isEmpty { translationBaseName = translationBaseName.dropLast(file.ext.utf8.count + 1) }
        if file.hasLanguageSuffix { translationBaseName = translationBaseName.dropLast(file.language.utf8.count + 1) }
        return PermalinkSubject(
            kind: file.kind.rawValue, logicalPath: file.logicalPath, date: dates.date?.time,
            title: frontmatter["title"].flatMap(castString) ?? "", slug: slug(frontmatter, dates) ?? "",
            translationBaseName: String(translationBaseName),
            directoryName: file.directory.split(separator: "/").last.map(String.init) ?? "",
            contentBaseName: file.contentBaseName, section: file.section,
            currentSection: current, sectionSlugsOrTitles: chain)
    }

    /// A page's `slug` (Hugo trims leading and trailing `-`; blanks vanish in the sanitiser),
    /// else the slug `:filename` took from its file name; nil when unset or empty.
    static func slug(_ frontmatter: FrontmatterValue, _ dates: HugoDates) -> String? {
        let written = frontmatter["slug"].flatMap(castString) ?? dates.filenameSlug
        var slug = Substring(written ?? "")
        while slug.first == "-" { slug = slug.dropFirst() }
        while slug.last == "-" { slug = slug.dropLast() }
        let trimmed = String(slug).trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The redirect paths Hugo 0.168 writes for the page's `aliases` (same form as `Page.url`):
    /// an absolute alias gets the page's language directory (≥ 0.155: `/old/` on an `en` page →
    /// `/en/old/`, even when it already starts with `/en/`); a relative one is resolved against
    /// the page's URL without its last segment; `.`/`..` are cleaned (never above the site
    /// root). Ending in `.html` or `.htm` it is a file, else a directory (`…/index.html`). An
    /// alias that resolves to the root of the site stops Hugo's build ("resolves to website root
    /// directory"); it is left out.
    static func aliases(
        _ frontmatter: FrontmatterValue, pageURL: String, language: String, section: String, config: SiteConfig
    ) -> [String] {
        let base = config.baseURLPath(for: language)
        return aliasPaths(frontmatter, pageURL: pageURL, language: language, section: section, config: config)
            .compactMap { path in
                // An alias at the root of the site stops Hugo's build.
                guard path != "/" else { return nil }
                let isFile = path.hasSuffix(".html") || path.hasSuffix(".htm")
                return base + path.dropFirst() + (isFile ? "" : "/")
            }
    }

    /// A page's `.Aliases` in templates (Hugo 0.168's `pageOutput.Aliases`): each alias joined
    /// with the page's language directory (absolute) or the page's parent folder (relative) and
    /// cleaned, without the baseURL path or a trailing slash; with `.html` under ugly URLs.
    static func aliasPaths(
        _ frontmatter: FrontmatterValue, pageURL: String, language: String, section: String, config: SiteConfig
    ) -> [String] {
        guard let value = frontmatter["aliases"] else { return [] }
        var written: [String] = []
        switch value.kind {
        case .array(let items): written = items.compactMap(castString)
        case .string(let text):
            written = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        default: return []
        }
        let base = config.baseURLPath(for: language)
        // The page's path below the baseURL path, without the trailing slash or `index.html`.
        var pagePath = "/" + String(pageURL.hasPrefix(base) ? pageURL.dropFirst(base.count) : Substring(pageURL))
        if pagePath.hasSuffix("/index.html") { pagePath.removeLast("index.html".count) }
        if pagePath.count > 1 && pagePath.hasSuffix("/") { pagePath.removeLast() }
        let pageDirectory = pagePath.lastIndex(of: "/").map { String(pagePath[..<$0]) } ?? ""
        let ugly = config.isUglyURL(section: section)
        var result: [String] = []
        for alias in written {
            let joined =
                alias.hasPrefix("/")
                ? "/" + config.languageDirectory(for: language) + alias.dropFirst()
                : pageDirectory + "/" + alias
            var path = HugoPath.clean(joined)
            // With ugly URLs an alias is a file: `.html` is added unless it has it.
            if ugly && path != "/" && !path.hasSuffix(".html") && !path.hasSuffix(".htm") { path += ".html" }
            result.append(path)
        }
        return result
    }
}
