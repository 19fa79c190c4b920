import Foundation
import TWCCore
import TWCFrontmatter
import TWCMarkdown

/// A content file after parsing: front matter, Markdown tree and shortcodes, all with byte ranges
/// into `source`.
public struct ParsedPage: Sendable {
    public let source: SourceFile
    public let frontmatterBlock: FrontmatterBlock?
    /// The front matter table (empty when there is none or it could not be parsed).
    public let frontmatter: FrontmatterValue
    public let frontmatterError: FrontmatterError?
    public let bodyRange: Range<Int>
    public let body: MarkdownNode
    public let shortcodes: [Shortcode]
    public let problems: [ParseProblem]

    public static func parse(_ source: SourceFile) -> ParsedPage {
        let bytes = source.bytes
        var block: FrontmatterBlock?
        var table = FrontmatterValue(kind: .table([]), range: SourceRange(0, 0))
        var error: FrontmatterError?
        var bodyStart = 0
        do {
            block = try FrontmatterParser.detect(bytes)
            if let block {
                bodyStart = block.bodyStart
                table = try FrontmatterParser.parse(bytes, block: block)
            } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                bodyStart = 3
            }
        } catch let detectError {
            error = detectError
            // The body is still linted: it starts after the block when the block could be
            // delimited, else after the line holding the broken delimiter.
            if let block {
                bodyStart = block.bodyStart
            } else {
                let line = source.lineIndex(of: detectError.range.start)
                bodyStart = line + 1 < source.lineStarts.count ? source.lineStarts[line + 1] : bytes.count
            }
        }
        let bodyRange = bodyStart..<bytes.count
        let document = HugoMarkdown.parse(bytes, range: bodyRange)
        return ParsedPage(source: source, frontmatterBlock: block, frontmatter: table, frontmatterError: error,
                          bodyRange: bodyRange, body: document.tree, shortcodes: document.shortcodes, problems: document.problems)
    }
}

/// A heading of a page as the built site sees it.
public struct PageHeading: Sendable, Equatable {
    public var level: Int
    /// Hugo's plain text of the heading (TextPlain), for messages.
    public var text: String
    /// The ID Hugo gives the heading, or nil when it gets none.
    public var anchor: String?
    public var explicitID: Bool
    public var range: SourceRange
    public var contentRange: SourceRange
}

/// A link in a page body.
public struct PageLink: Sendable, Equatable {
    public enum Kind: String, Sendable { case inline, reference, autolink, linkify, image }
    public var destination: String
    public var kind: Kind
    public var range: SourceRange
    public var destinationRange: SourceRange?
    /// Index of the section holding the link: 0 before the first heading, i + 1 after heading i.
    public var section: Int
    /// The destination is (or contains) a shortcode such as `{{< ref "x" >}}`; `destination` is
    /// then its source text, and where it goes is only known once Hugo runs the shortcode.
    public var viaShortcode: Bool = false
}

extension ParsedPage {
    /// Headings with Hugo's IDs (§1.1, new Hugo): explicit `{#id}` verbatim, else the sanitised
    /// plain text, de-duplicated in document order.
    func headings(config: SiteConfig) -> [PageHeading] {
        let fromSource = config.lint.headingIDsFromSource
        var allocator = AnchorAllocator(style: fromSource ? config.legacyAnchorStyle : config.anchorStyle)
        var result: [PageHeading] = []
        body.walk { node in
            guard case .heading(let level, _) = node.kind else { return true }
            var text = HeadingText.plain(node.children, bytes: source.bytes, typographer: config.typographer)
            if let newline = text.lastIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
            let explicit = config.headingAttributes ? node.attributes?.id : nil
            // Hugo before 0.144: the raw Markdown of the heading's last line (§1.1b); an empty
            // heading still gets `heading`.
            var idText: String? = text
            if fromSource {
                var raw = source.text(node.contentRange ?? node.range)
                if let newline = raw.lastIndex(where: { $0 == "\n" || $0 == "\r\n" }) { raw = String(raw[raw.index(after: newline)...]) }
                idText = raw.trimmingSpaces
            }
            let anchor = allocator.allocate(explicitID: explicit, text: config.autoHeadingID || explicit != nil ? idText : nil,
                                            emptyTextGetsID: fromSource)
            result.append(PageHeading(level: level, text: text.trimmingCharacters(in: .whitespaces), anchor: anchor,
                                      explicitID: explicit != nil, range: node.range,
                                      contentRange: node.contentRange ?? node.range))
            return false
        }
        return result
    }

    /// Links and images in document order, with the section each one is in.
    func links(headings: [PageHeading]) -> [PageLink] {
        var result: [PageLink] = []
        let headingStarts = headings.map(\.range.start)
        func section(of offset: Int) -> Int {
            var low = 0, high = headingStarts.count
            while low < high {
                let mid = (low + high) / 2
                if headingStarts[mid] <= offset { low = mid + 1 } else { high = mid }
            }
            return low
        }
        let tags = shortcodes.filter { !$0.isComment }.map(\.range)  // in source order
        func overlapsTag(_ range: SourceRange) -> Bool {
            var low = 0, high = tags.count
            while low < high {
                let mid = (low + high) / 2
                if tags[mid].end <= range.start { low = mid + 1 } else { high = mid }
            }
            return low < tags.count && tags[low].start < range.end
        }
        func make(_ node: MarkdownNode, _ destination: String, _ kind: PageLink.Kind) -> PageLink {
            var link = PageLink(destination: destination, kind: kind, range: node.range,
                                destinationRange: node.destinationRange, section: section(of: node.range.start))
            if let range = node.destinationRange, overlapsTag(range) {
                link.viaShortcode = true
                link.destination = source.text(range)
            }
            return link
        }
        body.walk { node in
            switch node.kind {
            case .link(let destination, _, let style):
                let kind: PageLink.Kind
                switch style {
                case .inline: kind = .inline
                case .reference: kind = .reference
                case .autolink: kind = .autolink
                case .linkify: kind = .linkify
                }
                result.append(make(node, destination, kind))
            case .image(let destination, _, _):
                result.append(make(node, destination, .image))
            default: break
            }
            return true
        }
        return result
    }

    /// `id` and `name` attributes of raw HTML, which exist in the page only when Goldmark renders
    /// raw HTML (`markup.goldmark.renderer.unsafe = true`).
    func htmlAnchors() -> [String] {
        var result: [String] = []
        body.walk { node in
            switch node.kind {
            case .htmlBlock(let literal), .htmlInline(let literal):
                result += HTMLAttributeScanner.anchors(in: Array(literal.utf8))
            default: break
            }
            return true
        }
        return result
    }
}

enum HTMLAttributeScanner {
    /// Values of `id="..."` / `name='...'` / `id=x` attributes inside tags.
    static func anchors(in bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var index = 0
        var inTag = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { inTag = true; index += 1; continue }
            if byte == UInt8(ascii: ">") { inTag = false; index += 1; continue }
            guard inTag, byte == 0x20 || byte == 0x09 || byte == 0x0A else { index += 1; continue }
            index += 1
            for name in [Array("id".utf8), Array("name".utf8)] {
                let end = index + name.count
                guard end < bytes.count, Array(bytes[index..<end]).map({ $0 | 0x20 }) == name,
                      bytes[end] == UInt8(ascii: "=") else { continue }
                var valueStart = end + 1
                var valueEnd: Int
                if valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: "\"") || bytes[valueStart] == UInt8(ascii: "'") {
                    let quote = bytes[valueStart]
                    valueStart += 1
                    valueEnd = valueStart
                    while valueEnd < bytes.count, bytes[valueEnd] != quote { valueEnd += 1 }
                } else {
                    valueEnd = valueStart
                    while valueEnd < bytes.count, bytes[valueEnd] != 0x20, bytes[valueEnd] != UInt8(ascii: ">") { valueEnd += 1 }
                }
                if valueEnd > valueStart { result.append(String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)) }
                index = valueEnd
                break
            }
        }
        return result
    }
}

/// Hugo's TextPlain of a heading (hugo-semantics §1.3, Hugo 0.144+).
enum HeadingText {
    static func plain(_ children: MarkdownNode.Children, bytes: [UInt8], typographer: Bool) -> String {
        var output = ""
        for child in children { append(child, nested: false, bytes: bytes, typographer: typographer, to: &output) }
        return resolveNamedEntities(output)
    }

    private static func append(_ node: MarkdownNode, nested: Bool, bytes: [UInt8], typographer: Bool, to output: inout String) {
        switch node.kind {
        case .text:
            var raw = resolveBackslashEscapes(bytes, node.range.start, node.range.end)
            if typographer {
                // Goldmark's typographer splits a Text node at each replacement; inside an inline
                // container only the first child counts, i.e. the text before the first replacement.
                if nested, let cut = firstTypographerTrigger(raw) { raw = Array(raw[..<cut]) }
                output += applyDashes(raw)
            } else {
                output += String(decoding: raw, as: UTF8.self)
            }
        case .softBreak, .hardBreak:
            output += "\n"
        case .codeSpan(let literal):
            output += literal
        case .htmlInline:
            break
        case .emphasis, .strong, .strikethrough:
            if let first = node.children.first { append(first, nested: true, bytes: bytes, typographer: typographer, to: &output) }
        case .link(_, _, let style), .image(_, _, let style):
            if style == .autolink || style == .linkify { break }
            if let first = node.children.first { append(first, nested: true, bytes: bytes, typographer: typographer, to: &output) }
        default:
            if let first = node.children.first { append(first, nested: true, bytes: bytes, typographer: typographer, to: &output) }
        }
    }

    static func firstTypographerTrigger(_ raw: [UInt8]) -> Int? {
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { return index }
            if index + 1 < raw.count {
                let next = raw[index + 1]
                if byte == UInt8(ascii: "-") && next == UInt8(ascii: "-") { return index }
                if byte == UInt8(ascii: "<") && next == UInt8(ascii: "<") { return index }
                if byte == UInt8(ascii: ">") && next == UInt8(ascii: ">") { return index }
                if byte == UInt8(ascii: "."), next == UInt8(ascii: "."), index + 2 < raw.count, raw[index + 2] == UInt8(ascii: ".") { return index }
            }
            index += 1
        }
        return nil
    }

    /// `---` → em dash, `--` → en dash (the typographer replacements that change IDs).
    static func applyDashes(_ raw: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "-"), index + 1 < raw.count, raw[index + 1] == UInt8(ascii: "-") {
                if index + 2 < raw.count, raw[index + 2] == UInt8(ascii: "-") {
                    result += Array("\u{2014}".utf8); index += 3
                } else {
                    result += Array("\u{2013}".utf8); index += 2
                }
                continue
            }
            result.append(raw[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Named references only: Hugo leaves numeric ones (`&#39;`) unresolved in IDs.
    static func resolveNamedEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            if let semicolon = rest[afterAmp...].prefix(32).firstIndex(of: ";") {
                let name = String(rest[afterAmp..<semicolon])
                if let value = namedEntities[name] {
                    result += value
                    rest = rest[rest.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = rest[afterAmp...]
        }
        return result + rest
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "trade": "™", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—",
        "hellip": "…", "laquo": "«", "raquo": "»", "euro": "€", "eacute": "é", "euml": "ë", "uuml": "ü",
        "ouml": "ö", "auml": "ä", "szlig": "ß", "egrave": "è", "agrave": "à", "ccedil": "ç", "iuml": "ï",
        "middot": "·", "deg": "°", "times": "×", "shy": "\u{AD}", "sect": "§", "para": "¶",
    ]
}
