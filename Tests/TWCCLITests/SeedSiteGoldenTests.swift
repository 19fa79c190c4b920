import Foundation
import XCTest

/// The seed site: every finding (rule, file, line) must match the checked-in expectation, which
/// lists each real defect of the five seed pages (see fixtures/twc-site.expected for why).
final class SeedSiteGoldenTests: XCTestCase {
    func testFindingsMatchExpectation() throws {
        let run = ToolRun.run([Paths.seedSite, "--format", "json"])
        let json = try XCTUnwrap(run.json, run.errors + run.output)
        let diagnostics = try XCTUnwrap(json["diagnostics"] as? [[String: Any]])
        let actual = diagnostics.map { "\($0["rule"]!) \($0["file"]!):\($0["line"]!)" }
        let expectedText = try String(contentsOfFile: Paths.packageRoot + "/fixtures/twc-site.expected", encoding: .utf8)
        let expected = expectedText.split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: " ", maxSplits: 2).prefix(2).joined(separator: " ") }
        XCTAssertEqual(actual.sorted(), expected.sorted(), "\n" + actual.joined(separator: "\n"))
        XCTAssertEqual(run.status, 1, "the seed site has error-severity findings")
    }
}
