import TWCCore

/// Small helpers shared by the byte-level parsers.
enum Bytes {
    static let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20, tab: UInt8 = 0x09

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
    @inline(__always) static func hexValue(_ c: UInt8) -> UInt32 {
        if isDigit(c) { return UInt32(c - 0x30) }
        if c >= 0x61 { return UInt32(c - 0x61 + 10) }
        return UInt32(c - 0x41 + 10)
    }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// Appends the UTF-8 encoding of a scalar.
    /// The value of `count` hex digits at `position`; nil with the offset of the first byte that is
    /// not a hex digit (or `end`).
    static func hexNumber(_ b: [UInt8], at position: Int, count: Int, end: Int) -> (value: UInt32?, failedAt: Int) {
        var value: UInt32 = 0
        for k in 0..<count {
            guard position + k < end, isHex(b[position + k]) else { return (nil, position + k) }
            value = value << 4 | hexValue(b[position + k])
        }
        return (value, position + count)
    }

    static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Offset of the first byte that is not part of valid UTF-8 in `range`, or nil.
    static func firstInvalidUTF8(_ b: [UInt8], _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            var need = 0
            var minValue: UInt32 = 0
            var v: UInt32 = 0
            if c & 0xE0 == 0xC0 {
                need = 1
                v = UInt32(c & 0x1F)
                minValue = 0x80
            } else if c & 0xF0 == 0xE0 {
                need = 2
                v = UInt32(c & 0x0F)
                minValue = 0x800
            } else if c & 0xF8 == 0xF0 {
                need = 3
                v = UInt32(c & 0x07)
                minValue = 0x10000
            } else {
                return i
            }
            if i + need >= end { return i }
            for k in 1...need {
                let cc = b[i + k]
                if cc & 0xC0 != 0x80 { return i }
                v = (v << 6) | UInt32(cc & 0x3F)
            }
            if v < minValue || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { return i }
            i += need + 1
        }
        return nil
    }
}

@inline(__always) func fmError(_ message: String, _ start: Int, _ end: Int) -> FrontmatterError {
    FrontmatterError(message: message, range: SourceRange(start, max(start, end)))
}

extension FrontmatterError {
    /// The error with its range inside the parsed `range`: an error that points one byte past the
    /// last ("found end of input") becomes the empty range at the end.
    func clamped(to range: Range<Int>) -> FrontmatterError {
        let start = min(max(self.range.start, range.lowerBound), range.upperBound)
        let end = min(max(self.range.end, start), range.upperBound)
        return FrontmatterError(message: message, range: SourceRange(start, end))
    }
}

/// Quotes a piece of source for an error message, shortened.
func quoted(_ s: String) -> String {
    let short = s.count > 40 ? String(s.prefix(40)) + "…" : s
    return "\"" + short + "\""
}

/// Describes the byte at `pos` for an error message.
func describeByte(_ b: [UInt8], _ pos: Int, _ end: Int) -> String {
    if pos >= end { return "end of input" }
    let c = b[pos]
    switch c {
    case 0x0A, 0x0D: return "end of line"
    case 0x09: return "a tab"
    case 0x20: return "a space"
    default:
        if c < 0x80 { return "'" + String(UnicodeScalar(c)) + "'" }
        var e = pos + 1
        while e < end && b[e] & 0xC0 == 0x80 { e += 1 }
        return "'" + Bytes.string(b, pos..<e) + "'"
    }
}
