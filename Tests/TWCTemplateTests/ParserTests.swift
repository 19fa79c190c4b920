import TWCCore
import XCTest

@testable import TWCTemplate

/// Tree shapes, byte ranges, Go positions and template sets.
final class ParserTests: XCTestCase {
    func testActionTree() throws {
        let file = try XCTUnwrap(parse("a {{ .Title | printf \"%s!\" }} b"))
        XCTAssertEqual(
            sexp(file.root),
            #"(list (text "a ") (action (pipe (command (field Title)) "#
                + #"(command (identifier printf) (string "%s!")))) (text " b"))"#)
        let action = file.root.children[1]
        XCTAssertEqual(action.range, SourceRange(2, 29))
        XCTAssertEqual(action.sourceText, #"{{ .Title | printf "%s!" }}"#)
        XCTAssertEqual(action.position, 5)
        let pipe = try XCTUnwrap(action.pipe)
        XCTAssertEqual(pipe.sourceText, #".Title | printf "%s!""#)
        XCTAssertEqual(pipe.commands.map(\.sourceText), [".Title", #"printf "%s!""#])
        XCTAssertEqual(pipe.commands[1].arguments.map(\.range), [SourceRange(14, 20), SourceRange(21, 26)])
        XCTAssertEqual(file.root.range, SourceRange(0, 31))
    }

    func testFieldsVariablesAndChains() throws {
        let file = try XCTUnwrap(
            parse(
                "{{ $x := . }}{{ .A.B.C }}{{ $x.D }}{{ $.E }}{{ (.F).G.H }}{{ strings.TrimSpace .I }}{{ (1).J }}"))
        XCTAssertEqual(
            file.root.children.map { sexp($0.pipe!.commands[0].arguments[0]) },
            [
                "(dot)", "(field A.B.C)", "(variable $x.D)", "(variable $.E)",
                "(chain G.H (pipe (command (field F))))", "(chain TrimSpace (identifier strings))",
                "(chain J (pipe (command (number 1))))",
            ])
        // Go puts a field chain at its second field, a chain at its first field.
        let field = file.root.children[1].pipe!.commands[0].arguments[0]
        XCTAssertEqual(field.range, SourceRange(16, 22))
        XCTAssertEqual(field.position, 18)
        let chain = file.root.children[4].pipe!.commands[0].arguments[0]
        XCTAssertEqual(chain.sourceText, "(.F).G.H")
        XCTAssertEqual(chain.position, chain.range.start + 4)
        XCTAssertEqual(chain.term?.sourceText, "(.F)")
        XCTAssertEqual(chain.term?.position, chain.range.start + 1)
        XCTAssertEqual(file.root.children[0].pipe?.declarations.map(\.sourceText), ["$x"])
        XCTAssertFalse(file.root.children[0].pipe!.isAssignment)
    }

    func testLiterals() throws {
        let file = try XCTUnwrap(parse(#"{{ f true nil "a\tb" `r\n` 'x' 0x1F 1e3 2i 1+2i -0 }}"#))
        let arguments = file.root.children[0].pipe!.commands[0].arguments
        XCTAssertEqual(
            arguments.map(sexp),
            [
                "(identifier f)", "(bool true)", "(nil)", #"(string "a\tb")"#, #"(string "r\\n")"#, "(number 'x')",
                "(number 0x1F)", "(number 1e3)", "(number 2i)", "(number 1+2i)", "(number -0)",
            ])
        guard case .number(let char) = arguments[5].kind, case .number(let hex) = arguments[6].kind,
            case .number(let float) = arguments[7].kind, case .number(let imaginary) = arguments[8].kind,
            case .number(let complex) = arguments[9].kind, case .number(let zero) = arguments[10].kind
        else {
            return XCTFail("numbers expected")
        }
        XCTAssertEqual([char.int64, hex.int64, float.int64], [120, 31, 1000])
        XCTAssertTrue(char.isInt && char.isUint && char.isFloat && !char.isComplex)
        XCTAssertTrue(float.isFloat && float.isInt && float.isUint)
        XCTAssertEqual(float.float64, 1000)
        XCTAssertTrue(imaginary.isComplex && !imaginary.isFloat && !imaginary.isInt)
        XCTAssertEqual(imaginary.imaginary, 2)
        XCTAssertEqual([complex.real, complex.imaginary], [1, 2])
        XCTAssertTrue(zero.isInt && zero.isUint)
        XCTAssertEqual(arguments[3].valueBytes, Array("a\tb".utf8))
    }

    func testNumberConversions() {
        func number(_ text: String) -> TemplateNumber? {
            guard let file = parse("{{ " + text + " }}"),
                case .number(let value) = file.root.children[0].pipe!.commands[0].arguments[0].kind
            else {
                return nil
            }
            return value
        }
        XCTAssertEqual(number("18446744073709551615")?.uint64, UInt64.max)
        XCTAssertEqual(number("18446744073709551615")?.isInt, false)
        XCTAssertEqual(number("-9223372036854775808")?.int64, Int64.min)
        XCTAssertEqual(number("0o17")?.int64, 15)
        XCTAssertEqual(number("017")?.int64, 15)
        XCTAssertEqual(number("0b101")?.int64, 5)
        XCTAssertEqual(number("1_000")?.int64, 1000)
        XCTAssertEqual(number("0x1p-2")?.float64, 0.25)
        XCTAssertEqual(number("0x1p-2")?.isInt, false)
        XCTAssertEqual(number("1e19")?.uint64, 10_000_000_000_000_000_000)
        XCTAssertEqual(number("1e19")?.isInt, false)
        XCTAssertEqual(number("'\\U0001F600'")?.int64, 0x1F600)
        XCTAssertEqual(parseError("{{ 08 }}")?.message, #"integer overflow: "08""#)
        XCTAssertEqual(parseError("{{ 1e400 }}")?.message, #"illegal number syntax: "1e400""#)
        XCTAssertEqual(parseError("{{ 0x1.8 }}")?.message, #"illegal number syntax: "0x1.8""#)
        XCTAssertEqual(parseError("{{ 1__0 }}")?.message, #"illegal number syntax: "1__0""#)
        XCTAssertEqual(parseError("{{ 1+i }}")?.message, "syntax error scanning complex number")
        XCTAssertEqual(parseError("{{ 'ab' }}")?.message, "malformed character constant: 'ab'")
        XCTAssertEqual(parseError(#"{{ "\q" }}"#)?.message, "invalid syntax")
    }

    func testTrimmedText() throws {
        let file = try XCTUnwrap(parse("a \n {{- .A -}} \n b"))
        XCTAssertEqual(sexp(file.root), #"(list (text "a") (action (pipe (command (field A)))) (text "b"))"#)
        XCTAssertEqual(file.root.children.map(\.range), [SourceRange(0, 1), SourceRange(4, 14), SourceRange(17, 18)])
    }

    func testComments() throws {
        let file = try XCTUnwrap(parse("a {{- /* no .Inner */ -}} b{{/* c */}}"))
        XCTAssertEqual(
            sexp(file.root),
            #"(list (text "a") (comment "/* no .Inner */") (text "b") (comment "/* c */"))"#)
        let comment = file.root.children[1]
        XCTAssertEqual(comment.sourceText, "{{- /* no .Inner */ -}}")
        XCTAssertEqual(comment.position, 6)
    }

    func testBranches() throws {
        let file = try XCTUnwrap(parse("{{ if .A }}a{{ else if .B }}b{{ else }}c{{ end }}!"))
        XCTAssertEqual(
            sexp(file.root),
            "(list (if (pipe (command (field A))) (list (text \"a\")) "
                + "(list (if (pipe (command (field B))) (list (text \"b\")) (list (text \"c\"))))) "
                + "(text \"!\"))")
        let outer = file.root.children[0]
        XCTAssertEqual(outer.sourceText, "{{ if .A }}a{{ else if .B }}b{{ else }}c{{ end }}")
        XCTAssertEqual(outer.position, 6)
        XCTAssertEqual(outer.list?.range, SourceRange(11, 12))
        let elseList = try XCTUnwrap(outer.elseList)
        XCTAssertEqual(elseList.sourceText, "{{ else if .B }}b{{ else }}c{{ end }}")
        XCTAssertEqual(elseList.position, 20)
        let inner = elseList.children[0]
        XCTAssertEqual(inner.range, elseList.range)
        XCTAssertEqual(inner.elseList?.sourceText, "c")

        let range = try XCTUnwrap(
            parse(
                "{{ range $i, $e := .L }}{{ if $i }}{{ continue }}{{ end }}{{ break }}{{ else }}-{{ end }}"))
        XCTAssertEqual(
            sexp(range.root),
            "(list (range (pipe:= (variable $i) (variable $e) (command (field L))) "
                + "(list (if (pipe (command (variable $i))) (list (continue))) (break)) (list (text \"-\"))))")
        let with = try XCTUnwrap(parse("{{ with .A }}{{ . }}{{ else with .B }}b{{ end }}"))
        XCTAssertEqual(
            sexp(with.root),
            "(list (with (pipe (command (field A))) (list (action (pipe (command (dot))))) "
                + "(list (with (pipe (command (field B))) (list (text \"b\"))))))")
    }

    func testDefinitionsAndTemplateSet() throws {
        let text = """
            {{ define "a" }}A{{ end }}
            {{ block "main" . }}default{{ end }}
            {{ template "a" .X }}{{ template `b` }}
            """
        let file = try XCTUnwrap(parse(text, name: "page.html"))
        XCTAssertEqual(file.templates.map(\.name), ["page.html", "a", "main"])
        XCTAssertEqual(file.templates.map(\.origin), [.file, .define, .block])
        XCTAssertEqual(file.definitions.map(\.name), ["a", "main"])
        let a = try XCTUnwrap(file.template(named: "a"))
        XCTAssertEqual(a.range, SourceRange(0, 26))
        XCTAssertEqual(a.nameRange, SourceRange(10, 13))
        XCTAssertEqual(sexp(a.root), #"(list (text "A"))"#)
        XCTAssertEqual(sexp(file.template(named: "main")!.root), #"(list (text "default"))"#)
        // The define leaves nothing in the top level; the block leaves a call.
        XCTAssertEqual(
            sexp(file.root),
            #"(list (text "\n") (template "main" (pipe (command (dot)))) (text "\n") "#
                + #"(template "a" (pipe (command (field X)))) (template "b"))"#)
        XCTAssertEqual(file.root.children[1].sourceText, #"{{ block "main" . }}default{{ end }}"#)
        XCTAssertEqual(file.root.children[4].pipe, nil)
    }

    func testEmptyTemplatesGiveWay() throws {
        // A definition of the file's own name replaces a top level that is only space.
        let own = try XCTUnwrap(parse("{{ define \"t\" }}body{{ end }}\n", name: "t"))
        XCTAssertEqual(own.templates.map(\.origin), [.define])
        XCTAssertEqual(sexp(own.template(named: "t")!.root), #"(list (text "body"))"#)
        // An empty redefinition is ignored, a full one after an empty one wins.
        let redefined = try XCTUnwrap(parse(#"{{ define "a" }}A{{ end }}{{ define "a" }} {{/* c */}} {{ end }}"#))
        XCTAssertEqual(sexp(redefined.template(named: "a")!.root), #"(list (text "A"))"#)
        let replaced = try XCTUnwrap(parse(#"{{ define "a" }} {{ end }}{{ define "a" }}B{{ end }}"#))
        XCTAssertEqual(sexp(replaced.template(named: "a")!.root), #"(list (text "B"))"#)
        XCTAssertEqual(
            parseError(#"{{ define "a" }}A{{ end }}{{ define "a" }}B{{ end }}"#)?.message,
            #"template: multiple definition of template "a""#)
    }

    func testWalker() throws {
        let file = try XCTUnwrap(parse("{{ if .A }}{{ .B | f (.C) }}{{ end }}{{/* x */}}"))
        var kinds: [String] = []
        file.root.walk { node in
            kinds.append(String(sexp(node).dropFirst().prefix { $0 != " " && $0 != ")" }))
            return true
        }
        XCTAssertEqual(
            kinds,
            [
                "list", "if", "pipe", "command", "field", "list", "action", "pipe", "command", "field",
                "command", "identifier", "pipe", "command", "field", "comment",
            ])
        var visited = 0
        file.root.walk { node in
            visited += 1
            if case .if = node.kind { return false }
            return true
        }
        XCTAssertEqual(visited, 3)
    }

    func testDeepNestingNeedsNoRecursion() throws {
        // Go has no limit on nested control structures; neither does this parser's stack.
        let depth = 100_000
        let text = String(repeating: "{{ if . }}", count: depth) + "x" + String(repeating: "{{ end }}", count: depth)
        let file = try XCTUnwrap(parse(text))
        var count = 0
        file.root.walk { node in
            if case .if = node.kind { count += 1 }
            return true
        }
        XCTAssertEqual(count, depth)
        // Parenthesised pipelines: Go stops at 10000.
        let parens = 9_999
        func nested(_ depth: Int) -> String {
            "{{ " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + " }}"
        }
        XCTAssertNotNil(parse(nested(parens)))
        let tooDeep = nested(10_001)
        XCTAssertEqual(parseError(tooDeep)?.message, "max expression depth exceeded")
    }

    func testDump() throws {
        let file = try XCTUnwrap(parse("{{ .A.B }}{{ 1.5 }}", name: "n"))
        XCTAssertEqual(
            TemplateDump.dump(.success(file)),
            """
            tree "n"
              list 0
                action 3
                  pipe 3 decl=0 assign=false
                    command 3
                      field 5 "A" "B"
                action 13
                  pipe 13 decl=0 assign=false
                    command 13
                      number 13 "1.5" float=3ff8000000000000

            """)
        XCTAssertEqual(
            TemplateDump.dump(.failure(TemplateParseError(message: "unexpected EOF", offset: 9, line: 2))),
            "error 2 unexpected EOF\n")
    }
}

/// Templates nested 100,000 deep whichever way: a tree with no recursion, or Go's error.
final class TemplateDepthTests: XCTestCase {
    func count(_ file: TemplateFile, _ match: (TemplateNode.Kind) -> Bool) -> Int {
        var n = 0
        file.root.walk { node in
            if match(node.kind) { n += 1 }
            return true
        }
        return n
    }

    func testNestedControlStructures() throws {
        let depth = 100_000
        // 20,000 levels would already overflow a recursive parser's stack.
        let some = 20_000
        for (open, close) in [
            ("{{ with . }}", "{{ end }}"), ("{{ range . }}", "{{ else }}{{ end }}"),
            ("{{ if . }}{{ else if . }}", "{{ end }}"),
        ] {
            let text = String(repeating: open, count: some) + "x" + String(repeating: close, count: some)
            let file = try XCTUnwrap(parse(text), open)
            XCTAssertGreaterThan(file.root.children.count, 0, open)
            _ = HugoTemplates.usesInner(file)
        }
        let blocks =
            (0..<some).map { "{{ block \"b\($0)\" . }}" }.joined() + String(repeating: "{{ end }}", count: some)
        XCTAssertEqual(try XCTUnwrap(parse(blocks)).templates.count, some + 1)
        let withs = try XCTUnwrap(
            parse(String(repeating: "{{ with .A }}", count: some) + String(repeating: "{{ end }}", count: some)))
        XCTAssertEqual(count(withs) { if case .with = $0 { true } else { false } }, some)
        // Left open: Go's error, at the end.
        XCTAssertEqual(parseError(String(repeating: "{{ if . }}", count: depth))?.message, "unexpected EOF")
        XCTAssertEqual(parseError(String(repeating: "{{ end }}", count: depth))?.message, "unexpected {{end}}")
    }

    func testLongPipelinesAndChains() throws {
        let n = 100_000
        let pipeline = "{{ 1" + String(repeating: " | print", count: n) + " }}"
        let file = try XCTUnwrap(parse(pipeline))
        XCTAssertEqual(count(file) { if case .identifier = $0 { true } else { false } }, n)
        let chain = "{{ ." + Array(repeating: "a", count: n).joined(separator: ".") + " }}"
        XCTAssertNotNil(parse(chain))
        let parens = "{{ " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n) + " }}"
        XCTAssertEqual(parseError(parens)?.message, "max expression depth exceeded")
        let unclosed = "{{ " + String(repeating: "(", count: n)
        XCTAssertNotNil(parseError(unclosed))
        XCTAssertNotNil(parseError(String(repeating: "{{/* ", count: n)))
        let definitions = (0..<10_000).map { "{{ define \"d\($0)\" }}x{{ end }}" }.joined()
        XCTAssertEqual(try XCTUnwrap(parse(definitions)).templates.count, 10_001)
    }
}
