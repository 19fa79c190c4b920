// The lexer of Go's text/template (package text/template/parse, lex.go, as forked by Hugo from
// Go 1.23+): a state machine that hands the parser one token at a time. Default delimiters only.

/// The kinds of tokens, in Go's order; the keywords come last.
enum TemplateTokenKind: Int, Sendable {
    case error, bool, char, charConstant, comment, complex, assign, declare, eof, field, identifier,
        leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string, text, variable
    case dot, block, `break`, `continue`, define, `else`, end, `if`, `nil`, range, template, with

    /// Keywords (and the dot) are shown as `<word>` in Go's messages.
    var isKeyword: Bool { rawValue >= TemplateTokenKind.dot.rawValue }

    private static let keywords: [(word: [UInt8], kind: TemplateTokenKind)] = {
        let words: [(String, TemplateTokenKind)] = [
            ("block", .block), ("break", .break), ("continue", .continue), ("define", .define), ("else", .else),
            ("end", .end), ("if", .if), ("nil", .nil), ("range", .range), ("template", .template), ("with", .with),
            ("true", .bool), ("false", .bool),
        ]
        return words.map { (Array($0.0.utf8), $0.1) }
    }()

    /// The keyword a word spells, if any; `true` and `false` are bools.
    static func keyword(_ word: ArraySlice<UInt8>) -> TemplateTokenKind? {
        guard word.count >= 2 && word.count <= 8 else { return nil }
        for keyword in keywords where keyword.word.count == word.count && keyword.word.elementsEqual(word) {
            return keyword.kind
        }
        return nil
    }
}

/// One token: its kind and bytes (`start..<end`); an error token's message is kept by the lexer.
struct TemplateToken: Sendable {
    var kind: TemplateTokenKind
    var start: Int
    var end: Int
    /// Comments: the whole `{{/* ... */}}` action, delimiters and trim markers included. Errors:
    /// the index of the message in `TemplateLexer.messages` (as `outer.lowerBound`).
    var outer: Range<Int> = 0..<0

    var range: Range<Int> { start..<end }

    /// Go's `item.String()`, as it appears in "unexpected ... in ..." messages (not for errors,
    /// which are shown as their message).
    func goDescription(_ bytes: [UInt8]) -> String {
        switch kind {
        case .eof: return "EOF"
        case .error: return "error"
        default:
            let value = bytes[start..<end]
            if kind.isKeyword { return "<" + String(decoding: value, as: UTF8.self) + ">" }
            if value.count > 10 { return GoText.quotePrefix(value, runes: 10) + "..." }
            return GoText.quote(value)
        }
    }
}

/// Go's template lexer over UTF-8 bytes. `next()` returns the next token; after an error token
/// the input is treated as empty, as Go does.
struct TemplateLexer {
    private let bytes: [UInt8]
    /// End of the input (set to 0 after an error, like Go's emptied input).
    private var end: Int
    private var position = 0
    private var start = 0
    private var atEOF = false
    private var parenDepth = 0
    private var insideAction = false
    private var token = TemplateToken(kind: .eof, start: 0, end: 0)
    /// Where the `{{` of the comment being lexed starts.
    private var commentStart = 0
    /// Go's `emitComment`: whether comments are returned as tokens (else they are skipped).
    let emitComments: Bool
    /// The messages of the error tokens.
    private(set) var messages: [String] = []

    /// The message of an error token.
    func message(of token: TemplateToken) -> String {
        token.kind == .error ? messages[token.outer.lowerBound] : ""
    }

    // The delimiters are "{{" and "}}", comments "/*" and "*/": two bytes each.

    init(bytes: [UInt8], emitComments: Bool = true) {
        self.bytes = bytes
        self.end = bytes.count
        self.emitComments = emitComments
    }

    private enum State {
        case text, leftDelim, comment, rightDelim, insideAction, space, identifier, field, variable, char,
            number, quote, rawQuote
    }

    /// The next token.
    mutating func next() -> TemplateToken {
        token = TemplateToken(kind: .eof, start: position, end: position)
        var state: State? = insideAction ? .insideAction : .text
        while let current = state { state = run(current) }
        return token
    }

    private mutating func run(_ state: State) -> State? {
        switch state {
        case .text: return lexText()
        case .leftDelim: return lexLeftDelim()
        case .comment: return lexComment()
        case .rightDelim: return lexRightDelim()
        case .insideAction: return lexInsideAction()
        case .space: return lexSpace()
        case .identifier: return lexIdentifier()
        case .field: return lexFieldOrVariable(.field)
        case .variable: return atTerminator() ? emit(.variable) : lexFieldOrVariable(.variable)
        case .char:
            return lexQuoted(quote: UInt8(ascii: "'"), kind: .charConstant, error: "unterminated character constant")
        case .number: return lexNumber()
        case .quote: return lexQuoted(quote: UInt8(ascii: "\""), kind: .string, error: "unterminated quoted string")
        case .rawQuote: return lexRawQuote()
        }
    }

    // MARK: reading runes

    private mutating func nextRune() -> GoRune {
        guard position < end else {
            atEOF = true
            return GoText.endOfInput
        }
        let byte = bytes[position]
        if byte < 0x80 {
            position += 1
            return GoRune(byte)
        }
        let (rune, width) = GoText.decode(bytes, position, end)
        position += width
        return rune
    }

    private mutating func peekRune() -> GoRune {
        let rune = nextRune()
        backup()
        return rune
    }

    /// Steps back one rune; once the end of input has been read, Go's lexer never steps back.
    private mutating func backup() {
        guard !atEOF, position > 0 else { return }
        position -= bytes[position - 1] < 0x80 ? 1 : GoText.decodeLast(bytes, lowerBound: 0, end: position).width
    }

    private mutating func accept(_ valid: (GoRune) -> Bool) -> Bool {
        if valid(nextRune()) { return true }
        backup()
        return false
    }

    private mutating func acceptRun(_ valid: (GoRune) -> Bool) {
        while valid(nextRune()) {}
        backup()
    }

    /// Where the next `{{` (or `*/`: `first`, `second`) starts.
    private func index(of first: UInt8, _ second: UInt8, from: Int) -> Int? {
        var index = from
        while index + 1 < end {
            if bytes[index] == first && bytes[index + 1] == second { return index }
            index += 1
        }
        return nil
    }

    /// Whether `}}` starts at `index`.
    private func isRightDelimiter(at index: Int) -> Bool {
        index + 1 < end && bytes[index] == UInt8(ascii: "}") && bytes[index + 1] == UInt8(ascii: "}")
    }

    private static func isSpace(_ rune: GoRune) -> Bool { rune == 0x20 || rune == 0x09 || rune == 0x0D || rune == 0x0A }
    private static func isSpaceByte(_ byte: UInt8) -> Bool { isSpace(GoRune(byte)) }

    /// `-` then a space: the trim marker after a left delimiter.
    private func hasLeftTrimMarker(at index: Int) -> Bool {
        index + 2 <= end && bytes[index] == UInt8(ascii: "-") && Self.isSpaceByte(bytes[index + 1])
    }

    /// A space then `-`: the trim marker before a right delimiter.
    private func hasRightTrimMarker(at index: Int) -> Bool {
        index >= 0 && index + 2 <= end && Self.isSpaceByte(bytes[index]) && bytes[index + 1] == UInt8(ascii: "-")
    }

    private func atRightDelimiter() -> (delimiter: Bool, trim: Bool) {
        if hasRightTrimMarker(at: position) && isRightDelimiter(at: position + 2) { return (true, true) }
        return (isRightDelimiter(at: position), false)
    }

    // MARK: emitting

    private mutating func take(_ kind: TemplateTokenKind) -> TemplateToken {
        let taken = TemplateToken(kind: kind, start: start, end: position)
        start = position
        return taken
    }

    private mutating func emit(_ kind: TemplateTokenKind) -> State? {
        token = take(kind)
        return nil
    }

    private mutating func ignore() { start = position }

    private mutating func fail(_ message: String) -> State? {
        token = TemplateToken(kind: .error, start: start, end: start, outer: messages.count..<messages.count)
        messages.append(message)
        start = 0
        position = 0
        end = 0
        return nil
    }

    // MARK: states

    private mutating func lexText() -> State? {
        if let delimiter = index(of: UInt8(ascii: "{"), UInt8(ascii: "{"), from: position) {
            if delimiter > position {
                position = delimiter
                var trimLength = 0
                if hasLeftTrimMarker(at: position + 2) {
                    var index = position
                    while index > start && Self.isSpaceByte(bytes[index - 1]) { index -= 1 }
                    trimLength = position - index
                }
                position -= trimLength
                let text = take(.text)
                position += trimLength
                ignore()
                if text.end > text.start {
                    token = text
                    return nil
                }
            }
            return .leftDelim
        }
        position = end
        return emit(position > start ? .text : .eof)
    }

    private mutating func lexLeftDelim() -> State? {
        let delimiterStart = position
        position += 2
        let afterMarker = hasLeftTrimMarker(at: position) ? 2 : 0
        if position + afterMarker + 1 < end && bytes[position + afterMarker] == UInt8(ascii: "/")
            && bytes[position + afterMarker + 1] == UInt8(ascii: "*")
        {
            position += afterMarker
            ignore()
            commentStart = delimiterStart
            return .comment
        }
        let delimiter = take(.leftDelim)
        insideAction = true
        position += afterMarker
        ignore()
        parenDepth = 0
        token = delimiter
        return nil
    }

    private mutating func lexComment() -> State? {
        position += 2
        guard let close = index(of: UInt8(ascii: "*"), UInt8(ascii: "/"), from: position) else {
            return fail("unclosed comment")
        }
        position = close + 2
        let (delimiter, trim) = atRightDelimiter()
        guard delimiter else { return fail("comment ends before closing delimiter") }
        var comment = take(.comment)
        if trim { position += 2 }
        position += 2
        comment.outer = commentStart..<position
        if trim { skipLeadingSpace() }
        ignore()
        if emitComments {
            token = comment
            return nil
        }
        return .text
    }

    private mutating func skipLeadingSpace() {
        while position < end && Self.isSpaceByte(bytes[position]) { position += 1 }
    }

    private mutating func lexRightDelim() -> State? {
        let trim = atRightDelimiter().trim
        if trim {
            position += 2
            ignore()
        }
        position += 2
        let delimiter = take(.rightDelim)
        if trim {
            skipLeadingSpace()
            ignore()
        }
        insideAction = false
        token = delimiter
        return nil
    }

    private mutating func lexInsideAction() -> State? {
        if atRightDelimiter().delimiter {
            return parenDepth == 0 ? .rightDelim : fail("unclosed left paren")
        }
        let rune = nextRune()
        switch rune {
        case GoText.endOfInput:
            return fail("unclosed action")
        case 0x20, 0x09, 0x0D, 0x0A:
            backup()  // the space may start " -}}"
            return .space
        case GoRune(UInt8(ascii: "=")):
            return emit(.assign)
        case GoRune(UInt8(ascii: ":")):
            guard nextRune() == GoRune(UInt8(ascii: "=")) else { return fail("expected :=") }
            return emit(.declare)
        case GoRune(UInt8(ascii: "|")):
            return emit(.pipe)
        case GoRune(UInt8(ascii: "\"")):
            return .quote
        case GoRune(UInt8(ascii: "`")):
            return .rawQuote
        case GoRune(UInt8(ascii: "$")):
            return .variable
        case GoRune(UInt8(ascii: "'")):
            return .char
        case GoRune(UInt8(ascii: ".")):
            // ".Field" unless a digit follows, which makes a number such as ".5".
            if position < end && (bytes[position] < UInt8(ascii: "0") || bytes[position] > UInt8(ascii: "9")) {
                return .field
            }
            backup()
            return .number
        case GoRune(UInt8(ascii: "+")), GoRune(UInt8(ascii: "-")), 0x30...0x39:
            backup()
            return .number
        case GoRune(UInt8(ascii: "(")):
            parenDepth += 1
            return emit(.leftParen)
        case GoRune(UInt8(ascii: ")")):
            parenDepth -= 1
            return parenDepth < 0 ? fail("unexpected right paren") : emit(.rightParen)
        default:
            if GoText.isAlphaNumeric(rune) {
                backup()
                return .identifier
            }
            if rune < 0x80 && GoText.isPrint(rune) { return emit(.char) }
            return fail("unrecognized character in action: " + GoText.unicodeNotation(rune))
        }
    }

    private mutating func lexSpace() -> State? {
        var spaces = 0
        while Self.isSpace(peekRune()) {
            _ = nextRune()
            spaces += 1
        }
        // A space followed by "-}}" belongs to the trim-marked right delimiter.
        if hasRightTrimMarker(at: position - 1) && isRightDelimiter(at: position + 1) {
            backup()
            if spaces == 1 { return .rightDelim }
        }
        return emit(.space)
    }

    private mutating func lexIdentifier() -> State? {
        var rune: GoRune
        repeat { rune = nextRune() } while GoText.isAlphaNumeric(rune)
        backup()
        guard atTerminator() else { return fail("bad character " + GoText.unicodeNotation(rune)) }
        return emit(TemplateTokenKind.keyword(bytes[start..<position]) ?? .identifier)
    }

    /// A field (`.Name`, the dot already read) or a variable (`$name`, the `$` already read).
    private mutating func lexFieldOrVariable(_ kind: TemplateTokenKind) -> State? {
        if atTerminator() { return emit(kind == .variable ? .variable : .dot) }
        var rune: GoRune
        repeat { rune = nextRune() } while GoText.isAlphaNumeric(rune)
        backup()
        guard atTerminator() else { return fail("bad character " + GoText.unicodeNotation(rune)) }
        return emit(kind)
    }

    /// Whether the next character may follow an identifier: a space, the end, `.`, `,`, `|`, `:`,
    /// a parenthesis or the right delimiter.
    private mutating func atTerminator() -> Bool {
        let rune = peekRune()
        if Self.isSpace(rune) { return true }
        switch rune {
        case GoText.endOfInput, 0x2E, 0x2C, 0x7C, 0x3A, 0x29, 0x28: return true
        default: return isRightDelimiter(at: position)
        }
    }

    /// A quoted string or character constant (the opening quote already read); escapes are
    /// checked by the parser.
    private mutating func lexQuoted(quote: UInt8, kind: TemplateTokenKind, error: String) -> State? {
        while true {
            var rune = nextRune()
            if rune == GoRune(UInt8(ascii: "\\")) {
                rune = nextRune()
                if rune != GoText.endOfInput && rune != 0x0A { continue }
            }
            if rune == GoText.endOfInput || rune == 0x0A { return fail(error) }
            if rune == GoRune(quote) { break }
        }
        return emit(kind)
    }

    private mutating func lexRawQuote() -> State? {
        while true {
            let rune = nextRune()
            if rune == GoText.endOfInput { return fail("unterminated raw quoted string") }
            if rune == GoRune(UInt8(ascii: "`")) { break }
        }
        return emit(.rawString)
    }

    private mutating func lexNumber() -> State? {
        guard scanNumber() else { return fail("bad number syntax: " + GoText.quote(bytes[start..<position])) }
        let sign = peekRune()
        if sign == GoRune(UInt8(ascii: "+")) || sign == GoRune(UInt8(ascii: "-")) {
            // A complex constant such as 1+2i: no spaces, and it must end in 'i'.
            guard scanNumber(), bytes[position - 1] == UInt8(ascii: "i") else {
                return fail("bad number syntax: " + GoText.quote(bytes[start..<position]))
            }
            return emit(.complex)
        }
        return emit(.number)
    }

    private static func isDecimal(_ rune: GoRune) -> Bool { rune >= 0x30 && rune <= 0x39 }

    /// Go's permissive number scan: sign, base prefix, digits with underscores, fraction,
    /// exponent, imaginary 'i'; the parser rejects what does not convert.
    private mutating func scanNumber() -> Bool {
        _ = accept { $0 == 0x2B || $0 == 0x2D }
        enum Digits { case decimal, hex, octal, binary }
        var digits = Digits.decimal
        if accept({ $0 == 0x30 }) {
            if accept({ $0 == 0x78 || $0 == 0x58 }) {
                digits = .hex
            } else if accept({ $0 == 0x6F || $0 == 0x4F }) {
                digits = .octal
            } else if accept({ $0 == 0x62 || $0 == 0x42 }) {
                digits = .binary
            }
        }
        let isDigit: (GoRune) -> Bool = { rune in
            if rune == 0x5F { return true }
            switch digits {
            case .decimal: return Self.isDecimal(rune)
            case .hex: return Self.isDecimal(rune) || (rune | 0x20 >= 0x61 && rune | 0x20 <= 0x66)
            case .octal: return rune >= 0x30 && rune <= 0x37
            case .binary: return rune == 0x30 || rune == 0x31
            }
        }
        acceptRun(isDigit)
        if accept({ $0 == 0x2E }) { acceptRun(isDigit) }
        let exponent: (GoRune) -> Bool = { Self.isDecimal($0) || $0 == 0x5F }
        if digits == .decimal && accept({ $0 == 0x65 || $0 == 0x45 }) {
            _ = accept { $0 == 0x2B || $0 == 0x2D }
            acceptRun(exponent)
        }
        if digits == .hex && accept({ $0 == 0x70 || $0 == 0x50 }) {
            _ = accept { $0 == 0x2B || $0 == 0x2D }
            acceptRun(exponent)
        }
        _ = accept { $0 == 0x69 }
        if GoText.isAlphaNumeric(peekRune()) {
            _ = nextRune()
            return false
        }
        return true
    }
}
