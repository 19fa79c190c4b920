import Foundation
import XCTest

@testable import TWCReport

/// `--diff`, `--unsafe-fixes`, `--show-fixes`, `--output-file`, `--relative-to`, and the rough
/// edges a new user meets: each command's help, extra arguments, errors that name the flag,
/// JSON errors, `dump --format text`, the caret under wide characters, cut excerpts.
final class FixOutputTests: XCTestCase {
    func testDiffShowsTheFixesAndChangesNothing() throws {
        let site = try Paths.copyOfSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let before = Paths.allFiles(under: site)
        let run = ToolRun.run([".", "--diff"], directory: site)
        XCTAssertEqual(run.status, 1, "fixes to apply")
        XCTAssertEqual(Paths.allFiles(under: site), before, "--diff changes nothing")
        XCTAssertTrue(run.output.hasPrefix("--- a/content/about/index.nl.md\n+++ b/content/about/index.nl.md\n@@ -"))
        XCTAssertTrue(run.output.contains("+Als eerste is een [aantal dingen die je gewoon in je eentje kunt doen]"))
        XCTAssertTrue(run.errors.contains("5 fixes would change 2 files"), run.errors)
        // git applies the diff, and the result is what --fix writes.
        try run.output.write(toFile: site + "/fixes.diff", atomically: true, encoding: .utf8)
        let apply = try Self.shell(["git", "apply", "--unsafe-paths", "-p1", "fixes.diff"], in: site)
        XCTAssertEqual(apply.status, 0, apply.output)
        try FileManager.default.removeItem(atPath: site + "/fixes.diff")
        let patched = Paths.allFiles(under: site)
        let fixedSite = try Paths.copyOfSite()
        defer { try? FileManager.default.removeItem(atPath: fixedSite) }
        _ = ToolRun.run(["fix", fixedSite])
        XCTAssertEqual(patched, Paths.allFiles(under: fixedSite))
        XCTAssertEqual(ToolRun.run([".", "--diff", "--select", "link-mismatch"], directory: site).status, 0)
    }

    func testUnsafeFixesAndShowFixes() throws {
        let site = try Paths.copyOfSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let safe = ToolRun.run([".", "--diff"], directory: site)
        let unsafe = ToolRun.run([".", "--diff", "--unsafe-fixes"], directory: site)
        XCTAssertGreaterThan(unsafe.output.count, safe.output.count)
        let shown = ToolRun.run([".", "--show-fixes", "--quiet"], directory: site)
        XCTAssertTrue(shown.errors.hasPrefix("twc-lint: 5 fixes available with --fix:\n"), shown.errors)
        XCTAssertTrue(
            shown.errors.contains(
                "  content/palestine/index.nl.md:29:93: [broken-anchor] use '#bestaande-initiatieven'"),
            shown.errors)
        let fixed = ToolRun.run(["fix", ".", "--unsafe-fixes", "--show-fixes"], directory: site)
        XCTAssertTrue(fixed.errors.contains("twc-lint: fixed "), fixed.errors)
        let applied = Int(fixed.errors.split(separator: " ")[2])!
        XCTAssertGreaterThan(applied, 5, "unsafe fixes applied too")
        // Nothing fixable is left, safe or unsafe.
        XCTAssertTrue(
            ToolRun.run([".", "--show-fixes", "--unsafe-fixes"], directory: site).errors.hasPrefix(
                "twc-lint: 0 fixes available"))
    }

    func testOutputFileAndRelativeTo() throws {
        let folder = NSTemporaryDirectory() + "twc-out-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = ToolRun.run(
            [Paths.seedSite, "--format", "concise", "--output-file", folder + "/report.txt"],
            directory: Paths.packageRoot)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.output, "")
        let written = try String(contentsOfFile: folder + "/report.txt", encoding: .utf8)
        XCTAssertTrue(written.hasPrefix("fixtures/twc-site/content/"), written)
        let relative = ToolRun.run(
            [Paths.seedSite, "--format", "concise", "--relative-to", Paths.seedSite + "/content"],
            directory: Paths.packageRoot)
        XCTAssertTrue(relative.output.hasPrefix("about/index.md:"), relative.output)
        let json = ToolRun.run(
            [Paths.seedSite, "--format", "json", "--relative-to", Paths.seedSite], directory: Paths.packageRoot)
        let files = try XCTUnwrap(json.json?["diagnostics"] as? [[String: Any]]).map { $0["file"] as! String }
        XCTAssertTrue(files.allSatisfy { $0.hasPrefix("content/") }, files.description)
        let bad = ToolRun.run([Paths.seedSite, "--output-file", "/nonexistent/folder/x"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.errors.contains("--output-file: cannot write"), bad.errors)
    }

    func testEachCommandHasItsHelpAndExtraArgumentsAreErrors() {
        let check = ToolRun.run(["check", "--help"])
        XCTAssertTrue(check.output.hasPrefix("OVERVIEW: Check that"), check.output)
        XCTAssertTrue(check.output.contains("--baseline <file>"))
        let fix = ToolRun.run(["fix", "-h"])
        XCTAssertTrue(fix.output.hasPrefix("OVERVIEW: Apply the safe fixes"), fix.output)
        XCTAssertEqual(ToolRun.run(["help", "fix"]).output, fix.output)
        XCTAssertTrue(ToolRun.run(["--help"]).output.contains("SUBCOMMANDS:"))
        for arguments in [["rules", "broken-anchor", "extra"], ["version", "extra"], ["help", "fix", "extra"]] {
            let run = ToolRun.run(arguments)
            XCTAssertEqual(run.status, 2, arguments.description)
            XCTAssertTrue(run.errors.contains("unexpected 'extra'"), run.errors)
        }
    }

    /// The release workflow, the action and the binary hook take the version from VERSION; the
    /// binary must say the same.
    func testVersionFileMatchesTheBinary() throws {
        let file = try String(contentsOfFile: Paths.packageRoot + "/VERSION", encoding: .utf8)
        XCTAssertEqual(
            ToolRun.run(["--version"]).output, "twc-lint \(file.trimmingCharacters(in: .whitespacesAndNewlines))\n")
    }

    func testErrorsNameTheFlagAndAreJSONWithFormatJSON() throws {
        let language = ToolRun.run([Paths.seedSite, "--source-language", "fr"])
        XCTAssertEqual(language.status, 2)
        XCTAssertTrue(language.errors.hasPrefix("twc-lint: --source-language: error: "), language.errors)
        XCTAssertFalse(language.errors.contains("hugo.toml"), language.errors)
        let json = ToolRun.run([Paths.seedSite, "--format", "json", "--frobnicate"])
        XCTAssertEqual(json.status, 2)
        let error = try XCTUnwrap(json.json?["error"] as? [String: Any], json.output)
        XCTAssertEqual(error["message"] as? String, "unknown option '--frobnicate'")
        let config = ToolRun.run(["/nonexistent", "--format", "json"])
        XCTAssertEqual(config.status, 2)
        XCTAssertNotNil(config.json?["error"], config.output)
    }

    func testDumpAsText() throws {
        let run = ToolRun.run(["dump", Paths.seedSite + "/content/palestine/index.md", "--format", "text"])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertTrue(run.output.hasPrefix("file: content/palestine/index.md\nlanguage: en\n"), run.output)
        XCTAssertTrue(run.output.contains("headings:\n  - level: "), run.output)
        XCTAssertFalse(run.output.contains("{"), run.output)
        // JSON stays the default.
        XCTAssertTrue(ToolRun.run(["dump", Paths.seedSite + "/content/join/index.md"]).output.hasPrefix("["))
        XCTAssertEqual(ToolRun.run(["dump", Paths.seedSite, "--format", "sarif"]).status, 2)
    }

    func testCaretUnderWideCharactersAndCutExcerpts() throws {
        let root = try Self.site([
            "content/p.md": "---\ntitle: P\n---\n## 日本語\n\n中文 😀 见 [链接](#不存在) 好\n\n" + String(repeating: "x", count: 600)
                + " [y](#nope) " + String(repeating: "z", count: 600) + "\n"
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = ToolRun.run([root, "--select", "broken-anchor"], directory: root)
        let lines = run.output.split(separator: "\n").map(String.init)
        let source = try XCTUnwrap(lines.first { $0.contains("[链接]") })
        let caret = try XCTUnwrap(lines[lines.firstIndex(of: source)! + 1])
        // Display columns: each CJK character and the emoji take two.
        func width(_ text: Substring) -> Int { text.reduce(0) { $0 + TerminalText.displayWidth($1) } }
        let fragment = try XCTUnwrap(source.range(of: "不存在"))
        XCTAssertEqual(width(source[..<fragment.lowerBound]), caret.firstIndex(of: "^")!.utf16Offset(in: caret))
        XCTAssertTrue(caret.hasSuffix("^~~~~~"), caret)
        XCTAssertEqual(caret.filter { $0 == "~" }.count, 5, "three characters of two columns")
        // A window of a 1,200-character line is cut at both ends.
        let long = try XCTUnwrap(lines.first { $0.contains("(#nope)") })
        XCTAssertTrue(long.contains(" | …x"), long)
        XCTAssertTrue(long.hasSuffix("z…"), long)
        XCTAssertEqual(TerminalText.displayWidth("é"), 1)
        XCTAssertEqual(TerminalText.displayWidth("\u{301}"), 0)
        XCTAssertEqual(TerminalText.displayWidth("👍🏽"), 2)
        XCTAssertEqual(TerminalText.displayWidth("Ａ"), 2)
    }

    /// A one-language site with `files`, in a temporary folder.
    static func site(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "twc-edges-" + UUID().uuidString
        var all = files
        all["hugo.toml"] = "baseURL = \"https://example.org/\"\n"
        for (path, text) in all {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static func shell(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
