import Foundation

/// Hugo's heading-ID sanitisers (markup/goldmark/autoid.go), scalar by scalar.
public enum AnchorStyle: String, Sendable, CaseIterable {
    case github
    case githubASCII = "github-ascii"
    case blackfriday
}

public enum HeadingAnchor {
    /// `sanitize(text, style)`: the ID for a heading text, before the `heading` fallback and
    /// de-duplication.
    public static func sanitize(_ text: String, style: AnchorStyle) -> String {
        switch style {
        case .github: return github(Array(text.unicodeScalars), asciiOnly: false)
        case .githubASCII: return github(Array(stripAccents(text).unicodeScalars), asciiOnly: true)
        case .blackfriday: return blackfriday(text)
        }
    }

    private static func github(_ scalars: [Unicode.Scalar], asciiOnly: Bool) -> String {
        var start = 0
        var end = scalars.count
        while start < end, isGoSpace(scalars[start]) { start += 1 }
        while end > start, isGoSpace(scalars[end - 1]) { end -= 1 }
        var result = String.UnicodeScalarView()
        for scalar in scalars[start..<end] {
            if asciiOnly && !scalar.isASCII { continue }
            if scalar == "-" || scalar == " " {
                result.append("-")
            } else if isLetter(scalar) || isDecimalDigit(scalar) || scalar == "_" {
                result.append(goSimpleLower(scalar))
            }
        }
        return String(result)
    }

    private static func blackfriday(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSeparator = false
        for scalar in text.unicodeScalars {
            if isLetter(scalar) || isNumber(scalar) {
                if pendingSeparator && !result.isEmpty { result.append("-") }
                pendingSeparator = false
                result.append(goSimpleLower(scalar))
            } else {
                pendingSeparator = true
            }
        }
        return String(result)
    }

    /// NFD, drop non-spacing marks, NFC (Hugo's github-ascii accent removal).
    private static func stripAccents(_ text: String) -> String {
        let decomposed = text.decomposedStringWithCanonicalMappingCompat
        var scalars = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMappingCompat
    }

    /// Go's unicode.IsSpace.
    static func isGoSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        default: return scalar.value > 0xFF && scalar.properties.isWhitespace
        }
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isDecimalDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }

    static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Go's unicode.ToLower: the simple 1:1 mapping (no final sigma, İ -> i).
    static func goSimpleLower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            if scalar.value >= 0x41 && scalar.value <= 0x5A { return Unicode.Scalar(scalar.value + 32)! }
            return scalar
        }
        if scalar.value == 0x130 { return "i" }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        if mapping.count == 1, let lower = mapping.first { return lower }
        return scalar
    }
}

/// Assigns heading IDs for one Markdown document as Hugo does: explicit IDs are reserved and
/// used verbatim, auto IDs get `-1`, `-2`, ... when taken, an empty sanitised ID becomes `heading`.
public struct AnchorAllocator: Sendable {
    public private(set) var used: Set<String> = []
    let style: AnchorStyle

    public init(style: AnchorStyle) { self.style = style }

    /// - Parameters:
    ///   - explicitID: `{#id}` on the heading, if any.
    ///   - text: the heading's plain text (Hugo's TextPlain); nil means no auto ID, and so does
    ///     empty text unless `emptyTextGetsID` (Hugo before 0.144 gives an empty heading `heading`).
    /// - Returns: the heading's ID, or nil when Hugo gives it none.
    public mutating func allocate(explicitID: String?, text: String?, emptyTextGetsID: Bool = false) -> String? {
        if let explicitID {
            used.insert(explicitID)
            return explicitID
        }
        guard let text, !text.isEmpty || emptyTextGetsID else { return nil }
        var base = HeadingAnchor.sanitize(text, style: style)
        if base.isEmpty { base = "heading" }
        var candidate = base
        var counter = 1
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}

extension String {
    var decomposedStringWithCanonicalMappingCompat: String { (self as NSString).decomposedStringWithCanonicalMapping }
    var precomposedStringWithCanonicalMappingCompat: String { (self as NSString).precomposedStringWithCanonicalMapping }
}
