import Foundation
import TWCCore
import XCTest

@testable import TWCMarkdown

/// Indented outline of a tree: kind and the source slice of each node.
func outline(_ doc: MarkdownNode, _ bytes: [UInt8]) -> String {
    var lines: [String] = []
    var stack: [(MarkdownNode, Int)] = [(doc, 0)]
    while let (node, depth) = stack.popLast() {
        let text = String(decoding: bytes[node.range.start..<node.range.end], as: UTF8.self)
        lines.append(
            String(repeating: "  ", count: depth)
                + "\(node.kind) \(node.range.start)..<\(node.range.end) \(text.debugDescription)")
        for child in node.children.reversed() { stack.append((child, depth + 1)) }
    }
    return lines.joined(separator: "\n")
}

/// Documents exercising the footnote and definition list extensions (also run through the range checker).
let goldmarkDocuments: [String] = [
    "Text[^1].\n\n[^1]: Note.\n",
    "A[^n] b.\n\n[^n]: First\n    second line\nlazy line\n\n    Para two\n\nAfter\n",
    "a [^missing] b [^Note] c [^note]\n\n[^note]: x\n",
    "x[^1](y) ![^1] [^1][] [l [^1]](/u)\n\n[^1]: one\n",
    "Apple\nPear  \n: Fruit one\n: Fruit two\n\nCar\n:   A vehicle\n    with wheels\n\n    Second para\n",
    "Term\n: - one\n  - two\n\n  more\n",
    "Term 3\n  : indented colon\n\nTerm 4\n:no space\n",
    "> Q *term*\n> : q desc\n>\n> [^q]: quoted note\n\n- L term\n  : l desc\n\nuse [^q]\n",
    "T1\n:      wide gap\n\nT2\n:         code\n\n[r]: /u\nT3\n: d\n\nT4\n\n: loose\n: \n",
    "[^a]: x\n[^b]: y\n  lazy\n[^c]:\n    indented\n\n[^a] [^b] [^c]\n",
    "Term\r\n: desc\r\n\r\n[^x]: n\r\n    m\r\n\r\nr[^x]\r\n",
]

/// The (kind, source slice) pairs of a node's children.
func shape(_ node: MarkdownNode, _ bytes: [UInt8]) -> [String] {
    node.children.map { child in
        let name: String
        switch child.kind {
        case .definitionList: name = "dl"
        case .definitionTerm: name = "dt"
        case .definitionDescription: name = "dd"
        case .footnoteDefinition(let label): name = "fn(\(label))"
        case .footnoteReference(let label): name = "ref(\(label))"
        case .paragraph: name = "p"
        case .list: name = "list"
        case .listItem: name = "li"
        case .text: name = "text"
        case .blockQuote: name = "quote"
        case .codeBlock: name = "code"
        case .softBreak: name = "br"
        case .linkReferenceDefinition: name = "refdef"
        case .link: name = "link"
        default: name = "\(child.kind)"
        }
        return name + " " + String(decoding: bytes[child.range.start..<child.range.end], as: UTF8.self)
    }
}

func isExtensionNode(_ node: MarkdownNode) -> Bool {
    switch node.kind {
    case .footnoteReference, .footnoteDefinition, .definitionList, .definitionTerm, .definitionDescription: return true
    default: return false
    }
}

final class GoldmarkExtensionTests: XCTestCase {
    func testFootnoteSingleLine() {
        let (doc, bytes) = parseDoc(goldmarkDocuments[0])
        XCTAssertEqual(shape(doc, bytes), ["p Text[^1].", "fn(1) [^1]: Note."])
        XCTAssertEqual(shape(doc.children[0], bytes), ["text Text", "ref(1) [^1]", "text ."])
        XCTAssertEqual(doc.children[0].children[1].range, SourceRange(4, 8))
        XCTAssertEqual(doc.children[1].range, SourceRange(11, 22))
        XCTAssertEqual(shape(doc.children[1], bytes), ["p Note."])
        XCTAssertEqual(doc.children[1].children[0].range, SourceRange(17, 22))
    }

    func testFootnoteMultiLine() {
        let (doc, bytes) = parseDoc(goldmarkDocuments[1])
        XCTAssertEqual(
            shape(doc, bytes),
            [
                "p A[^n] b.",
                "fn(n) [^n]: First\n    second line\nlazy line\n\n    Para two",
                "p After",
            ])
        let fn = doc.children[1]
        XCTAssertEqual(fn.kind, .footnoteDefinition(label: "n"))
        XCTAssertEqual(shape(fn, bytes), ["p First\n    second line\nlazy line", "p Para two"])
        XCTAssertEqual(
            shape(fn.children[0], bytes), ["text First", "br \n", "text second line", "br \n", "text lazy line"])
    }

    func testFootnoteReferenceNeedsExactDefinition() {
        // Goldmark compares labels byte for byte: `[^Note]` does not match `[^note]`.
        let (doc, bytes) = parseDoc(goldmarkDocuments[2])
        XCTAssertEqual(shape(doc.children[0], bytes), ["text a [^missing] b [^Note] c ", "ref(note) [^note]"])
        let (plain, plainBytes) = parseDoc("a [^missing] b\n")
        XCTAssertEqual(shape(plain.children[0], plainBytes), ["text a [^missing] b"])
    }

    func testFootnoteReferenceBeforeLinkSyntax() {
        // Goldmark tries the footnote before the link: `[^1](y)` is a reference followed by text.
        let (doc, bytes) = parseDoc(goldmarkDocuments[3])
        XCTAssertEqual(
            shape(doc.children[0], bytes),
            [
                "text x", "ref(1) [^1]", "text (y) !", "ref(1) [^1]", "text  ", "ref(1) [^1]", "text [] ",
                "link [l [^1]](/u)",
            ])
        let link = doc.children[0].children[7]
        XCTAssertEqual(shape(link, bytes), ["text l ", "ref(1) [^1]"])
    }

    func testDefinitionList() {
        let (doc, bytes) = parseDoc(goldmarkDocuments[4])
        XCTAssertEqual(
            shape(doc, bytes),
            ["dl Apple\nPear  \n: Fruit one\n: Fruit two\n\nCar\n:   A vehicle\n    with wheels\n\n    Second para"])
        let dl = doc.children[0]
        XCTAssertEqual(
            shape(dl, bytes),
            [
                "dt Apple", "dt Pear", "dd : Fruit one", "dd : Fruit two", "dt Car",
                "dd :   A vehicle\n    with wheels\n\n    Second para",
            ])
        XCTAssertEqual(dl.range, SourceRange(0, 88))
        XCTAssertEqual(dl.children[1].range, SourceRange(6, 10))
        XCTAssertEqual(shape(dl.children[1], bytes), ["text Pear"])
        XCTAssertEqual(shape(dl.children[2], bytes), ["p Fruit one"])
        XCTAssertEqual(shape(dl.children[5], bytes), ["p A vehicle\n    with wheels", "p Second para"])
    }

    func testDefinitionDescriptionWithList() {
        let (doc, bytes) = parseDoc(goldmarkDocuments[5])
        let dl = doc.children[0]
        XCTAssertEqual(shape(doc, bytes), ["dl Term\n: - one\n  - two\n\n  more"])
        XCTAssertEqual(shape(dl, bytes), ["dt Term", "dd : - one\n  - two\n\n  more"])
        XCTAssertEqual(shape(dl.children[1], bytes), ["list - one\n  - two", "p more"])
        XCTAssertEqual(shape(dl.children[1].children[0], bytes), ["li - one", "li - two"])
    }

    func testNotDefinitionLists() {
        // Goldmark wants the `:` at column 0 of its container and a space or tab after it.
        let (doc, bytes) = parseDoc(goldmarkDocuments[6])
        XCTAssertEqual(shape(doc, bytes), ["p Term 3\n  : indented colon", "p Term 4\n:no space"])
    }

    func testInsideContainers() {
        let (doc, bytes) = parseDoc(goldmarkDocuments[7])
        XCTAssertEqual(
            shape(doc, bytes),
            [
                "quote > Q *term*\n> : q desc\n>\n> [^q]: quoted note", "list - L term\n  : l desc", "p use [^q]",
            ])
        XCTAssertEqual(shape(doc.children[0], bytes), ["dl Q *term*\n> : q desc", "fn(q) [^q]: quoted note"])
        XCTAssertEqual(shape(doc.children[0].children[0], bytes), ["dt Q *term*", "dd : q desc"])
        XCTAssertEqual(shape(doc.children[0].children[0].children[0], bytes), ["text Q ", "emphasis *term*"])
        XCTAssertEqual(shape(doc.children[1].children[0], bytes), ["dl L term\n  : l desc"])
        XCTAssertEqual(shape(doc.children[2], bytes), ["text use ", "ref(q) [^q]"])
    }

    func testDescriptionEdgeCases() {
        let (doc, bytes) = parseDoc(goldmarkDocuments[8])
        // one list: the paragraph before a `:` joins a definition list right before it;
        // lines of an open paragraph become terms as they are (Goldmark does not extract `[r]: /u`)
        XCTAssertEqual(doc.children.count, 1)
        XCTAssertEqual(
            shape(doc.children[0], bytes),
            [
                "dt T1", "dd :      wide gap", "dt T2", "dd :         code", "dt [r]: /u", "dt T3", "dd : d",
                "dt T4", "dd : loose", "dd :",
            ])
        XCTAssertEqual(shape(doc.children[0].children[1], bytes), ["p wide gap"])
        // 8+ columns after `:`: the content column is 6, so the rest is an indented code block
        XCTAssertEqual(shape(doc.children[0].children[3], bytes), ["code code"])
        XCTAssertEqual(doc.children[0].children[9].children.count, 0)
    }

    func testFootnoteSequence() {
        let (doc, bytes) = parseDoc(goldmarkDocuments[9])
        XCTAssertEqual(
            shape(doc, bytes),
            ["fn(a) [^a]: x", "fn(b) [^b]: y\n  lazy", "fn(c) [^c]:\n    indented", "p [^a] [^b] [^c]"])
        XCTAssertEqual(shape(doc.children[2], bytes), ["p indented"])
        XCTAssertEqual(
            shape(doc.children[3], bytes), ["ref(a) [^a]", "text  ", "ref(b) [^b]", "text  ", "ref(c) [^c]"])
    }

    func testCRLF() {
        let (doc, bytes) = parseDoc(goldmarkDocuments[10])
        XCTAssertEqual(shape(doc, bytes), ["dl Term\r\n: desc", "fn(x) [^x]: n\r\n    m", "p r[^x]"])
    }

    func testOffInCommonMarkAndGFM() {
        for text in goldmarkDocuments {
            for options in [MarkdownParser.Options.commonMark, .gfm] {
                let (doc, _) = parseDoc(text, options)
                XCTAssertTrue(all(doc, where: isExtensionNode).isEmpty, text)
            }
        }
        XCTAssertFalse(MarkdownParser.Options.commonMark.footnotes || MarkdownParser.Options.commonMark.definitionLists)
        XCTAssertFalse(MarkdownParser.Options.gfm.footnotes || MarkdownParser.Options.gfm.definitionLists)
        XCTAssertTrue(MarkdownParser.Options.hugo.footnotes && MarkdownParser.Options.hugo.definitionLists)
    }

    func testRanges() {
        for (index, text) in goldmarkDocuments.enumerated() {
            for options in [MarkdownParser.Options.hugo, .commonMark] {
                let (doc, bytes) = parseEmbedded(text, options: options)
                XCTAssertEqual(checkRanges(doc, bytes), [], "document \(index)")
            }
        }
    }

    /// Definition list HTML against Hugo 0.168 (Goldmark) output for the same documents.
    func testDefinitionListHTMLMatchesGoldmark() {
        let expected: [(Int, String)] = [
            (
                4,
                """
                <dl>
                <dt>Apple</dt>
                <dt>Pear</dt>
                <dd>Fruit one</dd>
                <dd>Fruit two</dd>
                <dt>Car</dt>
                <dd>A vehicle
                with wheels
                <p>Second para</p>
                </dd>
                </dl>

                """
            ),
            (5, "<dl>\n<dt>Term</dt>\n<dd><ul>\n<li>one</li>\n<li>two</li>\n</ul>\nmore</dd>\n</dl>\n"),
            (
                8,
                """
                <dl>
                <dt>T1</dt>
                <dd>wide gap</dd>
                <dt>T2</dt>
                <dd><pre><code>code
                </code></pre>
                </dd>
                <dt>[r]: /u</dt>
                <dt>T3</dt>
                <dd>d</dd>
                <dt>T4</dt>
                <dd>
                <p>loose</p>
                </dd>
                <dd></dd>
                </dl>

                """
            ),
        ]
        for (index, html) in expected {
            let (doc, bytes) = parseDoc(goldmarkDocuments[index])
            XCTAssertEqual(
                normalizeHTML(HTMLRenderer.render(doc, source: bytes)), normalizeHTML(html), "document \(index)")
        }
    }

    func testHTML() {
        let (doc, _) = parseDoc("b[^b] a[^a] b[^b]\n\n[^a]: A\n[^b]: B\n[^c]: unused\n\nTerm\n: Desc\n")
        XCTAssertEqual(
            HTMLRenderer.render(doc),
            """
            <p>b<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup> \
            a<sup id="fnref:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup> \
            b<sup id="fnref1:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>
            <dl>
            <dt>Term</dt>
            <dd>Desc</dd>
            </dl>
            <div class="footnotes" role="doc-endnotes">
            <hr>
            <ol>
            <li id="fn:1">
            <p>B&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>\
            &#160;<a href="#fnref1:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
            </li>
            <li id="fn:2">
            <p>A&#160;<a href="#fnref:2" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
            </li>
            </ol>
            </div>

            """)
    }

    /// Prints the tree and HTML of the file named by MD_FILE (a debugging aid; no-op otherwise).
    func testDebugFile() throws {
        guard let path = ProcessInfo.processInfo.environment["MD_FILE"] else { return }
        let (doc, bytes) = parseDoc(try String(contentsOfFile: path, encoding: .utf8))
        print(outline(doc, bytes))
        print(HTMLRenderer.render(doc, source: bytes))
        print(checkRanges(doc, bytes))
    }
}
