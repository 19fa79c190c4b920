import TWCCore

/// One node of the immutable Markdown tree. Every node knows the exact bytes it came from
/// (`range`, absolute offsets into the file); line and column come from `SourceFile.location`.
public struct MarkdownNode: Sendable, Equatable {
    public enum TableAlignment: Sendable, Equatable { case none, left, center, right }

    /// How a link or image was written.
    public enum LinkStyle: Sendable, Equatable {
        case inline                 // [text](dest "title")
        case reference(label: String) // [text][label], [label][], [label]
        case autolink               // <https://x.org>, <a@b.c>
        case linkify                // bare https://x.org, www.x.org (GFM extended autolink)
    }

    public enum Kind: Sendable, Equatable {
        // Blocks
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case listItem(taskChecked: Bool?)
        case paragraph
        case heading(level: Int, setext: Bool)
        case thematicBreak
        case codeBlock(fenced: Bool, info: String, literal: String)
        case htmlBlock(literal: String)
        case linkReferenceDefinition(label: String, destination: String, title: String?)
        case table(alignments: [TableAlignment])
        case tableHead
        case tableRow
        case tableCell
        // Inlines
        case text(String)          // literal value: backslash escapes and entities resolved
        case softBreak
        case hardBreak
        case codeSpan(String)
        case emphasis
        case strong
        case strikethrough
        case link(destination: String, title: String, style: LinkStyle)
        case image(destination: String, title: String, style: LinkStyle)
        case htmlInline(String)
        // Goldmark extensions Hugo enables
        case footnoteReference(label: String)       // [^label]
        case footnoteDefinition(label: String)      // [^label]: text (block container)
        case definitionList
        case definitionTerm
        case definitionDescription                  // ": description" (block container)
        // Hugo
        /// A shortcode tag (`{{< x >}}`, `{{% /x %}}` ...): `index` into the shortcodes given to
        /// the parser. Inline where it stands in text; a block of its own when it is alone in
        /// what would otherwise be a paragraph.
        case shortcode(index: Int)
    }

    public var kind: Kind
    /// All bytes of the node, markers included.
    public var range: SourceRange
    public var children: [MarkdownNode]
    /// Fields only some nodes have, kept out of line so that every node stays small (a tree of a
    /// large page has hundreds of thousands of nodes).
    private var extras: Extras?

    private final class Extras: Sendable {
        let destinationRange: SourceRange?
        let contentRange: SourceRange?
        let attributes: HeadingAttributes?

        init(destinationRange: SourceRange?, contentRange: SourceRange?, attributes: HeadingAttributes?) {
            self.destinationRange = destinationRange
            self.contentRange = contentRange
            self.attributes = attributes
        }

        static func make(_ destinationRange: SourceRange?, _ contentRange: SourceRange?, _ attributes: HeadingAttributes?) -> Extras? {
            destinationRange == nil && contentRange == nil && attributes == nil
                ? nil : Extras(destinationRange: destinationRange, contentRange: contentRange, attributes: attributes)
        }
    }

    /// Links, images, reference definitions: the destination's own bytes in the source
    /// (without `<` `>`); for reference-style links, the destination bytes in the definition.
    public var destinationRange: SourceRange? {
        get { extras?.destinationRange }
        set { extras = Extras.make(newValue, contentRange, attributes) }
    }
    /// Headings: the bytes of the heading text (without `#` markers, closing `#`s, the setext
    /// underline or the `{...}` attribute block).
    public var contentRange: SourceRange? {
        get { extras?.contentRange }
        set { extras = Extras.make(destinationRange, newValue, attributes) }
    }
    /// Headings: the `{#id .class key=value}` attribute block at the end of the line, if any.
    public var attributes: HeadingAttributes? {
        get { extras?.attributes }
        set { extras = Extras.make(destinationRange, contentRange, newValue) }
    }

    public init(kind: Kind, range: SourceRange, children: [MarkdownNode] = [],
                destinationRange: SourceRange? = nil, contentRange: SourceRange? = nil,
                attributes: HeadingAttributes? = nil) {
        self.kind = kind
        self.range = range
        self.children = children
        self.extras = Extras.make(destinationRange, contentRange, attributes)
    }

    public static func == (lhs: MarkdownNode, rhs: MarkdownNode) -> Bool {
        lhs.kind == rhs.kind && lhs.range == rhs.range && lhs.children == rhs.children
            && lhs.destinationRange == rhs.destinationRange && lhs.contentRange == rhs.contentRange
            && lhs.attributes == rhs.attributes
    }

    /// Depth-first, pre-order walk. Return `false` from `visit` to skip a node's children.
    public func walk(_ visit: (MarkdownNode) -> Bool) {
        var stack: [MarkdownNode] = [self]
        while let node = stack.popLast() {
            if visit(node) {
                for child in node.children.reversed() { stack.append(child) }
            }
        }
    }
}

/// `{#id .class key=value}` after a heading (Goldmark's attribute syntax).
public struct HeadingAttributes: Sendable, Equatable {
    public var id: String?
    public var classes: [String]
    public var pairs: [(key: String, value: String)]
    public var range: SourceRange

    public init(id: String?, classes: [String], pairs: [(key: String, value: String)], range: SourceRange) {
        self.id = id
        self.classes = classes
        self.pairs = pairs
        self.range = range
    }

    public static func == (lhs: HeadingAttributes, rhs: HeadingAttributes) -> Bool {
        lhs.id == rhs.id && lhs.classes == rhs.classes && lhs.range == rhs.range
            && lhs.pairs.map(\.key) == rhs.pairs.map(\.key) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }
}
