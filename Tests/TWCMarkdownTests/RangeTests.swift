import Foundation
import TWCCore
import XCTest

@testable import TWCMarkdown

let ownDocuments: [String] = [
    """
    Palestijnse vakbonden ... Je bent niet alleen!

    <span class="flex justify-center uppercase font-mono">
    {{< button href="join" >}}
    Doe mee
    {{</button >}}
    </span>

    ## Wat kun je doen als techwerker?

    - **[Organiseer je werkplek](/resources/organize/).** Als techwerker ... [Techwerkerscoalitie helpt graag!](/join)
    - **Word actief.** Bekijk de [bestaande-initiatieven](#bestaande-initiativen) voor een overzicht.

    | Organisatie                                 | Focus       |
    | ------------------------------------------- | ----------- |
    | [BDS Nederland](https://bdsnederland.nl/)  | Stichting … |

    """,
    "> - a\n>   - b *c* [d](e)\n>\n>     > # h {#x}\n> 1. [x] task\n>    2. [ ] other\n\n[ref]: /url \"t\"\n",
    "Title\n=====\n\nSub *x*\n---\n\n- [ ] todo www.example.com and foo@bar.com\n- [X] done\n\n```go\ncode\n```\n",
    "| a | `b \\| c` | [l](/x) |\n|:-|:-:|-:|\n| 1 | 2 |\n| ~~s~~ | **b** | <x> |\n\ntext\\\nbreak  \nend",
    "\t> tab\n- \tx\n\n      code\n\n1) one\n2) two\n\n* * *\n<div>\nhtml\n</div>\n\n![img *a*][ref]\n\n[ref]: </a b> 'x'",
    "Café **déjà** vu — “quotes” ~~strike~~ ~one~ https://example.org/a_(b) x@y.z\r\nCRLF line\r\n\r\n# H \\{#x}\r\n",
]

func checkRanges(_ doc: MarkdownNode, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> [String]
{
    var problems: [String] = []
    var stack: [(MarkdownNode, MarkdownNode?)] = [(doc, nil)]
    while let (node, parent) = stack.popLast() {
        let r = node.range
        if r.start < 0 || r.end > bytes.count { problems.append("\(node.kind) out of document \(r)") }
        if let parent, !parent.range.contains(r) {
            problems.append("\(node.kind) \(r) not inside parent \(parent.kind) \(parent.range)")
        }
        var last = -1
        for child in node.children {
            if child.range.start < last {
                problems.append("child \(child.kind) \(child.range) out of order in \(node.kind)")
            }
            last = child.range.end
            stack.append((child, node))
        }
        let slice = Array(bytes[max(0, r.start)..<min(bytes.count, max(r.start, r.end))])
        switch node.kind {
        case .text(let literal):
            if !slice.contains(UInt8(ascii: "\\")) && !slice.contains(UInt8(ascii: "&"))
                && slice.contains(where: { $0 == 0x0A }) == false
                && !slice.contains(0) && Array(literal.utf8) != slice
            {
                problems.append(
                    "text \(literal.debugDescription) != slice \(String(decoding: slice, as: UTF8.self).debugDescription)"
                )
            }
        case .codeSpan:
            if slice.first != UInt8(ascii: "`") || slice.last != UInt8(ascii: "`") {
                problems.append("code span slice \(String(decoding: slice, as: UTF8.self))")
            }
        case .link(_, _, let style), .image(_, _, let style):
            switch style {
            case .inline, .reference:
                let first = slice.first
                if first != UInt8(ascii: "[") && first != UInt8(ascii: "!") {
                    problems.append("link slice \(String(decoding: slice, as: UTF8.self))")
                }
            case .autolink:
                if slice.first != UInt8(ascii: "<") { problems.append("autolink slice") }
            case .linkify: break
            }
            if let d = node.destinationRange, d.start < 0 || d.end > bytes.count {
                problems.append("destination out of range")
            }
        case .heading:
            if let c = node.contentRange, !r.contains(c) { problems.append("heading content \(c) outside \(r)") }
        default: break
        }
    }
    return problems
}

final class RangeTests: XCTestCase {
    func testRangesOnCorpus() throws {
        var corpus = ownDocuments
        corpus += try loadSpec("commonmark-0.31.2.json").map(\.markdown)
        corpus += try loadSpec("gfm-extensions.json").map(\.markdown)
        var failures = 0
        for (index, text) in corpus.enumerated() {
            for options in [MarkdownParser.Options.hugo, .commonMark] {
                let (doc, bytes) = parseEmbedded(text, options: options)
                let problems = checkRanges(doc, bytes)
                if !problems.isEmpty {
                    failures += 1
                    if failures < 15 { print("doc \(index): \(problems.prefix(3)) in \(text.debugDescription)") }
                }
            }
        }
        XCTAssertEqual(failures, 0)
    }
}

/// Parses `text` embedded in a larger buffer (front matter before it, bytes after it), so that
/// ranges are checked as absolute offsets; asserts the document covers exactly the text.
func parseEmbedded(
    _ text: String, options: MarkdownParser.Options,
    file: StaticString = #filePath, line: UInt = #line
) -> (MarkdownNode, [UInt8]) {
    let prefix = Array("---\ntitle: x\n---\n".utf8)
    let bytes = prefix + Array(text.utf8) + Array("trailing".utf8)
    let range = prefix.count..<(prefix.count + text.utf8.count)
    let doc = MarkdownParser.parse(bytes, range: range, options: options)
    XCTAssertEqual(doc.range, SourceRange(range), file: file, line: line)
    return (doc, bytes)
}
