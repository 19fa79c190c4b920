import TWCCore

/// One node of the immutable Markdown tree. Every node knows the exact bytes it came from
/// (`range`, absolute offsets into the file); line and column come from `SourceFile.location`.
public struct MarkdownNode: Sendable, Equatable {
    public enum TableAlignment: Sendable, Equatable { case none, left, center, right }

    /// How a link or image was written.
    public enum LinkStyle: Sendable, Equatable {
        case inline  // [text](dest "title")
        case reference(label: String)  // [text][label], [label][], [label]
        case autolink  // <https://x.org>, <a@b.c>
        case linkify  // bare https://x.org, www.x.org (GFM extended autolink)
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
        case text(String)  // literal value: backslash escapes and entities resolved
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
        case footnoteReference(label: String)  // [^label]
        case footnoteDefinition(label: String)  // [^label]: text (block container)
        case definitionList
        case definitionTerm
        case definitionDescription  // ": description" (block container)
        // Hugo
        /// A shortcode tag (`{{< x >}}`, `{{% /x %}}` ...): `index` into the shortcodes given to
        /// the parser. Inline where it stands in text; a block of its own when it is alone in
        /// what would otherwise be a paragraph.
        case shortcode(index: Int)
    }

    /// What the node is. Built on access from the flat storage (text values become a `String`
    /// here), so a walk that only needs ranges or a node's tag pays for no string.
    public var kind: Kind { storage.kind(of: Int(id)) }
    /// All bytes of the node, markers included.
    public var range: SourceRange {
        let record = storage.records[Int(id)]
        return SourceRange(record.start, record.end)
    }
    /// The node's children, in order (a view into the tree's storage: no copy).
    public var children: Children { Children(storage: storage, record: storage.records[Int(id)]) }

    /// Links, images, reference definitions: the destination's own bytes in the source
    /// (without `<` `>`); for reference-style links, the destination bytes in the definition.
    public var destinationRange: SourceRange? { extras?.destinationRange }
    /// Headings: the bytes of the heading text (without `#` markers, closing `#`s, the setext
    /// underline or the `{...}` attribute block).
    public var contentRange: SourceRange? { extras?.contentRange }
    /// Headings: the `{#id .class key=value}` attribute block at the end of the line, if any.
    public var attributes: HeadingAttributes? { extras?.attributes }

    /// Text nodes: the value's UTF-8 bytes (escapes and entities resolved), without making a
    /// `String`; nil for other nodes.
    /// Whether the node is text (a leaf): walks that look for other kinds skip it without
    /// building its `kind`, whose text value is a new `String`.
    public var isText: Bool { storage.records[Int(id)].tag == .text }

    public var textBytes: ArraySlice<UInt8>? {
        let record = storage.records[Int(id)]
        return record.tag == .text ? storage.pool[record.valueStart..<record.valueEnd] : nil
    }

    private var extras: NodeExtras? {
        let index = storage.records[Int(id)].extra
        return index < 0 ? nil : storage.extras[Int(index)]
    }

    let storage: MarkdownTreeStorage
    let id: Int32

    init(storage: MarkdownTreeStorage, id: Int32) {
        self.storage = storage
        self.id = id
    }

    /// The children of a node: a random-access view into the tree's storage.
    public struct Children: RandomAccessCollection, Sendable {
        let storage: MarkdownTreeStorage
        let start: Int
        public let count: Int

        init(storage: MarkdownTreeStorage, record: NodeRecord) {
            self.storage = storage
            start = Int(record.childStart)
            count = Int(record.childCount)
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }
        public subscript(position: Int) -> MarkdownNode {
            precondition(position >= 0 && position < count, "child index out of range")
            return MarkdownNode(storage: storage, id: storage.childIDs[start + position])
        }
    }

    public static func == (lhs: MarkdownNode, rhs: MarkdownNode) -> Bool {
        if lhs.storage === rhs.storage && lhs.id == rhs.id { return true }
        guard lhs.kind == rhs.kind, lhs.range == rhs.range, lhs.destinationRange == rhs.destinationRange,
            lhs.contentRange == rhs.contentRange, lhs.attributes == rhs.attributes
        else { return false }
        let left = lhs.children
        let right = rhs.children
        return left.count == right.count && zip(left, right).allSatisfy { $0 == $1 }
    }

    /// Depth-first, pre-order walk. Return `false` from `visit` to skip a node's children.
    public func walk(_ visit: (MarkdownNode) -> Bool) {
        var stack: [Int32] = [id]
        let storage = self.storage
        while let next = stack.popLast() {
            if visit(MarkdownNode(storage: storage, id: next)) {
                let record = storage.records[Int(next)]
                var index = Int(record.childStart) + Int(record.childCount)
                while index > Int(record.childStart) {
                    index -= 1
                    stack.append(storage.childIDs[index])
                }
            }
        }
    }
}

/// What a stored node is; kinds with a payload beyond a text value keep it in `payloads`.
enum NodeTag: UInt8 {
    case document, blockQuote, paragraph, thematicBreak, tableHead, tableRow, tableCell
    case softBreak, hardBreak, emphasis, strong, strikethrough
    case definitionList, definitionTerm, definitionDescription
    /// Value in `pool[valueStart..<valueEnd]`.
    case text
    /// Kind in `payloads[valueStart]`.
    case payload
}

/// One node in the flat storage (children are `childIDs[childStart ..< childStart + childCount]`).
struct NodeRecord: Sendable {
    var start: Int
    var end: Int
    var valueStart: Int
    var valueEnd: Int
    var childStart: Int32
    var childCount: Int32
    var extra: Int32
    var tag: NodeTag
}

struct NodeExtras: Sendable {
    var destinationRange: SourceRange?
    var contentRange: SourceRange?
    var attributes: HeadingAttributes?
}

/// A whole parsed document: every node in one array, built once and never changed, so that a
/// tree of hundreds of thousands of nodes is a handful of allocations (and its release is flat).
final class MarkdownTreeStorage: Sendable {
    let records: [NodeRecord]
    let childIDs: [Int32]
    let pool: [UInt8]
    let payloads: [MarkdownNode.Kind]
    let extras: [NodeExtras]

    init(_ writer: consuming TreeWriter) {
        records = writer.records
        childIDs = writer.childIDs
        pool = writer.pool
        payloads = writer.payloads
        extras = writer.extras
    }

    func kind(of id: Int) -> MarkdownNode.Kind {
        let record = records[id]
        switch record.tag {
        case .document: return .document
        case .blockQuote: return .blockQuote
        case .paragraph: return .paragraph
        case .thematicBreak: return .thematicBreak
        case .tableHead: return .tableHead
        case .tableRow: return .tableRow
        case .tableCell: return .tableCell
        case .softBreak: return .softBreak
        case .hardBreak: return .hardBreak
        case .emphasis: return .emphasis
        case .strong: return .strong
        case .strikethrough: return .strikethrough
        case .definitionList: return .definitionList
        case .definitionTerm: return .definitionTerm
        case .definitionDescription: return .definitionDescription
        case .text: return .text(String(decoding: pool[record.valueStart..<record.valueEnd], as: UTF8.self))
        case .payload: return payloads[record.valueStart]
        }
    }
}

/// Builds the flat storage bottom-up. Nodes are added after their children: a builder notes
/// `mark` (the number of nodes waiting for a parent), adds the children, then adds the parent
/// with `childrenFrom: mark`, which adopts every node added since.
struct TreeWriter {
    var records: [NodeRecord] = []
    var childIDs: [Int32] = []
    var pool: [UInt8] = []
    var payloads: [MarkdownNode.Kind] = []
    var extras: [NodeExtras] = []
    /// Nodes without a parent yet, in order.
    var pending: [Int32] = []

    init(expectedBytes: Int) {
        let nodes = expectedBytes / 40 + 16
        records.reserveCapacity(nodes)
        childIDs.reserveCapacity(nodes)
        pending.reserveCapacity(64)
        pool.reserveCapacity(expectedBytes / 2 + 16)
    }

    var mark: Int { pending.count }

    /// Range of the `index`-th pending node.
    func pendingRange(_ index: Int) -> SourceRange {
        let record = records[Int(pending[index])]
        return SourceRange(record.start, record.end)
    }

    @discardableResult
    mutating func add(
        _ tag: NodeTag, _ range: SourceRange, childrenFrom mark: Int? = nil,
        valueStart: Int = 0, valueEnd: Int = 0, extras extra: NodeExtras? = nil
    ) -> Int32 {
        var childStart = Int32(childIDs.count)
        var childCount: Int32 = 0
        if let mark, mark < pending.count {
            childStart = Int32(childIDs.count)
            childCount = Int32(pending.count - mark)
            childIDs.append(contentsOf: pending[mark...])
            pending.removeSubrange(mark...)
        }
        var extraIndex: Int32 = -1
        if let extra, extra.destinationRange != nil || extra.contentRange != nil || extra.attributes != nil {
            extraIndex = Int32(extras.count)
            extras.append(extra)
        }
        let id = Int32(records.count)
        records.append(
            NodeRecord(
                start: range.start, end: range.end, valueStart: valueStart, valueEnd: valueEnd,
                childStart: childStart, childCount: childCount, extra: extraIndex, tag: tag))
        pending.append(id)
        return id
    }

    /// A node of any kind: plain kinds get their tag, others keep the kind in `payloads`.
    @discardableResult
    mutating func add(
        kind: MarkdownNode.Kind, _ range: SourceRange, childrenFrom mark: Int? = nil,
        extras: NodeExtras? = nil
    ) -> Int32 {
        let tag: NodeTag
        switch kind {
        case .document: tag = .document
        case .blockQuote: tag = .blockQuote
        case .paragraph: tag = .paragraph
        case .thematicBreak: tag = .thematicBreak
        case .tableHead: tag = .tableHead
        case .tableRow: tag = .tableRow
        case .tableCell: tag = .tableCell
        case .softBreak: tag = .softBreak
        case .hardBreak: tag = .hardBreak
        case .emphasis: tag = .emphasis
        case .strong: tag = .strong
        case .strikethrough: tag = .strikethrough
        case .definitionList: tag = .definitionList
        case .definitionTerm: tag = .definitionTerm
        case .definitionDescription: tag = .definitionDescription
        case .text(let value):
            var value = value
            return value.withUTF8 { addText($0, range) }
        default:
            payloads.append(kind)
            return add(.payload, range, childrenFrom: mark, valueStart: payloads.count - 1, extras: extras)
        }
        return add(tag, range, childrenFrom: mark, extras: extras)
    }

    /// A text node whose value is `bytes` (NUL replaced by U+FFFD, as CommonMark requires).
    @discardableResult
    mutating func addText<C: Collection>(_ bytes: C, _ range: SourceRange) -> Int32 where C.Element == UInt8 {
        let valueStart = pool.count
        if containsNUL(bytes) {
            for byte in bytes { if byte == 0 { pool += [0xEF, 0xBF, 0xBD] } else { pool.append(byte) } }
        } else {
            pool.append(contentsOf: bytes)
        }
        return add(.text, range, valueStart: valueStart, valueEnd: pool.count)
    }

    /// Whether the pending node `index` is a text node made only of spaces and tabs.
    func pendingIsBlankText(_ index: Int) -> Bool {
        let record = records[Int(pending[index])]
        guard record.tag == .text else { return false }
        return pool[record.valueStart..<record.valueEnd].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    func pendingTag(_ index: Int) -> NodeTag { records[Int(pending[index])].tag }
    func pendingPayload(_ index: Int) -> MarkdownNode.Kind? {
        let record = records[Int(pending[index])]
        return record.tag == .payload ? payloads[record.valueStart] : nil
    }

    /// The finished tree; its root is the last node added.
    consuming func finish() -> MarkdownNode {
        let root = pending.last ?? 0
        return MarkdownNode(storage: MarkdownTreeStorage(self), id: root)
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
