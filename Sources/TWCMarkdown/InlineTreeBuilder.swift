import TWCCore

/// Adds the inline arena's nodes to the tree writer (iteratively), merging contiguous text,
/// applying GFM/Goldmark linkify to text outside links and placing Hugo shortcode tags.
extension InlineParser {
    /// Inline containers nested deeper than this are flattened into their parent (their content is
    /// kept, the wrapper dropped), so that the tree depth stays bounded for its readers.
    static let maximumDepth = 256

    /// Text pieces contiguous in the source, merged before they become one node. A lone piece
    /// whose value is its own bytes stays a range of the inline text and is copied only once.
    struct PendingText {
        var bytes: [UInt8] = []
        var start = -1
        var end = -1
        var virtual: Range<Int>? = nil
    }

    func buildTree(into writer: inout TreeWriter) {
        struct Frame {
            var node: Int
            var child: Int
            var mark: Int
            var inLink: Bool
            /// Next siblings to come back to after the children of a flattened container, with
            /// whether they are inside a link.
            var resume: [(child: Int, inLink: Bool)] = []
        }
        var pendingText = PendingText()
        var stack = [Frame(node: 0, child: nodes[0].first, mark: writer.mark, inLink: false)]
        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].child < 0, let back = stack[top].resume.popLast() {
                if back.inLink != stack[top].inLink { flush(&pendingText, buf, inLink: stack[top].inLink, &writer) }
                stack[top].child = back.child
                stack[top].inLink = back.inLink
                continue
            }
            let c = stack[top].child
            if c >= 0 {
                stack[top].child = nodes[c].next
                let n = nodes[c]
                switch n.kind {
                case .emph, .strong, .strike, .link, .image:
                    var inLink = stack[top].inLink
                    if n.kind == .link || n.kind == .image { inLink = true }
                    if stack.count > Self.maximumDepth {
                        // Too deep: walk the container's children as if they were this frame's own.
                        stack[top].resume.append((stack[top].child, stack[top].inLink))
                        if inLink != stack[top].inLink { flush(&pendingText, buf, inLink: stack[top].inLink, &writer) }
                        stack[top].child = n.first
                        stack[top].inLink = inLink
                    } else {
                        flush(&pendingText, buf, inLink: stack[top].inLink, &writer)
                        stack.append(Frame(node: c, child: n.first, mark: writer.mark, inLink: inLink))
                    }
                case .text:
                    if n.start < n.end || n.literalEnd > n.literalStart {
                        add(
                            n, text.sourceRange(n.start, n.end), to: &pendingText, buf, inLink: stack[top].inLink,
                            &writer)
                    }
                default:
                    flush(&pendingText, buf, inLink: stack[top].inLink, &writer)
                    addLeaf(n, &writer)
                }
                continue
            }
            flush(&pendingText, buf, inLink: stack[top].inLink, &writer)
            let frame = stack.removeLast()
            if stack.isEmpty { break }  // the root: its children stay pending for the block
            let n = nodes[frame.node]
            let range = text.sourceRange(n.start, n.end)
            switch n.kind {
            case .strong: writer.add(.strong, range, childrenFrom: frame.mark)
            case .strike: writer.add(.strikethrough, range, childrenFrom: frame.mark)
            case .link, .image:
                writer.add(
                    kind: payloads[Int(n.payload)], range, childrenFrom: frame.mark,
                    extras: NodeExtras(destinationRange: n.destinationRange))
            default: writer.add(.emphasis, range, childrenFrom: frame.mark)
            }
        }
    }

    func add(
        _ piece: INode, _ range: SourceRange, to text: inout PendingText, _ buf: [UInt8], inLink: Bool,
        _ writer: inout TreeWriter
    ) {
        if text.start >= 0, text.end == range.start {
            if let virtual = text.virtual {
                text.bytes = Array(buf[virtual])
                text.virtual = nil
            }
            text.bytes.append(contentsOf: textValue(piece))
            text.end = range.end
            return
        }
        flush(&text, buf, inLink: inLink, &writer)
        text.start = range.start
        text.end = range.end
        if piece.hasLiteral {
            text.bytes.append(contentsOf: textValue(piece))
        } else {
            text.virtual = piece.start..<piece.end
        }
    }

    func flush(_ text: inout PendingText, _ buf: [UInt8], inLink: Bool, _ writer: inout TreeWriter) {
        guard text.start >= 0 else { return }
        let range = SourceRange(text.start, text.end)
        if let virtual = text.virtual {
            addText(buf[virtual], range, inLink: inLink, &writer)
        } else {
            addText(text.bytes, range, inLink: inLink, &writer)
        }
        text.bytes.removeAll(keepingCapacity: true)
        text.virtual = nil
        text.start = -1
    }

    /// A merged text node, linkified unless it is inside a link.
    func addText<C: Collection>(_ bytes: C, _ range: SourceRange, inLink: Bool, _ writer: inout TreeWriter)
    where C.Element == UInt8 {
        if options.linkify && !inLink && bytes.count == range.count {
            // Every autolink has a '.', and a "://" or "www." (URL) or an '@' (email): one pass decides.
            let (hasDot, hasColon, hasAt, hasWWW) =
                bytes.withContiguousStorageIfAvailable(Self.autolinkTriggers)
                ?? Array(bytes).withUnsafeBufferPointer(Self.autolinkTriggers)
            if hasDot, hasColon || hasAt || hasWWW, !containsNUL(bytes) {
                linkifyText(
                    Array(bytes), base: range.start, mayHaveURL: hasColon || hasWWW, mayHaveEmail: hasAt, &writer)
                return
            }
        }
        emitText(bytes, range, &writer)
    }

    /// Every text node goes through here: Hugo shortcode tags inside it become `.shortcode` nodes
    /// between text pieces.
    func emitText<C: Collection>(_ bytes: C, _ range: SourceRange, _ writer: inout TreeWriter)
    where C.Element == UInt8 {
        guard let shortcodes, shortcodes.overlaps(range) else {
            writer.addText(bytes, range)
            return
        }
        shortcodes.split(range, &writer)
    }

    func addLeaf(_ n: INode, _ writer: inout TreeWriter) {
        let range = text.sourceRange(n.start, n.end)
        switch n.kind {
        case .text:
            if n.start >= n.end && n.literalEnd <= n.literalStart { return }
            emitText(textValue(n), range, &writer)
        case .softBreak: writer.add(.softBreak, range)
        case .hardBreak: writer.add(.hardBreak, range)
        case .code, .html, .footnoteRef: writer.add(kind: payloads[Int(n.payload)], range)
        case .link:
            // autolinks are built with their text child directly
            let mark = writer.mark
            var c = n.first
            while c >= 0 {
                addLeaf(nodes[c], &writer)
                c = nodes[c].next
            }
            writer.add(
                kind: payloads[Int(n.payload)], range, childrenFrom: mark,
                extras: NodeExtras(destinationRange: n.destinationRange))
        default: return
        }
    }

    // MARK: linkify

    /// Whether a text has a '.', a ':', an '@' and a "www." (case-insensitive). Every autolink
    /// needs a ':' (scheme), an '@' (email) or a "www.", so a vector pass over 16 bytes at a time
    /// first rules out the common text that has none of them.
    static func autolinkTriggers(_ bytes: UnsafeBufferPointer<UInt8>) -> (Bool, Bool, Bool, Bool) {
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let n = bytes.count
            var i = 0
            var candidate = false
            let colon = SIMD16<UInt8>(repeating: UInt8(ascii: ":"))
            let at = SIMD16<UInt8>(repeating: UInt8(ascii: "@"))
            let w = SIMD16<UInt8>(repeating: UInt8(ascii: "w"))
            let dot = SIMD16<UInt8>(repeating: UInt8(ascii: "."))
            let lowercase = SIMD16<UInt8>(repeating: 0x20)
            while i + 19 <= n {
                let v0 = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let v1 = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self)
                let v2 = raw.loadUnaligned(fromByteOffset: i + 2, as: SIMD16<UInt8>.self)
                let v3 = raw.loadUnaligned(fromByteOffset: i + 3, as: SIMD16<UInt8>.self)
                let www =
                    ((v0 | lowercase) .== w) .& ((v1 | lowercase) .== w) .& ((v2 | lowercase) .== w) .& (v3 .== dot)
                if any((v0 .== colon) .| (v0 .== at) .| www) {
                    candidate = true
                    break
                }
                i += 16
            }
            if !candidate {
                // the last bytes (fewer than 19), one at a time
                var ws = 0
                var k = i
                while k < n {
                    let byte = bytes[k]
                    if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@") {
                        candidate = true
                        break
                    }
                    if byte | 0x20 == UInt8(ascii: "w") {
                        ws += 1
                    } else {
                        if byte == UInt8(ascii: "."), ws >= 3 {
                            candidate = true
                            break
                        }
                        ws = 0
                    }
                    k += 1
                }
                // a "www." that starts before `i` and ends after it
                if !candidate, i > 0 {
                    let from = max(0, i - 3)
                    for start in from..<min(i, n) where start + 4 <= n {
                        if bytes[start] | 0x20 == UInt8(ascii: "w"), bytes[start + 1] | 0x20 == UInt8(ascii: "w"),
                            bytes[start + 2] | 0x20 == UInt8(ascii: "w"), bytes[start + 3] == UInt8(ascii: ".")
                        {
                            candidate = true
                        }
                    }
                }
            }
            if !candidate { return (false, false, false, false) }
        }
        var hasDot = false
        var hasColon = false
        var hasAt = false
        var hasWWW = false
        var ws = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."):
                hasDot = true
                if ws >= 3 { hasWWW = true }
                ws = 0
            case UInt8(ascii: ":"):
                hasColon = true
                ws = 0
            case UInt8(ascii: "@"):
                hasAt = true
                ws = 0
            case UInt8(ascii: "w"), UInt8(ascii: "W"): ws += 1
            default: ws = 0
            }
        }
        return (hasDot, hasColon, hasAt, hasWWW)
    }

    func linkifyText(_ b: [UInt8], base: Int, mayHaveURL: Bool, mayHaveEmail: Bool, _ writer: inout TreeWriter) {
        var textStart = 0
        var i = 0
        let n = b.count
        func flush(_ upTo: Int, _ writer: inout TreeWriter) {
            if upTo > textStart { emitText(b[textStart..<upTo], SourceRange(base + textStart, base + upTo), &writer) }
        }
        func addLink(_ end: Int, destination: String, _ writer: inout TreeWriter) {
            flush(i, &writer)
            let r = SourceRange(base + i, base + end)
            let mark = writer.mark
            emitText(b[i..<end], r, &writer)
            writer.add(
                kind: .link(destination: destination, title: "", style: .linkify), r, childrenFrom: mark,
                extras: NodeExtras(destinationRange: r))
            i = end
            textStart = end
        }
        var deadDomain: DeadDomain? = nil
        while i < n {
            let prev: UInt8 = i > 0 ? b[i - 1] : 0x20
            let boundary =
                isWhitespaceByte(prev) || prev == UInt8(ascii: "*") || prev == UInt8(ascii: "_")
                || prev == UInt8(ascii: "~") || prev == UInt8(ascii: "(")
            if mayHaveURL, boundary, Self.mayStartURL(b[i]), let (end, dest) = matchURL(b, i, &deadDomain) {
                addLink(end, destination: dest, &writer)
                continue
            }
            if mayHaveEmail, !isEmailLocal(prev) || i == 0, isEmailLocal(b[i]), let end = matchEmail(b, i) {
                addLink(end, destination: "mailto:" + String(decoding: b[i..<end], as: UTF8.self), &writer)
                continue
            }
            i += 1
        }
        flush(n, &writer)
    }

    /// `h`ttp(s)://, `f`tp://, `w`ww. (any case).
    @inline(__always) static func mayStartURL(_ c: UInt8) -> Bool {
        let l = c | 0x20
        return l == UInt8(ascii: "h") || l == UInt8(ascii: "f") || l == UInt8(ascii: "w")
    }

    func isEmailLocal(_ c: UInt8) -> Bool {
        isAlnum(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "_")
    }

    func matchEmail(_ b: [UInt8], _ s: Int) -> Int? {
        var i = s
        while i < b.count && isEmailLocal(b[i]) { i += 1 }
        guard i > s, i < b.count, b[i] == UInt8(ascii: "@") else { return nil }
        i += 1
        let ds = i
        var dots = 0
        while i < b.count,
            isAlnum(b[i]) || b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "_") || b[i] == UInt8(ascii: ".")
        {
            if b[i] == UInt8(ascii: ".") {
                guard i + 1 < b.count,
                    isAlnum(b[i + 1]) || b[i + 1] == UInt8(ascii: "-") || b[i + 1] == UInt8(ascii: "_")
                else { break }
                dots += 1
            }
            i += 1
        }
        guard i > ds, dots >= 1 else { return nil }
        let last = b[i - 1]
        if last == UInt8(ascii: "-") || last == UInt8(ascii: "_") { return nil }
        return i
    }

    /// A domain that failed the underscore rule: from `start` it runs to `end`, and its last two
    /// segments start at `lastTwo`. A `www.` inside it starts one of its segments, and from there up
    /// to `lastTwo` the scan would end the same way: such starts fail at once instead of reading the
    /// rest of the run again (`www.a_b_` repeated was quadratic).
    struct DeadDomain {
        var start: Int
        var end: Int
        var lastTwo: Int
    }

    func matchURL(_ b: [UInt8], _ s: Int, _ deadDomain: inout DeadDomain?) -> (Int, String)? {
        let n = b.count
        var prefix = ""
        var i = s
        if hasPrefixCI(b, s, n, "https://") {
            i = s + 8
        } else if hasPrefixCI(b, s, n, "http://") {
            i = s + 7
        } else if hasPrefixCI(b, s, n, "ftp://") {
            i = s + 6
        } else if hasPrefixCI(b, s, n, "www.") {
            i = s + 4
            prefix = options.linkifyWWWScheme + "://"
        } else {
            return nil
        }
        // domain
        let ds = i
        if let dead = deadDomain, ds >= dead.start, ds <= dead.lastTwo, ds < dead.end { return nil }
        var segStart = i
        var segments: [(Int, Int)] = []
        while i < n {
            let c = b[i]
            if isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c >= 0x80 {
                i += 1
                continue
            }
            if c == UInt8(ascii: ".") && i > segStart && i + 1 < n
                && (isAlnum(b[i + 1]) || b[i + 1] >= 0x80 || b[i + 1] == UInt8(ascii: "-")
                    || b[i + 1] == UInt8(ascii: "_"))
            {
                segments.append((segStart, i))
                i += 1
                segStart = i
                continue
            }
            break
        }
        guard i > segStart else { return nil }
        segments.append((segStart, i))
        if prefix.isEmpty == false && segments.count < 1 { return nil }
        if prefix.isEmpty && i == ds { return nil }
        if !prefix.isEmpty && segments.count < 1 { return nil }
        // no underscores in the last two segments
        for seg in segments.suffix(2) where b[seg.0..<seg.1].contains(UInt8(ascii: "_")) {
            deadDomain = DeadDomain(start: ds, end: i, lastTwo: segments.suffix(2).first!.0)
            return nil
        }
        // path
        while i < n && !isWhitespaceByte(b[i]) && b[i] != UInt8(ascii: "<") { i += 1 }
        var e = i
        var parens: (open: Int, close: Int)? = nil
        while e > ds {
            let c = b[e - 1]
            switch c {
            case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"),
                UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                e -= 1
                continue
            case UInt8(ascii: ")"):
                // Parentheses of the URL, counted once: trimmed bytes are never `(` (`)` repeated
                // after a URL was quadratic when they were counted again for each).
                if parens == nil {
                    var open = 0
                    var close = 0
                    for k in s..<e {
                        if b[k] == UInt8(ascii: "(") { open += 1 } else if b[k] == UInt8(ascii: ")") { close += 1 }
                    }
                    parens = (open, close)
                }
                if let (open, close) = parens, close > open {
                    parens = (open, close - 1)
                    e -= 1
                    continue
                }
            case UInt8(ascii: ";"):
                var k = e - 2
                while k >= ds && isAlnum(b[k]) { k -= 1 }
                if k >= ds && k < e - 2 && b[k] == UInt8(ascii: "&") {
                    e = k
                    continue
                }
            default: break
            }
            break
        }
        guard e > ds else { return nil }
        return (e, prefix + String(decoding: b[s..<e], as: UTF8.self))
    }
}
