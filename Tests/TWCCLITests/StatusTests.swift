import Foundation
import TWCSite
import TWCTestSupport
import XCTest

@testable import TWCCLI

/// `twc-lint status`: per language and section, how many source pages are translated, outdated,
/// draft, missing (or not required), which, in four formats; exit status 0, 2 on usage errors.
final class StatusTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "twc-status-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }

    func page(_ title: String, _ extra: String = "") -> String {
        "---\ntitle: \"\(title)\"\n\(extra)---\nText.\n"
    }

    /// en (source), nl and de. en: home, about, docs/_index, docs/a, docs/b, and a draft (not a
    /// source page). nl: everything, docs/b a draft. de: about and docs/a, docs/_index scheduled
    /// for 2099, the rest missing; and a page only de has (not counted).
    func writeSite() throws {
        try write(
            "hugo.toml",
            """
            baseURL = "https://example.org/"
            defaultContentLanguage = "en"
            [languages.en]
            weight = 1
            label = "English"
            [languages.nl]
            weight = 2
            label = "Nederlands"
            [languages.de]
            weight = 3

            """)
        try write("content/_index.md", page("Home"))
        try write("content/_index.nl.md", page("Thuis"))
        try write("content/about.md", page("About"))
        try write("content/about.nl.md", page("Over"))
        try write("content/about.de.md", page("Über"))
        try write("content/docs/_index.md", page("Docs"))
        try write("content/docs/_index.nl.md", page("Documentatie"))
        try write("content/docs/_index.de.md", page("Doku", "date: 2099-01-01\n"))
        try write("content/docs/a.md", page("A"))
        try write("content/docs/a.nl.md", page("A nl"))
        try write("content/docs/a.de.md", page("A de"))
        try write("content/docs/b.md", page("B"))
        try write("content/docs/b.nl.md", page("B nl", "draft: true\n"))
        try write("content/wip.md", page("Work in progress", "draft: true\n"))
        try write("content/wip.nl.md", page("Werk"))
        try write("content/nur.de.md", page("Nur Deutsch"))
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let run = ToolRun.run(["status"] + arguments + ["--format", "json"], directory: root)
        XCTAssertEqual(run.status, 0, run.errors)
        return try XCTUnwrap(run.json, run.output + run.errors)
    }

    func language(_ report: [String: Any], _ key: String) throws -> [String: Any] {
        let languages = try XCTUnwrap(report["languages"] as? [[String: Any]])
        return try XCTUnwrap(languages.first { $0["language"] as? String == key }, "no \(key)")
    }

    func counts(_ object: Any?) throws -> [String: Int] {
        try XCTUnwrap(object as? [String: Int], "\(String(describing: object))")
    }

    // MARK: counts

    /// The seed site by hand: en has seven published pages (home, about, archive/about-2025-03,
    /// events, join, palestine, resources/organize); nl has all but the archive page.
    func testSeedSiteCounts() throws {
        let run = ToolRun.run(["status", "fixtures/twc-site", "--format", "json"], directory: Paths.packageRoot)
        XCTAssertEqual(run.status, 0, run.errors)
        let report = try XCTUnwrap(run.json, run.output)
        XCTAssertEqual(report["sourceLanguage"] as? String, "en")
        XCTAssertEqual(report["sourcePages"] as? Int, 7)
        XCTAssertEqual(report["outdatedKnown"] as? Bool, false, "its .twc-lint.toml turns translation-outdated off")
        let nl = try language(report, "nl")
        XCTAssertEqual(nl["label"] as? String, "Nederlands")
        let total = try counts(nl["total"])
        XCTAssertEqual(total["translated", default: -1] + total["outdated", default: -1], 6)
        XCTAssertEqual(total["missing"], 1)
        XCTAssertEqual(total["draft"], 0)
        XCTAssertEqual(total["notRequired"], 0)
        XCTAssertEqual(total["total"], 7)
        let sections = try XCTUnwrap(nl["sections"] as? [[String: Any]])
        XCTAssertEqual(sections.map { $0["section"] as? String }, ["/", "archive", "events", "resources"])
        XCTAssertEqual(sections.map { $0["total"] as? Int }, [4, 1, 1, 1])
        XCTAssertEqual(sections[1]["missing"] as? Int, 1)
        let pages = try XCTUnwrap(nl["pages"] as? [[String: Any]])
        XCTAssertEqual(pages.count, 7)
        let missing = try XCTUnwrap(pages.first { $0["state"] as? String == "missing" })
        XCTAssertEqual(
            (missing["source"] as? [String: Any])?["file"] as? String,
            "fixtures/twc-site/content/archive/about-2025-03.md")
        XCTAssertTrue(missing["translation"] is NSNull)
    }

    func testDraftAndMissingTranslationsPerSection() throws {
        try writeSite()
        let report = try json(["."])
        XCTAssertEqual(report["sourcePages"] as? Int, 5, "the en draft is no source page")
        XCTAssertEqual((report["languages"] as? [[String: Any]])?.map { $0["language"] as? String }, ["nl", "de"])
        let nl = try language(report, "nl")
        XCTAssertEqual(try counts(nl["total"])["draft"], 1)
        XCTAssertEqual(try counts(nl["total"])["missing"], 0)
        XCTAssertEqual(try counts(nl["total"])["translated"], 4)
        let de = try language(report, "de")
        let deTotal = try counts(de["total"])
        XCTAssertEqual(deTotal["translated"], 2)
        XCTAssertEqual(deTotal["draft"], 1, "docs/_index.de.md is scheduled")
        XCTAssertEqual(deTotal["missing"], 2, "home and docs/b")
        XCTAssertEqual(deTotal["total"], 5, "the de-only page is not counted")
        let sections = try XCTUnwrap(de["sections"] as? [[String: Any]])
        XCTAssertEqual(sections.map { $0["section"] as? String }, ["/", "docs"])
        // `/`: home (missing), about (translated); docs: _index (draft), a (translated), b (missing).
        XCTAssertEqual(sections[0]["missing"] as? Int, 1)
        XCTAssertEqual(sections[0]["translated"] as? Int, 1)
        XCTAssertEqual(sections[1]["draft"] as? Int, 1)
        XCTAssertEqual(sections[1]["missing"] as? Int, 1)
        XCTAssertEqual(sections[1]["total"] as? Int, 3)
        let draft = try XCTUnwrap(
            (de["pages"] as? [[String: Any]])?.first { $0["state"] as? String == "draft" })
        let translation = try XCTUnwrap(draft["translation"] as? [String: Any])
        XCTAssertEqual(translation["file"] as? String, "content/docs/_index.de.md")
        XCTAssertEqual(translation["published"] as? Bool, false)
        XCTAssertTrue(translation["url"] is NSNull)
        XCTAssertTrue(
            (translation["reason"] as? String)?.hasPrefix("scheduled for 2099-01-01") ?? false, "\(translation)")
        XCTAssertEqual((draft["source"] as? [String: Any])?["url"] as? String, "/docs/")

        // The text lists the pages per state with their files.
        let text = ToolRun.run(["status"], directory: root)
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.output.contains("de: 2 of 5 translated (40%)"), text.output)
        XCTAssertTrue(
            text.output.contains(
                "  draft (1):\n    content/docs/_index.md  \"Docs\"\n      de: content/docs/_index.de.md, scheduled for 2099"
            ),
            text.output)
        XCTAssertTrue(
            text.output.contains("  missing (2):\n    content/_index.md  \"Home\"\n    content/docs/b.md  \"B\"\n"),
            text.output)
        let outdated = "-"  // not in git
        XCTAssertTrue(
            text.output.contains("  docs              1         \(outdated)      1        1      3\n"), text.output)
    }

    /// `[requiredContent]`: a page a language need not have and does not have is "not required",
    /// not missing; one it has counts as usual.
    func testPagesNotRequiredAreCountedApart() throws {
        try writeSite()
        try write(".twc-lint.toml", "[requiredContent]\nde = [\"/docs\"]\n")
        let de = try language(try json([]), "de")
        let total = try counts(de["total"])
        XCTAssertEqual(total["notRequired"], 1, "the home page")
        XCTAssertEqual(total["missing"], 1, "docs/b")
        XCTAssertEqual(total["translated"], 2, "about is translated though not required")
        let text = ToolRun.run(["status"], directory: root).output
        XCTAssertTrue(text.contains("section  translated  outdated  draft  missing  not required  total"), text)
        XCTAssertTrue(text.contains(", 1 missing, 1 not required\n"), text)
    }

    /// The counting takes the outdated translations as a set of files: an outdated page is counted
    /// as outdated and not as translated; an unpublished one stays a draft.
    func testOutdatedSetIsCountedAsOutdated() throws {
        let site = try TestConfig(languages: ["en", "nl"]).load([
            ("content/a.md", page("A")), ("content/a.nl.md", page("A nl")),
            ("content/b.md", page("B")), ("content/b.nl.md", page("B nl")),
            ("content/c.md", page("C")), ("content/c.nl.md", page("C nl", "draft: true\n")),
        ])
        let plain = TranslationStatus(site, outdated: [])
        XCTAssertEqual(plain.languages.map(\.key), ["nl"])
        XCTAssertEqual(plain.languages[0].total.translated, 2)
        XCTAssertEqual(plain.languages[0].total.outdated, 0)
        let status = TranslationStatus(site, outdated: ["content/a.nl.md", "content/c.nl.md"])
        let nl = status.languages[0]
        XCTAssertEqual(nl.total.outdated, 1)
        XCTAssertEqual(nl.total.translated, 1)
        XCTAssertEqual(nl.total.draft, 1, "a draft stays a draft")
        XCTAssertEqual(nl.total.total, 3)
        XCTAssertEqual(nl.entries(.outdated).map { site.pages[$0.source].path }, ["content/a.md"])
        XCTAssertEqual(nl.entries(.outdated).map { $0.translation.map { site.pages[$0].path } }, ["content/a.nl.md"])

        // Reported with numbers once the rule ran.
        let report = StatusReport(
            site: site, status: status, name: "site", outdatedKnown: true, notes: [], file: { $0.path })
        let text = report.text()
        XCTAssertTrue(text.contains("nl: 1 of 3 translated (33%), 1 outdated, 1 draft, 0 missing\n"), text)
        XCTAssertTrue(text.contains("  /                 1         1      1        0      3\n"), text)
        XCTAssertTrue(text.contains("  outdated (1):\n    content/a.md  \"A\"\n      nl: content/a.nl.md\n"), text)
        XCTAssertFalse(text.contains("not known"))
        let html = report.html()
        XCTAssertTrue(html.contains("class=\"seg outdated\""), "the bar has an outdated segment")
        XCTAssertTrue(html.contains("Outdated <strong>1</strong>"))
        let markdown = report.markdown()
        XCTAssertTrue(markdown.contains("| `/` | 1 | 1 | 1 | 0 | 3 |\n"), markdown)
    }

    /// Outside git, outdated is not known, and every format says so.
    func testOutdatedNotKnownOutsideGit() throws {
        try writeSite()
        let note =
            "outdated: not known (the site is not in a git repository (or git is not installed): whether "
            + "translations are out of date is not checked)"
        let text = ToolRun.run(["status"], directory: root).output
        XCTAssertTrue(text.contains("note: \(note)\n"), text)
        XCTAssertTrue(text.contains("nl (Nederlands): 4 of 5 translated (80%), 1 draft, 0 missing\n"), text)
        let report = try json([])
        XCTAssertEqual(report["notes"] as? [String], [note])
        XCTAssertEqual(report["outdatedKnown"] as? Bool, false)
        XCTAssertTrue(ToolRun.run(["status", "--format", "markdown"], directory: root).output.contains(note))
        XCTAssertTrue(ToolRun.run(["status", "--format", "html"], directory: root).output.contains(note))
    }

    func testSourceLanguageOptionAndScope() throws {
        try writeSite()
        let fromDutch = try json(["--source-language", "nl"])
        XCTAssertEqual(fromDutch["sourceLanguage"] as? String, "nl")
        XCTAssertEqual(fromDutch["sourcePages"] as? Int, 5, "nl publishes 5 pages (docs/b is a draft)")
        let en = try language(fromDutch, "en")
        XCTAssertEqual(try counts(en["total"])["draft"], 1, "wip.md is an en draft")
        // A folder inside the site: only its pages.
        let docs = try json(["content/docs"])
        XCTAssertEqual(docs["sourcePages"] as? Int, 3)
        XCTAssertEqual(
            (try language(docs, "nl")["sections"] as? [[String: Any]])?.map { $0["section"] as? String }, ["docs"])
    }

    // MARK: formats

    func testJSONHasTheDocumentedKeys() throws {
        try writeSite()
        let report = try json([])
        XCTAssertEqual(
            Set(report.keys),
            ["version", "site", "sourceLanguage", "sourcePages", "outdatedKnown", "notes", "languages"])
        XCTAssertEqual(report["version"] as? Int, 1)
        let nl = try language(report, "nl")
        XCTAssertEqual(Set(nl.keys), ["language", "label", "total", "sections", "pages"])
        XCTAssertEqual(
            Set(try counts(nl["total"]).keys), ["translated", "outdated", "draft", "missing", "notRequired", "total"])
        let entry = try XCTUnwrap((nl["pages"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(entry.keys), ["state", "section", "source", "translation"])
        XCTAssertEqual(
            Set(try XCTUnwrap(entry["source"] as? [String: Any]).keys), ["file", "title", "url", "published", "reason"])
    }

    func testMarkdownTables() throws {
        try writeSite()
        let run = ToolRun.run(["status", "--format", "markdown"], directory: root)
        XCTAssertEqual(run.status, 0)
        let lines = run.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "## Translation status of \(URL(fileURLWithPath: root).lastPathComponent)")
        XCTAssertEqual(lines.filter { $0.hasPrefix("| Section |") }.count, 2, "a table per language")
        XCTAssertTrue(lines.contains("### de"), run.output)
        let outdated = "–"  // not in git
        XCTAssertTrue(lines.contains("|:--|--:|--:|--:|--:|--:|"), run.output)
        XCTAssertTrue(lines.contains("| `docs` | 1 | \(outdated) | 1 | 1 | 3 |"), run.output)
        XCTAssertTrue(lines.contains("| **Total** | **2** | **\(outdated)** | **1** | **2** | **5** |"), run.output)
        XCTAssertTrue(lines.contains("- B — `content/docs/b.md`"), run.output)
        XCTAssertTrue(
            lines.contains {
                $0.hasPrefix("- Docs — `content/docs/_index.md` → `content/docs/_index.de.md`, scheduled for 2099")
            }, run.output)
    }

    func testHTMLIsOneSelfContainedPageWithEscapedText() throws {
        try writeSite()
        try write("content/x.md", page("<script>alert(1)</script> & \\\"q\\\""))
        let run = ToolRun.run(["status", "--format", "html"], directory: root)
        XCTAssertEqual(run.status, 0, run.errors)
        let html = run.output
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        XCTAssertFalse(html.contains("<script"), "page text is escaped")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"))
        // Nothing loaded from elsewhere: no src at all, no stylesheet link, links only to site paths
        // and fragments.
        XCTAssertFalse(html.contains("src="))
        XCTAssertFalse(html.contains("<link"))
        XCTAssertFalse(html.contains("url("), "no CSS resources")
        XCTAssertFalse(html.contains("@import"))
        let hrefs = Self.matches(of: "href=\"([^\"]*)\"", in: html)
        XCTAssertFalse(hrefs.isEmpty)
        for href in hrefs {
            XCTAssertTrue(href.hasPrefix("#") || (href.hasPrefix("/") && !href.hasPrefix("//")), href)
        }
        XCTAssertTrue(hrefs.contains("/docs/b/"), "a missing page links to its source")
        XCTAssertTrue(hrefs.contains("#lang-de"))
        // Tables have headers, bars an accessible name, every state a text label beside its colour.
        XCTAssertTrue(html.contains("<th scope=\"col\">Section</th>"))
        XCTAssertTrue(html.contains("role=\"img\" aria-label=\"de: translated 2 of 6 (33%)"), html)
        XCTAssertTrue(html.contains("@media (prefers-color-scheme: dark)"))
        for label in ["Translated", "Draft", "Missing"] {
            XCTAssertTrue(html.contains("aria-hidden=\"true\"></span>\(label)"), label)
        }
        XCTAssertEqual(try Self.unbalancedTags(html), [], "every element is closed, in order")
    }

    // MARK: exit status and usage

    func testExitStatusAndUsageErrors() throws {
        try writeSite()
        XCTAssertEqual(ToolRun.run(["status"], directory: root).status, 0, "missing pages do not fail")
        let cases: [([String], String)] = [
            (["status", "--format", "sarif"], "--format: status writes text, json, markdown or html, not 'sarif'"),
            (["status", "a", "b"], "status takes at most one PATH; unexpected 'b'"),
            (["status", "--select", "mojibake"], "--select is an option of check"),
            (["status", "--baseline", "x"], "--baseline is an option of check"),
            (["check", "--format", "markdown"], "--format: markdown is a format of status only, not of check"),
            (["--format", "html"], "--format: html is a format of status only, not of check"),
            (["dump", "x.md", "--format", "html"], "--format: html is a format of status only, not of dump"),
            (["status", "--source-language", "fr"], "source language 'fr' is not a language of the site"),
            (["status", "nowhere"], "no such file or directory"),
        ]
        for (arguments, message) in cases {
            let run = ToolRun.run(arguments, directory: root)
            XCTAssertEqual(run.status, 2, arguments.joined(separator: " "))
            XCTAssertTrue(run.errors.contains(message), "\(arguments): \(run.errors)")
        }
        let json = ToolRun.run(["status", "nowhere", "--format", "json"], directory: root)
        XCTAssertEqual(json.status, 2)
        XCTAssertEqual((json.json?["error"] as? [String: Any])?["file"] as? String, "nowhere", json.output)
        let broken = ToolRun.run(["status", "--format", "json", "--config", "missing.toml"], directory: root)
        XCTAssertEqual(broken.status, 2)
        XCTAssertNotNil(broken.json?["error"], broken.output)
    }

    /// One site per report; paths relative to `--relative-to`.
    func testOneSiteAndRelativePaths() throws {
        try FileManager.default.createDirectory(atPath: root + "/repo", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Paths.seedSite, toPath: root + "/repo/one")
        let single = ToolRun.run(["status", "repo", "--relative-to", "repo/one"], directory: root)
        XCTAssertEqual(single.status, 0, single.errors)
        XCTAssertTrue(single.output.contains("\n    content/archive/about-2025-03.md  \"About\"\n"), single.output)
        try FileManager.default.copyItem(atPath: Paths.seedSite, toPath: root + "/repo/two")
        let two = ToolRun.run(["status", "repo"], directory: root)
        XCTAssertEqual(two.status, 2)
        XCTAssertTrue(two.errors.contains("status reports on one site; name one of: repo/one, repo/two"), two.errors)
    }

    func testOutputFileAndHelp() throws {
        try writeSite()
        let run = ToolRun.run(["status", "--format", "html", "--output-file", "status.html"], directory: root)
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertEqual(run.output, "")
        let written = try String(contentsOfFile: root + "/status.html", encoding: .utf8)
        XCTAssertTrue(written.hasPrefix("<!DOCTYPE html>"))
        let help = ToolRun.run(["status", "--help"])
        XCTAssertEqual(help.status, 0)
        for word in ["translated ", "outdated ", "draft ", "missing ", "not required ", "--format <format>"] {
            XCTAssertTrue(help.output.contains(word), word)
        }
        XCTAssertTrue(ToolRun.run(["help"]).output.contains("  status "))
    }

    // MARK: helpers

    static func matches(of pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    /// The elements of `html` that are not closed, or closed out of order (void elements need no
    /// end tag; the style element's text is skipped).
    static func unbalancedTags(_ html: String) throws -> [String] {
        let void: Set<String> = ["meta", "br", "link", "img", "input", "hr", "wbr", "col", "source", "area", "base"]
        var open: [String] = []
        var problems: [String] = []
        var rest = html[...]
        while let start = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: start)...]
            guard let end = rest.firstIndex(of: ">") else {
                problems.append("unterminated tag")
                break
            }
            let tag = rest[..<end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("!") { continue }
            let closing = tag.hasPrefix("/")
            let name = String(tag.dropFirst(closing ? 1 : 0).prefix { $0.isLetter || $0.isNumber }).lowercased()
            if closing {
                if open.last == name {
                    open.removeLast()
                } else {
                    problems.append("</\(name)> closes <\(open.last ?? "nothing")>")
                }
            } else if !void.contains(name) {
                open.append(name)
                if name == "style", let close = rest.range(of: "</style>") {
                    rest = rest[close.lowerBound...]
                }
            }
        }
        return problems + open.map { "<\($0)> not closed" }
    }
}
