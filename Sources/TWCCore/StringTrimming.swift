extension String {
    /// Without leading and trailing spaces, tabs and line feeds.
    public var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" || first == "\n" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" || last == "\n" { view.removeLast() }
        return String(view)
    }
}

extension String {
    /// Every occurrence of `target` replaced, left to right, comparing UTF-8 bytes (Go's
    /// strings.ReplaceAll for a non-empty `target`; no Unicode equivalence, unlike Foundation).
    public func replacingBytes(_ target: String, with replacement: String) -> String {
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
