import TWCCore
import TWCMarkdown
import XCTest

/// The sizes of issue #3: each input finishes without crashing (bounded stack); time is measured
/// by `twc-bench scaling` in a release build, not here.
final class AdversarialSizeTests: XCTestCase {
    func parse(_ text: String) -> MarkdownNode {
        let bytes = Array(text.utf8)
        let tree = MarkdownParser.parse(bytes, range: 0..<bytes.count)
        XCTAssertEqual(tree.range, SourceRange(0, bytes.count))
        return tree
    }

    func testHundredThousandLevels() {
        _ = parse(String(repeating: ">", count: 100_000) + " deep\n")
        _ = parse(String(repeating: "- ", count: 100_000) + "deep\n")
        _ = parse(String(repeating: "1. ", count: 100_000) + "deep\n")
        _ = parse((0..<100_000).map { String(repeating: " ", count: min($0, 3)) + "> " }.joined() + "x\n")
    }

    func testHundredThousandUnclosedOpeners() {
        for opener in ["[", "![", "*", "_", "`", "<", "**", "~~", "(", "&"] {
            _ = parse(String(repeating: opener, count: 100_000) + "\n")
            _ = parse(String(repeating: opener + "a ", count: 100_000) + "\n")
        }
    }

    func testLongEmphasisRunsAndManyDefinitions() {
        _ = parse(String(repeating: "*", count: 100_000) + "a" + String(repeating: "*", count: 99_999) + "\n")
        _ = parse(String(repeating: "*a **b ", count: 50_000) + "\n")
        let definitions = (0..<100_000).map { "[label \($0)]: /url/\($0) \"t\"\n" }.joined()
        let tree = parse(definitions + "\n[label 5] and [label 99999]\n")
        XCTAssertEqual(tree.children.last?.children.filter { if case .link = $0.kind { true } else { false } }.count, 2)
    }

    func testTenMegabyteLine() {
        let line = String(repeating: "word *em* [link](/x) `code` ", count: 10_000_000 / 29)
        let tree = parse(line + "\n")
        XCTAssertEqual(tree.children.count, 1)
    }
}
