import Foundation

extension String {
    /// Without leading and trailing spaces, tabs and line feeds.
    public var trimmingSpaces: String {
        // Most text has nothing to trim: decided on its first and last bytes.
        if let first = utf8.first, let last = utf8.last, !Self.isTrimmed(first), !Self.isTrimmed(last) {
            return self
        }
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" || first == "\n" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" || last == "\n" { view.removeLast() }
        return String(view)
    }

    private static func isTrimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }

    /// Foundation's `trimmingCharacters(in: .whitespaces)` (tabs and space separators, which on
    /// Linux include U+200B), deciding ASCII ends without Foundation's cost on short strings.
    public var trimmingWhitespaces: String {
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == "\t" || scalar == " " : CharacterSet.whitespaces.contains(scalar)
        }
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isWhitespace(first) || isWhitespace(last) else {
            return self
        }
        guard let start = scalars.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isWhitespace($0) })!
        return String(scalars[start...end])
    }
}

extension StringProtocol {
    /// The length of a leading `http://` or `https://` in any case (7 or 8), else nil: decided on
    /// the first bytes (these letters have no other upper-case form).
    public var webSchemeLength: Int? {
        let bytes = utf8
        for scheme in ["https://", "http://"] where bytes.count >= scheme.utf8.count {
            if zip(bytes, scheme.utf8).allSatisfy({ (0x41...0x5A ~= $0 ? $0 | 0x20 : $0) == $1 }) {
                return scheme.utf8.count
            }
        }
        return nil
    }

    /// Where the first `://` is (a byte search: no Foundation string search in hot paths).
    public func rangeOfSchemeSeparator() -> Range<Index>? {
        let bytes = utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == 0x3A {
                let second = bytes.index(after: index)
                if second != bytes.endIndex, bytes[second] == 0x2F {
                    let third = bytes.index(after: second)
                    if third != bytes.endIndex, bytes[third] == 0x2F { return index..<bytes.index(after: third) }
                }
            }
            index = bytes.index(after: index)
        }
        return nil
    }
}

extension String {
    /// Every occurrence of `target` replaced, left to right, comparing UTF-8 bytes (Go's
    /// strings.ReplaceAll for a non-empty `target`; no Unicode equivalence, unlike Foundation).
    public func replacingBytes(_ target: String, with replacement: String) -> String {
        // Most strings do not hold the target: one byte scan, nothing copied.
        guard let firstByte = target.utf8.first, utf8.contains(firstByte) else { return self }
        let needle = Array(target.utf8)
        let bytes = Array(utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return self }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == first, index + needle.count <= bytes.count,
                bytes[index..<index + needle.count].elementsEqual(needle)
            {
                output.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
