import TWCCore
import TWCSite

/// `cross-language-link`: a page links another language's version of a page that exists in the
/// page's own language.
public struct CrossLanguageLinkRule: Rule {
    public init() {}
    public let id = "cross-language-link"
    public let severity = Severity.warning
    public let summary =
        "A page links the other language's version of a page that exists in its own language (a Dutch page linking `/join` while `/nl/join/` exists)."
    public let rationale = """
        Translators copy links from the source page; without Hugo's embedded link render hook (a theme \
        such as Blowfish ships its own render-link.html) `/join` stays the English page on the Dutch \
        site, and the reader is switched to English mid-page. Links are resolved as the built site \
        resolves them, so a link the embedded hook already maps to the page's language is not \
        reported. Not reported either: links to the page's own translations (a language switcher), \
        links to another language's home page (`[Spanish](/es/)`: a deliberate pointer to that \
        language), \
        and a `ref`/`relref` with an explicit `lang` parameter, a deliberate choice of language. A \
        `ref`/`relref` without `lang` always resolves in the page's own language (Hugo ignores a \
        language suffix such as `about.en.md` in its path), so it cannot cross languages; when its \
        path exists only in another language, `broken-link` reports it.
        """
    public let fixAvailability = FixAvailability.safe
    public let fixBehavior: String? = """
        The fix links the same-language version in the link's own style: absolute stays \
        absolute (`/join` → `/nl/join`), relative stays relative (`../../join/` → `../join/`), the \
        trailing slash and query are kept, and a fragment becomes the anchor of the aligned heading \
        of the same-language page (section alignment) when it differs. The new destination is \
        resolved again and the fix is offered only when it reaches that page.
        """
    public let examples: [RuleExample] = [
        RuleExample(
            "Links in the page's own language",
            files: [
                ("layouts/_default/_markup/render-link.html", "<a href=\"{{ .Destination }}\">{{ .Text }}</a>"),
                ("content/join.md", "Join.\n"), ("content/join.nl.md", "Doe mee.\n"),
                ("content/p.md", "[Join](/join/), or [in Dutch](/nl/p/).\n"),
                ("content/p.nl.md", "[Doe mee](/nl/join/), of [in het Engels](/p/).\n"),
            ]),
        RuleExample(
            "Dutch page linking the English /join",
            files: [
                ("layouts/_default/_markup/render-link.html", "<a href=\"{{ .Destination }}\">{{ .Text }}</a>"),
                ("content/join.md", "Join.\n"), ("content/join.nl.md", "Doe mee.\n"),
                ("content/p.md", "[Join](/join)\n"), ("content/p.nl.md", "[Doe mee](/join)\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:1:11",
                    "link to the en page /join/ (content/join.md) from this nl page; the nl version is /nl/join/: link that"
                )
            ],
            fixed: [
                ("content/p.nl.md", "[Doe mee](/nl/join)\n")
            ]),
        RuleExample(
            "Fragment mapped to the aligned Dutch heading",
            files: [
                ("layouts/_default/_markup/render-link.html", "<a href=\"{{ .Destination }}\">{{ .Text }}</a>"),
                ("content/about.md", "## Team\n\n## Contact\n"), ("content/about.nl.md", "## Het team\n\n## Contact\n"),
                ("content/p.md", "See [the team](../about/#team).\n"),
                ("content/p.nl.md", "Zie [het team](../../about/#team).\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:1:16",
                    "link to the en page /about/ (content/about.md) from this nl page; the nl version is /nl/about/, where '#team' is '#het-team': link that"
                )
            ],
            fixed: [
                ("content/p.nl.md", "Zie [het team](../about/#het-team).\n")
            ]),
        RuleExample(
            "With the embedded link hook, an English URL path",
            files: [
                ("content/about-us.md", "---\ntranslationKey: about\n---\nAbout.\n"),
                ("content/over-ons.nl.md", "---\ntranslationKey: about\n---\nOver.\n"),
                ("content/p.nl.md", "Lees [over ons](/about-us/).\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:1:17",
                    "link to the en page /about-us/ (content/about-us.md) from this nl page; the nl version is /nl/over-ons/: link that"
                )
            ],
            fixed: [
                ("content/p.nl.md", "Lees [over ons](/nl/over-ons/).\n")
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard site.isPublished(page.index) else { return }
        for (index, link) in page.links.enumerated() where link.kind != .image && link.kind != .shortcodeOutput {
            guard case .page(let targetIndex, let fragment) = site.target(ofLink: index, in: page) else { continue }
            let target = site.pages[targetIndex]
            // A link to another language's home page points readers to that language on purpose
            // (`[Spanish](/es/)`, an announcement of a new translation).
            guard target.language != page.language, link.ref?.language == nil, target.kind != .home,
                site.group(of: target).key != site.group(of: page).key,
                let own = site.version(of: target, in: page.language)
            else { continue }
            var mapped = fragment
            var fragmentNote = ""
            if let fragment, !fragment.isEmpty {
                if let anchor = LinkEditing.alignedAnchor(fragment, of: target, in: own, site: site) {
                    mapped = anchor
                    if anchor != fragment { fragmentNote = ", where '#\(fragment)' is '#\(anchor)'" }
                } else {
                    fragmentNote = " ('#\(fragment)' has no counterpart there; broken-anchor will say more)"
                }
            }
            let message =
                "link to the \(target.language) page \(target.url) (\(target.path)) from this \(page.language) page; "
                + "the \(page.language) version is \(own.url)\(fragmentNote): link that"
            let edit = LinkEditing.retarget(
                link, in: page, to: own, fragment: mapped == fragment ? nil : mapped, site: site)
            let fix = edit.map { Fix(safe: true, summary: "link \($0.replacement)", edits: [$0]) }
            diagnostics.append(
                diagnostic(
                    page, link.destinationRange ?? link.range, message,
                    related: [
                        note(own, LinkEditing.titleRange(of: own), "the \(page.language) version of \(target.url)")
                    ], fix: fix))
        }
    }
}
