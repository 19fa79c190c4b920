import TWCCore

public enum MarkdownParser {
    /// Syntax switches. `.hugo` matches Hugo's Goldmark defaults (GFM tables, strikethrough,
    /// linkify with `https` for `www.` links, task lists, heading attributes, footnotes,
    /// definition lists); `.commonMark`
    /// is plain CommonMark 0.31.2; `.gfm` is cmark-gfm (linkify uses `http` for `www.` links).
    public struct Options: Sendable, Equatable {
        public var tables: Bool
        public var strikethrough: Bool
        public var linkify: Bool
        public var taskLists: Bool
        public var headingAttributes: Bool
        /// Goldmark's footnote extension (`[^label]: text` definitions, `[^label]` references).
        public var footnotes: Bool
        /// Goldmark's definition list extension (`Term` / `: description`).
        public var definitionLists: Bool
        /// Scheme prepended to `www.` links found by linkify.
        public var linkifyWWWScheme: String

        public init(tables: Bool, strikethrough: Bool, linkify: Bool, taskLists: Bool,
                    headingAttributes: Bool, footnotes: Bool = false, definitionLists: Bool = false,
                    linkifyWWWScheme: String = "https") {
            self.tables = tables
            self.strikethrough = strikethrough
            self.linkify = linkify
            self.taskLists = taskLists
            self.headingAttributes = headingAttributes
            self.footnotes = footnotes
            self.definitionLists = definitionLists
            self.linkifyWWWScheme = linkifyWWWScheme
        }

        public static let hugo = Options(tables: true, strikethrough: true, linkify: true, taskLists: true,
                                         headingAttributes: true, footnotes: true, definitionLists: true,
                                         linkifyWWWScheme: "https")
        public static let commonMark = Options(tables: false, strikethrough: false, linkify: false, taskLists: false,
                                               headingAttributes: false)
        public static let gfm = Options(tables: true, strikethrough: true, linkify: true, taskLists: true,
                                        headingAttributes: false, linkifyWWWScheme: "http")
    }

    /// Parses bytes[range] as a Markdown document (CommonMark 0.31.2 + GFM tables, strikethrough,
    /// extended autolinks (linkify), task list items + Goldmark heading attributes, footnotes and
    /// definition lists).
    /// All ranges in the result are absolute offsets into `bytes`. The returned node has kind .document
    /// and range == range.
    ///
    /// Tree shape notes:
    /// - Tables: `.table` > `.tableHead` (holding the header `.tableCell`s directly) followed by one
    ///   `.tableRow` per body row (no tbody node); rows with fewer cells are padded with empty cells
    ///   (empty range at the row end), extra cells are dropped.
    /// - Link reference definitions appear as `.linkReferenceDefinition` nodes where they were written.
    /// - Task list items: the `[ ]`/`[x]` marker is excluded from the paragraph (its range starts after it).
    /// - Footnotes (Goldmark `extension.Footnote`): `[^label]:` (up to 3 spaces indent, in any
    ///   container) opens a `.footnoteDefinition` container at the place it was written; its content
    ///   is the rest of the line plus lines indented 4 columns (blank lines and lazy paragraph lines
    ///   continue it). `[^label]` becomes a `.footnoteReference` only when a definition with exactly
    ///   the same label bytes exists (Goldmark compares labels byte for byte: case and whitespace
    ///   matter); it is tried before link syntax, so `[^1](x)` is a reference followed by `(x)`.
    /// - Definition lists (Goldmark `extension.DefinitionList`): a `:` at column 0 of its container
    ///   followed by a space or tab turns the preceding paragraph (still open, or closed by a blank
    ///   line) into one `.definitionTerm` per line (link reference definitions of an open paragraph
    ///   included, as in Goldmark) inside a `.definitionList`, followed by a `.definitionDescription`
    ///   container whose content column is the one after `: ` (a gap of 8+ columns counts as 5).
    ///   Further `:` lines add descriptions; a term paragraph right after a list joins it. Goldmark's
    ///   tight/loose flag (blank line before the `:`) is not kept in the tree.
    /// - Container nesting (block quotes + list items) is capped at `BlockParser.maxNesting` (500);
    ///   deeper markers are parsed as paragraph text, so the tree depth stays bounded.
    public static func parse(_ bytes: [UInt8], range: Range<Int>, options: Options = .hugo) -> MarkdownNode {
        var parser = BlockParser(bytes: bytes, range: range, options: options)
        parser.run(range)
        let builder = TreeBuilder(bytes: bytes, refs: parser.refs, footnotes: parser.footnoteLabels, options: options)
        let result = builder.build(parser.root)
        withExtendedLifetime(parser.all) {}
        return result
    }

    /// Convenience: parses a whole string.
    public static func parse(_ text: String, options: Options = .hugo) -> MarkdownNode {
        let bytes = Array(text.utf8)
        return parse(bytes, range: 0..<bytes.count, options: options)
    }
}

/// Converts the block tree into `MarkdownNode`s, running the inline phase on leaf text.
struct TreeBuilder {
    let bytes: [UInt8]
    let refs: [String: RefDef]
    let footnotes: Set<String>
    let options: MarkdownParser.Options

    func build(_ root: Block) -> MarkdownNode {
        // Iterative post-order conversion.
        struct Frame { var block: Block; var index: Int; var children: [MarkdownNode] }
        var stack: [Frame] = [Frame(block: root, index: 0, children: [])]
        var result: MarkdownNode?
        while !stack.isEmpty {
            let top = stack.count - 1
            let block = stack[top].block
            let hasChildContainers: Bool
            switch block.type {
            case .document, .blockQuote, .list, .item, .footnoteDef, .defList, .defDesc: hasChildContainers = true
            default: hasChildContainers = false
            }
            if hasChildContainers && stack[top].index < block.children.count {
                let child = block.children[stack[top].index]
                stack[top].index += 1
                if child.removed { continue }
                stack.append(Frame(block: child, index: 0, children: []))
                continue
            }
            let frame = stack.removeLast()
            let node = makeNode(frame.block, children: frame.children)
            if stack.isEmpty { result = node } else { stack[stack.count - 1].children.append(node) }
        }
        return result!
    }

    func makeNode(_ block: Block, children: [MarkdownNode]) -> MarkdownNode {
        var range = SourceRange(block.start, max(block.start, block.end))
        if block.type != .document, let last = children.last, last.range.end > range.end {
            // a lazy continuation line may extend a child after its container was closed
            range.end = last.range.end
        }
        switch block.type {
        case .document:
            return MarkdownNode(kind: .document, range: range, children: children)
        case .blockQuote:
            return MarkdownNode(kind: .blockQuote, range: range, children: children)
        case .list:
            return MarkdownNode(kind: .list(ordered: block.ordered, start: block.listStart, tight: block.tight), range: range, children: children)
        case .item:
            return MarkdownNode(kind: .listItem(taskChecked: block.taskChecked), range: range, children: children)
        case .paragraph:
            let text = VirtualText(lines: block.lines, source: bytes)
            let inlines = parseInlines(text)
            var r = range
            if let first = inlines.first, first.range.start < r.start { r.start = first.range.start }
            return MarkdownNode(kind: .paragraph, range: r, children: inlines)
        case .heading:
            let text = VirtualText(lines: block.lines, source: bytes)
            let inlines = parseInlines(text)
            return MarkdownNode(kind: .heading(level: block.level, setext: block.setext), range: range, children: inlines,
                                contentRange: SourceRange(block.contentStart, max(block.contentStart, block.contentEnd)),
                                attributes: block.attributes)
        case .thematicBreak:
            return MarkdownNode(kind: .thematicBreak, range: range)
        case .codeBlock:
            var literal: [UInt8] = []
            for line in block.lines {
                for _ in 0..<line.pad { literal.append(0x20) }
                literal.append(contentsOf: bytes[line.start..<line.end])
                literal.append(0x0A)
            }
            return MarkdownNode(kind: .codeBlock(fenced: block.fenced, info: block.info, literal: String(decoding: literal, as: UTF8.self)), range: range)
        case .htmlBlock:
            var literal: [UInt8] = []
            for (index, line) in block.lines.enumerated() {
                if index > 0 { literal.append(0x0A) }
                for _ in 0..<line.pad { literal.append(0x20) }
                literal.append(contentsOf: bytes[line.start..<line.end])
            }
            return MarkdownNode(kind: .htmlBlock(literal: String(decoding: literal, as: UTF8.self)), range: range)
        case .linkRefDef:
            let def = block.refDef!
            return MarkdownNode(kind: .linkReferenceDefinition(label: def.label, destination: def.destination, title: def.title),
                                range: def.range, destinationRange: def.destinationRange)
        case .table:
            return makeTable(block, range: range)
        case .footnoteDef:
            return MarkdownNode(kind: .footnoteDefinition(label: block.footnoteLabel), range: range, children: children)
        case .defList:
            return MarkdownNode(kind: .definitionList, range: range, children: children)
        case .defTerm:
            let text = VirtualText(lines: block.lines, source: bytes)
            return MarkdownNode(kind: .definitionTerm, range: range, children: parseInlines(text))
        case .defDesc:
            return MarkdownNode(kind: .definitionDescription, range: range, children: children)
        }
    }

    func makeTable(_ block: Block, range: SourceRange) -> MarkdownNode {
        let columns = block.alignments.count
        func row(_ line: BlockLine, kind: MarkdownNode.Kind) -> MarkdownNode {
            var e = line.end
            while e > line.start && isSpaceOrTab(bytes[e - 1]) { e -= 1 }
            let cells = BlockParser.splitRow(bytes, line.start, e)
            var out: [MarkdownNode] = []
            for index in 0..<columns {
                if index < cells.count {
                    let (cs, ce) = cells[index]
                    let text = VirtualText(tableCell: bytes, cs..<ce)
                    out.append(MarkdownNode(kind: .tableCell, range: SourceRange(cs, ce), children: parseInlines(text)))
                } else {
                    out.append(MarkdownNode(kind: .tableCell, range: SourceRange(e, e)))
                }
            }
            return MarkdownNode(kind: kind, range: SourceRange(line.start, max(line.start, e)), children: out)
        }
        var children: [MarkdownNode] = []
        if let header = block.headerLine { children.append(row(header, kind: .tableHead)) }
        for line in block.lines { children.append(row(line, kind: .tableRow)) }
        return MarkdownNode(kind: .table(alignments: block.alignments), range: range, children: children)
    }

    func parseInlines(_ text: VirtualText) -> [MarkdownNode] {
        if text.buf.isEmpty { return [] }
        var parser = InlineParser(text: text, refs: refs, options: options, footnotes: footnotes)
        parser.parse()
        return InlineTreeBuilder(parser: parser, options: options).build()
    }
}
