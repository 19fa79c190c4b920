import Foundation
import TWCCore

/// Resolves link destinations as the built site does (hugo-semantics §6.2 and §6.3).
struct LinkResolver {
    let site: SiteModel

    func resolve(_ destination: String, from page: Page) -> LinkTarget {
        let trimmed = destination.trimmingSpaces
        if trimmed.hasPrefix("//") || hasScheme(trimmed) { return .external(trimmed) }
        var path = trimmed
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = percentDecode(String(path[path.index(after: hash)...]))
            path = String(path[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        if path.isEmpty { return .page(page.index, fragment: fragment) }
        path = percentDecode(path)
        if site.config.linkResolution == .embeddedHook, let found = hookLookup(path, from: page) {
            return .page(found, fragment: fragment)
        }
        let absolute = merge(path, base: page.url)
        if let found = site.pageByURL[absolute] ?? site.pageByURL[absolute.hasSuffix("/") ? absolute : absolute + "/"] {
            return .page(found, fragment: fragment)
        }
        return .unresolved(path: absolute, fragment: fragment)
    }

    /// GetPage as the embedded render hook calls it: relative to the page's directory, then from
    /// the content root, in the page's language.
    func hookLookup(_ raw: String, from page: Page) -> Int? {
        var path = raw
        while path.hasPrefix("./") { path.removeFirst(2) }
        let normalized = normalizeRef(path)
        if !path.hasPrefix("/") {
            // The container directory: `/blog` for both `blog/post.md` and `blog/bundle/index.md`;
            // a section's own directory for `_index.md`.
            let container = page.kind == .page ? parent(page.logicalPath) : page.logicalPath
            if let found = site.page(logicalPath: removeDots(container + "/" + normalized), language: page.language) { return found }
            if path.hasPrefix(".") { return nil }
        }
        return site.page(logicalPath: removeDots("/" + normalized), language: page.language)
    }

    func normalizeRef(_ ref: String) -> String {
        var path = ref.replacingOccurrences(of: "\\", with: "/").lowercased().replacingOccurrences(of: " ", with: "-")
        while path.hasSuffix("/") && path.count > 1 { path.removeLast() }
        if path.hasSuffix(".md") || path.hasSuffix(".markdown") {
            path = String(path[..<path.lastIndex(of: ".")!])
            if let dot = path.lastIndex(of: "."), site.config.language(String(path[path.index(after: dot)...])) != nil {
                path = String(path[..<dot])
            }
        }
        for suffix in ["/_index", "/index"] where path.hasSuffix(suffix) { path.removeLast(suffix.count) }
        if path == "_index" || path == "index" { path = "" }
        while path.hasPrefix("/") { path.removeFirst() }
        return path
    }

    func parent(_ logicalPath: String) -> String {
        guard let slash = logicalPath.lastIndex(of: "/") else { return "" }
        return String(logicalPath[..<slash])
    }

    /// RFC 3986 reference resolution against a page URL (which ends in `/`).
    func merge(_ reference: String, base: String) -> String {
        if reference.hasPrefix("/") { return removeDots(reference) }
        let directory = base.hasSuffix("/") ? base : String(base[...(base.lastIndex(of: "/") ?? base.startIndex)])
        return removeDots(directory + reference)
    }

    func removeDots(_ path: String) -> String {
        var output: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            if part == "." { if index == parts.count - 1 { output.append("") }; continue }
            if part == ".." {
                if output.count > 1 { output.removeLast() }
                if index == parts.count - 1 { output.append("") }
                continue
            }
            output.append(part)
        }
        var result = output.joined(separator: "/")
        if !result.hasPrefix("/") { result = "/" + result }
        while result.contains("//") { result = result.replacingOccurrences(of: "//", with: "/") }
        return result
    }

    func hasScheme(_ text: String) -> Bool {
        var sawLetter = false
        for byte in text.utf8 {
            if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) { sawLetter = true; continue }
            if sawLetter && ((byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E) { continue }
            return sawLetter && byte == UInt8(ascii: ":")
        }
        return false
    }
}

func percentDecode(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    let source = Array(text.utf8)
    var index = 0
    func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
    while index < source.count {
        if source[index] == UInt8(ascii: "%"), index + 2 < source.count, let high = hex(source[index + 1]), let low = hex(source[index + 2]) {
            bytes.append(high << 4 | low)
            index += 3
        } else {
            bytes.append(source[index])
            index += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
