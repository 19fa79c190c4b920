import Foundation
import TWCReport
import XCTest

/// Text output never lets page content or file names act on the terminal: escape sequences, OSC 8
/// hyperlinks, BEL and bidirectional controls are shown as visible escapes, the caret still under
/// the span; JSON output keeps the text exactly.
final class TerminalOutputTests: XCTestCase {
    func testControlsInContentAndNamesAreShownNotSent() throws {
        let root = NSTemporaryDirectory() + "twc-terminal-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
        try "baseURL = \"https://example.org/\"\n".write(
            toFile: root + "/hugo.toml", atomically: false, encoding: .utf8)
        let hostile =
            "# T\n\n\u{1B}[31mred\u{1B}[0m \u{1B}]8;;https://evil.example\u{07}x\u{1B}]8;;\u{07} \u{202E}txt.exe [x](#nope)\n"
        try hostile.write(toFile: root + "/content/p\u{1B}[1m.md", atomically: false, encoding: .utf8)
        let text = ToolRun.run([root], directory: root)
        for control in ["\u{1B}", "\u{07}", "\u{202E}"] {
            XCTAssertFalse(text.output.contains(control), "text output holds \(control.unicodeScalars.first!.value)")
        }
        XCTAssertTrue(text.output.contains("content/p\\u{1B}[1m.md:3:"), text.output)
        XCTAssertTrue(text.output.contains("\\u{1B}]8;;https://evil.example\\u{7}x"), text.output)
        XCTAssertTrue(text.output.contains("\\u{202E}txt.exe"), text.output)
        // The caret sits under the fragment, after the escapes' width.
        let lines = text.output.split(separator: "\n").map(String.init)
        let source = try XCTUnwrap(lines.first { $0.contains("txt.exe") && $0.contains(" | ") })
        let caret = try XCTUnwrap(lines.first { $0.contains("^") && $0.contains(" | ") })
        let fragment = try XCTUnwrap(source.range(of: "nope)"))
        XCTAssertEqual(
            source.distance(from: source.startIndex, to: fragment.lowerBound),
            caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^")!))
        XCTAssertTrue(caret.hasSuffix("^~~~"), caret)
        // JSON keeps the text as it is (JSON escapes controls itself).
        let json = try XCTUnwrap(ToolRun.run([root, "--format", "json"], directory: root).json)
        let diagnostics = try XCTUnwrap(json["diagnostics"] as? [[String: Any]])
        XCTAssertTrue(diagnostics.contains { ($0["file"] as? String) == "content/p\u{1B}[1m.md" })
        XCTAssertTrue(diagnostics.contains { ($0["file"] as? String)?.contains("\u{1B}") == true })
    }

    func testVisibleEscapes() {
        XCTAssertEqual(
            TerminalText.visible("a\u{1B}b\u{7}c\u{9B}d\u{2066}e\tf"), "a\\u{1B}b\\u{7}c\\u{9B}d\\u{2066}e\tf")
        XCTAssertEqual(TerminalText.visible("line\nnext\u{202E}", keepingLineBreaks: true), "line\nnext\\u{202E}")
        XCTAssertEqual(TerminalText.visible("plain café"), "plain café")
    }
}
