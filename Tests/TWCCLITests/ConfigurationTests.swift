import Foundation
import XCTest

/// `.twc-lint.toml` (found by walking up from the linted path, or `--config`): `select`,
/// `ignore`, `[severity]`, `[ignorePaths]`; inline suppressions; the baseline.
final class ConfigurationTests: XCTestCase {
    var repository = ""
    /// The seed site, in a subfolder of a repository, as many sites keep it.
    var site: String { repository + "/site" }

    override func setUpWithError() throws {
        repository = NSTemporaryDirectory() + "twc-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Paths.seedSite, toPath: site)
        // The repository's settings are the ones under test.
        try FileManager.default.removeItem(atPath: site + "/.twc-lint.toml")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: repository)
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: repository + "/" + path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func findings(_ arguments: [String] = [], directory: String? = nil) throws -> [(rule: String, severity: String)] {
        let run = ToolRun.run([site, "--format", "json"] + arguments, directory: directory ?? repository)
        let diagnostics = try XCTUnwrap(run.json?["diagnostics"] as? [[String: Any]], run.errors + run.output)
        return diagnostics.map { ($0["rule"] as! String, $0["severity"] as! String) }
    }

    func testSettingsFileAboveTheSiteIsFoundAndApplied() throws {
        let all = try findings()
        XCTAssertTrue(all.contains { $0.rule == "broken-anchor" })
        try write(
            ".twc-lint.toml",
            """
            ignore = ["missing-translation"]
            [severity]
            link-mismatch = "error"
            frontmatter-mismatch = "off"
            [ignorePaths]
            "site/content/palestine/**" = ["broken-anchor"]
            "*.nl.md" = ["date-mismatch"]

            """)
        let configured = try findings()
        XCTAssertFalse(configured.contains { $0.rule == "missing-translation" })
        XCTAssertFalse(configured.contains { $0.rule == "frontmatter-mismatch" })
        XCTAssertFalse(configured.contains { $0.rule == "date-mismatch" })
        XCTAssertFalse(configured.contains { $0.rule == "broken-anchor" }, "both broken anchors are in palestine/")
        let mismatches = configured.filter { $0.rule == "link-mismatch" }
        XCTAssertEqual(mismatches.count, all.filter { $0.rule == "link-mismatch" }.count)
        XCTAssertTrue(mismatches.allSatisfy { $0.severity == "error" })
        // Found from a file inside the site too, and from the site folder as the current one.
        let scoped = ToolRun.run(
            [site + "/content/palestine/index.nl.md", "--format", "json"], directory: site)
        let rules = try XCTUnwrap(scoped.json?["diagnostics"] as? [[String: Any]]).map { $0["rule"] as! String }
        XCTAssertFalse(rules.contains("broken-anchor"), scoped.output)
        // --select replaces the file's selection.
        let selected = try findings(["--select", "broken-anchor,link-mismatch"])
        XCTAssertEqual(Set(selected.map(\.rule)), ["link-mismatch"])
    }

    /// Run at the repository's root, twc-lint lints the site in its subfolder (as the pre-commit
    /// hook and the action do by default); copies of sites under node_modules or themes are not
    /// sites of the repository.
    func testSiteInASubfolderIsFoundFromTheRepositoryRoot() throws {
        try FileManager.default.createDirectory(
            atPath: repository + "/node_modules/pkg", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Paths.seedSite, toPath: repository + "/node_modules/pkg/site")
        let run = ToolRun.run(["--format", "concise"], directory: repository)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.errors, "twc-lint: note: . is not inside a Hugo site; linting the site below it: site\n")
        let lines = run.output.split(separator: "\n")
        XCTAssertFalse(lines.isEmpty)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("site/content/") }, run.output)
        let empty = NSTemporaryDirectory() + "twc-empty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let nothing = ToolRun.run([], directory: empty)
        XCTAssertEqual(nothing.status, 2)
        XCTAssertTrue(nothing.errors.contains("not inside a Hugo site"), nothing.errors)
    }

    func testSelectInTheFileAndConfigFlag() throws {
        try write("lint/strict.toml", "select = [\"broken-anchor\"]\n")
        let selected = try findings(["--config", repository + "/lint/strict.toml"])
        XCTAssertEqual(Set(selected.map(\.rule)), ["broken-anchor"])
        let missing = ToolRun.run([site, "--config", "nope.toml"], directory: repository)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.errors.contains("--config: cannot read 'nope.toml'"), missing.errors)
    }

    func testMistakesInTheFileAreLocatedErrors() throws {
        try write(".twc-lint.toml", "# settings\nselect = [\"broken-anchor\", \"link-mismatchh\"]\n")
        let run = ToolRun.run([site], directory: repository)
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(
            run.errors,
            "twc-lint: .twc-lint.toml:2:28: error: unknown rule 'link-mismatchh'; did you mean 'link-mismatch'?\n")
        try write(".twc-lint.toml", "[severity]\nlink-mismatch = \"loud\"\n")
        let severity = ToolRun.run([site, "--format", "json"], directory: repository)
        XCTAssertEqual(severity.status, 2)
        XCTAssertTrue(severity.errors.contains(".twc-lint.toml:2:17: error: unknown severity 'loud'"), severity.errors)
        let error = try XCTUnwrap(severity.json?["error"] as? [String: Any], severity.output)
        XCTAssertEqual(error["file"] as? String, ".twc-lint.toml")
        XCTAssertEqual(error["line"] as? Int, 2)
        try write(".twc-lint.toml", "selct = [\"x\"]\n")
        let unknown = ToolRun.run([site], directory: repository)
        XCTAssertTrue(unknown.errors.contains(".twc-lint.toml:1:1: error: unknown setting 'selct'"), unknown.errors)
    }

    func testInlineSuppressionsAndUnusedOnes() throws {
        let page = site + "/content/palestine/index.nl.md"
        var text = try String(contentsOfFile: page, encoding: .utf8)
        // Line 29 holds the first broken anchor; 51 the second.
        var lines = text.components(separatedBy: "\n")
        XCTAssertTrue(lines[28].contains("#bestaande-initiativen"))
        XCTAssertTrue(lines[50].contains("#what-can-you-do-as-a-tech-worker"))
        lines.insert("<!-- twc-lint-disable-next-line broken-anchor, link-mismatch -- fixed upstream -->", at: 50)
        lines[28] += " <!-- twc-lint-disable-line broken-anchor -->"
        text = lines.joined(separator: "\n")
        try text.write(toFile: page, atomically: true, encoding: .utf8)
        let run = ToolRun.run([site, "--format", "json"], directory: site)
        let diagnostics = try XCTUnwrap(run.json?["diagnostics"] as? [[String: Any]])
        XCTAssertFalse(diagnostics.contains { $0["rule"] as? String == "broken-anchor" }, run.output)
        // link-mismatch reports nothing on that line: that part of the suppression is unused.
        let unused = diagnostics.filter { $0["rule"] as? String == "unused-suppression" }
        XCTAssertEqual(unused.map { $0["line"] as? Int }, [51])
        XCTAssertEqual(
            unused.first?["message"] as? String,
            "link-mismatch reports nothing on line 52, so this suppression silences nothing; remove it")
        // Its safe fix takes the id out and keeps the rest of the comment.
        let fixed = ToolRun.run(["fix", site, "--select", "unused-suppression"], directory: site)
        XCTAssertEqual(fixed.status, 0, fixed.output)
        let after = try String(contentsOfFile: page, encoding: .utf8).components(separatedBy: "\n")
        XCTAssertEqual(after[50], "<!-- twc-lint-disable-next-line broken-anchor -- fixed upstream -->")
    }

    func testFrontmatterCommentAndRegions() throws {
        try write("site/content/p.md", "---\ntitle: P\nweight: 3\n---\nText\n")
        try write(
            "site/content/p.nl.md",
            """
            ---
            title: P
            # twc-lint-disable-next-line frontmatter-mismatch -- the Dutch menu is ordered apart
            weight: 4
            ---
            <!-- twc-lint-disable broken-anchor -->
            [a](#nope)

            [b](#nope2)
            <!-- twc-lint-enable -->

            [c](#nope3)

            """)
        let selected = ["--select", "broken-anchor,frontmatter-mismatch,unused-suppression"]
        let run = ToolRun.run([site, "--format", "json"] + selected, directory: site)
        let diagnostics = try XCTUnwrap(run.json?["diagnostics"] as? [[String: Any]])
        let here = diagnostics.filter { ($0["file"] as? String)?.hasPrefix("content/p.") == true }
        XCTAssertEqual(
            here.map { "\($0["rule"]!) \($0["file"]!):\($0["line"]!)" },
            ["broken-anchor content/p.nl.md:12"], run.output)
        // Without the comment, the weight is reported on its line.
        try write("site/content/p.nl.md", "---\ntitle: P\nweight: 4\n---\n")
        let plain = ToolRun.run([site, "--format", "json"] + selected, directory: site)
        let found = try XCTUnwrap(plain.json?["diagnostics"] as? [[String: Any]]).filter {
            ($0["file"] as? String) == "content/p.nl.md"
        }
        XCTAssertEqual(found.map { "\($0["rule"]!):\($0["line"]!)" }, ["frontmatter-mismatch:3"], plain.output)
    }

    func testBaselineGatesOnlyNewFindings() throws {
        let baseline = repository + "/twc-lint-baseline.json"
        let write = ToolRun.run([site, "--write-baseline", baseline], directory: repository)
        XCTAssertEqual(write.status, 0, write.errors)
        let all = try findings()
        XCTAssertTrue(write.errors.contains("recorded \(all.count) findings"), write.errors)
        let recorded = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertTrue(recorded.contains("\"file\":\"site/content/palestine/index.nl.md\""), recorded)
        XCTAssertFalse(recorded.contains("\"line\""), "keyed on text, not lines")
        // Nothing new: exit 0 and no findings, whatever moved.
        let page = site + "/content/palestine/index.nl.md"
        let original = try String(contentsOfFile: page, encoding: .utf8)
        try ("\n\n" + original).write(toFile: page, atomically: true, encoding: .utf8)
        let gated = ToolRun.run([site, "--baseline", baseline, "--format", "json"], directory: repository)
        XCTAssertEqual(gated.status, 0, gated.output)
        XCTAssertEqual((gated.json?["diagnostics"] as? [Any])?.count, 0)
        XCTAssertEqual((gated.json?["summary"] as? [String: Int])?["baselined"], all.count)
        // A new broken anchor is reported, and only it, from another folder too.
        try ("\n\n" + original + "\nSee [x](#nieuw).\n").write(toFile: page, atomically: true, encoding: .utf8)
        let fresh = ToolRun.run(
            ["site", "--baseline", "twc-lint-baseline.json", "--format", "json"], directory: repository)
        let diagnostics = try XCTUnwrap(fresh.json?["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.filter { $0["rule"] as? String == "broken-anchor" }.count, 1, fresh.output)
        XCTAssertTrue(
            diagnostics.allSatisfy { ($0["message"] as? String)?.contains("#nieuw") == true }, fresh.output)
        XCTAssertEqual(fresh.status, 1)
        let broken = ToolRun.run([site, "--baseline", site + "/hugo.toml"], directory: repository)
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.errors.contains("--baseline:"), broken.errors)
    }
}
