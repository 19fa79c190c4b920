import TWCCore

/// Finds and parses a Goldmark attribute block (`{#id .class key=value}`) on the last line of a
/// heading (`bytes[start..<end]`, trailing blanks removed). Returns the attributes and the end of
/// the heading text before the block (trailing blanks removed).
///
/// Hugo 0.168 scans the line from the left: at each `{` that is not backslash-escaped the block is
/// parsed, and it is taken when it parses and only blanks follow it. Hugo before 0.144
/// (`legacy`) tries only the last `{` that is not directly escaped (`\{` leaves it escaped).
func parseHeadingAttributes(
    _ bytes: [UInt8], _ start: Int, _ end: Int,
    legacy: Bool = false
) -> (attributes: HeadingAttributes, contentEnd: Int)? {
    if legacy {
        var index = start
        var last: Int?
        while index < end {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 1
                if index < end && bytes[index] == UInt8(ascii: "{") { index += 1 }
                continue
            }
            if bytes[index] == UInt8(ascii: "{") { last = index }
            index += 1
        }
        guard let open = last else { return nil }
        return headingAttributes(at: open, bytes, start, end)
    }
    var index = start
    while index < end {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\\") {
            index += 1
            if index < end && isASCIIPunct(bytes[index]) { index += 1 }
            continue
        }
        if byte == UInt8(ascii: "{"), let found = headingAttributes(at: index, bytes, start, end) { return found }
        index += 1
    }
    return nil
}

/// The attribute block opening at `open` when it parses and only blanks follow it before `end`.
func headingAttributes(
    at open: Int, _ bytes: [UInt8], _ start: Int,
    _ end: Int
) -> (attributes: HeadingAttributes, contentEnd: Int)? {
    var parser = AttributeParser(bytes: bytes, position: open, end: end)
    guard let parsed = parser.block(), parser.restIsBlank() else { return nil }
    var contentEnd = open
    while contentEnd > start && isSpaceOrTab(bytes[contentEnd - 1]) { contentEnd -= 1 }
    var attributes = HeadingAttributes(id: nil, classes: [], pairs: [], range: SourceRange(open, parser.position))
    for (name, value) in parsed {
        switch name {
        // The last `id` wins (Goldmark's SetAttribute replaces).
        case "id": attributes.id = value
        case "class": attributes.classes += value.split(separator: " ").map(String.init)
        default: attributes.pairs.append((name, value))
        }
    }
    return (attributes, contentEnd)
}

/// Goldmark's attribute grammar as Hugo 0.168 uses it: `#name` and `.name` (the name may be empty),
/// `key=value` where the value is a double-quoted string with backslash escapes, a number,
/// a bare word, an array `[...]` or a nested block `{...}`; attributes separated by blanks or
/// one comma. Single quotes are not accepted.
struct AttributeParser {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    init(bytes: [UInt8], position: Int, end: Int) {
        self.bytes = bytes
        self.position = position
        self.end = end
    }

    var peek: UInt8? { position < end ? bytes[position] : nil }

    mutating func skipSpaces() {
        while position < end && isWhitespaceByte(bytes[position]) { position += 1 }
    }

    func restIsBlank() -> Bool {
        bytes[position..<end].allSatisfy { isWhitespaceByte($0) }
    }

    /// `{ ... }` at `position`: the attributes in order (name, value as text).
    mutating func block() -> [(String, String)]? {
        guard peek == UInt8(ascii: "{") else { return nil }
        position += 1
        var result: [(String, String)] = []
        while true {
            guard let byte = peek else { return nil }
            if byte == UInt8(ascii: "}") {
                position += 1
                return result
            }
            guard let attribute = attribute() else { return nil }
            if attribute.0 == "class", let existing = result.firstIndex(where: { $0.0 == "class" }) {
                result[existing].1 += " " + attribute.1
            } else {
                result.append(attribute)
            }
            skipSpaces()
            if peek == UInt8(ascii: ",") {
                position += 1
                skipSpaces()
            }
        }
    }

    mutating func attribute() -> (String, String)? {
        skipSpaces()
        guard let first = peek else { return nil }
        if first == UInt8(ascii: "#") || first == UInt8(ascii: ".") {
            position += 1
            let nameStart = position
            while let byte = peek, !isWhitespaceByte(byte),
                !isASCIIPunct(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
            {
                position += 1
            }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
            return (first == UInt8(ascii: "#") ? "id" : "class", name)
        }
        guard isAlpha(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") else { return nil }
        let keyStart = position
        while let byte = peek,
            isAlnum(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        {
            position += 1
        }
        let key = String(decoding: bytes[keyStart..<position], as: UTF8.self)
        skipSpaces()
        guard peek == UInt8(ascii: "=") else { return nil }
        position += 1
        skipSpaces()
        guard let value = value() else { return nil }
        return (key, value)
    }

    /// A value, as the text Goldmark would render (strings unescaped; other values as written).
    mutating func value() -> String? {
        skipSpaces()
        guard let first = peek else { return nil }
        let valueStart = position
        switch first {
        case UInt8(ascii: "{"):
            guard block() != nil else { return nil }
            return ""
        case UInt8(ascii: "["):
            guard array() else { return nil }
            return ""
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "-"), UInt8(ascii: "+"), 0x30...0x39:
            guard number() else { return nil }
            return String(decoding: bytes[valueStart..<position], as: UTF8.self)
        default:
            guard isAlpha(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") else { return nil }
            while let byte = peek,
                isAlnum(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            {
                position += 1
            }
            return String(decoding: bytes[valueStart..<position], as: UTF8.self)
        }
    }

    /// `[v, v, ...]`; a comma before `]` is refused.
    mutating func array() -> Bool {
        position += 1
        var count = 0
        while true {
            var comma = false
            if count > 0 && peek == UInt8(ascii: ",") {
                position += 1
                comma = true
            }
            if peek == UInt8(ascii: "]") {
                guard !comma else { return false }
                position += 1
                return true
            }
            skipSpaces()
            guard value() != nil else { return false }
            count += 1
            skipSpaces()
        }
    }

    /// A double-quoted string with JSON-like escapes; it must close on the same line.
    mutating func string() -> String? {
        position += 1
        var output: [UInt8] = []
        while let byte = peek {
            if byte == UInt8(ascii: "\\") && position + 1 < end {
                let next = bytes[position + 1]
                let replacement: UInt8? =
                    switch next {
                    case UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): next
                    case UInt8(ascii: "b"): 0x08
                    case UInt8(ascii: "f"): 0x0C
                    case UInt8(ascii: "n"): 0x0A
                    case UInt8(ascii: "r"): 0x0D
                    case UInt8(ascii: "t"): 0x09
                    default: nil
                    }
                if let replacement {
                    output.append(replacement)
                    position += 2
                } else {
                    output.append(byte)
                    position += 1
                }
                continue
            }
            position += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: output, as: UTF8.self) }
            output.append(byte)
        }
        return nil
    }

    /// A sign, digits, an optional fraction and exponent.
    mutating func number() -> Bool {
        if peek == UInt8(ascii: "-") || peek == UInt8(ascii: "+") { position += 1 }
        guard let digit = peek, isDigit(digit) else { return false }
        digits()
        if peek == UInt8(ascii: ".") {
            position += 1
            digits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            if peek == UInt8(ascii: "-") || peek == UInt8(ascii: "+") { position += 1 }
            // Go's ParseFloat refuses an exponent without digits.
            guard let digit = peek, isDigit(digit) else { return false }
            digits()
        }
        return true
    }

    mutating func digits() {
        while let byte = peek, isDigit(byte) { position += 1 }
    }
}
