import TWCCore
import TWCSite

/// `frontmatter-syntax`: front matter that cannot be parsed.
public struct FrontmatterSyntaxRule: Rule {
    public init() {}
    public let id = "frontmatter-syntax"
    public let severity = Severity.error
    public let summary = "Front matter that cannot be parsed (YAML, TOML or JSON); the body is still linted."
    public let rationale =
        "Hugo refuses to build a page whose front matter it cannot read; the error says what was expected where."
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "A page starting with a shortcode is read as JSON front matter",
            files: [("content/p.md", "{{< button href=\"join\" >}}\nJoin\n{{< /button >}}\n")],
            findings: [
                .init("content/p.md:1:2", "JSON front matter: expected a '\"'-quoted key in JSON object, found '{'")
            ]),
        RuleExample("Valid YAML", files: [("content/p.md", "---\ntitle: \"Over ons\"\n---\n")]),
        RuleExample(
            "Unterminated string", files: [("content/p.md", "---\ntitle: \"Over ons\n---\n")],
            findings: [
                .init(
                    "content/p.md:2:8", "YAML front matter: unterminated double-quoted string: closing '\"' not found")
            ]),
        RuleExample(
            "No closing delimiter", files: [("content/p.md", "---\ntitle: Over\n\nText.\n")],
            findings: [
                .init(
                    "content/p.md:1:1",
                    "closing '---' of the YAML front matter not found (end of file reached; '...' does not close front matter)"
                )
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard let error = page.parsed.frontmatterError else { return }
        let prefix = page.parsed.frontmatterBlock.map { "\($0.format.rawValue.uppercased()) front matter: " } ?? ""
        diagnostics.append(diagnostic(page, error.range, prefix + error.message))
    }
}
