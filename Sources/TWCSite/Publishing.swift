import Foundation
import TWCFrontmatter

/// Whether Hugo 0.168 publishes a page, and if not, why (hugo-semantics §2.5 last bullet).
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

    public var isPublished: Bool { self == .published }

    /// What keeps the page unpublished, for messages: `a draft (draft: true)`, `scheduled for
    /// 2025-07-01T00:00:00+02:00 (date)`.
    public var reason: String? {
        switch self {
        case .published: return nil
        case .draft(let entry): return "a draft (\(entry.key): true)"
        case .future(let source): return "scheduled for \(source.time.formatted) (\(source.entry.key))"
        case .expired(let source): return "expired since \(source.time.formatted) (\(source.entry.key))"
        case .notRendered(let entry): return "not rendered (\(entry.key == "headless" ? "headless: true" : entry.key + ".render"))"
        case .replaced: return "replaced by another file claiming the same page"
        }
    }

    /// The front matter entry responsible, if any.
    public var entry: FrontmatterEntry? {
        switch self {
        case .draft(let entry), .notRendered(let entry): return entry
        case .future(let source), .expired(let source): return source.entry
        case .published, .replaced: return nil
        }
    }

    /// Hugo's `shouldBuild` for one page's front matter, against `clock`.
    static func of(_ frontmatter: FrontmatterValue, format: FrontmatterFormat, timeZone: TimeZone,
                   config: SiteConfig, clock: Date) -> PublishState {
        if !config.buildDrafts, let entry = frontmatter.entry("draft"), castBool(entry.value) {
            return .draft(entry)
        }
        let dates = HugoDate.resolve(frontmatter: frontmatter, format: format, timeZone: timeZone)
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
