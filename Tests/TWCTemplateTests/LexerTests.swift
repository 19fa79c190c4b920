import XCTest

@testable import TWCTemplate

/// Go's text/template lexer: tokens, trim markers, comments, constants and lexical errors.
final class LexerTests: XCTestCase {
    func testTextAndActions() {
        XCTAssertEqual(tokens(""), ["eof"])
        XCTAssertEqual(tokens("plain { text }"), ["text:plain { text }", "eof"])
        XCTAssertEqual(
            tokens("a {{ .B }} c"),
            [
                "text:a ", "leftDelim:{{", "space: ", "field:.B", "space: ", "rightDelim:}}", "text: c", "eof",
            ])
        XCTAssertEqual(
            tokens("{{.}}{{$}}"),
            [
                "leftDelim:{{", "dot:.", "rightDelim:}}", "leftDelim:{{", "variable:$",
                "rightDelim:}}", "eof",
            ])
    }

    func testFieldsVariablesAndIdentifiers() {
        // A field chain is one field token per name; an identifier followed by a field is two tokens
        // (the parser makes a chain of them).
        XCTAssertEqual(
            tokens("{{.A.B $x.C $ strings.TrimSpace}}"),
            [
                "leftDelim:{{", "field:.A", "field:.B", "space: ", "variable:$x", "field:.C", "space: ", "variable:$",
                "space: ", "identifier:strings", "field:.TrimSpace", "rightDelim:}}", "eof",
            ])
        XCTAssertEqual(
            tokens("{{ größe .Ü }}"),
            [
                "leftDelim:{{", "space: ", "identifier:größe", "space: ", "field:.Ü", "space: ", "rightDelim:}}", "eof",
            ])
        XCTAssertEqual(
            tokens("{{if true}}{{else}}{{end}}"),
            [
                "leftDelim:{{", "if:if", "space: ", "bool:true", "rightDelim:}}", "leftDelim:{{", "else:else",
                "rightDelim:}}", "leftDelim:{{", "end:end", "rightDelim:}}", "eof",
            ])
        XCTAssertEqual(
            tokens("{{range break continue nil define block template with}}").dropFirst().first,
            "range:range")
        XCTAssertEqual(tokens("{{ $x := 1 }}{{ $x = 2 }}")[4], "declare::=")
        XCTAssertEqual(tokens("{{ $x := 1 }}{{ $x = 2 }}")[13], "assign:=")
    }

    func testTrimMarkers() {
        // "{{- " trims the space before, " -}}" the space after; the marker needs the space.
        XCTAssertEqual(
            tokens("a \n {{- .A -}} \n b"),
            [
                "text:a", "leftDelim:{{", "field:.A", "rightDelim:}}", "text:b", "eof",
            ])
        XCTAssertEqual(tokens("{{-3}}"), ["leftDelim:{{", "number:-3", "rightDelim:}}", "eof"])
        XCTAssertEqual(tokens("{{- 3}}"), ["leftDelim:{{", "number:3", "rightDelim:}}", "eof"])
        XCTAssertEqual(tokens("{{3 -}}"), ["leftDelim:{{", "number:3", "rightDelim:}}", "eof"])
        XCTAssertEqual(tokens("{{3  -}}"), ["leftDelim:{{", "number:3", "space: ", "rightDelim:}}", "eof"])
        // Text made only of trimmed space disappears.
        XCTAssertEqual(tokens("  {{- 1 -}}  "), ["leftDelim:{{", "number:1", "rightDelim:}}", "eof"])
        // Only ASCII space is trimmed.
        XCTAssertEqual(
            tokens("a\u{A0}{{- 1 -}}\u{A0}b"),
            [
                "text:a\u{A0}", "leftDelim:{{", "number:1", "rightDelim:}}", "text:\u{A0}b", "eof",
            ])
    }

    func testComments() {
        XCTAssertEqual(tokens("a {{/* c */}} b"), ["text:a ", "comment:/* c */", "text: b", "eof"])
        XCTAssertEqual(tokens("a {{- /* c */ -}} b"), ["text:a", "comment:/* c */", "text:b", "eof"])
        XCTAssertEqual(tokens("a {{/* c */}} b", comments: false), ["text:a ", "text: b", "eof"])
        XCTAssertEqual(tokens("{{/* }} {{ */}}"), ["comment:/* }} {{ */", "eof"])
        // The comment token knows its whole action.
        var lexer = TemplateLexer(bytes: Array("x {{- /* c */ -}} y".utf8))
        _ = lexer.next()
        let comment = lexer.next()
        XCTAssertEqual(comment.kind, .comment)
        XCTAssertEqual(comment.range, 6..<13)
        XCTAssertEqual(comment.outer, 2..<17)
        // A space before the comment makes it an action; after it, an error.
        XCTAssertEqual(tokens("{{ /* c */ }}")[2], "char:/")
        XCTAssertEqual(tokens("{{/* c */ }}"), ["error:comment ends before closing delimiter@2"])
        XCTAssertEqual(tokens("x {{/* c "), ["text:x ", "error:unclosed comment@4"])
    }

    func testConstants() {
        XCTAssertEqual(
            tokens(#"{{"a\"b" `raw`}}"#),
            [
                "leftDelim:{{", #"string:"a\"b""#, "space: ", "rawString:`raw`", "rightDelim:}}", "eof",
            ])
        XCTAssertEqual(tokens("{{`two\nlines`}}")[1], "rawString:`two\nlines`")
        XCTAssertEqual(
            tokens(#"{{'a' '\'' '\n'}}"#).filter { $0.hasPrefix("charConstant") },
            ["charConstant:'a'", #"charConstant:'\''"#, #"charConstant:'\n'"#])
        XCTAssertEqual(
            tokens("{{1 -2 +3 .5 1e3 0x1F 0o7 0b1 1_000 0x1p-2 2i 1+2i 1.5e3-2.5e-1i}}")
                .filter { $0.hasPrefix("number") || $0.hasPrefix("complex") },
            [
                "number:1", "number:-2", "number:+3", "number:.5", "number:1e3", "number:0x1F", "number:0o7",
                "number:0b1", "number:1_000", "number:0x1p-2", "number:2i", "complex:1+2i", "complex:1.5e3-2.5e-1i",
            ])
    }

    func testLexicalErrors() {
        XCTAssertEqual(tokens("{{ .A ").last, "error:unclosed action@6")
        XCTAssertEqual(tokens("{{ (1 }}").last, "error:unclosed left paren@6")
        XCTAssertEqual(tokens("{{ 1) }}").last, "error:unexpected right paren@4")
        XCTAssertEqual(tokens("{{ : }}").last, "error:expected :=@3")
        XCTAssertEqual(tokens("{{ .A! }}").last, "error:bad character U+0021 '!'@3")
        XCTAssertEqual(tokens("{{ 1x }}").last, #"error:bad number syntax: "1x"@3"#)
        XCTAssertEqual(tokens("{{ 1+2 }}").last, #"error:bad number syntax: "1+2"@3"#)
        XCTAssertEqual(tokens("{{ \"abc\n\" }}").last, "error:unterminated quoted string@3")
        XCTAssertEqual(tokens("{{ 'a }}").last, "error:unterminated character constant@3")
        XCTAssertEqual(tokens("{{ `abc }}").last, "error:unterminated raw quoted string@3")
        XCTAssertEqual(tokens("{{ € }}").last, "error:unrecognized character in action: U+20AC '€'@3")
        XCTAssertEqual(tokens("{{ \u{1} }}").last, "error:unrecognized character in action: U+0001@3")
        // An invalid byte is U+FFFD, as in Go.
        var lexer = TemplateLexer(bytes: [0x7B, 0x7B, 0x20, 0xFF, 0x7D, 0x7D])
        _ = lexer.next()
        _ = lexer.next()
        let error = lexer.next()
        XCTAssertEqual(lexer.message(of: error), "unrecognized character in action: U+FFFD '\u{FFFD}'")
        // After an error the input is gone, as in Go: the action can no longer be closed.
        let next = lexer.next()
        XCTAssertEqual(lexer.message(of: next), "unclosed action")
    }

    func testGoQuoting() {
        XCTAssertEqual(GoText.quote(Array("a\"b\\c\n\t\u{7F}é😀".utf8)), #""a\"b\\c\n\t\x7fé😀""#)
        XCTAssertEqual(GoText.quote([0x61, 0xFF, 0xC3]), #""a\xff\xc3""#)
        XCTAssertEqual(GoText.quote(Array("\u{AD}\u{200B}".utf8)), #""\u00ad\u200b""#)
        XCTAssertEqual(GoText.quotePrefix(Array("\"a very long string\"".utf8)[...], runes: 10), #""\"a very lo""#)
        XCTAssertEqual(GoText.unicodeNotation(0x41), "U+0041 'A'")
        XCTAssertEqual(GoText.unicodeNotation(0x1F600), "U+1F600 '😀'")
        XCTAssertEqual(GoText.unicodeNotation(0x85), "U+0085")
    }
}
