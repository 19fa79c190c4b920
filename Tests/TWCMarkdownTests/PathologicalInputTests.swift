import TWCCore
import XCTest

@testable import TWCMarkdown

/// The shapes of cmark's pathological tests (test/pathological_tests.py, generators of our own) at
/// sizes where a quadratic parser takes minutes: each parses to the result cmark gives (checked
/// against cmark 0.30.2 at small sizes) with a bounded tree depth. Time is checked by the
/// instruction-count gate (`scripts/scaling-instructions.sh`), not here.
final class PathologicalInputTests: XCTestCase {
    struct Counts {
        var links = 0, images = 0, emphasis = 0, strong = 0, code = 0, html = 0, items = 0, quotes = 0
        var depth = 0
        var text = ""
    }

    func parse(_ text: String, _ options: MarkdownParser.Options = .commonMark) -> Counts {
        let bytes = Array(text.utf8)
        let tree = MarkdownParser.parse(bytes, range: 0..<bytes.count, options: options)
        XCTAssertEqual(tree.range, SourceRange(0, bytes.count))
        var counts = Counts()
        var stack = [(tree, 0)]
        while let (node, depth) = stack.popLast() {
            counts.depth = max(counts.depth, depth)
            switch node.kind {
            case .link: counts.links += 1
            case .image: counts.images += 1
            case .emphasis: counts.emphasis += 1
            case .strong: counts.strong += 1
            case .codeSpan: counts.code += 1
            case .htmlInline: counts.html += 1
            case .listItem: counts.items += 1
            case .blockQuote: counts.quotes += 1
            case .text(let value): counts.text += value
            case .softBreak: counts.text += "\n"
            default: break
            }
            for child in node.children.reversed() { stack.append((child, depth + 1)) }
        }
        return counts
    }

    func testBrackets() {
        let nested = parse(String(repeating: "[", count: 100_000) + "a" + String(repeating: "]", count: 100_000))
        XCTAssertEqual(nested.links, 0)
        XCTAssertTrue(nested.text.count == 200_001)
        // Only the innermost of nested links is a link (a link cannot contain a link).
        let links = parse(String(repeating: "[", count: 100_000) + "a" + String(repeating: "](u)", count: 100_000))
        XCTAssertEqual(links.links, 1)
        // Images may nest: the tree keeps a bounded depth (deeper wrappers are flattened).
        let images = parse(String(repeating: "![", count: 20_000) + "a" + String(repeating: "](u)", count: 20_000))
        XCTAssertGreaterThan(images.images, 0)
        XCTAssertLessThan(images.depth, InlineParser.maximumDepth + 10)
        XCTAssertTrue(images.text.contains("a"))
        XCTAssertEqual(parse(String(repeating: "a]", count: 30_000)).text.count, 60_000)
        XCTAssertEqual(parse(String(repeating: "[a", count: 30_000)).links, 0)
        XCTAssertEqual(parse(String(repeating: "[ a_", count: 20_000)).links, 0)
        XCTAssertEqual(parse(String(repeating: "[\\]", count: 30_000)).links, 0)
        XCTAssertEqual(parse(String(repeating: "[\\", count: 30_000)).links, 0)
    }

    /// `![[]()` repeated: every `[]()` is an empty link, every `![` stays text. Closing a link used
    /// to walk back over all the image openers before it (quadratic).
    func testImageOpenersBeforeLinks() {
        let counts = parse(String(repeating: "![[]()", count: 50_000))
        XCTAssertEqual(counts.links, 50_000)
        XCTAssertEqual(counts.images, 0)
        XCTAssertTrue(counts.text == String(repeating: "![", count: 50_000))
        // An image opener before a link still makes an image around it, and a link opener before
        // a link stays text.
        let mixed = parse("![a [b](c) d](e) and [x [y](z) w](v)")
        XCTAssertEqual(mixed.images, 1)
        XCTAssertEqual(mixed.links, 2)
        XCTAssertEqual(parse("[a ![b [c](d) e](f) g](h)").links, 1)
    }

    func testUnclosedLinks() {
        for shape in ["[a](<b", "[a](b", "[a](/u \"t", "![a"] {
            let counts = parse(String(repeating: shape, count: 20_000))
            XCTAssertEqual(counts.links + counts.images, 0, shape)
            XCTAssertEqual(counts.text.count, shape.count * 20_000, shape)
        }
    }

    func testEmphasisShapes() {
        let nested = parse(
            String(repeating: "*a **a ", count: 20_000) + "b" + String(repeating: " a** a*", count: 20_000))
        XCTAssertGreaterThan(nested.emphasis, 0)
        XCTAssertGreaterThan(nested.strong, 0)
        XCTAssertLessThan(nested.depth, InlineParser.maximumDepth + 10)
        for shape in ["a_ ", "_a ", "*a_ "] {
            let counts = parse(String(repeating: shape, count: 20_000))
            XCTAssertEqual(counts.emphasis + counts.strong, 0, shape)
        }
        XCTAssertEqual(parse("a**b" + String(repeating: "c* ", count: 20_000)).emphasis, 0)
        XCTAssertEqual(parse(String(repeating: "_a_ ", count: 30_000)).emphasis, 30_000)
        let mixes = parse(String(repeating: "*a **a ***a _a __a ", count: 5_000))
        XCTAssertLessThan(mixes.depth, InlineParser.maximumDepth + 10)
    }

    func testBackticks() {
        // "e`e``e```...": no two runs of one length, so no code span.
        let text = (1..<1_000).map { "e" + String(repeating: "`", count: $0) }.joined()
        let counts = parse(text)
        XCTAssertEqual(counts.code, 0)
        XCTAssertEqual(counts.text.count, text.count)
    }

    func testManyReferencesAndDefinitions() {
        let definitions = (1..<20_000).map { "[\($0)]: u\n" }.joined()
        let counts = parse(definitions + String(repeating: "[0] ", count: 20_000) + "[7]")
        XCTAssertEqual(counts.links, 1)
        XCTAssertEqual(parse(String(repeating: "[a][b]", count: 20_000) + "\n\n[b]: /u\n").links, 20_000)
        // A label open over many lines is not a definition.
        XCTAssertEqual(parse(String(repeating: "[a\n", count: 20_000) + "]: /u\n\n[a]").links, 0)
    }

    func testUnclosedHTML() {
        for shape in ["<a ", "<a href=\"", "a <!-- ", "<? <![CDATA[ <!X ", "<http:"] {
            let counts = parse("x " + String(repeating: shape, count: 10_000))
            XCTAssertEqual(counts.html + counts.links, 0, shape)
        }
    }

    func testNestedBlocks() {
        let quotes = parse(String(repeating: "> ", count: 100_000) + "a")
        XCTAssertEqual(quotes.quotes, BlockParser.maxNesting)
        XCTAssertTrue(quotes.text.hasSuffix("a"))
        // Lists nested by indentation, 600 levels (1,200 blocks: each list and its item).
        let lists = parse((0..<600).map { String(repeating: "  ", count: $0) + "* a\n" }.joined())
        XCTAssertGreaterThan(lists.items, BlockParser.maxNesting / 2 - 2)
        XCTAssertLessThanOrEqual(lists.depth, BlockParser.maxNesting + 4)
        XCTAssertEqual(lists.text.filter { $0 == "a" }.count, 600)
    }
}

extension PathologicalInputTests {
    /// Below the deepest inline container kept, a link's wrapper is dropped: the text after it is
    /// outside the link again (GFM autolinks apply there, not inside the link).
    func testTextAfterAFlattenedLinkIsOutsideIt() {
        let depth = InlineParser.maximumDepth + 5
        let text =
            String(repeating: "*a ", count: depth) + "[in www.a.org](/u) www.b.org"
            + String(repeating: " b*", count: depth)
        let bytes = Array(text.utf8)
        let tree = MarkdownParser.parse(bytes, range: 0..<bytes.count, options: .hugo)
        var destinations: [String] = []
        tree.walk { node in
            if case .link(let destination, _, _) = node.kind { destinations.append(destination) }
            return true
        }
        XCTAssertEqual(destinations, ["https://www.b.org"])
    }
}

extension PathologicalInputTests {
    /// A line of list markers is read once for thematic breaks (not once per marker), with the
    /// results cmark gives.
    func testListMarkersAndThematicBreaks() {
        let cases = [
            (
                "- - - - x",
                "<ul>\n<li>\n<ul>\n<li>\n<ul>\n<li>\n<ul>\n<li>x</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n"
            ),
            ("- - -", "<hr />\n"),
            ("- * * *", "<ul>\n<li>\n<hr />\n</li>\n</ul>\n"),
            ("* - - -", "<ul>\n<li>\n<hr />\n</li>\n</ul>\n"),
            ("- - * * *", "<ul>\n<li>\n<ul>\n<li>\n<hr />\n</li>\n</ul>\n</li>\n</ul>\n"),
            (
                "- - - * x",
                "<ul>\n<li>\n<ul>\n<li>\n<ul>\n<li>\n<ul>\n<li>x</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n"
            ),
        ]
        for (markdown, html) in cases {
            XCTAssertEqual(
                HTMLRenderer.render(MarkdownParser.parse(markdown + "\n", options: .commonMark)), html, markdown)
        }
        let long = parse(String(repeating: "- ", count: 100_000) + "x")
        XCTAssertEqual(long.items, BlockParser.maxNesting / 2)
        XCTAssertTrue(long.text.hasSuffix("- x"))
    }
}

extension PathologicalInputTests {
    func linkDestinations(_ text: String) -> [String] {
        var destinations: [String] = []
        MarkdownParser.parse(text, options: .hugo).walk { node in
            if case .link(let destination, _, _) = node.kind { destinations.append(destination) }
            return true
        }
        return destinations
    }

    /// GFM autolinks over long runs: a domain refused for underscores is read once, and the
    /// parentheses of a URL are counted once, whatever the number of `)` trimmed.
    func testAutolinkRuns() {
        XCTAssertEqual(linkDestinations(String(repeating: "www.a_b_", count: 20_000)), [])
        XCTAssertEqual(linkDestinations("x www.a_b.c_d www.ok.org y"), ["https://www.ok.org"])
        XCTAssertEqual(linkDestinations("www.a_b.www.c.d"), ["https://www.a_b.www.c.d"])
        XCTAssertEqual(linkDestinations("_www.a_b_www.c.d"), ["https://www.a_b_www.c.d"])
        XCTAssertEqual(linkDestinations("http://a.b/" + String(repeating: ")", count: 20_000)), ["http://a.b/"])
        XCTAssertEqual(linkDestinations("www.a.b/(x))"), ["https://www.a.b/(x)"])
        XCTAssertEqual(linkDestinations("www.a.b/((x))))"), ["https://www.a.b/((x))"])
    }
}

extension PathologicalInputTests {
    /// A wide header over many short rows: the tree holds the cells written (Goldmark's padding
    /// cells have no source), so its size stays linear; the HTML still has every padded cell.
    func testTablePaddingIsNotInTheTree() {
        let columns = 10_000
        let text =
            "|" + String(repeating: "a|", count: columns) + "\n|" + String(repeating: "-|", count: columns)
            + "\n" + String(repeating: "x\n", count: 10_000)
        let bytes = Array(text.utf8)
        let tree = MarkdownParser.parse(bytes, range: 0..<bytes.count, options: .hugo)
        var cells = 0
        var rows = 0
        tree.walk { node in
            if node.kind == .tableCell { cells += 1 }
            if node.kind == .tableRow { rows += 1 }
            return true
        }
        XCTAssertEqual(rows, 10_000)
        XCTAssertEqual(cells, columns + 10_000)
        let small = MarkdownParser.parse("| a | b | c |\n|---|:-:|--:|\n| x |\n| y | z |\n", options: .hugo)
        XCTAssertEqual(
            HTMLRenderer.render(small),
            "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"center\">b</th>\n<th align=\"right\">c</th>\n</tr>\n"
                + "</thead>\n<tbody>\n<tr>\n<td>x</td>\n<td align=\"center\"></td>\n<td align=\"right\"></td>\n</tr>\n"
                + "<tr>\n<td>y</td>\n<td align=\"center\">z</td>\n<td align=\"right\"></td>\n</tr>\n</tbody>\n</table>\n"
        )
    }
}
