import TWCCore
import TWCSite

/// `section-mismatch`: the heading outline of a translation does not match its source page.
public struct SectionMismatchRule: Rule {
    public init() {}
    public let id = "section-mismatch"
    public let severity = Severity.error
    public let summary =
        "The heading outline of a translation does not match its source: a section missing or extra, or a level changed."
    public let rationale = """
        Readers switching language expect the same page. A section that was added to one language and \
        never translated, or a heading level that changed, makes the versions drift apart and breaks \
        links to the sections' anchors. Headings are aligned by level and position, favouring sections \
        that look alike in any language: the same explicit ID (or a translation keeping the source's \
        ID), the same or a cognate heading text (`Especificación`, `Specification`), the same links \
        (a language prefix aside) and the same blocks (paragraphs, list items, code blocks, tables, \
        images). So each finding names the section and its counterpart. An extra or missing section \
        that \(Self.convention) or more translations of a language share (cncf/glossary's \
        translations keep a "What it is" heading its English pages dropped) is one decision of the \
        site: it is reported once, on the first such page, with the count. A translation that lacks \
        more than half of its source's sections (three or more) gets one finding naming them, and the \
        rules that compare the content of aligned sections (links, code, tables, images, \
        shortcodes, numbers) leave that page alone.
        """
    static let convention = 5
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "Same outline",
            files: [
                ("content/p.md", "## One\n\n### Detail\n\n## Two\n"),
                ("content/p.nl.md", "## Een\n\n### Detail\n\n## Twee\n"),
            ]),
        RuleExample(
            "A section missing in the translation",
            files: [
                ("content/p.md", "## One\n\n## Two\n\n## Three\n"),
                ("content/p.nl.md", "## Een\n\n## Drie\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:1:1",
                    "section \"Two\" (h2) of the en version has no counterpart here; translate it after the section \"Een\""
                )
            ]),
        RuleExample(
            "The same extra section in five Dutch translations: reported once",
            files: ["a", "b", "c", "d", "e"].flatMap { name in
                [
                    ("content/\(name).md", "Intro.\n\n## Use\n\nSee [the docs](/docs/).\n"),
                    ("content/\(name).nl.md", "## Wat het is\n\nIntro.\n\n## Gebruik\n\nZie [de docs](/nl/docs/).\n"),
                ]
            },
            findings: [
                .init(
                    "content/a.nl.md:1:1",
                    "section \"Wat het is\" (h2) has no counterpart in the en version (content/a.md); add it there or remove it here (4 other nl pages have it too; reported once)"
                )
            ]),
        RuleExample(
            "The introduction under a heading of its own: that heading is the extra one",
            files: [
                ("content/p.md", "Intro.\n\n## Why it matters\n\nText.\n\n## How to use it\n\nText.\n"),
                (
                    "content/p.nl.md",
                    "## Wat het is\n\nIntro.\n\n## Waarom het telt\n\nTekst.\n\n## Gebruik\n\nTekst.\n"
                ),
            ],
            findings: [
                .init(
                    "content/p.nl.md:1:1",
                    "section \"Wat het is\" (h2) has no counterpart in the en version (content/p.md); add it there or remove it here"
                )
            ]),
        RuleExample(
            "A shortened translation: one finding",
            files: [
                ("content/p.md", "## One\n\n## Two\n\n## Three\n\n## Four\n"),
                ("content/p.nl.md", "## Een {#one}\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:1:1",
                    "this page lacks 3 of the 4 sections of the en version (\"Two\", \"Three\", \"Four\"); translate them, or shorten the en version if it is meant to differ"
                )
            ]),
        RuleExample(
            "A heading level changed",
            files: [
                ("content/p.md", "## One\n\n### Detail\n\n## Two\n"),
                ("content/p.nl.md", "## Een\n\n## Detail\n\n## Twee\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:1",
                    "heading \"Detail\" is level 2 here but its en counterpart \"Detail\" is level 3; use ###")
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard let source = site.sourcePage(of: page), source.index != page.index,
            let alignment = site.alignment(of: page),
            // A page the language need not have may be translated in part.
            site.config.lint.requires(page.language, page.logicalPath)
        else { return }
        var lastTranslationHeading: Int?
        var lastSourceHeading: Int?
        // A translation that has fewer than half of its source's sections (a shortened version,
        // or one far behind): one finding naming what it lacks, not one per section.
        if let missing = AlignedSections.shortened(alignment, source: source) {
            let names = missing.prefix(4).map { "\"\(source.headings[$0].text)\"" }.joined(separator: ", ")
            let more = missing.count > 4 ? " and \(missing.count - 4) more" : ""
            diagnostics.append(
                diagnostic(
                    page,
                    page.headings.first?.range
                        ?? SourceRange(page.parsed.bodyRange.lowerBound, page.parsed.bodyRange.lowerBound),
                    "this page lacks \(missing.count) of the \(source.headings.count) sections of the \(source.language) version "
                        + "(\(names)\(more)); translate them, or shorten the \(source.language) version if it is meant to differ",
                    related: [
                        note(
                            source, source.headings[missing[0]].range,
                            "the first \(source.language) section missing here")
                    ]))
            return
        }
        for step in alignment.steps {
            switch step {
            case .matched(let s, let t):
                lastSourceHeading = s
                lastTranslationHeading = t
            case .levelChanged(let s, let t):
                let sourceHeading = source.headings[s]
                let heading = page.headings[t]
                diagnostics.append(
                    diagnostic(
                        page, heading.range,
                        "heading \"\(heading.text)\" is level \(heading.level) here but its \(source.language) counterpart "
                            + "\"\(sourceHeading.text)\" is level \(sourceHeading.level); use \(String(repeating: "#", count: sourceHeading.level))",
                        related: [
                            note(
                                source, sourceHeading.range,
                                "the \(source.language) heading, level \(sourceHeading.level)")
                        ]))
                lastSourceHeading = s
                lastTranslationHeading = t
            case .missing(let s):
                let sourceHeading = source.headings[s]
                let shared = site.sectionConventions.pages(page.language, .missing, heading: sourceHeading.text)
                if shared.count >= Self.convention, shared.first != page.index { continue }
                let (range, place): (SourceRange, String)
                if let previous = lastTranslationHeading {
                    range = page.headings[previous].range
                    place = "after the section \"\(page.headings[previous].text)\""
                } else if let first = page.headings.first {
                    range = first.range
                    place = "before the section \"\(first.text)\""
                } else {
                    range = SourceRange(page.parsed.bodyRange.lowerBound, page.parsed.bodyRange.lowerBound)
                    place = "in this page"
                }
                diagnostics.append(
                    diagnostic(
                        page, range,
                        "section \"\(sourceHeading.text)\" (h\(sourceHeading.level)) of the \(source.language) version "
                            + "has no counterpart here; translate it \(place)"
                            + (shared.count >= Self.convention
                                ? " (\(shared.count - 1) other \(page.language) pages lack it too; reported once)"
                                : ""),
                        related: [note(source, sourceHeading.range, "the \(source.language) section")]))
            case .extra(let t):
                let heading = page.headings[t]
                let shared = site.sectionConventions.pages(page.language, .extra, heading: heading.text)
                if shared.count >= Self.convention, shared.first != page.index {
                    lastTranslationHeading = t
                    continue
                }
                var related: [RelatedNote] = []
                if let previous = lastSourceHeading {
                    related.append(
                        note(
                            source, source.headings[previous].range,
                            "the \(source.language) section it follows"))
                } else {
                    related.append(note(source, SourceRange(0, 0), "the \(source.language) version"))
                }
                diagnostics.append(
                    diagnostic(
                        page, heading.range,
                        "section \"\(heading.text)\" (h\(heading.level)) has no counterpart in the \(source.language) version "
                            + "(\(source.path)); add it there or remove it here"
                            + (shared.count >= Self.convention
                                ? " (\(shared.count - 1) other \(page.language) pages have it too; reported once)"
                                : ""),
                        related: related))
                lastTranslationHeading = t
            }
        }
    }
}
