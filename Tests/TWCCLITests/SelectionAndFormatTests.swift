import Foundation
import XCTest

@testable import TWCReport

/// `--select`, `--ignore`, `--exit-zero`, `--fail-on`, and the one-line formats for CI logs and
/// annotations (`concise`, `github`), with paths as seen from where the command runs.
final class SelectionAndFormatTests: XCTestCase {
    func rules(_ run: ToolRun) throws -> [String] {
        try XCTUnwrap(run.json?["diagnostics"] as? [[String: Any]], run.errors).map { $0["rule"] as! String }
    }

    func testSelectAndIgnore() throws {
        let all = try rules(ToolRun.run([Paths.seedSite, "--format", "json"]))
        XCTAssertTrue(all.contains("broken-anchor") && all.contains("link-mismatch"))
        let selected = try rules(ToolRun.run([Paths.seedSite, "--format", "json", "--select", "broken-anchor"]))
        XCTAssertEqual(selected.count, all.filter { $0 == "broken-anchor" }.count)
        XCTAssertEqual(Set(selected), ["broken-anchor"])
        let ignored = try rules(
            ToolRun.run([Paths.seedSite, "--format", "json", "--ignore=broken-anchor,link-mismatch"]))
        XCTAssertEqual(ignored.count, all.filter { $0 != "broken-anchor" && $0 != "link-mismatch" }.count)
        let unknown = ToolRun.run([Paths.seedSite, "--select", "broken-anchors"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.errors.contains("--select: unknown rule 'broken-anchors'"), unknown.errors)
    }

    func testExitStatus() {
        XCTAssertEqual(ToolRun.run([Paths.seedSite]).status, 1, "the seed site has errors")
        XCTAssertEqual(ToolRun.run([Paths.seedSite, "--exit-zero"]).status, 0)
        // link-mismatch reports warnings only: they fail the run with --fail-on warning.
        XCTAssertEqual(ToolRun.run([Paths.seedSite, "--select", "link-mismatch"]).status, 0)
        XCTAssertEqual(ToolRun.run([Paths.seedSite, "--select", "link-mismatch", "--fail-on", "warning"]).status, 1)
        let bad = ToolRun.run([Paths.seedSite, "--fail-on", "info"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.errors.contains("--fail-on"), bad.errors)
    }

    func testConciseIsOneLinePerFindingWithPathsFromTheCurrentDirectory() throws {
        let count = try rules(ToolRun.run([Paths.seedSite, "--format", "json"])).count
        let run = ToolRun.run([Paths.seedSite, "--format", "concise"], directory: Paths.packageRoot)
        let lines = run.output.split(separator: "\n")
        XCTAssertEqual(lines.count, count)
        for line in lines {
            XCTAssertTrue(line.hasPrefix("fixtures/twc-site/content/"), String(line))
            XCTAssertTrue(line.contains(": error: ") || line.contains(": warning: "), String(line))
            XCTAssertTrue(line.hasSuffix("]"), String(line))
        }
        let inside = ToolRun.run([".", "--format", "concise"], directory: Paths.seedSite)
        XCTAssertTrue(inside.output.split(separator: "\n").allSatisfy { $0.hasPrefix("content/") }, inside.output)
    }

    func testGitHubWorkflowCommands() throws {
        let count = try rules(ToolRun.run([Paths.seedSite, "--format", "json"])).count
        let run = ToolRun.run([Paths.seedSite, "--format", "github"], directory: Paths.packageRoot)
        let lines = run.output.split(separator: "\n")
        XCTAssertEqual(lines.count, count)
        for line in lines {
            XCTAssertTrue(
                line.hasPrefix("::error file=fixtures/twc-site/")
                    || line.hasPrefix("::warning file=fixtures/twc-site/"), String(line))
            XCTAssertTrue(
                line.contains(",line=") && line.contains(",col=") && line.contains(",title=twc-lint "), String(line))
        }
        // Messages and properties are escaped as the runner reads them.
        XCTAssertEqual(GitHubReporter.data("50% done\nnext"), "50%25 done%0Anext")
        XCTAssertEqual(GitHubReporter.property("a:b,c"), "a%3Ab%2Cc")
    }
}

final class StatisticsQuietColourTests: XCTestCase {
    func testStatisticsCountPerRule() throws {
        let json = try XCTUnwrap(ToolRun.run([Paths.seedSite, "--format", "json"]).json)
        let rules = (json["diagnostics"] as! [[String: Any]]).map { $0["rule"] as! String }
        let text = ToolRun.run([Paths.seedSite, "--statistics"]).output
        for rule in Set(rules) {
            let count = rules.filter { $0 == rule }.count
            XCTAssertTrue(text.contains("\(count)  \(rule)  "), "\(rule): \(text)")
        }
        let counts = try XCTUnwrap(
            (try? JSONSerialization.jsonObject(
                with: Data(ToolRun.run([Paths.seedSite, "--statistics", "--format", "json"]).output.utf8)))
                as? [String: Int])
        XCTAssertEqual(counts.values.reduce(0, +), rules.count)
    }

    func testQuietLeavesOutTheSummary() {
        let full = ToolRun.run([Paths.seedSite]).output
        let quiet = ToolRun.run([Paths.seedSite, "--quiet"]).output
        XCTAssertTrue(full.contains("twc-lint: "), full)
        XCTAssertFalse(quiet.contains("twc-lint: "), quiet)
        XCTAssertTrue(full.hasPrefix(quiet))
        XCTAssertEqual(ToolRun.run([Paths.seedSite + "/content/join", "--quiet"]).output, "")
    }

    func testColourFollowsTheEnvironment() {
        let escape = "\u{1B}["
        XCTAssertTrue(ToolRun.run([Paths.seedSite], terminal: true).output.contains(escape))
        XCTAssertFalse(
            ToolRun.run([Paths.seedSite], environment: ["TERM": "dumb"], terminal: true).output.contains(escape))
        XCTAssertFalse(
            ToolRun.run([Paths.seedSite], environment: ["NO_COLOR": "1"], terminal: true).output.contains(escape))
        XCTAssertTrue(ToolRun.run([Paths.seedSite], environment: ["FORCE_COLOR": "1"]).output.contains(escape))
        XCTAssertTrue(ToolRun.run([Paths.seedSite], environment: ["CLICOLOR_FORCE": "1"]).output.contains(escape))
        XCTAssertFalse(ToolRun.run([Paths.seedSite], environment: ["CLICOLOR_FORCE": "0"]).output.contains(escape))
    }
}

final class NamedFilesTests: XCTestCase {
    /// A changed configuration or layout can change any page: naming one lints the whole site.
    func testNamingANonContentFileLintsTheWholeSite() throws {
        func count(_ paths: [String]) throws -> Int {
            try XCTUnwrap(ToolRun.run(paths + ["--format", "json"]).json?["diagnostics"] as? [[String: Any]]).count
        }
        let whole = try count([Paths.seedSite])
        XCTAssertGreaterThan(whole, try count([Paths.seedSite + "/content/palestine"]))
        XCTAssertEqual(try count([Paths.seedSite + "/hugo.toml"]), whole)
        XCTAssertEqual(try count([Paths.seedSite + "/content/palestine", Paths.seedSite + "/layouts"]), whole)
    }
}
