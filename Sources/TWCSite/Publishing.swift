import Foundation
import TWCFrontmatter

/// Whether Hugo 0.168 publishes a page, and if not, why (hugo-behaviour §2.5 last bullet).
public enum PublishState: Sendable, Equatable {
    case published
    /// `draft: true` (and the site does not set `buildDrafts`).
    case draft(FrontmatterEntry)
    /// `.PublishDate` (from `publishDate`, `pubdate`, `published` or `date`) is after the build
    /// clock (and the site does not set `buildFuture`).
    case future(HugoDates.Source)
    /// `.ExpiryDate` (`expiryDate` or `unpublishDate`) is before the build clock (and the site
    /// does not set `buildExpired`).
    case expired(HugoDates.Source)
    /// `headless: true`, or `build.render` (`_build.render`) `never`, `link` or `false`: Hugo
    /// renders no file for the page.
    case notRendered(FrontmatterEntry)
    /// Another file claims the same page in the same language and Hugo keeps that one
    /// (`SiteModel.conflicts`).
    case replaced(by: Int)
    /// The state comes from a value the page inherits from a `cascade` (hugo-behaviour §2.10)
    /// written in the file `from` (an ancestor's `_index` file or a configuration file).
    indirect case inherited(PublishState, from: String)

    public var isPublished: Bool { self == .published }

    /// Hugo keeps the page in its collections (GetPage, `ref` and the embedded link hook find it)
    /// though it may write no file for it: published, headless, or `build.render` never or link.
    public var isInCollections: Bool {
        switch self {
        case .published, .notRendered: return true
        case .inherited(let state, _): return state.isInCollections
        default: return false
        }
    }

    /// Whether the page has a URL Hugo writes into links: not for `headless: true` or
    /// `build.render: never` (its `.RelPermalink` is empty), but for `build.render: link`.
    public var hasURL: Bool {
        if case .inherited(let state, _) = self { return state.hasURL }
        guard case .notRendered(let entry) = self else { return true }
        if case .string(let mode)? = entry.value["render"]?.kind { return mode == "link" }
        return false
    }

    /// `build.render: link`: Hugo gives the page a URL and writes nothing there, on purpose (the
    /// URL is served by something else, such as the web server's redirects).
    public var isLinkOnly: Bool {
        if case .inherited(let state, _) = self { return state.isLinkOnly }
        guard case .notRendered(let entry) = self, case .string(let mode)? = entry.value["render"]?.kind else {
            return false
        }
        return mode == "link"
    }

    /// What keeps the page unpublished, for messages: `a draft (draft: true)`, `scheduled for
    /// 2025-07-01T00:00:00+02:00 (date)`, `not rendered (headless: true)`. This is the one
    /// description of the publishing state; rules quote it rather than guess.
    public var reason: String? {
        switch self {
        case .published: return nil
        case .draft(let entry): return "a draft (\(entry.key): \(Self.written(entry.value)))"
        case .future(let source): return "scheduled for \(source.time.formatted) (\(Self.origin(source)))"
        case .expired(let source): return "expired since \(source.time.formatted) (\(Self.origin(source)))"
        case .notRendered(let entry):
            if let render = entry.value["render"] {
                return "not rendered (\(entry.key).render: \(Self.written(render)))"
            }
            return "not rendered (\(entry.key): \(Self.written(entry.value)))"
        case .replaced: return "replaced by another file claiming the same page"
        case .inherited(let state, let file):
            return state.reason.map { "\($0), from the cascade in \(file)" }
        }
    }

    /// A scalar as a reader recognises it: `true`, `"true"`, `1`, `never`.
    static func written(_ value: FrontmatterValue) -> String {
        switch value.kind {
        case .bool(let flag): return String(flag)
        case .integer(let number): return String(number)
        case .float(let number): return String(number)
        case .string(let text): return text == "never" || text == "link" || text == "always" ? text : "\"\(text)\""
        default: return "…"
        }
    }

    /// Where a date came from: the key as written, or the file name / modification time.
    static func origin(_ source: HugoDates.Source) -> String {
        if let entry = source.entry { return entry.key }
        if source.origin.hasPrefix(Self.cascadeOrigin) {
            return "from the cascade in \(source.origin.dropFirst(Self.cascadeOrigin.count))"
        }
        return source.origin == ":filename" ? "the date in its file name" : "its file's modification time"
    }

    /// The front matter entry responsible, if any.
    public var entry: FrontmatterEntry? {
        switch self {
        case .draft(let entry), .notRendered(let entry): return entry
        case .future(let source), .expired(let source): return source.entry
        case .published, .replaced, .inherited: return nil
        }
    }

    /// The `origin` of a date a page inherits from a cascade: this prefix, then the file.
    static let cascadeOrigin = "cascade:"

    /// Hugo's `shouldBuild` for one page's front matter (with what it inherits), against `clock`.
    static func of(_ frontmatter: EffectiveFrontmatter, dates: HugoDates, config: SiteConfig, clock: Date)
        -> PublishState
    {
        let state = of(frontmatter.table, dates: dates, config: config, clock: clock)
        if let entry = state.entry, let file = frontmatter.origin(of: entry.key) {
            return .inherited(state, from: file)
        }
        return state
    }

    static func of(_ frontmatter: FrontmatterValue, dates: HugoDates, config: SiteConfig, clock: Date) -> PublishState {
        if !config.buildDrafts, let entry = frontmatter.entry("draft"), castBool(entry.value) {
            return .draft(entry)
        }
        if !config.buildFuture, let publish = dates.publishDate, !publish.time.isZero, publish.time.date > clock {
            return .future(publish)
        }
        if !config.buildExpired, let expiry = dates.expiryDate, !expiry.time.isZero, expiry.time.date < clock {
            return .expired(expiry)
        }
        if let entry = frontmatter.entry("headless"), castBool(entry.value) { return .notRendered(entry) }
        for key in ["build", "_build"] {
            guard let entry = frontmatter.entry(key), let render = entry.value["render"] else { continue }
            let neverRendered: Bool
            switch render.kind {
            case .bool(let value): neverRendered = !value
            case .integer(let value): neverRendered = value == 0
            case .string(let text): neverRendered = text == "never" || text == "link" || text == "0"
            default: neverRendered = false
            }
            if neverRendered { return .notRendered(entry) }
        }
        return .published
    }

    /// spf13/cast `ToBool`: a bool, a number other than 0, or a string Go's `strconv.ParseBool`
    /// reads as true (`1`, `t`, `T`, `TRUE`, `true`, `True`); anything else is false.
    static func castBool(_ value: FrontmatterValue) -> Bool {
        switch value.kind {
        case .bool(let flag): return flag
        case .integer(let number): return number != 0
        case .float(let number): return number != 0
        case .string(let text): return ["1", "t", "T", "TRUE", "true", "True"].contains(text)
        default: return false
        }
    }
}
