import TWCCore
import TWCFrontmatter
import TWCReport
import TWCSite

/// `twc-lint dump`: what the site model holds for a page.
enum PageDump {
    static func json(_ page: Page, site: SiteModel) -> JSONValue {
        let source = page.source
        let headings = page.headings.map { heading -> JSONValue in
            .object([
                ("level", .int(heading.level)), ("text", .string(heading.text)),
                ("anchor", heading.anchor.map { .string($0) } ?? .null),
                ("line", .int(source.location(of: heading.range.start).line)),
            ])
        }
        let links = page.links.indices.map { index -> JSONValue in
            let link = page.links[index]
            let location = source.location(of: link.range.start)
            return .object([
                ("target", .string(link.destination)), ("line", .int(location.line)),
                ("column", .int(location.column)), ("kind", .string(link.kind.rawValue)),
                ("resolvesTo", resolved(site.target(ofLink: index, in: page), from: page, site: site)),
            ])
        }
        let shortcodes = page.parsed.shortcodes.filter { !$0.isComment }.map { shortcode -> JSONValue in
            .object([
                ("name", .string(shortcode.name)), ("line", .int(source.location(of: shortcode.range.start).line)),
                ("closing", .bool(shortcode.isClosing)),
            ])
        }
        // `translations`: Hugo's `.Translations` (the other published versions). `versions`: every
        // other version twc-lint compares the page with, drafts and unpublished ones included.
        func byLanguage(_ pages: [Page]) -> JSONValue {
            .object(
                pages.map {
                    ($0.language, JSONValue.object([("file", .string($0.path)), ("url", .string($0.url))]))
                })
        }
        var translations = byLanguage(page.isPublished ? site.translations(of: page) : [])
        if page.isPublished, case .object(var entries) = translations {
            // Hugo's generated list pages (no file) in the languages without a file for this one.
            for generated in site.generatedTranslations(of: page) {
                entries.append(
                    (
                        generated.language,
                        .object([
                            ("file", .null), ("url", .string(generated.url)), ("generated", .string(generated.kind)),
                        ])
                    ))
            }
            let order = site.config.languageKeys
            entries.sort { (order.firstIndex(of: $0.0) ?? 0) < (order.firstIndex(of: $1.0) ?? 0) }
            translations = .object(entries)
        }
        let versions = byLanguage(site.counterparts(of: page))
        return .object([
            ("file", .string(page.path)), ("language", .string(page.language)),
            ("translationKey", .string(page.translationKey ?? page.logicalPath)), ("url", .string(page.url)),
            ("translations", translations), ("versions", versions),
            ("anchors", .array(page.anchors.sorted().map { .string($0) })),
            ("relPermalink", .string(page.relPermalink)),
            ("published", .bool(page.isPublished)),
            ("unpublishedBecause", page.publishState.reason.map { .string($0) } ?? .null),
            ("aliases", .array(page.aliases.map { .string($0) })),
            ("frontmatter", value(page.frontmatter)),
            ("headings", .array(headings)), ("links", .array(links)), ("shortcodes", .array(shortcodes)),
        ])
    }

    /// Where a link goes in the built site: a URL path with its fragment, an external URL, or
    /// `missing:` and the path where nothing is published (a ref Hugo cannot resolve: its path),
    /// `redirect?:` and the path when the server's redirects may send it on;
    /// a link Hugo writes as an empty href (to a page without a URL) leads to `page` itself.
    static func resolved(_ target: LinkTarget, from page: Page, site: SiteModel) -> JSONValue {
        func withFragment(_ path: String, _ fragment: String?) -> String { path + (fragment.map { "#" + $0 } ?? "") }
        switch target {
        case .external(let url): return .string(url)
        case .page(let index, let fragment):
            let url = withFragment(site.pages[index].url, fragment)
            return .string(site.isPublished(index) ? url : "missing:" + url)
        case .file(let path, let fragment): return .string(withFragment(path, fragment))
        case .unresolved(let path, let fragment): return .string("missing:" + withFragment(path, fragment))
        // Hugo writes an empty href: the linking page itself.
        case .unrendered(_, let fragment): return .string(withFragment(page.url, fragment))
        case .unknown: return .null
        // Nothing published there; the web server's redirects may send it on.
        case .maybeRedirected(let path, let fragment): return .string("redirect?:" + withFragment(path, fragment))
        }
    }

    static func value(_ value: FrontmatterValue) -> JSONValue {
        switch value.kind {
        case .string(let s), .datetime(let s): return .string(s)
        case .integer(let i): return .int(Int(i))
        case .float(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .array(let items): return .array(items.map(Self.value))
        case .table(let entries): return .object(entries.map { ($0.key, Self.value($0.value)) })
        }
    }

    /// `dump --format text`: the same values as the JSON, one per line, nested values indented
    /// under their key (`file: content/p.md`, `headings:`, `  - level: 2`).
    static func text(_ value: JSONValue) -> String {
        var output = ""
        func scalar(_ value: JSONValue) -> String? {
            switch value {
            case .string(let text): return TerminalText.visible(text, keepingLineBreaks: false)
            case .int(let number): return String(number)
            case .double(let number): return String(number)
            case .bool(let flag): return flag ? "true" : "false"
            case .null: return "–"
            case .array(let items) where items.isEmpty: return "(none)"
            case .object(let members) where members.isEmpty: return "(none)"
            default: return nil
            }
        }
        func write(_ value: JSONValue, indent: String, firstPrefix: String?) {
            switch value {
            case .array(let items) where !items.isEmpty:
                for item in items {
                    if let text = scalar(item) {
                        output += indent + "- " + text + "\n"
                    } else {
                        write(item, indent: indent + "  ", firstPrefix: indent + "- ")
                    }
                }
            case .object(let members) where !members.isEmpty:
                var prefix = firstPrefix
                for (key, member) in members {
                    let lead = prefix ?? indent
                    prefix = nil
                    if let text = scalar(member) {
                        output += lead + key + ": " + text + "\n"
                    } else {
                        output += lead + key + ":\n"
                        write(member, indent: indent + "  ", firstPrefix: nil)
                    }
                }
            default:
                output += (firstPrefix ?? indent) + (scalar(value) ?? "") + "\n"
            }
        }
        if case .array(let items) = value {
            for (index, item) in items.enumerated() {
                if index > 0 { output += "\n" }
                write(item, indent: "", firstPrefix: nil)
            }
        } else {
            write(value, indent: "", firstPrefix: nil)
        }
        return output
    }
}
