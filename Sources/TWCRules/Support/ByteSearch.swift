import Foundation

/// Whether a page's bytes hold a marker at all, before a rule walks its tree for it (`<img`,
/// `[!`): most pages have none.
enum ByteSearch {
    /// Whether `pattern` (ASCII) occurs in `bytes[range]`, ignoring the case of ASCII letters.
    static func contains(_ pattern: String, in bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let needle = Array(pattern.lowercased().utf8)
        guard !needle.isEmpty, range.lowerBound >= 0, range.upperBound <= bytes.count, range.count >= needle.count
        else { return false }
        func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        func isLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
        // The needle's first byte that is not a letter is found with memchr (one case to look
        // for); the rest of the needle is compared around it.
        let anchor = needle.firstIndex { !isLetter($0) }
        return bytes.withUnsafeBufferPointer { buffer in
            func matches(at start: Int) -> Bool {
                for offset in 0..<needle.count where lowered(buffer[start + offset]) != needle[offset] { return false }
                return true
            }
            let lastStart = range.upperBound - needle.count
            guard let anchor, let base = buffer.baseAddress else {
                return (range.lowerBound...lastStart).contains { matches(at: $0) }
            }
            var start = range.lowerBound
            while start <= lastStart {
                let from = start + anchor
                guard let found = memchr(base + from, Int32(needle[anchor]), lastStart - start + 1) else {
                    return false
                }
                start = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - anchor
                if matches(at: start) { return true }
                start += 1
            }
            return false
        }
    }
}
