// Go's views of text that the template parser's behaviour and messages depend on: UTF-8 decoding
// as Go's unicode/utf8 does it (an invalid byte is U+FFFD of width 1), the Unicode classes the
// lexer tests, and the quoting of Go's fmt verbs %q and %#U used in Go's error messages.

/// A decoded code point, or `GoText.endOfInput` (Go's `eof`, -1).
typealias GoRune = Int32

/// Go's text helpers, byte based.
enum GoText {
    static let endOfInput: GoRune = -1
    static let runeError: GoRune = 0xFFFD

    /// Decodes the rune starting at `bytes[at]` (`at < end`) as Go's `utf8.DecodeRune`: an invalid
    /// or truncated sequence, an overlong form or a surrogate gives U+FFFD of width 1.
    static func decode(_ bytes: [UInt8], _ at: Int, _ end: Int) -> (rune: GoRune, width: Int) {
        let first = bytes[at]
        if first < 0x80 { return (GoRune(first), 1) }
        // The accepted range of the second byte depends on the first (no overlongs, no surrogates,
        // nothing above U+10FFFF); later bytes are plain continuation bytes.
        let width: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch first {
        case 0xC2...0xDF: width = 2
        case 0xE0:
            width = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: width = 3
        case 0xED:
            width = 3
            high = 0x9F
        case 0xF0:
            width = 4
            low = 0x90
        case 0xF1...0xF3: width = 4
        case 0xF4:
            width = 4
            high = 0x8F
        default: return (runeError, 1)
        }
        guard at + width <= end else { return (runeError, 1) }
        let second = bytes[at + 1]
        guard second >= low && second <= high else { return (runeError, 1) }
        var value = GoRune(first) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        value = value << 6 | GoRune(second & 0x3F)
        var index = at + 2
        while index < at + width {
            let byte = bytes[index]
            guard byte & 0xC0 == 0x80 else { return (runeError, 1) }
            value = value << 6 | GoRune(byte & 0x3F)
            index += 1
        }
        return (value, width)
    }

    /// Decodes the rune that ends at `bytes[end - 1]` (`end > lowerBound`) as Go's
    /// `utf8.DecodeLastRune` over `bytes[lowerBound..<end]`.
    static func decodeLast(_ bytes: [UInt8], lowerBound: Int, end: Int) -> (rune: GoRune, width: Int) {
        let last = bytes[end - 1]
        if last < 0x80 { return (GoRune(last), 1) }
        let limit = max(lowerBound, end - 4)
        var start = end - 2
        while start >= limit, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        if start < limit { start = limit }
        let (rune, width) = decode(bytes, start, end)
        return start + width == end ? (rune, width) : (runeError, 1)
    }

    /// Go's `unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'`: the characters of identifiers.
    static func isAlphaNumeric(_ rune: GoRune) -> Bool {
        if rune < 0x80 {
            guard rune >= 0 else { return false }
            let byte = UInt8(rune)
            let letter = byte | 0x20
            return byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || (letter >= 0x61 && letter <= 0x7A)
        }
        guard let scalar = Unicode.Scalar(UInt32(rune)) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ rune: GoRune) -> Bool {
        if rune < 0x80 { return rune >= 0x20 && rune < 0x7F }
        guard let scalar = Unicode.Scalar(UInt32(rune)) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Go's `unicode.IsSpace` (what `bytes.TrimSpace` trims).
    static func isUnicodeSpace(_ rune: GoRune) -> Bool {
        switch rune {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        default:
            guard rune > 0xFF, let scalar = Unicode.Scalar(UInt32(rune)) else { return false }
            return scalar.properties.isWhitespace
        }
    }

    /// Whether `bytes[range]` is empty once Go's `bytes.TrimSpace` has trimmed it.
    static func isBlank(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let (rune, width) = decode(bytes, index, range.upperBound)
            if !isUnicodeSpace(rune) { return false }
            index += width
        }
        return true
    }

    /// Appends the UTF-8 encoding of a valid rune.
    static func appendUTF8(_ rune: GoRune, to out: inout [UInt8]) {
        let value = UInt32(rune)
        if value < 0x80 {
            out.append(UInt8(value))
        } else if value < 0x800 {
            out.append(UInt8(0xC0 | value >> 6))
            out.append(UInt8(0x80 | value & 0x3F))
        } else if value < 0x10000 {
            out.append(UInt8(0xE0 | value >> 12))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        } else {
            out.append(UInt8(0xF0 | value >> 18))
            out.append(UInt8(0x80 | value >> 12 & 0x3F))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendHex(_ value: UInt32, digits: Int, to out: inout [UInt8]) {
        var shift = (digits - 1) * 4
        while shift >= 0 {
            out.append(hexDigits[Int(value >> UInt32(shift) & 0xF)])
            shift -= 4
        }
    }

    /// Go's `strconv.Quote` (the `%q` verb) of a byte string: double quotes, printable runes as they
    /// are, the rest escaped (`\n`, `\x00`, `\u00ad`, ...; each invalid byte as `\xNN`).
    static func quote<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let input = Array(bytes)
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(input.count + 2)
        var index = 0
        while index < input.count {
            let (rune, width) = decode(input, index, input.count)
            defer { index += width }
            if width == 1 && rune == runeError {
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x")])
                appendHex(UInt32(input[index]), digits: 2, to: &out)
                continue
            }
            if rune == GoRune(UInt8(ascii: "\"")) || rune == GoRune(UInt8(ascii: "\\")) {
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(rune))
                continue
            }
            if isPrint(rune) {
                appendUTF8(rune, to: &out)
                continue
            }
            if let letter = escapeLetter(rune) {
                out.append(UInt8(ascii: "\\"))
                out.append(letter)
            } else if rune < 0x20 || rune == 0x7F {
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x")])
                appendHex(UInt32(rune), digits: 2, to: &out)
            } else if rune < 0x10000 {
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
                appendHex(UInt32(rune), digits: 4, to: &out)
            } else {
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "U")])
                appendHex(UInt32(rune), digits: 8, to: &out)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// The letter of Go's one-letter escape of a control character (`\a` ... `\v`).
    private static func escapeLetter(_ rune: GoRune) -> UInt8? {
        switch rune {
        case 0x07: return UInt8(ascii: "a")
        case 0x08: return UInt8(ascii: "b")
        case 0x0C: return UInt8(ascii: "f")
        case 0x0A: return UInt8(ascii: "n")
        case 0x0D: return UInt8(ascii: "r")
        case 0x09: return UInt8(ascii: "t")
        case 0x0B: return UInt8(ascii: "v")
        default: return nil
        }
    }

    /// Go's `%.Nq`: the first `count` runes of the string (each invalid byte one rune), quoted.
    static func quotePrefix(_ bytes: ArraySlice<UInt8>, runes count: Int) -> String {
        let input = Array(bytes)
        var index = 0
        var runes = 0
        while index < input.count && runes < count {
            index += decode(input, index, input.count).width
            runes += 1
        }
        return quote(input[0..<index])
    }

    /// Go's `%#U`: `U+0041 'A'`, or `U+0007` for a rune that is not printable.
    static func unicodeNotation(_ rune: GoRune) -> String {
        var digits = String(UInt32(bitPattern: rune), radix: 16, uppercase: true)
        while digits.count < 4 { digits = "0" + digits }
        guard isPrint(rune), let scalar = Unicode.Scalar(UInt32(rune)) else { return "U+" + digits }
        return "U+\(digits) '\(Character(scalar))'"
    }
}
