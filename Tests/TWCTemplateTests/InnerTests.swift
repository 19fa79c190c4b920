import XCTest

@testable import TWCTemplate

/// Hugo's decision that a shortcode template "uses .Inner" (tpl/tplimpl/templatetransform.go).
/// HugoInnerOracleTests checks the same cases with Hugo itself.
final class InnerTests: XCTestCase {
    /// A shortcode template (`layouts/_shortcodes/s.html`), other templates of the site by name
    /// (`layouts/NAME`), and whether Hugo takes the shortcode for one that uses .Inner.
    struct Case {
        var template: String
        var others: [String: String] = [:]
        var usesInner: Bool
        var why: String
    }

    static let shortcodeName = "_shortcodes/s.html"

    static let cases: [Case] = [
        // Fields and variables naming Inner or InnerDeindent, wherever a command has them.
        Case(template: "<div>{{ .Inner }}</div>", usesInner: true, why: "field"),
        Case(template: "{{ .Inner | markdownify }}", usesInner: true, why: "first stage of a pipeline"),
        Case(template: "{{ .InnerDeindent }}", usesInner: true, why: "InnerDeindent"),
        Case(template: "{{ $.Inner }}", usesInner: true, why: "$.Inner"),
        Case(template: "{{ $x := . }}{{ $x.Inner }}", usesInner: true, why: "$x.Inner"),
        Case(template: "{{ .Page.Inner }}", usesInner: true, why: "any field list naming Inner"),
        Case(template: "{{ $content := .Inner }}{{ $content }}", usesInner: true, why: "declaration's command"),
        Case(
            template: "{{ printf \"%s\" (.Inner | strings.TrimSpace) }}", usesInner: true,
            why: "parenthesised argument"),
        Case(template: "{{ .Get 0 }}", usesInner: false, why: "no Inner"),
        Case(template: "{{ .InnerX }}{{ .Get \"inner\" }}", usesInner: false, why: "other names"),
        // What a substring search gets wrong.
        Case(template: "{{/* no .Inner here */}}{{ .Get 0 }}", usesInner: false, why: "comment"),
        Case(template: "{{- /* .Inner */ -}}", usesInner: false, why: "trimmed comment"),
        Case(template: #"{{ "a string with .Inner" }}{{ `raw .Inner` }}"#, usesInner: false, why: "strings"),
        Case(template: "Text that mentions .Inner and {{ .Get 0 }}", usesInner: false, why: "text"),
        Case(template: "{{ (.Page).Inner }}", usesInner: false, why: "a chain"),
        Case(template: "{{ (.Inner).Foo }}", usesInner: false, why: "a chain's term is not searched"),
        Case(
            template: "{{ define \"unused\" }}{{ .Inner }}{{ end }}{{ .Get 0 }}", usesInner: false,
            why: "a definition nobody calls"),
        Case(
            template: "{{ define \"x\" }}{{ . }}{{ end }}{{ template \"x\" .Inner }}", usesInner: false,
            why: "the argument of a template call is not searched"),
        // Control structures: pipeline, list and else list.
        Case(template: "{{ with .Inner }}{{ . }}{{ end }}", usesInner: true, why: "with's pipeline"),
        Case(template: "{{ if .Get 0 }}{{ else }}{{ .Inner }}{{ end }}", usesInner: true, why: "else list"),
        Case(template: "{{ if .Get 0 }}{{ else if .Inner }}{{ end }}", usesInner: true, why: "else if"),
        Case(
            template: "{{ with .Get 0 }}{{ else with .InnerDeindent }}{{ . }}{{ end }}", usesInner: true,
            why: "else with"),
        Case(
            template: "{{ range $i, $e := .Params }}{{ if $i }}{{ $.Inner }}{{ end }}{{ end }}", usesInner: true,
            why: "range's list"),
        Case(template: "{{ range .Params }}{{ else }}{{ .Inner }}{{ end }}", usesInner: true, why: "range's else"),
        // Template calls.
        Case(
            template: "{{ define \"body\" }}{{ .Inner }}{{ end }}{{ template \"body\" . }}", usesInner: true,
            why: "a called definition"),
        Case(template: "{{ block \"body-block\" . }}{{ .Inner }}{{ end }}", usesInner: true, why: "a block"),
        Case(
            template: """
                {{ define "a" }}{{ template "b" . }}{{ end }}{{ define "b" }}{{ template "a" . }}{{ .Inner }}{{ end }}
                {{ template "a" . }}
                """, usesInner: true, why: "calls through calls"),
        Case(
            template: "{{ template \"_partials/inner.html\" . }}",
            others: ["_partials/inner.html": "<p>{{ .Inner }}</p>"], usesInner: true, why: "another file's template"),
        Case(
            template: "{{ template \"_partials/other.html\" . }}",
            others: ["_partials/other.html": "<p>{{ .Title }}</p>"], usesInner: false, why: "another file, no Inner"),
        Case(
            template: "{{ define \"_shortcodes/s.html\" }}{{ .Inner }}{{ end }}\n", usesInner: true,
            why: "a definition of the file's own name replaces a blank top level"),
        // Hugo's rewrites of with.
        Case(
            template: "{{ with (templates.Defer (dict \"key\" \"k\")) }}{{ .Inner }}{{ end }}", usesInner: false,
            why: "a deferred with's list becomes a template of its own"),
        Case(
            template: "{{ with (templates.Defer (dict \"data\" .Inner)) }}{{ . }}{{ end }}", usesInner: true,
            why: "the deferred with's argument stays"),
        Case(
            template: "{{ with partial \"p.html\" . }}{{ .Inner }}{{ end }}", usesInner: true,
            why: "a with partial keeps its list"),
        Case(
            template: "{{ with (partial \"p.html\" . | printf \"%v%v\" .Inner) }}{{ . }}{{ end }}", usesInner: false,
            why: "a with partial keeps only the first command of its parenthesised argument"),
        Case(
            template: "{{ with (partials.Include \"p.html\" .Inner) }}{{ . }}{{ end }}", usesInner: true,
            why: "partials.Include"),
    ]

    func testCases() throws {
        for testCase in Self.cases {
            let template = try XCTUnwrap(parse(testCase.template, name: Self.shortcodeName))
            var others: [String: TemplateNode] = [:]
            for (name, text) in testCase.others { others[name] = try XCTUnwrap(parse(text, name: name)).root }
            XCTAssertEqual(
                HugoTemplates.usesInner(template) { others[$0] }, testCase.usesInner,
                "\(testCase.why): \(testCase.template)")
        }
    }

    func testRecursionEnds() throws {
        let file = try XCTUnwrap(parse("{{ define \"a\" }}{{ template \"a\" . }}{{ end }}{{ template \"a\" . }}"))
        XCTAssertFalse(HugoTemplates.usesInner(file))
    }

    func testOwnDefinitionsComeFirst() throws {
        let file = try XCTUnwrap(parse("{{ define \"x\" }}{{ .Inner }}{{ end }}{{ template \"x\" . }}"))
        let other = try XCTUnwrap(parse("nothing"))
        XCTAssertTrue(HugoTemplates.usesInner(file) { _ in other.root })
    }

    func testLookupIsAskedOncePerName() throws {
        let file = try XCTUnwrap(
            parse(
                "{{ template \"p\" . }}{{ template \"p\" . }}{{ range . }}{{ template \"p\" }}{{ end }}"))
        var asked: [String] = []
        XCTAssertFalse(
            HugoTemplates.usesInner(file) { name in
                asked.append(name)
                return nil
            })
        XCTAssertEqual(asked, ["p"])
    }

    func testNotRewrittenWhenTheListBreaksOutOfARange() throws {
        // Hugo leaves {{with partial}} alone when its list breaks out of an enclosing range.
        let file = try XCTUnwrap(
            parse(
                "{{ range . }}{{ with (partial \"p.html\" . | printf \"%v%v\" .Inner) }}{{ break }}{{ end }}{{ end }}"))
        XCTAssertTrue(HugoTemplates.usesInner(file))
    }
}
