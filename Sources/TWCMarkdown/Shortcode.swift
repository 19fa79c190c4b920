import TWCCore

/// One Hugo shortcode tag: `{{< name params >}}`, `{{% name %}}`, `{{< /name >}}`, `{{< name />}}`,
/// or a commented-out `{{</* name */>}}` (rendered literally by Hugo).
public struct Shortcode: Sendable, Equatable {
    public enum Delimiter: String, Sendable, Equatable {
        case angle = "<"  // {{< >}}: inner content is not Markdown
        case percent = "%"  // {{% %}}: output is Markdown, spliced in before Markdown parsing
    }

    public struct Parameter: Sendable, Equatable {
        public var name: String?
        public var value: String
        /// The value's bytes (including quotes for quoted values).
        public var valueRange: SourceRange
    }

    public var name: String
    public var range: SourceRange
    public var delimiter: Delimiter
    public var isClosing: Bool
    public var isSelfClosing: Bool
    public var isComment: Bool
    public var parameters: [Parameter]
    /// For an opening tag: index of its closing tag in the document's shortcode list, and vice versa.
    public var partner: Int?

    public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }
}

/// A located problem found while parsing (shortcode lexing errors and the like).
public struct ParseProblem: Error, Sendable, Equatable {
    public var message: String
    public var range: SourceRange

    public init(message: String, range: SourceRange) {
        self.message = message
        self.range = range
    }
}

/// Hugo's shortcode lexer (parser/pageparser): shortcodes are recognised anywhere in the body,
/// code blocks included, before Markdown is parsed.
public enum ShortcodeLexer {
    public struct Result: Sendable {
        public var shortcodes: [Shortcode]
        public var problems: [ParseProblem]
    }

    public static func lex(_ bytes: [UInt8], range: Range<Int>) -> Result {
        let scanner = Scanner(bytes: bytes, start: range.lowerBound, end: range.upperBound)
        var shortcodes: [Shortcode] = []
        var problems: [ParseProblem] = []
        var openStack: [Int] = []
        // Names the lexer has seen (opened or closed): Hugo's lexer accepts a closing tag of any
        // of them, and its parser lets that tag close the innermost open shortcode, whatever its
        // name (parser/pageparser/pagelexer_shortcode.go, hugolib/shortcode.go; seen with 0.168).
        var seenNames = Set<String>()
        var position = range.lowerBound
        while let start = scanner.findOpener(from: position) {
            switch scanner.lexTag(at: start) {
            case .success(let tag):
                position = tag.range.end
                if tag.isComment {
                    shortcodes.append(tag)
                    continue
                }
                let index = shortcodes.count
                shortcodes.append(tag)
                if tag.isClosing {
                    if let stackIndex = openStack.lastIndex(where: { shortcodes[$0].name == tag.name }) {
                        let opener = openStack[stackIndex]
                        shortcodes[opener].partner = index
                        shortcodes[index].partner = opener
                        openStack.removeSubrange(stackIndex..<openStack.count)
                    } else if openStack.isEmpty {
                        problems.append(
                            ParseProblem(
                                message: "got closing shortcode '\(tag.name)', but none is open", range: tag.range))
                    } else if seenNames.contains(tag.name) {
                        let opener = openStack.removeLast()
                        shortcodes[opener].partner = index
                        shortcodes[index].partner = opener
                    } else {
                        let top = shortcodes[openStack.last!].name
                        problems.append(
                            ParseProblem(
                                message: "closing tag for shortcode '\(tag.name)' does not match start tag '\(top)'",
                                range: tag.range))
                    }
                } else if !tag.isSelfClosing {
                    openStack.append(index)
                }
                seenNames.insert(tag.name)
            case .failure(let problem):
                problems.append(problem)
                position = max(problem.range.end, start + 3)
            }
        }
        return Result(shortcodes: shortcodes, problems: problems)
    }

    private struct Scanner {
        let bytes: [UInt8]
        let end: Int
        /// Where each `*/>}}` and `*/%}}` starts (the `*`), in order: a comment `{{</*` runs to the
        /// next `*/>}}` anywhere after it, as in Hugo's lexer (across lines and other tags).
        let angleCommentCloses: [Int]
        let percentCommentCloses: [Int]

        init(bytes: [UInt8], start: Int, end: Int) {
            self.bytes = bytes
            self.end = end
            var angle: [Int] = []
            var percent: [Int] = []
            var index = start
            while index + 4 < end {
                if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/"),
                    bytes[index + 3] == UInt8(ascii: "}"), bytes[index + 4] == UInt8(ascii: "}")
                {
                    if bytes[index + 2] == UInt8(ascii: ">") { angle.append(index) }
                    if bytes[index + 2] == UInt8(ascii: "%") { percent.append(index) }
                }
                index += 1
            }
            angleCommentCloses = angle
            percentCommentCloses = percent
        }

        /// The first comment close for `marker` starting at or after `index`.
        func commentClose(from index: Int, marker: UInt8) -> Int? {
            let closes = marker == UInt8(ascii: ">") ? angleCommentCloses : percentCommentCloses
            var low = 0
            var high = closes.count
            while low < high {
                let mid = (low + high) / 2
                if closes[mid] < index { low = mid + 1 } else { high = mid }
            }
            return low < closes.count ? closes[low] : nil
        }

        func findOpener(from start: Int) -> Int? {
            var index = start
            while index + 2 < end {
                if bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{"),
                    bytes[index + 2] == UInt8(ascii: "<") || bytes[index + 2] == UInt8(ascii: "%")
                {
                    return index
                }
                index += 1
            }
            return nil
        }

        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        func skipSpace(_ index: inout Int) {
            while index < end, isSpace(bytes[index]) { index += 1 }
        }

        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: ".") || byte >= 0x80
        }

        /// Does a closing delimiter (`>}}` or `%}}` for this tag's kind) start at `index`?
        func closesAt(_ index: Int, marker: UInt8) -> Bool {
            index + 2 < end && bytes[index] == marker && bytes[index + 1] == UInt8(ascii: "}")
                && bytes[index + 2] == UInt8(ascii: "}")
        }

        func text(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }

        func fail(_ message: String, _ from: Int, _ to: Int) -> Swift.Result<Shortcode, ParseProblem> {
            .failure(ParseProblem(message: message, range: SourceRange(from, max(from, min(to, end)))))
        }

        /// Where the tag most likely ends, for error ranges: the next `}}`, or the end of the line.
        func recoveryEnd(_ start: Int) -> Int {
            var index = start
            while index + 1 < end {
                if bytes[index] == UInt8(ascii: "}") && bytes[index + 1] == UInt8(ascii: "}") { return index + 2 }
                if bytes[index] == 0x0A { return index }
                index += 1
            }
            return end
        }

        func lexTag(at start: Int) -> Swift.Result<Shortcode, ParseProblem> {
            let delimiter: Shortcode.Delimiter = bytes[start + 2] == UInt8(ascii: "<") ? .angle : .percent
            // The byte that starts this tag's right delimiter: `>}}` or `%}}`.
            let marker: UInt8 = delimiter == .angle ? UInt8(ascii: ">") : UInt8(ascii: "%")
            var index = start + 3
            // Comment form: {{</* ... */>}}, up to the next `*/>}}` wherever it is (hugo-behaviour §5.1).
            if index + 1 < end, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "*") {
                if let close = commentClose(from: index + 2, marker: marker) {
                    let innerText = text(index + 2, close).trimmingSpaces
                    let name = innerText.split(separator: " ").first.map(String.init) ?? ""
                    return .success(
                        Shortcode(
                            name: name, range: SourceRange(start, close + 5), delimiter: delimiter,
                            isClosing: false, isSelfClosing: false, isComment: true, parameters: [], partner: nil))
                }
                return fail(
                    "shortcode comment must be closed with '*/\(delimiter.rawValue)}}'", start, recoveryEnd(start))
            }
            skipSpace(&index)
            var isClosing = false
            if index < end, bytes[index] == UInt8(ascii: "/") {
                isClosing = true
                index += 1
                skipSpace(&index)
            }
            let nameStart = index
            while index < end, isNameByte(bytes[index]) {
                // A '/' directly before the closing delimiter is the self-closing marker, not part of the name.
                if bytes[index] == UInt8(ascii: "/"), closesAt(index + 1, marker: marker) { break }
                index += 1
            }
            let name = text(nameStart, index)
            if name.isEmpty {
                return fail("shortcode has no name", start, recoveryEnd(start))
            }
            if name.contains("."), !name.hasSuffix(".inline") {
                return fail("period in shortcode name only allowed for inline identifiers", nameStart, index)
            }
            var parameters: [Shortcode.Parameter] = []
            var sawNamed = false
            var sawPositional = false
            while true {
                skipSpace(&index)
                guard index < end else {
                    return fail("unclosed shortcode '\(name)': expected '\(delimiter.rawValue)}}'", start, end)
                }
                if closesAt(index, marker: marker) {
                    return .success(
                        Shortcode(
                            name: name, range: SourceRange(start, index + 3), delimiter: delimiter,
                            isClosing: isClosing, isSelfClosing: false, isComment: false,
                            parameters: parameters, partner: nil))
                }
                if bytes[index] == UInt8(ascii: "/"), closesAt(index + 1, marker: marker), !isClosing {
                    return .success(
                        Shortcode(
                            name: name, range: SourceRange(start, index + 4), delimiter: delimiter,
                            isClosing: false, isSelfClosing: true, isComment: false,
                            parameters: parameters, partner: nil))
                }
                let wrongCloser: UInt8 = delimiter == .angle ? UInt8(ascii: "%") : UInt8(ascii: ">")
                if closesAt(index, marker: wrongCloser) {
                    let found = Unicode.Scalar(bytes[index])
                    return fail(
                        "unrecognized character in shortcode action: '\(found)' (the tag opened with '{{\(delimiter.rawValue)}')",
                        index, index + 3)
                }
                if isClosing {
                    return fail(
                        "unclosed shortcode: unexpected text after the closing name '\(name)'", start,
                        recoveryEnd(start))
                }
                // One parameter: [name=]value
                var parameterName: String?
                let tokenStart = index
                if bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "`") {
                    var probe = index
                    while probe < end, isNameByte(bytes[probe]), bytes[probe] != UInt8(ascii: "/") { probe += 1 }
                    var afterName = probe
                    skipSpace(&afterName)
                    if probe > index, afterName < end, bytes[afterName] == UInt8(ascii: "=") {
                        parameterName = text(index, probe)
                        index = afterName + 1
                        skipSpace(&index)
                    }
                }
                if parameterName != nil {
                    if sawPositional {
                        return fail(
                            "got named parameter '\(parameterName!)'. Cannot mix named and positional parameters",
                            tokenStart, index)
                    }
                    sawNamed = true
                } else {
                    if sawNamed {
                        return fail(
                            "got positional parameter. Cannot mix named and positional parameters", tokenStart,
                            recoveryEnd(tokenStart))
                    }
                    sawPositional = true
                }
                guard index < end else { continue }
                let valueStart = index
                let value: String
                if bytes[index] == UInt8(ascii: "\"") {
                    index += 1
                    var scalarBytes: [UInt8] = []
                    var closed = false
                    while index < end, bytes[index] != 0x0A {
                        if bytes[index] == UInt8(ascii: "\\"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "\"") {
                            scalarBytes.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        if bytes[index] == UInt8(ascii: "\"") {
                            closed = true
                            index += 1
                            break
                        }
                        scalarBytes.append(bytes[index])
                        index += 1
                    }
                    if !closed {
                        return fail(
                            "unterminated quoted string in shortcode parameter: add the closing '\"'", valueStart, index
                        )
                    }
                    value = String(decoding: scalarBytes, as: UTF8.self)
                } else if bytes[index] == UInt8(ascii: "`") {
                    index += 1
                    let contentStart = index
                    while index < end, bytes[index] != UInt8(ascii: "`") { index += 1 }
                    if index >= end {
                        return fail(
                            "unterminated raw string in shortcode parameter: add the closing '`'", valueStart, end)
                    }
                    value = text(contentStart, index)
                    index += 1
                } else if parameterName != nil {
                    while index < end, !isSpace(bytes[index]), !closesAt(index, marker: marker),
                        !(bytes[index] == UInt8(ascii: "/") && closesAt(index + 1, marker: marker))
                    { index += 1 }
                    value = text(valueStart, index)
                } else {
                    while index < end, isNameByte(bytes[index]) || bytes[index] == UInt8(ascii: "."),
                        !(bytes[index] == UInt8(ascii: "/") && closesAt(index + 1, marker: marker))
                    { index += 1 }
                    if index == valueStart {
                        let found = String(decoding: bytes[index..<min(end, index + 1)], as: UTF8.self)
                        return fail(
                            "unrecognized character in shortcode action: '\(found)'; quote the parameter value", index,
                            index + 1)
                    }
                    value = text(valueStart, index)
                }
                parameters.append(
                    Shortcode.Parameter(name: parameterName, value: value, valueRange: SourceRange(valueStart, index)))
            }
        }
    }
}
