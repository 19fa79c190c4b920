/// Whether a page's bytes hold a marker at all, before a rule walks its tree for it (`<img`,
/// `[!`): most pages have none.
enum ByteSearch {
    /// Whether `pattern` (ASCII) occurs in `bytes[range]`, ignoring the case of ASCII letters.
    static func contains(_ pattern: String, in bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let needle = Array(pattern.lowercased().utf8)
        guard let first = needle.first, range.count >= needle.count else { return false }
        func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        var index = range.lowerBound
        let last = range.upperBound - needle.count
        while index <= last {
            if lowered(bytes[index]) == first,
                (1..<needle.count).allSatisfy({ lowered(bytes[index + $0]) == needle[$0] })
            {
                return true
            }
            index += 1
        }
        return false
    }
}
