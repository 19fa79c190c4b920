// Small byte-level scanners shared by the block and inline phases.

@inline(__always) func isSpaceOrTab(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
@inline(__always) func isLineEnd(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }
@inline(__always) func isWhitespaceByte(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x0B
}
@inline(__always) func isASCIIPunct(_ c: UInt8) -> Bool {
    (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
}
@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
@inline(__always) func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
@inline(__always) func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) }
@inline(__always) func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }

/// Case-insensitive ASCII prefix test of `word` (lowercase) at `bytes[at..<end]`.
func hasPrefixCI(_ bytes: [UInt8], _ at: Int, _ end: Int, _ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard end - at >= count else { return false }
    let w = word.utf8Start
    for k in 0..<count where lower(bytes[at + k]) != w[k] { return false }
    return true
}

/// Whether bytes[range] holds a NUL byte (CommonMark replaces NUL with U+FFFD).
@inline(__always) func containsNUL<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    bytes.withContiguousStorageIfAvailable { buffer in
        for byte in buffer where byte == 0 { return true }
        return false
    } ?? bytes.contains(0)
}

/// Searches `needle` (lowercase ASCII) case-insensitively in bytes[from..<end].
func containsCI(_ bytes: [UInt8], _ from: Int, _ end: Int, _ needle: String) -> Bool {
    let n = Array(needle.utf8)
    guard n.count > 0, end - from >= n.count else { return false }
    var i = from
    while i + n.count <= end {
        if lower(bytes[i]) == n[0] {
            var k = 1
            while k < n.count && lower(bytes[i + k]) == n[k] { k += 1 }
            if k == n.count { return true }
        }
        i += 1
    }
    return false
}

/// Appends the UTF-8 encoding of a scalar value (invalid → U+FFFD).
func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
    let v: UInt32 = (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) ? 0xFFFD : value
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

/// Tries to read an entity or numeric character reference at bytes[at] == '&'.
/// Returns the decoded bytes and the position after the ';'.
func scanEntity(_ bytes: [UInt8], _ at: Int, _ end: Int) -> (value: [UInt8], next: Int)? {
    var i = at + 1
    guard i < end else { return nil }
    if bytes[i] == UInt8(ascii: "#") {
        i += 1
        var value: UInt32 = 0
        var digits = 0
        if i < end && (bytes[i] == UInt8(ascii: "x") || bytes[i] == UInt8(ascii: "X")) {
            i += 1
            while i < end && isHexDigit(bytes[i]) && digits < 7 {
                let c = bytes[i]
                let d: UInt32 = isDigit(c) ? UInt32(c - 0x30) : UInt32((c | 0x20) - 0x61 + 10)
                value = value * 16 + d
                digits += 1
                i += 1
            }
            guard digits >= 1 && digits <= 6 else { return nil }
        } else {
            while i < end && isDigit(bytes[i]) && digits < 8 {
                value = value * 10 + UInt32(bytes[i] - 0x30)
                digits += 1
                i += 1
            }
            guard digits >= 1 && digits <= 7 else { return nil }
        }
        guard i < end && bytes[i] == UInt8(ascii: ";") else { return nil }
        var out: [UInt8] = []
        appendScalar(value, to: &out)
        return (out, i + 1)
    }
    let nameStart = i
    while i < end && isAlnum(bytes[i]) && i - nameStart <= 32 { i += 1 }
    guard i > nameStart, i < end, bytes[i] == UInt8(ascii: ";") else { return nil }
    guard let value = HTMLEntities.lookup(Array(bytes[nameStart..<i])) else { return nil }
    return (value, i + 1)
}

/// Resolves backslash escapes (`\*` → `*`, ASCII punctuation only) in bytes[start..<end], leaving
/// entity references as they are (Hugo's heading text keeps numeric references raw).
public func resolveBackslashEscapes(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var i = start
    while i < end {
        if bytes[i] == UInt8(ascii: "\\") && i + 1 < end && isASCIIPunct(bytes[i + 1]) {
            out.append(bytes[i + 1])
            i += 2
        } else {
            out.append(bytes[i])
            i += 1
        }
    }
    return out
}

/// Resolves backslash escapes and entity references in bytes[start..<end].
func unescapeBytes(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var i = start
    while i < end {
        let c = bytes[i]
        if c == UInt8(ascii: "\\") && i + 1 < end && isASCIIPunct(bytes[i + 1]) {
            out.append(bytes[i + 1])
            i += 2
        } else if c == UInt8(ascii: "&"), let (value, next) = scanEntity(bytes, i, end) {
            out.append(contentsOf: value)
            i = next
        } else {
            out.append(c)
            i += 1
        }
    }
    return out
}

func unescapeString(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
    String(decoding: unescapeBytes(bytes, start, end), as: UTF8.self)
}

/// Normalizes a link label: trim, collapse internal whitespace, Unicode case fold.
func normalizeLabel(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
    var out: [UInt8] = []
    var i = start
    var pendingSpace = false
    while i < end {
        let c = bytes[i]
        if isWhitespaceByte(c) {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(c)
        }
        i += 1
    }
    let s = String(decoding: out, as: UTF8.self)
    return s.lowercased().uppercased().lowercased()
}

// MARK: - Link destination / title / label scanners (used by ref defs and inline links)

/// Scans a link destination at bytes[at]. Returns (contentStart, contentEnd, next) where the content
/// excludes `<` `>`. `allowEmptyRaw` is false everywhere (raw destinations are non-empty).
func scanLinkDestination(_ b: [UInt8], _ at: Int, _ end: Int) -> (Int, Int, Int)? {
    guard at < end else { return nil }
    if b[at] == UInt8(ascii: "<") {
        var i = at + 1
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: ">") { return (at + 1, i, i + 1) }
            if c == UInt8(ascii: "<") || isLineEnd(c) { return nil }
            if c == UInt8(ascii: "\\") && i + 1 < end && isASCIIPunct(b[i + 1]) {
                i += 2
                continue
            }
            i += 1
        }
        return nil
    }
    var i = at
    var depth = 0
    while i < end {
        let c = b[i]
        if c == UInt8(ascii: "\\") && i + 1 < end && isASCIIPunct(b[i + 1]) {
            i += 2
            continue
        }
        if c == UInt8(ascii: "(") {
            depth += 1
            if depth > 32 { return nil }
        } else if c == UInt8(ascii: ")") {
            if depth == 0 { break }
            depth -= 1
        } else if c <= 0x20 || c == 0x7F {
            break
        }
        i += 1
    }
    if i == at || depth != 0 { return nil }
    return (at, i, i)
}

/// Scans a link title at bytes[at]. Returns (contentStart, contentEnd, next).
func scanLinkTitle(_ b: [UInt8], _ at: Int, _ end: Int) -> (Int, Int, Int)? {
    guard at < end else { return nil }
    let open = b[at]
    let close: UInt8
    switch open {
    case UInt8(ascii: "\""): close = open
    case UInt8(ascii: "'"): close = open
    case UInt8(ascii: "("): close = UInt8(ascii: ")")
    default: return nil
    }
    var i = at + 1
    while i < end {
        let c = b[i]
        if c == UInt8(ascii: "\\") && i + 1 < end && isASCIIPunct(b[i + 1]) {
            i += 2
            continue
        }
        if c == close { return (at + 1, i, i + 1) }
        if open == UInt8(ascii: "(") && c == UInt8(ascii: "(") { return nil }
        // a blank line ends the title
        if c == 0x0A {
            var j = i + 1
            while j < end && isSpaceOrTab(b[j]) { j += 1 }
            if j < end && b[j] == 0x0A { return nil }
        }
        i += 1
    }
    return nil
}

/// Scans a link label `[...]` at bytes[at] == '['. Returns (contentStart, contentEnd, next).
func scanLinkLabel(_ b: [UInt8], _ at: Int, _ end: Int) -> (Int, Int, Int)? {
    guard at < end, b[at] == UInt8(ascii: "[") else { return nil }
    var i = at + 1
    var nonBlank = false
    while i < end {
        let c = b[i]
        if c == UInt8(ascii: "\\") && i + 1 < end && isASCIIPunct(b[i + 1]) {
            nonBlank = true
            i += 2
            continue
        }
        if c == UInt8(ascii: "[") { return nil }
        if c == UInt8(ascii: "]") {
            guard i - (at + 1) <= 999 else { return nil }
            return (at + 1, i, i + 1)
        }
        if !isWhitespaceByte(c) { nonBlank = true }
        i += 1
        if i - at > 1001 { return nil }
    }
    _ = nonBlank
    return nil
}

func labelIsBlank(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
    var i = s
    while i < e {
        if !isWhitespaceByte(b[i]) { return false }
        i += 1
    }
    return true
}

// MARK: - Raw HTML scanner

enum HTMLScanner {
    static func scanTagName(_ b: [UInt8], _ at: Int, _ end: Int) -> Int? {
        guard at < end, isAlpha(b[at]) else { return nil }
        var i = at + 1
        while i < end && (isAlnum(b[i]) || b[i] == UInt8(ascii: "-")) { i += 1 }
        return i
    }

    static func skipWS(_ b: [UInt8], _ at: Int, _ end: Int) -> Int {
        var i = at
        while i < end && isWhitespaceByte(b[i]) { i += 1 }
        return i
    }

    /// Open tag at b[at] == '<'. Returns the position after '>'.
    static func openTag(_ b: [UInt8], _ at: Int, _ end: Int) -> Int? {
        guard var i = scanTagName(b, at + 1, end) else { return nil }
        while true {
            let ws = skipWS(b, i, end)
            guard ws < end else { return nil }
            let c = b[ws]
            if c == UInt8(ascii: ">") { return ws + 1 }
            if c == UInt8(ascii: "/") {
                return (ws + 1 < end && b[ws + 1] == UInt8(ascii: ">")) ? ws + 2 : nil
            }
            if ws == i { return nil }  // attribute needs leading whitespace
            // attribute name
            guard isAlpha(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") else { return nil }
            var j = ws + 1
            while j < end,
                isAlnum(b[j]) || b[j] == UInt8(ascii: "_") || b[j] == UInt8(ascii: ".")
                    || b[j] == UInt8(ascii: ":") || b[j] == UInt8(ascii: "-")
            { j += 1 }
            // optional value
            let k = skipWS(b, j, end)
            if k < end && b[k] == UInt8(ascii: "=") {
                let v = skipWS(b, k + 1, end)
                guard v < end else { return nil }
                let q = b[v]
                if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                    var m = v + 1
                    while m < end && b[m] != q { m += 1 }
                    guard m < end else { return nil }
                    i = m + 1
                } else {
                    var m = v
                    while m < end {
                        let d = b[m]
                        if isWhitespaceByte(d) || d == UInt8(ascii: "\"") || d == UInt8(ascii: "'")
                            || d == UInt8(ascii: "=")
                            || d == UInt8(ascii: "<") || d == UInt8(ascii: ">") || d == UInt8(ascii: "`")
                        {
                            break
                        }
                        m += 1
                    }
                    guard m > v else { return nil }
                    i = m
                }
            } else {
                i = j
            }
        }
    }

    static func closeTag(_ b: [UInt8], _ at: Int, _ end: Int) -> Int? {
        guard at + 1 < end, b[at + 1] == UInt8(ascii: "/"), let i = scanTagName(b, at + 2, end) else { return nil }
        let j = skipWS(b, i, end)
        return (j < end && b[j] == UInt8(ascii: ">")) ? j + 1 : nil
    }
}
