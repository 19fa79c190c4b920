import TWCCore

/// Inline node kinds during parsing (arena nodes, index-linked).
/// What an inline node is. Code spans, raw HTML, links, images and footnote references keep
/// their tree kind (with its strings) in `InlineParser.payloads[INode.payload]`, so that an
/// `INode` is plain data: copying or dropping the node array costs no reference counting.
enum IKind: UInt8 {
    case root, text, softBreak, hardBreak, code, emph, strong, strike, html, link, image, footnoteRef
}

struct INode {
    var kind: IKind
    var start: Int  // virtual offsets
    var end: Int
    /// Text: the value, when it differs from its bytes `buf[start..<end]` (escapes, entities), is
    /// `literals[literalStart..<literalEnd]`; literalStart < 0 when it is those bytes.
    var literalStart: Int32 = -1
    var literalEnd: Int32 = -1
    var payload: Int32 = -1
    var parent = -1, first = -1, last = -1, prev = -1, next = -1
    var destinationRange: SourceRange?

    init(kind: IKind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    var hasLiteral: Bool { literalStart >= 0 }
}

struct Delim {
    var node: Int
    var char: UInt8
    var count: Int
    var canOpen: Bool
    var canClose: Bool
    var prev: Int
    var next: Int
}

struct Bracket {
    var node: Int
    var start: Int  // virtual position of '[' or '!'
    var textStart: Int  // position after '['
    var image: Bool
    var delimBottom: Int  // delimiter sequence number at push time
}

/// The inline phase for one paragraph / heading / table cell. One parser serves a whole document:
/// `reset(with:)` starts the next leaf block and keeps the arrays' storage.
struct InlineParser {
    private(set) var text: VirtualText
    private(set) var buf: [UInt8]
    let refs: [String: RefDef]
    let options: MarkdownParser.Options
    /// Labels of the document's footnote definitions (footnote extension).
    let footnotes: Set<String>
    var pos = 0
    var nodes: [INode] = []
    /// Values of text nodes that differ from their bytes (see `INode.literalStart`).
    var literals: [UInt8] = []
    /// Tree kinds of code spans, raw HTML, links, images and footnote references.
    var payloads: [MarkdownNode.Kind] = []
    var delims: [Delim] = []
    var lastDelim = -1
    var brackets: [Bracket] = []
    /// Link openers (`[`, not `![`) below this index of `brackets` are inactive: a link may not
    /// contain a link, so a link closing deactivates every `[` before it. One index instead of a
    /// flag per bracket: setting flags walked back over every image opener on every link, which
    /// made `![[]()` repeated quadratic.
    var linkOpenersInactiveBelow = 0
    // code span closer index: run length -> sorted run start positions, and cursor per length
    var backtickRuns: [Int: [Int]]?
    var backtickCursor: [Int: Int] = [:]
    // memo of failed searches for raw HTML terminators
    var noCommentEnd = false, noPIEnd = false, noCDATAEnd = false, noDeclEnd = false

    /// Hugo shortcode tags to place while the tree is built (see `ShortcodeTags`).
    let shortcodes: ShortcodeTags?

    init(
        text: VirtualText = VirtualText(), refs: [String: RefDef], options: MarkdownParser.Options,
        footnotes: Set<String> = [], shortcodes: ShortcodeTags? = nil
    ) {
        self.text = VirtualText()
        self.buf = []
        self.refs = refs
        self.options = options
        self.footnotes = options.footnotes ? footnotes : []
        self.shortcodes = shortcodes
        reset(with: text)
    }

    /// Starts the inline phase of another leaf block, reusing the storage of the last one.
    mutating func reset(with text: VirtualText) {
        self.text = text
        buf = text.buf
        startBlock()
    }

    /// Starts the inline phase of the leaf block whose text `fill` writes into `text` (in place,
    /// reusing its storage).
    mutating func reset(_ fill: (inout VirtualText) -> Void) {
        buf = []  // the only other reference to the text's bytes: dropped, so no copy is made
        fill(&text)
        buf = text.buf
        startBlock()
    }

    private mutating func startBlock() {
        pos = 0
        nodes.removeAll(keepingCapacity: true)
        literals.removeAll(keepingCapacity: true)
        payloads.removeAll(keepingCapacity: true)
        delims.removeAll(keepingCapacity: true)
        brackets.removeAll(keepingCapacity: true)
        linkOpenersInactiveBelow = 0
        lastDelim = -1
        backtickRuns = nil
        if !backtickCursor.isEmpty { backtickCursor.removeAll(keepingCapacity: true) }
        noCommentEnd = false
        noPIEnd = false
        noCDATAEnd = false
        noDeclEnd = false
        nodes.append(INode(kind: .root, start: 0, end: buf.count))
    }

    // MARK: tree helpers

    mutating func append(_ kind: IKind, _ s: Int, _ e: Int) -> Int {
        let index = nodes.count
        var node = INode(kind: kind, start: s, end: e)
        node.parent = 0
        node.prev = nodes[0].last
        nodes.append(node)
        if nodes[0].last >= 0 { nodes[nodes[0].last].next = index } else { nodes[0].first = index }
        nodes[0].last = index
        return index
    }

    /// A text node whose value is `value` rather than its bytes.
    mutating func appendText<C: Collection>(_ s: Int, _ e: Int, value: C) -> Int where C.Element == UInt8 {
        let index = append(.text, s, e)
        nodes[index].literalStart = Int32(literals.count)
        literals.append(contentsOf: value)
        nodes[index].literalEnd = Int32(literals.count)
        return index
    }

    /// A node whose tree kind carries strings (code span, raw HTML, link, image, footnote reference).
    mutating func append(_ kind: IKind, _ s: Int, _ e: Int, payload: MarkdownNode.Kind) -> Int {
        let index = append(kind, s, e)
        nodes[index].payload = Int32(payloads.count)
        payloads.append(payload)
        return index
    }

    /// The value bytes of text node `n`.
    func textValue(_ n: INode) -> ArraySlice<UInt8> {
        n.hasLiteral ? literals[Int(n.literalStart)..<Int(n.literalEnd)] : buf[n.start..<n.end]
    }

    mutating func unlink(_ i: Int) {
        let p = nodes[i].parent
        let pr = nodes[i].prev
        let nx = nodes[i].next
        if pr >= 0 { nodes[pr].next = nx } else if p >= 0 { nodes[p].first = nx }
        if nx >= 0 { nodes[nx].prev = pr } else if p >= 0 { nodes[p].last = pr }
        nodes[i].prev = -1
        nodes[i].next = -1
        nodes[i].parent = -1
    }

    /// Moves the siblings strictly between `after` and `before` (or to the end when before == -1)
    /// into `container`, which is inserted right after `after`.
    mutating func wrap(after: Int, before: Int, into container: Int) {
        let parent = nodes[after].parent
        var cur = nodes[after].next
        var firstMoved = -1
        var lastMoved = -1
        while cur >= 0 && cur != before {
            nodes[cur].parent = container
            if firstMoved < 0 { firstMoved = cur }
            lastMoved = cur
            cur = nodes[cur].next
        }
        nodes[container].first = firstMoved
        nodes[container].last = lastMoved
        nodes[container].parent = parent
        if firstMoved >= 0 {
            nodes[firstMoved].prev = -1
            nodes[lastMoved].next = -1
        }
        // link container between after and cur
        nodes[after].next = container
        nodes[container].prev = after
        nodes[container].next = cur
        if cur >= 0 { nodes[cur].prev = container } else { nodes[parent].last = container }
    }

    // MARK: main loop

    mutating func parse() {
        let n = buf.count
        while pos < n {
            let c = buf[pos]
            switch c {
            case 0x0A: handleNewline()
            case UInt8(ascii: "`"): handleBackticks()
            case UInt8(ascii: "\\"): handleBackslash()
            case UInt8(ascii: "&"): handleEntity()
            case UInt8(ascii: "<"): handleLeftAngle()
            case UInt8(ascii: "*"), UInt8(ascii: "_"): handleDelim(c)
            case UInt8(ascii: "~") where options.strikethrough: handleDelim(c)
            case UInt8(ascii: "[") where !footnotes.isEmpty && handleFootnoteRef(at: pos):
                break
            case UInt8(ascii: "!")
            where !footnotes.isEmpty && pos + 1 < n && buf[pos + 1] == UInt8(ascii: "[")
                && footnoteRefEnd(at: pos + 1) != nil:
                // Goldmark: `![^x]` is a `!` followed by the footnote reference
                _ = appendText(pos, pos + 1, value: CollectionOfOne(c))
                pos += 1
            case UInt8(ascii: "["):
                let node = append(.text, pos, pos + 1)
                brackets.append(
                    Bracket(
                        node: node, start: pos, textStart: pos + 1, image: false,
                        delimBottom: delims.count))
                pos += 1
            case UInt8(ascii: "!"):
                if pos + 1 < n && buf[pos + 1] == UInt8(ascii: "[") {
                    let node = append(.text, pos, pos + 2)
                    brackets.append(
                        Bracket(
                            node: node, start: pos, textStart: pos + 2, image: true,
                            delimBottom: delims.count))
                    pos += 2
                } else {
                    _ = append(.text, pos, pos + 1)
                    pos += 1
                }
            case UInt8(ascii: "]"): handleCloseBracket()
            default:
                var e = pos + 1
                while e < n && !isSpecial(buf[e]) { e += 1 }
                var te = e
                if e < n && buf[e] == 0x0A {
                    while te > pos && isWhitespaceByte(buf[te - 1]) { te -= 1 }
                }
                if te > pos { _ = append(.text, pos, te) }
                pos = e
            }
        }
        processEmphasis(bottom: 0)
    }

    @inline(__always) func isSpecial(_ c: UInt8) -> Bool {
        switch c {
        case 0x0A, UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: "*"),
            UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "!"):
            return true
        case UInt8(ascii: "~"): return options.strikethrough
        default: return false
        }
    }

    mutating func skipLineStartSpaces() {
        while pos < buf.count && isSpaceOrTab(buf[pos]) { pos += 1 }
    }

    mutating func handleNewline() {
        let nl = pos
        // count trailing spaces before the newline
        var s = nl
        while s > 0 && buf[s - 1] == 0x20 { s -= 1 }
        if nl - s >= 2 {
            _ = append(.hardBreak, s, nl + 1)
        } else {
            _ = append(.softBreak, nl, nl + 1)
        }
        pos = nl + 1
        skipLineStartSpaces()
    }

    mutating func handleBackslash() {
        let s = pos
        if pos + 1 < buf.count {
            let next = buf[pos + 1]
            if isASCIIPunct(next) {
                _ = appendText(s, s + 2, value: CollectionOfOne(next))
                pos += 2
                return
            }
            if next == 0x0A {
                _ = append(.hardBreak, s, s + 2)
                pos += 2
                skipLineStartSpaces()
                return
            }
        }
        _ = append(.text, s, s + 1)
        pos += 1
    }

    mutating func handleEntity() {
        if let (value, next) = scanEntity(buf, pos, buf.count) {
            _ = appendText(pos, next, value: value)
            pos = next
        } else {
            _ = append(.text, pos, pos + 1)
            pos += 1
        }
    }

    mutating func findBacktickCloser(length: Int, after: Int) -> Int? {
        if backtickRuns == nil {
            var runs: [Int: [Int]] = [:]
            var i = 0
            while i < buf.count {
                if buf[i] == UInt8(ascii: "`") {
                    let s = i
                    while i < buf.count && buf[i] == UInt8(ascii: "`") { i += 1 }
                    runs[i - s, default: []].append(s)
                } else {
                    i += 1
                }
            }
            backtickRuns = runs
        }
        guard let list = backtickRuns?[length] else { return nil }
        var cursor = backtickCursor[length] ?? 0
        while cursor < list.count && list[cursor] < after { cursor += 1 }
        backtickCursor[length] = cursor
        return cursor < list.count ? list[cursor] : nil
    }

    mutating func handleBackticks() {
        let s = pos
        var e = pos
        while e < buf.count && buf[e] == UInt8(ascii: "`") { e += 1 }
        let len = e - s
        if let closer = findBacktickCloser(length: len, after: e) {
            var content = Array(buf[e..<closer])
            for k in 0..<content.count where content[k] == 0x0A { content[k] = 0x20 }
            if content.count >= 2 && content.first == 0x20 && content.last == 0x20
                && content.contains(where: { $0 != 0x20 })
            {
                content.removeFirst()
                content.removeLast()
            }
            _ = append(.code, s, closer + len, payload: .codeSpan(String(decoding: content, as: UTF8.self)))
            pos = closer + len
        } else {
            _ = append(.text, s, e)
            pos = e
        }
    }

    mutating func handleLeftAngle() {
        let s = pos
        let n = buf.count
        // URI autolink
        var i = s + 1
        if i < n && isAlpha(buf[i]) {
            var j = i + 1
            while j < n
                && (isAlnum(buf[j]) || buf[j] == UInt8(ascii: "+") || buf[j] == UInt8(ascii: ".")
                    || buf[j] == UInt8(ascii: "-"))
                && j - i <= 32
            { j += 1 }
            if j - i >= 2 && j - i <= 32 && j < n && buf[j] == UInt8(ascii: ":") {
                var k = j + 1
                while k < n && buf[k] > 0x20 && buf[k] != UInt8(ascii: "<") && buf[k] != UInt8(ascii: ">")
                    && buf[k] != 0x7F
                { k += 1 }
                if k < n && buf[k] == UInt8(ascii: ">") {
                    let dest = String(decoding: buf[(s + 1)..<k], as: UTF8.self)
                    let link = append(.link, s, k + 1, payload: .link(destination: dest, title: "", style: .autolink))
                    nodes[link].destinationRange = text.sourceRange(s + 1, k)
                    addAutolinkText(link, s + 1, k)
                    pos = k + 1
                    return
                }
            }
        }
        // email autolink
        i = s + 1
        var j = i
        while j < n, isAlnum(buf[j]) || isEmailLocalPunct(buf[j]) { j += 1 }
        if j > i && j < n && buf[j] == UInt8(ascii: "@") {
            var k = j + 1
            var ok = true
            var labelLen = 0
            var labels = 0
            while k < n {
                let c = buf[k]
                if isAlnum(c) {
                    labelLen += 1
                    k += 1
                    continue
                }
                if c == UInt8(ascii: "-") && labelLen > 0 {
                    labelLen += 1
                    k += 1
                    continue
                }
                if c == UInt8(ascii: ".") && labelLen > 0 && buf[k - 1] != UInt8(ascii: "-") {
                    labels += 1
                    labelLen = 0
                    k += 1
                    continue
                }
                break
            }
            if labelLen == 0 || labelLen > 63 || buf[k - 1] == UInt8(ascii: "-") { ok = false }
            _ = labels
            if ok && k < n && buf[k] == UInt8(ascii: ">") {
                let addr = String(decoding: buf[(s + 1)..<k], as: UTF8.self)
                let link = append(
                    .link, s, k + 1, payload: .link(destination: "mailto:" + addr, title: "", style: .autolink))
                nodes[link].destinationRange = text.sourceRange(s + 1, k)
                addAutolinkText(link, s + 1, k)
                pos = k + 1
                return
            }
        }
        // raw HTML
        if let e = scanInlineHTML(s) {
            _ = append(.html, s, e, payload: .htmlInline(String(decoding: buf[s..<e], as: UTF8.self)))
            pos = e
            return
        }
        _ = append(.text, s, s + 1)
        pos += 1
    }

    func isEmailLocalPunct(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "-"):
            return true
        default: return false
        }
    }

    mutating func addAutolinkText(_ link: Int, _ s: Int, _ e: Int) {
        let t = nodes.count
        var node = INode(kind: .text, start: s, end: e)
        node.parent = link
        nodes.append(node)
        nodes[link].first = t
        nodes[link].last = t
    }

    func find(_ needle: [UInt8], from: Int) -> Int? {
        var i = from
        let n = buf.count
        while i + needle.count <= n {
            if buf[i] == needle[0] {
                var k = 1
                while k < needle.count && buf[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    mutating func scanInlineHTML(_ s: Int) -> Int? {
        let n = buf.count
        guard s + 1 < n else { return nil }
        let c = buf[s + 1]
        if isAlpha(c) { return HTMLScanner.openTag(buf, s, n) }
        if c == UInt8(ascii: "/") { return HTMLScanner.closeTag(buf, s, n) }
        if c == UInt8(ascii: "?") {
            if noPIEnd { return nil }
            if let e = find(Array("?>".utf8), from: s + 2) { return e + 2 }
            noPIEnd = true
            return nil
        }
        if c == UInt8(ascii: "!") {
            if s + 3 < n && buf[s + 2] == UInt8(ascii: "-") && buf[s + 3] == UInt8(ascii: "-") {
                if s + 4 < n && buf[s + 4] == UInt8(ascii: ">") { return s + 5 }
                if s + 5 < n && buf[s + 4] == UInt8(ascii: "-") && buf[s + 5] == UInt8(ascii: ">") { return s + 6 }
                if noCommentEnd { return nil }
                if let e = find(Array("-->".utf8), from: s + 4) { return e + 3 }
                noCommentEnd = true
                return nil
            }
            if hasPrefixCI(buf, s, n, "<![cdata[") && buf[s + 3] == UInt8(ascii: "C") {
                if noCDATAEnd { return nil }
                if let e = find(Array("]]>".utf8), from: s + 9) { return e + 3 }
                noCDATAEnd = true
                return nil
            }
            if s + 2 < n && isAlpha(buf[s + 2]) {
                if noDeclEnd { return nil }
                if let e = find([UInt8(ascii: ">")], from: s + 2) { return e + 1 }
                noDeclEnd = true
                return nil
            }
        }
        return nil
    }

    // MARK: emphasis delimiters

    func scalarBefore(_ i: Int) -> Unicode.Scalar? {
        guard i > 0 else { return nil }
        var s = i - 1
        while s > 0 && buf[s] & 0xC0 == 0x80 && i - s < 4 { s -= 1 }
        return decodeScalar(s).0
    }

    func decodeScalar(_ i: Int) -> (Unicode.Scalar?, Int) {
        guard i < buf.count else { return (nil, 0) }
        let c0 = buf[i]
        if c0 < 0x80 { return (Unicode.Scalar(c0), 1) }
        var len = 0
        var v: UInt32 = 0
        if c0 & 0xE0 == 0xC0 {
            len = 2
            v = UInt32(c0 & 0x1F)
        } else if c0 & 0xF0 == 0xE0 {
            len = 3
            v = UInt32(c0 & 0x0F)
        } else if c0 & 0xF8 == 0xF0 {
            len = 4
            v = UInt32(c0 & 0x07)
        } else {
            return (nil, 1)
        }
        guard i + len <= buf.count else { return (nil, 1) }
        for k in 1..<len { v = (v << 6) | UInt32(buf[i + k] & 0x3F) }
        return (Unicode.Scalar(v), len)
    }

    static func isUnicodeWhitespace(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return true }  // start/end of text counts as whitespace
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D: return true
        default: return s.value > 0x7F && s.properties.generalCategory == .spaceSeparator
        }
    }

    static func isUnicodePunct(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        if s.value < 0x80 { return isASCIIPunct(UInt8(s.value)) }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default: return false
        }
    }

    mutating func handleDelim(_ c: UInt8) {
        let s = pos
        var e = pos
        while e < buf.count && buf[e] == c { e += 1 }
        let count = e - s
        let before = scalarBefore(s)
        let after = decodeScalar(e).0
        let beforeWS = InlineParser.isUnicodeWhitespace(before)
        let afterWS = InlineParser.isUnicodeWhitespace(after)
        let beforeP = InlineParser.isUnicodePunct(before)
        let afterP = InlineParser.isUnicodePunct(after)
        let left = !afterWS && (!afterP || beforeWS || beforeP)
        let right = !beforeWS && (!beforeP || afterWS || afterP)
        var canOpen: Bool
        var canClose: Bool
        if c == UInt8(ascii: "_") {
            canOpen = left && (!right || beforeP)
            canClose = right && (!left || afterP)
        } else {
            canOpen = left
            canClose = right
        }
        if c == UInt8(ascii: "~") && count > 2 {
            canOpen = false
            canClose = false
        }
        let node = append(.text, s, e)
        pos = e
        if canOpen || canClose {
            let index = delims.count
            delims.append(
                Delim(
                    node: node, char: c, count: count, canOpen: canOpen, canClose: canClose, prev: lastDelim, next: -1))
            if lastDelim >= 0 { delims[lastDelim].next = index }
            lastDelim = index
        }
    }

    mutating func removeDelim(_ d: Int) {
        let p = delims[d].prev
        let nx = delims[d].next
        if p >= 0 { delims[p].next = nx }
        if nx >= 0 { delims[nx].prev = p } else { lastDelim = p }
        delims[d].prev = -1
        delims[d].next = -1
    }

    mutating func processEmphasis(bottom: Int) {
        // find the first delimiter at or above bottom
        var closer = -1
        var cand = lastDelim
        while cand >= 0 && cand >= bottom {
            closer = cand
            cand = delims[cand].prev
        }
        guard closer >= 0 else { return }
        var openersBottom: [Int: Int] = [:]
        while closer >= 0 {
            let cd = delims[closer]
            guard cd.canClose else {
                closer = cd.next
                continue
            }
            let key: Int
            if cd.char == UInt8(ascii: "~") {
                key = 100 + cd.count
            } else {
                key = Int(cd.char) * 8 + (cd.canOpen ? 3 : 0) + cd.count % 3
            }
            let floor = openersBottom[key] ?? bottom
            var opener = cd.prev
            var found = false
            while opener >= 0 && opener >= floor {
                let od = delims[opener]
                if od.canOpen && od.char == cd.char {
                    if cd.char == UInt8(ascii: "~") {
                        if od.count == cd.count {
                            found = true
                            break
                        }
                    } else if !(cd.canOpen || od.canClose) || cd.count % 3 == 0 || (od.count + cd.count) % 3 != 0 {
                        found = true
                        break
                    }
                }
                opener = od.prev
            }
            let oldCloser = closer
            if found {
                closer = insertEmph(opener: opener, closer: closer)
            } else {
                closer = cd.next
                openersBottom[key] = oldCloser
                if !cd.canOpen { removeDelim(oldCloser) }
            }
        }
        while lastDelim >= 0 && lastDelim >= bottom { removeDelim(lastDelim) }
    }

    /// Returns the next closer to consider.
    mutating func insertEmph(opener: Int, closer: Int) -> Int {
        let on = delims[opener].node
        let cn = delims[closer].node
        let ch = delims[opener].char
        let use: Int
        if ch == UInt8(ascii: "~") {
            use = delims[closer].count
        } else {
            use = (delims[closer].count >= 2 && delims[opener].count >= 2) ? 2 : 1
        }
        delims[opener].count -= use
        delims[closer].count -= use
        nodes[on].end -= use
        if nodes[on].hasLiteral { nodes[on].literalEnd -= Int32(use) }
        let closerStart = nodes[cn].start
        nodes[cn].start += use
        if nodes[cn].hasLiteral { nodes[cn].literalEnd -= Int32(use) }
        // remove delimiters between
        var d = delims[closer].prev
        while d >= 0 && d != opener {
            let p = delims[d].prev
            removeDelim(d)
            d = p
        }
        let kind: IKind = ch == UInt8(ascii: "~") ? .strike : (use == 1 ? .emph : .strong)
        let emph = nodes.count
        nodes.append(INode(kind: kind, start: nodes[on].end, end: closerStart + use))
        wrap(after: on, before: cn, into: emph)
        if delims[opener].count == 0 {
            unlink(on)
            removeDelim(opener)
        }
        if delims[closer].count == 0 {
            unlink(cn)
            let next = delims[closer].next
            removeDelim(closer)
            return next
        }
        return closer
    }

    // MARK: footnote references

    /// `[^label]` at `at` whose label (exact bytes, on one line, no unescaped `[`) names a footnote
    /// definition: returns the position after `]`.
    func footnoteRefEnd(at: Int) -> Int? {
        let n = buf.count
        guard at + 2 < n, buf[at] == UInt8(ascii: "["), buf[at + 1] == UInt8(ascii: "^") else { return nil }
        var i = at + 2
        while i < n {
            let c = buf[i]
            if c == 0x0A || c == UInt8(ascii: "[") { return nil }
            if c == UInt8(ascii: "\\") && i + 1 < n && isASCIIPunct(buf[i + 1]) {
                i += 2
                continue
            }
            if c == UInt8(ascii: "]") { break }
            i += 1
        }
        guard i < n else { return nil }
        let label = String(decoding: buf[(at + 2)..<i], as: UTF8.self)
        return footnotes.contains(label) ? i + 1 : nil
    }

    mutating func handleFootnoteRef(at: Int) -> Bool {
        guard let end = footnoteRefEnd(at: at) else { return false }
        let label = String(decoding: buf[(at + 2)..<(end - 1)], as: UTF8.self)
        _ = append(.footnoteRef, at, end, payload: .footnoteReference(label: label))
        pos = end
        return true
    }

    // MARK: links

    mutating func handleCloseBracket() {
        let closeStart = pos
        pos += 1
        guard let opener = brackets.last else {
            _ = append(.text, closeStart, closeStart + 1)
            return
        }
        if !opener.image && brackets.count - 1 < linkOpenersInactiveBelow {
            popBracket()
            _ = append(.text, closeStart, closeStart + 1)
            return
        }
        let n = buf.count
        var matched = false
        var dest = ""
        var title = ""
        var destRange: SourceRange?
        var style = MarkdownNode.LinkStyle.inline
        var endPos = pos
        // inline link
        if pos < n && buf[pos] == UInt8(ascii: "(") {
            var i = pos + 1
            while i < n && isWhitespaceByte(buf[i]) { i += 1 }
            if i < n && buf[i] == UInt8(ascii: ")") {
                matched = true
                destRange = text.sourceRange(i, i)
                endPos = i + 1
            } else if let (ds, de, afterDest) = scanLinkDestination(buf, i, n) {
                var j = afterDest
                while j < n && isWhitespaceByte(buf[j]) { j += 1 }
                var ok = true
                var t = ""
                if j < n && buf[j] != UInt8(ascii: ")") {
                    if j > afterDest, let (ts, te, afterTitle) = scanLinkTitle(buf, j, n) {
                        t = unescapeString(buf, ts, te)
                        j = afterTitle
                        while j < n && isWhitespaceByte(buf[j]) { j += 1 }
                    } else {
                        ok = false
                    }
                }
                if ok && j < n && buf[j] == UInt8(ascii: ")") {
                    matched = true
                    dest = unescapeString(buf, ds, de)
                    title = t
                    destRange = text.sourceRange(ds, de)
                    endPos = j + 1
                }
            }
        }
        if !matched {
            // reference link
            var labelStart = opener.textStart
            var labelEnd = closeStart
            var after = pos
            var rawLabel: (Int, Int)? = nil
            if let (ls, le, next) = scanLinkLabel(buf, pos, n) {
                if le > ls {
                    rawLabel = (ls, le)
                    after = next
                    labelStart = ls
                    labelEnd = le
                } else {
                    after = next  // collapsed
                }
            }
            _ = rawLabel
            if labelEnd - labelStart <= 999, !labelIsBlank(buf, labelStart, labelEnd) {
                let key = normalizeLabel(buf, labelStart, labelEnd)
                if let def = refs[key] {
                    matched = true
                    dest = def.destination
                    title = def.title ?? ""
                    destRange = def.destinationRange
                    style = .reference(label: String(decoding: buf[labelStart..<labelEnd], as: UTF8.self))
                    endPos = after
                }
            }
        }
        guard matched else {
            popBracket()
            pos = closeStart + 1
            _ = append(.text, closeStart, closeStart + 1)
            return
        }
        let link = nodes.count
        var node = INode(kind: opener.image ? .image : .link, start: opener.start, end: endPos)
        node.destinationRange = destRange
        node.payload = Int32(payloads.count)
        payloads.append(
            opener.image
                ? .image(destination: dest, title: title, style: style)
                : .link(destination: dest, title: title, style: style))
        nodes.append(node)
        wrap(after: opener.node, before: -1, into: link)
        unlink(opener.node)
        processEmphasis(bottom: opener.delimBottom)
        popBracket()
        if !opener.image { linkOpenersInactiveBelow = brackets.count }
        pos = endPos
    }

    /// Drops the innermost bracket; openers pushed later at its index start active.
    mutating func popBracket() {
        brackets.removeLast()
        linkOpenersInactiveBelow = min(linkOpenersInactiveBelow, brackets.count)
    }
}
