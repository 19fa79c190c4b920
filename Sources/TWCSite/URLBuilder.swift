import TWCCore
import TWCFrontmatter

/// Page URLs as Hugo computes them (hugo-semantics §2.5): language prefix, path, `slug`, `url`.
enum URLBuilder {
    static func url(for file: SiteLoader.PlacedFile, frontmatter: FrontmatterValue, config: SiteConfig) -> String {
        if let url = frontmatter["url"]?.stringValue, !url.isEmpty {
            var result = url.hasPrefix("/") ? url : "/" + url
            let last = result.split(separator: "/").last.map(String.init) ?? ""
            if !result.hasSuffix("/") && !last.contains(".") { result += "/" }
            return result
        }
        var segments = file.logicalPath.split(separator: "/").map { sanitizeSegment(String($0)) }
        if let slug = frontmatter["slug"]?.stringValue, !slug.isEmpty, !segments.isEmpty {
            segments[segments.count - 1] = sanitizeSegment(slug.lowercased().replacingOccurrences(of: " ", with: "-"))
        }
        let prefix = config.urlPrefix(for: file.language)
        return segments.isEmpty ? prefix : prefix + segments.joined(separator: "/") + "/"
    }

    /// Keeps letters, digits, marks and `. _ # + ~ - @` (Hugo's path sanitiser).
    static func sanitizeSegment(_ segment: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in segment.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark:
                result.append(scalar)
            default:
                if ".\\_#+~-@%".unicodeScalars.contains(scalar) { result.append(scalar) }
            }
        }
        return String(result)
    }
}
