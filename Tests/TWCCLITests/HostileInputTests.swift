import Foundation
import XCTest

/// Hostile inputs through the whole command, in sites the tests build: each ends with a located
/// error and the right exit status, never a crash or a hang.
final class HostileInputTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "twc-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
        try write(
            "hugo.toml", "baseURL = \"https://example.org/\"\n[languages.en]\nweight = 1\n[languages.nl]\nweight = 2\n")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: root + "/" + path, atomically: false, encoding: .utf8)
    }

    /// `a = {a={a=...}}` 20,000 deep, in a page and in the configuration.
    func testDeeplyNestedInlineTables() throws {
        let deep = "a = " + String(repeating: "{a=", count: 20_000) + "1" + String(repeating: "}", count: 20_000) + "\n"
        try write("content/p.md", "+++\n" + deep + "+++\nText.\n")
        try write("content/p.nl.md", "+++\ntitle = \"p\"\n+++\nTekst.\n")
        let page = ToolRun.run([root, "--format", "json"], directory: root)
        XCTAssertEqual(page.status, 1)
        let diagnostics = try XCTUnwrap(page.json?["diagnostics"] as? [[String: Any]])
        let syntax = diagnostics.filter { $0["rule"] as? String == "frontmatter-syntax" }
        XCTAssertEqual(syntax.map { $0["file"] as? String }, ["content/p.md"])
        XCTAssertEqual(syntax.first?["line"] as? Int, 2)

        try write("hugo.toml", "baseURL = \"https://example.org/\"\n" + deep)
        let config = ToolRun.run([root], directory: root)
        XCTAssertEqual(config.status, 2)
        XCTAssertTrue(config.errors.hasPrefix("twc-lint: hugo.toml:2:"), config.errors)
    }

    /// A "billion laughs" alias bomb in both versions of a page: `check`, `fix` and `dump` end
    /// with a located front matter error.
    func testAliasBombInTwoVersions() throws {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = level
        }
        try write("content/p.md", "---\n" + yaml + "---\nText.\n")
        try write("content/p.nl.md", "---\n" + yaml + "---\nTekst.\n")
        for arguments in [[root, "--format", "json"], ["fix", root, "--format", "json"]] {
            let run = ToolRun.run(arguments, directory: root)
            XCTAssertEqual(run.status, 1, arguments.joined(separator: " "))
            let diagnostics = try XCTUnwrap(run.json?["diagnostics"] as? [[String: Any]])
            let files = diagnostics.filter { $0["rule"] as? String == "frontmatter-syntax" }.compactMap {
                $0["file"] as? String
            }
            XCTAssertEqual(files.sorted(), ["content/p.md", "content/p.nl.md"])
        }
        let dump = ToolRun.run(["dump", root + "/content/p.md"], directory: root)
        XCTAssertEqual(dump.status, 0)
        XCTAssertLessThan(dump.output.utf8.count, 100_000, "the value is never built")
    }
}
