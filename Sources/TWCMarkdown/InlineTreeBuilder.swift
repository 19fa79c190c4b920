import TWCCore

/// Converts the inline arena into `MarkdownNode`s (iteratively), merging contiguous text and
/// applying GFM/Goldmark linkify to text outside links.
struct InlineTreeBuilder {
    let parser: InlineParser
    let options: MarkdownParser.Options

    /// Inline containers nested deeper than this are flattened into their parent (their content is
    /// kept, the wrapper dropped): Swift destroys a tree recursively, so depth must stay bounded.
    static let maximumDepth = 256

    func build() -> [MarkdownNode] {
        let nodes = parser.nodes
        let buf = parser.text.buf
        struct Frame {
            var node: Int; var child: Int; var children: [MarkdownNode]; var inLink: Bool
            /// Next siblings to come back to after the children of a flattened container.
            var resume: [Int] = []
            /// Text pieces contiguous in the source are merged here before they become one node
            /// (bytes appended in place: linear however many pieces there are). A lone piece whose
            /// value is its own bytes is kept as a range of the inline text and copied only once.
            var pendingText: [UInt8] = []
            var pendingStart = -1
            var pendingEnd = -1
            var pendingVirtual: Range<Int>? = nil

            mutating func addText(_ piece: INode, _ range: SourceRange, _ buf: [UInt8]) {
                if pendingStart >= 0, pendingEnd == range.start {
                    if let virtual = pendingVirtual {
                        pendingText = Array(buf[virtual])
                        pendingVirtual = nil
                    }
                    if let literal = piece.literal { pendingText.append(contentsOf: literal) } else { pendingText.append(contentsOf: buf[piece.start..<piece.end]) }
                    pendingEnd = range.end
                    return
                }
                flushText(buf)
                pendingStart = range.start
                pendingEnd = range.end
                if let literal = piece.literal { pendingText = literal } else { pendingVirtual = piece.start..<piece.end }
            }

            mutating func flushText(_ buf: [UInt8]) {
                guard pendingStart >= 0 else { return }
                var value: String
                let hasNUL: Bool
                if let virtual = pendingVirtual {
                    value = String(decoding: buf[virtual], as: UTF8.self)
                    hasNUL = containsNUL(buf[virtual])
                } else {
                    value = String(decoding: pendingText, as: UTF8.self)
                    hasNUL = containsNUL(pendingText)
                }
                if hasNUL { value = value.replacingNUL }
                children.append(MarkdownNode(kind: .text(value), range: SourceRange(pendingStart, pendingEnd)))
                pendingText = []
                pendingVirtual = nil
                pendingStart = -1
            }
        }
        var stack = [Frame(node: 0, child: nodes[0].first, children: [], inLink: false)]
        var result: [MarkdownNode] = []
        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].child < 0, let back = stack[top].resume.popLast() {
                stack[top].child = back
                continue
            }
            let c = stack[top].child
            if c >= 0 {
                stack[top].child = nodes[c].next
                let n = nodes[c]
                switch n.kind {
                case .emph, .strong, .strike, .link, .image:
                    var inLink = stack[top].inLink
                    if case .link = n.kind { inLink = true }
                    if case .image = n.kind { inLink = true }
                    if stack.count > Self.maximumDepth {
                        // Too deep: walk the container's children as if they were this frame's own.
                        stack[top].resume.append(stack[top].child)
                        stack[top].child = n.first
                        stack[top].inLink = inLink
                    } else {
                        stack.append(Frame(node: c, child: n.first, children: [], inLink: inLink))
                    }
                case .text:
                    if n.start < n.end || !(n.literal?.isEmpty ?? true) {
                        stack[top].addText(n, parser.text.sourceRange(n.start, n.end), buf)
                    }
                default:
                    if let leaf = makeLeaf(n) {
                        stack[top].flushText(buf)
                        stack[top].children.append(leaf)
                    }
                }
                continue
            }
            stack[stack.count - 1].flushText(buf)
            let frame = stack.removeLast()
            let children = (options.linkify && !frame.inLink) ? linkify(frame.children) : frame.children
            if stack.isEmpty { result = children; break }
            let n = nodes[frame.node]
            let range = parser.text.sourceRange(n.start, n.end)
            let kind: MarkdownNode.Kind
            switch n.kind {
            case .emph: kind = .emphasis
            case .strong: kind = .strong
            case .strike: kind = .strikethrough
            case let .link(d, t, s): kind = .link(destination: d, title: t, style: s)
            case let .image(d, t, s): kind = .image(destination: d, title: t, style: s)
            default: kind = .emphasis
            }
            let node = MarkdownNode(kind: kind, range: range, children: children, destinationRange: n.destinationRange)
            stack[stack.count - 1].flushText(buf)
            stack[stack.count - 1].children.append(node)
        }
        return result
    }

    func makeLeaf(_ n: INode) -> MarkdownNode? {
        let range = parser.text.sourceRange(n.start, n.end)
        switch n.kind {
        case .text:
            if n.start >= n.end && (n.literal?.isEmpty ?? true) { return nil }
            let lit = n.literal ?? Array(parser.text.buf[n.start..<n.end])
            let value = String(decoding: lit, as: UTF8.self)
            return MarkdownNode(kind: .text(containsNUL(lit) ? value.replacingNUL : value), range: range)
        case .softBreak: return MarkdownNode(kind: .softBreak, range: range)
        case .hardBreak: return MarkdownNode(kind: .hardBreak, range: range)
        case let .code(s): return MarkdownNode(kind: .codeSpan(s), range: range)
        case let .html(s): return MarkdownNode(kind: .htmlInline(s), range: range)
        case let .footnoteRef(label): return MarkdownNode(kind: .footnoteReference(label: label), range: range)
        case .link(let d, let t, let s):
            // autolinks are built with their text child directly
            var children: [MarkdownNode] = []
            var c = n.first
            while c >= 0 {
                if let leaf = makeLeaf(parser.nodes[c]) { children.append(leaf) }
                c = parser.nodes[c].next
            }
            return MarkdownNode(kind: .link(destination: d, title: t, style: s), range: range, children: children,
                                destinationRange: n.destinationRange)
        default: return nil
        }
    }

    // MARK: linkify

    func linkify(_ list: [MarkdownNode]) -> [MarkdownNode] {
        // `out` is made only once a text node actually holds an autolink (rare).
        var out: [MarkdownNode]? = nil
        for (index, node) in list.enumerated() {
            guard case let .text(literal) = node.kind else { out?.append(node); continue }
            // Every autolink has a '.', and a "://" or "www." (URL) or an '@' (email): one pass decides.
            let (hasDot, hasColon, hasAt, hasWWW) = literal.utf8.withContiguousStorageIfAvailable(Self.autolinkTriggers)
                ?? Array(literal.utf8).withUnsafeBufferPointer(Self.autolinkTriggers)
            guard hasDot, hasColon || hasAt || hasWWW, literal.utf8.count == node.range.count else { out?.append(node); continue }
            let bytes = Array(literal.utf8)
            let pieces = linkifyText(bytes, base: node.range.start, mayHaveURL: hasColon || hasWWW, mayHaveEmail: hasAt)
            if pieces.count == 1, case .text = pieces[0].kind { out?.append(node); continue }
            if out == nil { out = Array(list[..<index]) }
            out!.append(contentsOf: pieces)
        }
        return out ?? list
    }

    /// Whether a text has a '.', a ':', an '@' and a "www." (case-insensitive).
    static func autolinkTriggers(_ bytes: UnsafeBufferPointer<UInt8>) -> (Bool, Bool, Bool, Bool) {
        var hasDot = false, hasColon = false, hasAt = false, hasWWW = false
        var ws = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."): hasDot = true; if ws >= 3 { hasWWW = true }; ws = 0
            case UInt8(ascii: ":"): hasColon = true; ws = 0
            case UInt8(ascii: "@"): hasAt = true; ws = 0
            case UInt8(ascii: "w"), UInt8(ascii: "W"): ws += 1
            default: ws = 0
            }
        }
        return (hasDot, hasColon, hasAt, hasWWW)
    }

    func linkifyText(_ b: [UInt8], base: Int, mayHaveURL: Bool, mayHaveEmail: Bool) -> [MarkdownNode] {
        var out: [MarkdownNode] = []
        var textStart = 0
        var i = 0
        let n = b.count
        func flush(_ upTo: Int) {
            if upTo > textStart {
                out.append(MarkdownNode(kind: .text(String(decoding: b[textStart..<upTo], as: UTF8.self)),
                                        range: SourceRange(base + textStart, base + upTo)))
            }
        }
        while i < n {
            let prev: UInt8 = i > 0 ? b[i - 1] : 0x20
            let boundary = isWhitespaceByte(prev) || prev == UInt8(ascii: "*") || prev == UInt8(ascii: "_")
                || prev == UInt8(ascii: "~") || prev == UInt8(ascii: "(")
            if mayHaveURL, boundary, Self.mayStartURL(b[i]), let (end, dest) = matchURL(b, i) {
                flush(i)
                let r = SourceRange(base + i, base + end)
                let text = MarkdownNode(kind: .text(String(decoding: b[i..<end], as: UTF8.self)), range: r)
                out.append(MarkdownNode(kind: .link(destination: dest, title: "", style: .linkify), range: r,
                                        children: [text], destinationRange: r))
                i = end
                textStart = end
                continue
            }
            if mayHaveEmail, !isEmailLocal(prev) || i == 0, isEmailLocal(b[i]), let end = matchEmail(b, i) {
                flush(i)
                let r = SourceRange(base + i, base + end)
                let addr = String(decoding: b[i..<end], as: UTF8.self)
                let text = MarkdownNode(kind: .text(addr), range: r)
                out.append(MarkdownNode(kind: .link(destination: "mailto:" + addr, title: "", style: .linkify), range: r,
                                        children: [text], destinationRange: r))
                i = end
                textStart = end
                continue
            }
            i += 1
        }
        flush(n)
        return out
    }

    /// `h`ttp(s)://, `f`tp://, `w`ww. (any case).
    @inline(__always) static func mayStartURL(_ c: UInt8) -> Bool {
        let l = c | 0x20
        return l == UInt8(ascii: "h") || l == UInt8(ascii: "f") || l == UInt8(ascii: "w")
    }

    func isEmailLocal(_ c: UInt8) -> Bool {
        isAlnum(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
    }

    func matchEmail(_ b: [UInt8], _ s: Int) -> Int? {
        var i = s
        while i < b.count && isEmailLocal(b[i]) { i += 1 }
        guard i > s, i < b.count, b[i] == UInt8(ascii: "@") else { return nil }
        i += 1
        let ds = i
        var dots = 0
        while i < b.count, isAlnum(b[i]) || b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "_") || b[i] == UInt8(ascii: ".") {
            if b[i] == UInt8(ascii: ".") {
                guard i + 1 < b.count, isAlnum(b[i + 1]) || b[i + 1] == UInt8(ascii: "-") || b[i + 1] == UInt8(ascii: "_") else { break }
                dots += 1
            }
            i += 1
        }
        guard i > ds, dots >= 1 else { return nil }
        let last = b[i - 1]
        if last == UInt8(ascii: "-") || last == UInt8(ascii: "_") { return nil }
        return i
    }

    func matchURL(_ b: [UInt8], _ s: Int) -> (Int, String)? {
        let n = b.count
        var prefix = ""
        var i = s
        if hasPrefixCI(b, s, n, "https://") { i = s + 8 } else if hasPrefixCI(b, s, n, "http://") { i = s + 7 } else if hasPrefixCI(b, s, n, "ftp://") { i = s + 6 } else if hasPrefixCI(b, s, n, "www.") {
            i = s + 4
            prefix = options.linkifyWWWScheme + "://"
        } else { return nil }
        // domain
        let ds = i
        var segStart = i
        var segments: [(Int, Int)] = []
        while i < n {
            let c = b[i]
            if isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c >= 0x80 { i += 1; continue }
            if c == UInt8(ascii: ".") && i > segStart && i + 1 < n && (isAlnum(b[i + 1]) || b[i + 1] >= 0x80 || b[i + 1] == UInt8(ascii: "-") || b[i + 1] == UInt8(ascii: "_")) {
                segments.append((segStart, i)); i += 1; segStart = i; continue
            }
            break
        }
        guard i > segStart else { return nil }
        segments.append((segStart, i))
        if prefix.isEmpty == false && segments.count < 1 { return nil }
        if prefix.isEmpty && i == ds { return nil }
        if !prefix.isEmpty && segments.count < 1 { return nil }
        // no underscores in the last two segments
        for seg in segments.suffix(2) where b[seg.0..<seg.1].contains(UInt8(ascii: "_")) { return nil }
        // path
        while i < n && !isWhitespaceByte(b[i]) && b[i] != UInt8(ascii: "<") { i += 1 }
        var e = i
        while e > ds {
            let c = b[e - 1]
            switch c {
            case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"),
                 UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                e -= 1; continue
            case UInt8(ascii: ")"):
                var open = 0, close = 0
                for k in s..<e { if b[k] == UInt8(ascii: "(") { open += 1 } else if b[k] == UInt8(ascii: ")") { close += 1 } }
                if close > open { e -= 1; continue }
            case UInt8(ascii: ";"):
                var k = e - 2
                while k >= ds && isAlnum(b[k]) { k -= 1 }
                if k >= ds && k < e - 2 && b[k] == UInt8(ascii: "&") { e = k; continue }
            default: break
            }
            break
        }
        guard e > ds else { return nil }
        return (e, prefix + String(decoding: b[s..<e], as: UTF8.self))
    }
}

extension String {
    /// NUL replaced by U+FFFD, as CommonMark requires.
    var replacingNUL: String {
        var bytes: [UInt8] = []
        for byte in utf8 { if byte == 0 { bytes += [0xEF, 0xBF, 0xBD] } else { bytes.append(byte) } }
        return String(decoding: bytes, as: UTF8.self)
    }
}
