import TWCCore
import TWCMarkdown
import TWCSite

/// `table-mismatch`: the tables of aligned sections differ between a translation and its source:
/// another number of tables, or a table with another number of rows or columns.
public struct TableMismatchRule: Rule {
    public init() {}
    public let id = "table-mismatch"
    public let severity = Severity.warning
    public let summary =
        "The tables of aligned sections differ: a table in one version only, or a table with another number of rows or columns."
    public let rationale = """
        A translated table holds the source's data: when a row is added to the source's table (a \
        new price, a new option) and the translation keeps the old table, readers of that language \
        miss it. Translators translate the text of the cells, which is not compared; what is \
        compared is the number of tables of aligned sections, and each table's number of rows (the \
        header row included) and columns.
        """
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "Translated cells, the same shape",
            files: [
                (
                    "content/p.md",
                    "## Prices\n\n| Plan | Price |\n|---|--:|\n| Basic | €5 |\n| Pro | €10 |\n"
                ),
                (
                    "content/p.nl.md",
                    "## Prijzen\n\n| Abonnement | Prijs |\n|:--|--:|\n| Basis | € 5 |\n| Pro | € 10 |\n"
                ),
            ]),
        RuleExample(
            "A row added to the source's table",
            files: [
                (
                    "content/p.md",
                    "## Prices\n\n| Plan | Price |\n|---|---|\n| Basic | €5 |\n| Pro | €10 |\n| Team | €25 |\n"
                ),
                ("content/p.nl.md", "## Prijzen\n\n| Abonnement | Prijs |\n|---|---|\n| Basis | €5 |\n| Pro | €10 |\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:1",
                    "table 1 of section \"Prijzen\" has 3 rows here but 4 in the en version; add the missing row"
                )
            ]),
        RuleExample(
            "A column the translation lacks",
            files: [
                ("content/p.md", "## Prices\n\n| Plan | Price | Seats |\n|---|---|---|\n| Basic | €5 | 1 |\n"),
                ("content/p.nl.md", "## Prijzen\n\n| Abonnement | Prijs |\n|---|---|\n| Basis | €5 |\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:1",
                    "table 1 of section \"Prijzen\" has 2 columns here but 3 in the en version; add the missing column"
                )
            ]),
        RuleExample(
            "A table in the translation only",
            files: [
                ("content/p.md", "## Prices\n\nBasic costs €5.\n"),
                ("content/p.nl.md", "## Prijzen\n\n| Abonnement | Prijs |\n|---|---|\n| Basis | €5 |\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:1",
                    "section \"Prijzen\" has 1 table here but 0 in the en version; remove the extra one or add it there"
                )
            ]),
    ]

    struct Table {
        var range: SourceRange
        /// The header row included.
        var rows: Int
        var columns: Int
        var shape: String { "\(rows)x\(columns)" }
    }

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        // A page of a file mounted for several languages is its source's file: nothing differs.
        guard let source = site.sourcePage(of: page), source.index != page.index, source.path != page.path,
            let alignment = site.alignment(of: page), site.config.lint.requires(page.language, page.logicalPath),
            AlignedSections.shortened(alignment, source: source) == nil
        else { return }
        let mine = Self.tables(of: page)
        let theirs = Self.tables(of: source)
        guard !mine.isEmpty || !theirs.isEmpty else { return }
        let pairs = AlignedSections.pairs(alignment)
        // Where the number of tables differs, a table of the same shape in another section of
        // the other version is not one in one version only (moved, or sections aligned by place).
        var unmatched: [(here: [Table], there: [Table])] = []
        for (sourceSection, translationSection) in pairs {
            let here = mine[translationSection] ?? []
            let there = theirs[sourceSection] ?? []
            guard here.count != there.count else {
                unmatched.append(([], []))
                continue
            }
            let (left, rest) = AlignedSections.match(here, there, key: \.shape)
            unmatched.append((left, rest))
        }
        let unaligned = AlignedSections.unaligned(pairs, source: source, translation: page)
        unmatched +=
            unaligned.source.map { ([], theirs[$0] ?? []) } + unaligned.translation.map { (mine[$0] ?? [], []) }
        let remaining = AlignedSections.withoutMoved(unmatched, key: \.shape)
        for (index, (sourceSection, translationSection)) in pairs.enumerated() {
            let movedHere = unmatched[index].here.count - remaining[index].here.count
            let movedThere = unmatched[index].there.count - remaining[index].there.count
            let here = mine[translationSection] ?? []
            let there = theirs[sourceSection] ?? []
            let name = AlignedSections.name(of: translationSection, in: page)
            if here.count != there.count {
                guard here.count - movedHere != there.count - movedThere else { continue }
                let related = [
                    (remaining[index].there.first ?? there.first).map {
                        note(source, $0.range, "the \(source.language) table")
                    }
                        ?? note(
                            source, AlignedSections.range(of: sourceSection, in: source),
                            "the \(source.language) section")
                ]
                diagnostics.append(
                    diagnostic(
                        page,
                        (remaining[index].here.first ?? here.first)?.range
                            ?? AlignedSections.range(of: translationSection, in: page),
                        AlignedSections.countDifference(
                            name, here: here.count - movedHere, there: there.count - movedThere, "table",
                            language: source.language),
                        related: related))
                continue
            }
            for (offset, (table, counterpart)) in zip(here, there).enumerated() {
                let shape: (what: String, mine: Int, theirs: Int)
                if table.columns != counterpart.columns {
                    shape = ("column", table.columns, counterpart.columns)
                } else if table.rows != counterpart.rows {
                    shape = ("row", table.rows, counterpart.rows)
                } else {
                    continue
                }
                let (what, missing) = (shape.what, shape.theirs - shape.mine)
                let advice =
                    missing > 0
                    ? (missing == 1 ? "add the missing \(what)" : "add the missing \(what)s")
                    : (missing == -1
                        ? "remove the extra \(what) or add it there" : "remove the extra \(what)s or add them there")
                diagnostics.append(
                    diagnostic(
                        page, table.range,
                        "table \(offset + 1) of \(name) has \(AlignedSections.count(shape.mine, what)) here but "
                            + "\(shape.theirs) in the \(source.language) version; \(advice)",
                        related: [note(source, counterpart.range, "the \(source.language) table")]))
            }
        }
    }

    /// The tables of a page by section, with their shape.
    static func tables(of page: Page) -> [Int: [Table]] {
        var result: [Int: [Table]] = [:]
        let hidden = RangeLookup(page.hiddenRanges)
        page.parsed.body.walk { node in
            if node.isText { return false }
            switch node.kind {
            case .table(let alignments):
                if !hidden.contains(node.range.start) {
                    result[PageHeading.section(at: node.range.start, headings: page.headings), default: []].append(
                        Table(range: node.range, rows: node.children.count, columns: alignments.count))
                }
                return false
            case .paragraph, .heading, .codeBlock, .htmlBlock, .thematicBreak, .linkReferenceDefinition:
                return false
            default:
                return true
            }
        }
        return result
    }
}
