import TWCCore
import TWCFrontmatter
import TWCSite

/// `invalid-date`: a front matter date Hugo cannot read.
public struct InvalidDateRule: Rule {
    public init() {}
    public let id = "invalid-date"
    public let severity = Severity.error
    public let summary =
        "A front matter date (`date`, `publishDate`, `lastmod`, `expiryDate` and their aliases) that Hugo cannot parse."
    public let rationale = """
        Hugo 0.123+ stops the build with `the "date" front matter field is not a parsable date`; \
        older versions silently drop the date, so the page sorts as if it had none. Hugo accepts \
        `2025-03-23`, `2025-03-23T10:30:00` (with `Z` or an offset if wanted), `2025-03-23 10:30:00`, \
        `23 Mar 2025`, RFC 1123/822/850 forms and Unix seconds; everything else is refused: \
        `2025-3-5`, `2025-03-23 10:30` (no seconds), `23-03-2025`.
        """
    public let fixAvailability = FixAvailability.safe
    public let fixBehavior: String? =
        "Pads a one-digit month or day (`2025-3-5` → `2025-03-05`) and adds missing seconds (`10:30` → `10:30:00`), keeping the quotes."
    public let examples: [RuleExample] = [
        RuleExample(
            "ISO dates in any spelling Hugo accepts",
            files: [
                (
                    "content/p.md",
                    "---\ndate: 2025-03-23\npublishDate: \"2025-03-23T10:30:00+01:00\"\nlastmod: 23 Mar 2025\n---\n"
                )
            ]),
        RuleExample(
            "A one-digit month",
            files: [
                ("content/p.md", "---\ndate: 2025-3-5\n---\n")
            ],
            findings: [
                .init(
                    "content/p.md:2:7",
                    "date \"2025-3-5\" is not a date Hugo can read, and Hugo stops the build on it; write it as 2025-03-05"
                )
            ],
            fixed: [
                ("content/p.md", "---\ndate: 2025-03-05\n---\n")
            ]),
        RuleExample(
            "A time without seconds, in an alias key",
            files: [
                ("content/p.md", "+++\nmodified = \"2025-08-15 10:30\"\n+++\n")
            ],
            findings: [
                .init(
                    "content/p.md:2:12",
                    "modified \"2025-08-15 10:30\" is not a date Hugo can read, and Hugo stops the build on it; write it as 2025-08-15 10:30:00"
                )
            ],
            fixed: [
                ("content/p.md", "+++\nmodified = \"2025-08-15 10:30:00\"\n+++\n")
            ]),
        RuleExample(
            "A day-first date",
            files: [
                ("content/p.md", "---\nexpiryDate: 23-03-2025\n---\n")
            ],
            findings: [
                .init(
                    "content/p.md:2:13",
                    "expiryDate \"23-03-2025\" is not a date Hugo can read, and Hugo stops the build on it; write it as 2025-03-23 or 2025-03-23T10:30:00"
                )
            ]),
        RuleExample(
            "Unix seconds in YAML are a date; a JSON number is not",
            files: [
                ("content/p.md", "---\ndate: 1700000000\n---\n"),
                ("content/q.md", "{\"date\": 1700000000}\n"),
            ],
            findings: [
                .init(
                    "content/q.md:1:10",
                    "date \"1700000000\" is not a date Hugo can read, and Hugo stops the build on it; write it as 2025-03-23 or 2025-03-23T10:30:00"
                )
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        let zone = site.config.timeZone(for: page.language)
        // The entries the site's date chains reach and Hugo cannot read in this format (a JSON
        // number, a TOML local time: refused); a key no chain reaches is never read.
        for entry in page.dates.unparseable {
            let text: String
            switch entry.value.kind {
            case .string(let value), .datetime(let value): text = value
            default: text = page.source.text(entry.value.range)
            }
            var fix: Fix?
            if let repaired = Self.repair(text), HugoDate.parse(repaired, timeZone: zone) != nil {
                let written = page.source.text(entry.value.range)
                if let at = written.range(of: text) {
                    fix = Fix(
                        safe: true, summary: "write \(repaired)",
                        edits: [edit(page, entry.value.range, written.replacingCharacters(in: at, with: repaired))])
                }
            }
            let hint =
                Self.repair(text).map { "; write it as \($0)" } ?? "; write it as 2025-03-23 or 2025-03-23T10:30:00"
            diagnostics.append(
                diagnostic(
                    page, entry.value.range,
                    "\(entry.key) \"\(text)\" is not a date Hugo can read, and Hugo stops the build on it\(hint)",
                    fix: fix))
        }
    }

    /// The date the author evidently meant, in a form Hugo reads: `2025-3-5` → `2025-03-05`,
    /// `2025-08-15 10:30` → `2025-08-15 10:30:00`. nil when the intent is not evident.
    static func repair(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(maxDigits: Int) -> (value: String, digits: Int)? {
            let start = index
            while index < bytes.count, index - start < maxDigits, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                index += 1
            }
            return index > start ? (String(decoding: bytes[start..<index], as: UTF8.self), index - start) : nil
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        func padded(_ part: (value: String, digits: Int)) -> String { part.digits == 1 ? "0" + part.value : part.value }
        guard let year = number(maxDigits: 4), year.digits == 4, expect(UInt8(ascii: "-")),
            let month = number(maxDigits: 2), expect(UInt8(ascii: "-")), let day = number(maxDigits: 2)
        else { return nil }
        var result = "\(year.value)-\(padded(month))-\(padded(day))"
        if index == bytes.count { return result }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else {
            return nil
        }
        let separator = String(UnicodeScalar(bytes[index]))
        index += 1
        guard let hour = number(maxDigits: 2), expect(UInt8(ascii: ":")), let minute = number(maxDigits: 2),
            minute.digits == 2
        else { return nil }
        result += separator + padded(hour) + ":" + minute.value
        if expect(UInt8(ascii: ":")) {
            guard let second = number(maxDigits: 2), second.digits == 2 else { return nil }
            result += ":" + second.value
        } else {
            result += ":00"
        }
        // An offset or zone after the time is kept as written.
        return result + String(decoding: bytes[index...], as: UTF8.self)
    }
}
