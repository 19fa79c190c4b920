import TWCCore
import XCTest

@testable import TWCTemplate

/// Parse errors: Go's messages (Hugo shows them to users), and where Go stops.
final class ErrorTests: XCTestCase {
    /// The message, line and offset of the error `text` gives.
    func check(
        _ text: String, _ message: String, line: Int, offset: Int? = nil,
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        guard let error = parseError(text, name: "t.html", file: file, line: sourceLine) else { return }
        XCTAssertEqual(error.message, message, file: file, line: sourceLine)
        XCTAssertEqual(error.line, line, "line", file: file, line: sourceLine)
        if let offset { XCTAssertEqual(error.offset, offset, "offset", file: file, line: sourceLine) }
        // The offset is on the line Go reports.
        let source = SourceFile(path: "t.html", text: text)
        XCTAssertEqual(
            source.location(of: error.offset).line, error.line, "offset's line", file: file,
            line: sourceLine)
    }

    func testStructure() {
        check("a\n{{ if .A }}\nb", "unexpected EOF", line: 3, offset: 15)
        check("x\n{{ end }}", "unexpected {{end}}", line: 2)
        check("{{ else }}", "unexpected {{else}}", line: 1)
        check("{{ if .A }}a{{ else }}b{{ else }}c{{ end }}", "expected end; found {{else}}", line: 1)
        check("{{ if .A }}{{ end . }}", "unexpected <.> in end", line: 1)
        check("{{ range .A }}{{ else if .B }}{{ end }}", "unexpected <if> in input", line: 1)
        check("{{ with .A }}{{ else if .B }}{{ end }}", "unexpected <if> in input", line: 1)
        check("{{ if .A }}{{ else with .B }}{{ end }}", "unexpected <with> in input", line: 1)
        check("{{ break }}", "{{break}} outside {{range}}", line: 1)
        check("{{ range . }}{{ else }}{{ continue }}{{ end }}", "{{continue}} outside {{range}}", line: 1)
        check("{{ range . }}{{ break 1 }}{{ end }}", #"unexpected "1" in {{break}}"#, line: 1)
        check("{{ if }}{{ end }}", "missing value for if", line: 1)
        check("{{ }}", "missing value for command", line: 1)
        check("{{ ( ) }}", "missing value for parenthesized pipeline", line: 1)
        check("{{ . | printf | 1 }}", "non executable command in pipeline stage 3", line: 1)
        check("{{ | . }}", #"unexpected "|" in command"#, line: 1)
        check("{{ . = }}", #"unexpected "=" in operand"#, line: 1)
        check(#"{{ "s".A }}"#, #"unexpected . after term "\"s\"""#, line: 1)
        check("{{ true.A }}", #"unexpected . after term "true""#, line: 1)
    }

    func testVariables() {
        check("{{ $x }}", #"undefined variable "$x""#, line: 1)
        check("{{ if .A }}{{ $y := 1 }}{{ end }}\n{{ $y }}", #"undefined variable "$y""#, line: 2)
        check("{{ $x := 1 }}{{ define \"a\" }}{{ $x }}{{ end }}", #"undefined variable "$x""#, line: 1)
        check("{{ $x, $y := 1 }}", "too many declarations in command", line: 1)
        check("{{ range $a, $b, $c := . }}{{ end }}", "too many declarations in range", line: 1)
        check("{{ range $a, 1 := . }}{{ end }}", "range can only initialize variables", line: 1)
        check("{{ $x := 1 }}{{ $x=2 }}", "bad character U+003D '='", line: 1)
    }

    func testDefinitions() {
        check(
            "{{ define \"a\" }}A{{ end }}\n{{ define \"a\" }}B{{ end }}",
            #"template: multiple definition of template "a""#, line: 2)
        check(
            "{{ define \"t.html\" }}A{{ end }}\ntext\n", #"template: multiple definition of template "t.html""#,
            line: 3)
        check("{{ define \"a\" }}A{{ else }}B{{ end }}", "unexpected {{else}} in define clause", line: 1)
        check("{{ define a }}{{ end }}", #"unexpected "a" in define clause"#, line: 1)
        check(
            #"{{ define "a" "a very long string" }}{{ end }}"#, #"unexpected "\"a very lo"... in define clause"#,
            line: 1)
        check("{{ if . }}{{ define \"a\" }}{{ end }}{{ end }}", "unexpected <define> in command", line: 1)
        // A block's else is reported on the line of the block's own action, as Go does.
        check("{{ block \"b\" . }}\n\n{{ else }}{{ end }}", "unexpected {{else}} in block clause", line: 1)
        check("{{ block \"b\" }}{{ end }}", "missing value for block clause", line: 1)
        check("{{ template }}", #"unexpected "}}" in template clause"#, line: 1)
        check(#"{{ template "\q" }}"#, "invalid syntax", line: 1)
    }

    func testLexicalErrorsNameTheAction() {
        // An error on another line than the action's start names the action's line.
        check("{{ .A\n\n", "unclosed action started at t.html:1", line: 3, offset: 7)
        check("{{ .A\n\"abc", "unterminated quoted string in action started at t.html:1", line: 2)
        check("{{ if\n.A! }}{{ end }}", "bad character U+0021 '!' in action started at t.html:1", line: 2)
        check("{{ if .A }}\n{{/* no end", "unclosed comment in action started at t.html:1", line: 2)
        check("{{ \"abc\n", "unterminated quoted string", line: 1)
        check("{{", "unclosed action", line: 1)
        check("{{/* a */ }}", "comment ends before closing delimiter", line: 1)
        check("{{ (1 }}", "unclosed left paren", line: 1)
        check("{{ € }}", "unrecognized character in action: U+20AC '€'", line: 1)
    }

    func testConstants() {
        check(#"{{ "\z" }}"#, "invalid syntax", line: 1)
        check("{{ 'ab' }}", "malformed character constant: 'ab'", line: 1)
        check("{{ 1x }}", #"bad number syntax: "1x""#, line: 1)
        check("{{ 0x }}", #"illegal number syntax: "0x""#, line: 1)
        check("{{ 18446744073709551616 }}", #"integer overflow: "18446744073709551616""#, line: 1)
        check("{{ 1e400+1i }}", #"strconv.ParseFloat: parsing "1e400": value out of range"#, line: 1)
    }

    func testLinesAfterTrimsAndMultilineTokens() {
        check("{{/*\n\n\n*/}}\n{{ | }}", #"unexpected "|" in command"#, line: 5)
        check("{{ `\n\n` }}\n{{ | }}", #"unexpected "|" in command"#, line: 4)
        check("{{ .A -}}\n\n\n{{ | }}", #"unexpected "|" in command"#, line: 4)
        check("a\n\n\n{{- | }}", #"unexpected "|" in command"#, line: 4)
    }

    /// Hugo parses with a fork of Go 1.23+; these differ from older Go (fixtures/templates/go1.20 and
    /// go1.23 hold them for a newer Go oracle).
    func testNewerGo() throws {
        // Go 1.20's lexer reports a stray right parenthesis itself.
        check("{{ 1) }}", "unexpected right paren", line: 1, offset: 4)
        check("{{ if\n) }}{{ end }}", "unexpected right paren in action started at t.html:1", line: 2)
        // Go 1.23: {{else with}}.
        let file = try XCTUnwrap(parse("{{ with .A }}a{{ else with .B }}b{{ else }}c{{ end }}"))
        XCTAssertEqual(
            sexp(file.root),
            "(list (with (pipe (command (field A))) (list (text \"a\")) "
                + "(list (with (pipe (command (field B))) (list (text \"b\")) (list (text \"c\"))))))")
    }

    func testGoMessage() throws {
        let error = try XCTUnwrap(parseError("\n{{ .A | }}{{ | }}", name: "_shortcodes/x.html"))
        XCTAssertEqual(
            error.goMessage(name: "_shortcodes/x.html"),
            #"template: _shortcodes/x.html:2: unexpected "|" in command"#)
        XCTAssertEqual(error.description, #"2: unexpected "|" in command"#)
    }
}
