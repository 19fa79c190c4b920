import TWCCore
import XCTest

@testable import TWCMarkdown

final class HugoMarkdownTests: XCTestCase {
    func parse(_ text: String) -> (HugoMarkdown.Document, [UInt8]) {
        let bytes = Array(text.utf8)
        return (HugoMarkdown.parse(bytes, range: 0..<bytes.count), bytes)
    }

    func slice(_ bytes: [UInt8], _ range: SourceRange) -> String { String(decoding: bytes[range.range], as: UTF8.self) }

    func testInlineShortcodeSplitsText() throws {
        let (document, bytes) = parse("Hello {{< name >}} world and {{% x %}}.\n")
        let paragraph = try XCTUnwrap(document.tree.children.first)
        XCTAssertEqual(
            paragraph.children.map(\.kind),
            [.text("Hello "), .shortcode(index: 0), .text(" world and "), .shortcode(index: 1), .text(".")])
        XCTAssertEqual(slice(bytes, paragraph.children[1].range), "{{< name >}}")
        XCTAssertEqual(slice(bytes, paragraph.children[3].range), "{{% x %}}")
    }

    func testLoneShortcodesAreBlocks() throws {
        let (document, bytes) = parse(
            "Intro.\n\n{{< details summary=\"More\" >}}\n\nInner *text*.\n\n{{< /details >}}\n")
        XCTAssertEqual(
            document.tree.children.map(\.kind), [.paragraph, .shortcode(index: 0), .paragraph, .shortcode(index: 1)])
        XCTAssertEqual(slice(bytes, document.tree.children[3].range), "{{< /details >}}")
        XCTAssertEqual(document.shortcodes[0].partner, 1)
        XCTAssertEqual(document.shortcodes[0].parameter("summary")?.value, "More")
    }

    func testShortcodeInLinkDestinationKeepsTheLink() throws {
        let (document, bytes) = parse("See [the page]({{< ref \"about.md\" >}}#team).\n")
        var link: MarkdownNode?
        document.tree.walk { node in
            if case .link = node.kind { link = node }
            return true
        }
        let found = try XCTUnwrap(link)
        XCTAssertEqual(slice(bytes, try XCTUnwrap(found.destinationRange)), "{{< ref \"about.md\" >}}#team")
    }

    func testShortcodesInCodeStayInTheCode() throws {
        let (document, _) = parse("Use `{{< x >}}` here.\n\n```\n{{< y >}}\n```\n")
        XCTAssertEqual(document.shortcodes.count, 2, "Hugo lexes shortcodes in code too")
        var kinds: [String] = []
        document.tree.walk { node in
            if case .shortcode = node.kind { kinds.append("shortcode") }
            return true
        }
        XCTAssertEqual(kinds, [], "no shortcode node inside a code span or block")
    }

    func testMalformedShortcodeIsAProblemNotACrash() {
        let (document, _) = parse("Text {{< x \"unterminated >}}\n\nMore {{< /y >}}\n")
        XCTAssertEqual(document.problems.count, 2)
    }
}
