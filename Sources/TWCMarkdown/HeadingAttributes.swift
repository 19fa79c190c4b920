import TWCCore

/// Parses a Goldmark `{#id .class key=value}` block that ends exactly at bytes[end-1] == '}'.
/// Returns the attributes and the end of the heading text before the block (trailing spaces removed).
func parseHeadingAttributes(_ b: [UInt8], _ start: Int, _ end: Int) -> (attributes: HeadingAttributes, contentEnd: Int)? {
    guard end > start, b[end - 1] == UInt8(ascii: "}") else { return nil }
    // find the opening brace (the last '{' before the end)
    var open = end - 2
    while open >= start && b[open] != UInt8(ascii: "{") { open -= 1 }
    guard open >= start else { return nil }
    if open > start && b[open - 1] == UInt8(ascii: "\\") { return nil }
    var id: String?
    var classes: [String] = []
    var pairs: [(key: String, value: String)] = []
    var i = open + 1
    let close = end - 1
    func isNameByte(_ c: UInt8) -> Bool {
        if isWhitespaceByte(c) { return false }
        if isASCIIPunct(c) { return c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") || c == UInt8(ascii: ".") }
        return true
    }
    while i < close {
        let c = b[i]
        if isSpaceOrTab(c) || c == UInt8(ascii: ",") { i += 1; continue }
        if c == UInt8(ascii: "#") || c == UInt8(ascii: ".") {
            var j = i + 1
            // classes may not contain '.' as a separator start, but goldmark allows '.' inside names
            while j < close && isNameByte(b[j]) && !(c == UInt8(ascii: ".") && false) { j += 1 }
            guard j > i + 1 else { return nil }
            guard j == close || isSpaceOrTab(b[j]) || b[j] == UInt8(ascii: ",") else { return nil }
            let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
            if c == UInt8(ascii: "#") { id = name } else { classes.append(name) }
            i = j
            continue
        }
        // key=value
        guard isAlpha(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") else { return nil }
        var j = i + 1
        while j < close, isAlnum(b[j]) || b[j] == UInt8(ascii: "_") || b[j] == UInt8(ascii: "-")
                || b[j] == UInt8(ascii: ":") || b[j] == UInt8(ascii: ".") { j += 1 }
        let key = String(decoding: b[i..<j], as: UTF8.self)
        while j < close && isSpaceOrTab(b[j]) { j += 1 }
        guard j < close, b[j] == UInt8(ascii: "=") else { return nil }
        j += 1
        while j < close && isSpaceOrTab(b[j]) { j += 1 }
        guard j < close else { return nil }
        var value: String
        if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
            let q = b[j]
            var k = j + 1
            var out: [UInt8] = []
            while k < close && b[k] != q {
                if b[k] == UInt8(ascii: "\\") && k + 1 < close { out.append(b[k + 1]); k += 2; continue }
                out.append(b[k]); k += 1
            }
            guard k < close else { return nil }
            value = String(decoding: out, as: UTF8.self)
            j = k + 1
        } else {
            var k = j
            while k < close && !isSpaceOrTab(b[k]) && b[k] != UInt8(ascii: ",") && b[k] != UInt8(ascii: "\"") { k += 1 }
            guard k > j else { return nil }
            value = String(decoding: b[j..<k], as: UTF8.self)
            j = k
        }
        if key == "id" { id = value } else if key == "class" {
            classes.append(contentsOf: value.split(separator: " ").map(String.init))
        } else { pairs.append((key, value)) }
        i = j
    }
    var contentEnd = open
    while contentEnd > start && isSpaceOrTab(b[contentEnd - 1]) { contentEnd -= 1 }
    let attributes = HeadingAttributes(id: id, classes: classes, pairs: pairs, range: SourceRange(open, end))
    return (attributes, contentEnd)
}
