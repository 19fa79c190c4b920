import Foundation
import TWCSite
import TWCTestSupport
import XCTest

/// Sites still on Hugo before 0.144 (`hugoVersion = "0.111.3"` in `.twc-lint.toml`) get heading IDs
/// from the raw Markdown of the heading (hugo-behaviour §1.1b). Checked against Debian's Hugo
/// 0.111.3 (`apt-get install hugo`, installed by .ci/run), on the same vectors as the current Hugo.
final class LegacyHugoOracleTests: XCTestCase {
    func testHeadingIDsOfHugo0111() throws {
        let legacyHugo = try ExternalTool.legacyHugo()
        let root = HugoOracleTests.packageRoot + "/fixtures/hugo-anchors"
        let output = NSTemporaryDirectory() + "twc-hugo-legacy-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        let build = try run(legacyHugo, ["--source", root, "--destination", output, "--quiet"])
        XCTAssertEqual(build.status, 0, build.errors)

        let legacy = try SiteLoader.load(
            root: root, options: SiteLoadOptions(settings: LintSettings(hugoVersion: [0, 111, 3])))
        let current = try SiteLoader.load(root: root)
        var compared = 0
        var differentFromCurrent = 0
        for (page, newPage) in zip(legacy.pages, current.pages) {
            let html = try String(contentsOfFile: output + page.url + "index.html", encoding: .utf8)
            let hugoIDs = HugoOracleTests.headingIDs(in: html)
            XCTAssertEqual(page.headings.compactMap(\.anchor), hugoIDs, page.path)
            compared += hugoIDs.count
            differentFromCurrent += zip(page.headings, newPage.headings).filter { $0.anchor != $1.anchor }.count
        }
        print("Hugo 0.111 heading ids: \(compared) compared, \(differentFromCurrent) differ from Hugo 0.144+")
        XCTAssertGreaterThanOrEqual(compared, 118)
        XCTAssertGreaterThanOrEqual(differentFromCurrent, 24, "the vectors must exercise the old pipeline")
    }

    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
