import Foundation
import XCTest

final class CommandLineTests: XCTestCase {
    func testTextOutputLooksLikeACompiler() throws {
        let run = ToolRun.run([Paths.seedSite], directory: Paths.packageRoot)
        XCTAssertEqual(run.status, 1)
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try XCTUnwrap(lines.firstIndex { $0.contains("'#bestaande-initiativen'") })
        XCTAssertTrue(lines[header].hasPrefix("fixtures/twc-site/content/palestine/index.nl.md:"), lines[header])
        XCTAssertTrue(lines[header].contains(": error: "), lines[header])
        XCTAssertTrue(lines[header].hasSuffix("[broken-anchor]"), lines[header])
        // Source line, then a caret underline under exactly the fragment.
        XCTAssertTrue(lines[header + 1].contains("[bestaande-initiatieven](#bestaande-initiativen)"))
        let sourceLine = lines[header + 1]
        let underline = lines[header + 2]
        let fragmentColumn = try XCTUnwrap(sourceLine.range(of: "bestaande-initiativen)")).lowerBound
        let caretColumn = try XCTUnwrap(underline.firstIndex(of: "^"))
        XCTAssertEqual(
            sourceLine.distance(from: sourceLine.startIndex, to: fragmentColumn),
            underline.distance(from: underline.startIndex, to: caretColumn))
        XCTAssertTrue(
            underline.hasSuffix("^" + String(repeating: "~", count: "bestaande-initiativen".count - 1)), underline)
        XCTAssertFalse(run.output.contains("\u{1B}["), "no colour when not on a terminal")
        XCTAssertTrue(lines.contains { $0.hasPrefix("twc-lint: ") && $0.contains("error") && $0.contains("warning") })
    }

    /// `--explain` lists what was not modelled and what that leaves unchecked; on the seed site,
    /// everything is modelled.
    func testExplain() throws {
        XCTAssertTrue(
            ToolRun.run([Paths.seedSite, "--explain"]).output.hasSuffix(
                "twc-lint modelled everything it checks on this site.\n"))
        let root = NSTemporaryDirectory() + "twc-explain-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = [
            "hugo.toml": "baseURL = \"https://example.org/\"\ndisablePathToLower = true\ntheme = \"absent\"\n",
            "layouts/_markup/render-image.html": "<img src=\"{{ (.Page.Resources.Get .Destination).Resize \"9x\" }}\">",
            "content/p.md": "![a](a.png) [b]({{< mystery >}}) [c]({{< mystery >}})\n",
        ]
        for (path, text) in files {
            try FileManager.default.createDirectory(
                atPath: (root + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
        }
        let output = ToolRun.run([root, "--explain"]).output
        let explanation = try XCTUnwrap(output.components(separatedBy: "leaves unchecked because of it:\n").last)
        XCTAssertEqual(
            explanation.split(separator: "\n").map(String.init),
            [
                "  - the site is not in a git repository (or git is not installed): whether translations are out of "
                    + "date is not checked",
                "  - hugo.toml: disablePathToLower: Hugo keeps the case of file names in URLs; twc-lint lower-cases them",
                "  - layouts/_markup/render-image.html: twc-lint could not compute what this render hook writes for 1 image (it depends on `field .Resize`), so it is not checked",
                "  - themes/absent: theme 'absent' is not in themes/absent/ (a Hugo module or a missing submodule?): its templates, render hooks, shortcodes and static files are unknown, so what may come from them (Markdown links and images included) is not reported; check it out or vendor it (hugo mod vendor) to have it read",
                "  - 2 links whose destination is written with a shortcode other than ref/relref: broken-link, broken-anchor, cross-language-link and link-mismatch do not check them",
            ])
        XCTAssertEqual(ToolRun.run(["dump", root, "--explain"]).status, 2)
    }

    func testCounterpartNotes() {
        let run = ToolRun.run([Paths.seedSite])
        XCTAssertTrue(run.output.contains("content/palestine/index.md:"), "a note points at the English page")
        XCTAssertTrue(run.output.contains(": note: "))
    }

    func testColourOnlyOnATerminalAndNeverWithNoColor() {
        XCTAssertTrue(ToolRun.run([Paths.seedSite], terminal: true).output.contains("\u{1B}["))
        XCTAssertFalse(
            ToolRun.run([Paths.seedSite], environment: ["NO_COLOR": "1"], terminal: true).output.contains("\u{1B}["))
        XCTAssertFalse(ToolRun.run([Paths.seedSite, "--color", "never"], terminal: true).output.contains("\u{1B}["))
    }

    func testJSONShape() throws {
        let run = ToolRun.run(["check", Paths.seedSite, "--format", "json"])
        let json = try XCTUnwrap(run.json)
        XCTAssertEqual(json["version"] as? Int, 1)
        let summary = try XCTUnwrap(json["summary"] as? [String: Int])
        XCTAssertEqual(
            Set(summary.keys),
            ["files", "groups", "errors", "warnings", "infos", "fixable", "fixed", "filesChanged", "baselined"])
        let diagnostics = try XCTUnwrap(json["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(summary["errors"]! + summary["warnings"]! + summary["infos"]!, diagnostics.count)
        for diagnostic in diagnostics {
            for key in [
                "rule", "severity", "file", "line", "column", "endLine", "endColumn", "offset", "endOffset", "message",
            ] {
                XCTAssertNotNil(diagnostic[key], "missing \(key)")
            }
        }
        let mojibake = try XCTUnwrap(diagnostics.first { $0["rule"] as? String == "mojibake" })
        let fix = try XCTUnwrap(mojibake["fix"] as? [String: Any])
        XCTAssertEqual(fix["safe"] as? Bool, true)
        let edit = try XCTUnwrap((fix["edits"] as? [[String: Any]])?.first)
        XCTAssertEqual(edit["replacement"] as? String, "ü")
        // Offsets are UTF-8 bytes into the file; columns count Unicode scalars.
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: Paths.seedSite + "/content/about/index.nl.md"))
        let start = try XCTUnwrap(edit["offset"] as? Int)
        let end = try XCTUnwrap(edit["endOffset"] as? Int)
        XCTAssertEqual(String(decoding: bytes[start..<end], as: UTF8.self), "Ã¼")
        XCTAssertEqual(mojibake["line"] as? Int, 35)
        XCTAssertEqual(mojibake["column"] as? Int, 63)
    }

    func testExitCodesAndUsageErrors() throws {
        XCTAssertEqual(ToolRun.run(["--help"]).status, 0)
        XCTAssertTrue(ToolRun.run(["--help"]).output.contains("USAGE: twc-lint"))
        XCTAssertEqual(ToolRun.run(["--version"]).status, 0)
        XCTAssertEqual(ToolRun.run(["--format", "xml", Paths.seedSite]).status, 2)
        XCTAssertEqual(ToolRun.run(["--bogus"]).status, 2)
        XCTAssertEqual(ToolRun.run(["/nonexistent/path"]).status, 2)
        XCTAssertEqual(ToolRun.run([NSTemporaryDirectory()]).status, 2, "not a Hugo site")
        // A pre-commit hook passes every staged Markdown file: those outside the site are skipped.
        let mixed = ToolRun.run([Paths.packageRoot + "/README.md", Paths.seedSite + "/content/join/index.md"])
        XCTAssertEqual(mixed.status, 0, mixed.errors)
        XCTAssertTrue(mixed.errors.contains("README.md is not inside a Hugo site; skipped"), mixed.errors)
        XCTAssertEqual(ToolRun.run([Paths.seedSite, "--source-language", "fr"]).status, 2)
        // A clean page group exits 0.
        let clean = ToolRun.run([Paths.seedSite + "/content/join"])
        XCTAssertEqual(clean.status, 0, clean.output + clean.errors)
    }

    func testScopeLimitsReportToNamedPagesAndTheirTranslations() throws {
        let run = ToolRun.run(
            [Paths.seedSite + "/content/palestine/index.md", "--format", "json"], directory: Paths.seedSite)
        let diagnostics = try XCTUnwrap(run.json?["diagnostics"] as? [[String: Any]])
        XCTAssertFalse(diagnostics.isEmpty)
        XCTAssertTrue(diagnostics.allSatisfy { ($0["file"] as? String)?.hasPrefix("content/palestine/") == true })
    }

    func testBrokenConfigIsAUsageErrorNamingThePosition() throws {
        let site = try Paths.copyOfSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        try Data("baseURL = \"https://x.example/\"\n[languages\n".utf8).write(
            to: URL(fileURLWithPath: site + "/hugo.toml"))
        let run = ToolRun.run([site])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.errors.contains("hugo.toml:2:"), run.errors)
    }

    /// `translations` are Hugo's (published versions only); `versions` are all twc-lint compares.
    func testDumpTranslationsAndVersions() throws {
        let root = NSTemporaryDirectory() + "twc-dump-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
        try "baseURL = \"https://example.org/\"\n[languages.en]\nweight = 1\n[languages.nl]\nweight = 2\n"
            .write(toFile: root + "/hugo.toml", atomically: true, encoding: .utf8)
        try "# P\n".write(toFile: root + "/content/p.md", atomically: true, encoding: .utf8)
        try "---\ndraft: true\n---\n# P\n".write(toFile: root + "/content/p.nl.md", atomically: true, encoding: .utf8)
        let run = ToolRun.run(["dump", root + "/content/p.md", "--format", "json"])
        let pages = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(run.output.utf8))) as? [[String: Any]])
        XCTAssertEqual((pages.first?["translations"] as? [String: Any])?.count, 0)
        XCTAssertEqual((pages.first?["versions"] as? [String: Any])?.keys.sorted(), ["nl"])
    }

    func testDump() throws {
        let run = ToolRun.run(["dump", Paths.seedSite + "/content/palestine/index.nl.md", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.errors)
        let pages = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(run.output.utf8))) as? [[String: Any]])
        XCTAssertEqual(pages.count, 1)
        let page = pages[0]
        XCTAssertEqual(page["file"] as? String, "content/palestine/index.nl.md")
        XCTAssertEqual(page["language"] as? String, "nl")
        XCTAssertEqual(page["url"] as? String, "/nl/palestine/")
        XCTAssertEqual(page["translationKey"] as? String, "/palestine")
        let translations = try XCTUnwrap(page["translations"] as? [String: [String: String]])
        XCTAssertEqual(translations, ["en": ["file": "content/palestine/index.md", "url": "/palestine/"]])
        XCTAssertEqual(page["versions"] as? [String: [String: String]], translations)
        XCTAssertEqual((page["anchors"] as? [String])?.contains("bestaande-initiatieven"), true)
        XCTAssertEqual(page["relPermalink"] as? String, "/nl/palestine/")
        XCTAssertEqual(page["published"] as? Bool, true)
        XCTAssertEqual(page["aliases"] as? [String], [])
        XCTAssertEqual((page["frontmatter"] as? [String: Any])?["date"] as? String, "2025-03-23")
        let headings = try XCTUnwrap(page["headings"] as? [[String: Any]])
        XCTAssertEqual(
            headings.map { $0["anchor"] as? String },
            [
                "wat-kun-je-doen-als-techwerker", "waarom-is-tech-belangrijk",
                "hoe-staan-techwerkers-sterk", "bestaande-initiatieven", "hulpmiddelen",
            ])
        let links = try XCTUnwrap(page["links"] as? [[String: Any]])
        XCTAssertTrue(links.contains { $0["target"] as? String == "#bestaande-initiativen" })
        XCTAssertTrue(links.contains { $0["target"] as? String == "/join" && $0["resolvesTo"] as? String == "/join/" })
        XCTAssertTrue(
            links.contains {
                $0["kind"] as? String == "shortcode-href" && $0["resolvesTo"] as? String == "missing:/nl/palestine/join"
            })
        let shortcodes = try XCTUnwrap(page["shortcodes"] as? [[String: Any]])
        XCTAssertEqual(shortcodes.map { $0["name"] as? String }, ["button", "button"])
        XCTAssertEqual(shortcodes.map { $0["closing"] as? Bool }, [false, true])
    }

    func testRulesCommand() {
        let list = ToolRun.run(["rules"])
        XCTAssertEqual(list.status, 0)
        XCTAssertTrue(list.output.contains("broken-anchor"))
        let doc = ToolRun.run(["rules", "mojibake"])
        XCTAssertTrue(doc.output.hasPrefix("# mojibake"))
        XCTAssertEqual(ToolRun.run(["rules", "no-such-rule"]).status, 2)
    }

    /// What twc-lint could not read or follow is shown beside the findings: a theme that is not on
    /// disk is a note (text and JSON), and its shortcodes are not reported as missing.
    func testNoticesAreShown() throws {
        let root = NSTemporaryDirectory() + "twc-notices-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
        try "baseURL = \"https://example.org/\"\ntheme = \"gone\"\n".write(
            toFile: root + "/hugo.toml", atomically: true, encoding: .utf8)
        try "---\ntitle: P\n---\n{{< alert >}}Careful.{{< /alert >}}\n".write(
            toFile: root + "/content/p.md", atomically: true, encoding: .utf8)
        let text = ToolRun.run([root], directory: root)
        XCTAssertEqual(text.status, 0, text.output)
        XCTAssertTrue(text.output.hasPrefix("themes/gone: note: theme 'gone' is not in themes/gone/"), text.output)
        XCTAssertFalse(text.output.contains("[shortcode-syntax]"), text.output)
        let json = try XCTUnwrap(ToolRun.run([root, "--format", "json"], directory: root).json)
        let notices = try XCTUnwrap(json["notices"] as? [[String: Any]])
        XCTAssertEqual(notices.map { $0["severity"] as? String }, ["info"])
        XCTAssertEqual(notices.map { $0["file"] as? String }, ["themes/gone"])
    }
}
