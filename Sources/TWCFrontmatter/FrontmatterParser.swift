import TWCCore

/// Finds and parses the front matter block of a Hugo page. All functions use typed throws
/// (`throws(FrontmatterError)`).
public enum FrontmatterParser {
    /// Hugo's page lexer: finds the front matter block at the start of a page.
    /// nil = no front matter. Throws a located `FrontmatterError` for an invalid delimiter,
    /// a missing closing delimiter or unbalanced JSON braces.
    public static func detect(_ bytes: [UInt8]) throws(FrontmatterError) -> FrontmatterBlock? {
        let b = bytes
        let end = b.count
        var pos = 0
        if end >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { pos = 3 }
        while pos < end {
            let c = b[pos]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C {
                pos += 1
            } else if c == 0xEF && pos + 2 < end && b[pos + 1] == 0xBB && b[pos + 2] == 0xBF {
                pos += 3
            } else {
                break
            }
        }
        guard pos < end else { return nil }
        let open = pos
        switch b[pos] {
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let d = b[pos]
            let isTOML = d == UInt8(ascii: "+")
            let name = isTOML ? "TOML" : "YAML"
            let delim = isTOML ? "+++" : "---"
            var k = 1
            while k < 3 {
                if pos + k >= end || b[pos + k] != d {
                    var e = pos
                    while e < end && b[e] != 0x0A && b[e] != 0x0D { e += 1 }
                    throw fmError(
                        "invalid \(name) delimiter: front matter must start with '\(delim)' on its own line", open, e)
                }
                k += 1
            }
            pos += 3
            // consume one line break after the opening delimiter (Hugo's consumeCRLF: an optional
            // `\r`, then an optional `\n`)
            var atLineStart = false
            if pos < end && b[pos] == 0x0D {
                pos += 1
                atLineStart = true
            }
            if pos < end && b[pos] == 0x0A {
                pos += 1
                atLineStart = true
            }
            let contentStart = pos
            var i = pos
            while true {
                if atLineStart {
                    if i + 3 <= end && b[i] == d && b[i + 1] == d && b[i + 2] == d {
                        // The closing delimiter. As Hugo's lexer does (consumeCRLF), one `\r` and then
                        // one `\n` after it are consumed if present; anything else on the line
                        // (`--- x`, a fourth `-`) is the first line of the body.
                        var bodyStart = i + 3
                        if bodyStart < end && b[bodyStart] == 0x0D { bodyStart += 1 }
                        if bodyStart < end && b[bodyStart] == 0x0A { bodyStart += 1 }
                        return FrontmatterBlock(
                            format: isTOML ? .toml : .yaml,
                            range: SourceRange(open, bodyStart),
                            contentRange: SourceRange(contentStart, i),
                            bodyStart: bodyStart)
                    }
                }
                if i >= end {
                    throw fmError(
                        "closing '\(delim)' of the \(name) front matter not found (end of file reached; '...' does not close front matter)",
                        open, open + 3)
                }
                let c = b[i]
                atLineStart = c == 0x0A || c == 0x0D
                i += 1
                if i >= end && !atLineStart {
                    throw fmError(
                        "closing '\(delim)' of the \(name) front matter not found (end of file reached)", open, open + 3
                    )
                }
            }
        case UInt8(ascii: "{"):
            var level = 0
            var inQuote = false
            var i = pos
            while true {
                guard i < end else {
                    throw fmError(
                        "unbalanced JSON front matter: closing '}' not found before end of file", open, open + 1)
                }
                let c = b[i]
                if c == UInt8(ascii: "{") {
                    if !inQuote { level += 1 }
                } else if c == UInt8(ascii: "}") {
                    if !inQuote { level -= 1 }
                } else if c == UInt8(ascii: "\"") {
                    inQuote.toggle()
                } else if c == UInt8(ascii: "\\") {
                    i += 1
                }
                i += 1
                if level == 0 { break }
            }
            let contentEnd = min(i, end)
            // Hugo's consumeCRLF: an optional `\r`, then an optional `\n`.
            var bodyStart = contentEnd
            if bodyStart < end && b[bodyStart] == 0x0D { bodyStart += 1 }
            if bodyStart < end && b[bodyStart] == 0x0A { bodyStart += 1 }
            return FrontmatterBlock(
                format: .json, range: SourceRange(open, bodyStart),
                contentRange: SourceRange(open, contentEnd), bodyStart: bodyStart)
        default:
            return nil
        }
    }

    /// Parses the block's content into a table value.
    public static func parse(_ bytes: [UInt8], block: FrontmatterBlock) throws(FrontmatterError) -> FrontmatterValue {
        let r = block.contentRange.range
        let v: FrontmatterValue
        switch block.format {
        case .yaml: v = try YAMLParser.parse(bytes, range: r)
        case .toml: v = try TOMLParser.parse(bytes, range: r)
        case .json: v = try JSONParser.parse(bytes, range: r)
        }
        switch v.kind {
        case .table: return v
        case .null: return FrontmatterValue(kind: .table([]), range: block.contentRange)
        default:
            throw fmError("front matter must be a mapping of keys to values", v.range.start, v.range.end)
        }
    }
}
