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
            return Document(
                tree: MarkdownParser.parse(bytes, range: range, options: options), shortcodes: [], problems: [])
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
        let placed = lexed.shortcodes.enumerated().filter { !$0.element.isComment }.map {
            (index: $0.offset, range: $0.element.range)
        }
        let tree = MarkdownParser.parse(
            masked, range: range, options: options,
            shortcodes: placed.isEmpty ? nil : ShortcodeTags(bytes: bytes, tags: placed))
        return Document(tree: tree, shortcodes: lexed.shortcodes, problems: lexed.problems)
    }
}

/// The shortcode tags of a page, for the tree builder: a text node a tag falls in is cut into
/// text / shortcode / text pieces, and a paragraph made only of tags is lifted to block level.
struct ShortcodeTags {
    /// The page's own bytes (the parser sees them with the tags masked).
    let bytes: [UInt8]
    /// Tags in source order.
    let tags: [(index: Int, range: SourceRange)]

    /// Index of the first tag ending after `offset` (binary search).
    func firstTag(endingAfter offset: Int) -> Int {
        var low = 0
        var high = tags.count
        while low < high {
            let mid = (low + high) / 2
            if tags[mid].range.end <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func overlaps(_ range: SourceRange) -> Bool {
        let index = firstTag(endingAfter: range.start)
        return index < tags.count && tags[index].range.start < range.end
    }

    /// Adds the text node at `range` as text / shortcode / text pieces. A text piece's value is its
    /// source with escapes and entity references resolved, as the parser's own text literals.
    func split(_ range: SourceRange, _ writer: inout TreeWriter) {
        var position = range.start
        var index = firstTag(endingAfter: position)
        while index < tags.count, tags[index].range.start < range.end {
            let tag = tags[index].range
            if tag.start > position {
                writer.addText(unescapeBytes(bytes, position, tag.start), SourceRange(position, tag.start))
            }
            let start = max(tag.start, range.start)
            let end = min(tag.end, range.end)
            if start < end { writer.add(kind: .shortcode(index: tags[index].index), SourceRange(start, end)) }
            position = max(position, end)
            index += 1
        }
        if position < range.end {
            writer.addText(unescapeBytes(bytes, position, range.end), SourceRange(position, range.end))
        }
    }
}
