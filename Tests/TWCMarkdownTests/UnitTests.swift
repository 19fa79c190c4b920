import Foundation
import TWCCore
import XCTest

@testable import TWCMarkdown

func parseDoc(_ s: String, _ options: MarkdownParser.Options = .hugo) -> (MarkdownNode, [UInt8]) {
    let bytes = Array(s.utf8)
    return (MarkdownParser.parse(bytes, range: 0..<bytes.count, options: options), bytes)
}

func slice(_ bytes: [UInt8], _ r: SourceRange?) -> String? {
    guard let r else { return nil }
    return String(decoding: bytes[r.start..<r.end], as: UTF8.self)
}

func all(_ doc: MarkdownNode, where pred: (MarkdownNode) -> Bool) -> [MarkdownNode] {
    var out: [MarkdownNode] = []
    doc.walk {
        if pred($0) { out.append($0) }
        return true
    }
    return out
}

func links(_ doc: MarkdownNode) -> [MarkdownNode] {
    all(doc) {
        if case .link = $0.kind { return true }
        return false
    }
}

func headings(_ doc: MarkdownNode) -> [MarkdownNode] {
    all(doc) {
        if case .heading = $0.kind { return true }
        return false
    }
}

final class UnitTests: XCTestCase {
    func testHeadingAttributes() {
        let (doc, bytes) = parseDoc(
            "## Wat kun je doen?  {#doen .cls key=\"v w\"}\n\n# Plain #\n\n# Bad {#slash/bad}\n\n# Esc \\{#x}\n\n# Two {#a #b}\n\n# Id key {id=foo}\n\n## Foo {#bar} ##\n"
        )
        let hs = headings(doc)
        XCTAssertEqual(hs.count, 7)
        XCTAssertEqual(hs[0].kind, .heading(level: 2, setext: false))
        XCTAssertEqual(slice(bytes, hs[0].contentRange), "Wat kun je doen?")
        XCTAssertEqual(hs[0].attributes?.id, "doen")
        XCTAssertEqual(hs[0].attributes?.classes, ["cls"])
        XCTAssertEqual(hs[0].attributes?.pairs.first?.value, "v w")
        XCTAssertEqual(slice(bytes, hs[0].attributes?.range), "{#doen .cls key=\"v w\"}")
        XCTAssertEqual(hs[0].children.count, 1)
        XCTAssertEqual(hs[0].children.first?.kind, .text("Wat kun je doen?"))
        XCTAssertEqual(slice(bytes, hs[1].contentRange), "Plain")
        XCTAssertNil(hs[1].attributes)
        XCTAssertNil(hs[2].attributes)
        XCTAssertEqual(slice(bytes, hs[2].contentRange), "Bad {#slash/bad}")
        XCTAssertNil(hs[3].attributes)
        XCTAssertEqual(hs[4].attributes?.id, "b")
        XCTAssertEqual(hs[5].attributes?.id, "foo")
        XCTAssertNil(hs[6].attributes)
        XCTAssertEqual(slice(bytes, hs[6].contentRange), "Foo {#bar}")
        // attributes off
        let (doc2, _) = parseDoc("# T {#x}\n", .commonMark)
        XCTAssertNil(headings(doc2)[0].attributes)
    }

    func testSetextHeading() {
        let (doc, bytes) = parseDoc("Line one\nline *two* {#sx}\n===\n\nNext\n---\n")
        let hs = headings(doc)
        XCTAssertEqual(hs.count, 2)
        XCTAssertEqual(hs[0].kind, .heading(level: 1, setext: true))
        XCTAssertEqual(slice(bytes, hs[0].contentRange), "Line one\nline *two*")
        XCTAssertEqual(hs[0].attributes?.id, "sx")
        XCTAssertEqual(slice(bytes, hs[0].range), "Line one\nline *two* {#sx}\n===")
        XCTAssertEqual(hs[1].kind, .heading(level: 2, setext: true))
        XCTAssertEqual(slice(bytes, hs[1].contentRange), "Next")
    }

    func testLinkDestinations() {
        let src =
            "See [a](/inline \"T\"), [b](<with space>), [c][ref], [ref][], [ref], [e]() and <https://auto.org>.\n\n[ref]: https://ref.example/x 'title'\n"
        let (doc, bytes) = parseDoc(src)
        let ls = links(doc)
        XCTAssertEqual(ls.count, 7)
        XCTAssertEqual(slice(bytes, ls[0].destinationRange), "/inline")
        XCTAssertEqual(ls[0].kind, .link(destination: "/inline", title: "T", style: .inline))
        XCTAssertEqual(slice(bytes, ls[0].range), "[a](/inline \"T\")")
        XCTAssertEqual(slice(bytes, ls[1].destinationRange), "with space")
        for k in 2...4 {
            XCTAssertEqual(slice(bytes, ls[k].destinationRange), "https://ref.example/x")
            if case .link(let d, let t, .reference) = ls[k].kind {
                XCTAssertEqual(d, "https://ref.example/x")
                XCTAssertEqual(t, "title")
            } else {
                XCTFail("not a reference link: \(ls[k].kind)")
            }
        }
        XCTAssertEqual(slice(bytes, ls[2].range), "[c][ref]")
        XCTAssertEqual(slice(bytes, ls[3].range), "[ref][]")
        XCTAssertEqual(slice(bytes, ls[4].range), "[ref]")
        XCTAssertEqual(ls[5].destinationRange?.isEmpty, true)
        XCTAssertEqual(
            ls[5].destinationRange?.start,
            src.utf8.distance(
                from: src.utf8.startIndex, to: src.range(of: "[e]()")!.lowerBound.samePosition(in: src.utf8)!) + 4)
        XCTAssertEqual(ls[6].kind, .link(destination: "https://auto.org", title: "", style: .autolink))
        XCTAssertEqual(slice(bytes, ls[6].destinationRange), "https://auto.org")
        let defs = all(doc) {
            if case .linkReferenceDefinition = $0.kind { return true }
            return false
        }
        XCTAssertEqual(defs.count, 1)
        XCTAssertEqual(slice(bytes, defs[0].destinationRange), "https://ref.example/x")
        XCTAssertEqual(slice(bytes, defs[0].range), "[ref]: https://ref.example/x 'title'")
    }

    func testTableWithLinks() {
        let src = """
            | Organisatie | Focus |
            | ----------- | :---: |
            | [BDS Nederland](https://bdsnederland.nl/)  | Stichting … |
            | `a \\| b` | [x](/y) \\| z |
            """
        let (doc, bytes) = parseDoc(src)
        let tables = all(doc) {
            if case .table = $0.kind { return true }
            return false
        }
        XCTAssertEqual(tables.count, 1)
        let table = tables[0]
        XCTAssertEqual(table.kind, .table(alignments: [.none, .center]))
        XCTAssertEqual(table.children.count, 3)
        XCTAssertEqual(table.children[0].kind, .tableHead)
        XCTAssertEqual(table.children[0].children.count, 2)
        XCTAssertEqual(slice(bytes, table.children[0].children[0].range), "Organisatie")
        let row1 = table.children[1]
        XCTAssertEqual(row1.kind, .tableRow)
        let cellLinks = links(row1.children[0])
        XCTAssertEqual(cellLinks.count, 1)
        XCTAssertEqual(slice(bytes, cellLinks[0].destinationRange), "https://bdsnederland.nl/")
        let row2 = table.children[2]
        XCTAssertEqual(row2.children.count, 2)
        XCTAssertEqual(row2.children[0].children.first?.kind, .codeSpan("a | b"))
        XCTAssertEqual(slice(bytes, links(row2.children[1]).first?.destinationRange), "/y")
    }

    func testTaskList() {
        let (doc, bytes) = parseDoc("- [ ] open\n- [x] done\n- [X] Done\n- normal\n- [y] no\n")
        let items = all(doc) {
            if case .listItem = $0.kind { return true }
            return false
        }
        XCTAssertEqual(
            items.map(\.kind),
            [
                .listItem(taskChecked: false), .listItem(taskChecked: true),
                .listItem(taskChecked: true), .listItem(taskChecked: nil), .listItem(taskChecked: nil),
            ])
        XCTAssertEqual(items[0].children.first?.children.first?.kind, .text("open"))
        XCTAssertEqual(slice(bytes, items[0].children.first?.range), "open")
        XCTAssertEqual(items[4].children.first?.children.first?.kind, .text("[y] no"))
    }

    func testLinkInsideCodeSpanIsNotALink() {
        let (doc, _) = parseDoc("Use `[a](/b)` here and ``x [c](d) ` y``.")
        XCTAssertEqual(links(doc).count, 0)
        let codes = all(doc) {
            if case .codeSpan = $0.kind { return true }
            return false
        }
        XCTAssertEqual(codes.map(\.kind), [.codeSpan("[a](/b)"), .codeSpan("x [c](d) ` y")])
    }

    func testHeadingInsideListAndQuote() {
        let (doc, bytes) = parseDoc("- # In list {#l}\n  text\n\n> ## In quote\n> more\n")
        let hs = headings(doc)
        XCTAssertEqual(hs.count, 2)
        XCTAssertEqual(slice(bytes, hs[0].contentRange), "In list")
        XCTAssertEqual(hs[0].attributes?.id, "l")
        XCTAssertEqual(slice(bytes, hs[0].range), "# In list {#l}")
        XCTAssertEqual(slice(bytes, hs[1].contentRange), "In quote")
        XCTAssertEqual(doc.children[0].kind, .list(ordered: false, start: 1, tight: true))
        XCTAssertEqual(doc.children[1].kind, .blockQuote)
        XCTAssertEqual(slice(bytes, doc.children[1].range), "> ## In quote\n> more")
    }

    func testHugoPage() {
        let (doc, bytes) = parseDoc(ownDocuments[0])
        XCTAssertEqual(doc.children.map { "\($0.kind)".prefix(6) }, ["paragr", "htmlBl", "headin", "list(o", "table("])
        let ls = links(doc)
        XCTAssertEqual(
            ls.compactMap { slice(bytes, $0.destinationRange) },
            ["/resources/organize/", "/join", "#bestaande-initiativen", "https://bdsnederland.nl/"])
    }

    func testLinkifyAndStrikethrough() {
        let (doc, bytes) = parseDoc("Visit www.example.com, https://a.org/x. or mail me@ex.org ~~old~~ ~new~")
        let ls = links(doc)
        XCTAssertEqual(
            ls.map(\.kind),
            [
                .link(destination: "https://www.example.com", title: "", style: .linkify),
                .link(destination: "https://a.org/x", title: "", style: .linkify),
                .link(destination: "mailto:me@ex.org", title: "", style: .linkify),
            ])
        XCTAssertEqual(slice(bytes, ls[1].destinationRange), "https://a.org/x")
        let strikes = all(doc) { $0.kind == .strikethrough }
        XCTAssertEqual(strikes.count, 2)
    }

    func testEmphasisAndEntities() {
        let (doc, bytes) = parseDoc("a *b **c** d* &amp; \\* e")
        let p = doc.children[0]
        XCTAssertEqual(p.children[1].kind, .emphasis)
        XCTAssertEqual(slice(bytes, p.children[1].range), "*b **c** d*")
        XCTAssertEqual(p.children[1].children[1].kind, .strong)
        XCTAssertEqual(HTMLRenderer.render(doc), "<p>a <em>b <strong>c</strong> d</em> &amp; * e</p>\n")
    }
}

final class RobustnessTests: XCTestCase {
    /// Parses and renders without crashing, ranges consistent. (Time is measured by
    /// `twc-bench scaling` in a release build, not by tests.)
    func timed(_ name: String, _ text: String) {
        let (doc, bytes) = parseDoc(text)
        _ = HTMLRenderer.render(doc)
        XCTAssertTrue(checkRanges(doc, bytes).isEmpty, name)
    }

    func testDeepNesting() {
        let n = 10_000
        timed("quotes", String(repeating: ">", count: n) + " a\n")
        timed("quotes spaced", String(repeating: "> ", count: n) + "a\n")
        timed("lists", String(repeating: "- ", count: n) + "a\n")
        timed("ordered", String(repeating: "1. ", count: n) + "a\n")
        timed("brackets", String(repeating: "[", count: n) + "a" + String(repeating: "]", count: n))
        timed("open brackets", String(repeating: "[", count: n))
        timed("images", String(repeating: "![", count: n) + "a" + String(repeating: "](b)", count: n))
        timed("stars", String(repeating: "*", count: n) + "a" + String(repeating: "*", count: n))
        timed("stars only", String(repeating: "*", count: n))
        timed("alternating", String(repeating: "*a ", count: n) + String(repeating: "b* ", count: n))
        timed("underscores", String(repeating: "_a ", count: n) + String(repeating: "**_", count: n))
        timed("backticks", String(repeating: "`", count: n))
        timed("backtick runs", (1...300).map { String(repeating: "`", count: $0) + "x" }.joined())
        timed("html", String(repeating: "<!-- <? <![CDATA[ <!X a ", count: n / 10))
        timed("link parens", "[a](" + String(repeating: "(", count: n) + ")")
        timed("entities", String(repeating: "&#", count: n) + String(repeating: "&amp", count: n))
        timed("tildes", String(repeating: "~~a ", count: n))
        timed("lines", String(repeating: "a\n", count: n * 5))
        timed("table", "| a | b |\n|---|---|\n" + String(repeating: "| [x](y) | *z* |\n", count: n))
        timed("ref defs", String(repeating: "[a]: /b\n", count: n))
    }
}

final class FuzzTests: XCTestCase {
    /// Random documents over Markdown-significant characters: no crash, ranges consistent.
    func testRandomDocuments() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let alphabet: [String] = [
            "*", "_", "~", "`", "[", "]", "(", ")", "!", "<", ">", "\\", "&", "#", "-", "+", "=", "|",
            ":", "{", "}", ".", "1", "a", "x", " ", " ", "\t", "\n", "\n", "\r\n", "é", "www.", "http://a.b",
            "@", "\"", "'", "amp;", "<div>", "-->", "<!--", "```", "    ", "> ", "- ", "1. ", "[x] ",
        ]
        var failures = 0
        for _ in 0..<(ProcessInfo.processInfo.environment["MD_FUZZ"].flatMap { Int($0) } ?? 3000) {
            let len = Int(next() % 60)
            var s = ""
            for _ in 0..<len { s += alphabet[Int(next() % UInt64(alphabet.count))] }
            for options in [MarkdownParser.Options.hugo, .commonMark] {
                let bytes = Array(s.utf8)
                let doc = MarkdownParser.parse(bytes, range: 0..<bytes.count, options: options)
                _ = HTMLRenderer.render(doc)
                let problems = checkRanges(doc, bytes)
                if !problems.isEmpty {
                    failures += 1
                    if failures < 8 { print("fuzz: \(problems.prefix(2)) in \(s.debugDescription)") }
                }
            }
        }
        XCTAssertEqual(failures, 0)
    }
}
