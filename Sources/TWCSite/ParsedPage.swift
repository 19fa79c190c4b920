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
    /// The body is HTML (a `.html` content file), which Hugo writes as it is: no Markdown, no
    /// headings it gives IDs to; every `id` in it is an anchor.
    public var htmlBody = false

    /// Parses front matter and body; `markdown` holds the site's Goldmark settings. With `html`
    /// the body is HTML (hugo-behaviour §2.13) and is not parsed as Markdown.
    public static func parse(_ source: SourceFile, markdown: MarkdownParser.Options = .hugo, html: Bool = false)
        -> ParsedPage
    {
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
        let document = HugoMarkdown.parse(bytes, range: html ? bodyStart..<bodyStart : bodyRange, options: markdown)
        return ParsedPage(
            source: source, frontmatterBlock: block, frontmatter: table, frontmatterError: error,
            bodyRange: bodyRange, body: document.tree, shortcodes: document.shortcodes, problems: document.problems,
            htmlBody: html)
    }
}

/// A heading of a page as the built site sees it.
public struct PageHeading: Sendable, Equatable {
    /// The section holding the byte at `offset`: 0 before the first heading, i + 1 after heading
    /// i (`headings` in source order).
    public static func section(at offset: Int, headings: [PageHeading]) -> Int {
        var low = 0
        var high = headings.count
        while low < high {
            let mid = (low + high) / 2
            if headings[mid].range.start <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

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
    /// How the link is written. A Markdown link or image whose destination is a `ref`/`relref`
    /// shortcode keeps its Markdown kind and carries the call in `ref`; `.ref` and `.relref` are
    /// shortcodes standing on their own (in text, in raw HTML `<a href="{{< relref "x" >}}">`);
    /// `.shortcodeHref` is a parameter a shortcode template writes into an `href` as given
    /// (Blowfish's `{{< button href="join" >}}`, hugo-behaviour §6.4).
    public enum Kind: String, Sendable {
        case inline, reference, autolink, linkify, image, ref, relref
        case shortcodeHref = "shortcode-href"
        /// An `<a href>` or `<img src>` a shortcode's template writes from anything but a
        /// parameter as given (a folder listing, a page it looks up): `destination` is the
        /// computed value (hugo-behaviour §5.3). Only `broken-link` and `broken-anchor` check it.
        case shortcodeOutput = "shortcode-output"
    }
    public var destination: String
    public var kind: Kind
    public var range: SourceRange
    /// The destination as written: a Markdown destination (a reference link's definition), the
    /// shortcode tag of a standalone `ref`, the value (inside its quotes) of a shortcode `href`.
    public var destinationRange: SourceRange?
    /// Index of the section holding the link: 0 before the first heading, i + 1 after heading i.
    public var section: Int
    /// The destination is (or contains) a shortcode such as `{{< ref "x" >}}`; `destination` is
    /// then its source text. Where it goes is known when `ref` is set, else only to Hugo.
    public var viaShortcode: Bool = false
    /// The `ref`/`relref` call that makes the link (standalone, or as a Markdown destination).
    public var ref: RefCall?
    /// For `.shortcodeHref`: the shortcode's name, and the index of its tag in
    /// `ParsedPage.shortcodes`.
    public var shortcodeName: String?
    public var shortcodeIndex: Int?
    /// For `.shortcodeHref`: the parameter whose value is `destination`; for `.shortcodeOutput`,
    /// the attribute the template writes it in (`href` or `src`).
    public var shortcodeParameter: String?
    /// The fragment as written (the bytes after `#`), when the source spells one out: in the
    /// Markdown destination, in a ref's path argument or after the ref tag, in the `href` value.
    public var fragmentRange: SourceRange?
    /// A Markdown link's or image's title (`[x](dest "title")`), as a render hook's `.Title`
    /// receives it; nil for other links.
    public var title: String?
    /// Whether a Markdown link's text (an image's description) is empty.
    public var textIsEmpty: Bool?
}

/// A call of Hugo's `ref` or `relref` shortcode (hugo-behaviour §6.1): `{{< ref "about" >}}`,
/// `{{< relref path="/events/e1.md#agenda" lang="nl" >}}`, `{{< relref "about" "html" >}}`.
public struct RefCall: Sendable, Equatable {
    /// `ref` (absolute permalink) or `relref` (relative permalink), lower-cased.
    public var name: String
    /// Index of the tag in `ParsedPage.shortcodes`.
    public var shortcode: Int
    /// The `path` argument (first positional or `path=`), with its `#fragment` if any.
    public var path: String
    /// The path argument's bytes inside its quotes.
    public var pathRange: SourceRange?
    /// The `lang` argument, lower-cased: the language whose page is looked up.
    public var language: String?
    /// The whole `lang="..."` parameter, from its name to its closing quote.
    public var languageParameterRange: SourceRange?
    public var outputFormat: String?
    /// The parameters are named (`path="x"`), not positional.
    public var named: Bool
    /// Text after the tag in a Markdown destination (`#team` in `({{< relref "about" >}}#team)`).
    public var suffix: String = ""
    public var suffixRange: SourceRange?
    /// Hugo refuses the arguments (`invalid number of arguments to ref`, no path).
    public var argumentError: String?

    /// `ref` gives the absolute permalink (`https://example.org/about/`), `relref` the relative one.
    public var isAbsolute: Bool { name == "ref" }
}

extension ParsedPage {
    /// Headings with Hugo's IDs (§1.1, new Hugo): explicit `{#id}` verbatim, else the sanitised
    /// plain text, de-duplicated in document order. Headings in a `hidden` range (what Hugo's
    /// `comment` shortcode encloses) are not on the page and take no id.
    func headings(config: SiteConfig, hidden: [SourceRange] = []) -> [PageHeading] {
        let fromSource = config.lint.headingIDsFromSource
        var allocator = AnchorAllocator(style: fromSource ? config.legacyAnchorStyle : config.anchorStyle)
        var result: [PageHeading] = []
        body.walk { node in
            if node.isText { return false }
            guard case .heading(let level, _) = node.kind else { return true }
            if hidden.contains(where: { $0.start <= node.range.start && node.range.start < $0.end }) { return false }
            var text = HeadingText.plain(node.children, bytes: source.bytes, typographer: config.typographer)
            // After the last line feed that is a character of its own (not in `\r\n`).
            let bytes = text.utf8
            if let newline = bytes.indices.last(where: {
                bytes[$0] == 0x0A && ($0 == bytes.startIndex || bytes[bytes.index(before: $0)] != 0x0D)
            }) {
                text = String(text[bytes.index(after: newline)...])
            }
            let explicit = config.headingAttributes ? node.attributes?.id : nil
            // Hugo before 0.144: the raw Markdown of the heading's last line (§1.1b); an empty
            // heading still gets `heading`.
            var idText: String? = text
            if fromSource {
                var raw = source.text(node.contentRange ?? node.range)
                if let newline = raw.lastIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
                    raw = String(raw[raw.index(after: newline)...])
                }
                idText = raw.trimmingSpaces
            }
            let anchor = allocator.allocate(
                explicitID: explicit, text: config.autoHeadingID || explicit != nil ? idText : nil,
                emptyTextGetsID: fromSource)
            result.append(
                PageHeading(
                    level: level, text: text.trimmingWhitespaces, anchor: anchor,
                    explicitID: explicit != nil, range: node.range,
                    contentRange: node.contentRange ?? node.range))
            return false
        }
        return result
    }

    /// Links and images in document order, with the section each one is in: Markdown links and
    /// images, `ref`/`relref` shortcodes standing on their own, and shortcode parameters written
    /// into an `href` (`hrefParameters`: parameter names by shortcode name).
    func links(headings: [PageHeading], hrefParameters: [String: [String]] = [:]) -> [PageLink] {
        var result: [PageLink] = []
        func section(of offset: Int) -> Int { PageHeading.section(at: offset, headings: headings) }
        // Live tags in source order, with their index in `shortcodes`.
        let liveTags = shortcodes.indices.filter { !shortcodes[$0].isComment }
        func firstTag(endingAfter offset: Int) -> Int {
            var low = 0
            var high = liveTags.count
            while low < high {
                let mid = (low + high) / 2
                if shortcodes[liveTags[mid]].range.end <= offset { low = mid + 1 } else { high = mid }
            }
            return low
        }
        func tags(in range: SourceRange) -> [Int] {
            var found: [Int] = []
            var slot = firstTag(endingAfter: range.start)
            while slot < liveTags.count, shortcodes[liveTags[slot]].range.start < range.end {
                found.append(liveTags[slot])
                slot += 1
            }
            return found
        }
        var refsInDestinations = Set<Int>()
        func make(_ node: MarkdownNode, _ destination: String, _ kind: PageLink.Kind, title: String) -> PageLink {
            var link = PageLink(
                destination: destination, kind: kind, range: node.range,
                destinationRange: node.destinationRange, section: section(of: node.range.start))
            link.title = title
            link.textIsEmpty = node.children.isEmpty
            guard let range = node.destinationRange else { return link }
            let inside = tags(in: range)
            if inside.isEmpty {
                link.fragmentRange = Self.fragment(after: range, in: source.bytes)
                return link
            }
            link.viaShortcode = true
            link.destination = source.text(range)
            // `({{< relref "x" >}})` or `({{< relref "x" >}}#frag)`: the ref makes the destination.
            if inside.count == 1, shortcodes[inside[0]].range.start == range.start,
                var call = refCall(inside[0])
            {
                let tagEnd = shortcodes[inside[0]].range.end
                if tagEnd < range.end {
                    call.suffix = source.text(SourceRange(tagEnd, range.end))
                    call.suffixRange = SourceRange(tagEnd, range.end)
                }
                link.fragmentRange =
                    call.pathRange.flatMap { Self.fragment(after: $0, in: source.bytes) }
                    ?? call.suffixRange.flatMap { Self.fragment(after: $0, in: source.bytes) }
                link.ref = call
                refsInDestinations.insert(inside[0])
            }
            return link
        }
        body.walk { node in
            if node.isText { return false }
            switch node.kind {
            case .link(let destination, let title, let style):
                let kind: PageLink.Kind
                switch style {
                case .inline: kind = .inline
                case .reference: kind = .reference
                case .autolink: kind = .autolink
                case .linkify: kind = .linkify
                }
                result.append(make(node, destination, kind, title: title))
            case .image(let destination, let title, _):
                result.append(make(node, destination, .image, title: title))
            default: break
            }
            return true
        }
        // Shortcodes run wherever they stand (code blocks included, hugo-behaviour §5.1).
        for index in liveTags where !refsInDestinations.contains(index) {
            let tag = shortcodes[index]
            guard !tag.isClosing else { continue }
            let name = tag.name.lowercased()
            if let call = refCall(index) {
                var link = PageLink(
                    destination: source.text(tag.range), kind: name == "ref" ? .ref : .relref, range: tag.range,
                    destinationRange: tag.range, section: section(of: tag.range.start), viaShortcode: true)
                link.fragmentRange = call.pathRange.flatMap { Self.fragment(after: $0, in: source.bytes) }
                link.ref = call
                result.append(link)
            } else if let names = hrefParameters[name] {
                for parameter in tag.parameters where parameter.name.map({ names.contains($0) }) == true {
                    let valueRange = Self.unquoted(parameter.valueRange, in: source.bytes)
                    var link = PageLink(
                        destination: parameter.value, kind: .shortcodeHref, range: tag.range,
                        destinationRange: valueRange, section: section(of: tag.range.start))
                    link.shortcodeName = tag.name
                    link.shortcodeIndex = index
                    link.shortcodeParameter = parameter.name
                    link.fragmentRange = Self.fragment(after: valueRange, in: source.bytes)
                    result.append(link)
                }
            }
        }
        return result.sorted {
            ($0.range.start, $0.destinationRange?.start ?? 0) < ($1.range.start, $1.destinationRange?.start ?? 0)
        }
    }

    /// The `ref`/`relref` call of shortcode `index`, with its arguments as Hugo reads them
    /// (`relref . .Params`: named `path`, `lang`, `outputFormat`, or positional path and output format).
    func refCall(_ index: Int) -> RefCall? {
        let tag = shortcodes[index]
        let name = tag.name.lowercased()
        guard name == "ref" || name == "relref", !tag.isClosing, !tag.isComment else { return nil }
        var call = RefCall(name: name, shortcode: index, path: "", named: tag.parameters.first?.name != nil)
        if call.named {
            for parameter in tag.parameters {
                switch parameter.name?.lowercased() {
                case "path":
                    call.path = parameter.value
                    call.pathRange = Self.unquoted(parameter.valueRange, in: source.bytes)
                case "lang":
                    call.language = parameter.value.lowercased()
                    call.languageParameterRange = parameterRange(parameter, in: tag)
                case "outputformat":
                    call.outputFormat = parameter.value
                default: continue
                }
            }
            if call.pathRange == nil { call.argumentError = "no path given" }
        } else if tag.parameters.isEmpty || tag.parameters.count > 2 {
            call.argumentError = "invalid number of arguments to \(name)"
        } else {
            call.path = tag.parameters[0].value
            call.pathRange = Self.unquoted(tag.parameters[0].valueRange, in: source.bytes)
            if tag.parameters.count == 2 { call.outputFormat = tag.parameters[1].value }
        }
        return call
    }

    /// A named parameter from its name to the end of its value.
    func parameterRange(_ parameter: Shortcode.Parameter, in tag: Shortcode) -> SourceRange {
        let bytes = source.bytes
        var start = parameter.valueRange.start
        // Back over `=`, blanks and the name.
        while start > tag.range.start,
            bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09 || bytes[start - 1] == UInt8(ascii: "=")
        { start -= 1 }
        if let name = parameter.name { start -= name.utf8.count }
        return SourceRange(max(start, tag.range.start), parameter.valueRange.end)
    }

    /// A shortcode parameter's value without its quotes (`"x"`, `` `x` ``).
    static func unquoted(_ range: SourceRange, in bytes: [UInt8]) -> SourceRange {
        guard range.count >= 2, let first = bytes.indices.contains(range.start) ? bytes[range.start] : nil,
            first == UInt8(ascii: "\"") || first == UInt8(ascii: "`"), bytes[range.end - 1] == first
        else { return range }
        return SourceRange(range.start + 1, range.end - 1)
    }

    /// The bytes after the first `#` in `range`.
    static func fragment(after range: SourceRange, in bytes: [UInt8]) -> SourceRange? {
        guard let hash = bytes[range.range].firstIndex(of: UInt8(ascii: "#")) else { return nil }
        return SourceRange(hash + 1, range.end)
    }

    /// `id` and `name` attributes of raw HTML, which exist in the page only when Goldmark renders
    /// raw HTML (`markup.goldmark.renderer.unsafe = true`).
    func htmlAnchors() -> [String] {
        if htmlBody { return HTMLAttributeScanner.anchors(in: Array(source.bytes[bodyRange])) }
        var result: [String] = []
        body.walk { node in
            if node.isText { return false }
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
            if byte == UInt8(ascii: "<") {
                inTag = true
                index += 1
                continue
            }
            if byte == UInt8(ascii: ">") {
                inTag = false
                index += 1
                continue
            }
            guard inTag, byte == 0x20 || byte == 0x09 || byte == 0x0A else {
                index += 1
                continue
            }
            index += 1
            for name in [Array("id".utf8), Array("name".utf8)] {
                let end = index + name.count
                guard end < bytes.count, Array(bytes[index..<end]).map({ $0 | 0x20 }) == name,
                    bytes[end] == UInt8(ascii: "=")
                else { continue }
                var valueStart = end + 1
                var valueEnd: Int
                if valueStart < bytes.count,
                    bytes[valueStart] == UInt8(ascii: "\"") || bytes[valueStart] == UInt8(ascii: "'")
                {
                    let quote = bytes[valueStart]
                    valueStart += 1
                    valueEnd = valueStart
                    while valueEnd < bytes.count, bytes[valueEnd] != quote { valueEnd += 1 }
                } else {
                    valueEnd = valueStart
                    while valueEnd < bytes.count, bytes[valueEnd] != 0x20, bytes[valueEnd] != UInt8(ascii: ">") {
                        valueEnd += 1
                    }
                }
                if valueEnd > valueStart {
                    result.append(String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self))
                }
                index = valueEnd
                break
            }
        }
        return result
    }
}

/// Hugo's TextPlain of a heading (hugo-behaviour §1.3, Hugo 0.144+).
enum HeadingText {
    static func plain(_ children: MarkdownNode.Children, bytes: [UInt8], typographer: Bool) -> String {
        var output = ""
        for child in children { append(child, nested: false, bytes: bytes, typographer: typographer, to: &output) }
        // Named references only: Hugo leaves numeric ones (`&#39;`) unresolved in IDs.
        return HTMLEntities.resolvingNamedReferences(output)
    }

    private static func append(
        _ node: MarkdownNode, nested: Bool, bytes: [UInt8], typographer: Bool, to output: inout String
    ) {
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
            if let first = node.children.first {
                append(first, nested: true, bytes: bytes, typographer: typographer, to: &output)
            }
        case .link(_, _, let style), .image(_, _, let style):
            if style == .autolink || style == .linkify { break }
            if let first = node.children.first {
                append(first, nested: true, bytes: bytes, typographer: typographer, to: &output)
            }
        default:
            if let first = node.children.first {
                append(first, nested: true, bytes: bytes, typographer: typographer, to: &output)
            }
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
                if byte == UInt8(ascii: "."), next == UInt8(ascii: "."), index + 2 < raw.count,
                    raw[index + 2] == UInt8(ascii: ".")
                {
                    return index
                }
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
                    result += Array("\u{2014}".utf8)
                    index += 3
                } else {
                    result += Array("\u{2013}".utf8)
                    index += 2
                }
                continue
            }
            result.append(raw[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
