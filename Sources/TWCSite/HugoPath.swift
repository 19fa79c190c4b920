/// A content path read by `HugoPath.contentPath`.
public struct ContentPath: Sendable, Equatable {
    /// Directory segments, normalised (`blog`, `café-bar`).
    public var directory: [String]
    /// The file name as written (`Café Bar.nl.md`).
    public var fileName: String
    /// The file name without extension and language suffix, normalised (`café-bar`, `index`,
    /// `_index`).
    public var stem: String
    /// The extension, lower-cased (`md`).
    public var ext: String
    /// The language suffix of the file name (`nl`), if it names a language of the site.
    public var language: String?
    /// The logical path: directory and stem, without `index` and `_index` (`/blog/café-bar`, `/`).
    public var logicalPath: String
}

/// Hugo 0.168's path handling (hugo-behaviour §2.2, §2.5): the normalisation that makes a file's
/// logical path, the sanitiser that makes a URL path of it, and the percent-encoding of what
/// Hugo writes into links (`.RelPermalink`).
public enum HugoPath {
    /// The logical path one folder up (`/docs/a` → `/docs`, `/docs` → `/`, `/` → `/`).
    static func parent(_ logicalPath: String) -> String {
        logicalPath.lastIndex(of: "/").map { $0 == logicalPath.startIndex ? "/" : String(logicalPath[..<$0]) } ?? "/"
    }

    /// Hugo ≥ 0.123 path normalisation (`NormalizePathStringBasic`): lower case with Go's simple
    /// 1:1 mapping (`İ` → `i`, `Σ` → `σ`), spaces (U+0020 only) to `-`.
    public static func normalize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(scalar == " " ? "-" : HeadingAnchor.goSimpleLower(scalar))
        }
        return String(result)
    }

    /// A content path (relative to the content root, `blog/Café Bar.nl.md`) as Hugo's path parser
    /// reads it: every segment normalised, the extension and a language suffix taken off the file
    /// name. `isLanguage` says whether a suffix is a language key of the site (enabled or not).
    /// This is the one reading of file names and of `ref`/`GetPage` paths, so that both agree.
    public static func contentPath(_ path: String, isLanguage: (String) -> Bool) -> ContentPath {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let fileName = segments.popLast() ?? ""
        var name = fileName
        var ext = ""
        // A leading dot starts a name, not an extension (`.well-known`).
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            ext = lower(String(name[name.index(after: dot)...]))
            name = String(name[..<dot])
        }
        var language: String?
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            // Hugo lower-cases the path before it looks for a language: `p.EN.md` is English.
            let suffix = lower(String(name[name.index(after: dot)...]))
            if isLanguage(suffix) {
                language = suffix
                name = String(name[..<dot])
            }
        }
        let directory = segments.map(normalize)
        let stem = normalize(name)
        let logical = stem == "index" || stem == "_index" ? directory : directory + [stem]
        return ContentPath(
            directory: directory, fileName: fileName, stem: stem, ext: ext, language: language,
            logicalPath: "/" + logical.joined(separator: "/"))
    }

    /// Go's `strings.ToLower`: every scalar through the simple mapping.
    public static func lower(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(HeadingAnchor.goSimpleLower(scalar)) }
        return String(result)
    }

    /// Hugo's `paths.Sanitize`: keeps letters, decimal digits, marks, `. / \ _ # + ~ - @` and `%`
    /// followed by two hex digits; a run of white space (Go's `unicode.IsSpace`) after something
    /// was kept becomes one `-` before the next kept character (none when that is a `-` or the
    /// previous kept character was); everything else is dropped.
    public static func sanitize(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let bytes = Array(text.utf8)
        var result = String.UnicodeScalarView()
        var byteOffset = 0
        var prependHyphen = false
        var wasHyphen = false
        var keptAny = false
        for scalar in scalars {
            let width = String(scalar).utf8.count
            defer { byteOffset += width }
            if isAllowed(scalar, at: byteOffset, in: bytes) {
                wasHyphen = scalar == "-"
                if prependHyphen {
                    if !wasHyphen { result.append("-") }
                    prependHyphen = false
                }
                result.append(scalar)
                keptAny = true
            } else if keptAny && !wasHyphen && isGoSpace(scalar) {
                prependHyphen = true
            }
        }
        return String(result)
    }

    static func isAllowed(_ scalar: Unicode.Scalar, at offset: Int, in bytes: [UInt8]) -> Bool {
        if scalar == " " { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            break
        }
        switch scalar {
        case ".", "/", "\\", "_", "#", "+", "~", "-", "@": return true
        case "%": return offset + 2 < bytes.count && isHex(bytes[offset + 1]) && isHex(bytes[offset + 2])
        default: return false
        }
    }

    /// Go's `unicode.IsSpace`.
    static func isGoSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        default: return scalar.value > 0xFF && scalar.properties.isWhitespace
        }
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// A URL path as Hugo writes it into links (Go's `URL.EscapedPath`): UTF-8 bytes other than
    /// ASCII letters, digits, `- _ . ~ $ & + , / : ; = @` are percent-encoded (upper-case hex);
    /// an existing `%XX` is kept. `/café--bar/` → `/caf%C3%A9--bar/`, `/a#b/` → `/a%23b/`.
    public static func percentEncode(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let digits = Array("0123456789ABCDEF".utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                out.append(contentsOf: bytes[index...index + 2])
                index += 3
                continue
            }
            if isUnescaped(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isUnescaped(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return "-_.~$&+,/:;=@".utf8.contains(byte)
        }
    }

    /// Go's `path.Clean` for a rooted path: collapses `//`, resolves `.` and `..` (never above the
    /// root), no trailing slash except for the root itself.
    public static func clean(_ path: String) -> String {
        var output: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !output.isEmpty { output.removeLast() }
                continue
            }
            output.append(part)
        }
        return "/" + output.joined(separator: "/")
    }

    /// Go's `path.Ext` of the last segment: non-empty when it holds a dot.
    static func hasExtension(_ path: String) -> Bool {
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        return last.utf8.contains(UInt8(ascii: "."))
    }
}
