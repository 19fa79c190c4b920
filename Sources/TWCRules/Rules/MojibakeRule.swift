import TWCCore
import TWCMarkdown
import TWCSite

/// `mojibake`: UTF-8 text that was once decoded as Windows-1252 / Latin-1 (`Ã¼`, `â€™`).
public struct MojibakeRule: Rule {
    public init() {}
    public let id = "mojibake"
    public let severity = Severity.error
    public let summary =
        "UTF-8 text that was decoded as Windows-1252 or Latin-1 (`Ã¼berhaupt`, `â€™`), in the body or front matter."
    public let rationale = """
        Copying text through a tool that assumes Windows-1252 turns every non-ASCII character into two \
        or three wrong ones: `ü` becomes `Ã¼`, `’` becomes `â€™`. The rule finds runs of characters \
        whose Windows-1252 bytes form valid UTF-8 for a plausible character, which correct text in \
        Dutch, English, German, French or other scripts does not contain. Code is not checked.
        """
    public let fixAvailability = FixAvailability.safe
    public let fixBehavior: String? =
        "Replaces each run with the characters it was made from, restoring the original bytes exactly."
    public let examples: [RuleExample] = [
        RuleExample(
            "Correct accented text",
            files: [
                (
                    "content/p.md",
                    "---\ntitle: Café « naïve » Straße\n---\n\nIsraël, één, überhaupt, ‘quotes’ — and € 5, Ελληνικά, Русский, 日本語.\n"
                )
            ]),
        RuleExample(
            "A German word through Windows-1252",
            files: [
                ("content/p.md", "Heeft je werkplek Ã¼berhaupt een ondernemingsraad?\n")
            ],
            findings: [
                .init("content/p.md:1:19", "mojibake: 'Ã¼' is UTF-8 text decoded as Windows-1252; it should read 'ü'")
            ],
            fixed: [
                ("content/p.md", "Heeft je werkplek überhaupt een ondernemingsraad?\n")
            ]),
        RuleExample(
            "A curly apostrophe in the front matter",
            files: [
                ("content/p.md", "---\ntitle: \"Workersâ€™ rights\"\n---\n\nText.\n")
            ],
            findings: [
                .init("content/p.md:2:16", "mojibake: 'â€™' is UTF-8 text decoded as Windows-1252; it should read '’'")
            ],
            fixed: [
                ("content/p.md", "---\ntitle: \"Workers’ rights\"\n---\n\nText.\n")
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        var skipped: [SourceRange] = []
        page.parsed.body.walk { node in
            switch node.kind {
            case .codeSpan, .codeBlock:
                skipped.append(node.range)
                return false
            default: return true
            }
        }
        for run in MojibakeScanner.runs(in: page.source.bytes, skipping: skipped) {
            let original = page.source.text(run.range)
            diagnostics.append(
                diagnostic(
                    page, run.range,
                    "mojibake: '\(original)' is UTF-8 text decoded as Windows-1252; it should read '\(run.repaired)'",
                    fix: Fix(
                        safe: true, summary: "restore '\(run.repaired)'", edits: [edit(page, run.range, run.repaired)]))
            )
        }
    }
}
