import TWCCore
import TWCSite
import TWCTestSupport
import XCTest

final class SiteModelTests: XCTestCase {
    func config(contentDirs: [String: String] = [:], inSubdir: Bool = false, resolution: LinkResolution = .browser)
        -> TestConfig
    {
        var config = TestConfig(languages: ["en", "nl", "de"], contentDirs: contentDirs)
        config.defaultContentLanguageInSubdir = inSubdir
        config.linkResolution = resolution
        return config
    }

    func build(_ config: TestConfig, _ files: [(String, String)]) throws -> SiteModel {
        try config.load(files)
    }

    func groups(_ site: SiteModel) -> [String: [String: String]] {
        Dictionary(
            uniqueKeysWithValues: site.groups.map { group in
                (group.key, group.pages.mapValues { site.pages[$0].path })
            })
    }

    func testFilenameSuffixPairingBundlesAndURLs() throws {
        let site = try build(
            config(),
            [
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
        XCTAssertEqual(
            all["/events/e2"], ["en": "content/events/e2.md", "nl": "content/events/e2/index.nl.md"],
            "a leaf bundle pairs with a plain page of the same logical path (Hugo ≥ 0.123)")
    }

    func testContentDirPairingAndSubdir() throws {
        let site = try build(
            config(contentDirs: ["en": "content/en", "nl": "content/nl", "de": "content/de"], inSubdir: true),
            [
                ("content/en/join.md", "# Join"), ("content/nl/join.md", "# Doe mee"),
                ("content/nl/extra.en.md", "# suffix wins"),
            ])
        let all = groups(site)
        XCTAssertEqual(all["/join"], ["en": "content/en/join.md", "nl": "content/nl/join.md"])
        XCTAssertEqual(site.pages.first { $0.path == "content/nl/extra.en.md" }?.language, "en")
        XCTAssertEqual(site.pages.first { $0.path == "content/en/join.md" }?.url, "/en/join/")
    }

    func testTranslationKeyPairingAndSlugAndURL() throws {
        let site = try build(
            config(),
            [
                ("content/about-us.md", "---\ntranslationKey: about\nslug: About Us!\n---\n"),
                ("content/over-ons.nl.md", "---\ntranslationKey: about\n---\n"),
                ("content/custom.md", "---\nurl: /custom/en-url\n---\n"),
            ])
        XCTAssertEqual(groups(site)["key:about"], ["en": "content/about-us.md", "nl": "content/over-ons.nl.md"])
        XCTAssertEqual(site.pages.first { $0.path == "content/about-us.md" }?.url, "/about-us/")
        XCTAssertEqual(site.pages.first { $0.path == "content/custom.md" }?.url, "/custom/en-url/")
    }

    func testSameLanguageCollisionIsRecorded() throws {
        let site = try build(config(), [("content/a.md", "# A"), ("content/a/index.md", "# A bundle")])
        XCTAssertEqual(site.conflicts.count, 1)
    }

    /// hugo-behaviour §2.3, with the rule Hugo 0.168 follows: in one directory the first file of
    /// its order (extension descending, weight, name), across directories the heavier file (earlier
    /// content dir, then a language suffix), else whichever its workers insert last.
    func testTheFileHugoKeepsWhenSeveralClaimAPage() throws {
        let site = try build(
            config(),
            [
                ("content/both.md", "x"), ("content/both.en.md", "x"),
                ("content/a.md", "x"), ("content/a/index.md", "x"),
                ("content/b.md", "x"), ("content/b/_index.md", "x"),
                ("content/c/index.md", "x"), ("content/c/_index.md", "x"), ("content/c/_index.nl.md", "x"),
                ("content/c/more.md", "x"),
                ("content/d.en.md", "x"), ("content/d/index.md", "x"),
                ("content/e/index.md", "x"), ("content/e/index.en.md", "x"),
                ("content/G.md", "x"), ("content/g.md", "x"),
                ("content/j.md", "x"), ("content/j.markdown", "x"), ("content/k.md", "x"),
                ("content/k.en.markdown", "x"),
                ("content/T/u.md", "x"), ("content/t/u.md", "x"),
            ])
        func conflict(_ dropped: String) -> (kept: String, reason: PageConflict.Reason)? {
            site.conflicts.first { site.pages[$0.dropped].path == dropped }.map {
                (site.pages[$0.kept].path, $0.reason)
            }
        }
        XCTAssertEqual(conflict("content/both.md")?.kept, "content/both.en.md")
        XCTAssertEqual(conflict("content/both.md")?.reason, .languageSuffix)
        XCTAssertEqual(conflict("content/a.md")?.kept, "content/a/index.md", "usually the file walked last")
        XCTAssertEqual(conflict("content/a.md")?.reason, .unpredictable)
        XCTAssertEqual(conflict("content/b.md")?.kept, "content/b/_index.md")
        XCTAssertEqual(conflict("content/c/_index.md")?.kept, "content/c/index.md")
        XCTAssertEqual(conflict("content/c/_index.md")?.reason, .leafBundle)
        XCTAssertEqual(conflict("content/c/_index.nl.md")?.kept, "content/c/index.md", "a leaf bundle of any language")
        XCTAssertNil(site.pages.first { $0.path == "content/c/more.md" }, "a resource of the bundle")
        XCTAssertEqual(conflict("content/d/index.md")?.kept, "content/d.en.md")
        XCTAssertEqual(conflict("content/e/index.md")?.kept, "content/e/index.en.md")
        XCTAssertEqual(conflict("content/g.md")?.kept, "content/G.md")
        XCTAssertEqual(conflict("content/g.md")?.reason, .sameDirectory)
        XCTAssertEqual(conflict("content/j.markdown")?.kept, "content/j.md")
        XCTAssertEqual(
            conflict("content/k.en.markdown")?.kept, "content/k.md", "the extension decides before the suffix")
        XCTAssertEqual(conflict("content/T/u.md")?.kept, "content/t/u.md")
        XCTAssertEqual(conflict("content/T/u.md")?.reason, .unpredictable)
        let dropped = site.pages.first { $0.path == "content/both.md" }!
        XCTAssertEqual(dropped.publishState, .replaced(by: site.pages.first { $0.path == "content/both.en.md" }!.index))
        XCTAssertNil(site.page(url: "/both/").map { $0.path == "content/both.md" ? $0 : nil } ?? nil)

        // Per-language content dirs are mounted in language order: an earlier one outweighs a suffix.
        let dirs = try build(
            config(contentDirs: ["en": "content/en", "nl": "content/nl", "de": "content/de"]),
            [
                ("content/nl/k1.en.md", "x"), ("content/en/k1.md", "x"),
                ("content/en/k2.nl.md", "x"), ("content/nl/k2.md", "x"),
                ("content/en/leaf/index.md", "x"), ("content/nl/leaf/_index.md", "x"),
                ("content/nl/leaf/child.md", "x"),
            ])
        func kept(_ dropped: String) -> String? {
            dirs.conflicts.first { dirs.pages[$0.dropped].path == dropped }.map { dirs.pages[$0.kept].path }
        }
        XCTAssertEqual(kept("content/nl/k1.en.md"), "content/en/k1.md")
        XCTAssertEqual(kept("content/nl/k2.md"), "content/en/k2.nl.md")
        XCTAssertEqual(kept("content/nl/leaf/_index.md"), "content/en/leaf/index.md", "the dirs are one tree")
        XCTAssertNil(dirs.pages.first { $0.path == "content/nl/leaf/child.md" })
    }

    func testPublishingState() throws {
        var config = config()
        config.timeZone = "Europe/Amsterdam"
        config.buildClock = try XCTUnwrap(ISO8601DateFormatter().date(from: "2025-06-01T12:00:00Z"))
        let files = [
            ("content/draft.md", "---\ndraft: true\naliases: [/gone/]\n---\n"),
            ("content/draft.nl.md", "---\ntitle: x\n---\n"),
            ("content/future.md", "---\ndate: 2025-07-01\n---\n"),
            ("content/past.md", "---\ndate: 2030-01-01\npublishDate: 2025-05-01\n---\n"),
            ("content/edge.md", "---\npublishDate: 2025-06-01T14:00:00\n---\n"),
            ("content/late.md", "---\npublishDate: 2025-06-01T14:00:01\n---\n"),
            ("content/expired.md", "---\nexpiryDate: 2025-05-31\n---\n"),
            ("content/lastmod.md", "---\nlastmod: 2025-09-01\n---\n"),
            ("content/headless/index.md", "---\nheadless: true\n---\n"),
            ("content/never.md", "---\n_build:\n  render: never\n---\n"),
            ("content/string.md", "---\ndraft: \"true\"\n---\n"), ("content/yes.md", "---\ndraft: yes\n---\n"),
            ("content/link.md", "[d](/draft/) [f](/future/)"),
        ]
        let site = try build(config, files)
        func state(_ path: String) -> PublishState { site.pages.first { $0.path == path }!.publishState }
        guard case .draft = state("content/draft.md") else { return XCTFail("draft") }
        guard case .future(let future) = state("content/future.md") else { return XCTFail("future") }
        XCTAssertEqual(future.time.formatted, "2025-07-01T00:00:00+02:00")
        XCTAssertEqual(state("content/past.md"), .published, "publishDate decides, not date")
        XCTAssertEqual(state("content/edge.md"), .published, "equal to the clock is not in the future")
        guard case .future = state("content/late.md") else { return XCTFail("late") }
        guard case .expired = state("content/expired.md") else { return XCTFail("expired") }
        guard case .future = state("content/lastmod.md") else { return XCTFail("lastmod becomes the publish date") }
        guard case .notRendered = state("content/headless/index.md"), case .notRendered = state("content/never.md")
        else { return XCTFail("headless") }
        guard case .draft = state("content/string.md") else { return XCTFail("\"true\" is true") }
        XCTAssertEqual(state("content/yes.md"), .published, "yes is a string, which cast.ToBool reads as false")
        XCTAssertNil(site.page(url: "/draft/"))
        XCTAssertEqual(site.unpublishedPage(url: "/draft/")?.path, "content/draft.md")
        XCTAssertNil(site.aliasTargets["/gone/"], "an unpublished page has no alias stubs")
        XCTAssertEqual(
            site.group(of: site.pages.first { $0.path == "content/draft.nl.md" }!).pages.count, 2,
            "translation groups keep unpublished versions")
        let linker = site.pages.first { $0.path == "content/link.md" }!
        // The link still means the draft (so broken-link can say "which is a draft"), but nothing is published there.
        let draft = site.pages.first { $0.path == "content/draft.md" }!
        XCTAssertEqual(site.target(ofLink: 0, in: linker), .page(draft.index, fragment: nil))
        XCTAssertFalse(site.isPublished(draft.index))
        XCTAssertNil(site.publishedTarget(path: "/draft/"), "no link target")

        config.buildDrafts = true
        config.buildFuture = true
        config.buildExpired = true
        let all = try build(config, files)
        XCTAssertEqual(
            all.pages.filter { !$0.isPublished }.map(\.path).sorted(),
            ["content/headless/index.md", "content/never.md"])
    }

    func testURLsAsHugo() throws {
        var config = config()
        config.baseURLPath = "/docs/"
        let site = try build(
            config,
            [
                ("content/events/_index.md", "---\nslug: Agenda!\n---\n"),
                ("content/events/_index.nl.md", "---\ntitle: x\n---\n"),
                ("content/events/sub/_index.md", "---\nslug: Old\nurl: /only-the-section/\n---\n"),
                ("content/events/sub/p.md", "x"), ("content/events/e.nl.md", "x"),
                ("content/events/deep/er/leaf/index.md", "x"),
                ("content/Café & Bar!.md", "x"), ("content/x,y;z(1).md", "x"), ("content/a  b--c.md", "x"),
                ("content/100%.md", "x"),
                ("content/a%41b.md", "x"), ("content/a#b.md", "x"), ("content/x/\tz.md", "x"),
                ("content/ÉCOLE İ ΟΔΟΣ.md", "x"),
                ("content/slug.de.md", "---\nslug: \"Ünï slug/with slash\"\n---\n"),
                ("content/u1.nl.md", "---\nurl: rel/Path\n---\n"),
                ("content/u2.nl.md", "---\nurl: \"/Abs Path/Ü\"\n---\n"),
                ("content/u3.md", "---\nurl: /v1.2\n---\n"),
                ("content/_index.md", "---\nslug: home\nurl: /ignored/\n---\n"),
            ])
        func url(_ path: String) -> String? { site.pages.first { $0.path == path }?.url }
        XCTAssertEqual(url("content/events/_index.md"), "/docs/agenda/")
        XCTAssertEqual(url("content/events/_index.nl.md"), "/docs/nl/events/", "a slug is per language")
        XCTAssertEqual(url("content/events/sub/_index.md"), "/docs/only-the-section/")
        XCTAssertEqual(
            url("content/events/sub/p.md"), "/docs/agenda/old/p/", "section slugs move descendants, url does not")
        XCTAssertEqual(url("content/events/e.nl.md"), "/docs/nl/events/e/")
        XCTAssertEqual(url("content/events/deep/er/leaf/index.md"), "/docs/agenda/deep/er/leaf/")
        XCTAssertEqual(url("content/Café & Bar!.md"), "/docs/café--bar/")
        XCTAssertEqual(site.pages.first { $0.path == "content/Café & Bar!.md" }?.relPermalink, "/docs/caf%C3%A9--bar/")
        XCTAssertEqual(url("content/x,y;z(1).md"), "/docs/xyz1/")
        XCTAssertEqual(url("content/a  b--c.md"), "/docs/a--b--c/")
        XCTAssertEqual(url("content/100%.md"), "/docs/100/")
        XCTAssertEqual(url("content/a%41b.md"), "/docs/a%41b/")
        XCTAssertEqual(site.pages.first { $0.path == "content/a#b.md" }?.relPermalink, "/docs/a%23b/")
        XCTAssertEqual(url("content/x/\tz.md"), "/docs/x/-z/", "white space after something kept becomes -")
        XCTAssertEqual(url("content/ÉCOLE İ ΟΔΟΣ.md"), "/docs/école-i-οδοσ/", "Go's simple lower-casing")
        XCTAssertEqual(url("content/slug.de.md"), "/docs/de/ünï-slug/with-slash/")
        XCTAssertEqual(url("content/u1.nl.md"), "/docs/nl/rel/Path/", "url without / gets the language directory")
        XCTAssertEqual(url("content/u2.nl.md"), "/docs/Abs Path/Ü/", "url with / is used as written")
        XCTAssertEqual(url("content/u3.md"), "/docs/v1.2", "an extension: a file")
        XCTAssertEqual(url("content/_index.md"), "/docs/", "slug and url are ignored on the home page")
        XCTAssertEqual(site.generatedPages.map(\.url).sorted(), ["/docs/de/", "/docs/nl/", "/docs/x/"])
        XCTAssertEqual(site.homeRedirect, Redirect(from: "/docs/en/", to: "/docs/"))

        var inSubdir = self.config(inSubdir: true)
        inSubdir.disableDefaultLanguageRedirect = true
        XCTAssertNil(try build(inSubdir, []).homeRedirect)
        inSubdir.disableDefaultLanguageRedirect = false
        XCTAssertEqual(try build(inSubdir, []).homeRedirect, Redirect(from: "/", to: "/en/"))
        let single = TestConfig(languages: ["en"])
        XCTAssertNil(try build(single, []).homeRedirect, "no stub on a single-language site at the root")
    }

    func testAliasesAsHugo() throws {
        var config = config()
        config.baseURLPath = "/b/"
        let site = try build(
            config,
            [
                (
                    "content/p.nl.md",
                    "---\naliases: [\"/old/\", \"/nl/twice/\", \"rel\", \"../../up\", \"a/../c\", \"f.html\", \"g.htm\", \"h.HTML\", \"x.json\", \"Up Per/\"]\n---\n"
                ),
                ("content/q.md", "---\nurl: /file.html\naliases: [rel, /, /abs]\n---\n"),
                ("content/r.md", "---\naliases: /one/ /two/\n---\n"),
            ])
        XCTAssertEqual(
            site.pages[0].aliases,
            [
                "/b/nl/old/", "/b/nl/nl/twice/", "/b/nl/rel/", "/b/up/", "/b/nl/c/", "/b/nl/f.html",
                "/b/nl/g.htm", "/b/nl/h.HTML/", "/b/nl/x.json/", "/b/nl/Up Per/",
            ])
        XCTAssertEqual(
            site.pages.first { $0.path == "content/q.md" }?.aliases, ["/b/rel/", "/b/abs/"],
            "an alias to the site root fails Hugo's build: left out")
        XCTAssertEqual(site.pages.first { $0.path == "content/r.md" }?.aliases, ["/b/one/", "/b/two/"])
        XCTAssertEqual(site.aliasTargets["/b/nl/rel/"], site.pages[0].index)
    }

    func testHugoTranslationsCanBeAsymmetric() throws {
        let site = try build(
            config(),
            [
                ("content/i.md", "---\ntranslationKey: k2\n---\n"), ("content/i.nl.md", "x"),
                ("content/j.nl.md", "---\ntranslationKey: k2\n---\n"),
                ("content/t.md", "---\ntranslationKey: team\n---\n"),
                ("content/ta.nl.md", "---\ntranslationKey: team\n---\n"),
                ("content/tb.nl.md", "---\ntranslationKey: team\n---\n"),
            ])
        func translations(_ path: String) -> [String] {
            site.translations(of: site.pages.first { $0.path == path }!).map(\.path)
        }
        XCTAssertEqual(translations("content/i.md"), ["content/j.nl.md"])
        XCTAssertEqual(translations("content/i.nl.md"), ["content/i.md"], "no key: the pages at the same path")
        XCTAssertEqual(translations("content/ta.nl.md"), ["content/t.md", "content/tb.nl.md"])
        XCTAssertEqual(site.translationKeyDuplicates.map { site.pages[$0.duplicate].path }, ["content/tb.nl.md"])
    }

    func testLinkResolutionRegimes() throws {
        let files = [
            ("content/blog/post.md", "x"), ("content/blog/post.nl.md", "x"), ("content/about.md", "x"),
            ("content/about.nl.md", "x"), ("content/blog/sibling.md", "x"),
        ]
        let browser = try build(config(), files)
        let post = browser.pages.first { $0.path == "content/blog/post.md" }!
        let about = browser.pages.first { $0.path == "content/about.md" }!
        XCTAssertEqual(browser.resolve("/about/", from: post), .page(about.index, fragment: nil))
        XCTAssertEqual(browser.resolve("/about#team", from: post), .page(about.index, fragment: "team"))
        XCTAssertEqual(browser.resolve("../../about/", from: post), .page(about.index, fragment: nil))
        XCTAssertEqual(
            browser.resolve("sibling", from: post), .unresolved(path: "/blog/post/sibling", fragment: nil),
            "without the render hook a relative link resolves against the page URL")
        XCTAssertEqual(browser.resolve("https://x.org/a", from: post), .external("https://x.org/a"))
        XCTAssertEqual(browser.resolve("#frag", from: post), .page(post.index, fragment: "frag"))
        XCTAssertEqual(browser.resolve("#%C3%BCber-ons", from: post), .page(post.index, fragment: "über-ons"))

        let hook = try build(config(resolution: .embeddedHook), files)
        let nlPost = hook.pages.first { $0.path == "content/blog/post.nl.md" }!
        let nlAbout = hook.pages.first { $0.path == "content/about.nl.md" }!
        let sibling = hook.pages.first { $0.path == "content/blog/sibling.md" }!
        XCTAssertEqual(
            hook.resolve("/about", from: nlPost), .page(nlAbout.index, fragment: nil),
            "the hook looks up in the page's language")
        XCTAssertEqual(hook.resolve("./sibling", from: hook.pages[post.index]), .page(sibling.index, fragment: nil))
    }

    func testSectionAlignment() throws {
        let site = try build(
            config(),
            [
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
        let plain = try build(
            config(), [("content/q.md", "## A\n\n## B\n\n### B1\n"), ("content/q.nl.md", "## X\n\n## Y\n")])
        let q = plain.pages.first { $0.language == "nl" }!
        XCTAssertEqual(
            plain.alignment(of: q)?.steps,
            [.matched(source: 0, translation: 0), .matched(source: 1, translation: 1), .missing(source: 2)])
    }

    /// Themes by name and modules by path: read where they are on disk (`themes/`, `_vendor/`),
    /// else listed as missing with a note, and their templates are then unknown. Hugo orders the
    /// modules of `module.imports` before those of `theme` (hugo-behaviour §8.5).
    func testThemesAndModulesOnDiskOrMissing() throws {
        var config = TestConfig(languages: ["en", "nl"])
        config.extra =
            "theme = [\"local\", \"absent\"]\n[[module.imports]]\npath = \"github.com/x/vendored\"\n"
            + "[[module.imports]]\npath = \"github.com/x/cached\""
        let site = try config.load([
            ("themes/local/layouts/shortcodes/card.html", "<div>{{ .Inner }}</div>"),
            ("_vendor/github.com/x/vendored/layouts/shortcodes/note.html", "{{/* .Inner */}}<aside></aside>"),
            ("_vendor/github.com/x/vendored/static/logo.png", ""),
            ("content/p.md", "x"),
        ])
        XCTAssertEqual(
            site.layouts.folders.map(\.path),
            ["layouts", "_vendor/github.com/x/vendored/layouts", "themes/local/layouts"])
        XCTAssertEqual(site.layouts.missingThemes, ["github.com/x/cached", "absent"])
        XCTAssertEqual(site.layouts.shortcode("card")?.usesInner, true)
        XCTAssertEqual(site.layouts.shortcode("note")?.usesInner, false)
        XCTAssertFalse(site.layouts.knowsAllTemplates)
        XCTAssertEqual(site.notices.map(\.file), ["themes/github.com/x/cached", "themes/absent"])
        XCTAssertTrue(site.notices.allSatisfy { $0.severity == .info })
        XCTAssertEqual(site.publishedTarget(path: "/logo.png"), .staticFile("/logo.png"))
    }

    /// Files and folders that cannot be read are error notices, never empty pages; the rest of
    /// the site is still read.
    func testReadErrorsBecomeNotices() throws {
        var files = MemoryFileSystem([
            "hugo.toml": TestConfig(languages: ["en", "nl"]).toml,
            "content/ok.md": "# OK", "content/locked.md": "# Locked", "content/private/a.md": "# A",
            "layouts/shortcodes/box.html": "{{ .Inner }}", "static/logo.png": "",
        ])
        files.failures = [
            "content/locked.md": "Permission denied", "content/private": "Permission denied",
            "layouts/shortcodes/box.html": "Input/output error",
        ]
        let site = try SiteLoader.load(files)
        XCTAssertEqual(site.pages.map(\.path), ["content/ok.md"])
        XCTAssertEqual(
            site.notices.map(\.file).sorted(), ["content/locked.md", "content/private", "layouts/shortcodes/box.html"])
        XCTAssertTrue(site.notices.allSatisfy { $0.severity == .error })
        XCTAssertTrue(site.notices.allSatisfy { $0.message.contains("cannot read it (") })
        XCTAssertNil(site.layouts.shortcode("box")?.usesInner, "an unreadable template is unknown, not empty")
        XCTAssertFalse(site.layouts.knowsAllTemplates)
        // An unreadable configuration stops the load with a located error.
        var broken = files
        broken.failures["hugo.toml"] = "Permission denied"
        XCTAssertThrowsError(try SiteLoader.load(broken)) { error in
            XCTAssertEqual("\(error)", "hugo.toml: error: cannot read the file: Permission denied")
        }
    }

    /// Settings Hugo accepts never stop twc-lint; those the model does not follow are listed with a
    /// reason (hugo-behaviour §3). `.html` content Hugo 0.168 would refuse is read, with a note.
    func testUnmodelledSettingsAreListedNotRefused() throws {
        let files = [
            (
                "hugo.toml",
                """
                _merge = "deep"
                baseURL = "https://example.org/"
                disablePathToLower = true
                removePathAccents = true
                disableAliases = true
                segments = { docs = { } }
                [outputs]
                _merge = "shallow"
                page = ["json"]
                home = ["html", "rss"]
                [permalinks.page]
                posts = "/:translationBaseName/"
                [frontmatter]
                _merge = "none"
                date = { key = "date" }
                [languages]
                _merge = "deep"
                [languages.en]
                weight = 1
                [languages.nl]
                weight = 2
                disableKinds = ["rss"]
                [[module.mounts]]
                source = "docs"
                target = "content"
                """
            ),
            ("content/page.html", "---\ntitle: HTML\n---\n<h2 id=\"x\">X</h2>\n"),
        ]
        let site = try SiteLoader.load(MemoryFileSystem(Dictionary(uniqueKeysWithValues: files)))
        let reasons = site.config.unmodelled.joined(separator: "\n")
        for key in [
            "disablePathToLower:", "removePathAccents:", "disableAliases:", "segments:", "outputs.page:",
            "languages.nl.disableKinds:",
            "permalinks: the pattern \"/:translationBaseName/\"",
        ] {
            XCTAssertTrue(reasons.contains(key), "\(key) in \(reasons)")
        }
        // A content mount whose folder does not exist: Hugo skips it and mounts `content` again.
        XCTAssertTrue(
            site.notices.contains { $0.file == "docs" && $0.message.contains("does not exist: Hugo skips the mount") })
        XCTAssertFalse(reasons.contains("outputs.home"), "HTML is there")
        XCTAssertEqual(site.config.languageKeys, ["en", "nl"], "_merge is not a language")
        XCTAssertEqual(site.config.dateChains.date, [], "a chain that is a table is empty")
        XCTAssertTrue(site.config.permalinks.isEmpty)
        let page = try XCTUnwrap(site.pages.first { $0.path == "content/page.html" })
        XCTAssertEqual(page.url, "/page/")
        XCTAssertEqual(page.anchors, ["x"])
        XCTAssertTrue(page.headings.isEmpty)
        XCTAssertTrue(site.notices.contains { $0.file == "content/page.html" && $0.message.contains("allowContent") })
    }

    /// The site's own hooks are executed for each link: a GetPage hook sends `join` to the page;
    /// an image hook that processes the image is not followed (unknown, with a note naming why);
    /// a hook that does not parse is named too.
    func testRenderHooksAreEvaluatedAndWhatIsNotKnownIsNamed() throws {
        let files = MemoryFileSystem([
            "hugo.toml": TestConfig(languages: ["en", "nl"]).toml,
            "layouts/_default/_markup/render-link.html": """
            {{ $h := .Destination }}{{ with .Page.GetPage .Destination }}{{ $h = .RelPermalink }}{{ end }}\
            <a href="{{ $h }}">{{ .Text }}</a>
            """,
            "layouts/_default/_markup/render-image.html": """
            {{ with .Page.Resources.Get .Destination }}<img src="{{ (.Resize "10x").RelPermalink }}">\
            {{ else }}<img src="{{ .Destination }}">{{ end }}
            """,
            "layouts/partials/broken.html": "{{ if }}",
            "content/join.md": "# Join", "content/about/index.md": "[a](join) [b](nope) ![c](p.png) ![d](q.png)",
            "content/about/p.png": "",
        ])
        let site = try SiteLoader.load(files)
        let about = try XCTUnwrap(site.pages.first { $0.path == "content/about/index.md" })
        let join = try XCTUnwrap(site.pages.first { $0.path == "content/join.md" })
        let targets = about.links.indices.map { site.target(ofLink: $0, in: about) }
        XCTAssertEqual(
            targets,
            [
                .page(join.index, fragment: nil), .unresolved(path: "/about/nope", fragment: nil), .unknown,
                .unresolved(path: "/about/q.png", fragment: nil),
            ])
        XCTAssertEqual(
            site.notices.map(\.message),
            [
                "twc-lint could not compute what this render hook writes for 1 image (it depends on `field .Resize`), so it is not checked",
                "twc-lint cannot parse this template, so what it writes is not followed",
            ])
        XCTAssertEqual(
            site.notices.map(\.file),
            ["layouts/_default/_markup/render-image.html", "layouts/partials/broken.html"])
    }
    /// A section's hook renders the pages below the section (checked with Hugo 0.168: the deepest
    /// section wins, its `_index` included). Hooks Hugo picks by language or output format are not
    /// modelled: links are not checked, and a note lists the hooks.
    func testHookVariantsAreNotGuessed() throws {
        var files = MemoryFileSystem([
            "hugo.toml": TestConfig(languages: ["en", "nl"]).toml,
            "layouts/_markup/render-link.html": "<a href=\"{{ .Destination }}\">{{ .Text }}</a>",
            "layouts/docs/_markup/render-link.html": "<a href=\"/docs/{{ .Destination }}\">{{ .Text }}</a>",
            "layouts/docs/specs/_markup/render-link.html": "<a href=\"/specs/{{ .Destination }}\">{{ .Text }}</a>",
            "content/docs/a.md": "[x](nope)", "content/docs/specs/_index.md": "[x](nope)", "content/b.md": "[x](nope)",
        ])
        var site = try SiteLoader.load(files)
        func target(_ path: String) throws -> LinkTarget {
            let page = try XCTUnwrap(site.pages.first { $0.path == path })
            return site.target(ofLink: 0, in: page)
        }
        XCTAssertEqual(try target("content/docs/a.md"), .unresolved(path: "/docs/nope", fragment: nil))
        XCTAssertEqual(try target("content/docs/specs/_index.md"), .unresolved(path: "/specs/nope", fragment: nil))
        XCTAssertEqual(try target("content/b.md"), .unresolved(path: "/b/nope", fragment: nil))
        XCTAssertEqual(site.notices, [])
        files.files["layouts/_markup/render-link.nl.html"] = Array("<a href=\"x\">{{ .Text }}</a>".utf8)
        site = try SiteLoader.load(files)
        XCTAssertEqual(try target("content/docs/a.md"), .unknown)
        XCTAssertEqual(site.layouts.hookVariants["link"]?.first, "layouts/_markup/render-link.html")
        XCTAssertEqual(site.notices.count, 1)
        XCTAssertTrue(site.notices[0].message.hasPrefix("the site has several link render hooks ("))
    }
    /// Modules found where Hugo finds them: `module.replacements` (relative to themesDir), a
    /// go.mod `replace` with a local folder, a `use` folder of the `module.workspace` file.
    func testModulesAreFoundWhereHugoFindsThem() throws {
        var config = TestConfig(languages: ["en", "nl"])
        config.extra = """
            [module]
              workspace = "hugo.work"
              replacements = "github.com/c/three -> ../local/three"
              [[module.imports]]
                path = "github.com/a/one"
              [[module.imports]]
                path = "github.com/b/two"
              [[module.imports]]
                path = "github.com/c/three"
              [[module.imports]]
                path = "github.com/d/absent"
            """
        let files = MemoryFileSystem([
            "hugo.toml": config.toml,
            "go.mod": "module example.org/site\n\nreplace (\n\tgithub.com/a/one v1.2.0 => ./vendored/one // local\n)\n",
            "hugo.work": "go 1.22\n\nuse ./mods/two\n",
            "mods/two/go.mod": "module github.com/b/two\n",
            "vendored/one/layouts/shortcodes/one.html": "1",
            "mods/two/layouts/shortcodes/two.html": "2",
            "local/three/layouts/shortcodes/three.html": "3",
            "content/p.md": "{{< one >}} {{< two >}} {{< three >}}",
        ])
        let site = try SiteLoader.load(files)
        XCTAssertEqual(
            site.layouts.folders.map(\.path),
            ["layouts", "vendored/one/layouts", "mods/two/layouts", "local/three/layouts"])
        XCTAssertEqual(site.layouts.missingThemes, ["github.com/d/absent"])
        XCTAssertNotNil(site.layouts.shortcode("three"))
    }
    /// `ref`/`relref` in a template: Hugo's lookup from the page; REF_NOT_FOUND stops Hugo's
    /// build, so what it would write is unknown.
    func testRefInTemplates() throws {
        let files = MemoryFileSystem([
            "hugo.toml": TestConfig(languages: ["en", "nl"]).toml,
            "layouts/_markup/render-link.html": """
            <a href="{{ relref .Page (dict "path" .Destination "lang" "nl") }}">{{ .Text }}</a>
            """,
            "content/join.md": "# Join", "content/join.nl.md": "# Doe mee\n\n## Formulier",
            "content/p.md": "[a](join) [b](join#formulier) [c](nope)",
        ])
        let site = try SiteLoader.load(files)
        let page = try XCTUnwrap(site.pages.first { $0.path == "content/p.md" })
        let join = try XCTUnwrap(site.pages.first { $0.path == "content/join.nl.md" })
        XCTAssertEqual(
            page.links.indices.map { site.target(ofLink: $0, in: page) },
            [.page(join.index, fragment: nil), .page(join.index, fragment: "formulier"), .unknown])
    }
    /// A static `_redirects` file (Netlify's rules) sends links to paths where nothing is
    /// published on: exact paths with or without the slash, `:name` and `*`/`:splat`, external
    /// targets; a 4xx rule leaves the link broken, a rule with conditions leaves it open; a chain
    /// is followed as a browser follows it, a loop is broken. A `_redirects` written by a template leaves every missing path open
    /// (hugo-behaviour §2.8).
    /// `HUGO_THEMESDIR`, `HUGO_THEME` ... from the process environment win over the files, as
    /// in Hugo (hugo-behaviour §3).
    func testEnvironmentOverrides() throws {
        let files = MemoryFileSystem([
            "hugo.toml": "baseURL = \"https://example.org/\"\ntheme = \"t\"\nthemesDir = \"../..\"\n",
            "themes/t/layouts/_default/single.html": "x",
        ])
        let plain = try SiteConfigLoader.load(files, environment: "production", overrides: [:])
        XCTAssertEqual(plain.themesDir, "../..")
        let overridden = try SiteConfigLoader.load(
            files, environment: "production", overrides: ["themesDir": "themes", "baseURL": "https://example.net/"])
        XCTAssertEqual(overridden.themesDir, "themes")
        XCTAssertEqual(overridden.baseURL(for: "en"), "https://example.net/")
        XCTAssertEqual(SiteConfigLoader.relativePath(from: "/srv/site", to: "/srv/themes"), "../themes")
        XCTAssertEqual(SiteConfigLoader.relativePath(from: "/srv/site", to: "/srv/site/themes"), "themes")
    }

    func testServerRedirects() throws {
        let redirects = """
            # comment
            /old            /new/#top
            /blog/*         /posts/:splat   301!
            /people/:name/  /team/:name/    302
            /gone/*         /404.html       404
            /lang/          /nl/            302  Language=nl
            /ext/           https://example.net/x
            /chain/         /old/
            /loop/          /loop2/
            /loop2/         /loop/
            /moved/         /new/           301!
            /kept/          /new/           301
            """
        let links =
            "[a](/old/) [b](/blog/a/) [c](/people/ann/) [d](/gone/x/) [e](/lang/) [f](/ext/) [g](/chain/) [h](/loop/)"
            + " [i](/moved/#x) [j](/kept/)"
        var config = TestConfig(languages: ["en"])
        let site = try config.load([
            ("static/_redirects", redirects), ("content/new.md", "# New\n"), ("content/posts/a.md", "# A\n"),
            ("content/team/ann.md", "# Ann\n"), ("content/p.md", links + "\n"),
            // Published, but a forced rule sends every request on; an unforced one does not.
            ("content/moved.md", "# Moved\n"), ("content/kept.md", "# Kept\n"),
        ])
        let page = try XCTUnwrap(site.pages.first { $0.path == "content/p.md" })
        let targets = page.links.indices.map { site.target(ofLink: $0, in: page) }
        func index(_ path: String) -> Int { site.pages.first { $0.path == path }!.index }
        XCTAssertEqual(
            targets,
            [
                .page(index("content/new.md"), fragment: "top"), .page(index("content/posts/a.md"), fragment: nil),
                .page(index("content/team/ann.md"), fragment: nil), .unresolved(path: "/gone/x/", fragment: nil),
                .maybeRedirected(path: "/lang/", fragment: nil), .external("https://example.net/x"),
                .page(index("content/new.md"), fragment: "top"), .unresolved(path: "/loop/", fragment: nil),
                .page(index("content/new.md"), fragment: "x"), .page(index("content/kept.md"), fragment: nil),
            ])
        config.extra = "[outputFormats.redirects]\nbaseName = \"_redirects\"\nmediaType = \"text/plain\"\n"
        let templated = try config.load([("content/p.md", "[a](/nowhere/)\n")])
        XCTAssertEqual(templated.config.redirectsOutputFormat, "redirects")
        XCTAssertEqual(
            templated.target(ofLink: 0, in: templated.pages[0]), .maybeRedirected(path: "/nowhere/", fragment: nil))
        XCTAssertEqual(templated.uncheckedLinks.count, 1)
    }

    /// What a shortcode that writes nothing (Hugo's `comment`) encloses is not on the page (no
    /// headings, no links); a
    /// `{{% %}}` shortcode whose template may write a Markdown heading leaves the page's anchors
    /// open (hugo-behaviour §5.3).
    func testShortcodesAndTheHeadingsOfAPage() throws {
        let site = try TestConfig(languages: ["en"]).load([
            ("layouts/shortcodes/intro.html", "## Introduction\n\n{{ .Get 0 }}\n"),
            ("layouts/shortcodes/note.html", "<div class=\"note\">\n{{ .Inner }}\n</div>\n"),
            ("layouts/shortcodes/include.html", "{{ readFile (.Get 0) }}\n"),
            (
                "content/a.md",
                "# A\n\n{{% comment %}}\n## Gone\n[x](/nowhere/)\n{{% /comment %}}\n\n{{% note %}}Hi{{% /note %}}\n"
            ),
            ("content/b.md", "# B\n\n{{% intro \"x\" %}}\n"),
            ("content/c.md", "# C\n\n{{% include \"x.md\" %}}\n"),
            ("content/d.md", "# D\n\n{{< intro \"x\" >}}\n"),
            // A site's own shortcode that writes nothing (Docsy's comment.html).
            ("layouts/shortcodes/hide.html", "{{/* nothing */}}\n{{- $noop := .Inner -}}\n"),
            ("content/e.md", "# E\n\n{{% hide %}}\n## Gone\n{{% /hide %}}\n"),
            // A shortcode whose partial writes a script, which may add ids in the browser.
            ("layouts/shortcodes/types.html", "<div data-src=\"/t.json\"></div>\n{{ partial \"script.html\" . }}\n"),
            ("layouts/partials/script.html", "<script src=\"/js/types.js\"></script>\n"),
            ("content/f.md", "# F\n\n{{< types >}}\n"),
            ("content/g.md", "# G\n\n[x](/f/#type-span) [y](/a/#none)\n"),
        ])
        func page(_ name: String) -> Page { site.pages.first { $0.path == "content/\(name).md" }! }
        XCTAssertEqual(page("a").headings.map(\.text), ["A"])
        XCTAssertEqual(page("a").links.count, 0)
        XCTAssertTrue(page("a").anchorsComplete)
        XCTAssertFalse(site.layouts.shortcode("note")!.mayWriteHeadings)
        XCTAssertTrue(site.layouts.shortcode("intro")!.mayWriteHeadings)
        XCTAssertFalse(page("b").anchorsComplete)
        XCTAssertFalse(page("c").anchorsComplete)
        // Written as HTML, the shortcode's `##` is not a heading.
        XCTAssertTrue(page("d").anchorsComplete)
        XCTAssertEqual(page("e").headings.map(\.text), ["E"])
        XCTAssertTrue(site.layouts.shortcode("hide")!.writesNothing)
        XCTAssertFalse(site.layouts.shortcode("note")!.writesNothing)
        XCTAssertTrue(site.layouts.shortcode("types")!.writesScript)
        XCTAssertFalse(site.layouts.shortcode("note")!.writesScript)
        XCTAssertFalse(page("f").anchorsComplete)
        // The fragment of f is not checked, and --explain counts it; a's is.
        XCTAssertEqual(
            site.uncheckedLinks.filter { $0.reason.contains("anchors twc-lint cannot all see") }.map(\.count), [1])
    }

    /// A heading hook is executed for each level: one that writes no id for h1 leaves h1 without
    /// an anchor; one whose id cannot be computed turns off the fragment check of its pages.
    func testHeadingHooks() throws {
        var files = MemoryFileSystem([
            "hugo.toml": TestConfig(languages: ["en", "nl"]).toml,
            "layouts/_markup/render-heading.html": """
            <h{{ .Level }}>{{ .Text }}{{ if gt .Level 1 }}<span id="{{ .Anchor | safeURL }}"></span>{{ end }}</h{{ .Level }}>
            """,
            "content/p.md": "# Title\n\n## Part\n",
        ])
        var site = try SiteLoader.load(files)
        XCTAssertEqual(site.layouts.headingIDs[1], Layouts.HeadingID.none)
        XCTAssertEqual(site.layouts.headingIDs[2], .anchor)
        XCTAssertEqual(site.pages[0].headings.map(\.anchor), [nil, "part"])
        XCTAssertEqual(site.pages[0].anchors, ["part"])
        files.files["layouts/_markup/render-heading.html"] = Array(
            "<h{{ .Level }} id=\"{{ anchorize .Text }}\">{{ .Text }}</h{{ .Level }}>".utf8)
        site = try SiteLoader.load(files)
        XCTAssertEqual(site.layouts.headingIDs[3], .unknown)
        XCTAssertEqual(site.notices.count, 1)
    }

    /// `files` filters folders too, in order, the first matching pattern deciding; a language glob
    /// slice of negations alone selects every other language; a mount for no language of the
    /// site mounts nothing; one file mounted for two languages is two pages, translations of each
    /// other (hugo-behaviour §8.5; vectors checked by hand with Hugo 0.168).
    func testMountFiltersAndLanguageGlobs() throws {
        var config = TestConfig(languages: ["en", "de", "nl"])
        config.extra = """
            [[module.mounts]]
            source = "src"
            target = "content/sub-only"
            files = ["sub/*.md"]
            [[module.mounts]]
            source = "src"
            target = "content/top"
            files = ["**.md"]
            [[module.mounts]]
            source = "src"
            target = "content/legacy"
            excludeFiles = "sub/*"
            [[module.mounts]]
            source = "src"
            target = "content/first-wins"
            files = ["**.md", "! a.md"]
            [[module.mounts]]
            source = "c"
            target = "content/c"
            [module.mounts.sites.matrix]
            languages = ["! en"]
            [[module.mounts]]
            source = "c"
            target = "content/nowhere"
            lang = "es"
            """
        let page = "---\ntitle: X\n---\n[broken](/nope/)\n"
        let site = try config.load([
            ("src/a.md", page), ("src/sub/b.md", page), ("src/sub/deep/z.md", page), ("src/drafts/d.md", page),
            ("c/x.md", page), ("content/unmounted.md", page),
        ])
        let pages = site.pages.map { "\($0.language) \($0.url) \($0.path)" }.sorted()
        XCTAssertEqual(
            pages,
            [
                "de /de/c/x/ c/x.md", "en /first-wins/a/ src/a.md", "en /legacy/a/ src/a.md",
                "en /legacy/drafts/d/ src/drafts/d.md", "en /sub-only/sub/b/ src/sub/b.md", "en /top/a/ src/a.md",
                "nl /nl/c/x/ c/x.md",
            ])
        XCTAssertEqual(site.pages.first { $0.path == "src/sub/b.md" }?.contentPath, "sub-only/sub/b.md")
        XCTAssertEqual(site.translations(of: site.pages.first { $0.language == "de" }!).map(\.path), ["c/x.md"])
        XCTAssertTrue(
            site.notices.contains {
                $0.message.contains("Hugo 0.168 stops with an error on module.mounts.excludeFiles")
            })
    }

    /// A content mount whose folder a script fills before the build (`tmp/…`) and which is not
    /// there: Hugo skips it; links below its target are unknown, not broken (hugo-behaviour §8.5).
    func testLinksIntoAContentMountThatIsNotThereAreUnknown() throws {
        var config = TestConfig(languages: ["en", "nl"])
        config.extra = """
            [[module.mounts]]
            source = "content"
            target = "content"
            [[module.mounts]]
            source = "tmp/specification"
            target = "content/docs/specs"
            [[module.mounts]]
            source = "tmp/roadmap.md"
            target = "content/community/roadmap.md"
            """
        let site = try config.load([
            (
                "content/docs/a.md",
                "[spec](/docs/specs/trace/#api) [other](/docs/other/) [roadmap](/community/roadmap/)\n"
            )
        ])
        let page = try XCTUnwrap(site.pages.first)
        XCTAssertEqual(site.target(ofLink: 0, in: page), .unknown)
        XCTAssertEqual(site.target(ofLink: 1, in: page), .unresolved(path: "/docs/other/", fragment: nil))
        XCTAssertEqual(site.target(ofLink: 2, in: page), .unknown)
        XCTAssertTrue(site.notices.contains { $0.file == "tmp/specification" && $0.message.contains("not checked") })
    }
}
