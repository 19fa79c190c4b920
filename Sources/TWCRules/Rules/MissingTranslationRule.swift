import TWCCore
import TWCSite

/// `missing-translation`: a page has no version in a language of the site.
public struct MissingTranslationRule: Rule {
    public init() {}
    public let id = "missing-translation"
    public let severity = Severity.warning
    public let summary = "A page has no version, or no published version, in one of the site's languages."
    public let rationale = """
        Readers of the other language get no counterpart: the language switcher has nothing to offer \
        and links fall back to another language. A missing version is reported once per page group, on \
        the version in the source language (or the first version there is), naming the file to create. \
        A version that exists but that Hugo does not publish (a draft, a publishDate in the future, an \
        expiryDate in the past, headless or build.render never) is, for readers, missing all the same \
        while another version is published: it is reported on that file, at the key that keeps it \
        unpublished. A group with no published version at all (a draft page not translated yet) is not \
        reported: nothing is missing on the site yet. Many sites translate only part of their \
        content: a missing version is reported where the site's `[requiredContent]` in \
        `.twc-lint.toml` says the language must have the page, or, where it says nothing for that \
        language, where the language has at least half of the pages of the page's section (the \
        smallest section around it with five pages or more). `--explain` counts the pages left \
        unreported and names the largest such section. A page with no version in the site's source \
        language (and none Hugo generates, as for a section or a taxonomy term) is reported as that: \
        the page it translates may have moved or gone.
        """
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "Both languages present",
            files: [
                ("content/about.md", "---\ntitle: About\n---\n"), ("content/about.nl.md", "---\ntitle: Over\n---\n"),
            ]),
        RuleExample(
            "A page missing where Dutch translates the rest of its section",
            files: [
                ("content/about.md", "---\ntitle: About\n---\n"), ("content/about.nl.md", "---\ntitle: Over\n---\n"),
                ("content/join.md", "---\ntitle: Join\n---\n"), ("content/join.nl.md", "---\ntitle: Doe mee\n---\n"),
                ("content/contact.md", "---\ntitle: Contact\n---\n"),
            ],
            findings: [
                .init(
                    "content/contact.md:2:1",
                    "page has no nl version; add 'content/contact.nl.md' (or give an existing page the same translationKey)"
                )
            ]),
        RuleExample(
            "A Dutch page whose English page was renamed",
            files: [
                ("content/install.md", "---\ntitle: Install\n---\n"),
                ("content/installation.nl.md", "---\ntitle: Installatie\n---\n"),
            ],
            findings: [
                .init(
                    "content/installation.nl.md:2:1",
                    "page has no en version, the site's source language; add 'content/installation.en.md', or, if the en page was moved or deleted, move or delete this nl page too"
                )
            ]),
        RuleExample(
            "A section Dutch does not translate (fewer than half of its pages): not a gap; --explain counts them",
            files: [
                ("content/about.md", "---\ntitle: About\n---\n"), ("content/about.nl.md", "---\ntitle: Over\n---\n"),
                ("content/blog/one.md", "---\ntitle: One\n---\n"), ("content/blog/two.md", "---\ntitle: Two\n---\n"),
                ("content/blog/three.md", "---\ntitle: Three\n---\n"),
                ("content/blog/four.md", "---\ntitle: Four\n---\n"),
                ("content/blog/five.md", "---\ntitle: Five\n---\n"), ("content/blog/six.md", "---\ntitle: Six\n---\n"),
                ("content/blog/six.nl.md", "---\ntitle: Zes\n---\n"),
            ]),
        RuleExample(
            "A site whose Dutch version has only the docs (requiredContent in .twc-lint.toml)",
            files: [
                (".twc-lint.toml", "[requiredContent]\nnl = [\"/docs\"]\n"),
                ("content/blog/news.md", "---\ntitle: News\n---\n"),
                ("content/docs/start.md", "---\ntitle: Start\n---\n"),
            ],
            findings: [
                .init(
                    "content/docs/start.md:2:1",
                    "page has no nl version; add 'content/docs/start.nl.md' (or give an existing page the same translationKey)"
                )
            ]),
        RuleExample(
            "A term page that translates a tag's title: the English term list is Hugo's own",
            files: [
                ("content/posts/a.md", "---\ntitle: A\ntags: [opinion]\n---\n"),
                ("content/posts/a.nl.md", "---\ntitle: A\ntags: [opinion]\n---\n"),
                ("content/tags/opinion/_index.nl.md", "---\ntitle: Opinie\n---\n"),
            ]),
        RuleExample(
            "A section intro in English only: Hugo lists the Dutch section without it",
            files: [
                ("content/posts/_index.md", "---\ntitle: Posts\n---\nOur posts.\n"),
                ("content/posts/a.md", "---\ntitle: A\n---\n"), ("content/posts/a.nl.md", "---\ntitle: A\n---\n"),
            ],
            findings: [
                .init(
                    "content/posts/_index.md:2:1",
                    "page has no nl content file: Hugo generates /nl/posts/ without this page's title and text; add 'content/posts/_index.nl.md'"
                )
            ]),
        RuleExample(
            "A draft not translated yet",
            files: [
                ("content/about.md", "---\ntitle: About\ndraft: true\n---\n")
            ]),
        RuleExample(
            "The Dutch version is still a draft",
            files: [
                ("content/about.md", "---\ntitle: About\n---\n"),
                ("content/about.nl.md", "---\ntitle: Over\ndraft: true\n---\n"),
            ],
            findings: [
                .init(
                    "content/about.nl.md:3:1",
                    "this nl version is not published: a draft (draft: true); the en version is, so nl readers get no counterpart of /about/"
                )
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        let group = site.group(of: page)
        guard group.pages[page.language] == page.index else { return }
        let published = group.pages.values.map { site.pages[$0] }.filter(\.isPublished).sorted { $0.path < $1.path }
        guard let publishedVersion = published.first(where: { $0.language == group.sourceLanguage }) ?? published.first
        else { return }
        if let reason = page.publishState.reason, let entry = page.publishState.entry {
            diagnostics.append(
                diagnostic(
                    page, entry.keyRange,
                    "this \(page.language) version is not published: \(reason); the \(publishedVersion.language) version is, "
                        + "so \(page.language) readers get no counterpart of \(publishedVersion.url)",
                    related: [
                        note(
                            publishedVersion,
                            publishedVersion.frontmatter.entry("title")?.keyRange ?? SourceRange(0, 0),
                            "the published \(publishedVersion.language) version")
                    ]))
        }
        // Report once per group: on its source-language page, else its first page by language order.
        let reporter = group.sourceLanguage.flatMap { group.pages[$0] }
        guard reporter == page.index, group.pages[page.language] == page.index else { return }
        // No version in the site's source language: the page it translates may have moved or
        // gone; the other languages' versions are not what is missing.
        let siteSource = site.config.sourceLanguage
        if group.pages[siteSource] == nil, page.isPublished,
            !site.generatedTranslations(of: page).contains(where: { $0.language == siteSource })
        {
            diagnostics.append(
                diagnostic(
                    page, page.frontmatter.entry("title")?.keyRange ?? SourceRange(0, 0),
                    "page has no \(siteSource) version, the site's source language; add "
                        + "'\(Self.suggestedPath(for: page, language: siteSource, site: site))', or, if the "
                        + "\(siteSource) page was moved or deleted, move or delete this \(page.language) page too"))
            return
        }
        let generated = Dictionary(
            site.generatedTranslations(of: page).map { ($0.language, $0) }, uniquingKeysWith: { first, _ in first })
        // A term or taxonomy file translates the term's title; Hugo's generated list of the
        // other language is complete without one.
        // A language that translates only part of the site must have only that part: what
        // `requiredContent` lists, else the sections it translates most of.
        let coverage = site.translationCoverage
        let missing = site.config.languageKeys.filter {
            group.pages[$0] == nil && !["term", "taxonomy"].contains(generated[$0]?.kind)
                && coverage.isGap($0, at: page.logicalPath, config: site.config)
        }
        guard !missing.isEmpty else { return }
        let range = page.frontmatter.entry("title")?.keyRange ?? SourceRange(0, 0)
        let files = missing.map { "'\(Self.suggestedPath(for: page, language: $0, site: site))'" }
        let names = missing.joined(separator: ", ")
        let listed = missing.compactMap { generated[$0] }
        if listed.count == missing.count {
            // Hugo writes these list pages, with the site's title and nothing of this page's text.
            let urls = listed.map(\.url).joined(separator: ", ")
            diagnostics.append(
                diagnostic(
                    page, range,
                    "page has no \(names) content file: Hugo generates \(urls) without this page's title and text; add \(files.joined(separator: " and "))"
                ))
            return
        }
        diagnostics.append(
            diagnostic(
                page, range,
                "page has no \(names) version; add \(files.joined(separator: " and ")) (or give an existing page the same translationKey)"
            ))
    }

    /// Where the missing version would live in the site's pairing mode
    /// (`SiteModel.translationPath(of:in:)`).
    static func suggestedPath(for page: Page, language: String, site: SiteModel) -> String {
        site.translationPath(of: page, in: language)
    }
}
