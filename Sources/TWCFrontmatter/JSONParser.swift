import TWCCore

/// RFC 8259 JSON parser producing located `FrontmatterValue`s. Uses typed throws.
public enum JSONParser {
    public static func parse(_ bytes: [UInt8], range: Range<Int>) throws(FrontmatterError) -> FrontmatterValue {
        do {
            return try parseValue(bytes, range: range)
        } catch {
            throw error.clamped(to: range)
        }
    }

    static func parseValue(_ bytes: [UInt8], range: Range<Int>) throws(FrontmatterError) -> FrontmatterValue {
        var p = JSONImpl(b: bytes, pos: range.lowerBound, end: range.upperBound)
        p.skipWS()
        if p.pos >= p.end { throw fmError("expected a JSON value, found end of input", p.pos, p.pos) }
        let v = try p.value(depth: 0)
        p.skipWS()
        if p.pos < p.end {
            throw fmError("unexpected \(describeByte(bytes, p.pos, p.end)) after the JSON value", p.pos, p.pos + 1)
        }
        return v
    }

    /// Parses several JSON values one after another (whitespace separated).
    public static func parseSequence(_ bytes: [UInt8], range: Range<Int>) throws(FrontmatterError) -> [FrontmatterValue]
    {
        var p = JSONImpl(b: bytes, pos: range.lowerBound, end: range.upperBound)
        var out: [FrontmatterValue] = []
        p.skipWS()
        while p.pos < p.end {
            do {
                out.append(try p.value(depth: 0))
            } catch {
                throw error.clamped(to: range)
            }
            p.skipWS()
        }
        return out
    }
}

struct JSONImpl {
    let b: [UInt8]
    var pos: Int
    let end: Int

    mutating func skipWS() {
        while pos < end {
            let c = b[pos]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { pos += 1 } else { break }
        }
    }

    mutating func value(depth: Int) throws(FrontmatterError) -> FrontmatterValue {
        guard pos < end else { throw fmError("expected a JSON value, found end of input", pos, pos) }
        if depth > 500 { throw fmError("JSON nested too deeply", pos, pos + 1) }
        let start = pos
        switch b[pos] {
        case UInt8(ascii: "{"):
            pos += 1
            var entries: [FrontmatterEntry] = []
            skipWS()
            if pos < end && b[pos] == UInt8(ascii: "}") {
                pos += 1
                return FrontmatterValue(kind: .table([]), range: SourceRange(start, pos))
            }
            var seen = Set<String>()
            while true {
                skipWS()
                guard pos < end, b[pos] == UInt8(ascii: "\"") else {
                    throw fmError(
                        "expected a '\"'-quoted key in JSON object, found \(describeByte(b, pos, end))", pos,
                        min(pos + 1, end))
                }
                let keyStart = pos
                let key = try string()
                let keyRange = SourceRange(keyStart, pos)
                skipWS()
                guard pos < end, b[pos] == UInt8(ascii: ":") else {
                    throw fmError(
                        "expected ':' after key \(quoted(key)), found \(describeByte(b, pos, end))", pos,
                        min(pos + 1, end))
                }
                pos += 1
                skipWS()
                let v = try value(depth: depth + 1)
                if !seen.insert(key).inserted {
                    throw fmError("duplicate key \(quoted(key)) in JSON object", keyRange.start, keyRange.end)
                }
                entries.append(FrontmatterEntry(key: key, keyRange: keyRange, value: v))
                skipWS()
                guard pos < end else {
                    throw fmError("expected ',' or '}' in JSON object, found end of input", pos, pos)
                }
                if b[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                if b[pos] == UInt8(ascii: "}") {
                    pos += 1
                    break
                }
                throw fmError("expected ',' or '}' in JSON object, found \(describeByte(b, pos, end))", pos, pos + 1)
            }
            return FrontmatterValue(kind: .table(entries), range: SourceRange(start, pos))
        case UInt8(ascii: "["):
            pos += 1
            var items: [FrontmatterValue] = []
            skipWS()
            if pos < end && b[pos] == UInt8(ascii: "]") {
                pos += 1
                return FrontmatterValue(kind: .array([]), range: SourceRange(start, pos))
            }
            while true {
                skipWS()
                items.append(try value(depth: depth + 1))
                skipWS()
                guard pos < end else {
                    throw fmError("expected ',' or ']' in JSON array, found end of input", pos, pos)
                }
                if b[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                if b[pos] == UInt8(ascii: "]") {
                    pos += 1
                    break
                }
                throw fmError("expected ',' or ']' in JSON array, found \(describeByte(b, pos, end))", pos, pos + 1)
            }
            return FrontmatterValue(kind: .array(items), range: SourceRange(start, pos))
        case UInt8(ascii: "\""):
            let s = try string()
            return FrontmatterValue(kind: .string(s), range: SourceRange(start, pos), style: .doubleQuoted)
        case UInt8(ascii: "t"):
            try literal("true")
            return FrontmatterValue(kind: .bool(true), range: SourceRange(start, pos), style: .plain)
        case UInt8(ascii: "f"):
            try literal("false")
            return FrontmatterValue(kind: .bool(false), range: SourceRange(start, pos), style: .plain)
        case UInt8(ascii: "n"):
            try literal("null")
            return FrontmatterValue(kind: .null, range: SourceRange(start, pos), style: .plain)
        default:
            return try number()
        }
    }

    mutating func literal(_ word: String) throws(FrontmatterError) {
        let start = pos
        let p = Array(word.utf8)
        let n = p.count
        var ok = pos + n <= end
        if ok {
            for i in 0..<n where b[pos + i] != p[i] {
                ok = false
                break
            }
        }
        if ok, pos + n < end, Bytes.isAlpha(b[pos + n]) || Bytes.isDigit(b[pos + n]) { ok = false }
        if !ok {
            var e = pos
            while e < end, Bytes.isAlpha(b[e]) || Bytes.isDigit(b[e]) { e += 1 }
            throw fmError(
                "invalid JSON value \(quoted(Bytes.string(b, start..<max(e, start + 1)))); expected \(word)", start,
                max(e, start + 1))
        }
        pos += n
    }

    mutating func number() throws(FrontmatterError) -> FrontmatterValue {
        let start = pos
        var isInt = true
        if pos < end && b[pos] == UInt8(ascii: "-") { pos += 1 }
        func bad(_ at: Int, _ what: String) -> FrontmatterError {
            var e = at
            while e < end,
                !(b[e] == 0x20 || b[e] == 0x0A || b[e] == 0x0D || b[e] == 0x09 || b[e] == UInt8(ascii: ",")
                    || b[e] == UInt8(ascii: "]") || b[e] == UInt8(ascii: "}"))
            { e += 1 }
            return fmError(what, start, max(e, start + 1))
        }
        guard pos < end, Bytes.isDigit(b[pos]) else {
            throw bad(
                pos,
                "expected a JSON value (string, number, object, array, true, false or null), found \(describeByte(b, start, end))"
            )
        }
        if b[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < end && Bytes.isDigit(b[pos]) {
                throw bad(pos, "invalid JSON number: leading zeros are not allowed")
            }
        } else {
            while pos < end && Bytes.isDigit(b[pos]) { pos += 1 }
        }
        if pos < end && b[pos] == UInt8(ascii: ".") {
            isInt = false
            pos += 1
            guard pos < end, Bytes.isDigit(b[pos]) else {
                throw bad(pos, "invalid JSON number: expected a digit after '.'")
            }
            while pos < end && Bytes.isDigit(b[pos]) { pos += 1 }
        }
        if pos < end && (b[pos] == UInt8(ascii: "e") || b[pos] == UInt8(ascii: "E")) {
            isInt = false
            pos += 1
            if pos < end && (b[pos] == UInt8(ascii: "+") || b[pos] == UInt8(ascii: "-")) { pos += 1 }
            guard pos < end, Bytes.isDigit(b[pos]) else {
                throw bad(pos, "invalid JSON number: expected a digit in the exponent")
            }
            while pos < end && Bytes.isDigit(b[pos]) { pos += 1 }
        }
        let text = Bytes.string(b, start..<pos)
        let range = SourceRange(start, pos)
        if isInt, let i = Int64(text) { return FrontmatterValue(kind: .integer(i), range: range, style: .plain) }
        return FrontmatterValue(kind: .float(Double(text) ?? .nan), range: range, style: .plain)
    }

    mutating func string() throws(FrontmatterError) -> String {
        let start = pos
        pos += 1
        var out: [UInt8] = []
        var runStart = pos
        while true {
            guard pos < end else { throw fmError("unterminated string: closing '\"' not found", start, pos) }
            let c = b[pos]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: b[runStart..<pos])
                pos += 1
                break
            }
            if c < 0x20 {
                throw fmError(
                    c == 0x0A
                        ? "unterminated string: line break inside a JSON string"
                        : "control character inside a JSON string must be escaped", pos, pos + 1)
            }
            if c == UInt8(ascii: "\\") {
                out.append(contentsOf: b[runStart..<pos])
                let escStart = pos
                pos += 1
                guard pos < end else { throw fmError("unterminated string: closing '\"' not found", start, pos) }
                let e = b[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var v = try hex4(escStart)
                    if v >= 0xD800 && v <= 0xDBFF {
                        if pos + 1 < end, b[pos] == UInt8(ascii: "\\"), b[pos + 1] == UInt8(ascii: "u") {
                            let save = pos
                            pos += 2
                            let low = try hex4(save)
                            if low >= 0xDC00 && low <= 0xDFFF {
                                v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                pos = save
                                v = 0xFFFD
                            }
                        } else {
                            v = 0xFFFD
                        }
                    } else if v >= 0xDC00 && v <= 0xDFFF {
                        v = 0xFFFD
                    }
                    Bytes.appendScalar(v, to: &out)
                default:
                    throw fmError(
                        "invalid escape sequence '\\\(String(UnicodeScalar(e)))' in JSON string", escStart, pos)
                }
                runStart = pos
                continue
            }
            pos += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func hex4(_ escStart: Int) throws(FrontmatterError) -> UInt32 {
        guard pos + 4 <= end else {
            throw fmError("invalid \\u escape: expected 4 hex digits", escStart, min(end, pos + 4))
        }
        var v: UInt32 = 0
        for i in 0..<4 {
            let c = b[pos + i]
            guard Bytes.isHex(c) else {
                throw fmError("invalid \\u escape: expected 4 hex digits", escStart, pos + i + 1)
            }
            v = v << 4 | Bytes.hexValue(c)
        }
        pos += 4
        return v
    }
}
