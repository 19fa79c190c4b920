import Foundation
import TWCCore
import TWCTestSupport
import XCTest

@testable import TWCReport

/// The reporters for code-review and CI tools: SARIF 2.1.0 (checked against the OASIS schema with
/// check-jsonschema), GitLab Code Quality and JUnit XML (checked with Python's XML parser), on
/// findings made by hand in pages with CJK text and emoji, so that columns in code points,
/// escaping and fingerprints are all exercised.
final class MachineFormatTests: XCTestCase {
    static let schema = Paths.packageRoot + "/fixtures/schemas/sarif-schema-2.1.0.json"

    // MARK: - Findings

    /// A Japanese page whose name has a space, its English counterpart, and a file that is not
    /// a page.
    let japanese = SourceFile(
        path: "content/ja/日本 語.md",
        text: "# 見出し\n日本語 😀 [link](#x)\nsecond [a](b) & <c>\nsecond [a](b) & <c>\n")
    let english = SourceFile(path: "content/en/page.md", text: "# Heading\nJapanese [link](#y)\n")

    /// The byte range of the `occurrence`-th `needle` in `file`.
    func span(_ file: SourceFile, _ needle: String, occurrence: Int = 0) -> SourceSpan {
        let bytes = Array(needle.utf8)
        var found = 0
        for start in 0...(file.bytes.count - bytes.count)
        where file.bytes[start..<start + bytes.count].elementsEqual(bytes) {
            if found == occurrence { return file.span(SourceRange(start, start + bytes.count)) }
            found += 1
        }
        XCTFail("\(needle) not in \(file.path)")
        return file.span(SourceRange(0, 0))
    }

    var anchor: Diagnostic {
        Diagnostic(
            ruleID: "broken-anchor", severity: .error, span: span(japanese, "[link](#x)"),
            message: "no heading with the anchor 'x' on this page",
            related: [RelatedNote(span: span(english, "[link](#y)"), message: "the English version links to '#y'")],
            fix: Fix(
                safe: true, summary: "use '#y'", edits: [TextEdit(span: span(japanese, "#x"), replacement: "#y")]))
    }

    var mismatch: Diagnostic {
        Diagnostic(
            ruleID: "link-mismatch", severity: .warning, span: span(japanese, "[a](b)"),
            message: "links to b, the English version to c",
            fix: Fix(
                safe: false, summary: "link both to c",
                edits: [
                    TextEdit(span: span(japanese, "b)", occurrence: 1), replacement: "c)"),
                    TextEdit(span: span(japanese, "b)"), replacement: "c)"),
                    TextEdit(span: span(english, "#y"), replacement: "c"),
                ]))
    }

    /// The same finding twice in one file, on two lines.
    var repeated: [Diagnostic] {
        (0..<2).map { index in
            Diagnostic(
                ruleID: "untranslated", severity: .info, span: span(japanese, "& <c>", occurrence: index),
                message: "text <c> & \"d\" is the same in both versions\nsecond line")
        }
    }

    /// A finding of a rule that `rules` does not describe.
    var unlisted: Diagnostic {
        Diagnostic(ruleID: "custom-check", severity: .warning, span: span(english, "Heading"), message: "custom")
    }

    var diagnostics: [Diagnostic] { [mismatch, anchor] + repeated + [unlisted] }

    let notices = [
        Notice(severity: .error, file: "content/ja/broken.md", message: "cannot read: Permission denied"),
        Notice(severity: .info, file: "layouts", message: "a template the model cannot follow"),
    ]

    let rules = [
        RuleMetadata(
            id: "broken-anchor", summary: "A link to a heading that does not exist.",
            help: "# broken-anchor\n\nSeverity: **error**.", defaultSeverity: .error,
            helpURI: "https://example.org/rules/broken-anchor"),
        RuleMetadata(
            id: "link-mismatch", summary: "Versions linking to different places.", help: "# link-mismatch",
            defaultSeverity: .warning),
        RuleMetadata(
            id: "untranslated", summary: "Text left untranslated.", help: "# untranslated", defaultSeverity: .info),
    ]

    // MARK: - Helpers

    func sarif(_ diagnostics: [Diagnostic]? = nil, notices: [Notice]? = nil, base: String = "site") throws
        -> [String: Any]
    {
        let text = SARIFReporter.report(
            diagnostics ?? self.diagnostics, notices: notices ?? self.notices, rules: rules, base: base,
            toolVersion: "1.2.3")
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func firstRun(_ sarif: [String: Any]) throws -> [String: Any] {
        try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first)
    }

    func resultList(_ sarif: [String: Any]) throws -> [[String: Any]] {
        try XCTUnwrap(firstRun(sarif)["results"] as? [[String: Any]])
    }

    func temporaryFile(_ text: String, suffix: String) throws -> String {
        let path = NSTemporaryDirectory() + "twc-lint-format-" + UUID().uuidString + suffix
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// Runs a program; its exit status and what it printed.
    func execute(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `check-jsonschema --schemafile fixtures/schemas/sarif-schema-2.1.0.json FILE`.
    func validateSARIF(_ text: String) throws -> (status: Int32, output: String) {
        let tool = try ExternalTool.checkJSONSchema()
        return try execute(tool, ["--schemafile", Self.schema, try temporaryFile(text, suffix: ".sarif")])
    }

    // MARK: - SARIF

    func testSARIFValidatesAgainstTheSchema() throws {
        let full = SARIFReporter.report(diagnostics, notices: notices, rules: rules, base: "site", toolVersion: "1.2.3")
        let checked = try validateSARIF(full)
        XCTAssertEqual(checked.status, 0, checked.output)
        let empty = SARIFReporter.report([], notices: [], rules: [], base: ".", toolVersion: "1.2.3")
        let checkedEmpty = try validateSARIF(empty)
        XCTAssertEqual(checkedEmpty.status, 0, checkedEmpty.output)
        // The validator does reject what the schema forbids: a level SARIF does not have.
        let broken = full.replacingOccurrences(of: "\"level\": \"note\"", with: "\"level\": \"info\"")
        XCTAssertNotEqual(broken, full)
        XCTAssertNotEqual(try validateSARIF(broken).status, 0, "check-jsonschema accepted an invalid level")
    }

    /// The command's SARIF, GitLab and JUnit reports of the seed site: valid, every finding
    /// there once, paths as seen from the current folder, every rule described.
    func testCommandWritesEachFormatForTheSeedSite() throws {
        let json = ToolRun.run([Paths.seedSite, "--format", "json"]).json
        let count = try XCTUnwrap(json?["diagnostics"] as? [Any]).count
        let sarif = ToolRun.run([Paths.seedSite, "--format", "sarif"], directory: Paths.packageRoot)
        XCTAssertEqual(sarif.status, 1)
        let checked = try validateSARIF(sarif.output)
        XCTAssertEqual(checked.status, 0, checked.output)
        let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sarif.output.utf8)) as? [String: Any])
        let run = try firstRun(log)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, count)
        let uri = try XCTUnwrap(
            ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]).flatMap {
                ($0["artifactLocation"] as? [String: Any])?["uri"] as? String
            })
        XCTAssertTrue(uri.hasPrefix("fixtures/twc-site/content/"), uri)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let described = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertTrue(described.contains { $0["id"] as? String == "unused-suppression" })
        XCTAssertTrue(
            described.allSatisfy { (($0["help"] as? [String: Any])?["markdown"] as? String)?.hasPrefix("# ") == true })
        let gitlab = ToolRun.run([Paths.seedSite, "--format", "gitlab"], directory: Paths.packageRoot)
        let issues = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(gitlab.output.utf8)) as? [[String: Any]])
        XCTAssertEqual(issues.count, count)
        XCTAssertEqual(Set(issues.compactMap { $0["fingerprint"] as? String }).count, count, "distinct fingerprints")
        let junit = ToolRun.run([Paths.seedSite, "--format", "junit"], directory: Paths.packageRoot)
        XCTAssertTrue(junit.output.contains("failures=\"\(count)\""), junit.output)
        XCTAssertTrue(junit.output.contains("name=\"fixtures/twc-site/content/join/index.md\""), "a clean file passes")
    }

    func testSARIFRunToolAndRules() throws {
        let log = try sarif()
        XCTAssertEqual(log["$schema"] as? String, "https://json.schemastore.org/sarif-2.1.0.json")
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        XCTAssertEqual((log["runs"] as? [Any])?.count, 1)
        let run = try firstRun(log)
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")
        XCTAssertNil(run["originalUriBaseIds"], "no absolute paths in the report")
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "twc-lint")
        XCTAssertEqual(driver["version"] as? String, "1.2.3")
        XCTAssertNil(driver["informationUri"])
        let descriptors = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(
            descriptors.map { $0["id"] as? String }, ["broken-anchor", "link-mismatch", "untranslated", "custom-check"])
        XCTAssertEqual(
            descriptors.map { $0["name"] as? String }, ["BrokenAnchor", "LinkMismatch", "Untranslated", "CustomCheck"])
        let first = descriptors[0]
        XCTAssertEqual((first["shortDescription"] as? [String: Any])?["text"] as? String, rules[0].summary)
        XCTAssertEqual((first["fullDescription"] as? [String: Any])?["text"] as? String, rules[0].summary)
        XCTAssertEqual((first["help"] as? [String: Any])?["markdown"] as? String, rules[0].help)
        XCTAssertEqual((first["help"] as? [String: Any])?["text"] as? String, rules[0].help)
        XCTAssertEqual(first["helpUri"] as? String, "https://example.org/rules/broken-anchor")
        XCTAssertNil(descriptors[1]["helpUri"])
        XCTAssertEqual(
            descriptors.prefix(3).map { ($0["defaultConfiguration"] as? [String: Any])?["level"] as? String },
            ["error", "warning", "note"])

        let results = try resultList(log)
        // Report order (file, position), each pointing at its rule.
        XCTAssertEqual(
            results.map { $0["ruleId"] as? String },
            ["custom-check", "broken-anchor", "link-mismatch", "untranslated", "untranslated"])
        XCTAssertEqual(results.map { $0["ruleIndex"] as? Int }, [3, 0, 1, 2, 2])
        XCTAssertEqual(results.map { $0["level"] as? String }, ["warning", "error", "warning", "note", "note"])
        XCTAssertEqual((results[3]["message"] as? [String: Any])?["text"] as? String, repeated[0].message)

        let invocation = try XCTUnwrap((run["invocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(invocation["executionSuccessful"] as? Bool, false, "a file could not be read")
        let notifications = try XCTUnwrap(invocation["toolExecutionNotifications"] as? [[String: Any]])
        XCTAssertEqual(notifications.map { $0["level"] as? String }, ["error", "note"])
        XCTAssertEqual(
            (notifications[0]["message"] as? [String: Any])?["text"] as? String, "cannot read: Permission denied")
        let noticeLocation = try XCTUnwrap(
            ((notifications[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: Any])
        XCTAssertEqual(noticeLocation["uri"] as? String, "site/content/ja/broken.md")
        let clean = try XCTUnwrap(
            (try firstRun(sarif(notices: [notices[1]]))["invocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(clean["executionSuccessful"] as? Bool, true, "an info notice is no failure")
    }

    func testSARIFRegionsCountCodePointsAndBytes() throws {
        let results = try resultList(sarif())
        let location = try XCTUnwrap(
            (results[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let artifact = try XCTUnwrap(location["artifactLocation"] as? [String: Any])
        // Spaces and non-ASCII letters percent-encoded, relative to the current directory.
        XCTAssertEqual(artifact["uri"] as? String, "site/content/ja/%E6%97%A5%E6%9C%AC%20%E8%AA%9E.md")
        XCTAssertEqual(artifact["uriBaseId"] as? String, "%SRCROOT%")
        // `日本語 😀 [link](#x)`: the link starts at the 7th code point (the emoji is one), the
        // 28th byte (12 bytes of line 1, 9 of 日本語, 4 of the emoji, 2 spaces).
        let region = try XCTUnwrap(location["region"] as? [String: Any])
        XCTAssertEqual(region["startLine"] as? Int, 2)
        XCTAssertEqual(region["startColumn"] as? Int, 7)
        XCTAssertEqual(region["endLine"] as? Int, 2)
        XCTAssertEqual(region["endColumn"] as? Int, 17)
        XCTAssertEqual(region["byteOffset"] as? Int, 27)
        XCTAssertEqual(region["byteLength"] as? Int, 10)

        let related = try XCTUnwrap(results[1]["relatedLocations"] as? [[String: Any]])
        XCTAssertEqual(related.count, 1)
        XCTAssertEqual(related[0]["id"] as? Int, 1)
        XCTAssertEqual(
            (related[0]["message"] as? [String: Any])?["text"] as? String, "the English version links to '#y'")
        let relatedLocation = try XCTUnwrap(related[0]["physicalLocation"] as? [String: Any])
        XCTAssertEqual(
            (relatedLocation["artifactLocation"] as? [String: Any])?["uri"] as? String, "site/content/en/page.md")
        XCTAssertEqual((relatedLocation["region"] as? [String: Any])?["startColumn"] as? Int, 10)

        // Inside the site root: paths as they are; an absolute root: file URIs without a base.
        let inside = try resultList(sarif(base: "."))
        let insideArtifact = try XCTUnwrap(
            ((inside[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: Any])
        XCTAssertEqual(insideArtifact["uri"] as? String, "content/ja/%E6%97%A5%E6%9C%AC%20%E8%AA%9E.md")
        let absolute = try resultList(sarif(base: "/srv/my site"))
        let absoluteArtifact = try XCTUnwrap(
            ((absolute[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: Any])
        XCTAssertEqual(
            absoluteArtifact["uri"] as? String, "file:///srv/my%20site/content/ja/%E6%97%A5%E6%9C%AC%20%E8%AA%9E.md")
        XCTAssertNil(absoluteArtifact["uriBaseId"])
        XCTAssertEqual(URIReference.encode("a:b/c#d?e%f"), "a%3Ab/c%23d%3Fe%25f")
    }

    func testSARIFFixes() throws {
        let results = try resultList(sarif())
        let safe = try XCTUnwrap((results[1]["fixes"] as? [[String: Any]])?.first)
        XCTAssertEqual((safe["description"] as? [String: Any])?["text"] as? String, "use '#y'")
        XCTAssertEqual((safe["properties"] as? [String: Any])?["safe"] as? Bool, true)
        let safeChanges = try XCTUnwrap(safe["artifactChanges"] as? [[String: Any]])
        XCTAssertEqual(safeChanges.count, 1)
        let replacement = try XCTUnwrap((safeChanges[0]["replacements"] as? [[String: Any]])?.first)
        let deleted = try XCTUnwrap(replacement["deletedRegion"] as? [String: Any])
        // `#x` inside `[link](#x)`: code points 14 and 15, bytes 34 and 35.
        XCTAssertEqual(deleted["startLine"] as? Int, 2)
        XCTAssertEqual(deleted["startColumn"] as? Int, 14)
        XCTAssertEqual(deleted["endColumn"] as? Int, 16)
        XCTAssertEqual(deleted["byteOffset"] as? Int, 34)
        XCTAssertEqual(deleted["byteLength"] as? Int, 2)
        XCTAssertEqual((replacement["insertedContent"] as? [String: Any])?["text"] as? String, "#y")

        let unsafe = try XCTUnwrap((results[2]["fixes"] as? [[String: Any]])?.first)
        XCTAssertEqual((unsafe["description"] as? [String: Any])?["text"] as? String, "link both to c (unsafe)")
        XCTAssertEqual((unsafe["properties"] as? [String: Any])?["safe"] as? Bool, false)
        // Grouped per file, in the order files first appear; replacements in order of position.
        let changes = try XCTUnwrap(unsafe["artifactChanges"] as? [[String: Any]])
        XCTAssertEqual(
            changes.map { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String },
            ["site/content/ja/%E6%97%A5%E6%9C%AC%20%E8%AA%9E.md", "site/content/en/page.md"])
        let lines = (changes[0]["replacements"] as? [[String: Any]])?.map {
            ($0["deletedRegion"] as? [String: Any])?["startLine"] as? Int
        }
        XCTAssertEqual(lines, [3, 4])
        XCTAssertNil(results[0]["fixes"])
        XCTAssertNil(results[0]["relatedLocations"])
    }

    // MARK: - Fingerprints

    func testFingerprintsAreStableAndDistinct() throws {
        func sarifPrints(_ diagnostics: [Diagnostic]) throws -> [String] {
            try resultList(sarif(diagnostics)).map {
                try XCTUnwrap(($0["partialFingerprints"] as? [String: Any])?["twcLint/v1"] as? String)
            }
        }
        func gitLabPrints(_ diagnostics: [Diagnostic]) throws -> [String] {
            let text = GitLabReporter.report(diagnostics, notices: [], base: "site")
            let issues = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            return issues.map { $0["fingerprint"] as? String ?? "" }
        }
        let prints = try sarifPrints(diagnostics)
        XCTAssertEqual(prints.count, 5)
        XCTAssertEqual(Set(prints).count, 5, "identical findings in one file get distinct fingerprints: \(prints)")
        XCTAssertTrue(prints.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) }, "\(prints)")
        // Stable: the same for the same findings in another order, and in both formats.
        XCTAssertEqual(try sarifPrints(Array(diagnostics.reversed())), prints)
        XCTAssertEqual(try gitLabPrints(diagnostics), prints)
        // A known value, so that a change of the hash (which makes every finding look new) is seen.
        XCTAssertEqual(
            Fingerprint.hex128(["broken-anchor", "content/a.md", "message", "0"]), "25fa35d9b357b1367ad98df1e613ce00")
        XCTAssertNotEqual(Fingerprint.hex128(["ab", "c"]), Fingerprint.hex128(["a", "bc"]))
        XCTAssertEqual(Fingerprint.hex(0xab), "00000000000000ab")
        // A finding that moves (lines added above it) keeps its fingerprint.
        let moved = SourceFile(
            path: japanese.path, text: "new line\n" + String(decoding: japanese.bytes, as: UTF8.self))
        var shifted = anchor
        shifted.span = span(moved, "[link](#x)")
        XCTAssertNotEqual(shifted.span.start.line, anchor.span.start.line)
        XCTAssertEqual(try sarifPrints([shifted]), try sarifPrints([anchor]))
        // Another message, rule or file: another fingerprint.
        var reworded = anchor
        reworded.message += "!"
        var otherRule = anchor
        otherRule.ruleID = "broken-link"
        XCTAssertEqual(Set(try [anchor, reworded, otherRule].flatMap { try sarifPrints([$0]) }).count, 3)
        let elsewhere = try XCTUnwrap(
            (try JSONSerialization.jsonObject(
                with: Data(GitLabReporter.report([anchor], notices: [], base: "other").utf8)) as? [[String: Any]])?
                .first?["fingerprint"] as? String)
        XCTAssertNotEqual(try gitLabPrints([anchor]), [elsewhere])
    }

    // MARK: - GitLab

    func testGitLabCodeQuality() throws {
        let text = GitLabReporter.report(diagnostics, notices: notices, base: "site")
        let issues = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], text)
        XCTAssertEqual(issues.count, 7)
        for issue in issues {
            for field in ["description", "check_name", "fingerprint", "severity"] {
                XCTAssertFalse((issue[field] as? String ?? "").isEmpty, "\(field) in \(issue)")
            }
            let location = try XCTUnwrap(issue["location"] as? [String: Any])
            XCTAssertFalse((location["path"] as? String ?? "").isEmpty)
            let begin = try XCTUnwrap((location["positions"] as? [String: Any])?["begin"] as? [String: Any])
            XCTAssertGreaterThan(begin["line"] as? Int ?? 0, 0)
            XCTAssertGreaterThan(begin["column"] as? Int ?? 0, 0)
        }
        XCTAssertEqual(Set(issues.map { $0["fingerprint"] as! String }).count, 7)
        // Notices first, then findings in report order.
        XCTAssertEqual(
            issues.map { $0["check_name"] as? String },
            ["twc-lint", "twc-lint", "custom-check", "broken-anchor", "link-mismatch", "untranslated", "untranslated"])
        XCTAssertEqual(
            issues.map { $0["severity"] as? String }, ["critical", "info", "minor", "major", "minor", "info", "info"])
        let anchorIssue = issues[3]
        XCTAssertEqual(
            anchorIssue["description"] as? String, "no heading with the anchor 'x' on this page [broken-anchor]")
        let location = try XCTUnwrap(anchorIssue["location"] as? [String: Any])
        XCTAssertEqual(location["path"] as? String, "site/content/ja/日本 語.md")
        let positions = try XCTUnwrap(location["positions"] as? [String: Any])
        XCTAssertEqual((positions["begin"] as? [String: Any])?["line"] as? Int, 2)
        XCTAssertEqual((positions["begin"] as? [String: Any])?["column"] as? Int, 7)
        XCTAssertEqual((positions["end"] as? [String: Any])?["line"] as? Int, 2)
        XCTAssertEqual((positions["end"] as? [String: Any])?["column"] as? Int, 17)
        XCTAssertEqual(
            (issues[0]["location"] as? [String: Any])?["path"] as? String, "site/content/ja/broken.md")
        XCTAssertEqual(
            issues[5]["description"] as? String,
            "text <c> & \"d\" is the same in both versions second line [untranslated]", "on one line")

        XCTAssertEqual(GitLabReporter.report([], notices: [], base: "site"), "[]\n")
    }

    // MARK: - JUnit

    /// What Python's XML parser reads in a JUnit report: the root's attributes, the suite's
    /// `system-out`, and each test case's attributes with its failure or error.
    struct ParsedJUnit: Decodable {
        struct Case: Decodable {
            var attributes: [String: String]
            var failure: [String: String]?
            var failureText: String?
            var error: [String: String]?
        }
        var root: [String: String]
        var suite: [String: String]
        var cases: [Case]
        var systemOut: String?
    }

    func parseJUnit(_ xml: String) throws -> ParsedJUnit {
        let python = try ExternalTool.python3()
        let script = """
            import json, sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            suites = root.findall("testsuite")
            assert root.tag == "testsuites" and len(suites) == 1, (root.tag, len(suites))
            suite = suites[0]
            def case(c):
                f, e = c.find("failure"), c.find("error")
                return {"attributes": dict(c.attrib), "failure": None if f is None else dict(f.attrib),
                        "failureText": None if f is None else f.text, "error": None if e is None else dict(e.attrib)}
            out = suite.find("system-out")
            print(json.dumps({"root": dict(root.attrib), "suite": dict(suite.attrib),
                              "cases": [case(c) for c in suite.findall("testcase")],
                              "systemOut": None if out is None else out.text}))
            """
        let result = try execute(python, ["-c", script, try temporaryFile(xml, suffix: ".xml")])
        XCTAssertEqual(result.status, 0, "not well-formed: \(result.output)\n\(xml)")
        return try JSONDecoder().decode(ParsedJUnit.self, from: Data(result.output.utf8))
    }

    func testJUnitIsWellFormedWithCounts() throws {
        let files = ["content/ja/日本 語.md", "content/en/page.md", "content/en/clean.md", "content/ja/broken.md"]
        let xml = JUnitReporter.report(diagnostics, notices: notices, base: "site", files: files)
        XCTAssertTrue(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"twc-lint\" "), xml)
        let parsed = try parseJUnit(xml)
        // 5 findings, 1 file that could not be read, 1 clean file.
        for attributes in [parsed.root, parsed.suite] {
            XCTAssertEqual(attributes["name"], "twc-lint")
            XCTAssertEqual(attributes["tests"], "7")
            XCTAssertEqual(attributes["failures"], "5")
            XCTAssertEqual(attributes["errors"], "1")
        }
        XCTAssertEqual(parsed.cases.count, 7)
        XCTAssertEqual(parsed.cases.filter { $0.failure != nil }.count, 5)
        let anchorCase = try XCTUnwrap(parsed.cases.first { $0.attributes["classname"] == "twc-lint.broken-anchor" })
        XCTAssertEqual(anchorCase.attributes["name"], "site/content/ja/日本 語.md:2:7")
        XCTAssertEqual(anchorCase.attributes["file"], "site/content/ja/日本 語.md")
        XCTAssertEqual(anchorCase.attributes["line"], "2")
        XCTAssertEqual(anchorCase.failure?["type"], "broken-anchor")
        XCTAssertEqual(anchorCase.failure?["message"], anchor.message)
        XCTAssertEqual(
            anchorCase.failureText,
            "error: no heading with the anchor 'x' on this page at site/content/ja/日本 語.md:2:7\n"
                + "note: the English version links to '#y' at site/content/en/page.md:2:10\nfix: use '#y'")
        let unsafeCase = try XCTUnwrap(parsed.cases.first { $0.attributes["classname"] == "twc-lint.link-mismatch" })
        XCTAssertTrue(unsafeCase.failureText?.hasSuffix("\nfix (unsafe): link both to c") == true, "\(unsafeCase)")
        // Escaping: `<`, `&` and `"` in a message, and its line break, read back as they were.
        let infoCase = try XCTUnwrap(parsed.cases.first { $0.attributes["classname"] == "twc-lint.untranslated" })
        XCTAssertEqual(infoCase.failure?["message"], "text <c> & \"d\" is the same in both versions\nsecond line")
        XCTAssertTrue(infoCase.failureText?.hasPrefix("info: text <c> & \"d\" is the same") == true, "\(infoCase)")
        XCTAssertTrue(xml.contains("text &lt;c&gt; &amp; &quot;d&quot;"), xml)
        // The unreadable file is an error, the clean file a passing case, the others not listed.
        let broken = try XCTUnwrap(parsed.cases.first { $0.error != nil })
        XCTAssertEqual(broken.attributes["name"], "site/content/ja/broken.md")
        XCTAssertEqual(broken.error?["message"], "cannot read: Permission denied")
        let passing = parsed.cases.filter { $0.failure == nil && $0.error == nil }
        XCTAssertEqual(passing.map { $0.attributes["name"] }, ["site/content/en/clean.md"])
        XCTAssertEqual(passing.first?.attributes["classname"], "twc-lint")
        XCTAssertEqual(parsed.systemOut, "site/layouts: info: a template the model cannot follow\n")

        let empty = try parseJUnit(JUnitReporter.report([], notices: [], base: ".", files: ["content/a.md"]))
        XCTAssertEqual(empty.root["tests"], "1")
        XCTAssertEqual(empty.root["failures"], "0")
        XCTAssertEqual(empty.cases.first?.attributes["name"], "content/a.md")
    }

    func testJUnitKeepsTheXMLValid() throws {
        XCTAssertEqual(JUnitReporter.attribute("a<b>&\"c'\n\t"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;&#9;")
        XCTAssertEqual(JUnitReporter.content("a\u{1B}[31m\u{0}b\u{FFFE}\r\n"), "a\\u{1B}[31m\\u{0}b\\u{FFFE}&#13;\n")
        // Characters XML 1.0 forbids in a message and a file name still give a document Python reads.
        let file = SourceFile(path: "content/x\u{1}.md", text: "bell \u{7} here\n")
        let diagnostic = Diagnostic(
            ruleID: "invalid-utf8", severity: .error, span: file.span(SourceRange(5, 6)),
            message: "control character \u{7} and \u{FFFF} in <text>")
        let parsed = try parseJUnit(JUnitReporter.report([diagnostic], notices: [], base: ".", files: []))
        XCTAssertEqual(parsed.cases.first?.failure?["message"], "control character \\u{7} and \\u{FFFF} in <text>")
        XCTAssertEqual(parsed.cases.first?.attributes["file"], "content/x\\u{1}.md")
    }
}
