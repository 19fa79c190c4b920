import TWCCore
import TWCSite
import XCTest

@testable import TWCRules

/// broken-link, cross-language-link and broken-anchor on cross-page links: messages and fixes.
final class LinkRulesTests: XCTestCase {
    static let verbatimHook = (
        "layouts/_default/_markup/render-link.html", "<a href=\"{{ .Destination }}\">{{ .Text }}</a>"
    )

    func run(_ rule: any Rule, _ files: [(String, String)]) throws -> [Diagnostic] {
        Linter.run(try ExampleSite.build(files), rules: [rule])
    }

    /// The page's text after applying every fix of `diagnostics` (safe or not) to `path`.
    func fixed(_ path: String, _ text: String, _ diagnostics: [Diagnostic]) -> String {
        var bytes = Array(text.utf8)
        let edits = diagnostics.compactMap(\.fix).flatMap(\.edits).filter { $0.span.file == path }
        for edit in edits.sorted(by: { $0.span.range.start > $1.span.range.start }) {
            bytes.replaceSubrange(edit.span.range.range, with: Array(edit.replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The byte check that clears plain web addresses agrees with the full reading, on plain
    /// addresses (which it clears) and on every kind of malformed one (which it leaves to it).
    func testMalformedURLQuickCheckAgreesWithTheFullReading() {
        let plain = [
            "https://example.org/", "http://example.org", "HTTPS://Example.org/Path?q=1#x",
            "https://user@host.nl:8080/a",
            "https://example.nl:/a", "https://münchen.de/straße", "https://a.b/c d", "http://x.y?z", "https://a:b@c.d/",
        ]
        let malformed = [
            "https://%20%20https://example.org/", "https:// https://example.org", "https://https//example.org",
            "http:///example.org", "https://exa mple.org/", "https://exa%20mple.org/", "https://host:80a/",
            "https://@/path", "https://", "http://a", "https://[::1]:x/", "https://user@:99/", "https://h:1@/",
        ]
        for url in plain {
            XCTAssertNil(MalformedURL.problem(url, leadsNowhere: true, quickCheck: false), url)
            XCTAssertTrue(MalformedURL.isPlainWebAddress(url), url)
        }
        for url in plain + malformed + [
            "www.example.org/a", "example.org/join", "/about/", "mailto:a@b.c", " https://x.y ",
        ] {
            for leadsNowhere in [true, false] {
                XCTAssertEqual(
                    MalformedURL.problem(url, leadsNowhere: leadsNowhere),
                    MalformedURL.problem(url, leadsNowhere: leadsNowhere, quickCheck: false), url)
            }
        }
        XCTAssertEqual(
            malformed.filter { MalformedURL.problem($0, leadsNowhere: true, quickCheck: false) == nil },
            ["http://a", "https://[::1]:x/", "https://user@:99/"], "the others are malformed")
        for url in malformed where MalformedURL.problem(url, leadsNowhere: true, quickCheck: false) != nil {
            XCTAssertFalse(MalformedURL.isPlainWebAddress(url), url)
        }
    }

    /// The parts web addresses are compared by: host in lower case without `www.` and default
    /// ports, the path without its trailing slash, query and fragment kept.
    func testWebAddressParts() {
        let cases: [(String, (host: String, rest: String)?)] = [
            ("https://www.Example.ORG/Path/?q=A#F", ("example.org", "/Path?q=A#F")),
            ("HTTP://example.org:80", ("example.org", "")),
            ("https://example.org:443/a/", ("example.org", "/a")),
            ("https://example.org:8443/a/#x", ("example.org:8443", "/a#x")),
            ("https://MÜNCHEN.de/straße/", ("münchen.de", "/straße")),
            ("https://example.org?x=/y/", ("example.org", "?x=/y/")),
            ("ftp://example.org/", nil), ("mailto:a@b.c", nil), ("httpx://a.b/", nil), ("/about/", nil),
        ]
        for (url, expected) in cases {
            let found = LocalizedURL.parts(url)
            XCTAssertEqual(found?.host, expected?.host, url)
            XCTAssertEqual(found?.rest, expected?.rest, url)
        }
    }

    /// External URLs compared as translators localise them: the same address, the other
    /// language's version, or another target (the proxy and the doubled scheme stay different).
    func testLocalisedEquivalentURLs() {
        let languages = ["en", "nl", "pt-br"]
        func relation(_ a: String, _ b: String) -> LocalizedURL.Relation {
            LocalizedURL.relation(a, b, languages: languages)
        }
        XCTAssertEqual(relation("http://www.example.org/a/", "https://example.org/a"), .same)
        XCTAssertEqual(relation("HTTPS://Example.org/", "https://example.org"), .same)
        XCTAssertEqual(relation("https://www.uwv.nl/en", "https://uwv.nl/nl"), .localized)
        XCTAssertEqual(relation("https://uwv.nl/en/x", "https://uwv.nl/x"), .localized)
        XCTAssertEqual(relation("https://ex.int/convention_eng", "https://ex.int/Convention_NLD"), .localized)
        XCTAssertEqual(relation("https://ex.org/p?lang=en&id=4", "https://ex.org/p?lang=pt-br&id=4"), .localized)
        XCTAssertEqual(relation("https://ex.org/feature-en.png", "https://ex.org/feature-nl.png"), .localized)
        XCTAssertEqual(relation("mailto:a@ex.org?subject=Hi", "mailto:A@ex.org?subject=Hoi"), .localized)
        XCTAssertEqual(relation("mailto:a@ex.org", "mailto:b@ex.org"), .different)
        XCTAssertEqual(
            relation("mailto:summer@ex.org?subject=Reading", "mailto:zomer@ex.org?subject=Lezen"), .localized)
        XCTAssertEqual(
            relation("mailto:summer@ex.org?subject=Reading", "mailto:zomer@ex.net?subject=Lezen"), .different)
        XCTAssertEqual(relation("https://uwv.nl/en/benefits", "https://uwv.nl/nl/uitkeringen"), .different)
        XCTAssertEqual(
            relation(
                "https://en.wikipedia.org/wiki/Workers%27_council",
                "https://en-m-wikipedia-org.translate.goog/wiki/Workers%27_council?_x_tr_sl=en&_x_tr_tl=nl"),
            .different)
        XCTAssertEqual(relation("https://ex.org/event/1", "https://ex.org/event/2"), .different)
        XCTAssertEqual(relation("https://ex.org/a", "https://%20%20https://ex.org/a"), .different)
        XCTAssertEqual(
            relation("https://ja.wikipedia.org/wiki/CI/CD", "https://en.wikipedia.org/wiki/CI/CD"), .localized)
        XCTAssertEqual(
            relation(
                "https://ex.gc.ca/d/7255f4e7b9163cdb/rfp_fra.pdf#page=77",
                "https://ex.gc.ca/d/5f22b5c7f0a0/rfp_eng.pdf#page=68"),
            .localized)
    }

    /// Uploads named by a camera or a CMS (`image004_…`, `IMG_1234`) are no evidence of another
    /// picture; named pictures are.
    func testGenericUploadNames() {
        let languages = ["en", "fr"]
        XCTAssertTrue(
            LocalizedURL.sameResource(
                "https://cdn.example/image004_72dc281eb4.jpg", "https://cdn.example/image003_5f22b5c7f0.jpg",
                languages: languages))
        XCTAssertTrue(LocalizedURL.sameResource("/img/IMG_1234.jpg", "/img/IMG_0042.jpg", languages: languages))
        XCTAssertFalse(LocalizedURL.sameResource("/images/howto-03.png", "/images/howto-10.png", languages: languages))
        XCTAssertFalse(LocalizedURL.sameResource("/images/map.png", "/images/chart.png", languages: languages))
    }

    /// Each language's own resource in place of the source's: the site's version for that
    /// language with its slug translated, a local-language article, a guide on a country domain.
    func testLocalResources() {
        func local(_ mine: String, _ theirs: String, _ language: String, _ source: String) -> Bool {
            LocalizedURL.localResources(
                translation: mine, source: theirs, translationLanguage: language, sourceLanguage: source,
                languages: ["en", "nl", "fr", "de", "fa"])
        }
        XCTAssertTrue(
            local(
                "https://www.canada.ca/fr/secretariat-conseil-tresor.html",
                "https://www.canada.ca/en/treasury-board-secretariat.html", "fr", "en"))
        XCTAssertTrue(
            local("https://fa.wikipedia.org/wiki/فاوآیکون", "https://en.wikipedia.org/wiki/Favicon", "fa", "en"))
        XCTAssertTrue(
            local(
                "https://ap.nl/en/submitting-a-tip-off-or-a-complaint-to-the-ap",
                "https://ap.nl/een-tip-of-klacht-indienen-bij-de-ap", "en", "nl"))
        XCTAssertTrue(
            local(
                "https://www.globalinfo.nl/achtergrond/achter-het-fascisme-staat-het-tech-kapitaal/",
                "https://www.nd-aktuell.de/artikel/1198871.big-tech-hinter-dem-faschismus-steht-das-tech-kapital.html",
                "nl", "en"))
        XCTAssertTrue(
            local(
                "https://mein-deutschbuch.de/passiv-formen.html", "https://www.ef.com/english-resources/passive-voice/",
                "de", "en"))
        XCTAssertTrue(
            local(
                "https://www.dotcom-monitor.com/blog/fr/2021/11/16/principes-sre/", "https://sre.google/sre-book/",
                "fr", "en"))
        // Not localisation: two events on one site, a proxy, another page of the same site.
        XCTAssertFalse(
            local(
                "https://events.example.nl/event/friday-fika",
                "https://events.example.nl/event/labour-day-or-dag-van-de-arbeid", "en", "nl"))
        XCTAssertFalse(
            local(
                "https://en-m-wikipedia-org.translate.goog/wiki/Workers%27_council?_x_tr_tl=nl",
                "https://en.wikipedia.org/wiki/Workers%27_council", "nl", "en"))
        XCTAssertFalse(local("https://example.org/en/about", "https://example.org/en/contact", "nl", "en"))
        // The source's link on a country domain of its language says nothing of the translation's.
        XCTAssertFalse(local("https://events.example.nl/event/fika", "https://youtube.com/live/x", "en", "nl"))
    }

    /// A malformed URL is reported once, by malformed-url: link-mismatch compares the URL it was
    /// meant to be.
    func testAMalformedURLIsReportedOnce() throws {
        let files = [
            ("content/p.md", "## News\n\nRead [it](https://example.net/a).\n"),
            ("content/p.nl.md", "## Nieuws\n\nLees [het](https://%20%20https://example.net/a).\n"),
        ]
        XCTAssertEqual(try run(LinkMismatchRule(), files), [])
        XCTAssertEqual(try run(MalformedUrlRule(), files).count, 1)
    }

    /// `strictLinkParity = true` reports a localised equivalent as `info`.
    func testStrictLinkParity() throws {
        let files = [
            ("content/p.md", "## Help\n\nSee [UWV](https://uwv.nl/en).\n"),
            ("content/p.nl.md", "## Hulp\n\nZie [UWV](https://uwv.nl/nl).\n"),
        ]
        XCTAssertEqual(try run(LinkMismatchRule(), files), [])
        let strict = try run(LinkMismatchRule(), files + [(".twc-lint.toml", "strictLinkParity = true\n")])
        XCTAssertEqual(strict.map(\.severity), [.info])
        XCTAssertEqual(
            strict.first?.message,
            "link to 'https://uwv.nl/nl' in section \"Hulp\" is the nl version of the en link 'https://uwv.nl/en' (strictLinkParity)"
        )
    }

    /// A file mounted for two languages is two pages (hugo-behaviour §8.5): what is wrong in it is
    /// reported once.
    func testAFileOfSeveralLanguagesIsReportedOnce() throws {
        let mounts = """
            [[module.mounts]]
            source = "content"
            target = "content"
            [module.mounts.sites.matrix]
            languages = ["en", "nl"]
            """
        let diagnostics = try run(
            BrokenLinkRule(),
            [
                Self.verbatimHook, ("hugo.toml", ExampleSite.configuration + mounts),
                ("content/p.md", "[broken](/nowhere/)\n"),
            ])
        XCTAssertEqual(diagnostics.map(\.span.file), ["content/p.md"])
    }

    func testCrossLanguageFixKeepsTheLinkStyle() throws {
        let nl = """
            [a](/join) [b](/join/?ref=x) [c](../../join/) [d](../../about/#team) [e](/about/#contact) [f](/p/)
            {{< button href="/join/" >}}Doe mee{{< /button >}} [g]({{< relref path="join" lang="en" >}}) [h](/nl/join/)

            [i][def]

            [def]: /join/#form
            """
        let files = [
            Self.verbatimHook,
            ("content/join.md", "## Form\n"), ("content/join.nl.md", "## Formulier\n"),
            ("content/about.md", "## Team\n\n## Contact\n"), ("content/about.nl.md", "## Het team\n\n## Contact\n"),
            ("content/p.md", "Source.\n"), ("content/p.nl.md", nl),
        ]
        let found = try run(CrossLanguageLinkRule(), files)
        XCTAssertEqual(found.count, 7, found.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(found.allSatisfy { $0.fix?.safe == true })
        XCTAssertEqual(
            fixed("content/p.nl.md", nl, found),
            """
            [a](/nl/join) [b](/nl/join/?ref=x) [c](../join/) [d](../about/#het-team) [e](/nl/about/#contact) [f](/p/)
            {{< button href="/nl/join/" >}}Doe mee{{< /button >}} [g]({{< relref path="join" lang="en" >}}) [h](/nl/join/)

            [i][def]

            [def]: /nl/join/#formulier
            """)
        XCTAssertEqual(
            found[0].message,
            "link to the en page /join/ (content/join.md) from this nl page; the nl version is /nl/join/: link that")
        XCTAssertTrue(found[3].message.contains("where '#team' is '#het-team'"), found[3].message)
    }

    func testCrossLanguageIsQuietWhereTheHookMapsTheLink() throws {
        // With Hugo's embedded link hook, `/join` on a Dutch page is looked up in Dutch.
        let found = try run(
            CrossLanguageLinkRule(),
            [
                ("content/join.md", "Join.\n"), ("content/join.nl.md", "Doe mee.\n"),
                ("content/p.nl.md", "[a](/join) [b](../join/) [c]({{< relref \"join\" >}})\n"),
            ])
        XCTAssertEqual(found.map(\.message), [])
    }

    func testBrokenLinkMessagesAndSuggestions() throws {
        let page = """
            ---
            title: P
            ---
            [a](/jion/) [b]({{< relref "only-en#x" >}}) [c](/nl/draft/) [d](sibling.md) ![e](missing.png)
            [f](/files/report.pdf) [g](/files/missing.pdf) [h]({{< relref path="p" lang="fr" >}}) [i](/nl/tags/)
            """
        let files = [
            Self.verbatimHook,
            ("content/join.md", "Join.\n"), ("content/join.nl.md", "Doe mee.\n"), ("content/only-en.md", "## X\n"),
            ("content/draft.nl.md", "---\ndraft: true\n---\n"), ("content/blog/sibling.nl.md", "Broer.\n"),
            ("content/blog/p.nl.md", page), ("static/files/report.pdf", ""),
        ]
        let found = try run(BrokenLinkRule(), files)
        XCTAssertEqual(
            found.map(\.message),
            [
                "link '/jion/' leads to /jion/, where the build publishes nothing (the href the site's link render hook, layouts/_default/_markup/render-link.html, writes for it); did you mean /nl/join/ (content/join.nl.md)?",
                "relref \"only-en#x\" finds no nl page (page not found): Hugo stops the build (REF_NOT_FOUND); the en page /only-en/ (content/only-en.md) has no nl version",
                "link '/nl/draft/' links /nl/draft/ (content/draft.nl.md), which the build leaves out: a draft (draft: true)",
                "link 'sibling.md' leads to /nl/blog/p/sibling.md, where the build publishes nothing (the href the site's link render hook, layouts/_default/_markup/render-link.html, writes for it); did you mean /nl/blog/sibling/ (content/blog/sibling.nl.md)?",
                "image 'missing.png' leads to /nl/blog/p/missing.png, where the build publishes nothing",
                "link '/files/missing.pdf' leads to /files/missing.pdf, where the build publishes nothing (the href the site's link render hook, layouts/_default/_markup/render-link.html, writes for it)",
                "relref \"p\" finds no fr page (no site found with lang \"fr\"): Hugo stops the build (REF_NOT_FOUND)",
            ])
        XCTAssertTrue(found.allSatisfy { $0.severity == .error })
        // The suggestion is an unsafe fix in the link's own style.
        let first = try XCTUnwrap(found.first?.fix)
        XCTAssertFalse(first.safe)
        XCTAssertEqual(first.edits.map(\.replacement), ["/nl/join/"])
        XCTAssertEqual(
            found[3].fix?.edits.map(\.replacement), ["../sibling"], "relative, without a trailing slash, as written")
    }

    func testBrokenAnchorFixesTheFragmentInsideARef() throws {
        let nl = "Zie [het programma]({{< relref \"/events/e1#agenda\" >}}) en [meer]({{< relref \"e1\" >}}#agenda).\n"
        let found = try run(
            BrokenAnchorRule(),
            [
                ("content/events/e1.md", "# E1\n\n## Agenda\n"), ("content/events/e1.nl.md", "# E1\n\n## Programma\n"),
                ("content/p.nl.md", nl),
            ])
        XCTAssertEqual(found.count, 2)
        XCTAssertTrue(found[0].message.contains("is the anchor of the en heading \"Agenda\""), found[0].message)
        XCTAssertEqual(
            fixed("content/p.nl.md", nl, found),
            "Zie [het programma]({{< relref \"/events/e1#programma\" >}}) en [meer]({{< relref \"e1\" >}}#programma).\n"
        )
    }
}
