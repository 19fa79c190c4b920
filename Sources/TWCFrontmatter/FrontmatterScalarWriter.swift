import TWCCore

/// Spells scalars in each front matter syntax. Every function returns the bytes of one value (or
/// key), or nil when that style cannot hold the text; the editor then tries a more general style.
enum ScalarWriter {
    static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")

    // MARK: shared

    /// Integers are spelled alike in YAML, TOML and JSON.
    static func integer(_ value: Int64) -> [UInt8] { Array(String(value).utf8) }

    /// Swift prints finite doubles with a `.` or an exponent (`5.0`, `1e-05`), which YAML's core
    /// schema, TOML and JSON all read as floats.
    static func finiteFloat(_ value: Double) -> [UInt8] { Array(value.description.utf8) }

    static func bool(_ value: Bool) -> [UInt8] { Array((value ? "true" : "false").utf8) }

    /// Characters no quoted style may hold literally in any of the three syntaxes (besides the
    /// C0 controls): DEL, the C1 controls, the byte order mark, Unicode line and paragraph
    /// separators and the noncharacters YAML excludes from its printable set.
    static func isUnprintable(_ v: UInt32) -> Bool {
        v == 0x7F || (v >= 0x80 && v <= 0x9F) || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF
    }

    static func appendHex(_ value: UInt32, digits: Int, to out: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            out.append(hex[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    static func appendEscape(_ letter: Character, to out: inout [UInt8]) {
        out.append(backslash)
        out.append(contentsOf: String(letter).utf8)
    }

    // MARK: YAML

    static func yamlFloat(_ value: Double) -> [UInt8] {
        if value.isNaN { return Array(".nan".utf8) }
        if value.isInfinite { return Array((value < 0 ? "-.inf" : ".inf").utf8) }
        return finiteFloat(value)
    }

    /// The text as a plain (unquoted) YAML scalar, if it reads back as this same string: not
    /// empty, no surrounding blanks, no indicator at the start, no `: ` or ` #` inside (nor flow
    /// indicators inside a flow collection), and not something the core schema resolves to null,
    /// a bool, a number or a timestamp. Strings a YAML 1.1 reader would take for a number, a
    /// bool (`yes`, `off`) or a sexagesimal (`1:20`) are quoted too, for older Hugo versions.
    static func yamlPlain(_ text: String, inFlow: Bool) -> [UInt8]? {
        let s = Array(text.utf8)
        guard let first = s.first, let last = s.last else { return nil }
        func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        func isFlowIndicator(_ c: UInt8) -> Bool {
            c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{")
                || c == UInt8(ascii: "}")
        }
        if isBlank(first) || isBlank(last) { return nil }
        switch first {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            guard s.count > 1, !isBlank(s[1]), !(inFlow && isFlowIndicator(s[1])) else { return nil }
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), singleQuote, doubleQuote, UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return nil
        default:
            break
        }
        for (i, c) in s.enumerated() {
            if c < 0x20 { return nil }  // line breaks, tabs and other controls
            if c == UInt8(ascii: ":")
                && (i + 1 == s.count || isBlank(s[i + 1]) || (inFlow && isFlowIndicator(s[i + 1])))
            {
                return nil
            }
            if c == UInt8(ascii: "#") && i > 0 && isBlank(s[i - 1]) { return nil }
            if inFlow && isFlowIndicator(c) { return nil }
        }
        if text.unicodeScalars.contains(where: { isUnprintable($0.value) }) { return nil }
        guard case .string = YAMLResolve.resolve(text) else { return nil }
        if ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased()) { return nil }
        let numberish = Set("0123456789abcdefABCDEFxXoO_.:+-".utf8)
        if Bytes.isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "."),
            s.contains(where: Bytes.isDigit), s.allSatisfy({ numberish.contains($0) })
        {
            return nil
        }
        return s
    }

    /// `'text'` with `'` doubled; nil when the text has a line break or a character only an escape
    /// can write (single quotes have no escapes).
    static func yamlSingleQuoted(_ text: String) -> [UInt8]? {
        var out: [UInt8] = [singleQuote]
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && v != 0x09) || isUnprintable(v) { return nil }
            if v == 0x27 { out.append(singleQuote) }
            out.append(contentsOf: String(scalar).utf8)
        }
        out.append(singleQuote)
        return out
    }

    /// `"text"` with YAML escapes; holds any string, on one line.
    static func yamlDoubleQuoted(_ text: String) -> [UInt8] {
        var out: [UInt8] = [doubleQuote]
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: appendEscape("\"", to: &out)
            case 0x5C: appendEscape("\\", to: &out)
            case 0x00: appendEscape("0", to: &out)
            case 0x07: appendEscape("a", to: &out)
            case 0x08: appendEscape("b", to: &out)
            case 0x09: appendEscape("t", to: &out)
            case 0x0A: appendEscape("n", to: &out)
            case 0x0B: appendEscape("v", to: &out)
            case 0x0C: appendEscape("f", to: &out)
            case 0x0D: appendEscape("r", to: &out)
            case 0x1B: appendEscape("e", to: &out)
            case 0x85: appendEscape("N", to: &out)
            case 0x2028: appendEscape("L", to: &out)
            case 0x2029: appendEscape("P", to: &out)
            default:
                if v < 0x20 || (v >= 0x7F && v <= 0x9F) {
                    appendEscape("x", to: &out)
                    appendHex(v, digits: 2, to: &out)
                } else if isUnprintable(v) {
                    appendEscape("u", to: &out)
                    appendHex(v, digits: 4, to: &out)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(doubleQuote)
        return out
    }

    /// A key as YAML writes it: plain where possible, else double-quoted.
    static func yamlKey(_ key: String, inFlow: Bool) -> [UInt8] {
        yamlPlain(key, inFlow: inFlow) ?? yamlDoubleQuoted(key)
    }

    // MARK: TOML

    static func tomlFloat(_ value: Double) -> [UInt8] {
        if value.isNaN { return Array("nan".utf8) }
        if value.isInfinite { return Array((value < 0 ? "-inf" : "inf").utf8) }
        return finiteFloat(value)
    }

    /// Escapes shared by TOML basic strings (one-line and multi-line) and JSON strings.
    static func appendBasicEscape(_ v: UInt32, to out: inout [UInt8]) -> Bool {
        switch v {
        case 0x22: appendEscape("\"", to: &out)
        case 0x5C: appendEscape("\\", to: &out)
        case 0x08: appendEscape("b", to: &out)
        case 0x09: appendEscape("t", to: &out)
        case 0x0A: appendEscape("n", to: &out)
        case 0x0C: appendEscape("f", to: &out)
        case 0x0D: appendEscape("r", to: &out)
        default:
            guard v < 0x20 || v == 0x7F else { return false }
            appendEscape("u", to: &out)
            appendHex(v, digits: 4, to: &out)
        }
        return true
    }

    /// `"text"`: a TOML basic string; holds any string.
    static func tomlBasic(_ text: String) -> [UInt8] {
        var out: [UInt8] = [doubleQuote]
        for scalar in text.unicodeScalars {
            if !appendBasicEscape(scalar.value, to: &out) { out.append(contentsOf: String(scalar).utf8) }
        }
        out.append(doubleQuote)
        return out
    }

    /// `'text'`: a TOML literal string; nil when the text holds `'`, a line break or a control
    /// character (literal strings have no escapes).
    static func tomlLiteral(_ text: String) -> [UInt8]? {
        var out: [UInt8] = [singleQuote]
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x27 || (v < 0x20 && v != 0x09) || v == 0x7F { return nil }
            out.append(contentsOf: String(scalar).utf8)
        }
        out.append(singleQuote)
        return out
    }

    /// `"""…"""`: line breaks are written as the file's line ending, backslashes and controls
    /// escaped, and a `"` escaped where it would start a closing `"""`. The break after the
    /// opening quotes is not part of the value, so it is written when the old value had one (to
    /// keep its layout) and whenever the text itself starts with a line break.
    static func tomlMultilineBasic(_ text: String, breakAfterOpening: Bool, lineEnding: [UInt8]) -> [UInt8] {
        var out: [UInt8] = Array("\"\"\"".utf8)
        let scalars = Array(text.unicodeScalars)
        if breakAfterOpening || scalars.first == "\n" { out.append(contentsOf: lineEnding) }
        for (i, scalar) in scalars.enumerated() {
            let v = scalar.value
            if v == 0x0A {
                out.append(contentsOf: lineEnding)
                continue
            }
            if v == 0x09 {
                out.append(0x09)
                continue
            }
            if v == 0x22 {
                let closesEarly = i + 1 == scalars.count || scalars[i + 1] == "\""
                if closesEarly { appendEscape("\"", to: &out) } else { out.append(doubleQuote) }
                continue
            }
            if !appendBasicEscape(v, to: &out) { out.append(contentsOf: String(scalar).utf8) }
        }
        out.append(contentsOf: "\"\"\"".utf8)
        return out
    }

    /// `'''…'''`; nil when the text holds `'''`, ends with `'` or has a control character other
    /// than tab and line feed.
    static func tomlMultilineLiteral(_ text: String, breakAfterOpening: Bool, lineEnding: [UInt8]) -> [UInt8]? {
        if text.contains("'''") || text.hasSuffix("'") { return nil }
        var out: [UInt8] = Array("'''".utf8)
        if breakAfterOpening || text.hasPrefix("\n") { out.append(contentsOf: lineEnding) }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A {
                out.append(contentsOf: lineEnding)
                continue
            }
            if (v < 0x20 && v != 0x09) || v == 0x7F { return nil }
            out.append(contentsOf: String(scalar).utf8)
        }
        out.append(contentsOf: "'''".utf8)
        return out
    }

    /// A key as TOML writes it: bare (`A-Za-z0-9_-`) where possible, else a basic string.
    static func tomlKey(_ key: String) -> [UInt8] {
        let s = Array(key.utf8)
        let bare =
            !s.isEmpty
            && s.allSatisfy {
                Bytes.isAlpha($0) || Bytes.isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            }
        return bare ? s : tomlBasic(key)
    }

    // MARK: JSON

    /// JSON has no NaN or infinity.
    static func jsonFloat(_ value: Double) -> [UInt8]? {
        value.isFinite ? finiteFloat(value) : nil
    }

    static func jsonString(_ text: String) -> [UInt8] {
        var out: [UInt8] = [doubleQuote]
        for scalar in text.unicodeScalars {
            // DEL may stand unescaped in JSON.
            if scalar.value == 0x7F {
                out.append(0x7F)
            } else if !appendBasicEscape(scalar.value, to: &out) {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        out.append(doubleQuote)
        return out
    }
}
