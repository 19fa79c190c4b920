// The conversions Go's template parser applies to constants, with Go's acceptance rules:
// strconv.ParseUint/ParseInt (base 0), ParseFloat, fmt.Sscan of a complex number,
// strconv.UnquoteChar and strconv.Unquote.

/// Go's strconv (and fmt.Sscan for complex numbers), as far as the template parser uses them.
enum GoStrconv {
    enum FloatResult: Equatable {
        case value(Double)
        case syntax
        case range
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte | 0x20 }
    private static func isDecimal(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Go's `underscoreOK`: underscores only between digits, or between a base prefix and a digit.
    static func underscoreOK(_ text: ArraySlice<UInt8>) -> Bool {
        var input = text
        if let first = input.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            input = input.dropFirst()
        }
        var saw: UInt8 = UInt8(ascii: "^")
        var hex = false
        var index = input.startIndex
        if input.count >= 2, input[index] == UInt8(ascii: "0") {
            let prefix = lower(input[index + 1])
            if prefix == UInt8(ascii: "b") || prefix == UInt8(ascii: "o") || prefix == UInt8(ascii: "x") {
                index += 2
                saw = UInt8(ascii: "0")
                hex = prefix == UInt8(ascii: "x")
            }
        }
        while index < input.endIndex {
            let byte = input[index]
            index += 1
            if isDecimal(byte) || hex && lower(byte) >= UInt8(ascii: "a") && lower(byte) <= UInt8(ascii: "f") {
                saw = UInt8(ascii: "0")
                continue
            }
            if byte == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
                continue
            }
            if saw == UInt8(ascii: "_") { return false }
            saw = UInt8(ascii: "!")
        }
        return saw != UInt8(ascii: "_")
    }

    /// Go's `strconv.ParseUint(text, 0, 64)`; nil on a syntax or range error.
    static func parseUint(_ text: [UInt8]) -> UInt64? {
        parseUnsigned(text[...])
    }

    private static func parseUnsigned(_ text: ArraySlice<UInt8>) -> UInt64? {
        guard !text.isEmpty else { return nil }
        var digits = text
        var base: UInt64 = 10
        if digits.first == UInt8(ascii: "0") {
            let second = digits.count >= 3 ? lower(digits[digits.startIndex + 1]) : 0
            switch second {
            case UInt8(ascii: "b"):
                base = 2
                digits = digits.dropFirst(2)
            case UInt8(ascii: "o"):
                base = 8
                digits = digits.dropFirst(2)
            case UInt8(ascii: "x"):
                base = 16
                digits = digits.dropFirst(2)
            default:
                base = 8
                digits = digits.dropFirst(1)
            }
        }
        var value: UInt64 = 0
        var underscores = false
        for byte in digits {
            let digit: UInt64
            if byte == UInt8(ascii: "_") {
                underscores = true
                continue
            } else if isDecimal(byte) {
                digit = UInt64(byte - 0x30)
            } else if lower(byte) >= UInt8(ascii: "a") && lower(byte) <= UInt8(ascii: "z") {
                digit = UInt64(lower(byte) - UInt8(ascii: "a") + 10)
            } else {
                return nil
            }
            guard digit < base else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: base)
            guard !overflow else { return nil }
            let (sum, carry) = product.addingReportingOverflow(digit)
            guard !carry else { return nil }
            value = sum
        }
        if underscores && !underscoreOK(text) { return nil }
        return value
    }

    /// Go's `strconv.ParseInt(text, 0, 64)`; nil on a syntax or range error.
    static func parseInt(_ text: [UInt8]) -> Int64? {
        guard !text.isEmpty else { return nil }
        var magnitude = text[...]
        var negative = false
        if text[0] == UInt8(ascii: "+") || text[0] == UInt8(ascii: "-") {
            negative = text[0] == UInt8(ascii: "-")
            magnitude = text.dropFirst()
        }
        guard let unsigned = parseUnsigned(magnitude) else { return nil }
        let cutoff = UInt64(1) << 63
        if !negative && unsigned >= cutoff || negative && unsigned > cutoff { return nil }
        return negative ? Int64(bitPattern: 0 &- unsigned) : Int64(unsigned)
    }

    /// Go's `strconv.ParseFloat(text, 64)`: Go's syntax (decimal, or hexadecimal with a 'p'
    /// exponent; underscores as in Go literals; "inf", "infinity" and "nan"), ±Inf is a range
    /// error, underflow is not an error.
    static func parseFloat(_ text: ArraySlice<UInt8>) -> FloatResult {
        let input = Array(text)
        if let special = special(input) { return .value(special) }
        guard readFloat(input) else { return .syntax }
        let cleaned = String(decoding: input.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(cleaned) else { return .syntax }
        return value.isInfinite ? .range : .value(value)
    }

    /// "inf", "+Inf", "-infinity", "NaN" (any case), which Go's ParseFloat accepts.
    private static func special(_ input: [UInt8]) -> Double? {
        var body = input[...]
        var sign: Double = 1
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            body = body.dropFirst()
        }
        let word = String(decoding: body, as: UTF8.self).lowercased()
        if word == "inf" || word == "infinity" { return sign * Double.infinity }
        if word == "nan" && body.count == input.count { return Double.nan }
        return nil
    }

    /// Go's `readFloat` acceptance: whether the whole of `input` is a well-formed float.
    private static func readFloat(_ input: [UInt8]) -> Bool {
        var index = 0
        let count = input.count
        guard index < count else { return false }
        if input[index] == UInt8(ascii: "+") || input[index] == UInt8(ascii: "-") { index += 1 }
        var hex = false
        if index + 2 < count && input[index] == UInt8(ascii: "0") && lower(input[index + 1]) == UInt8(ascii: "x") {
            hex = true
            index += 2
        }
        var underscores = false
        var sawDot = false
        var sawDigits = false
        digitLoop: while index < count {
            let byte = input[index]
            if byte == UInt8(ascii: "_") {
                underscores = true
            } else if byte == UInt8(ascii: ".") {
                if sawDot { break digitLoop }
                sawDot = true
            } else if isDecimal(byte) || hex && lower(byte) >= UInt8(ascii: "a") && lower(byte) <= UInt8(ascii: "f") {
                sawDigits = true
            } else {
                break digitLoop
            }
            index += 1
        }
        guard sawDigits else { return false }
        if index < count && lower(input[index]) == (hex ? UInt8(ascii: "p") : UInt8(ascii: "e")) {
            index += 1
            guard index < count else { return false }
            if input[index] == UInt8(ascii: "+") || input[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDecimal(input[index]) else { return false }
            while index < count && (isDecimal(input[index]) || input[index] == UInt8(ascii: "_")) {
                if input[index] == UInt8(ascii: "_") { underscores = true }
                index += 1
            }
        } else if hex {
            return false  // a hexadecimal mantissa needs a 'p' exponent
        }
        if underscores && !underscoreOK(input[0..<index]) { return false }
        return index == count
    }

    /// The message of Go's `*strconv.NumError` for ParseFloat.
    private static func floatError(_ text: ArraySlice<UInt8>, _ result: FloatResult) -> TemplateValueError {
        let reason = result == .range ? "value out of range" : "invalid syntax"
        return TemplateValueError(message: "strconv.ParseFloat: parsing " + GoText.quote(text) + ": " + reason)
    }

    /// What `fmt.Sscan` makes of a complex constant such as `1+2i`: the real and imaginary parts,
    /// or Sscan's error.
    static func scanComplex(_ input: [UInt8]) -> Result<(Double, Double), TemplateValueError> {
        var index = 0
        func accept(_ valid: String) -> Bool {
            guard index < input.count, valid.utf8.contains(input[index]) else { return false }
            index += 1
            return true
        }
        // fmt's floatToken: the accepts consume even when the words they start are not completed.
        func floatToken() -> ArraySlice<UInt8> {
            let start = index
            if accept("nN") && accept("aA") && accept("nN") { return input[start..<index] }
            _ = accept("+-")
            if accept("iI") && accept("nN") && accept("fF") { return input[start..<index] }
            var digits = "0123456789_"
            var exponent = "eEpP"
            if accept("0") && accept("xX") {
                digits = "0123456789aAbBcCdDeEfF_"
                exponent = "pP"
            }
            while accept(digits) {}
            if accept(".") { while accept(digits) {} }
            if accept(exponent) {
                _ = accept("+-")
                while accept("0123456789_") {}
            }
            return input[start..<index]
        }
        let syntaxError = TemplateValueError(message: "syntax error scanning complex number")
        let realToken = floatToken()
        let signIndex = index
        guard accept("+-") else { return .failure(syntaxError) }
        _ = floatToken()
        let imaginaryToken = input[signIndex..<index]
        guard accept("i") else { return .failure(syntaxError) }
        switch (convertFloat(realToken), convertFloat(imaginaryToken)) {
        case (.failure(let error), _), (_, .failure(let error)): return .failure(error)
        case (.success(let real), .success(let imaginary)): return .success((real, imaginary))
        }
    }

    /// fmt's `convertFloat`: ParseFloat, except that a decimal mantissa may carry a binary
    /// exponent (`1.5p3`).
    private static func convertFloat(_ token: ArraySlice<UInt8>) -> Result<Double, TemplateValueError> {
        let hasX = token.contains(UInt8(ascii: "x")) || token.contains(UInt8(ascii: "X"))
        if let p = token.firstIndex(of: UInt8(ascii: "p")), !hasX {
            let mantissa = parseFloat(token[token.startIndex..<p])
            guard case .value(let value) = mantissa else { return .failure(floatError(token, mantissa)) }
            let exponentText = String(decoding: token[(p + 1)...], as: UTF8.self)
            guard let exponent = Int(exponentText) else {
                let digits = token[(p + 1)...]
                let reason = digits.allSatisfy(isDecimal) && !digits.isEmpty ? "value out of range" : "invalid syntax"
                let message = "strconv.Atoi: parsing " + GoText.quote(token) + ": " + reason
                return .failure(TemplateValueError(message: message))
            }
            return .success(scaled(value, exponent))
        }
        let result = parseFloat(token)
        guard case .value(let value) = result else { return .failure(floatError(token, result)) }
        return .success(value)
    }

    /// Go's `math.Ldexp`.
    private static func scaled(_ value: Double, _ exponent: Int) -> Double {
        Double(sign: .plus, exponent: exponent, significand: value)
    }

    /// Go's `int64(f)` on amd64: truncation, and the "integer indefinite" value (the minimum)
    /// outside the range.
    static func int64(_ value: Double) -> Int64 {
        guard value.isFinite, value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0 else {
            return Int64.min
        }
        return Int64(value)
    }

    /// Go's `uint64(f)` on amd64: below 2^63 through int64, at and above it by subtracting 2^63
    /// and setting the top bit.
    static func uint64(_ value: Double) -> UInt64 {
        let twoTo63 = 9_223_372_036_854_775_808.0
        if value < twoTo63 { return UInt64(bitPattern: int64(value)) }
        return UInt64(bitPattern: int64(value - twoTo63)) | (UInt64(1) << 63)
    }

    private static func unhex(_ byte: UInt8) -> UInt32? {
        if isDecimal(byte) { return UInt32(byte - 0x30) }
        let lowered = lower(byte)
        if lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "f") {
            return UInt32(lowered - UInt8(ascii: "a") + 10)
        }
        return nil
    }

    /// Go's `strconv.UnquoteChar` on `bytes[at...]`: the rune, whether it must be written as
    /// UTF-8 (else it is a single byte, as `\xff` is), and where the rest starts; nil on a syntax error.
    static func unquoteChar(_ bytes: [UInt8], at: Int, quote: UInt8) -> (rune: GoRune, multibyte: Bool, next: Int)? {
        guard at < bytes.count else { return nil }
        let first = bytes[at]
        if first == quote && (quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"")) { return nil }
        if first >= 0x80 {
            let (rune, width) = GoText.decode(bytes, at, bytes.count)
            return (rune, true, at + width)
        }
        if first != UInt8(ascii: "\\") { return (GoRune(first), false, at + 1) }
        guard at + 1 < bytes.count else { return nil }
        let letter = bytes[at + 1]
        var next = at + 2
        switch letter {
        case UInt8(ascii: "a"): return (0x07, false, next)
        case UInt8(ascii: "b"): return (0x08, false, next)
        case UInt8(ascii: "f"): return (0x0C, false, next)
        case UInt8(ascii: "n"): return (0x0A, false, next)
        case UInt8(ascii: "r"): return (0x0D, false, next)
        case UInt8(ascii: "t"): return (0x09, false, next)
        case UInt8(ascii: "v"): return (0x0B, false, next)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = letter == UInt8(ascii: "x") ? 2 : letter == UInt8(ascii: "u") ? 4 : 8
            guard next + count <= bytes.count else { return nil }
            var value: UInt32 = 0
            for index in next..<next + count {
                guard let digit = unhex(bytes[index]) else { return nil }
                value = value << 4 | digit
            }
            next += count
            if letter == UInt8(ascii: "x") { return (GoRune(value), false, next) }
            guard value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
            return (GoRune(value), true, next)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(letter - 0x30)
            guard next + 2 <= bytes.count else { return nil }
            for index in next..<next + 2 {
                let digit = bytes[index]
                guard digit >= 0x30 && digit <= 0x37 else { return nil }
                value = value << 3 | UInt32(digit - 0x30)
            }
            next += 2
            guard value <= 255 else { return nil }
            return (GoRune(value), false, next)
        case UInt8(ascii: "\\"):
            return (GoRune(letter), false, next)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            guard letter == quote else { return nil }
            return (GoRune(letter), false, next)
        default:
            return nil
        }
    }

    /// Go's `strconv.Unquote` of a string token (`"..."` or a raw `` `...` ``): the value's bytes,
    /// or nil on a syntax error. Raw strings lose their carriage returns.
    static func unquote(_ token: ArraySlice<UInt8>) -> [UInt8]? {
        let input = Array(token)
        guard input.count >= 2, let quote = input.first, input.last == quote else { return nil }
        let body = input[1..<input.count - 1]
        if quote == UInt8(ascii: "`") {
            guard !body.contains(quote) else { return nil }
            return body.filter { $0 != 0x0D }
        }
        guard quote == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var index = 1
        while index < input.count - 1 {
            guard input[index] != 0x0A, let (rune, multibyte, next) = unquoteChar(input, at: index, quote: quote) else {
                return nil
            }
            if rune < 0x80 || !multibyte {
                out.append(UInt8(truncatingIfNeeded: rune))
            } else {
                GoText.appendUTF8(rune, to: &out)
            }
            index = next
        }
        // The last quote must close the string, not be the end of an escape.
        return index == input.count - 1 ? out : nil
    }
}
