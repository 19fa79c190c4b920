import TWCCore
import XCTest

@testable import TWCMarkdown

/// Shortcodes nested 100,000 deep, or left open 100,000 times: the lexer and the page parser
/// pair them with a stack of their own (no recursion) and report what is unclosed where it is.
final class ShortcodeDepthTests: XCTestCase {
    func testHundredThousandNestedShortcodes() {
        let depth = 100_000
        let text = String(repeating: "{{< a >}}", count: depth) + "x" + String(repeating: "{{< /a >}}", count: depth)
        let bytes = Array(text.utf8)
        let result = ShortcodeLexer.lex(bytes, range: 0..<bytes.count)
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.shortcodes.count, 2 * depth)
        XCTAssertEqual(result.shortcodes.first?.partner, 2 * depth - 1)
        XCTAssertEqual(result.shortcodes[depth - 1].partner, depth)
        // Through the page parser: every tag is in the tree.
        let document = HugoMarkdown.parse(bytes, range: 0..<bytes.count)
        var tags = 0
        document.tree.walk { node in
            if case .shortcode = node.kind { tags += 1 }
            return true
        }
        XCTAssertEqual(tags, 2 * depth)
    }

    func testManyUnclosed() {
        for shape in ["{{< a >}}", "{{% a %}}", "{{< a ", "{{% a \"", "{{<", "{{< /a >}}"] {
            let text = String(repeating: shape, count: 30_000) + "\n"
            let bytes = Array(text.utf8)
            let document = HugoMarkdown.parse(bytes, range: 0..<bytes.count)
            XCTAssertEqual(document.tree.range, SourceRange(0, bytes.count), shape)
            for problem in document.problems {
                XCTAssertTrue(problem.range.start >= 0 && problem.range.end <= bytes.count, shape)
            }
        }
        // Closing tags with none open: each is reported at its own tag.
        let closings = Array(String(repeating: "{{< /a >}}", count: 100_000).utf8)
        let problems = ShortcodeLexer.lex(closings, range: 0..<closings.count).problems
        XCTAssertEqual(problems.count, 100_000)
        XCTAssertEqual(problems.last?.range.start, 99_999 * 10)
    }
}
