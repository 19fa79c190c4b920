import Foundation
import TWCCore
import TWCFrontmatter
import TWCSite

/// `date-mismatch`: `date` / `publishDate` differ between versions of a page.
public struct DateMismatchRule: Rule {
    public init() {}
    public let id = "date-mismatch"
    public let severity = Severity.warning
    public let summary =
        "`.Date`, `.PublishDate` or `.ExpiryDate` differ between the versions of a page (compared as instants, not spellings)."
    public let rationale = """
        A page's versions describe one publication; different dates reorder lists, feeds and the \
        \"published on\" line per language, and a different publish or expiry date publishes or \
        withdraws one language's version alone. Each version's dates are resolved as Hugo resolves \
        them, through the site's `[frontmatter]` date chains (`publishDate` may come from `date`, or \
        from a configured key), parsed in the language's (else the site's) `timeZone`, so \
        `2025-03-23` and `\"2025-03-23T00:00:00Z\"` are the same date on a UTC site. `lastmod` may \
        differ: translations are updated at their own pace. Times of the same day are not compared \
        (a CMS publishes each language's version a few seconds or minutes apart; readers see one \
        date).
        """
    public let fixAvailability = FixAvailability.unsafe
    public let fixBehavior: String? =
        "Copies the source version's date, written the way this page writes it (a quoted date stays quoted)."
    public let examples: [RuleExample] = [
        RuleExample(
            "Same date, different spelling",
            files: [
                ("content/p.md", "---\ndate: 2025-03-23\n---\n"),
                ("content/p.nl.md", "---\ndate: \"2025-03-23T00:00:00Z\"\n---\n"),
            ]),
        RuleExample(
            "Different expiry dates: one language's version is withdrawn first",
            files: [
                ("content/p.md", "---\ndate: 2025-01-01\nexpiryDate: 2030-01-01\n---\n"),
                ("content/p.nl.md", "---\ndate: 2025-01-01\nexpiryDate: 2029-01-01\n---\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:13",
                    "expiryDate is 2029-01-01T00:00:00Z here but 2030-01-01T00:00:00Z in the en version; give both versions the same expiryDate"
                )
            ],
            fixed: [
                ("content/p.nl.md", "---\ndate: 2025-01-01\nexpiryDate: 2030-01-01\n---\n")
            ]),
        RuleExample(
            "Different dates",
            files: [
                ("content/p.md", "---\ndate: 2025-08-08T00:00:00.000Z\n---\n"),
                ("content/p.nl.md", "---\ndate: 2025-08-15T00:00:00.000Z\n---\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:2:7",
                    "date is 2025-08-15T00:00:00Z here but 2025-08-08T00:00:00Z in the en version; give both versions the same date"
                )
            ],
            fixed: [
                ("content/p.nl.md", "---\ndate: 2025-08-08T00:00:00.000Z\n---\n")
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard let source = site.sourcePage(of: page), source.index != page.index else { return }
        // Each version's dates as Hugo resolves them: through the site's date chains, by its front
        // matter format, in its language's time zone.
        let zone = site.config.timeZone(for: page.language)
        let theirZone = site.config.timeZone(for: source.language)
        let myFormat = page.parsed.frontmatterBlock?.format ?? .yaml
        let theirFormat = source.parsed.frontmatterBlock?.format ?? .yaml
        var reported = Set<SourceRange>()
        let fields: [(String, KeyPath<HugoDates, HugoDates.Source?>)] = [
            ("date", \.date), ("publishDate", \.publishDate), ("expiryDate", \.expiryDate),
        ]
        for (field, path) in fields {
            guard let mine = page.dates[keyPath: path], let theirs = source.dates[keyPath: path],
                mine.time.date != theirs.time.date, let myEntry = mine.entry
            else { continue }
            // The same day with another time (a CMS publishing each language seconds apart):
            // readers see the same date.
            if Self.sameDay(mine.time.date, theirs.time.date, zone) { continue }
            // One finding per entry: `.PublishDate` often comes from the same `date` as `.Date`.
            guard reported.insert(myEntry.value.range).inserted else { continue }
            let theirText = theirs.entry.map { source.source.text($0.value.range) } ?? theirs.time.formatted
            // The same text in languages with their own time zones: nothing to copy.
            if page.source.text(myEntry.value.range) == theirText && myFormat == theirFormat { continue }
            let named = myEntry.key.lowercased() == field.lowercased() ? myEntry.key : "\(field) (from \(myEntry.key))"
            let theirOrigin =
                theirs.entry.map { $0.key.lowercased() == field.lowercased() ? "" : " (from \($0.key))" }
                ?? " (from its file name)"
            var related: [RelatedNote] = []
            var fix: Fix?
            if let theirEntry = theirs.entry {
                related.append(
                    note(source, theirEntry.value.range, "the \(source.language) \(theirEntry.key): \(theirText)"))
                // A date Hugo read from a string is a date all the same: written as the page writes its dates.
                let theirValue: FrontmatterScalar? =
                    switch theirEntry.value.kind {
                    case .string(let text), .datetime(let text): .date(text)
                    default: FrontmatterScalar(theirEntry.value)
                    }
                fix = copiedValueFix(page, myEntry, theirValue, from: source, theirEntry.value)
            }
            diagnostics.append(
                diagnostic(
                    page, myEntry.value.range,
                    "\(named) is \(Self.describe(mine.time.date, zone)) here but \(Self.describe(theirs.time.date, theirZone))"
                        + "\(theirOrigin) in the \(source.language) version; give both versions the same \(field)",
                    related: related, fix: fix))
        }
    }

    /// Whether two instants fall on the same calendar day in `zone`.
    static func sameDay(_ a: Date, _ b: Date, _ zone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.isDate(a, inSameDayAs: b)
    }

    /// RFC 3339 in `zone` (`2025-08-15T00:00:00+02:00`), whole seconds.
    static func describe(_ date: Date, _ zone: TimeZone) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        return HugoTime(seconds: Int64(seconds), utcOffset: zone.secondsFromGMT(for: date)).formatted
    }
}
