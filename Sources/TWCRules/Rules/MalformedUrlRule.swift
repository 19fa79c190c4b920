import TWCCore
import TWCSite

/// `malformed-url`: a link destination that is not a well-formed URL: a scheme written twice
/// (`https://%20%20https://example.org`), a space in the host, a host without a scheme
/// (`www.example.org`, which a browser reads as a path on this site), an empty host or a port that
/// is not a number. Reported in every language, not only against the source.
public struct MalformedUrlRule: Rule {
    public init() {}
    public let id = "malformed-url"
    public let severity = Severity.error
    public let summary =
        "A link destination that is not a well-formed URL: a doubled scheme, a space in the host, a host without a scheme."
    public let rationale = """
        A browser cannot follow such a link where its author meant: a doubled scheme or a space in \
        the host makes it unreachable, and `www.example.org` without `https://` is read as a page of \
        this site. Typing and pasting make these in any language, so every page is checked, not \
        only translations.
        """
    public let fixAvailability = FixAvailability.unsafe
    public let fixBehavior: String? =
        "Writes the URL as it was most likely meant: the scheme once, or `https://` before the host (unsafe: check the address)."
    public let examples: [RuleExample] = [
        RuleExample(
            "Well-formed URLs, and a relative link to a file",
            files: [
                (
                    "content/p.md",
                    "See [the site](https://example.org/a b), [mail](mailto:x@example.org), [the report](report.pdf) and [the guide](docs/guide.v2/).\n"
                )
            ]),
        RuleExample(
            "A scheme typed twice, with spaces between",
            files: [("content/p.nl.md", "Lees [het artikel](https://%20%20https://example.org/artikel).\n")],
            findings: [
                .init(
                    "content/p.nl.md:1:20",
                    "link 'https://%20%20https://example.org/artikel' has its scheme twice; write 'https://example.org/artikel'"
                )
            ],
            fixed: [("content/p.nl.md", "Lees [het artikel](https://example.org/artikel).\n")]),
        RuleExample(
            "A host without a scheme",
            files: [("content/p.md", "Visit [our friends](www.example.org/join) and [UWV](uwv.nl/nl).\n")],
            findings: [
                .init(
                    "content/p.md:1:21",
                    "link 'www.example.org/join' names a host without a scheme, so a browser reads it as a path on this site; write 'https://www.example.org/join'"
                ),
                .init(
                    "content/p.md:1:53",
                    "link 'uwv.nl/nl' names a host without a scheme, so a browser reads it as a path on this site; write 'https://uwv.nl/nl'"
                ),
            ],
            fixed: [
                ("content/p.md", "Visit [our friends](https://www.example.org/join) and [UWV](https://uwv.nl/nl).\n")
            ]),
        RuleExample(
            "A space in the host, a port that is not a number",
            files: [
                (
                    "content/p.md",
                    "[a](https://exa mple.org/) [b](<https://exa mple.org/>) [c](https://example.org:80a/)\n"
                )
            ],
            findings: [
                .init("content/p.md:1:33", "link 'https://exa mple.org/' has a space in its host"),
                .init("content/p.md:1:61", "link 'https://example.org:80a/' has a port that is not a number"),
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        for (index, link) in page.links.enumerated() {
            switch link.kind {
            case .inline, .reference, .autolink, .image, .shortcodeHref: break
            default: continue
            }
            guard !link.viaShortcode else { continue }
            let leadsNowhere: Bool
            if case .unresolved = site.target(ofLink: index, in: page) {
                leadsNowhere = true
            } else {
                leadsNowhere = false
            }
            guard let problem = MalformedURL.problem(link.destination, leadsNowhere: leadsNowhere) else { continue }
            let range = link.destinationRange ?? link.range
            var message = "link '\(link.destination)' " + problem.description
            var fix: Fix?
            if let meant = problem.meant {
                message += "; write '\(meant)'"
                if link.destinationRange != nil, page.source.text(range) == link.destination {
                    fix = Fix(safe: false, summary: "write '\(meant)'", edits: [edit(page, range, meant)])
                }
            }
            diagnostics.append(diagnostic(page, range, message, fix: fix))
        }
    }
}
