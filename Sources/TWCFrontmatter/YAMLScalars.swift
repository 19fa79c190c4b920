import TWCCore

/// YAML 1.2 core schema resolution of plain scalars (as Hugo ≥ 0.152 / goccy/go-yaml read them).
enum YAMLResolve {
    static func isDigits(_ t: ArraySlice<UInt8>, _ f: (UInt8) -> Bool) -> Bool {
        !t.isEmpty && t.allSatisfy(f)
    }

    static func resolve(_ text: String) -> FrontmatterValue.Kind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        let t = Array(text.utf8)
        guard let first = t.first else { return .string(text) }
        if !(Bytes.isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "."))
        {
            return .string(text)
        }
        if let k = number(t) { return k }
        if isTimestamp(t) { return .datetime(text) }
        return .string(text)
    }

    static func number(_ t: [UInt8]) -> FrontmatterValue.Kind? {
        if t.count > 2 && t[0] == UInt8(ascii: "0") && t[1] == UInt8(ascii: "o") {
            guard isDigits(t[2...], { $0 >= 0x30 && $0 <= 0x37 }) else { return nil }
            if let v = Int64(String(decoding: t[2...], as: UTF8.self), radix: 8) { return .integer(v) }
            return nil
        }
        if t.count > 2 && t[0] == UInt8(ascii: "0") && t[1] == UInt8(ascii: "x") {
            guard isDigits(t[2...], Bytes.isHex) else { return nil }
            if let v = Int64(String(decoding: t[2...], as: UTF8.self), radix: 16) { return .integer(v) }
            return nil
        }
        var i = 0
        if t[0] == UInt8(ascii: "-") || t[0] == UInt8(ascii: "+") { i = 1 }
        let ds = i
        while i < t.count && Bytes.isDigit(t[i]) { i += 1 }
        let intDigits = i - ds
        if i == t.count {
            guard intDigits > 0 else { return nil }
            let s = String(decoding: t, as: UTF8.self)
            if let v = Int64(s) { return .integer(v) }
            return Double(s).map { .float($0) }
        }
        var fracDigits = 0
        if t[i] == UInt8(ascii: ".") {
            i += 1
            let f = i
            while i < t.count && Bytes.isDigit(t[i]) { i += 1 }
            fracDigits = i - f
        }
        guard intDigits > 0 || fracDigits > 0 else { return nil }
        if i < t.count && (t[i] == UInt8(ascii: "e") || t[i] == UInt8(ascii: "E")) {
            i += 1
            if i < t.count && (t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-")) { i += 1 }
            let f = i
            while i < t.count && Bytes.isDigit(t[i]) { i += 1 }
            guard i > f else { return nil }
        }
        guard i == t.count else { return nil }
        var s = String(decoding: t, as: UTF8.self)
        if s.hasSuffix(".") { s += "0" }
        if s.hasPrefix(".") || s.hasPrefix("-.") || s.hasPrefix("+.") {
            s = s.replacingFirstDot()
        }
        return Double(s).map { .float($0) }
    }

    /// YAML 1.1 timestamp: `2001-12-14`, `2001-12-14t21:59:43.10-05:00`, `2001-12-14 21:59:43.10 -5`.
    static func isTimestamp(_ t: [UInt8]) -> Bool {
        var i = 0
        func digits(_ min: Int, _ max: Int) -> Bool {
            let s = i
            while i < t.count && Bytes.isDigit(t[i]) && i - s < max { i += 1 }
            return i - s >= min
        }
        func ch(_ c: UInt8) -> Bool {
            if i < t.count && t[i] == c {
                i += 1
                return true
            }
            return false
        }
        guard digits(4, 4), ch(UInt8(ascii: "-")) else { return false }
        let ms = i
        guard digits(1, 2), ch(UInt8(ascii: "-")) else { return false }
        let monthLen = i - ms - 1
        let ds = i
        guard digits(1, 2) else { return false }
        let dayLen = i - ds
        if i == t.count { return monthLen == 2 && dayLen == 2 }
        if t[i] == UInt8(ascii: "T") || t[i] == UInt8(ascii: "t") {
            i += 1
        } else if t[i] == 0x20 || t[i] == 0x09 {
            while i < t.count && (t[i] == 0x20 || t[i] == 0x09) { i += 1 }
        } else {
            return false
        }
        guard digits(1, 2), ch(UInt8(ascii: ":")), digits(2, 2), ch(UInt8(ascii: ":")), digits(2, 2) else {
            return false
        }
        if ch(UInt8(ascii: ".")) { _ = digits(0, 20) }
        while i < t.count && (t[i] == 0x20 || t[i] == 0x09) { i += 1 }
        if i == t.count { return true }
        if ch(UInt8(ascii: "Z")) { return i == t.count }
        guard ch(UInt8(ascii: "+")) || ch(UInt8(ascii: "-")) else { return false }
        guard digits(1, 2) else { return false }
        if ch(UInt8(ascii: ":")) { guard digits(2, 2) else { return false } }
        return i == t.count
    }
}

extension String {
    /// ".5" → "0.5", "-.5" → "-0.5" (Double(String) does not accept a leading dot on Linux).
    func replacingFirstDot() -> String {
        if hasPrefix(".") { return "0" + self }
        if hasPrefix("-.") { return "-0" + dropFirst() }
        if hasPrefix("+.") { return "0" + dropFirst() }
        return self
    }
}
