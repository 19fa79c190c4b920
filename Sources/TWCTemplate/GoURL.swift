/// Go's `net/url.URL` as `url.Parse` makes it (Hugo's `urls.Parse`): the fields templates read
/// and `String()`.
public struct GoURL: Sendable, Equatable {
    public var scheme = ""
    public var opaque = ""
    /// `user@`, as written (nil when there is none).
    public var user: String?
    public var host = ""
    /// The path, percent-decoded.
    public var path = ""
    /// The path as written, when decoding and encoding again would not give it back.
    public var rawPath = ""
    public var omitHost = false
    public var forceQuery = false
    public var rawQuery = ""
    /// The fragment, percent-decoded.
    public var fragment = ""
    public var rawFragment = ""

    /// `url.Parse`: nil where Go returns an error (an invalid percent escape, a control
    /// character, a colon in a first path segment, a scheme of nothing).
    public static func parse(_ raw: String) -> GoURL? {
        var rest = Substring(raw)
        var fragmentText: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragmentText = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        guard var url = parseWithoutFragment(rest) else { return nil }
        if let fragmentText {
            guard let decoded = unescape(fragmentText, mode: .fragment) else { return nil }
            url.fragment = decoded
            url.rawFragment = escape(decoded, mode: .fragment) == fragmentText ? "" : String(fragmentText)
        }
        return url
    }

    private static func parseWithoutFragment(_ raw: Substring) -> GoURL? {
        if raw.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return nil }
        var url = GoURL()
        if raw.isEmpty { return url }
        if raw == "*" {
            url.path = "*"
            return url
        }
        var rest = raw
        // The scheme: a letter, then letters, digits, `+`, `-`, `.`, up to a colon.
        var index = raw.startIndex
        while index < raw.endIndex {
            let character = raw[index]
            if character.isASCII && character.isLetter {
            } else if character.isASCII
                && (character.isNumber || character == "+" || character == "-" || character == ".")
            {
                if index == raw.startIndex { break }
            } else if character == ":" {
                if index == raw.startIndex { return nil }  // missing protocol scheme
                url.scheme = raw[..<index].lowercased()
                rest = raw[raw.index(after: index)...]
                break
            } else {
                break
            }
            index = raw.index(after: index)
        }
        if rest.hasSuffix("?") && rest.filter({ $0 == "?" }).count == 1 {
            url.forceQuery = true
            rest = rest.dropLast()
        } else if let mark = rest.firstIndex(of: "?") {
            url.rawQuery = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        if !rest.hasPrefix("/") {
            if !url.scheme.isEmpty {
                url.opaque = String(rest)
                return url
            }
            let segment = rest.prefix { $0 != "/" }
            if segment.utf8.contains(UInt8(ascii: ":")) { return nil }
        }
        if (!url.scheme.isEmpty || !rest.hasPrefix("///")) && rest.hasPrefix("//") {
            var authority = rest.dropFirst(2)
            rest = ""
            if let slash = authority.firstIndex(of: "/") {
                rest = authority[slash...]
                authority = authority[..<slash]
            }
            if let at = authority.lastIndex(of: "@") {
                url.user = String(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            guard let host = unescape(authority, mode: .host) else { return nil }
            url.host = host
        } else if !url.scheme.isEmpty && rest.hasPrefix("/") {
            url.omitHost = true
        }
        guard let path = unescape(rest, mode: .path) else { return nil }
        url.path = path
        url.rawPath = escape(path, mode: .path) == rest ? "" : String(rest)
        return url
    }

    /// `u.IsAbs()`: it has a scheme.
    public var isAbsolute: Bool { !scheme.isEmpty }

    /// `u.EscapedPath()`.
    public var escapedPath: String {
        if !rawPath.isEmpty, Self.validEncoded(rawPath, mode: .path),
            Self.unescape(Substring(rawPath), mode: .path) == path
        {
            return rawPath
        }
        if path == "*" { return "*" }
        return Self.escape(path, mode: .path)
    }

    /// `u.EscapedFragment()`.
    public var escapedFragment: String {
        if !rawFragment.isEmpty, Self.validEncoded(rawFragment, mode: .fragment),
            Self.unescape(Substring(rawFragment), mode: .fragment) == fragment
        {
            return rawFragment
        }
        return Self.escape(fragment, mode: .fragment)
    }

    /// `u.Hostname()`: the host without a port.
    public var hostname: String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<close])
        }
        if let colon = host.lastIndex(of: ":") { return String(host[..<colon]) }
        return host
    }

    /// `u.String()`.
    public var string: String {
        var output = ""
        if !scheme.isEmpty { output += scheme + ":" }
        if !opaque.isEmpty {
            output += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !(omitHost && host.isEmpty && user == nil) {
                    if !host.isEmpty || !path.isEmpty || user != nil { output += "//" }
                    if let user { output += user + "@" }
                    if !host.isEmpty { output += Self.escape(host, mode: .host) }
                }
            }
            let escaped = escapedPath
            if !escaped.isEmpty && !escaped.hasPrefix("/") && !host.isEmpty { output += "/" }
            if output.isEmpty, escaped.utf8.prefix(while: { $0 != UInt8(ascii: "/") }).contains(UInt8(ascii: ":")) {
                output += "./"
            }
            output += escaped
        }
        if forceQuery || !rawQuery.isEmpty { output += "?" + rawQuery }
        if !fragment.isEmpty { output += "#" + escapedFragment }
        return output
    }

    /// `u.Query()`: the query's keys and values (`+` is a space; pairs that do not decode are
    /// left out).
    public var query: [String: [String]] {
        var values: [String: [String]] = [:]
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true)
        where !pair.utf8.contains(UInt8(ascii: ";")) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.unescape(parts[0], mode: .queryComponent),
                let value = Self.unescape(parts.count > 1 ? parts[1] : "", mode: .queryComponent)
            else { continue }
            values[key, default: []].append(value)
        }
        return values
    }

    // MARK: Go's escape and unescape

    enum Mode { case path, host, fragment, queryComponent }

    static func unescape(_ text: Substring, mode: Mode) -> String? {
        guard
            text.utf8.contains(UInt8(ascii: "%")) || (mode == .queryComponent && text.utf8.contains(UInt8(ascii: "+")))
        else { return String(text) }
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < source.count, let high = hexValue(source[index + 1]),
                    let low = hexValue(source[index + 2])
                else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else if byte == UInt8(ascii: "+") && mode == .queryComponent {
                bytes.append(0x20)
                index += 1
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Go's `validEncoded`: only bytes that need no escaping, sub-delimiters and `%`.
    static func validEncoded(_ text: String, mode: Mode) -> Bool {
        for byte in text.utf8 where !"!$&'()*+,;=:@[]%".utf8.contains(byte) {
            if shouldEscape(byte, mode: mode) { return false }
        }
        return true
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    static func shouldEscape(_ byte: UInt8, mode: Mode) -> Bool {
        if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) {
            return false
        }
        if mode == .host {
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"),
                UInt8(ascii: ">"), UInt8(ascii: "\""):
                return false
            default: break
            }
        }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"),
            UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch mode {
            case .path: return byte == UInt8(ascii: "?")
            case .queryComponent: return true
            case .fragment, .host: return false
            }
        default: break
        }
        if mode == .fragment {
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"): return false
            default: break
            }
        }
        return true
    }

    static func escape(_ text: String, mode: Mode) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if byte == 0x20 && mode == .queryComponent {
                bytes.append(UInt8(ascii: "+"))
            } else if shouldEscape(byte, mode: mode) {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
