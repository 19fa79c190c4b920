import TWCCore
import TWCMarkdown
import TWCSite

/// `mojibake`: UTF-8 text that was misread as a single-byte code page (`Ã¼`, `â€™`, `√©`,
/// `РґРѕ`), once or up to three times, and C1 controls left by Windows-1252 read as ISO-8859-1.
public struct MojibakeRule: Rule {
    public init() {}
    public let id = "mojibake"
    public let severity = Severity.error
    public let summary =
        "UTF-8 text that was misread as Windows-1250–1258, ISO-8859-1/2/5/7/9/15, MacRoman, code page 437/850/866 or KOI8-R (`Ã¼berhaupt`, `â€™`, `g√¢teaux`, `РґРѕ`), in the body or front matter."
    public let rationale = """
        A tool that reads UTF-8 as a single-byte code page turns every non-ASCII character into two to \
        four wrong ones: `ü` becomes `Ã¼` through Windows-1252, `√º` through MacRoman, `├╝` through code \
        page 437; `’` becomes `â€™`; Russian becomes `РґРѕСЂРѕРіРµ` through Windows-1251. Done twice, \
        `ü` becomes `ÃƒÂ¼`. The rule finds characters whose bytes in one of 20 code pages form a UTF-8 \
        character, and weighs them: correct text forms such sequences too (`Він` is `³н` read back \
        through Windows-1251, `IRMÃ…` is Portuguese), so a sequence counts only where it looks like \
        nothing a language writes (a letter followed by a currency sign, a C1 control, a box drawing \
        against a letter, a case change in mid-word), or where it stands in one broken stretch with such a \
        one. It also recognises mojibake whose non-breaking spaces became spaces (`voilÃ le`) or whose \
        bytes were lost (`â€?`, `â€�`), and C1 controls left in text (U+0093 and U+0094 for `“` and `”`, \
        Windows-1252 read as ISO-8859-1). Code is not checked.
        """
    public let fixAvailability = FixAvailability.sometimes
    public let fixBehavior: String? = """
        Replaces the broken text with what it said. The fix is safe when the repair is exact (reading \
        the repair the same wrong way gives back the broken text, and no other code page reads it as \
        other plausible text); it is unsafe when a byte was guessed (a space that was a non-breaking \
        space) or the code page is ambiguous (`ÃŒ` is `Ì` in Windows-1252 but `ü` in ISO-8859-15). \
        Where bytes were lost (`?`, U+FFFD) the rule reports without a fix.
        """
    public let examples: [RuleExample] = [
        RuleExample(
            "Correct text in many languages, including look-alikes",
            files: [
                (
                    "content/p.md",
                    "---\ntitle: Café « naïve » Straße\n---\n\nIsraël, één, überhaupt, ‘quotes’ — and € 5, Ελληνικά, Русский, 日本語.\n\nNÃO, IRMÃ… «IRMÃ» AÇÃO; Åse på Ærø, 10 Å, 25 °C, ±0,5 µm; Він, Сім'я, Європа; ЂОРЂЕ; ÞJÓÐ”.\n"
                )
            ]),
        RuleExample(
            "A German word through Windows-1252",
            files: [
                ("content/p.md", "Heeft je werkplek Ã¼berhaupt een ondernemingsraad?\n")
            ],
            findings: [
                .init("content/p.md:1:19", "mojibake: 'Ã¼' is UTF-8 read as Windows-1252; it should read 'ü'")
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
                .init("content/p.md:2:16", "mojibake: 'â€™' is UTF-8 read as Windows-1252; it should read '’'")
            ],
            fixed: [
                ("content/p.md", "---\ntitle: \"Workers’ rights\"\n---\n\nText.\n")
            ]),
        RuleExample(
            "French through MacRoman, in a heading",
            files: [
                ("content/p.md", "## Les g√¢teaux de l‚Äô√©t√©\n")
            ],
            findings: [
                .init(
                    "content/p.md:1:9",
                    "mojibake: '√¢teaux de l‚Äô√©t√©' is UTF-8 read as MacRoman; it should read 'âteaux de l’été'")
            ],
            fixed: [
                ("content/p.md", "## Les gâteaux de l’été\n")
            ]),
        RuleExample(
            "Russian link text through Windows-1251",
            files: [
                ("content/p.md", "[РЎРїР°СЃРёР±Рѕ](https://example.org/)\n")
            ],
            findings: [
                .init(
                    "content/p.md:1:2",
                    "mojibake: 'РЎРїР°СЃРёР±Рѕ' is UTF-8 read as Windows-1251; it should read 'Спасибо'")
            ],
            fixed: [
                ("content/p.md", "[Спасибо](https://example.org/)\n")
            ]),
        RuleExample(
            "Alt text read twice",
            files: [
                ("content/p.md", "![De vakbond in MÃƒÂ¼nchen](foto.png)\n")
            ],
            findings: [
                .init(
                    "content/p.md:1:18",
                    "mojibake: 'ÃƒÂ¼' is UTF-8 read as Windows-1252 twice; it should read 'ü'")
            ],
            fixed: [
                ("content/p.md", "![De vakbond in München](foto.png)\n")
            ]),
        RuleExample(
            "Non-breaking spaces that became spaces: an unsafe fix",
            files: [
                ("content/p.md", "Et voilÃ le travail.\n")
            ],
            findings: [
                .init(
                    "content/p.md:1:8",
                    "mojibake: 'Ã' is UTF-8 read as Windows-1252; it should read 'à' (a guess: bytes were altered on the way)"
                )
            ],
            fixed: [
                ("content/p.md", "Et voilà le travail.\n")
            ]),
        RuleExample(
            "Curly quotes left as C1 controls",
            files: [
                ("content/p.md", "He said \u{93}yes\u{94}.\n")
            ],
            findings: [
                .init(
                    "content/p.md:1:9",
                    "mojibake: 'U+0093' is Windows-1252 text read as ISO-8859-1; it should read '“'"),
                .init(
                    "content/p.md:1:13",
                    "mojibake: 'U+0094' is Windows-1252 text read as ISO-8859-1; it should read '”'"),
            ],
            fixed: [
                ("content/p.md", "He said “yes”.\n")
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        var skipped: [SourceRange] = []
        page.parsed.body.walk { node in
            if node.isText { return false }
            switch node.kind {
            case .codeSpan, .codeBlock:
                skipped.append(node.range)
                return false
            default: return true
            }
        }
        for run in MojibakeScanner.runs(in: page.source.bytes, skipping: skipped) {
            diagnostics.append(Self.diagnostic(for: run, page: page, rule: self))
        }
    }

    static func diagnostic(for run: MojibakeScanner.Run, page: Page, rule: MojibakeRule) -> Diagnostic {
        let original = Self.quoted(page.source.text(run.range))
        guard let repaired = run.repaired else {
            return rule.diagnostic(
                page, run.range,
                "mojibake: '\(original)' is \(run.explanation) and lost bytes on the way; retype the text from its source"
            )
        }
        let shown = Self.quoted(repaired)
        let summary = "restore '\(shown)'"
        return rule.diagnostic(
            page, run.range,
            "mojibake: '\(original)' is \(run.explanation); it should read '\(shown)'"
                + (run.exact ? "" : " (a guess: bytes were altered on the way)"),
            fix: Fix(safe: run.exact, summary: summary, edits: [rule.edit(page, run.range, repaired)]))
    }

    /// Text for a message: control characters shown as U+XXXX, long text shortened.
    static func quoted(_ text: String) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > 60 {
                result += "…"
                break
            }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
