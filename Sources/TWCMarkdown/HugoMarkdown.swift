import TWCCore

/// A page body as Hugo's Goldmark sees it: shortcodes are lexed first (Hugo replaces them with
/// placeholders before Markdown runs), the Markdown is parsed, and each shortcode tag becomes a
/// `.shortcode` node where it stands: inline inside text, or a block of its own when it is alone in
/// what would otherwise be a paragraph.
public enum HugoMarkdown {
    public struct Document: Sendable {
        public var tree: MarkdownNode
        public var shortcodes: [Shortcode]
        public var problems: [ParseProblem]
    }

    public static func parse(_ bytes: [UInt8], range: Range<Int>, options: MarkdownParser.Options = .hugo) -> Document {
        let lexed = ShortcodeLexer.lex(bytes, range: range)
        guard !lexed.shortcodes.isEmpty || !lexed.problems.isEmpty else {
            return Document(tree: MarkdownParser.parse(bytes, range: range, options: options), shortcodes: [], problems: [])
        }
        // Mask each tag with an opaque token of the same length (as Hugo's placeholder is opaque to
        // Markdown), so that every range stays valid: `[a]({{< ref "x" >}})` is still a link.
        var masked = bytes
        for shortcode in lexed.shortcodes {
            for index in shortcode.range.range { masked[index] = UInt8(ascii: "x") }
        }
        for problem in lexed.problems where problem.range.count > 0 {
            for index in problem.range.range where masked[index] != 0x0A { masked[index] = UInt8(ascii: "x") }
        }
        let tree = MarkdownParser.parse(masked, range: range, options: options)
        let placed = lexed.shortcodes.enumerated().filter { !$0.element.isComment }.map { (index: $0.offset, range: $0.element.range) }
        return Document(tree: ShortcodePlacement(bytes: bytes, shortcodes: placed).place(in: tree),
                        shortcodes: lexed.shortcodes, problems: lexed.problems)
    }
}

/// Splits text nodes at shortcode tags and lifts paragraphs made only of tags to block level.
struct ShortcodePlacement {
    let bytes: [UInt8]
    /// Tags in source order.
    let shortcodes: [(index: Int, range: SourceRange)]

    func place(in root: MarkdownNode) -> MarkdownNode {
        guard !shortcodes.isEmpty else { return root }
        // Iterative post-order rebuild (no recursion over tree depth).
        struct Frame { var node: MarkdownNode; var next: Int; var children: [MarkdownNode] }
        var stack = [Frame(node: root, next: 0, children: [])]
        var result = root
        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].next < stack[top].node.children.count {
                let child = stack[top].node.children[stack[top].next]
                stack[top].next += 1
                if !overlapsShortcode(child.range) {
                    stack[top].children.append(child)
                } else if case .text = child.kind {
                    stack[top].children += split(child)
                } else {
                    stack.append(Frame(node: child, next: 0, children: []))
                }
                continue
            }
            let frame = stack.removeLast()
            var node = frame.node
            node.children = frame.children
            let replacement = liftIfOnlyShortcodes(node)
            if stack.isEmpty {
                result = replacement.first ?? node
            } else {
                stack[stack.count - 1].children += replacement
            }
        }
        return result
    }

    /// Index of the first tag ending after `offset` (binary search).
    func firstTag(endingAfter offset: Int) -> Int {
        var low = 0, high = shortcodes.count
        while low < high {
            let mid = (low + high) / 2
            if shortcodes[mid].range.end <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func overlapsShortcode(_ range: SourceRange) -> Bool {
        let index = firstTag(endingAfter: range.start)
        return index < shortcodes.count && shortcodes[index].range.start < range.end
    }

    /// A text node cut into text / shortcode / text pieces.
    func split(_ node: MarkdownNode) -> [MarkdownNode] {
        var pieces: [MarkdownNode] = []
        var position = node.range.start
        var index = firstTag(endingAfter: position)
        while index < shortcodes.count, shortcodes[index].range.start < node.range.end {
            let tag = shortcodes[index].range
            if tag.start > position { pieces.append(text(position, tag.start)) }
            let start = max(tag.start, node.range.start), end = min(tag.end, node.range.end)
            if start < end { pieces.append(MarkdownNode(kind: .shortcode(index: shortcodes[index].index), range: SourceRange(start, end))) }
            position = max(position, end)
            index += 1
        }
        if position < node.range.end { pieces.append(text(position, node.range.end)) }
        return pieces
    }

    /// A text piece: its source with escapes and entity references resolved, as the parser's
    /// own text literals.
    func text(_ start: Int, _ end: Int) -> MarkdownNode {
        MarkdownNode(kind: .text(unescapeString(bytes, start, end)), range: SourceRange(start, end))
    }

    /// A paragraph holding only tags (and line breaks or blanks between them) becomes those tags as
    /// blocks: Hugo removes the `<p>` around a lone shortcode placeholder.
    func liftIfOnlyShortcodes(_ node: MarkdownNode) -> [MarkdownNode] {
        guard case .paragraph = node.kind else { return [node] }
        var tags: [MarkdownNode] = []
        for child in node.children {
            switch child.kind {
            case .shortcode: tags.append(child)
            case .softBreak, .hardBreak: continue
            case .text(let literal) where literal.allSatisfy({ $0 == " " || $0 == "\t" }): continue
            default: return [node]
            }
        }
        return tags.isEmpty ? [node] : tags
    }
}
