import Foundation
import TWCCore
import TWCFrontmatter
import TWCSite

/// `date-mismatch`: `date` / `publishDate` differ between versions of a page.
public struct DateMismatchRule: Rule {
    public init() {}
    public let id = "date-mismatch"
    public let severity = Severity.warning
    public let summary = "`date` or `publishDate` differ between the versions of a page (compared as instants, not spellings)."
    public let rationale = """
        A page's versions describe one publication; different dates reorder lists, feeds and the \
        \"published on\" line per language. Values are parsed as Hugo parses them, in the language's \
        (else the site's) `timeZone`, so `2025-03-23` and `\"2025-03-23T00:00:00Z\"` are the same date on a UTC site. \
        `lastmod` may differ: translations are updated at their own pace.
        """
    public let fixBehavior: String? = "Unsafe (not applied by --fix): copies the source version's date, written the way this page writes it (a quoted date stays quoted)."
    public static let keys = ["date", "publishDate"]
    public let examples: [RuleExample] = [
        RuleExample("Same date, different spelling", triggers: false, files: [
            ("content/p.md", "---\ndate: 2025-03-23\n---\n"),
            ("content/p.nl.md", "---\ndate: \"2025-03-23T00:00:00Z\"\n---\n"),
        ]),
        RuleExample("Different dates", triggers: true, at: "content/p.nl.md:2", files: [
            ("content/p.md", "---\ndate: 2025-08-08T00:00:00.000Z\n---\n"),
            ("content/p.nl.md", "---\ndate: 2025-08-15T00:00:00.000Z\n---\n"),
        ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard let source = site.sourcePage(of: page), source.index != page.index else { return }
        // Each version is read as Hugo reads it: by its front matter format, in its language's time zone.
        let zone = site.config.timeZone(for: page.language)
        let theirZone = site.config.timeZone(for: source.language)
        let myFormat = page.parsed.frontmatterBlock?.format ?? .yaml
        let theirFormat = source.parsed.frontmatterBlock?.format ?? .yaml
        for key in Self.keys {
            guard let mine = page.frontmatter.entry(key), let theirs = source.frontmatter.entry(key),
                  let myDate = HugoDate.parse(mine.value, format: myFormat, timeZone: zone),
                  let theirDate = HugoDate.parse(theirs.value, format: theirFormat, timeZone: theirZone),
                  myDate != theirDate else { continue }
            let theirText = source.source.text(theirs.value.range)
            // The same text in languages with their own time zones: nothing to copy.
            if page.source.text(mine.value.range) == theirText && myFormat == theirFormat { continue }
            // A date Hugo read from a string is a date all the same: written as the page writes its dates.
            let theirValue: FrontmatterScalar? = switch theirs.value.kind {
            case .string(let text), .datetime(let text): .date(text)
            default: FrontmatterScalar(theirs.value)
            }
            diagnostics.append(diagnostic(
                page, mine.value.range,
                "\(mine.key) is \(Self.describe(myDate, zone)) here but \(Self.describe(theirDate, theirZone)) in the "
                    + "\(source.language) version; give both versions the same \(mine.key)",
                related: [note(source, theirs.value.range, "the \(source.language) \(theirs.key): \(theirText)")],
                fix: copiedValueFix(page, mine, theirValue, from: source, theirs.value)))
        }
    }

    static func describe(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
