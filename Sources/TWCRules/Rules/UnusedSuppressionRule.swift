import TWCCore
import TWCSite

/// `unused-suppression`: a suppression comment that suppresses nothing, or names no rule.
public struct UnusedSuppressionRule: Rule {
    public init() {}
    public let id = "unused-suppression"
    public let severity = Severity.warning
    public let summary = "A suppression comment that suppresses nothing, or names a rule that does not exist."
    public let rationale = """
        Findings are silenced where they are: `<!-- twc-lint-disable-next-line broken-anchor -->` \
        before a line, `<!-- twc-lint-disable-line … -->` on it, `<!-- twc-lint-disable … -->` up to \
        `<!-- twc-lint-enable … -->` (or the end of the file), and `# twc-lint-disable-next-line …` \
        as a comment line of YAML or TOML front matter. Rule ids are separated by spaces or commas \
        (none: every rule), and `-- reason` may follow them. A suppression outlives the problem it \
        silenced: once the link is mended, or the rule's id is misspelt, it silences nothing and \
        would hide the next real problem there. The rule runs the rules a suppression names on its \
        page, whichever rules the run selects.
        """
    public let fixAvailability = FixAvailability.sometimes
    public let fixBehavior: String? = """
        Removes an unused rule id from its suppression, or the whole comment (and its line when it \
        stands alone) when it suppresses nothing (safe); replaces a misspelt rule id with the rule \
        it is closest to (unsafe).
        """
    public let examples: [RuleExample] = [
        RuleExample(
            "A suppression that silences a broken anchor",
            files: [
                (
                    "content/p.md",
                    "# Title\n\n<!-- twc-lint-disable-next-line broken-anchor -- kept for the print version -->\n"
                        + "See [the list](#list).\n"
                )
            ]),
        RuleExample(
            "A suppression left after the anchor was mended, and a misspelt one",
            files: [
                (
                    "content/p.md",
                    "# Title\n\n## List\n\n<!-- twc-lint-disable-next-line broken-anchor -->\nSee [the list](#list).\n"
                        + "\nSee [the list](#list). <!-- twc-lint-disable-line broken-ancor -->\n"
                )
            ],
            findings: [
                .init(
                    "content/p.md:5:33",
                    "broken-anchor reports nothing on line 6, so this suppression silences nothing; remove it"),
                .init(
                    "content/p.md:8:51",
                    "unknown rule 'broken-ancor' in this suppression; did you mean 'broken-anchor'?"),
            ],
            fixed: [
                (
                    "content/p.md",
                    "# Title\n\n## List\n\nSee [the list](#list).\n"
                        + "\nSee [the list](#list). <!-- twc-lint-disable-line broken-anchor -->\n"
                )
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        let directives = Suppressions.directives(in: page)
        guard !directives.isEmpty else { return }
        // What the named rules report in this file, unsuppressed.
        var needed = Set<String>()
        var everyRule = false
        for directive in directives {
            if directive.rules.isEmpty { everyRule = true }
            for rule in directive.rules where RuleRegistry.rule(rule.id) != nil { needed.insert(rule.id) }
        }
        var found: [Diagnostic] = []
        for rule in RuleRegistry.all where rule.id != id && (everyRule || needed.contains(rule.id)) {
            rule.check(page: page, in: site, into: &found)
        }
        found.removeAll { $0.span.file != page.path }
        for directive in directives {
            let lines =
                directive.lines.count == 1
                ? "line \(directive.lines.lowerBound)"
                : "lines \(directive.lines.lowerBound)–\(directive.lines.upperBound)"
            let used = { (ruleID: String?) in
                found.contains {
                    (ruleID == nil || $0.ruleID == ruleID) && directive.lines.contains($0.span.start.line)
                }
            }
            if directive.rules.isEmpty {
                if !used(nil) {
                    diagnostics.append(
                        diagnostic(
                            page, directive.range,
                            "no rule reports anything on \(lines), so this suppression silences nothing; remove it",
                            fix: Fix(safe: true, summary: "remove the suppression", edits: removal(page, directive))))
                }
                continue
            }
            let unused = directive.rules.indices.filter { index in
                let rule = directive.rules[index]
                return RuleRegistry.rule(rule.id) == nil || !used(rule.id)
            }
            let removesAll = unused.count == directive.rules.count
            for index in unused {
                let rule = directive.rules[index]
                if RuleRegistry.rule(rule.id) == nil {
                    var message = "unknown rule '\(rule.id)' in this suppression"
                    var fix: Fix?
                    let distance = { (id: String) in EditDistance.levenshtein(id, rule.id, limit: 4) }
                    if let near = RuleRegistry.all.map(\.id).min(by: { distance($0) < distance($1) }),
                        distance(near) <= 3
                    {
                        message += "; did you mean '\(near)'?"
                        fix = Fix(safe: false, summary: "use '\(near)'", edits: [edit(page, rule.range, near)])
                    } else {
                        message += " (see 'twc-lint rules')"
                    }
                    diagnostics.append(diagnostic(page, rule.range, message, fix: fix))
                    continue
                }
                let edits =
                    removesAll
                    ? (index == unused.first ? removal(page, directive) : [])
                    : [edit(page, idRemoval(directive, index), "")]
                diagnostics.append(
                    diagnostic(
                        page, rule.range,
                        "\(rule.id) reports nothing on \(lines), so this suppression silences nothing; remove it",
                        fix: edits.isEmpty
                            ? nil
                            : Fix(
                                safe: true, summary: removesAll ? "remove the suppression" : "remove '\(rule.id)'",
                                edits: edits)))
            }
        }
    }

    /// Removing the whole comment: its lines when nothing else is on them, else the comment and
    /// the spaces before it.
    func removal(_ page: Page, _ directive: SuppressionDirective) -> [TextEdit] {
        let source = page.source
        let bytes = source.bytes
        let firstLine = source.lineIndex(of: directive.range.start)
        let lastLine = source.lineIndex(of: max(directive.range.start, directive.range.end - 1))
        let lineStart = source.lineStarts[firstLine]
        let lineEnd = source.lineRange(lastLine + 1).end
        let space: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        if bytes[lineStart..<directive.range.start].allSatisfy(space),
            bytes[directive.range.end..<lineEnd].allSatisfy(space)
        {
            let next = lastLine + 1 < source.lineStarts.count ? source.lineStarts[lastLine + 1] : bytes.count
            return [edit(page, SourceRange(lineStart, next), "")]
        }
        var start = directive.range.start
        while start > lineStart, space(bytes[start - 1]) { start -= 1 }
        return [edit(page, SourceRange(start, directive.range.end), "")]
    }

    /// The bytes to remove to take the `index`th rule id out of a list that keeps others: the id
    /// and the separator before it (after it, for the first).
    func idRemoval(_ directive: SuppressionDirective, _ index: Int) -> SourceRange {
        let rules = directive.rules
        if index > 0 { return SourceRange(rules[index - 1].range.end, rules[index].range.end) }
        return SourceRange(rules[0].range.start, rules[1].range.start)
    }
}
