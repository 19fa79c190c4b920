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
        /// Heading attribute blocks found as Hugo before 0.144 finds them (the last `{` of the
        /// line, after the closing sequence is removed; see `parseHeadingAttributes`).
        public var legacyHeadingAttributes = false
        /// Whether a lone `\r` ends a line (CommonMark). Goldmark, and so Hugo, ends lines only at
        /// `\n` (a `\r` right before it belongs to the line ending): a page saved with lone-CR line
        /// endings is one line to Hugo, and a `\r` inside a line is an ordinary byte of it.
        public var carriageReturnEndsLine = true

        public init(
            tables: Bool, strikethrough: Bool, linkify: Bool, taskLists: Bool,
            headingAttributes: Bool, footnotes: Bool = false, definitionLists: Bool = false,
            linkifyWWWScheme: String = "https"
        ) {
            self.tables = tables
            self.strikethrough = strikethrough
            self.linkify = linkify
            self.taskLists = taskLists
            self.headingAttributes = headingAttributes
            self.footnotes = footnotes
            self.definitionLists = definitionLists
            self.linkifyWWWScheme = linkifyWWWScheme
        }

        public static let hugo: Options = {
            var options = Options(
                tables: true, strikethrough: true, linkify: true, taskLists: true,
                headingAttributes: true, footnotes: true, definitionLists: true,
                linkifyWWWScheme: "https")
            options.carriageReturnEndsLine = false
            return options
        }()
        public static let commonMark = Options(
            tables: false, strikethrough: false, linkify: false, taskLists: false,
            headingAttributes: false)
        public static let gfm = Options(
            tables: true, strikethrough: true, linkify: true, taskLists: true,
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
    ///   `.tableRow` per body row (no tbody node); extra cells are dropped. A row with fewer cells than
    ///   the header holds only the cells written: the empty cells Goldmark pads it with have no
    ///   source and are not in the tree (`HTMLRenderer` writes them), so that a header of k columns
    ///   over k one-cell rows is 2k nodes, not k² (60 kB of such rows made 100 million nodes).
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
        parse(bytes, range: range, options: options, shortcodes: nil)
    }

    /// `shortcodes`: Hugo shortcode tags (masked in `bytes`) to place as `.shortcode` nodes.
    static func parse(_ bytes: [UInt8], range: Range<Int>, options: Options, shortcodes: ShortcodeTags?) -> MarkdownNode
    {
        var parser = BlockParser(bytes: bytes, range: range, options: options)
        parser.run(range)
        var builder = TreeBuilder(
            bytes: bytes, options: options, writer: TreeWriter(expectedBytes: range.count),
            inline: InlineParser(
                refs: parser.refs, options: options, footnotes: parser.footnoteLabels,
                shortcodes: shortcodes))
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

/// Converts the block tree into the flat node storage, running the inline phase on leaf text.
struct TreeBuilder {
    let bytes: [UInt8]
    let options: MarkdownParser.Options
    var writer: TreeWriter
    /// One inline parser for every leaf block (its storage is reused).
    var inline: InlineParser

    mutating func build(_ root: Block) -> MarkdownNode {
        // Iterative post-order conversion: a frame's children are the nodes added since its mark.
        struct Frame {
            var block: Block
            var index: Int
            var mark: Int
        }
        var stack: [Frame] = [Frame(block: root, index: 0, mark: writer.mark)]
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
                stack.append(Frame(block: child, index: 0, mark: writer.mark))
                continue
            }
            let frame = stack.removeLast()
            addNode(frame.block, childrenFrom: frame.mark)
        }
        return writer.finish()
    }

    mutating func addNode(_ block: Block, childrenFrom mark: Int) {
        var range = SourceRange(block.start, max(block.start, block.end))
        if block.type != .document, writer.mark > mark {
            // a lazy continuation line may extend a child after its container was closed
            let last = writer.pendingRange(writer.mark - 1)
            if last.end > range.end { range.end = last.end }
        }
        switch block.type {
        case .document:
            writer.add(.document, range, childrenFrom: mark)
        case .blockQuote:
            writer.add(.blockQuote, range, childrenFrom: mark)
        case .list:
            writer.add(
                kind: .list(ordered: block.ordered, start: block.listStart, tight: block.tight), range,
                childrenFrom: mark)
        case .item:
            writer.add(kind: .listItem(taskChecked: block.taskChecked), range, childrenFrom: mark)
        case .paragraph:
            parseInlines(lines: block.lines)
            var r = range
            if writer.mark > mark {
                let first = writer.pendingRange(mark)
                if first.start < r.start { r.start = first.start }
            }
            if inline.shortcodes != nil && liftShortcodes(from: mark) { return }
            writer.add(.paragraph, r, childrenFrom: mark)
        case .heading:
            parseInlines(lines: block.lines)
            writer.add(
                kind: .heading(level: block.level, setext: block.setext), range, childrenFrom: mark,
                extras: NodeExtras(
                    contentRange: SourceRange(block.contentStart, max(block.contentStart, block.contentEnd)),
                    attributes: block.attributes))
        case .thematicBreak:
            writer.add(.thematicBreak, range)
        case .codeBlock:
            var literal: [UInt8] = []
            for line in block.lines {
                for _ in 0..<line.pad { literal.append(0x20) }
                literal.append(contentsOf: bytes[line.start..<line.end])
                literal.append(0x0A)
            }
            writer.add(
                kind: .codeBlock(
                    fenced: block.fenced, info: block.info, literal: String(decoding: literal, as: UTF8.self)), range)
        case .htmlBlock:
            var literal: [UInt8] = []
            for (index, line) in block.lines.enumerated() {
                if index > 0 { literal.append(0x0A) }
                for _ in 0..<line.pad { literal.append(0x20) }
                literal.append(contentsOf: bytes[line.start..<line.end])
            }
            writer.add(kind: .htmlBlock(literal: String(decoding: literal, as: UTF8.self)), range)
        case .linkRefDef:
            let def = block.refDef!
            writer.add(
                kind: .linkReferenceDefinition(label: def.label, destination: def.destination, title: def.title),
                def.range, extras: NodeExtras(destinationRange: def.destinationRange))
        case .table:
            addTable(block, range: range)
        case .footnoteDef:
            writer.add(kind: .footnoteDefinition(label: block.footnoteLabel), range, childrenFrom: mark)
        case .defList:
            writer.add(.definitionList, range, childrenFrom: mark)
        case .defTerm:
            parseInlines(lines: block.lines)
            writer.add(.definitionTerm, range, childrenFrom: mark)
        case .defDesc:
            writer.add(.definitionDescription, range, childrenFrom: mark)
        }
    }

    /// A paragraph holding only shortcode tags (and line breaks or blanks between them) becomes
    /// those tags as blocks: Hugo removes the `<p>` around a lone shortcode placeholder.
    /// Returns whether the paragraph's inlines (pending from `mark`) were replaced by its tags.
    mutating func liftShortcodes(from mark: Int) -> Bool {
        var tags = 0
        for index in mark..<writer.mark {
            switch writer.pendingTag(index) {
            case .softBreak, .hardBreak: continue
            case .text where writer.pendingIsBlankText(index): continue
            case .payload:
                guard case .shortcode = writer.pendingPayload(index) else { return false }
                tags += 1
            default: return false
            }
        }
        guard tags > 0 else { return false }
        var kept = mark
        for index in mark..<writer.mark where writer.pendingTag(index) == .payload {
            writer.pending[kept] = writer.pending[index]
            kept += 1
        }
        writer.pending.removeSubrange(kept...)
        return true
    }

    mutating func addTable(_ block: Block, range: SourceRange) {
        let tableMark = writer.mark
        if let header = block.headerLine { addTableRow(header, kind: .tableHead, columns: block.alignments.count) }
        for line in block.lines { addTableRow(line, kind: .tableRow, columns: block.alignments.count) }
        writer.add(kind: .table(alignments: block.alignments), range, childrenFrom: tableMark)
    }

    mutating func addTableRow(_ line: BlockLine, kind: MarkdownNode.Kind, columns: Int) {
        var e = line.end
        while e > line.start && isSpaceOrTab(bytes[e - 1]) { e -= 1 }
        let cells = BlockParser.splitRow(bytes, line.start, e)
        let rowMark = writer.mark
        for index in 0..<min(columns, cells.count) {
            let (cs, ce) = cells[index]
            let cellMark = writer.mark
            parseInlines(tableCell: cs..<ce)
            writer.add(.tableCell, SourceRange(cs, ce), childrenFrom: cellMark)
        }
        writer.add(kind: kind, SourceRange(line.start, max(line.start, e)), childrenFrom: rowMark)
    }

    /// Runs the inline phase on a leaf block's lines; its nodes are added to the writer (pending
    /// for the caller).
    mutating func parseInlines(lines: [BlockLine]) {
        let bytes = self.bytes
        inline.reset { $0.fill(lines: lines, source: bytes) }
        runInlines()
    }

    mutating func parseInlines(tableCell range: Range<Int>) {
        let bytes = self.bytes
        inline.reset { $0.fill(tableCell: bytes, range) }
        runInlines()
    }

    private mutating func runInlines() {
        if inline.buf.isEmpty { return }
        inline.parse()
        inline.buildTree(into: &writer)
    }
}
