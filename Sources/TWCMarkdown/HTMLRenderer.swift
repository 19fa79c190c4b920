/// Renders a `MarkdownNode` tree to HTML following cmark's (cmark-gfm's) output conventions.
/// Raw HTML is passed through (no safe mode). Iterative (no recursion over tree depth).
public enum HTMLRenderer {
    /// `source`: the bytes the tree was parsed from. Only needed for definition lists: Goldmark
    /// renders a description tight (its first paragraph unwrapped) unless a blank line precedes its
    /// `:`, which the tree does not record; without `source` a description is rendered tight when
    /// it has a single child.
    public static func render(_ node: MarkdownNode, source: [UInt8]? = nil) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(node.range.count * 2 + 16)
        // (node, entering, tight context)
        enum Step {
            case enter(MarkdownNode, tight: Bool)
            case exit(MarkdownNode, tight: Bool)
            case raw(String)
        }
        var stack: [Step] = [.enter(node, tight: false)]
        // Footnotes (Goldmark style): numbered by first reference, rendered at the end of the
        // document; definitions without references are dropped.
        var footnoteDefs: [String: MarkdownNode] = [:]
        var footnoteOrder: [String] = []
        var footnoteNumber: [String: Int] = [:]
        var footnoteRefCount: [String: Int] = [:]
        node.walk { n in
            if case .footnoteDefinition(let label) = n.kind, footnoteDefs[label] == nil { footnoteDefs[label] = n }
            return true
        }
        if !footnoteDefs.isEmpty {
            node.walk { n in
                if case .footnoteReference(let label) = n.kind, footnoteDefs[label] != nil, footnoteNumber[label] == nil
                {
                    footnoteOrder.append(label)
                    footnoteNumber[label] = footnoteOrder.count
                }
                return true
            }
        }
        func cr() { if let last = out.last, last != 0x0A { out.append(0x0A) } }
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        while let step = stack.popLast() {
            switch step {
            case .raw(let s): put(s)
            case .enter(let n, let tight):
                var childTight = false
                switch n.kind {
                case .document: break
                case .blockQuote:
                    cr()
                    put("<blockquote>\n")
                case .list(let ordered, let start, let t):
                    cr()
                    if ordered { put(start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n") } else { put("<ul>\n") }
                    childTight = t
                case .listItem(let task):
                    cr()
                    put("<li>")
                    if let task {
                        put(
                            task
                                ? "<input checked=\"\" disabled=\"\" type=\"checkbox\"> "
                                : "<input disabled=\"\" type=\"checkbox\"> ")
                    }
                    childTight = tight
                case .paragraph:
                    if !tight {
                        cr()
                        put("<p>")
                    }
                case .heading(let level, _):
                    cr()
                    put("<h\(level)>")
                case .thematicBreak:
                    cr()
                    put("<hr />\n")
                case .codeBlock(_, let info, let literal):
                    cr()
                    let lang = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
                    if lang.isEmpty {
                        put("<pre><code>")
                    } else {
                        put("<pre><code class=\"language-")
                        escape(lang, &out)
                        put("\">")
                    }
                    escape(literal, &out)
                    put("</code></pre>\n")
                case .htmlBlock(let literal):
                    cr()
                    put(literal)
                    cr()
                case .linkReferenceDefinition: break
                case .table(let alignments):
                    cr()
                    put("<table>\n")
                    // children: head then rows
                    var steps: [Step] = []
                    for (index, child) in n.children.enumerated() {
                        if index == 1 { steps.append(.raw("<tbody>\n")) }
                        steps.append(
                            contentsOf: tableRow(child, alignments: alignments, header: child.kind == .tableHead))
                    }
                    if n.children.count > 1 { steps.append(.raw("</tbody>\n")) }
                    steps.append(.raw("</table>\n"))
                    stack.append(contentsOf: steps.reversed())
                    continue
                case .tableHead, .tableRow, .tableCell: break
                case .text(let s): escape(s, &out)
                case .softBreak: put("\n")
                case .hardBreak: put("<br />\n")
                case .codeSpan(let s):
                    put("<code>")
                    escape(s, &out)
                    put("</code>")
                case .emphasis: put("<em>")
                case .strong: put("<strong>")
                case .strikethrough: put("<del>")
                case .link(let dest, let title, _):
                    put("<a href=\"")
                    escapeHref(dest, &out)
                    put("\"")
                    if !title.isEmpty {
                        put(" title=\"")
                        escape(title, &out)
                        put("\"")
                    }
                    put(">")
                case .image(let dest, let title, _):
                    put("<img src=\"")
                    escapeHref(dest, &out)
                    put("\" alt=\"")
                    escape(plainText(n), &out)
                    put("\"")
                    if !title.isEmpty {
                        put(" title=\"")
                        escape(title, &out)
                        put("\"")
                    }
                    put(" />")
                    continue
                case .htmlInline(let s): put(s)
                case .footnoteReference(let label):
                    let number = footnoteNumber[label] ?? 0
                    let seen = footnoteRefCount[label, default: 0]
                    footnoteRefCount[label] = seen + 1
                    put(
                        "<sup id=\"fnref\(seen == 0 ? "" : String(seen)):\(number)\"><a href=\"#fn:\(number)\" class=\"footnote-ref\" role=\"doc-noteref\">\(number)</a></sup>"
                    )
                case .footnoteDefinition:
                    continue  // rendered at the end of the document
                case .definitionList:
                    cr()
                    put("<dl>\n")
                    // the `tight` of a description's step is its own tightness
                    stack.append(.exit(n, tight: tight))
                    for (index, child) in n.children.enumerated().reversed() {
                        var looseDescription = child.children.count > 1
                        if let source, index > 0 {
                            var newlines = 0
                            for k in n.children[index - 1].range.end..<child.range.start where source[k] == 0x0A {
                                newlines += 1
                            }
                            looseDescription = newlines >= 2
                        }
                        stack.append(.enter(child, tight: !looseDescription))
                    }
                    continue
                case .definitionTerm:
                    cr()
                    put("<dt>")
                case .definitionDescription:
                    cr()
                    put(tight || n.children.isEmpty ? "<dd>" : "<dd>\n")
                    // Goldmark unwraps only the first paragraph of a tight description
                    let unwrapped = tight ? n.children.firstIndex { $0.kind == .paragraph } : nil
                    stack.append(.exit(n, tight: tight))
                    for (index, child) in n.children.enumerated().reversed() {
                        stack.append(.enter(child, tight: index == unwrapped))
                    }
                    continue
                case .shortcode: break  // Hugo's output is not known here
                }
                stack.append(.exit(n, tight: tight))
                for child in n.children.reversed() { stack.append(.enter(child, tight: childTight)) }
            case .exit(let n, let tight):
                switch n.kind {
                case .blockQuote:
                    cr()
                    put("</blockquote>\n")
                case .list(let ordered, _, _):
                    cr()
                    put(ordered ? "</ol>\n" : "</ul>\n")
                case .listItem: put("</li>\n")
                case .paragraph: if !tight { put("</p>\n") }
                case .heading(let level, _): put("</h\(level)>\n")
                case .emphasis: put("</em>")
                case .strong: put("</strong>")
                case .strikethrough: put("</del>")
                case .link: put("</a>")
                case .document where !footnoteOrder.isEmpty:
                    var steps: [Step] = [.raw("<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n")]
                    for (index, label) in footnoteOrder.enumerated() {
                        let number = index + 1
                        var backlinks = ""
                        for k in 0..<max(1, footnoteRefCount[label] ?? 1) {
                            backlinks +=
                                "&#160;<a href=\"#fnref\(k == 0 ? "" : String(k)):\(number)\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a>"
                        }
                        steps.append(.raw("<li id=\"fn:\(number)\">\n"))
                        let children = footnoteDefs[label].map { Array($0.children) } ?? []
                        for (childIndex, child) in children.enumerated() {
                            if childIndex == children.count - 1, child.kind == .paragraph {
                                // Goldmark puts the back links at the end of the last paragraph
                                steps.append(.raw("<p>"))
                                for inline in child.children { steps.append(.enter(inline, tight: false)) }
                                steps.append(.raw(backlinks + "</p>\n"))
                                backlinks = ""
                            } else {
                                steps.append(.enter(child, tight: false))
                            }
                        }
                        steps.append(.raw(backlinks + "</li>\n"))
                    }
                    steps.append(.raw("</ol>\n</div>\n"))
                    footnoteOrder = []
                    cr()
                    stack.append(contentsOf: steps.reversed())
                case .definitionList:
                    cr()
                    put("</dl>\n")
                case .definitionTerm: put("</dt>\n")
                case .definitionDescription:
                    let unwrapped = tight ? n.children.firstIndex { $0.kind == .paragraph } : nil
                    if !n.children.isEmpty && unwrapped != n.children.count - 1 { cr() }
                    put("</dd>\n")
                default: break
                }
            }
        }
        return String(decoding: out, as: UTF8.self)

        func tableRow(_ row: MarkdownNode, alignments: [MarkdownNode.TableAlignment], header: Bool) -> [Step] {
            var steps: [Step] = []
            if header { steps.append(.raw("<thead>\n")) }
            steps.append(.raw("<tr>\n"))
            let tag = header ? "th" : "td"
            // A row holds the cells written; the rest, up to the header's count, are empty.
            let cells = row.children
            for index in 0..<max(alignments.count, cells.count) {
                var open = "<\(tag)"
                switch index < alignments.count ? alignments[index] : .none {
                case .left: open += " align=\"left\""
                case .center: open += " align=\"center\""
                case .right: open += " align=\"right\""
                case .none: break
                }
                steps.append(.raw(open + ">"))
                if index < cells.count {
                    for child in cells[index].children { steps.append(.enter(child, tight: false)) }
                }
                steps.append(.raw("</\(tag)>\n"))
            }
            steps.append(.raw("</tr>\n"))
            if header { steps.append(.raw("</thead>\n")) }
            return steps
        }
    }

    /// The plain text of a node's descendants (used for image alt text).
    static func plainText(_ node: MarkdownNode) -> String {
        var out = ""
        var stack: [MarkdownNode] = node.children.reversed()
        while let n = stack.popLast() {
            switch n.kind {
            case .text(let s): out += s
            case .codeSpan(let s): out += s
            case .htmlInline(let s): out += s
            case .softBreak, .hardBreak: out += " "
            default: break
            }
            stack.append(contentsOf: n.children.reversed())
        }
        return out
    }

    static func escape(_ s: String, _ out: inout [UInt8]) {
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            default: out.append(c)
            }
        }
    }

    static func escapeHref(_ s: String, _ out: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for c in s.utf8 {
            if isAlnum(c) || "-_.+!*(),%#@?=;:/$~".utf8.contains(c) {
                out.append(c)
            } else if c == UInt8(ascii: "&") {
                out.append(contentsOf: "&amp;".utf8)
            } else if c == UInt8(ascii: "'") {
                out.append(contentsOf: "&#x27;".utf8)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 15)])
            }
        }
    }
}
