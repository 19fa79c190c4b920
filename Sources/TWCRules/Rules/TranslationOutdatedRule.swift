import Foundation
import TWCCore
import TWCSite

/// `translation-outdated`: the source changed since the translation was last brought in line.
public struct TranslationOutdatedRule: Rule {
    public init() {}
    public let id = "translation-outdated"
    public let readsHistory = true
    public let severity = Severity.warning
    public let summary =
        "The source version of a page changed in git since the translation was last brought in line with it."
    public let rationale = """
        A translation follows its source as the source was when the translator last worked on it. \
        When the source changes afterwards (text, links, headings, front matter values; not white \
        space, reflowing, emphasis style or `lastmod`), readers of the translation miss it. The \
        rule reads the history with the `git` command: a translation was brought in line at its \
        own last commit, or at the commit its front matter pins (`translationSourceCommit`, which \
        `twc-lint sync` writes, or OpenTelemetry's `default_lang_commit`, read as-is). It reports \
        each aligned section that changed in the source since then, with how many lines and links \
        changed, and a note at the source section; `twc-lint diff FILE` shows the changes. Changes \
        not committed yet count; a translation being edited (uncommitted) counts as being brought \
        in line. In a shallow clone, translations synced before its oldest commit are not checked \
        (a note says so).
        """
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "A site that is not in a git repository: nothing is known of its history",
            files: [("content/p.md", "# Title\n\nText.\n"), ("content/p.nl.md", "# Titel\n\nTekst.\n")]),
        RuleExample(
            "The source reflowed after the translation: no change a translator must follow",
            commits: [
                [
                    ("content/join.md", "## Why\n\nTogether we are stronger, and we *win*.\n"),
                    ("content/join.nl.md", "## Waarom\n\nSamen staan we sterker, en we *winnen*.\n"),
                ]
            ],
            files: [("content/join.md", "## Why\n\nTogether we are\nstronger, and we _win_.\n")]),
        RuleExample(
            "A sentence and a link added to the source after the translation's last commit",
            commits: [
                [
                    ("content/join.md", "## Why\n\nTogether we are stronger.\n\n## How\n\nFill in the form.\n"),
                    ("content/join.nl.md", "## Waarom\n\nSamen staan we sterker.\n\n## Hoe\n\nVul het formulier in.\n"),
                ]
            ],
            files: [
                (
                    "content/join.md",
                    "## Why\n\nTogether we are stronger.\n\n## How\n\nFill in the form.\nOr mail [us](mailto:a@b.nl).\n"
                )
            ],
            findings: [
                .init(
                    "content/join.nl.md:5:1",
                    "section 'How' changed in the source since 2025-08-01 (HASH): 1 line, 1 link; "
                        + "'twc-lint diff content/join.nl.md' shows the changes")
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard let source = site.sourcePage(of: page), source.index != page.index, source.path != page.path else {
            return
        }
        let history = site.translationHistory
        guard let sync = history.syncs[page.index] else { return }
        let since = Self.since(sync)
        // The source did not exist there under its name (moved without git seeing a rename):
        // nothing to compare with (`--explain` names these translations).
        guard let old = sync.oldSource else { return }
        let changes = SourceChanges(old: old, current: source).notFollowed(by: page, current: source)
        if changes.isEmpty { return }
        let alignment = site.alignment(of: page)
        let hint = "; 'twc-lint diff \(page.path)' shows the changes"
        if !changes.frontmatterKeys.isEmpty {
            let keys =
                changes.frontmatterKeys.prefix(5).joined(separator: ", ")
                + (changes.frontmatterKeys.count > 5 ? ", …" : "")
            diagnostics.append(
                diagnostic(
                    page, page.parsed.frontmatterBlock?.range ?? Self.topRange(page),
                    "front matter changed in the source \(since): \(keys)" + hint,
                    related: [
                        note(
                            source, source.parsed.frontmatterBlock?.range ?? Self.topRange(source),
                            "the source's front matter")
                    ]))
        }
        for change in changes.sections {
            switch change.kind {
            case .removed:
                let heading = old.headings[change.old! - 1]
                diagnostics.append(
                    diagnostic(
                        page, Self.topRange(page),
                        "section '\(heading.text)' was removed from the source \(since)" + hint,
                        related: [note(source, Self.topRange(source), "the source")]))
            case .added, .changed:
                let section = change.current!
                let sourceRange = section == 0 ? Self.introRange(source) : source.headings[section - 1].range
                let name = section == 0 ? "the introduction" : "section '\(source.headings[section - 1].text)'"
                // The translation's counterpart of the section, or the top of the page.
                var range = Self.introRange(page)
                var located = section == 0
                if section > 0, let translated = alignment?.translationHeading(forSource: section - 1) {
                    range = page.headings[translated].range
                    located = true
                }
                var message: String
                if change.kind == .added {
                    // Added after the translation's sync point: the translation cannot have it,
                    // whatever the outline's alignment guesses. Shown at the section it follows.
                    let added = Set(changes.sections.filter { $0.kind == .added }.compactMap(\.current))
                    range = Self.introRange(page)
                    var after = ""
                    var previous = section - 1
                    while previous > 0 {
                        if !added.contains(previous) {
                            after = " (it follows '\(source.headings[previous - 1].text)')"
                            if let translated = alignment?.translationHeading(forSource: previous - 1) {
                                range = page.headings[translated].range
                            }
                            break
                        }
                        previous -= 1
                    }
                    message = "\(name) is new in the source \(since); this translation lacks it" + after
                } else {
                    // A section the translation has no counterpart of is section-mismatch's to
                    // report; what changed in it is no news to this translation.
                    if !located { continue }
                    var parts: [String] = []
                    if change.lines > 0 { parts.append("\(change.lines) line\(change.lines == 1 ? "" : "s")") }
                    if change.links > 0 { parts.append("\(change.links) link\(change.links == 1 ? "" : "s")") }
                    if let renamed = change.renamedFrom { parts.append("heading renamed from '\(renamed)'") }
                    message = "\(name) changed in the source \(since): " + parts.joined(separator: ", ")
                }
                diagnostics.append(
                    diagnostic(
                        page, range, message + hint,
                        related: [
                            note(source, sourceRange, "the source's \(section == 0 ? "introduction" : "section")")
                        ]))
            }
        }
    }

    /// "since 2025-08-08 (abc1234)", and the uncommitted changes when there are some.
    public static func since(_ sync: TranslationSync) -> String {
        var text = "since \(sync.commit.day) (\(sync.commit.short))"
        if sync.sourceModified && sync.sourceCommits.isEmpty { text += ", in changes not committed yet" }
        return text
    }

    static func origin(_ sync: TranslationSync) -> String {
        switch sync.origin {
        case .lastCommit: return "its last commit"
        case .pin(let key): return "pinned by \(key)"
        }
    }

    /// The first line of the page's body (or of the file).
    static func topRange(_ page: Page) -> SourceRange {
        let start = page.parsed.bodyRange.lowerBound
        let line = page.source.lineRange(page.source.lineIndex(of: start) + 1)
        return line.start < line.end ? line : SourceRange(start, min(start + 1, page.source.bytes.count))
    }

    /// The introduction's first block, else the top of the body.
    static func introRange(_ page: Page) -> SourceRange {
        let end = page.headings.first?.range.start ?? Int.max
        for child in page.parsed.body.children where child.range.start < end {
            let line = page.source.lineRange(page.source.lineIndex(of: child.range.start) + 1)
            return SourceRange(child.range.start, max(child.range.start, line.end))
        }
        return topRange(page)
    }
}
