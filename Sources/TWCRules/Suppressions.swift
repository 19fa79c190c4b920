import TWCCore
import TWCFrontmatter
import TWCMarkdown
import TWCSite

/// A suppression written in a page: in the Markdown, an HTML comment
/// (`<!-- twc-lint-disable-next-line broken-anchor -->`, `<!-- twc-lint-disable-line … -->`,
/// `<!-- twc-lint-disable … -->` … `<!-- twc-lint-enable … -->`); in YAML or TOML front matter,
/// a comment line (`# twc-lint-disable-next-line frontmatter-mismatch`). Rule ids are separated
/// by spaces or commas; none means every rule; `-- why` after them is a free explanation.
public struct SuppressionDirective: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case nextLine = "disable-next-line"
        case line = "disable-line"
        case region = "disable"
    }

    public var kind: Kind
    /// The rule ids named, each with its bytes in the file (empty: every rule).
    public var rules: [(id: String, range: SourceRange)]
    /// The whole comment.
    public var range: SourceRange
    /// The lines whose findings it suppresses (1-based, inclusive).
    public var lines: ClosedRange<Int>

    /// Whether it suppresses a finding of `ruleID` starting on `line`.
    public func covers(_ ruleID: String, line: Int) -> Bool {
        lines.contains(line) && (rules.isEmpty || rules.contains { $0.id == ruleID })
    }

    public static func == (a: SuppressionDirective, b: SuppressionDirective) -> Bool {
        a.kind == b.kind && a.rules.map(\.id) == b.rules.map(\.id) && a.rules.map(\.range) == b.rules.map(\.range)
            && a.range == b.range && a.lines == b.lines
    }
}

/// Reads the suppressions of pages and takes the findings they cover out of a run's findings.
public enum Suppressions {
    static let marker = "twc-lint-"

    /// The suppressions written in `page`'s file, in file order.
    public static func directives(in page: Page) -> [SuppressionDirective] {
        let source = page.source
        let bytes = source.bytes
        guard ByteSearch.contains(marker, in: bytes, 0..<bytes.count) else { return [] }
        var found: [(kind: String, rules: [(String, SourceRange)], range: SourceRange, frontmatter: Bool)] = []
        // Front matter: comment lines of YAML and TOML.
        if let block = page.parsed.frontmatterBlock, block.format != .json {
            let content = block.contentRange
            var line = source.lineIndex(of: content.start)
            while line < source.lineStarts.count, source.lineStarts[line] < content.end {
                let range = source.lineRange(line + 1)
                var start = range.start
                while start < range.end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
                if start < range.end, bytes[start] == UInt8(ascii: "#"),
                    let directive = parse(bytes, start + 1, range.end)
                {
                    found.append((directive.kind, directive.rules, SourceRange(start, range.end), true))
                }
                line += 1
            }
        }
        // Markdown: HTML comments in HTML blocks and inline HTML.
        var comments: [SourceRange] = []
        page.parsed.body.walk { node in
            if node.isText { return false }
            switch node.kind {
            case .htmlBlock, .htmlInline:
                var index = node.range.start
                let end = node.range.end
                while index + 4 <= end {
                    if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "!"),
                        bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-")
                    {
                        var close = index + 4
                        while close + 3 <= end,
                            !(bytes[close] == UInt8(ascii: "-") && bytes[close + 1] == UInt8(ascii: "-")
                                && bytes[close + 2] == UInt8(ascii: ">"))
                        {
                            close += 1
                        }
                        guard close + 3 <= end else { break }
                        comments.append(SourceRange(index, close + 3))
                        index = close + 3
                    } else {
                        index += 1
                    }
                }
                return false
            default:
                return true
            }
        }
        for comment in comments {
            if let directive = parse(bytes, comment.start + 4, comment.end - 3) {
                found.append((directive.kind, directive.rules, comment, false))
            }
        }
        // Lines each directive covers; a region runs to its `enable` or the end of the file.
        var directives: [SuppressionDirective] = []
        var open: [Int] = []
        let lastLine = source.lineStarts.count
        for entry in found.sorted(by: { $0.range.start < $1.range.start }) {
            let first = source.lineIndex(of: entry.range.start) + 1
            let last = source.lineIndex(of: max(entry.range.start, entry.range.end - 1)) + 1
            switch entry.kind {
            case "enable":
                let ids = Set(entry.rules.map(\.0))
                open.removeAll { index in
                    let region = directives[index]
                    guard ids.isEmpty || region.rules.isEmpty || region.rules.contains(where: { ids.contains($0.id) })
                    else { return false }
                    directives[index].lines = region.lines.lowerBound...max(region.lines.lowerBound, first)
                    return true
                }
            case "disable-line":
                directives.append(
                    SuppressionDirective(
                        kind: .line, rules: entry.rules.map { ($0.0, $0.1) }, range: entry.range, lines: first...last))
            case "disable-next-line":
                var next = last + 1
                while next <= lastLine, isBlank(source, next) || (entry.frontmatter && isComment(source, next)) {
                    next += 1
                }
                directives.append(
                    SuppressionDirective(
                        kind: .nextLine, rules: entry.rules.map { ($0.0, $0.1) }, range: entry.range,
                        lines: next...next))
            default:
                // In the front matter, `disable` covers the whole file.
                let from = entry.frontmatter ? 1 : first
                open.append(directives.count)
                directives.append(
                    SuppressionDirective(
                        kind: .region, rules: entry.rules.map { ($0.0, $0.1) }, range: entry.range,
                        lines: from...max(from, lastLine)))
            }
        }
        return directives
    }

    /// The directive in `bytes[start..<end]` (a comment's text): `twc-lint-KIND ids… [-- why]`.
    static func parse(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (kind: String, rules: [(String, SourceRange)])? {
        var index = start
        func skipSpace() { while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 } }
        skipSpace()
        let word = index
        while index < end, bytes[index] != 0x20, bytes[index] != 0x09, bytes[index] != 0x0A, bytes[index] != 0x0D {
            index += 1
        }
        let name = String(decoding: bytes[word..<index], as: UTF8.self)
        guard name.hasPrefix(marker) else { return nil }
        let kind = String(name.dropFirst(marker.count))
        guard ["disable-next-line", "disable-line", "disable", "enable"].contains(kind) else { return nil }
        var rules: [(String, SourceRange)] = []
        while index < end {
            while index < end, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ",")].contains(bytes[index]) { index += 1 }
            if index + 1 < end, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-") { break }
            let idStart = index
            while index < end, ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ",")].contains(bytes[index]) { index += 1 }
            if index > idStart {
                rules.append((String(decoding: bytes[idStart..<index], as: UTF8.self), SourceRange(idStart, index)))
            }
        }
        return (kind, rules)
    }

    static func isBlank(_ source: SourceFile, _ line: Int) -> Bool {
        let range = source.lineRange(line)
        return source.bytes[range.start..<range.end].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    static func isComment(_ source: SourceFile, _ line: Int) -> Bool {
        let range = source.lineRange(line)
        return source.bytes[range.start..<range.end].first { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: "#")
    }

    /// `diagnostics` without those a suppression in their file covers (each file read once).
    public static func apply(_ diagnostics: [Diagnostic], site: SiteModel) -> [Diagnostic] {
        var files = Set(diagnostics.map(\.span.file))
        // Each file once (a file mounted for several languages is several pages).
        let pages = site.pages.indices.filter { files.remove(site.pages[$0].path) != nil }
        let found = concurrentMap(pages.count) { slot in directives(in: site.pages[pages[slot]]) }
        var byFile: [String: [SuppressionDirective]] = [:]
        for (slot, directives) in found.enumerated() where !directives.isEmpty {
            byFile[site.pages[pages[slot]].path] = directives
        }
        guard !byFile.isEmpty else { return diagnostics }
        return diagnostics.filter { diagnostic in
            guard let directives = byFile[diagnostic.span.file] else { return true }
            return !directives.contains { $0.covers(diagnostic.ruleID, line: diagnostic.span.start.line) }
        }
    }
}
