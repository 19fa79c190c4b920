import TWCCore

/// One content line of a leaf block: bytes[start..<end], preceded by `pad` virtual spaces
/// (the rest of a partially consumed tab). `eol` is the position of the line terminator.
struct BlockLine {
    var start: Int
    var end: Int
    var pad: Int
    var eol: Int
}

enum BlockType {
    case document, blockQuote, list, item, paragraph, heading, thematicBreak, codeBlock, htmlBlock, table, linkRefDef
    // Goldmark extensions: footnote definition (container), definition list > term (leaf) / description (container)
    case footnoteDef, defList, defTerm, defDesc
}

struct RefDef {
    var label: String
    var destination: String
    var title: String?
    var destinationRange: SourceRange
    var range: SourceRange
}

/// Mutable block used during the block phase. All blocks are also retained by `BlockParser.all`
/// so that releasing the tree never recurses deeply.
///
/// `parent`, `children` and `lines` are read or changed on every line, and the parser never overlaps
/// two accesses to one of them, so they opt out of exclusivity enforcement: the run-time checks on
/// `children` and `lines` cost a tenth of parse time, the access markers left on `parent` hold back
/// the optimizer. (The optimizer proves the other properties' accesses safe and drops their checks.)
final class Block {
    var type: BlockType
    @exclusivity(unchecked) unowned(unsafe) var parent: Block?
    @exclusivity(unchecked) var children: [Block] = []
    var open = true
    var removed = false
    var start: Int
    var end: Int
    var depth: Int
    var startLine: Int
    var lastLineBlank = false
    @exclusivity(unchecked) var lines: [BlockLine] = []
    // lists / items
    var ordered = false
    var listStart = 1
    var bulletChar: UInt8 = 0
    var markerOffset = 0
    var padding = 0
    var tight = true
    var taskChecked: Bool?
    // code
    var fenced = false
    var fenceChar: UInt8 = 0
    var fenceLength = 0
    var fenceOffset = 0
    var info = ""
    // html
    var htmlType = 0
    // heading
    var level = 0
    var setext = false
    var contentStart = 0
    var contentEnd = 0
    var attributes: HeadingAttributes?
    // table
    var alignments: [MarkdownNode.TableAlignment] = []
    var headerLine: BlockLine?
    // reference definition
    var refDef: RefDef?
    // footnote definition: the label's bytes between `[^` and `]`
    var footnoteLabel = ""

    init(type: BlockType, start: Int, end: Int, depth: Int, line: Int) {
        self.type = type
        self.start = start
        self.end = end
        self.depth = depth
        self.startLine = line
    }
}

/// Position of the first `\n` or `\r` in bytes[from..<end], or `end`: 16 bytes at a time.
@inline(__always) func lineTerminator(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int {
    var q = from
    if let base = bytes.baseAddress {
        let raw = UnsafeRawPointer(base)
        let newline = SIMD16<UInt8>(repeating: 0x0A)
        let carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
        while q + 16 <= end {
            let v = raw.loadUnaligned(fromByteOffset: q, as: SIMD16<UInt8>.self)
            if any((v .== newline) .| (v .== carriageReturn)) { break }
            q += 16
        }
    }
    while q < end && bytes[q] != 0x0A && bytes[q] != 0x0D { q += 1 }
    return q
}

/// Goldmark's line end: the first `\n` in bytes[from..<end] (or `end`), and where the line's
/// content ends, before a `\r` that directly precedes the `\n`. A lone `\r` stays in the line.
@inline(__always) func goldmarkLineEnd(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int)
    -> (contentEnd: Int, newline: Int)
{
    var q = from
    while true {
        q = lineTerminator(in: bytes, from: q, to: end)
        if q >= end { return (end, end) }
        if bytes[q] == 0x0A { return (q, q) }
        if q + 1 < end && bytes[q + 1] == 0x0A { return (q, q + 1) }
        q += 1  // a lone `\r`: part of the line
    }
}

struct BlockParser {
    static let maxNesting = 500

    let b: [UInt8]
    let options: MarkdownParser.Options
    let root: Block
    var all: [Block] = []
    var tip: Block
    var refs: [String: RefDef] = [:]
    /// Labels of footnote definitions (exact bytes, as Goldmark compares them).
    var footnoteLabels: Set<String> = []
    /// Whether the previous / current line was blank (in its container context).
    var previousLineBlank = false
    var currentLineBlank = false

    // current line
    var lineNumber = 0
    var lineStart = 0
    var lineEnd = 0  // end of content (before \r?\n)
    var eol = 0  // position of the terminator (== lineEnd)
    var offset = 0
    var column = 0
    var nextNonspace = 0
    var nextNonspaceColumn = 0
    var indent = 0
    var blank = false
    var partiallyConsumedTab = false
    var lineConsumed = false
    /// The last failed thematic break scan: from where, to the byte that ended it, of which marker.
    var noThematicBreak: (from: Int, until: Int, char: UInt8) = (0, 0, 0)

    init(bytes: [UInt8], range: Range<Int>, options: MarkdownParser.Options) {
        self.b = bytes
        self.options = options
        let r = Block(type: .document, start: range.lowerBound, end: range.upperBound, depth: 0, line: 0)
        root = r
        tip = r
        all.append(r)
    }

    mutating func run(_ range: Range<Int>) {
        var p = range.lowerBound
        let end = range.upperBound
        let crEndsLine = options.carriageReturnEndsLine
        while p < end {
            let q: Int
            let next: Int
            if crEndsLine {
                q = b.withUnsafeBufferPointer { lineTerminator(in: $0, from: p, to: end) }
                next = q < end && b[q] == 0x0D && q + 1 < end && b[q + 1] == 0x0A ? q + 2 : q + 1
            } else {
                let found = b.withUnsafeBufferPointer { goldmarkLineEnd(in: $0, from: p, to: end) }
                q = found.contentEnd
                next = found.newline + 1
            }
            lineStart = p
            lineEnd = q
            eol = q
            lineNumber += 1
            previousLineBlank = currentLineBlank
            currentLineBlank = false
            processLine()
            p = next
        }
        while tip !== root { tip = finalize(tip) }
        _ = finalize(root)
        root.start = range.lowerBound
        root.end = range.upperBound
    }

    // MARK: line helpers

    @inline(__always) func peek(_ i: Int) -> UInt8 { i < lineEnd ? b[i] : 0x0A }

    /// Finds the first non-space byte at or after `offset`. The scan is kept for the rest of the
    /// line while `offset` has not passed it (as cmark does): each open container of a line asks
    /// again, and rescanning the line's indentation for each of them was quadratic in the nesting
    /// depth on every line (lists nested by indentation).
    mutating func findNextNonspace() {
        if nextNonspace > offset {
            indent = nextNonspaceColumn - column
            blank = nextNonspace >= lineEnd
            return
        }
        var i = offset
        var cols = column
        while i < lineEnd {
            let c = b[i]
            if c == 0x20 {
                i += 1
                cols += 1
            } else if c == 0x09 {
                cols += 4 - cols % 4
                i += 1
            } else {
                break
            }
        }
        nextNonspace = i
        nextNonspaceColumn = cols
        indent = cols - column
        blank = i >= lineEnd
    }

    mutating func advanceOffset(_ n: Int, columns: Bool) {
        var count = n
        while count > 0 && offset < lineEnd {
            if b[offset] == 0x09 {
                let charsToTab = 4 - column % 4
                if columns {
                    partiallyConsumedTab = charsToTab > count
                    let adv = min(count, charsToTab)
                    column += adv
                    offset += partiallyConsumedTab ? 0 : 1
                    count -= adv
                } else {
                    partiallyConsumedTab = false
                    column += charsToTab
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    var trimmedLineEnd: Int {
        var e = lineEnd
        while e > lineStart && isSpaceOrTab(b[e - 1]) { e -= 1 }
        return e
    }

    mutating func addLine(_ block: Block) {
        var pad = 0
        var start = offset
        if partiallyConsumedTab {
            start += 1
            pad = 4 - column % 4
        }
        block.lines.append(BlockLine(start: start, end: lineEnd, pad: pad, eol: eol))
    }

    mutating func addChild(_ type: BlockType, to parentIn: Block, start: Int) -> Block {
        var parent = parentIn
        while !canContain(parent.type, type) {
            parent = finalize(parent)
        }
        let child = Block(type: type, start: start, end: lineEnd, depth: parent.depth + 1, line: lineNumber)
        child.parent = parent
        parent.children.append(child)
        all.append(child)
        return child
    }

    func canContain(_ parent: BlockType, _ child: BlockType) -> Bool {
        switch parent {
        case .document, .blockQuote, .item, .footnoteDef, .defDesc:
            return child != .item && child != .defTerm && child != .defDesc
        case .list: return child == .item
        case .defList: return child == .defTerm || child == .defDesc
        default: return false
        }
    }

    // MARK: process one line

    mutating func processLine() {
        offset = lineStart
        column = 0
        nextNonspace = -1
        blank = false
        partiallyConsumedTab = false
        lineConsumed = false

        // 1. match open blocks
        var container = root
        var allMatched = true
        matching: while let last = container.children.last, last.open {
            container = last
            findNextNonspace()
            switch container.type {
            case .blockQuote:
                if indent <= 3 && peek(nextNonspace) == UInt8(ascii: ">") {
                    advanceOffset(indent + 1, columns: true)
                    if isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                    container.end = max(container.end, trimmedLineEnd)
                } else {
                    allMatched = false
                    break matching
                }
            case .item:
                if indent >= container.markerOffset + container.padding {
                    advanceOffset(container.markerOffset + container.padding, columns: true)
                    if !blank { container.end = max(container.end, trimmedLineEnd) }
                } else if blank && !container.children.isEmpty {
                    advanceOffset(nextNonspace - offset, columns: false)
                } else {
                    allMatched = false
                    break matching
                }
            case .codeBlock:
                if container.fenced {
                    if indent <= 3 && peek(nextNonspace) == container.fenceChar {
                        var i = nextNonspace
                        while i < lineEnd && b[i] == container.fenceChar { i += 1 }
                        let len = i - nextNonspace
                        while i < lineEnd && isSpaceOrTab(b[i]) { i += 1 }
                        if len >= container.fenceLength && i >= lineEnd {
                            container.end = trimmedLineEnd
                            tip = finalize(container)
                            return
                        }
                    }
                    var i = container.fenceOffset
                    while i > 0 && isSpaceOrTab(peek(offset)) {
                        advanceOffset(1, columns: true)
                        i -= 1
                    }
                } else {
                    if indent >= 4 {
                        advanceOffset(4, columns: true)
                    } else if blank {
                        advanceOffset(nextNonspace - offset, columns: false)
                    } else {
                        allMatched = false
                        break matching
                    }
                }
            case .footnoteDef, .defDesc:
                // content indented like a list item's (4 columns for footnotes, the column after
                // `: ` for descriptions); blank lines continue
                if indent >= container.padding {
                    advanceOffset(container.padding, columns: true)
                    if !blank { container.end = max(container.end, trimmedLineEnd) }
                } else if blank {
                    advanceOffset(nextNonspace - offset, columns: false)
                } else {
                    allMatched = false
                    break matching
                }
            case .htmlBlock:
                if container.htmlType >= 6 && blank {
                    allMatched = false
                    break matching
                }
            case .paragraph, .table:
                if blank {
                    allMatched = false
                    break matching
                }
            case .list, .document, .defList:
                break
            default:
                allMatched = false
                break matching
            }
        }
        if !allMatched { container = container.parent ?? root }
        let lastMatched = container

        // 2. open new blocks
        var maybeLazy = tip.type == .paragraph || tip.type == .table
        while container.type != .codeBlock && container.type != .htmlBlock {
            findNextNonspace()
            let indented = indent >= 4
            let c = peek(nextNonspace)
            let canNest = container.depth < BlockParser.maxNesting
            if options.footnotes && !indented && c == UInt8(ascii: "[") && canNest, let fn = scanFootnoteDefStart() {
                let start = nextNonspace
                advanceOffset(fn.afterColon - offset, columns: false)
                container = addChild(.footnoteDef, to: container, start: start)
                container.footnoteLabel = fn.label
                container.padding = 4
                container.end = trimmedLineEnd
                footnoteLabels.insert(fn.label)
            } else if options.definitionLists && c == UInt8(ascii: ":") && indent == 0
                && container.depth + 2 < BlockParser.maxNesting,
                let desc = openDescription(container)
            {
                container = desc
            } else if !indented && c == UInt8(ascii: ">") && canNest {
                let start = nextNonspace
                advanceOffset(nextNonspace + 1 - offset, columns: false)
                if isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                container = addChild(.blockQuote, to: container, start: start)
                container.end = trimmedLineEnd
            } else if !indented && c == UInt8(ascii: "#"), let heading = scanATX() {
                container = addChild(.heading, to: container, start: nextNonspace)
                container.level = heading.level
                container.contentStart = heading.contentStart
                container.contentEnd = heading.contentEnd
                container.attributes = heading.attributes
                container.end = trimmedLineEnd
                container.lines = [BlockLine(start: heading.contentStart, end: heading.contentEnd, pad: 0, eol: eol)]
                offset = lineEnd
                lineConsumed = true
                break
            } else if !indented && (c == UInt8(ascii: "`") || c == UInt8(ascii: "~")), let fence = scanFenceOpen() {
                let start = nextNonspace
                let fenceOffset = indent
                container = addChild(.codeBlock, to: container, start: start)
                container.fenced = true
                container.fenceChar = c
                container.fenceLength = fence.length
                container.fenceOffset = fenceOffset
                container.info = fence.info
                container.end = trimmedLineEnd
                offset = lineEnd
                lineConsumed = true
                break
            } else if !indented && c == UInt8(ascii: "<"),
                let type = scanHTMLBlockStart(allowType7: container.type != .paragraph && !maybeLazy)
            {
                container = addChild(.htmlBlock, to: container, start: nextNonspace)
                container.htmlType = type
                break
            } else if !indented && container.type == .paragraph && (c == UInt8(ascii: "=") || c == UInt8(ascii: "-")),
                let level = scanSetextUnderline()
            {
                if resolveRefDefs(container) {
                    container.type = .heading
                    container.level = level
                    container.setext = true
                    container.end = trimmedLineEnd
                    offset = lineEnd
                    lineConsumed = true
                }
                break
            } else if !indented && !(container.type == .paragraph && !allMatched) && scanThematicBreak() {
                container = addChild(.thematicBreak, to: container, start: nextNonspace)
                container.end = trimmedLineEnd
                offset = lineEnd
                lineConsumed = true
                break
            } else if (!indented || container.type == .list) && indent < 4 && canNest,
                let marker = parseListMarker(interruptsParagraph: container.type == .paragraph)
            {
                let markerStart = nextNonspace
                let markerOffset = indent
                advanceOffset(nextNonspace + marker.length - offset, columns: false)
                let saveTab = partiallyConsumedTab
                let saveOffset = offset
                let saveColumn = column
                while column - saveColumn <= 5 && isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                let i = column - saveColumn
                var padding: Int
                if i >= 5 || i < 1 || offset >= lineEnd {
                    padding = marker.length + 1
                    offset = saveOffset
                    column = saveColumn
                    partiallyConsumedTab = saveTab
                    if i > 0 { advanceOffset(1, columns: true) }
                } else {
                    padding = marker.length + i
                }
                if padding < 1 { padding = 1 }
                if container.type != .list || container.ordered != marker.ordered
                    || container.bulletChar != marker.char
                {
                    container = addChild(.list, to: container, start: markerStart)
                    container.ordered = marker.ordered
                    container.bulletChar = marker.char
                    container.listStart = marker.start
                }
                container = addChild(.item, to: container, start: markerStart)
                container.markerOffset = markerOffset
                container.padding = padding
                container.end = trimmedLineEnd
            } else if indented && !maybeLazy && !blank {
                let start = nextNonspace
                advanceOffset(4, columns: true)
                container = addChild(.codeBlock, to: container, start: start)
                container.end = trimmedLineEnd
                break
            } else if options.tables && !indented && container.type == .paragraph && allMatched && tip === container,
                let aligns = scanTableDelimiterRow(header: container.lines.last)
            {
                let header = container.lines.removeLast()
                let parent = container.parent!
                let table = Block(
                    type: .table, start: header.start, end: trimmedLineEnd, depth: container.depth, line: lineNumber)
                table.parent = parent
                table.alignments = aligns
                table.headerLine = header
                all.append(table)
                if container.lines.isEmpty {
                    container.removed = true
                    container.open = false
                    parent.children.removeLast()
                } else {
                    _ = finalize(container)
                }
                parent.children.append(table)
                container = table
                tip = table
                offset = lineEnd
                lineConsumed = true
                break
            } else {
                break
            }
            maybeLazy = false
        }

        // 3. add the rest of the line
        findNextNonspace()
        currentLineBlank = blank
        if blank, let last = container.children.last { last.lastLineBlank = true }
        let ct = container.type
        container.lastLineBlank =
            blank && ct != .blockQuote && ct != .heading && ct != .thematicBreak
            && !(ct == .codeBlock && container.fenced)
            && !(ct == .item && container.children.isEmpty && container.startLine == lineNumber)
        var tmp = container
        while let p = tmp.parent {
            p.lastLineBlank = false
            tmp = p
        }

        if tip !== lastMatched && container === lastMatched && !blank && tip.type == .paragraph && !lineConsumed {
            // lazy continuation line
            offset = nextNonspace
            addParagraphLine(tip)
            return
        }
        while tip !== lastMatched && tip !== container && tip !== root {
            tip = finalize(tip)
        }
        if lineConsumed {
            if container.type == .heading || container.type == .thematicBreak {
                tip = finalize(container)
            } else {
                tip = container
            }
            return
        }
        switch container.type {
        case .codeBlock:
            addLine(container)
            if !blank { container.end = max(container.end, trimmedLineEnd) }
        case .htmlBlock:
            addLine(container)
            if !blank { container.end = max(container.end, trimmedLineEnd) }
            if htmlBlockEnds(container.htmlType) {
                tip = finalize(container)
                return
            }
        case .table:
            if !blank {
                container.lines.append(BlockLine(start: nextNonspace, end: lineEnd, pad: 0, eol: eol))
                container.end = trimmedLineEnd
            }
        case .paragraph:
            if !blank {
                offset = nextNonspace
                addParagraphLine(container)
            }
        default:
            if !blank {
                container = addChild(.paragraph, to: container, start: nextNonspace)
                offset = nextNonspace
                addParagraphLine(container)
            }
        }
        tip = container
    }

    mutating func addParagraphLine(_ block: Block) {
        block.lines.append(BlockLine(start: nextNonspace, end: lineEnd, pad: 0, eol: eol))
    }

    // MARK: scanners (on the current line)

    func scanATX() -> (level: Int, contentStart: Int, contentEnd: Int, attributes: HeadingAttributes?)? {
        var i = nextNonspace
        while i < lineEnd && b[i] == UInt8(ascii: "#") { i += 1 }
        let level = i - nextNonspace
        guard level >= 1 && level <= 6 else { return nil }
        guard i >= lineEnd || isSpaceOrTab(b[i]) else { return nil }
        let i0 = i
        while i < lineEnd && isSpaceOrTab(b[i]) { i += 1 }
        let cs = min(i, trimmedLineEnd)
        var e = lineEnd
        while e > cs && isSpaceOrTab(b[e - 1]) { e -= 1 }
        var attributes: HeadingAttributes?
        if options.headingAttributes && options.legacyHeadingAttributes {
            // Hugo before 0.144: `## A ## {#x}` first (a closing sequence followed by a block),
            // else the closing sequence is removed and the last `{` of the rest is tried.
            var j = cs > i0 ? cs - 1 : cs
            while j < e {
                if b[j] == UInt8(ascii: "\\") && j + 1 < e && isASCIIPunct(b[j + 1]) {
                    j += 2
                    continue
                }
                if isSpaceOrTab(b[j]) && j + 1 < e && b[j + 1] == UInt8(ascii: "#") {
                    var k = j + 1
                    while k < e && b[k] == UInt8(ascii: "#") { k += 1 }
                    var open = k
                    while open < e && isSpaceOrTab(b[open]) { open += 1 }
                    if open < e, b[open] == UInt8(ascii: "{"), let attr = headingAttributes(at: open, b, cs, e) {
                        attributes = attr.attributes
                        var contentEnd = j
                        while contentEnd > cs && isSpaceOrTab(b[contentEnd - 1]) { contentEnd -= 1 }
                        return (level, cs, max(cs, contentEnd), attributes)
                    }
                    break
                }
                j += 1
            }
            e = removingClosingSequence(cs, e)
            if let attr = parseHeadingAttributes(b, cs, e, legacy: true) {
                attributes = attr.attributes
                e = attr.contentEnd
            }
            return (level, cs, max(cs, e), attributes)
        }
        // Goldmark reads the attribute block first, then removes the closing sequence from what
        // precedes it (`## A ## {#x}` is "A" with id x; `## A {#x} ##` has no attributes).
        if options.headingAttributes, let attr = parseHeadingAttributes(b, cs, e) {
            attributes = attr.attributes
            e = attr.contentEnd
        }
        e = removingClosingSequence(cs, e)
        return (level, cs, max(cs, e), attributes)
    }

    /// The end of an ATX heading's text `b[cs..<e]` without its closing `#` sequence.
    func removingClosingSequence(_ cs: Int, _ end: Int) -> Int {
        var e = end
        var h = e
        while h > cs && b[h - 1] == UInt8(ascii: "#") { h -= 1 }
        if h < e && (h == cs || isSpaceOrTab(b[h - 1])) {
            e = h
            while e > cs && isSpaceOrTab(b[e - 1]) { e -= 1 }
        }
        return e
    }

    func scanFenceOpen() -> (length: Int, info: String)? {
        let c = b[nextNonspace]
        var i = nextNonspace
        while i < lineEnd && b[i] == c { i += 1 }
        let length = i - nextNonspace
        guard length >= 3 else { return nil }
        if c == UInt8(ascii: "`") {
            var j = i
            while j < lineEnd {
                if b[j] == UInt8(ascii: "`") { return nil }
                j += 1
            }
        }
        while i < lineEnd && isSpaceOrTab(b[i]) { i += 1 }
        var e = lineEnd
        while e > i && isSpaceOrTab(b[e - 1]) { e -= 1 }
        return (length, unescapeString(b, i, e))
    }

    func scanSetextUnderline() -> Int? {
        let c = b[nextNonspace]
        var i = nextNonspace
        while i < lineEnd && b[i] == c { i += 1 }
        while i < lineEnd && isSpaceOrTab(b[i]) { i += 1 }
        guard i >= lineEnd else { return nil }
        return c == UInt8(ascii: "=") ? 1 : 2
    }

    /// Whether the rest of the line is a thematic break. A scan that fails is remembered: a line
    /// of list markers (`- - - - … x`) asks again at each marker it opens, and every later start
    /// before the byte that ended the failed scan fails the same way (the bytes between are the
    /// same marker and blanks), so the line is read once, not once per nesting level.
    mutating func scanThematicBreak() -> Bool {
        let c = peek(nextNonspace)
        guard c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") else { return false }
        if c == noThematicBreak.char && nextNonspace >= noThematicBreak.from && nextNonspace < noThematicBreak.until {
            return false
        }
        var count = 0
        var i = nextNonspace
        while i < lineEnd {
            let d = b[i]
            if d == c {
                count += 1
            } else if !isSpaceOrTab(d) {
                break
            }
            i += 1
        }
        if i < lineEnd || count < 3 {
            noThematicBreak = (nextNonspace, i, c)
            return false
        }
        return true
    }

    func parseListMarker(interruptsParagraph: Bool) -> (length: Int, ordered: Bool, char: UInt8, start: Int)? {
        let p = nextNonspace
        let c = peek(p)
        if c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            let n = peek(p + 1)
            guard isSpaceOrTab(n) || p + 1 >= lineEnd else { return nil }
            if interruptsParagraph {
                var j = p + 1
                while j < lineEnd && isSpaceOrTab(b[j]) { j += 1 }
                if j >= lineEnd { return nil }
            }
            return (1, false, c, 1)
        }
        if isDigit(c) {
            var i = p
            var value = 0
            while i < lineEnd && isDigit(b[i]) && i - p < 9 {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
            }
            guard i < lineEnd, !isDigit(b[i]) else { return nil }
            let d = b[i]
            guard d == UInt8(ascii: ".") || d == UInt8(ascii: ")") else { return nil }
            let n = peek(i + 1)
            guard isSpaceOrTab(n) || i + 1 >= lineEnd else { return nil }
            if interruptsParagraph {
                if value != 1 { return nil }
                var j = i + 1
                while j < lineEnd && isSpaceOrTab(b[j]) { j += 1 }
                if j >= lineEnd { return nil }
            }
            return (i + 1 - p, true, d, value)
        }
        return nil
    }

    static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ]

    func scanHTMLBlockStart(allowType7: Bool) -> Int? {
        let p = nextNonspace
        let e = lineEnd
        let rawTextTags: [StaticString] = ["pre", "script", "style", "textarea"]
        for tag in rawTextTags where hasPrefixCI(b, p + 1, e, tag) {
            let q = p + 1 + tag.utf8CodeUnitCount
            if q >= e || isSpaceOrTab(b[q]) || b[q] == UInt8(ascii: ">") { return 1 }
        }
        if hasPrefixCI(b, p, e, "<!--") { return 2 }
        if hasPrefixCI(b, p, e, "<?") { return 3 }
        if p + 2 < e && b[p + 1] == UInt8(ascii: "!") && isAlpha(b[p + 2]) { return 4 }
        if hasPrefixCI(b, p, e, "<![cdata[") { return 5 }
        var q = p + 1
        if q < e && b[q] == UInt8(ascii: "/") { q += 1 }
        if let nameEnd = HTMLScanner.scanTagName(b, q, e) {
            let name = String(decoding: b[q..<nameEnd].map { lower($0) }, as: UTF8.self)
            if BlockParser.blockTags.contains(name) {
                if nameEnd >= e || isSpaceOrTab(b[nameEnd]) || b[nameEnd] == UInt8(ascii: ">")
                    || (b[nameEnd] == UInt8(ascii: "/") && nameEnd + 1 < e && b[nameEnd + 1] == UInt8(ascii: ">"))
                {
                    return 6
                }
            }
        }
        if allowType7 {
            let end = HTMLScanner.openTag(b, p, e) ?? HTMLScanner.closeTag(b, p, e)
            if let end {
                // tag name must not be one of type 1
                var r = end
                while r < e && isSpaceOrTab(b[r]) { r += 1 }
                if r >= e { return 7 }
            }
        }
        return nil
    }

    func htmlBlockEnds(_ type: Int) -> Bool {
        let s = nextNonspace < lineEnd ? nextNonspace : lineEnd
        switch type {
        case 1:
            return containsCI(b, s, lineEnd, "</pre>") || containsCI(b, s, lineEnd, "</script>")
                || containsCI(b, s, lineEnd, "</style>") || containsCI(b, s, lineEnd, "</textarea>")
        case 2: return containsCI(b, s, lineEnd, "-->")
        case 3: return containsCI(b, s, lineEnd, "?>")
        case 4: return containsCI(b, s, lineEnd, ">")
        case 5: return containsCI(b, s, lineEnd, "]]>")
        default: return false
        }
    }

    // MARK: footnotes and definition lists (Goldmark extensions)

    /// `[^label]:` at nextNonspace (Goldmark: the label runs to the first unescaped `]` on the line,
    /// may not contain `[`, and must not be blank).
    func scanFootnoteDefStart() -> (label: String, afterColon: Int)? {
        var i = nextNonspace
        guard peek(i) == UInt8(ascii: "["), peek(i + 1) == UInt8(ascii: "^") else { return nil }
        i += 2
        let ls = i
        while i < lineEnd {
            let c = b[i]
            if c == UInt8(ascii: "\\") && i + 1 < lineEnd && isASCIIPunct(b[i + 1]) {
                i += 2
                continue
            }
            if c == UInt8(ascii: "]") { break }
            if c == UInt8(ascii: "[") { return nil }
            i += 1
        }
        guard i + 1 < lineEnd, b[i + 1] == UInt8(ascii: ":") else { return nil }
        var k = ls
        while k < i && isWhitespaceByte(b[k]) { k += 1 }
        guard k < i else { return nil }
        return (String(decoding: b[ls..<i], as: UTF8.self), i + 2)
    }

    /// A `:` description marker at nextNonspace (indent 0, as in Goldmark), with `container` being
    /// the deepest matched block. Opens a description in a definition list: a following `:` in an
    /// open list, or the preceding paragraph (open, or closed by a blank line) turned into terms,
    /// one per line, joining a definition list right before it. Returns nil (nothing changed) if
    /// the line does not open a description.
    mutating func openDescription(_ container: Block) -> Block? {
        // at least one space or tab after ':'
        let colon = nextNonspace
        var i = colon + 1
        var cols = column + 1
        while i < lineEnd && isSpaceOrTab(b[i]) {
            cols += b[i] == 0x09 ? 4 - cols % 4 : 1
            i += 1
        }
        let w = cols - (column + 1)
        guard w >= 1 else { return nil }
        var list: Block
        if container.type == .defList {
            list = container
        } else {
            let para: Block
            if container.type == .paragraph {
                para = container
            } else if canContain(container.type, .paragraph), let last = container.children.last,
                last.type == .paragraph, !last.removed
            {
                para = last
            } else {
                return nil
            }
            // Goldmark turns every line of an open paragraph into a term, link reference
            // definitions included (they are not extracted); a closed paragraph has had them
            // extracted already.
            guard let parent = para.parent, parent.children.last === para, !para.lines.isEmpty else { return nil }
            parent.children.removeLast()
            para.removed = true
            para.open = false
            if let prev = parent.children.last, prev.type == .defList, !prev.removed {
                list = prev
                list.open = true
            } else {
                list = Block(
                    type: .defList, start: para.lines[0].start, end: para.lines[0].start, depth: para.depth,
                    line: para.startLine)
                list.parent = parent
                parent.children.append(list)
                all.append(list)
            }
            for line in para.lines {
                var e = line.end
                while e > line.start && isSpaceOrTab(b[e - 1]) { e -= 1 }
                let term = Block(type: .defTerm, start: line.start, end: e, depth: list.depth + 1, line: para.startLine)
                term.lines = [BlockLine(start: line.start, end: e, pad: 0, eol: line.eol)]
                term.open = false
                term.parent = list
                list.children.append(term)
                all.append(term)
            }
        }
        let desc = Block(type: .defDesc, start: colon, end: trimmedLineEnd, depth: list.depth + 1, line: lineNumber)
        desc.parent = list
        desc.tight = !previousLineBlank
        // content column: Goldmark caps a gap of 8 or more columns at 5, so that the content can
        // start an indented code block
        let gap = w >= 8 ? 5 : w
        desc.padding = 1 + gap
        list.children.append(desc)
        all.append(desc)
        advanceOffset(colon + 1 - offset, columns: false)
        advanceOffset(gap, columns: true)
        return desc
    }

    // MARK: tables

    func scanTableDelimiterRow(header: BlockLine?) -> [MarkdownNode.TableAlignment]? {
        guard let header else { return nil }
        var sawPipe = false
        var i = nextNonspace
        var aligns: [MarkdownNode.TableAlignment] = []
        var e = lineEnd
        while e > i && isSpaceOrTab(b[e - 1]) { e -= 1 }
        if i < e && b[i] == UInt8(ascii: "|") {
            sawPipe = true
            i += 1
        }
        while i < e {
            while i < e && isSpaceOrTab(b[i]) { i += 1 }
            if i >= e { break }
            var left = false
            var right = false
            if b[i] == UInt8(ascii: ":") {
                left = true
                i += 1
            }
            var dashes = 0
            while i < e && b[i] == UInt8(ascii: "-") {
                dashes += 1
                i += 1
            }
            guard dashes >= 1 else { return nil }
            if i < e && b[i] == UInt8(ascii: ":") {
                right = true
                i += 1
            }
            while i < e && isSpaceOrTab(b[i]) { i += 1 }
            aligns.append(left && right ? .center : left ? .left : right ? .right : .none)
            if i < e {
                guard b[i] == UInt8(ascii: "|") else { return nil }
                sawPipe = true
                i += 1
            }
        }
        guard sawPipe, !aligns.isEmpty else { return nil }
        let cells = BlockParser.splitRow(b, header.start, header.end)
        guard cells.count == aligns.count else { return nil }
        return aligns
    }

    /// Splits a table row into cells: returns each cell's trimmed [start, end).
    static func splitRow(_ b: [UInt8], _ s: Int, _ eIn: Int) -> [(Int, Int)] {
        var i = s
        var e = eIn
        while i < e && isSpaceOrTab(b[i]) { i += 1 }
        while e > i && isSpaceOrTab(b[e - 1]) { e -= 1 }
        if i < e && b[i] == UInt8(ascii: "|") { i += 1 }
        // drop a trailing unescaped pipe
        if e > i && b[e - 1] == UInt8(ascii: "|") {
            var bs = 0
            var k = e - 2
            while k >= i && b[k] == UInt8(ascii: "\\") {
                bs += 1
                k -= 1
            }
            if bs % 2 == 0 { e -= 1 }
        }
        var cells: [(Int, Int)] = []
        var cellStart = i
        var j = i
        while j <= e {
            if j == e || b[j] == UInt8(ascii: "|") {
                var cs = cellStart
                var ce = j
                while cs < ce && isSpaceOrTab(b[cs]) { cs += 1 }
                while ce > cs && isSpaceOrTab(b[ce - 1]) { ce -= 1 }
                cells.append((cs, ce))
                cellStart = j + 1
                j += 1
                continue
            }
            if b[j] == UInt8(ascii: "\\") && j + 1 < e {
                j += 2
                continue
            }
            j += 1
        }
        if cells.count == 1 && cells[0].0 == cells[0].1 && i >= e { return [] }
        return cells
    }

    // MARK: finalize

    mutating func finalize(_ block: Block) -> Block {
        block.open = false
        let parent = block.parent ?? root
        switch block.type {
        case .paragraph:
            if options.taskLists, parent.type == .item, parent.children.first === block,
                let first = block.lines.first
            {
                let s = first.start
                if s + 3 < first.end || (s + 3 == first.end && block.lines.count > 1) {
                    let mid = b[s + 1]
                    if b[s] == UInt8(ascii: "["), b[s + 2] == UInt8(ascii: "]"),
                        mid == 0x20 || mid == UInt8(ascii: "x") || mid == UInt8(ascii: "X"),
                        s + 3 >= first.end || isSpaceOrTab(b[s + 3])
                    {
                        var k = s + 3
                        while k < first.end && isSpaceOrTab(b[k]) { k += 1 }
                        if k < first.end || block.lines.count > 1 {
                            parent.taskChecked = mid != 0x20
                            if k < first.end {
                                block.lines[0].start = k
                            } else {
                                block.lines.removeFirst()
                            }
                            block.start = block.lines[0].start
                        }
                    }
                }
            }
            _ = resolveRefDefs(block)
            if block.lines.isEmpty {
                block.removed = true
                if let index = parent.children.lastIndex(where: { $0 === block }) { parent.children.remove(at: index) }
            } else {
                block.start = block.lines[0].start
                var e = block.lines[block.lines.count - 1].end
                while e > block.lines[block.lines.count - 1].start && isSpaceOrTab(b[e - 1]) { e -= 1 }
                block.end = e
            }
        case .heading:
            if block.setext {
                // content = paragraph lines; attributes on the last line
                var e = block.lines[block.lines.count - 1].end
                let ls = block.lines[block.lines.count - 1].start
                while e > ls && isSpaceOrTab(b[e - 1]) { e -= 1 }
                if options.headingAttributes,
                    let attr = parseHeadingAttributes(b, ls, e, legacy: options.legacyHeadingAttributes)
                {
                    block.attributes = attr.attributes
                    e = attr.contentEnd
                }
                block.lines[block.lines.count - 1].end = e
                block.contentStart = block.lines[0].start
                block.contentEnd = max(block.contentStart, e)
                block.start = block.lines[0].start
            }
        case .codeBlock:
            if !block.fenced {
                while let last = block.lines.last, isBlankLine(last) { block.lines.removeLast() }
                if let last = block.lines.last {
                    var e = last.end
                    while e > last.start && isSpaceOrTab(b[e - 1]) { e -= 1 }
                    block.end = max(block.start, e)
                }
            }
        case .htmlBlock:
            while let last = block.lines.last, isBlankLine(last), block.lines.count > 1 { block.lines.removeLast() }
        case .list:
            var tight = true
            outer: for (index, item) in block.children.enumerated() {
                let hasNext = index + 1 < block.children.count
                if item.lastLineBlank && hasNext {
                    tight = false
                    break
                }
                for (subIndex, sub) in item.children.enumerated() {
                    if (hasNext || subIndex + 1 < item.children.count) && endsWithBlankLine(sub) {
                        tight = false
                        break outer
                    }
                }
            }
            block.tight = tight
            if let first = block.children.first { block.start = first.start }
        default:
            break
        }
        if block.type == .defList, let first = block.children.first { block.start = first.start }
        if block.type == .blockQuote || block.type == .item || block.type == .list || block.type == .document
            || block.type == .footnoteDef || block.type == .defList || block.type == .defDesc
        {
            if let last = block.children.last { block.end = max(block.end, last.end) }
        }
        if block.end < block.start { block.end = block.start }
        return parent
    }

    func isBlankLine(_ line: BlockLine) -> Bool {
        var i = line.start
        while i < line.end {
            if !isSpaceOrTab(b[i]) { return false }
            i += 1
        }
        return true
    }

    func endsWithBlankLine(_ block: Block) -> Bool {
        var cur: Block? = block
        while let c = cur {
            if c.lastLineBlank { return true }
            if c.type == .list || c.type == .item { cur = c.children.last } else { break }
        }
        return false
    }

    // MARK: link reference definitions

    /// Extracts link reference definitions from the start of a paragraph. Returns whether
    /// the paragraph still has content.
    mutating func resolveRefDefs(_ block: Block) -> Bool {
        guard let first = block.lines.first, first.start < first.end, b[first.start] == UInt8(ascii: "[") else {
            return !block.lines.isEmpty
        }
        let text = VirtualText(lines: block.lines, source: b)
        let buf = text.buf
        var pos = 0
        var consumedLines = 0
        var defs: [Block] = []
        while pos < buf.count, buf[pos] == UInt8(ascii: "[") {
            guard let def = parseRefDef(text, pos) else { break }
            pos = def.next
            // count lines consumed
            while consumedLines < text.lineStarts.count && text.lineStarts[consumedLines] < pos { consumedLines += 1 }
            let key = normalizeLabel(buf, def.labelStart, def.labelEnd)
            let refDef = RefDef(
                label: String(decoding: buf[def.labelStart..<def.labelEnd], as: UTF8.self),
                destination: def.destination, title: def.title,
                destinationRange: def.destinationRange, range: def.range)
            if refs[key] == nil { refs[key] = refDef }
            let node = Block(
                type: .linkRefDef, start: def.range.start, end: def.range.end, depth: block.depth, line: block.startLine
            )
            node.refDef = refDef
            node.open = false
            node.parent = block.parent
            all.append(node)
            defs.append(node)
        }
        if consumedLines > 0 {
            block.lines.removeFirst(min(consumedLines, block.lines.count))
            if let parent = block.parent, let index = parent.children.lastIndex(where: { $0 === block }) {
                parent.children.insert(contentsOf: defs, at: index)
            }
            if let firstLine = block.lines.first { block.start = firstLine.start }
        }
        return !block.lines.isEmpty
    }

    struct ParsedRefDef {
        var labelStart: Int, labelEnd: Int
        var destination: String
        var destinationRange: SourceRange
        var title: String?
        var range: SourceRange
        var next: Int
    }

    func parseRefDef(_ text: VirtualText, _ at: Int) -> ParsedRefDef? {
        let buf = text.buf
        let n = buf.count
        guard let (ls, le, afterLabel) = scanLinkLabel(buf, at, n), !labelIsBlank(buf, ls, le) else { return nil }
        guard afterLabel < n, buf[afterLabel] == UInt8(ascii: ":") else { return nil }
        var i = afterLabel + 1
        var sawNewline = false
        while i < n && isWhitespaceByte(buf[i]) {
            if buf[i] == 0x0A {
                if sawNewline { return nil }
                sawNewline = true
            }
            i += 1
        }
        guard i < n else { return nil }
        guard let (ds, de, afterDest) = scanLinkDestination(buf, i, n) else { return nil }
        if buf[i] != UInt8(ascii: "<") && ds == de { return nil }
        let destination = unescapeString(buf, ds, de)
        let destRange = text.sourceRange(ds, de)
        // optional title
        var j = afterDest
        var wsCount = 0
        var nl = false
        while j < n && isWhitespaceByte(buf[j]) {
            if buf[j] == 0x0A {
                if nl { break }
                nl = true
            }
            j += 1
            wsCount += 1
        }
        if wsCount > 0, j < n, let (ts, te, afterTitle) = scanLinkTitle(buf, j, n) {
            var k = afterTitle
            while k < n && isSpaceOrTab(buf[k]) { k += 1 }
            if k >= n || buf[k] == 0x0A {
                return ParsedRefDef(
                    labelStart: ls, labelEnd: le, destination: destination, destinationRange: destRange,
                    title: unescapeString(buf, ts, te), range: text.sourceRange(at, afterTitle),
                    next: min(n, k + 1))
            }
        }
        // no title: the rest of the destination line must be blank
        var k = afterDest
        while k < n && isSpaceOrTab(buf[k]) { k += 1 }
        guard k >= n || buf[k] == 0x0A else { return nil }
        return ParsedRefDef(
            labelStart: ls, labelEnd: le, destination: destination, destinationRange: destRange,
            title: nil, range: text.sourceRange(at, afterDest), next: min(n, k + 1))
    }
}

/// The text of several source line segments joined with "\n", with a map back to source offsets.
/// The map is a list of segments (runs of bytes that are contiguous in the source), not an offset
/// per byte: a paragraph of n lines costs O(n) map entries.
struct VirtualText {
    var buf: [UInt8] = []
    /// Segment k covers buf[segmentStarts[k] ..< segmentStarts[k + 1]] and starts at source offset
    /// segmentSources[k]; buf indices map to consecutive source offsets within a segment.
    var segmentStarts: [Int] = []
    var segmentSources: [Int] = []
    /// Source offset of buf.count (the end of the text).
    var sourceEnd = 0
    var lineStarts: [Int] = []

    init() {}

    init(lines: [BlockLine], source: [UInt8], trimFinal: Bool = true) {
        fill(lines: lines, source: source, trimFinal: trimFinal)
    }

    init(tableCell source: [UInt8], _ range: Range<Int>) {
        fill(tableCell: source, range)
    }

    private mutating func clear() {
        buf.removeAll(keepingCapacity: true)
        segmentStarts.removeAll(keepingCapacity: true)
        segmentSources.removeAll(keepingCapacity: true)
        lineStarts.removeAll(keepingCapacity: true)
        sourceEnd = 0
    }

    /// The text of a leaf block's lines (the storage of the previous text is reused).
    mutating func fill(lines: [BlockLine], source: [UInt8], trimFinal: Bool = true) {
        clear()
        var total = 0
        for l in lines { total += l.end - l.start + 1 }
        buf.reserveCapacity(total)
        lineStarts.reserveCapacity(lines.count)
        segmentStarts.reserveCapacity(lines.count * 2)
        segmentSources.reserveCapacity(lines.count * 2)
        for (index, line) in lines.enumerated() {
            lineStarts.append(buf.count)
            var e = line.end
            if index == lines.count - 1 && trimFinal {
                while e > line.start && isSpaceOrTab(source[e - 1]) { e -= 1 }
            }
            if e > line.start {
                addSegment(bufStart: buf.count, source: line.start)
                buf.append(contentsOf: source[line.start..<e])
            }
            if index < lines.count - 1 {
                addSegment(bufStart: buf.count, source: line.eol)
                buf.append(0x0A)
            } else {
                sourceEnd = e
            }
        }
        if lines.isEmpty { sourceEnd = 0 }
    }

    /// A table cell's text: its bytes without the backslash of each `\|` (GFM).
    mutating func fill(tableCell source: [UInt8], _ range: Range<Int>) {
        clear()
        lineStarts.append(0)
        buf.reserveCapacity(range.count)
        var runStart = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            if source[i] == UInt8(ascii: "\\"), i + 1 < range.upperBound, source[i + 1] == UInt8(ascii: "|") {
                if i > runStart {
                    addSegment(bufStart: buf.count, source: runStart)
                    buf.append(contentsOf: source[runStart..<i])
                }
                runStart = i + 1
                i += 2
                continue
            }
            i += 1
        }
        if range.upperBound > runStart {
            addSegment(bufStart: buf.count, source: runStart)
            buf.append(contentsOf: source[runStart..<range.upperBound])
        }
        sourceEnd = range.upperBound
    }

    mutating func addSegment(bufStart: Int, source: Int) {
        if let lastStart = segmentStarts.last, let lastSource = segmentSources.last,
            lastSource + (bufStart - lastStart) == source
        {
            return  // continues the previous segment
        }
        segmentStarts.append(bufStart)
        segmentSources.append(source)
    }

    /// Source offset of buf[i] (i < buf.count), or the end for i >= buf.count.
    @inline(__always) func srcStart(_ i: Int) -> Int {
        if i >= buf.count { return sourceEnd }
        var low = 0
        var high = segmentStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segmentStarts[mid] <= i { low = mid } else { high = mid - 1 }
        }
        return segmentSources[low] + (i - segmentStarts[low])
    }

    @inline(__always) func srcEnd(_ i: Int) -> Int {
        i == 0 ? srcStart(0) : (i >= buf.count ? sourceEnd : srcStart(i - 1) + 1)
    }
    func sourceRange(_ s: Int, _ e: Int) -> SourceRange {
        if s >= e {
            let p = s < buf.count ? srcStart(s) : srcEnd(s)
            return SourceRange(p, p)
        }
        let a = srcStart(s)
        let z = srcEnd(e)
        return SourceRange(a, max(a, z))
    }
}
