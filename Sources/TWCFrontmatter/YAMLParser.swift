import TWCCore

/// YAML 1.2 (core schema, as Hugo ≥ 0.152 reads front matter) parser producing located values.
/// Typed throws (`throws(FrontmatterError)`).
public enum YAMLParser {
    /// Parses one document (front matter). Empty input → `.null` with an empty range.
    public static func parse(_ bytes: [UInt8], range: Range<Int>) throws(FrontmatterError) -> FrontmatterValue {
        let docs = try parseStream(bytes, range: range)
        if docs.isEmpty { return FrontmatterValue(kind: .null, range: SourceRange(range.lowerBound, range.lowerBound)) }
        if docs.count > 1 {
            throw fmError(
                "expected a single YAML document, found \(docs.count) documents", docs[1].range.start, docs[1].range.end
            )
        }
        return docs[0]
    }

    /// Parses a YAML stream of zero or more documents (directives, `---`, `...`). `strict`
    /// follows the YAML 1.2 spec where Hugo's reader is lenient: a quoted string's next line
    /// indented no deeper than its key is an error (the conformance suite runs strict).
    public static func parseStream(_ bytes: [UInt8], range: Range<Int>, strict: Bool = false)
        throws(FrontmatterError) -> [FrontmatterValue]
    {
        var p = YAMLImpl(b: bytes, pos: range.lowerBound, end: range.upperBound, start: range.lowerBound)
        p.strict = strict
        do {
            return try p.stream()
        } catch {
            throw error.clamped(to: range)
        }
    }
}

struct YAMLProps {
    var anchor: String?
    var tag: String?
    var start: Int = -1
    var isEmpty: Bool { anchor == nil && tag == nil }
}

/// A merge key (`<<: *base` or `<<: [*a, *b]`) of a mapping. YAML 1.2 has no merge keys, but
/// goccy/go-yaml, which Hugo reads YAML front matter and configuration with, merges them when it
/// decodes a mapping, as YAML 1.1's merge type says: the keys of the merged mappings are added unless
/// the mapping has them itself, and of several merged mappings the earlier wins.
struct YAMLMerge {
    /// Index in the mapping's own entries where the `<<` key was; merged entries go there.
    var at: Int
    var mappings: [[FrontmatterEntry]]

    init(at: Int, value: FrontmatterValue) throws(FrontmatterError) {
        self.at = at
        switch value.kind {
        case .table(let entries):
            mappings = [entries]
        case .array(let items):
            mappings = []
            for item in items {
                guard case .table(let entries) = item.kind else {
                    throw fmError(
                        "a merge key '<<' takes a mapping or a list of mappings; this list has a \(YAMLMerge.name(item))",
                        item.range.start, item.range.end)
                }
                mappings.append(entries)
            }
        default:
            throw fmError(
                "a merge key '<<' takes a mapping or a list of mappings, not a \(YAMLMerge.name(value))",
                value.range.start, max(value.range.end, value.range.start))
        }
    }

    static func name(_ value: FrontmatterValue) -> String {
        switch value.kind {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .bool: return "boolean"
        case .null: return "null"
        case .datetime: return "timestamp"
        case .array: return "sequence"
        case .table: return "mapping"
        }
    }

    func apply(to entries: [FrontmatterEntry]) -> [FrontmatterEntry] {
        var taken = Set(entries.map(\.key))
        var merged: [FrontmatterEntry] = []
        for mapping in mappings {
            for entry in mapping where taken.insert(entry.key).inserted { merged.append(entry) }
        }
        return Array(entries[..<at]) + merged + entries[at...]
    }
}

struct YAMLImpl {
    enum Ctx { case top, topAfterMarker, mapValue, seqEntry, explicitKey, explicitValue }

    let b: [UInt8]
    var pos: Int
    let end: Int
    let start: Int
    var anchors: [String: FrontmatterValue] = [:]
    /// The nodes each anchored value holds once its aliases are expanded (see `aliasNodeBudget`).
    var anchorNodes: [String: Int] = [:]
    /// Expanded node counts already known, by source range: anchored values and alias nodes. A
    /// count walks each of them once, never again inside a later anchor.
    var knownNodes: [SourceRange: Int] = [:]
    /// The nodes that aliases have added to this stream so far.
    var aliasNodes = 0
    /// The most nodes aliases may add to one stream. Each alias stands for a copy of its anchored
    /// value, so a few lines of nested aliases ("billion laughs": nine aliases of nine aliases ...)
    /// describe a value of hundreds of millions of nodes that every reader of the value would walk.
    /// As Go's YAML readers refuse such a document ("excessive aliasing"), the parser stops with a
    /// located error at the alias that goes over the budget. 400,000 nodes (where go-yaml v3 starts
    /// to lower the share of a document it lets aliases make) is far beyond any page or configuration:
    /// a block of a thousand keys reused a hundred times stays under it.
    static let aliasNodeBudget = 400_000
    /// The deepest nesting of nodes accepted, block and flow alike: the parser recurses over it (and
    /// so do the readers of the value), so a deeper document is refused with a located error, never
    /// a stack overflow.
    static let maximumDepth = 200
    /// Named tag handles (`!prefix!`) declared by `%TAG` for the current document.
    var tagHandles: Set<String> = []
    var depth = 0

    /// YAML 1.2 to the letter where Hugo's reader is lenient (see `YAMLParser.parseStream`).
    var strict = false

    init(b: [UInt8], pos: Int, end: Int, start: Int) {
        self.b = b
        self.pos = pos
        self.end = end
        self.start = start
    }

    // MARK: low level

    @inline(__always) func at(_ i: Int) -> UInt8 { i < end && i >= start ? b[i] : 0 }
    @inline(__always) func isBlank(_ i: Int) -> Bool {
        if i >= end { return true }
        let c = b[i]
        return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }
    @inline(__always) func isBreak(_ i: Int) -> Bool { i < end && (b[i] == 0x0A || b[i] == 0x0D) }
    @inline(__always) func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{")
            || c == UInt8(ascii: "}")
    }

    func lineStart(_ i: Int) -> Int {
        var j = i
        while j > start && b[j - 1] != 0x0A && b[j - 1] != 0x0D { j -= 1 }
        return j
    }
    func column(_ i: Int) -> Int { i - lineStart(i) }
    func atLineStart(_ i: Int) -> Bool { i == start || b[i - 1] == 0x0A || b[i - 1] == 0x0D }

    func isDocMarker(_ i: Int) -> Bool {
        guard i + 3 <= end, atLineStart(i) else { return false }
        let c = b[i]
        guard (c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) && b[i + 1] == c && b[i + 2] == c else { return false }
        return isBlank(i + 3)
    }

    mutating func skipInline() { while pos < end && (b[pos] == 0x20 || b[pos] == 0x09) { pos += 1 } }

    mutating func consumeBreak() {
        if pos < end && b[pos] == 0x0D {
            pos += 1
            if pos < end && b[pos] == 0x0A { pos += 1 }
        } else if pos < end && b[pos] == 0x0A {
            pos += 1
        }
    }

    mutating func skipComment() {
        while pos < end && b[pos] != 0x0A && b[pos] != 0x0D { pos += 1 }
    }

    /// Skips white space, comments and line breaks (block context). Returns true if a line break was
    /// crossed. Reports tabs used as indentation before content.
    @discardableResult
    mutating func skipToContent() throws(FrontmatterError) -> Bool {
        var crossed = false
        while pos < end {
            let c = b[pos]
            if c == 0x20 {
                pos += 1
                continue
            }
            if c == 0x09 {
                if atLineStart(pos) {
                    // tab in indentation: allowed only on empty/comment lines (and before flow collections)
                    var j = pos
                    while j < end && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
                    if j < end && b[j] != 0x0A && b[j] != 0x0D && b[j] != UInt8(ascii: "#") && !isFlowIndicator(b[j]) {
                        throw fmError(
                            "tab character used for indentation; YAML indentation must use spaces", pos, pos + 1)
                    }
                }
                pos += 1
                continue
            }
            if c == 0x0A || c == 0x0D {
                consumeBreak()
                crossed = true
                continue
            }
            if c == UInt8(ascii: "#") {
                if pos > start && !isBlank(pos - 1) {
                    throw fmError("a comment must be separated from the preceding text by a space", pos, pos + 1)
                }
                skipComment()
                continue
            }
            break
        }
        return crossed
    }

    /// After a value: optional spaces and comment, then a line break or end. Does nothing at a line start.
    mutating func finishLine() throws(FrontmatterError) {
        if pos >= end || atLineStart(pos) { return }
        let s = pos
        skipInline()
        if pos < end && b[pos] == UInt8(ascii: "#") {
            if pos == s && !isBlank(pos - 1) {
                throw fmError("a comment must be separated from the value by a space", pos, pos + 1)
            }
            skipComment()
        }
        if pos >= end { return }
        if isBreak(pos) {
            consumeBreak()
            return
        }
        var e = pos
        while e < end && !isBreak(e) { e += 1 }
        if b[pos] == UInt8(ascii: ":") {
            throw fmError(
                "unexpected ':' — a mapping is not allowed here (quote the value if it contains ': ')", pos, pos + 1)
        }
        throw fmError("unexpected \(describeByte(b, pos, end)) after the value; expected end of line", pos, e)
    }

    // MARK: stream

    mutating func stream() throws(FrontmatterError) -> [FrontmatterValue] {
        var docs: [FrontmatterValue] = []
        var needExplicit = false
        while true {
            try skipToContent()
            if pos >= end { break }
            anchors = [:]
            anchorNodes = [:]
            tagHandles = []
            var sawDirective = false
            var sawYAML = false
            while pos < end && b[pos] == UInt8(ascii: "%") && atLineStart(pos) {
                if needExplicit {
                    throw fmError("directive after a document without '...' end marker", pos, pos + 1)
                }
                sawDirective = true
                let ds = pos
                while pos < end && !isBlank(pos) { pos += 1 }
                let name = Bytes.string(b, ds..<pos)
                if name == "%YAML" {
                    if sawYAML { throw fmError("duplicate %YAML directive", ds, pos) }
                    sawYAML = true
                    skipInline()
                    let vs = pos
                    while pos < end && (Bytes.isDigit(b[pos]) || b[pos] == UInt8(ascii: ".")) { pos += 1 }
                    if pos == vs { throw fmError("expected a version after %YAML", pos, pos) }
                    try finishLine()
                } else if name == "%TAG" {
                    skipInline()
                    let hs = pos
                    while pos < end && !isBlank(pos) { pos += 1 }
                    tagHandles.insert(Bytes.string(b, hs..<pos))
                    skipComment()
                } else {
                    skipComment()
                }
                try skipToContent()
            }
            var ctx = Ctx.top
            if isDocMarker(pos) && b[pos] == UInt8(ascii: "-") {
                pos += 3
                ctx = .topAfterMarker
            } else if sawDirective {
                throw fmError("expected '---' after the directives", pos, pos + 1)
            } else if isDocMarker(pos) {
                // '...' without a document
                pos += 3
                needExplicit = false
                try finishLine()
                continue
            } else if needExplicit {
                throw fmError("expected '---' or '...' before another document", pos, pos + 1)
            }
            let docStart = pos
            let node = try blockNode(n: -1, ctx: ctx)
            var doc = node
            if case .null = node.kind, node.range.isEmpty { doc.range = SourceRange(docStart, docStart) }
            docs.append(doc)
            try finishLine()
            try skipToContent()
            if pos >= end { break }
            if isDocMarker(pos) {
                if b[pos] == UInt8(ascii: ".") {
                    pos += 3
                    try finishLine()
                    needExplicit = false
                } else {
                    needExplicit = false
                }
                continue
            }
            var e = pos
            while e < end && !isBreak(e) { e += 1 }
            throw fmError(
                "unexpected content; expected a key at the indentation of the enclosing mapping or the end of the document",
                pos, e)
        }
        return docs
    }

    // MARK: properties

    mutating func properties(flow: Bool) throws(FrontmatterError) -> YAMLProps {
        var props = YAMLProps()
        while pos < end && (b[pos] == UInt8(ascii: "&") || b[pos] == UInt8(ascii: "!")) {
            if props.start < 0 { props.start = pos }
            let s = pos
            if b[pos] == UInt8(ascii: "&") {
                if props.anchor != nil { throw fmError("a node can have only one anchor", pos, pos + 1) }
                pos += 1
                while pos < end && !isBlank(pos) && !isFlowIndicator(b[pos]) { pos += 1 }
                if pos == s + 1 { throw fmError("expected an anchor name after '&'", s, s + 1) }
                props.anchor = Bytes.string(b, (s + 1)..<pos)
            } else {
                if props.tag != nil { throw fmError("a node can have only one tag", pos, pos + 1) }
                if at(pos + 1) == UInt8(ascii: "<") {
                    while pos < end && b[pos] != UInt8(ascii: ">") && !isBlank(pos) { pos += 1 }
                    guard pos < end, b[pos] == UInt8(ascii: ">") else {
                        throw fmError("unterminated verbatim tag: expected '>'", s, pos)
                    }
                    pos += 1
                } else {
                    while pos < end && !isBlank(pos) && !(flow && isFlowIndicator(b[pos])) { pos += 1 }
                }
                props.tag = Bytes.string(b, s..<pos)
                // `!name!suffix` needs a `%TAG !name! ...` directive in this document (`!!` is built in).
                if at(s + 1) != UInt8(ascii: "!"), at(s + 1) != UInt8(ascii: "<"),
                    let second = b[(s + 1)..<pos].firstIndex(of: UInt8(ascii: "!"))
                {
                    let handle = Bytes.string(b, s..<(second + 1))
                    if !tagHandles.contains(handle) {
                        throw fmError(
                            "undefined tag handle \(handle): declare it with %TAG in this document", s, second + 1)
                    }
                }
                if !(at(s + 1) == UInt8(ascii: "<")) {
                    var k = s
                    while k < pos {
                        if isFlowIndicator(b[k]) {
                            throw fmError("invalid character \(describeByte(b, k, end)) in tag", k, k + 1)
                        }
                        k += 1
                    }
                }
            }
            if pos < end && !isBlank(pos) && !(flow && isFlowIndicator(b[pos])) {
                throw fmError("expected a space after the node property", pos, pos + 1)
            }
            skipInline()
        }
        return props
    }

    func sourceText(_ v: FrontmatterValue) -> String { Bytes.string(b, v.range.range) }

    mutating func apply(_ props: YAMLProps, to value: FrontmatterValue) throws(FrontmatterError) -> FrontmatterValue {
        var v = value
        if let tag = props.tag { v = try applyTag(tag, v, at: props.start) }
        if let a = props.anchor {
            anchors[a] = v
            let count = expandedNodes(v)
            anchorNodes[a] = count
            knownNodes[v.range] = count
        }
        return v
    }

    /// "Nested too deeply", at the node that is one level too deep (its first byte after blanks).
    func tooDeep() -> FrontmatterError {
        var p = pos
        while p < end && (isBlank(p) || isBreak(p)) { p += 1 }
        return fmError("YAML nested too deeply", min(p, end), min(p + 1, end))
    }

    /// The nodes of `value` with its aliases expanded, at most one more than `aliasNodeBudget`. Parts
    /// already counted (aliases, anchored values) are not walked again, so counting stays linear.
    func expandedNodes(_ value: FrontmatterValue) -> Int {
        var total = 0
        var stack = [value]
        while let v = stack.popLast(), total <= YAMLImpl.aliasNodeBudget {
            if let known = knownNodes[v.range] {
                total += known
                continue
            }
            total += 1
            switch v.kind {
            case .array(let items): stack.append(contentsOf: items)
            case .table(let entries): for e in entries { stack.append(e.value) }
            default: break
            }
        }
        return min(total, YAMLImpl.aliasNodeBudget + 1)
    }

    func applyTag(_ tag: String, _ value: FrontmatterValue, at: Int) throws(FrontmatterError) -> FrontmatterValue {
        var v = value
        let name: String
        if tag.hasPrefix("!!") {
            name = String(tag.dropFirst(2))
        } else if tag.hasPrefix("!<tag:yaml.org,2002:") {
            name = String(tag.dropFirst(20).dropLast())
        } else if tag == "!" {
            name = "!"
        } else {
            return v
        }
        let isScalar: Bool
        switch v.kind {
        case .array, .table: isScalar = false
        default: isScalar = true
        }
        guard isScalar else { return v }
        let raw: String
        switch v.kind {
        case .string(let s): raw = s
        default: raw = v.range.isEmpty ? "" : sourceText(v)
        }
        switch name {
        case "str", "!":
            v.kind = .string(raw)
        case "int":
            if case .integer = YAMLResolve.resolve(raw) { v.kind = YAMLResolve.resolve(raw) } else { return value }
        case "float":
            switch YAMLResolve.resolve(raw) {
            case .integer(let i): v.kind = .float(Double(i))
            case .float(let d): v.kind = .float(d)
            default: return value
            }
        case "bool":
            if case .bool = YAMLResolve.resolve(raw) { v.kind = YAMLResolve.resolve(raw) } else { return value }
        case "null":
            v.kind = .null
        case "timestamp":
            v.kind = .datetime(raw)
        default:
            break
        }
        return v
    }

    // MARK: block nodes

    @inline(__always) func isSeqIndicator(_ i: Int) -> Bool { i < end && b[i] == UInt8(ascii: "-") && isBlank(i + 1) }

    func keyString(_ v: FrontmatterValue) -> String {
        switch v.kind {
        case .string(let s), .datetime(let s): return s
        case .null: return v.range.isEmpty ? "" : sourceText(v)
        default: return sourceText(v)
        }
    }

    mutating func blockNode(n: Int, ctx: Ctx) throws(FrontmatterError) -> FrontmatterValue {
        depth += 1
        defer { depth -= 1 }
        if depth > YAMLImpl.maximumDepth { throw tooDeep() }
        let startPos = pos
        let seqAtSameIndent = ctx == .mapValue || ctx == .explicitValue
        skipInline()
        var sameLine = true
        func empty(_ p: Int) -> FrontmatterValue {
            FrontmatterValue(kind: .null, range: SourceRange(p, p), style: .plain)
        }
        if ctx == .top { sameLine = false }
        if pos >= end || isBreak(pos) || b[pos] == UInt8(ascii: "#") {
            if pos < end && b[pos] == UInt8(ascii: "#") && pos > start && !isBlank(pos - 1) {
                throw fmError("a comment must be separated from the preceding text by a space", pos, pos + 1)
            }
            let save = pos
            try skipToContent()
            sameLine = false
            if pos >= end || isDocMarker(pos) || column(pos) < n
                || (column(pos) == n && !(seqAtSameIndent && isSeqIndicator(pos)))
            {
                pos = save
                return empty(startPos)
            }
        }
        // properties
        var props = YAMLProps()
        var outer = YAMLProps()
        var propsOwnLine = false
        while pos < end && (b[pos] == UInt8(ascii: "&") || b[pos] == UInt8(ascii: "!")) {
            props = try properties(flow: false)
            if pos >= end || isBreak(pos) || b[pos] == UInt8(ascii: "#") {
                let save = pos
                try skipToContent()
                propsOwnLine = true
                sameLine = false
                outer = try merge(outer, props)
                props = YAMLProps()
                if pos >= end || isDocMarker(pos) || column(pos) < n
                    || (column(pos) == n && !(seqAtSameIndent && isSeqIndicator(pos)))
                {
                    pos = save
                    return try apply(outer, to: empty(save))
                }
            } else {
                break
            }
        }
        if !props.isEmpty && pos < end && b[pos] == UInt8(ascii: "*") {
            throw fmError("an alias (*name) cannot have an anchor or tag", props.start, pos)
        }
        if !outer.isEmpty {
            if props.isEmpty {
                props = outer
                outer = YAMLProps()
            } else {
                propsOwnLine = false
            }
        }
        guard pos < end else { return try apply(outer, to: apply(props, to: empty(pos))) }
        let c = b[pos]
        let col = column(pos)
        var sepHasTab = false
        if sameLine {
            var k = startPos
            while k < pos {
                if b[k] == 0x09 { sepHasTab = true }
                k += 1
            }
        }
        if c == UInt8(ascii: "-") && isBlank(pos + 1) {
            if sameLine && (ctx == .mapValue || ctx == .topAfterMarker) {
                throw fmError(
                    "a block sequence cannot start on the same line as its key; put '- ' items on the next lines", pos,
                    pos + 1)
            }
            if !props.isEmpty && !propsOwnLine {
                throw fmError("a block sequence cannot start on the same line as its properties", pos, pos + 1)
            }
            if sepHasTab { throw fmError("tab character used for indentation of a block sequence", startPos, pos) }
            return try apply(outer, to: apply(props, to: blockSeq(col)))
        }
        if (c == UInt8(ascii: "?") || c == UInt8(ascii: ":")) && isBlank(pos + 1) {
            if sameLine && (ctx == .mapValue || ctx == .topAfterMarker) {
                throw fmError("a mapping cannot start on the same line as its key", pos, pos + 1)
            }
            if sepHasTab { throw fmError("tab character used for indentation of a block mapping", startPos, pos) }
            return try apply(outer, to: apply(props, to: blockMap(col, firstKey: nil)))
        }
        if c == UInt8(ascii: "|") || c == UInt8(ascii: ">") {
            // Properties on the line above and on this line both belong to the scalar: one anchor, one tag.
            return try apply(merge(outer, props), to: blockScalar(n: n))
        }
        // flow node, quoted, alias or plain: maybe an implicit key
        let nodeStart = pos
        let nodeLineStart = lineStart(pos)
        var node = try inlineNode(n: n, flow: false)
        let afterNode = pos
        skipInline()
        if pos < end && b[pos] == UInt8(ascii: ":") && isBlank(pos + 1) {
            if sameLine && (ctx == .mapValue || ctx == .topAfterMarker) {
                throw fmError(
                    "a mapping cannot start on the same line as its key (quote the value if it contains ': ')", pos,
                    pos + 1)
            }
            if sepHasTab { throw fmError("tab character used for indentation of a block mapping", startPos, nodeStart) }
            if lineStart(pos) != nodeLineStart {
                throw fmError("an implicit key must be on a single line", nodeStart, pos)
            }
            // properties on the same line belong to the key
            var mapProps = YAMLProps()
            var mapCol = col
            if !props.isEmpty && !propsOwnLine {
                node = try apply(props, to: node)
                mapCol = column(props.start)
            } else {
                mapProps = props
            }
            return try apply(outer, to: apply(mapProps, to: blockMap(mapCol, firstKey: node)))
        }
        pos = afterNode
        if !node.range.isEmpty && isPlainScalar(node) {
            node = try plainContinuation(node, n: n)
        }
        return try apply(merge(outer, props), to: node)
    }

    func merge(_ a: YAMLProps, _ b: YAMLProps) throws(FrontmatterError) -> YAMLProps {
        var r = a
        if let x = b.anchor {
            if r.anchor != nil { throw fmError("a node can have only one anchor", b.start, b.start + 1) }
            r.anchor = x
        }
        if let t = b.tag {
            if r.tag != nil { throw fmError("a node can have only one tag", b.start, b.start + 1) }
            r.tag = t
        }
        if r.start < 0 { r.start = b.start }
        return r
    }

    func isPlainScalar(_ v: FrontmatterValue) -> Bool {
        guard v.style == .plain else { return false }
        switch v.kind {
        case .array, .table: return false
        default:
            let c = b[v.range.start]
            return c != UInt8(ascii: "*") && c != UInt8(ascii: "[") && c != UInt8(ascii: "{")
        }
    }

    mutating func blockSeq(_ m: Int) throws(FrontmatterError) -> FrontmatterValue {
        let s = pos
        var items: [FrontmatterValue] = []
        var lastEnd = pos
        while true {
            pos += 1
            if pos < end && b[pos] == 0x09 {
                // tab after '-' is separation; fine
            }
            let v = try blockNode(n: m, ctx: .seqEntry)
            items.append(v)
            lastEnd = max(lastEnd, v.range.end, v.range.isEmpty ? lastEnd : v.range.end)
            if v.range.isEmpty { lastEnd = max(lastEnd, v.range.start) }
            try finishLine()
            try skipToContent()
            if pos >= end || isDocMarker(pos) { break }
            let col = column(pos)
            if col == m && isSeqIndicator(pos) { continue }
            if col > m {
                throw fmError("bad indentation: expected a '- ' sequence entry at column \(m + 1)", pos, pos + 1)
            }
            pos = lineStart(pos)
            break
        }
        return FrontmatterValue(kind: .array(items), range: SourceRange(s, max(s + 1, lastEnd)))
    }

    mutating func blockMap(_ m: Int, firstKey: FrontmatterValue?) throws(FrontmatterError) -> FrontmatterValue {
        let s = firstKey.map { min($0.range.start, pos) } ?? pos
        var entries: [FrontmatterEntry] = []
        var seen = Set<String>()
        var merge: YAMLMerge? = nil
        var lastEnd = pos
        var pendingKey = firstKey
        while true {
            var key: FrontmatterValue
            var value: FrontmatterValue
            var needFinish = true
            var keyTag: String? = nil
            if let k = pendingKey {
                key = k
                pendingKey = nil
                pos += 1  // ':'
                value = try blockNode(n: m, ctx: .mapValue)
            } else if b[pos] == UInt8(ascii: "?") && isBlank(pos + 1) {
                pos += 1
                key = try blockNode(n: m, ctx: .explicitKey)
                try finishLine()
                try skipToContent()
                if pos < end && !isDocMarker(pos) && column(pos) == m && b[pos] == UInt8(ascii: ":") && isBlank(pos + 1)
                {
                    pos += 1
                    value = try blockNode(n: m, ctx: .explicitValue)
                } else {
                    value = FrontmatterValue(
                        kind: .null, range: SourceRange(key.range.end, key.range.end), style: .plain)
                    needFinish = false
                }
            } else if b[pos] == UInt8(ascii: ":") && isBlank(pos + 1) {
                key = FrontmatterValue(kind: .null, range: SourceRange(pos, pos), style: .plain)
                pos += 1
                value = try blockNode(n: m, ctx: .mapValue)
            } else {
                let keyLine = lineStart(pos)
                let props = try properties(flow: false)
                if pos >= end || isBreak(pos) {
                    throw fmError("expected a key after the node properties", pos, pos)
                }
                if b[pos] == UInt8(ascii: "-") && isBlank(pos + 1) {
                    throw fmError("unexpected '- ' sequence entry inside a mapping; expected a key", pos, pos + 1)
                }
                if !props.isEmpty && b[pos] == UInt8(ascii: "*") {
                    throw fmError("an alias (*name) cannot have an anchor or tag", props.start, pos)
                }
                key = try apply(props, to: inlineNode(n: m, flow: false))
                keyTag = props.tag
                skipInline()
                guard pos < end, b[pos] == UInt8(ascii: ":"), isBlank(pos + 1) else {
                    let k = keyString(key)
                    throw fmError("expected ':' after key \(quoted(k))", key.range.end, key.range.end)
                }
                if lineStart(pos) != keyLine {
                    throw fmError("an implicit key must be on a single line", key.range.start, pos)
                }
                pos += 1
                value = try blockNode(n: m, ctx: .mapValue)
            }
            if isMergeKey(key, tag: keyTag) {
                if merge != nil {
                    throw fmError("duplicate merge key '<<' in the same mapping", key.range.start, key.range.end)
                }
                merge = try YAMLMerge(at: entries.count, value: value)
            } else {
                let ks = keyString(key)
                if !seen.insert(ks).inserted {
                    throw fmError(
                        "duplicate key \(quoted(ks)) in the same mapping", key.range.start,
                        max(key.range.end, key.range.start))
                }
                entries.append(FrontmatterEntry(key: ks, keyRange: key.range, value: value))
            }
            lastEnd = max(lastEnd, key.range.end, value.range.end)
            if needFinish {
                try finishLine()
                try skipToContent()
            }
            if pos >= end || isDocMarker(pos) { break }
            let col = column(pos)
            if col == m { continue }
            if col > m {
                throw fmError(
                    "bad indentation: expected a key at column \(m + 1) or a less indented line", pos, pos + 1)
            }
            pos = lineStart(pos)
            break
        }
        if let merge { entries = merge.apply(to: entries) }
        return FrontmatterValue(kind: .table(entries), range: SourceRange(s, max(s, lastEnd)))
    }

    /// A plain `<<` key (untagged, or tagged `!!merge`): a YAML merge key.
    func isMergeKey(_ key: FrontmatterValue, tag: String?) -> Bool {
        guard key.style == .plain, case .string("<<") = key.kind else { return false }
        guard let tag else { return true }
        return tag == "!!merge" || tag == "!<tag:yaml.org,2002:merge>"
    }

    // MARK: inline nodes (alias, quoted, flow collections, plain first line)

    mutating func inlineNode(n: Int, flow: Bool) throws(FrontmatterError) -> FrontmatterValue {
        guard pos < end else { return FrontmatterValue(kind: .null, range: SourceRange(pos, pos), style: .plain) }
        let s = pos
        switch b[pos] {
        case UInt8(ascii: "*"):
            pos += 1
            while pos < end && !isBlank(pos) && !isFlowIndicator(b[pos]) { pos += 1 }
            let name = Bytes.string(b, (s + 1)..<pos)
            if name.isEmpty { throw fmError("expected an alias name after '*'", s, s + 1) }
            guard var v = anchors[name] else {
                throw fmError("unknown alias *\(name): no anchor &\(name) defined before", s, pos)
            }
            let count = anchorNodes[name] ?? 1
            aliasNodes += count
            if aliasNodes > YAMLImpl.aliasNodeBudget {
                throw fmError(
                    "excessive aliasing: with *\(name) the aliases of this YAML would add more than \(YAMLImpl.aliasNodeBudget) nodes; write the values out or use fewer nested aliases",
                    s, pos)
            }
            v.range = SourceRange(s, pos)
            knownNodes[v.range] = count
            return v
        case UInt8(ascii: "\""):
            let str = try doubleQuoted(n: n, flow: flow)
            return FrontmatterValue(kind: .string(str), range: SourceRange(s, pos), style: .doubleQuoted)
        case UInt8(ascii: "'"):
            let str = try singleQuoted(n: n, flow: flow)
            return FrontmatterValue(kind: .string(str), range: SourceRange(s, pos), style: .singleQuoted)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return try flowCollection(n: n)
        default:
            return try plainFirstLine(flow: flow)
        }
    }

    func canStartPlain(_ i: Int, flow: Bool) -> Bool {
        guard i < end else { return false }
        let c = b[i]
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return !isBlank(i + 1) && !(flow && isFlowIndicator(at(i + 1)))
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        default:
            return !isBlank(i)
        }
    }

    /// Scans plain text on the current line from `pos`; returns the end of its content (trailing
    /// spaces excluded) and leaves `pos` there.
    mutating func scanPlainLine(flow: Bool) -> Int {
        var contentEnd = pos
        while pos < end {
            let c = b[pos]
            if c == 0x0A || c == 0x0D { break }
            if c == UInt8(ascii: ":") {
                let nx = at(pos + 1)
                if isBlank(pos + 1) || (flow && isFlowIndicator(nx)) { break }
            }
            if c == UInt8(ascii: "#") && pos > start && (b[pos - 1] == 0x20 || b[pos - 1] == 0x09) { break }
            if flow && isFlowIndicator(c) { break }
            pos += 1
            if c != 0x20 && c != 0x09 { contentEnd = pos }
        }
        pos = contentEnd
        return contentEnd
    }

    mutating func plainFirstLine(flow: Bool) throws(FrontmatterError) -> FrontmatterValue {
        let s = pos
        guard canStartPlain(pos, flow: flow) else {
            let c = b[pos]
            if c == UInt8(ascii: "%") || c == UInt8(ascii: "@") || c == UInt8(ascii: "`") {
                throw fmError(
                    "a plain value cannot start with \(describeByte(b, pos, end)); quote the value", pos, pos + 1)
            }
            throw fmError("unexpected \(describeByte(b, pos, end)); expected a value", pos, min(end, pos + 1))
        }
        let e = scanPlainLine(flow: flow)
        let text = Bytes.string(b, s..<e)
        return FrontmatterValue(kind: YAMLResolve.resolve(text), range: SourceRange(s, e), style: .plain)
    }

    /// Continues a plain scalar over following lines (block context), folding line breaks.
    mutating func plainContinuation(_ first: FrontmatterValue, n: Int) throws(FrontmatterError) -> FrontmatterValue {
        var contentEnd = first.range.end
        var parts: [UInt8] = []
        var extended = false
        pos = contentEnd
        while true {
            var p = pos
            while p < end && (b[p] == 0x20 || b[p] == 0x09) { p += 1 }
            guard p < end, b[p] == 0x0A || b[p] == 0x0D else { break }
            // count line breaks and find the next content line
            var breaks = 0
            var q = p
            var lineContent = -1
            while q < end {
                if b[q] == 0x0D {
                    q += 1
                    if q < end && b[q] == 0x0A { q += 1 }
                    breaks += 1
                    continue
                }
                if b[q] == 0x0A {
                    q += 1
                    breaks += 1
                    continue
                }
                let ls = q
                var r = q
                while r < end && b[r] == 0x20 { r += 1 }
                let indent = r - ls
                while r < end && (b[r] == 0x20 || b[r] == 0x09) { r += 1 }
                if r >= end {
                    q = r
                    break
                }
                if b[r] == 0x0A || b[r] == 0x0D {
                    q = r
                    continue
                }
                if isDocMarker(ls) || indent <= n || b[r] == UInt8(ascii: "#") { break }
                if indent == 0 && n < 0 && (b[r] == UInt8(ascii: "-") && isBlank(r + 1)) { break }
                lineContent = r
                break
            }
            guard lineContent >= 0 else { break }
            pos = lineContent
            let ls = pos
            if !extended {
                parts.append(contentsOf: b[first.range.start..<first.range.end])
                extended = true
            }
            if b[pos] == UInt8(ascii: ":") && isBlank(pos + 1) {
                pos = contentEnd
                break
            }
            let e = scanPlainLine(flow: false)
            if e == ls {
                pos = contentEnd
                break
            }
            if breaks == 1 { parts.append(0x20) } else { for _ in 1..<breaks { parts.append(0x0A) } }
            parts.append(contentsOf: b[ls..<e])
            contentEnd = e
        }
        pos = contentEnd
        guard extended, contentEnd > first.range.end else { return first }
        let text = String(decoding: parts, as: UTF8.self)
        return FrontmatterValue(
            kind: YAMLResolve.resolve(text), range: SourceRange(first.range.start, contentEnd), style: .plain)
    }

    // MARK: quoted scalars

    /// Handles a line break inside a quoted scalar: trims trailing white space already appended
    /// (down to `keep`), folds the break(s) and skips the next line's indentation.
    /// The error for a quoted string whose closing quote never comes after a line indented no
    /// deeper than its key: almost always a missing closing quote.
    func unclosedQuote(_ quoteStart: Int) -> FrontmatterError {
        fmError(
            "the string opened by this \(describeByte(b, quoteStart, end)) is not closed on its line "
                + "(is the closing quote missing?); a string that goes on must indent its next lines more than its key",
            quoteStart, quoteStart + 1)
    }

    /// A line break inside a quoted string. A next line indented no deeper than the key breaks
    /// the YAML spec, but Hugo's reader (goccy/go-yaml) accepts it when the string closes later
    /// (`description: "a` ⏎ `b."` is `a b.`): it is read, and `underIndented` remembers it, so
    /// that a string that never closes is reported at its opening quote.
    mutating func foldQuotedBreak(
        _ out: inout [UInt8], keep: Int, n: Int, flow: Bool, escaped: Bool, quoteStart: Int, underIndented: inout Bool
    ) throws(FrontmatterError) {
        while out.count > keep, let l = out.last, l == 0x20 || l == 0x09 { out.removeLast() }
        consumeBreak()
        var breaks = 0
        while true {
            let ls = pos
            while pos < end && (b[pos] == 0x20 || b[pos] == 0x09) { pos += 1 }
            if pos >= end { break }
            if isDocMarker(ls) {
                if underIndented { throw unclosedQuote(quoteStart) }
                throw fmError("document marker inside a quoted string: the closing quote is missing", quoteStart, ls)
            }
            if isBreak(pos) {
                consumeBreak()
                breaks += 1
                continue
            }
            // content line: check indentation in block context
            var sp = ls
            while sp < end && b[sp] == 0x20 { sp += 1 }
            if !flow && n >= 0 && sp - ls <= n {
                if strict { throw unclosedQuote(quoteStart) }
                underIndented = true
            }
            break
        }
        if escaped {
            for _ in 0..<breaks { out.append(0x0A) }
        } else if breaks == 0 {
            out.append(0x20)
        } else {
            for _ in 0..<breaks { out.append(0x0A) }
        }
    }

    mutating func singleQuoted(n: Int, flow: Bool) throws(FrontmatterError) -> String {
        let s = pos
        pos += 1
        var out: [UInt8] = []
        var keep = 0
        var underIndented = false
        while true {
            guard pos < end else {
                if underIndented { throw unclosedQuote(s) }
                throw fmError("unterminated single-quoted string: closing \"'\" not found", s, s + 1)
            }
            let c = b[pos]
            if c == 0x27 {
                if at(pos + 1) == 0x27 {
                    out.append(0x27)
                    pos += 2
                    keep = out.count
                    continue
                }
                pos += 1
                break
            }
            if c == 0x0A || c == 0x0D {
                try foldQuotedBreak(
                    &out, keep: keep, n: n, flow: flow, escaped: false, quoteStart: s, underIndented: &underIndented)
                keep = out.count
                continue
            }
            out.append(c)
            pos += 1
            if c != 0x20 && c != 0x09 { keep = out.count }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func doubleQuoted(n: Int, flow: Bool) throws(FrontmatterError) -> String {
        let s = pos
        pos += 1
        var out: [UInt8] = []
        var keep = 0
        var underIndented = false
        while true {
            guard pos < end else {
                if underIndented { throw unclosedQuote(s) }
                throw fmError("unterminated double-quoted string: closing '\"' not found", s, s + 1)
            }
            let c = b[pos]
            if c == 0x22 {
                pos += 1
                break
            }
            if c == 0x0A || c == 0x0D {
                try foldQuotedBreak(
                    &out, keep: keep, n: n, flow: flow, escaped: false, quoteStart: s, underIndented: &underIndented)
                keep = out.count
                continue
            }
            if c == 0x5C {
                let es = pos
                pos += 1
                guard pos < end else {
                    throw fmError("unterminated double-quoted string: closing '\"' not found", s, s + 1)
                }
                let e = b[pos]
                pos += 1
                var hexLen = 0
                switch e {
                case UInt8(ascii: "0"): out.append(0)
                case UInt8(ascii: "a"): out.append(0x07)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "t"), 0x09: out.append(0x09)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "v"): out.append(0x0B)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "e"): out.append(0x1B)
                case 0x20: out.append(0x20)
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "N"): Bytes.appendScalar(0x85, to: &out)
                case UInt8(ascii: "_"): Bytes.appendScalar(0xA0, to: &out)
                case UInt8(ascii: "L"): Bytes.appendScalar(0x2028, to: &out)
                case UInt8(ascii: "P"): Bytes.appendScalar(0x2029, to: &out)
                case UInt8(ascii: "x"): hexLen = 2
                case UInt8(ascii: "u"): hexLen = 4
                case UInt8(ascii: "U"): hexLen = 8
                case 0x0A, 0x0D:
                    pos -= 1
                    keep = out.count
                    try foldQuotedBreak(
                        &out, keep: keep, n: n, flow: flow, escaped: true, quoteStart: s, underIndented: &underIndented)
                    keep = out.count
                    continue
                default:
                    throw fmError(
                        "invalid escape sequence \\\(describeByte(b, pos - 1, end).trimmingQuotes) in double-quoted string",
                        es, pos)
                }
                if hexLen > 0 {
                    let hex = Bytes.hexNumber(b, at: pos, count: hexLen, end: end)
                    guard var v = hex.value else {
                        throw fmError("invalid escape: expected \(hexLen) hex digits", es, min(end, hex.failedAt + 1))
                    }
                    pos += hexLen
                    if v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { v = 0xFFFD }
                    Bytes.appendScalar(v, to: &out)
                }
                keep = out.count
                continue
            }
            out.append(c)
            pos += 1
            if c != 0x20 && c != 0x09 { keep = out.count }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: flow collections

    mutating func skipFlowSpace(n: Int) throws(FrontmatterError) {
        while pos < end {
            let c = b[pos]
            if c == 0x20 || c == 0x09 {
                pos += 1
                continue
            }
            if c == 0x0A || c == 0x0D {
                consumeBreak()
                if isDocMarker(pos) {
                    throw fmError(
                        "document marker inside a flow collection: a closing bracket is missing", pos, pos + 3)
                }
                let ls = pos
                var k = pos
                while k < end && b[k] == 0x20 { k += 1 }
                let indent = k - ls
                var hadTab = false
                while k < end && (b[k] == 0x20 || b[k] == 0x09) {
                    if b[k] == 0x09 { hadTab = true }
                    k += 1
                }
                if k < end && !isBreak(k) && b[k] != UInt8(ascii: "#") && b[k] != UInt8(ascii: "]")
                    && b[k] != UInt8(ascii: "}")
                {
                    if hadTab && indent <= max(n, 0) && b[ls] == 0x09 {
                        throw fmError("tab character used for indentation", ls, ls + 1)
                    }
                    if n >= 0 && indent <= n {
                        throw fmError(
                            "continuation line of a flow collection must be indented more than its key", ls, k)
                    }
                }
                continue
            }
            if c == UInt8(ascii: "#") {
                if pos > start && !isBlank(pos - 1) {
                    throw fmError("a comment must be separated from the preceding text by a space", pos, pos + 1)
                }
                skipComment()
                continue
            }
            break
        }
    }

    mutating func flowNode(n: Int) throws(FrontmatterError) -> FrontmatterValue {
        depth += 1
        defer { depth -= 1 }
        if depth > YAMLImpl.maximumDepth { throw tooDeep() }
        var props = YAMLProps()
        if pos < end && (b[pos] == UInt8(ascii: "&") || b[pos] == UInt8(ascii: "!")) {
            props = try properties(flow: true)
            try skipFlowSpace(n: n)
            if pos >= end || b[pos] == UInt8(ascii: ",") || b[pos] == UInt8(ascii: "]") || b[pos] == UInt8(ascii: "}")
                || (b[pos] == UInt8(ascii: ":") && (isBlank(pos + 1) || isFlowIndicator(at(pos + 1))))
            {
                return try apply(props, to: FrontmatterValue(kind: .null, range: SourceRange(pos, pos), style: .plain))
            }
        }
        guard pos < end else { throw fmError("unexpected end of input inside a flow collection", pos, pos) }
        if !props.isEmpty && b[pos] == UInt8(ascii: "*") {
            throw fmError("an alias (*name) cannot have an anchor or tag", props.start, pos)
        }
        var v = try inlineNode(n: n, flow: true)
        if isPlainScalar(v) { v = try flowPlainContinuation(v, n: n) }
        return try apply(props, to: v)
    }

    mutating func flowPlainContinuation(_ first: FrontmatterValue, n: Int) throws(FrontmatterError) -> FrontmatterValue
    {
        var parts: [UInt8] = Array(b[first.range.start..<first.range.end])
        var contentEnd = first.range.end
        var extended = false
        while true {
            var p = contentEnd
            while p < end && (b[p] == 0x20 || b[p] == 0x09) { p += 1 }
            guard p < end, isBreak(p) else { break }
            var breaks = 0
            var q = p
            while q < end {
                if b[q] == 0x0D {
                    q += 1
                    if q < end && b[q] == 0x0A { q += 1 }
                    breaks += 1
                    continue
                }
                if b[q] == 0x0A {
                    q += 1
                    breaks += 1
                    continue
                }
                if b[q] == 0x20 || b[q] == 0x09 {
                    q += 1
                    continue
                }
                break
            }
            guard q < end, !isDocMarker(lineStart(q)) || lineStart(q) != q else { break }
            let c = b[q]
            if isFlowIndicator(c) || c == UInt8(ascii: "#")
                || (c == UInt8(ascii: ":") && (isBlank(q + 1) || isFlowIndicator(at(q + 1))))
            {
                break
            }
            pos = q
            let e = scanPlainLine(flow: true)
            if e == q { break }
            if breaks == 1 { parts.append(0x20) } else { for _ in 1..<breaks { parts.append(0x0A) } }
            parts.append(contentsOf: b[q..<e])
            contentEnd = e
            extended = true
        }
        pos = contentEnd
        guard extended else { return first }
        let text = String(decoding: parts, as: UTF8.self)
        return FrontmatterValue(
            kind: YAMLResolve.resolve(text), range: SourceRange(first.range.start, contentEnd), style: .plain)
    }

    /// `:` that separates a flow key from its value.
    func isFlowColon(_ i: Int, adjacentAllowed: Bool) -> Bool {
        guard i < end, b[i] == UInt8(ascii: ":") else { return false }
        return adjacentAllowed || isBlank(i + 1) || isFlowIndicator(at(i + 1))
    }

    func isJSONLike(_ v: FrontmatterValue) -> Bool {
        v.style == .doubleQuoted || v.style == .singleQuoted
            || {
                switch v.kind {
                case .array, .table:
                    return v.style == .none && !v.range.isEmpty
                        && (b[v.range.start] == UInt8(ascii: "[") || b[v.range.start] == UInt8(ascii: "{"))
                default: return false
                }
            }()
    }

    /// Its items are `flowNode`s, which count the nesting depth: every way back into this function
    /// passes through `flowNode` or `blockNode`.
    mutating func flowCollection(n: Int) throws(FrontmatterError) -> FrontmatterValue {
        let s = pos
        let isSeq = b[pos] == UInt8(ascii: "[")
        let close = isSeq ? UInt8(ascii: "]") : UInt8(ascii: "}")
        let closeName = isSeq ? "']'" : "'}'"
        pos += 1
        var items: [FrontmatterValue] = []
        var entries: [FrontmatterEntry] = []
        var seen = Set<String>()
        var merge: YAMLMerge? = nil
        while true {
            try skipFlowSpace(n: n)
            guard pos < end else {
                throw fmError("unterminated flow \(isSeq ? "sequence" : "mapping"): expected \(closeName)", s, s + 1)
            }
            if b[pos] == close {
                pos += 1
                break
            }
            if b[pos] == UInt8(ascii: ",") {
                throw fmError(
                    "unexpected ',' in flow \(isSeq ? "sequence" : "mapping"); expected a value", pos, pos + 1)
            }
            var key: FrontmatterValue
            var value: FrontmatterValue? = nil
            var explicit = false
            if b[pos] == UInt8(ascii: "?") && isBlank(pos + 1) {
                explicit = true
                pos += 1
                try skipFlowSpace(n: n)
                if pos < end && (b[pos] == UInt8(ascii: ":") || b[pos] == UInt8(ascii: ",") || b[pos] == close) {
                    key = FrontmatterValue(kind: .null, range: SourceRange(pos, pos), style: .plain)
                } else {
                    key = try flowNode(n: n)
                }
            } else if b[pos] == UInt8(ascii: ":") && (isBlank(pos + 1) || isFlowIndicator(at(pos + 1))) {
                key = FrontmatterValue(kind: .null, range: SourceRange(pos, pos), style: .plain)
            } else {
                key = try flowNode(n: n)
            }
            let keyEnd = pos
            try skipFlowSpace(n: n)
            if isFlowColon(pos, adjacentAllowed: isJSONLike(key)) {
                if isSeq && !explicit && b[keyEnd..<pos].contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                    throw fmError("an implicit key in a flow sequence must be on a single line", key.range.start, pos)
                }
                pos += 1
                try skipFlowSpace(n: n)
                if pos < end && (b[pos] == UInt8(ascii: ",") || b[pos] == close) {
                    value = FrontmatterValue(kind: .null, range: SourceRange(pos, pos), style: .plain)
                } else {
                    value = try flowNode(n: n)
                }
            }
            if isSeq {
                if let v = value {
                    let entry = FrontmatterEntry(key: keyString(key), keyRange: key.range, value: v)
                    items.append(
                        FrontmatterValue(
                            kind: .table([entry]),
                            range: SourceRange(key.range.start, max(key.range.start, v.range.end))))
                } else if explicit {
                    let entry = FrontmatterEntry(
                        key: keyString(key), keyRange: key.range,
                        value: FrontmatterValue(
                            kind: .null, range: SourceRange(key.range.end, key.range.end), style: .plain))
                    items.append(FrontmatterValue(kind: .table([entry]), range: key.range))
                } else {
                    items.append(key)
                }
            } else if isMergeKey(key, tag: nil), let value {
                if merge != nil {
                    throw fmError("duplicate merge key '<<' in the same mapping", key.range.start, key.range.end)
                }
                merge = try YAMLMerge(at: entries.count, value: value)
            } else {
                let ks = keyString(key)
                if !seen.insert(ks).inserted {
                    throw fmError("duplicate key \(quoted(ks)) in the same mapping", key.range.start, key.range.end)
                }
                entries.append(
                    FrontmatterEntry(
                        key: ks, keyRange: key.range,
                        value: value
                            ?? FrontmatterValue(
                                kind: .null, range: SourceRange(key.range.end, key.range.end), style: .plain)))
            }
            try skipFlowSpace(n: n)
            guard pos < end else {
                throw fmError("unterminated flow \(isSeq ? "sequence" : "mapping"): expected \(closeName)", s, s + 1)
            }
            if b[pos] == UInt8(ascii: ",") {
                pos += 1
                continue
            }
            if b[pos] == close {
                pos += 1
                break
            }
            throw fmError(
                "expected ',' or \(closeName) in flow \(isSeq ? "sequence" : "mapping"), found \(describeByte(b, pos, end))",
                pos, pos + 1)
        }
        let r = SourceRange(s, pos)
        if let merge { entries = merge.apply(to: entries) }
        return isSeq
            ? FrontmatterValue(kind: .array(items), range: r) : FrontmatterValue(kind: .table(entries), range: r)
    }

    // MARK: block scalars

    mutating func blockScalar(n: Int) throws(FrontmatterError) -> FrontmatterValue {
        let s = pos
        let literal = b[pos] == UInt8(ascii: "|")
        pos += 1
        var indicator = 0
        var chomp: UInt8 = 0  // 0 clip, '-' strip, '+' keep
        for _ in 0..<2 {
            guard pos < end else { break }
            let c = b[pos]
            if c >= 0x31 && c <= 0x39 && indicator == 0 {
                indicator = Int(c - 0x30)
                pos += 1
            } else if (c == UInt8(ascii: "-") || c == UInt8(ascii: "+")) && chomp == 0 {
                chomp = c
                pos += 1
            } else {
                break
            }
        }
        let headerEnd = pos
        let hs = pos
        skipInline()
        if pos < end && b[pos] == UInt8(ascii: "#") {
            if pos == hs {
                throw fmError("a comment must be separated from the block scalar header by a space", pos, pos + 1)
            }
            skipComment()
        }
        if pos < end && !isBreak(pos) {
            throw fmError("expected a line break after the block scalar header '\(literal ? "|" : ">")'", pos, pos + 1)
        }
        consumeBreak()
        var contentIndent: Int
        if indicator > 0 {
            contentIndent = n >= 0 ? n + indicator : indicator
        } else {
            // auto-detect
            var q = pos
            var maxBlank = 0
            contentIndent = -1
            while q < end {
                let ls = q
                while q < end && b[q] == 0x20 { q += 1 }
                let ind = q - ls
                if q >= end { break }
                if isBreak(q) {
                    maxBlank = max(maxBlank, ind)
                    if b[q] == 0x0D {
                        q += 1
                        if q < end && b[q] == 0x0A { q += 1 }
                    } else {
                        q += 1
                    }
                    continue
                }
                if isDocMarker(ls) { break }
                if b[q] == 0x09 && ind < (n < 0 ? 0 : n + 1) {
                    throw fmError("tab character used as indentation in a block scalar; indent with spaces", q, q + 1)
                }
                contentIndent = ind
                break
            }
            let minIndent = n < 0 ? 0 : n + 1
            if contentIndent < minIndent { contentIndent = -1 }
            if contentIndent >= 0 && maxBlank > contentIndent {
                throw fmError("leading empty lines of a block scalar are more indented than its first line", pos, pos)
            }
            if contentIndent < 0 { contentIndent = Int.max / 2 }  // no content line: all lines are trailing
        }
        // read lines
        var lines: [(Int, Int)] = []  // text ranges (after indentation); empty ones have s == e
        var breakAfter: [Bool] = []
        while pos < end {
            let ls = pos
            if isDocMarker(ls) { break }
            var q = pos
            while q < end && b[q] == 0x20 && q - ls < contentIndent { q += 1 }
            if q - ls < contentIndent {
                // blank line or end of scalar
                var r = q
                while r < end && (b[r] == 0x20 || b[r] == 0x09) { r += 1 }
                if r >= end {
                    pos = r
                    lines.append((r, r))
                    breakAfter.append(false)
                    break
                }
                if isBreak(r) {
                    lines.append((r, r))
                    pos = r
                    consumeBreak()
                    breakAfter.append(true)
                    continue
                }
                pos = ls
                break
            }
            var e = q
            while e < end && !isBreak(e) { e += 1 }
            lines.append((q, e))
            pos = e
            let hadBreak = pos < end
            consumeBreak()
            breakAfter.append(hadBreak)
        }
        // build
        var lastContent = -1
        for (i, l) in lines.enumerated() where l.1 > l.0 { lastContent = i }
        var out: [UInt8] = []
        if lastContent >= 0 {
            if literal {
                for i in 0...lastContent {
                    if i > 0 { out.append(0x0A) }
                    out.append(contentsOf: b[lines[i].0..<lines[i].1])
                }
            } else {
                var prev = 0  // 0 none, 1 normal, 2 more-indented
                var blanks = 0
                for i in 0...lastContent {
                    let (ts, te) = lines[i]
                    if ts == te {
                        blanks += 1
                        continue
                    }
                    let type = (b[ts] == 0x20 || b[ts] == 0x09) ? 2 : 1
                    if prev == 0 {
                        for _ in 0..<blanks { out.append(0x0A) }
                    } else if prev == 1 && type == 1 {
                        if blanks == 0 { out.append(0x20) } else { for _ in 0..<blanks { out.append(0x0A) } }
                    } else {
                        for _ in 0..<(blanks + 1) { out.append(0x0A) }
                    }
                    out.append(contentsOf: b[ts..<te])
                    prev = type
                    blanks = 0
                }
            }
        }
        // trailing breaks
        var trailing = 0
        let from = lastContent + 1
        if lastContent >= 0 && breakAfter[lastContent] { trailing += 1 }
        if from < lines.count {
            for i in from..<lines.count where breakAfter[i] { trailing += 1 }
        }
        if lastContent < 0 {
            // only empty lines
            trailing = breakAfter.filter { $0 }.count
        }
        switch chomp {
        case UInt8(ascii: "-"): break
        case UInt8(ascii: "+"): for _ in 0..<trailing { out.append(0x0A) }
        default: if lastContent >= 0 && trailing > 0 { out.append(0x0A) }
        }
        let rangeEnd = lastContent >= 0 ? lines[lastContent].1 : headerEnd
        return FrontmatterValue(
            kind: .string(String(decoding: out, as: UTF8.self)),
            range: SourceRange(s, rangeEnd), style: literal ? .literal : .folded)
    }
}
