import TWCCore
import TWCSite
import XCTest

final class SiteModelTests: XCTestCase {
    func config(contentDirs: [String: String] = [:], inSubdir: Bool = false, resolution: LinkResolution = .browser) -> SiteConfig {
        var config = SiteConfig(root: "/site")
        config.languages = [
            SiteLanguage(key: "en", weight: 1, contentDir: contentDirs["en"] ?? "content", label: nil),
            SiteLanguage(key: "nl", weight: 2, contentDir: contentDirs["nl"] ?? "content", label: nil),
            SiteLanguage(key: "de", weight: 3, contentDir: contentDirs["de"] ?? "content", label: nil),
        ]
        config.defaultContentLanguageInSubdir = inSubdir
        config.linkResolution = resolution
        return config
    }

    func build(_ config: SiteConfig, _ files: [(String, String)]) -> SiteModel {
        SiteLoader.build(config: config, files: files.map { ContentFile(path: $0.0, bytes: Array($0.1.utf8)) })
    }

    func groups(_ site: SiteModel) -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: site.groups.map { group in
            (group.key, group.pages.mapValues { site.pages[$0].path })
        })
    }

    func testFilenameSuffixPairingBundlesAndURLs() {
        let site = build(config(), [
            ("content/about/index.md", "# About"), ("content/about/index.nl.md", "# Over"),
            ("content/about/team.md", "a resource of the leaf bundle"),
            ("content/events/_index.md", "# Events"), ("content/events/_index.de.md", "# Termine"),
            ("content/events/e2/index.nl.md", "# E2"), ("content/events/e2.md", "# E2 en"),
            ("content/Mixed Case.NL.md", "# M"), ("content/unknown.fr.md", "# U"),
            ("content/_index.md", "# Home"),
        ])
        let byPath = Dictionary(uniqueKeysWithValues: site.pages.map { ($0.path, $0) })
        XCTAssertNil(byPath["content/about/team.md"], "Markdown in a leaf bundle is a resource")
        XCTAssertEqual(byPath["content/about/index.md"]?.url, "/about/")
        XCTAssertEqual(byPath["content/about/index.nl.md"]?.url, "/nl/about/")
        XCTAssertEqual(byPath["content/events/_index.de.md"]?.url, "/de/events/")
        XCTAssertEqual(byPath["content/events/_index.md"]?.kind, .section)
        XCTAssertEqual(byPath["content/_index.md"]?.url, "/")
        XCTAssertEqual(byPath["content/_index.md"]?.kind, .home)
        XCTAssertEqual(byPath["content/Mixed Case.NL.md"]?.language, "nl")
        XCTAssertEqual(byPath["content/Mixed Case.NL.md"]?.url, "/nl/mixed-case/")
        XCTAssertEqual(byPath["content/unknown.fr.md"]?.language, "en", "an unknown suffix is part of the name")
        XCTAssertEqual(byPath["content/unknown.fr.md"]?.url, "/unknown.fr/")
        let all = groups(site)
        XCTAssertEqual(all["/about"], ["en": "content/about/index.md", "nl": "content/about/index.nl.md"])
        XCTAssertEqual(all["/events/e2"], ["en": "content/events/e2.md", "nl": "content/events/e2/index.nl.md"],
                       "a leaf bundle pairs with a plain page of the same logical path (Hugo ≥ 0.123)")
    }

    func testContentDirPairingAndSubdir() {
        let site = build(config(contentDirs: ["en": "content/en", "nl": "content/nl", "de": "content/de"], inSubdir: true), [
            ("content/en/join.md", "# Join"), ("content/nl/join.md", "# Doe mee"), ("content/nl/extra.en.md", "# suffix wins"),
        ])
        let all = groups(site)
        XCTAssertEqual(all["/join"], ["en": "content/en/join.md", "nl": "content/nl/join.md"])
        XCTAssertEqual(site.pages.first { $0.path == "content/nl/extra.en.md" }?.language, "en")
        XCTAssertEqual(site.pages.first { $0.path == "content/en/join.md" }?.url, "/en/join/")
    }

    func testTranslationKeyPairingAndSlugAndURL() {
        let site = build(config(), [
            ("content/about-us.md", "---\ntranslationKey: about\nslug: About Us!\n---\n"),
            ("content/over-ons.nl.md", "---\ntranslationKey: about\n---\n"),
            ("content/custom.md", "---\nurl: /custom/en-url\n---\n"),
        ])
        XCTAssertEqual(groups(site)["key:about"], ["en": "content/about-us.md", "nl": "content/over-ons.nl.md"])
        XCTAssertEqual(site.pages.first { $0.path == "content/about-us.md" }?.url, "/about-us/")
        XCTAssertEqual(site.pages.first { $0.path == "content/custom.md" }?.url, "/custom/en-url/")
    }

    func testSameLanguageCollisionIsRecorded() {
        let site = build(config(), [("content/a.md", "# A"), ("content/a/index.md", "# A bundle")])
        XCTAssertEqual(site.conflicts.count, 1)
    }

    func testLinkResolutionRegimes() {
        let files = [("content/blog/post.md", "x"), ("content/blog/post.nl.md", "x"), ("content/about.md", "x"),
                     ("content/about.nl.md", "x"), ("content/blog/sibling.md", "x")]
        let browser = build(config(), files)
        let post = browser.pages.first { $0.path == "content/blog/post.md" }!
        let about = browser.pages.first { $0.path == "content/about.md" }!
        XCTAssertEqual(browser.resolve("/about/", from: post), .page(about.index, fragment: nil))
        XCTAssertEqual(browser.resolve("/about#team", from: post), .page(about.index, fragment: "team"))
        XCTAssertEqual(browser.resolve("../../about/", from: post), .page(about.index, fragment: nil))
        XCTAssertEqual(browser.resolve("sibling", from: post), .unresolved(path: "/blog/post/sibling", fragment: nil),
                       "without the render hook a relative link resolves against the page URL")
        XCTAssertEqual(browser.resolve("https://x.org/a", from: post), .external("https://x.org/a"))
        XCTAssertEqual(browser.resolve("#frag", from: post), .page(post.index, fragment: "frag"))
        XCTAssertEqual(browser.resolve("#%C3%BCber-ons", from: post), .page(post.index, fragment: "über-ons"))

        let hook = build(config(resolution: .embeddedHook), files)
        let nlPost = hook.pages.first { $0.path == "content/blog/post.nl.md" }!
        let nlAbout = hook.pages.first { $0.path == "content/about.nl.md" }!
        let sibling = hook.pages.first { $0.path == "content/blog/sibling.md" }!
        XCTAssertEqual(hook.resolve("/about", from: nlPost), .page(nlAbout.index, fragment: nil), "the hook looks up in the page's language")
        XCTAssertEqual(hook.resolve("./sibling", from: hook.pages[post.index]), .page(sibling.index, fragment: nil))
    }

    func testSectionAlignment() {
        let site = build(config(), [
            ("content/p.md", "## Intro\n\n### FAQ\n\n## Team\n\n## Contact\n"),
            ("content/p.nl.md", "## Inleiding\n\n## FAQ\n\n## Team\n"),
        ])
        let nl = site.pages.first { $0.language == "nl" }!
        let expected: [SectionAlignment.Step] = [
            .matched(source: 0, translation: 0), .levelChanged(source: 1, translation: 1),
            .matched(source: 2, translation: 2), .missing(source: 3),
        ]
        XCTAssertEqual(site.alignment(of: nl)?.steps, expected)

        // Without any shared text or link, equal levels in order are preferred.
        let plain = build(config(), [("content/q.md", "## A\n\n## B\n\n### B1\n"), ("content/q.nl.md", "## X\n\n## Y\n")])
        let q = plain.pages.first { $0.language == "nl" }!
        XCTAssertEqual(plain.alignment(of: q)?.steps, [.matched(source: 0, translation: 0), .matched(source: 1, translation: 1), .missing(source: 2)])
    }
}
