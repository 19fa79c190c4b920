import TWCCore

/// TOML 1.0 parser producing located `FrontmatterValue`s (typed throws).
///
/// Ranges: a table created by a `[a.b]` header gets the range of that header (from `[` to `]`);
/// a table only implied by a header or by dotted keys gets the range of the header / key that
/// created it; the root table gets the whole parsed range; an array of tables gets the range of its
/// first `[[…]]` header, and each of its tables the range of its own header.
/// Date-times, local dates and local times become `.datetime(sourceText)`.
public enum TOMLParser {
    public static func parse(_ bytes: [UInt8], range: Range<Int>) throws(FrontmatterError) -> FrontmatterValue {
        if let bad = Bytes.firstInvalidUTF8(bytes, range) {
            throw fmError("invalid UTF-8 byte sequence", bad, bad + 1)
        }
        var p = TOMLImpl(b: bytes, pos: range.lowerBound, end: range.upperBound)
        let root = TTable(range: SourceRange(range), origin: .header, depth: 0)
        do {
            try p.document(root)
        } catch {
            throw error.clamped(to: range)
        }
        return root.value()
    }
}

final class TTable {
    enum Origin { case header, implicitHeader, dotted }
    var order: [String] = []
    var items: [String: (keyRange: SourceRange, item: TItem)] = [:]
    var range: SourceRange
    var origin: Origin
    /// Tables and arrays around this table (the root is 0): the nesting that `TOMLImpl.maximumDepth` bounds.
    let depth: Int
    init(range: SourceRange, origin: Origin, depth: Int) {
        self.range = range
        self.origin = origin
        self.depth = depth
    }

    func value() -> FrontmatterValue {
        var entries: [FrontmatterEntry] = []
        entries.reserveCapacity(order.count)
        for k in order {
            let (kr, item) = items[k]!
            entries.append(FrontmatterEntry(key: k, keyRange: kr, value: item.value()))
        }
        return FrontmatterValue(kind: .table(entries), range: range)
    }
}

final class TArrayOfTables {
    var tables: [TTable] = []
    var range: SourceRange
    init(range: SourceRange) { self.range = range }
}

enum TItem {
    case value(FrontmatterValue)
    case table(TTable)
    case arrayOfTables(TArrayOfTables)

    func value() -> FrontmatterValue {
        switch self {
        case .value(let v): return v
        case .table(let t): return t.value()
        case .arrayOfTables(let a):
            return FrontmatterValue(kind: .array(a.tables.map { $0.value() }), range: a.range)
        }
    }
}

struct TOMLKeyPart {
    var name: String
    var range: SourceRange
}

struct TOMLImpl {
    /// The deepest nesting of tables and arrays accepted, whichever way it is written (`[a.b]` headers,
    /// dotted keys, inline tables, arrays, arrays of tables): building, converting and releasing the
    /// value recurse over its depth, so a deeper document is refused with a located error, never a
    /// stack overflow.
    static let maximumDepth = 300

    let b: [UInt8]
    var pos: Int
    let end: Int

    @inline(__always) func at(_ i: Int) -> UInt8 { i < end ? b[i] : 0 }

    mutating func skipWS() { while pos < end && (b[pos] == 0x20 || b[pos] == 0x09) { pos += 1 } }

    /// After a statement: whitespace, optional comment, then newline or EOF.
    mutating func endOfLine(_ what: String) throws(FrontmatterError) {
        skipWS()
        if pos < end && b[pos] == UInt8(ascii: "#") { try comment() }
        if pos >= end { return }
        if b[pos] == 0x0A {
            pos += 1
            return
        }
        if b[pos] == 0x0D && at(pos + 1) == 0x0A {
            pos += 2
            return
        }
        var e = pos
        while e < end && b[e] != 0x0A && b[e] != 0x0D { e += 1 }
        throw fmError("expected end of line after \(what), found \(describeByte(b, pos, end))", pos, max(e, pos + 1))
    }

    mutating func comment() throws(FrontmatterError) {
        pos += 1
        while pos < end {
            let c = b[pos]
            if c == 0x0A || (c == 0x0D && at(pos + 1) == 0x0A) { return }
            if (c < 0x20 && c != 0x09) || c == 0x7F {
                throw fmError("control character not allowed in a comment", pos, pos + 1)
            }
            pos += 1
        }
    }

    mutating func document(_ root: TTable) throws(FrontmatterError) {
        var current = root
        while pos < end {
            skipWS()
            guard pos < end else { break }
            let c = b[pos]
            if c == 0x0A {
                pos += 1
                continue
            }
            if c == 0x0D {
                if at(pos + 1) == 0x0A {
                    pos += 2
                    continue
                }
                throw fmError("bare carriage return (CR without LF)", pos, pos + 1)
            }
            if c == UInt8(ascii: "#") {
                try comment()
                continue
            }
            if c == UInt8(ascii: "[") {
                let hStart = pos
                let isArray = at(pos + 1) == UInt8(ascii: "[")
                pos += isArray ? 2 : 1
                skipWS()
                let key = try keyPath()
                skipWS()
                if isArray {
                    guard at(pos) == UInt8(ascii: "]"), at(pos + 1) == UInt8(ascii: "]") else {
                        throw fmError("expected ']]' to close the array-of-tables header", pos, min(pos + 1, end))
                    }
                    pos += 2
                } else {
                    guard at(pos) == UInt8(ascii: "]") else {
                        throw fmError(
                            "expected ']' to close the table header, found \(describeByte(b, pos, end))", pos,
                            min(pos + 1, end))
                    }
                    pos += 1
                }
                let hRange = SourceRange(hStart, pos)
                current = try openHeader(root, key, hRange, isArray: isArray)
                try endOfLine("table header")
                continue
            }
            try keyValue(into: current, inline: false)
            try endOfLine("value")
        }
    }

    func keyText(_ key: [TOMLKeyPart], _ n: Int) -> String {
        key.prefix(n).map { $0.name }.joined(separator: ".")
    }

    mutating func openHeader(_ root: TTable, _ key: [TOMLKeyPart], _ hRange: SourceRange, isArray: Bool)
        throws(FrontmatterError) -> TTable
    {
        var t = root
        for (i, part) in key.enumerated() {
            let last = i == key.count - 1
            if let existing = t.items[part.name] {
                switch existing.item {
                case .value:
                    throw fmError(
                        "cannot define table \(quoted(keyText(key, key.count))): key \(quoted(keyText(key, i + 1))) already holds a value",
                        part.range.start, part.range.end)
                case .table(let sub):
                    if last {
                        if isArray || sub.origin != .implicitHeader {
                            throw fmError(
                                "table \(quoted(keyText(key, key.count))) is defined more than once", hRange.start,
                                hRange.end)
                        }
                        sub.origin = .header
                        sub.range = hRange
                        return sub
                    }
                    t = sub
                case .arrayOfTables(let aot):
                    if last {
                        if !isArray {
                            throw fmError(
                                "table \(quoted(keyText(key, key.count))) is already an array of tables", hRange.start,
                                hRange.end)
                        }
                        let nt = TTable(range: hRange, origin: .header, depth: t.depth + 2)
                        aot.tables.append(nt)
                        return nt
                    }
                    t = aot.tables[aot.tables.count - 1]
                }
            } else {
                if t.depth + (isArray && last ? 2 : 1) > TOMLImpl.maximumDepth {
                    throw fmError("values nested too deeply", part.range.start, part.range.end)
                }
                t.order.append(part.name)
                if last {
                    let nt = TTable(range: hRange, origin: .header, depth: t.depth + (isArray ? 2 : 1))
                    if isArray {
                        let aot = TArrayOfTables(range: hRange)
                        aot.tables.append(nt)
                        t.items[part.name] = (part.range, .arrayOfTables(aot))
                    } else {
                        t.items[part.name] = (part.range, .table(nt))
                    }
                    return nt
                }
                let nt = TTable(range: hRange, origin: .implicitHeader, depth: t.depth + 1)
                t.items[part.name] = (part.range, .table(nt))
                t = nt
            }
        }
        return t
    }

    mutating func keyValue(into table: TTable, inline: Bool) throws(FrontmatterError) {
        let keyStart = pos
        let key = try keyPath()
        // Each dotted part is a table: `a.b.c = 1` nests the value three levels below `table`.
        if table.depth + key.count > TOMLImpl.maximumDepth {
            let part = key[max(0, TOMLImpl.maximumDepth - table.depth)]
            throw fmError("values nested too deeply", part.range.start, part.range.end)
        }
        skipWS()
        guard at(pos) == UInt8(ascii: "=") else {
            throw fmError(
                "expected '=' after key \(quoted(keyText(key, key.count))), found \(describeByte(b, pos, end))", pos,
                min(pos + 1, end))
        }
        pos += 1
        skipWS()
        let v = try value(depth: table.depth + key.count)
        var t = table
        for (i, part) in key.enumerated() {
            if i == key.count - 1 {
                if t.items[part.name] != nil {
                    throw fmError("duplicate key \(quoted(keyText(key, key.count)))", keyStart, part.range.end)
                }
                t.order.append(part.name)
                t.items[part.name] = (part.range, .value(v))
            } else if let existing = t.items[part.name] {
                guard case .table(let sub) = existing.item, sub.origin == .dotted else {
                    throw fmError(
                        "cannot add key \(quoted(keyText(key, key.count))): \(quoted(keyText(key, i + 1))) is already defined",
                        keyStart, part.range.end)
                }
                t = sub
            } else {
                let nt = TTable(range: part.range, origin: .dotted, depth: t.depth + 1)
                t.order.append(part.name)
                t.items[part.name] = (part.range, .table(nt))
                t = nt
            }
        }
    }

    mutating func keyPath() throws(FrontmatterError) -> [TOMLKeyPart] {
        var parts: [TOMLKeyPart] = []
        while true {
            skipWS()
            let s = pos
            guard pos < end else { throw fmError("expected a key, found end of input", pos, pos) }
            let c = b[pos]
            var name: String
            if c == UInt8(ascii: "\"") {
                if at(pos + 1) == 0x22 && at(pos + 2) == 0x22 {
                    throw fmError("multi-line strings cannot be keys", pos, pos + 3)
                }
                name = try basicString()
            } else if c == UInt8(ascii: "'") {
                if at(pos + 1) == 0x27 && at(pos + 2) == 0x27 {
                    throw fmError("multi-line strings cannot be keys", pos, pos + 3)
                }
                name = try literalString()
            } else {
                while pos < end {
                    let d = b[pos]
                    if Bytes.isAlpha(d) || Bytes.isDigit(d) || d == UInt8(ascii: "_") || d == UInt8(ascii: "-") {
                        pos += 1
                    } else {
                        break
                    }
                }
                if pos == s {
                    throw fmError(
                        "expected a key (letters, digits, '_', '-' or a quoted string), found \(describeByte(b, pos, end))",
                        pos, min(pos + 1, end))
                }
                name = Bytes.string(b, s..<pos)
            }
            parts.append(TOMLKeyPart(name: name, range: SourceRange(s, pos)))
            let save = pos
            skipWS()
            if at(pos) == UInt8(ascii: ".") {
                pos += 1
                continue
            }
            pos = save
            return parts
        }
    }

    // MARK: values

    /// A value `depth` tables and arrays below the root table.
    mutating func value(depth: Int) throws(FrontmatterError) -> FrontmatterValue {
        guard pos < end else { throw fmError("expected a value after '=', found end of input", pos, pos) }
        if depth > TOMLImpl.maximumDepth { throw fmError("values nested too deeply", pos, pos + 1) }
        let s = pos
        let c = b[pos]
        switch c {
        case UInt8(ascii: "\""):
            if at(pos + 1) == 0x22 && at(pos + 2) == 0x22 {
                let str = try multiBasic()
                return FrontmatterValue(kind: .string(str), range: SourceRange(s, pos), style: .multilineBasic)
            }
            let str = try basicString()
            return FrontmatterValue(kind: .string(str), range: SourceRange(s, pos), style: .doubleQuoted)
        case UInt8(ascii: "'"):
            if at(pos + 1) == 0x27 && at(pos + 2) == 0x27 {
                let str = try multiLiteral()
                return FrontmatterValue(kind: .string(str), range: SourceRange(s, pos), style: .multilineLiteral)
            }
            let str = try literalString()
            return FrontmatterValue(kind: .string(str), range: SourceRange(s, pos), style: .singleQuoted)
        case UInt8(ascii: "["):
            pos += 1
            var items: [FrontmatterValue] = []
            while true {
                try skipArrayWS()
                guard pos < end else { throw fmError("unterminated array: expected ']'", s, s + 1) }
                if b[pos] == UInt8(ascii: "]") {
                    pos += 1
                    break
                }
                items.append(try value(depth: depth + 1))
                try skipArrayWS()
                guard pos < end else { throw fmError("unterminated array: expected ']'", s, s + 1) }
                if b[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                if b[pos] == UInt8(ascii: "]") {
                    pos += 1
                    break
                }
                throw fmError("expected ',' or ']' in array, found \(describeByte(b, pos, end))", pos, pos + 1)
            }
            return FrontmatterValue(kind: .array(items), range: SourceRange(s, pos))
        case UInt8(ascii: "{"):
            pos += 1
            let t = TTable(range: SourceRange(s, s), origin: .dotted, depth: depth)
            skipWS()
            if at(pos) == UInt8(ascii: "}") {
                pos += 1
            } else {
                while true {
                    skipWS()
                    guard pos < end, b[pos] != 0x0A, b[pos] != 0x0D else {
                        throw fmError("inline table must be on one line: expected a key", pos, pos)
                    }
                    try keyValue(into: t, inline: true)
                    skipWS()
                    guard pos < end else { throw fmError("unterminated inline table: expected '}'", s, s + 1) }
                    if b[pos] == UInt8(ascii: ",") {
                        pos += 1
                        continue
                    }
                    if b[pos] == UInt8(ascii: "}") {
                        pos += 1
                        break
                    }
                    throw fmError(
                        "expected ',' or '}' in inline table, found \(describeByte(b, pos, end))", pos, pos + 1)
                }
            }
            t.range = SourceRange(s, pos)
            return t.value()
        default:
            return try bareValue()
        }
    }

    mutating func skipArrayWS() throws(FrontmatterError) {
        while pos < end {
            let c = b[pos]
            if c == 0x20 || c == 0x09 || c == 0x0A {
                pos += 1
            } else if c == 0x0D {
                guard at(pos + 1) == 0x0A else { throw fmError("bare carriage return (CR without LF)", pos, pos + 1) }
                pos += 2
            } else if c == UInt8(ascii: "#") {
                try comment()
            } else {
                return
            }
        }
    }

    /// Numbers, booleans, dates and times.
    mutating func bareValue() throws(FrontmatterError) -> FrontmatterValue {
        let s = pos
        func isTokenChar(_ c: UInt8) -> Bool {
            Bytes.isAlpha(c) || Bytes.isDigit(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: "+")
                || c == UInt8(ascii: ".") || c == UInt8(ascii: ":")
        }
        while pos < end && isTokenChar(b[pos]) { pos += 1 }
        // local date followed by ' ' and a time: one date-time
        if pos - s == 10, at(pos) == 0x20, Bytes.isDigit(at(pos + 1)), at(s + 4) == UInt8(ascii: "-") {
            pos += 1
            while pos < end && isTokenChar(b[pos]) { pos += 1 }
        }
        let r = SourceRange(s, pos)
        let tok = Array(b[s..<pos])
        if tok.isEmpty {
            throw fmError(
                "expected a value (string, number, boolean, date, array or inline table), found \(describeByte(b, pos, end))",
                pos, min(pos + 1, end))
        }
        let text = String(decoding: tok, as: UTF8.self)
        if text == "true" { return FrontmatterValue(kind: .bool(true), range: r, style: .plain) }
        if text == "false" { return FrontmatterValue(kind: .bool(false), range: r, style: .plain) }
        if TOMLImpl.isDateTime(tok) { return FrontmatterValue(kind: .datetime(text), range: r, style: .plain) }
        if let k = TOMLImpl.number(tok) { return FrontmatterValue(kind: k, range: r, style: .plain) }
        throw fmError(
            "invalid value \(quoted(text)): expected a string, number, boolean, date, array or inline table", s, pos)
    }

    static func digits(_ t: [UInt8], _ i: Int, _ n: Int) -> Int? {
        guard i + n <= t.count else { return nil }
        var v = 0
        for k in i..<(i + n) {
            guard Bytes.isDigit(t[k]) else { return nil }
            v = v * 10 + Int(t[k] - 0x30)
        }
        return v
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses a time HH:MM:SS(.frac)? at i; returns the end index.
    static func time(_ t: [UInt8], _ i: Int) -> Int? {
        guard let h = digits(t, i, 2), h < 24, i + 2 < t.count, t[i + 2] == UInt8(ascii: ":"),
            let m = digits(t, i + 3, 2), m < 60, i + 5 < t.count, t[i + 5] == UInt8(ascii: ":"),
            let s = digits(t, i + 6, 2), s <= 60
        else { return nil }
        var j = i + 8
        if j < t.count && t[j] == UInt8(ascii: ".") {
            j += 1
            let f = j
            while j < t.count && Bytes.isDigit(t[j]) { j += 1 }
            if j == f { return nil }
        }
        return j
    }

    static func isDateTime(_ t: [UInt8]) -> Bool {
        if t.count >= 8, t[2] == UInt8(ascii: ":") {
            return time(t, 0) == t.count
        }
        guard t.count >= 10, t[4] == UInt8(ascii: "-"), t[7] == UInt8(ascii: "-"),
            let y = digits(t, 0, 4), let mo = digits(t, 5, 2), let d = digits(t, 8, 2),
            mo >= 1, mo <= 12, d >= 1, d <= daysIn(y, mo)
        else { return false }
        if t.count == 10 { return true }
        let sep = t[10]
        guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == 0x20, var j = time(t, 11) else {
            return false
        }
        if j == t.count { return true }
        if t[j] == UInt8(ascii: "Z") || t[j] == UInt8(ascii: "z") { return j + 1 == t.count }
        guard t[j] == UInt8(ascii: "+") || t[j] == UInt8(ascii: "-") else { return false }
        j += 1
        guard let oh = digits(t, j, 2), oh < 24, j + 2 < t.count, t[j + 2] == UInt8(ascii: ":"),
            let om = digits(t, j + 3, 2), om < 60
        else { return false }
        return j + 5 == t.count
    }

    /// Checks digits separated by single underscores (each underscore between two digits).
    static func validDigits(_ t: ArraySlice<UInt8>, _ isDigit: (UInt8) -> Bool) -> Bool {
        guard let f = t.first, let l = t.last, isDigit(f), isDigit(l) else { return false }
        var prevUnderscore = false
        for c in t {
            if c == UInt8(ascii: "_") {
                if prevUnderscore { return false }
                prevUnderscore = true
            } else if isDigit(c) {
                prevUnderscore = false
            } else {
                return false
            }
        }
        return true
    }

    static func number(_ t: [UInt8]) -> FrontmatterValue.Kind? {
        var i = 0
        var negative = false
        if t[0] == UInt8(ascii: "+") || t[0] == UInt8(ascii: "-") {
            negative = t[0] == UInt8(ascii: "-")
            i = 1
        }
        let rest = t[i...]
        let restText = String(decoding: rest, as: UTF8.self)
        if restText == "inf" { return .float(negative ? -.infinity : .infinity) }
        if restText == "nan" { return .float(.nan) }
        guard !rest.isEmpty else { return nil }
        if i == 0, t.count > 2, t[0] == UInt8(ascii: "0"),
            t[1] == UInt8(ascii: "x") || t[1] == UInt8(ascii: "o") || t[1] == UInt8(ascii: "b")
        {
            let radix: Int
            let check: (UInt8) -> Bool
            switch t[1] {
            case UInt8(ascii: "x"):
                radix = 16
                check = Bytes.isHex
            case UInt8(ascii: "o"):
                radix = 8
                check = { $0 >= 0x30 && $0 <= 0x37 }
            default:
                radix = 2
                check = { $0 == 0x30 || $0 == 0x31 }
            }
            let body = t[2...]
            guard validDigits(body, check) else { return nil }
            let clean = String(decoding: body.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            guard let v = Int64(clean, radix: radix) else { return nil }
            return .integer(v)
        }
        // decimal integer or float
        var j = rest.startIndex
        let e = rest.endIndex
        while j < e && (Bytes.isDigit(t[j]) || t[j] == UInt8(ascii: "_")) { j += 1 }
        let intPart = t[rest.startIndex..<j]
        guard validDigits(intPart, Bytes.isDigit) else { return nil }
        if intPart.count > 1 && intPart.first == UInt8(ascii: "0") { return nil }
        if j == e {
            let clean = String(decoding: t.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            guard let v = Int64(clean) else { return nil }
            return .integer(v)
        }
        if t[j] == UInt8(ascii: ".") {
            j += 1
            let f = j
            while j < e && (Bytes.isDigit(t[j]) || t[j] == UInt8(ascii: "_")) { j += 1 }
            guard validDigits(t[f..<j], Bytes.isDigit) else { return nil }
        }
        if j < e && (t[j] == UInt8(ascii: "e") || t[j] == UInt8(ascii: "E")) {
            j += 1
            if j < e && (t[j] == UInt8(ascii: "+") || t[j] == UInt8(ascii: "-")) { j += 1 }
            let f = j
            while j < e && (Bytes.isDigit(t[j]) || t[j] == UInt8(ascii: "_")) { j += 1 }
            guard validDigits(t[f..<j], Bytes.isDigit) else { return nil }
        }
        guard j == e else { return nil }
        let clean = String(decoding: t.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let d = Double(clean) else { return nil }
        return .float(d)
    }

    // MARK: strings

    mutating func checkStringChar(_ c: UInt8, multiline: Bool) throws(FrontmatterError) {
        if c == 0x09 { return }
        if c == 0x0A && multiline { return }
        if c == 0x0D && multiline {
            if at(pos + 1) == 0x0A { return }
            throw fmError("bare carriage return (CR without LF) in string", pos, pos + 1)
        }
        if c < 0x20 || c == 0x7F {
            if c == 0x0A || c == 0x0D {
                throw fmError("unterminated string: line break before the closing quote", pos, pos)
            }
            throw fmError("control character not allowed in a string; use an escape", pos, pos + 1)
        }
    }

    mutating func escape(into out: inout [UInt8]) throws(FrontmatterError) {
        let s = pos
        pos += 1
        guard pos < end else { throw fmError("unterminated string", s, pos) }
        let e = b[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "u") ? 4 : 8
            let hex = Bytes.hexNumber(b, at: pos, count: n, end: end)
            guard let v = hex.value else {
                throw fmError("invalid unicode escape: expected \(n) hex digits", s, min(end, hex.failedAt + 1))
            }
            pos += n
            guard v <= 0x10FFFF, !(v >= 0xD800 && v <= 0xDFFF) else {
                throw fmError("invalid unicode escape: not a Unicode scalar value", s, pos)
            }
            Bytes.appendScalar(v, to: &out)
        default:
            throw fmError(
                "invalid escape sequence '\\\(describeByte(b, pos - 1, end).trimmingQuotes)' in string", s, pos)
        }
    }

    mutating func basicString() throws(FrontmatterError) -> String {
        let s = pos
        pos += 1
        var out: [UInt8] = []
        while true {
            guard pos < end else { throw fmError("unterminated double-quoted string", s, pos) }
            let c = b[pos]
            if c == 0x22 {
                pos += 1
                break
            }
            if c == 0x5C {
                try escape(into: &out)
                continue
            }
            if c == 0x0A || c == 0x0D {
                throw fmError("unterminated double-quoted string: line break before the closing '\"'", s, pos)
            }
            try checkStringChar(c, multiline: false)
            out.append(c)
            pos += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func literalString() throws(FrontmatterError) -> String {
        let s = pos
        pos += 1
        let cs = pos
        while true {
            guard pos < end else { throw fmError("unterminated single-quoted string", s, pos) }
            let c = b[pos]
            if c == 0x27 { break }
            if c == 0x0A || c == 0x0D {
                throw fmError("unterminated single-quoted string: line break before the closing \"'\"", s, pos)
            }
            try checkStringChar(c, multiline: false)
            pos += 1
        }
        let str = Bytes.string(b, cs..<pos)
        pos += 1
        return str
    }

    mutating func skipFirstNewline() {
        if at(pos) == 0x0A { pos += 1 } else if at(pos) == 0x0D && at(pos + 1) == 0x0A { pos += 2 }
    }

    mutating func multiBasic() throws(FrontmatterError) -> String {
        let s = pos
        pos += 3
        skipFirstNewline()
        var out: [UInt8] = []
        while true {
            guard pos < end else {
                throw fmError("unterminated multi-line string: closing '\"\"\"' not found", s, s + 3)
            }
            let c = b[pos]
            if c == 0x22 {
                var n = 0
                while pos + n < end && b[pos + n] == 0x22 { n += 1 }
                if n >= 3 {
                    if n > 5 { throw fmError("too many quotes at the end of a multi-line string", pos, pos + n) }
                    for _ in 0..<(n - 3) { out.append(0x22) }
                    pos += n
                    break
                }
                for _ in 0..<n { out.append(0x22) }
                pos += n
                continue
            }
            if c == 0x5C {
                // line-ending backslash
                var k = pos + 1
                while k < end && (b[k] == 0x20 || b[k] == 0x09) { k += 1 }
                if k < end && (b[k] == 0x0A || (b[k] == 0x0D && at(k + 1) == 0x0A)) {
                    pos = k
                    while pos < end
                        && (b[pos] == 0x20 || b[pos] == 0x09 || b[pos] == 0x0A
                            || (b[pos] == 0x0D && at(pos + 1) == 0x0A))
                    {
                        pos += b[pos] == 0x0D ? 2 : 1
                    }
                    continue
                }
                try escape(into: &out)
                continue
            }
            try checkStringChar(c, multiline: true)
            out.append(c)
            pos += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func multiLiteral() throws(FrontmatterError) -> String {
        let s = pos
        pos += 3
        skipFirstNewline()
        var out: [UInt8] = []
        while true {
            guard pos < end else {
                throw fmError("unterminated multi-line literal string: closing \"'''\" not found", s, s + 3)
            }
            let c = b[pos]
            if c == 0x27 {
                var n = 0
                while pos + n < end && b[pos + n] == 0x27 { n += 1 }
                if n >= 3 {
                    if n > 5 {
                        throw fmError("too many quotes at the end of a multi-line literal string", pos, pos + n)
                    }
                    for _ in 0..<(n - 3) { out.append(0x27) }
                    pos += n
                    break
                }
                for _ in 0..<n { out.append(0x27) }
                pos += n
                continue
            }
            try checkStringChar(c, multiline: true)
            out.append(c)
            pos += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    var trimmingQuotes: String {
        if count >= 2 && hasPrefix("'") && hasSuffix("'") { return String(dropFirst().dropLast()) }
        return self
    }
}
