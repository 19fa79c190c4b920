import TWCCore

/// What is wrong with a URL (the `malformed-url` rule); `broken-link` leaves such links to it.
public enum MalformedURL {
    public struct Problem: Equatable {
        public var description: String
        /// The URL as it was most likely meant, when that is clear.
        public var meant: String?
    }

    /// File name endings that make `name.ext/…` a file or folder rather than a host.
    static let fileExtensions: Set<String> = [
        "html", "htm", "md", "markdown", "php", "asp", "aspx", "jsp", "pdf", "png", "jpg", "jpeg", "gif", "svg",
        "webp", "txt", "xml", "json", "zip", "gz", "mp3", "mp4", "doc", "docx", "odt", "xls", "xlsx", "csv", "js",
        "css", "ics", "epub",
    ]

    /// Whether UTF-8 text holds `%20` (byte search: no Foundation string search in the hot path).
    static func hasEncodedSpace(_ bytes: Substring.UTF8View) -> Bool {
        var state = 0
        for byte in bytes {
            switch (state, byte) {
            case (_, 0x25): state = 1
            case (1, 0x32): state = 2
            case (2, 0x30): return true
            default: state = 0
            }
        }
        return false
    }

    /// Whether `url` is `http://` or `https://` (any case) followed by a host that `problem`
    /// finds nothing wrong with: no second scheme, spaces or slashes right after the scheme, a
    /// host without spaces (written or `%20`), a port of digits. false sends it to `problem`'s
    /// full reading.
    static func isPlainWebAddress(_ url: String) -> Bool {
        guard let scheme = url.webSchemeLength else { return false }
        return url.utf8.withContiguousStorageIfAvailable { isPlainHost($0, from: scheme) } ?? false
    }

    /// The host part of `isPlainWebAddress`, from `start` (just after the scheme).
    private static func isPlainHost(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard start < bytes.count else { return false }
        switch bytes[start] {
        case UInt8(ascii: " "), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "h"), UInt8(ascii: "H"),
            UInt8(ascii: "["):
            return false
        default: break
        }
        var end = start
        var hostStart = start
        var colon: Int?
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            switch byte {
            case 0x20, UInt8(ascii: "%"), UInt8(ascii: "["): return false
            case UInt8(ascii: "@"):
                hostStart = end + 1
                colon = nil
            case UInt8(ascii: ":"): colon = end
            default: break
            }
            end += 1
        }
        guard hostStart < end else { return false }
        if let colon {
            for index in (colon + 1)..<end where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                return false
            }
        }
        return true
    }

    /// `leadsNowhere`: whether the link, read as a path of the site, finds nothing there; a name
    /// such as `example.org/join` counts as a host only then (`www.…` always).
    public static func problem(_ destination: String, leadsNowhere: Bool) -> Problem? {
        problem(destination, leadsNowhere: leadsNowhere, quickCheck: true)
    }

    /// `quickCheck: false` skips the byte check, for tests that compare both readings.
    static func problem(_ destination: String, leadsNowhere: Bool, quickCheck: Bool) -> Problem? {
        let url = destination.trimmingSpaces
        guard !url.isEmpty else { return nil }
        // Most links are well-formed web addresses: a byte check clears them without the
        // character-level reading below.
        if quickCheck, isPlainWebAddress(url) { return nil }
        if let schemeLength = url.webSchemeLength {
            let rest = Substring(url.dropFirst(schemeLength))
            // A second scheme after spaces (written or encoded) and slashes.
            var skipped = rest
            while true {
                if skipped.hasPrefix("%20") {
                    skipped = skipped.dropFirst(3)
                } else if let first = skipped.first, first == " " || first == "/" {
                    skipped = skipped.dropFirst()
                } else {
                    break
                }
            }
            let inner = skipped.lowercased()
            if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("http//")
                || inner.hasPrefix("https//")
            {
                let scheme = inner.hasPrefix("https") ? "https://" : "http://"
                let after = skipped.drop { $0 != "/" }.drop { $0 == "/" }
                return Problem(description: "has its scheme twice", meant: after.isEmpty ? nil : scheme + after)
            }
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if authority.isEmpty { return Problem(description: "has no host", meant: nil) }
            if authority.utf8.contains(0x20) || hasEncodedSpace(authority.utf8) {
                return Problem(description: "has a space in its host", meant: nil)
            }
            if !authority.hasPrefix("["), let colon = authority.lastIndex(of: ":") {
                let port = authority[authority.index(after: colon)...]
                if !port.isEmpty, !port.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    return Problem(description: "has a port that is not a number", meant: nil)
                }
            }
            return nil
        }
        // A host without a scheme: `www.example.org`, or `example.org/…` whose first segment ends
        // in a name that is not a file extension.
        guard !url.hasPrefix("/"), !url.hasPrefix("."), !url.hasPrefix("#"), !url.utf8.contains(0x3A) else {
            return nil
        }
        let firstSegment = url.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let labels = firstSegment.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return nil }
        let isWWW = firstSegment.lowercased().hasPrefix("www.")
        let last = labels.last!.lowercased()
        let looksLikeHost =
            isWWW
            || (leadsNowhere && url.count > firstSegment.count
                && url[url.index(url.startIndex, offsetBy: firstSegment.count)] == "/"
                && (2...6).contains(last.count) && last.allSatisfy({ $0.isASCII && $0.isLetter })
                && !fileExtensions.contains(last)
                && labels.dropLast().allSatisfy({
                    $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                }))
        guard looksLikeHost else { return nil }
        return Problem(
            description: "names a host without a scheme, so a browser reads it as a path on this site",
            meant: "https://" + url)
    }
}
