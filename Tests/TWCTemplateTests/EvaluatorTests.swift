import TWCTemplate
import XCTest

/// The template evaluator on its own, with a small host: pages by path, one of them a bundle with
/// a resource.
final class EvaluatorTests: XCTestCase {
    final class Host: TemplateHost {
        let destination: String
        var pages: [String: String] = ["/join": "/nl/join/", "/about": "/nl/about/"]
        var partials: [String: TemplateFile] = [:]
        init(destination: String) { self.destination = destination }

        func member(_ object: TemplateObject, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
            switch (object.kind, name) {
            case ("hook", "Destination"): return .string(destination)
            case ("hook", "Text"): return .opaque(empty: false)
            case ("hook", "Title"): return .string("")
            case ("hook", "Page"): return .object(TemplateObject(kind: "page", text: "/nl/about/"))
            case ("page", "GetPage"):
                guard let path = arguments.first?.stringValue else { return .unknown }
                let key = path.hasPrefix("/") ? path : "/" + path
                return pages[key].map { .object(TemplateObject(kind: "page", text: $0)) } ?? .null
            case ("page", "RelPermalink"): return .string(object.text)
            case ("item", "Name"): return .string(object.text)
            case ("item", "Size"): return .int(object.id)
            default: return .unknown
            }
        }
        /// `items`: a collection of the host (a, b, c of sizes 10, 30, 30; `x` of unknown size).
        func elements(_ object: TemplateObject) -> [TemplateValue]? {
            guard object.kind == "items" else { return nil }
            return [("a", 10), ("b", 30), ("c", 30)].map { .object(TemplateObject(kind: "item", id: $0.1, text: $0.0)) }
        }
        func function(_ name: String, _ arguments: [TemplateValue]) -> TemplateValue? {
            switch name {
            case "items": return .object(TemplateObject(kind: "items"))
            case "mixed":
                return .slice([
                    .object(TemplateObject(kind: "item", id: 1, text: "m")), .object(TemplateObject(kind: "other")),
                ])
            default: return nil
            }
        }
        func partial(_ name: String) -> TemplateFile? { partials[name] }
        func print(_ object: TemplateObject) -> TemplateOutputSegment { .unknown }
    }

    func run(_ template: String, destination: String, partials: [String: String] = [:]) throws -> TemplateResult {
        let host = Host(destination: destination)
        for (name, text) in partials {
            host.partials[name] = try TemplateParser.parse(Array(text.utf8), name: "partials/" + name)
        }
        var evaluator = TemplateEvaluator(host: host)
        let file = try TemplateParser.parse(Array(template.utf8), name: "render-link.html")
        return evaluator.execute(file, dot: .object(TemplateObject(kind: "hook")))
    }

    func href(_ template: String, _ destination: String, partials: [String: String] = [:]) throws
        -> TemplateOutput.AttributeValue?
    {
        try run(template, destination: destination, partials: partials).output.attribute("href")
    }

    /// A hook that looks the destination up as a page, else writes it as given.
    let getPageHook = """
        {{- $href := .Destination -}}
        {{- $external := strings.HasPrefix $href "http" -}}
        {{- if not $external }}
          {{- $u := urls.Parse .Destination -}}
          {{- if $u.Path }}
            {{- $frag := "" }}
            {{- with $u.Fragment }}{{ $frag = printf "#%s" . }}{{ end -}}
            {{- with .Page.GetPage $u.Path }}
              {{ $href = printf "%s%s" .RelPermalink $frag }}
            {{ end -}}
          {{ end -}}
        {{ end -}}
        <a href="{{ $href | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{- .Text | safeHTML -}}</a>
        """

    func testGetPageHook() throws {
        XCTAssertEqual(try href(getPageHook, "join"), .known("/nl/join/"))
        XCTAssertEqual(try href(getPageHook, "/join#wie"), .known("/nl/join/#wie"))
        XCTAssertEqual(try href(getPageHook, "nothing"), .known("nothing"))
        XCTAssertEqual(try href(getPageHook, "#x"), .known("#x"))
        XCTAssertEqual(try href(getPageHook, "https://example.org/x"), .known("https://example.org/x"))
    }

    func testUnknownValuesAreNeverGuessed() throws {
        // A function nobody models decides the branch: the href is unknown.
        let hook = """
            {{ $h := .Destination }}{{ if site.Params.portable }}{{ $h = "/x/" }}{{ end }}<a href="{{ $h }}">
            """
        XCTAssertEqual(try href(hook, "join"), .unknown)
        // Both branches agree: known.
        let agree = """
            {{ $h := .Destination }}{{ if mystery }}{{ $h = .Destination }}{{ end }}<a href="{{ $h }}">
            """
        XCTAssertEqual(try href(agree, "join"), .known("join"))
        // An unknown value printed before the attribute might hold it.
        XCTAssertEqual(try href("{{ mystery }}<a href=\"x\">", "join"), .unknown)
        // An attribute in a partial's output is read; an unknown partial makes it unknown.
        XCTAssertEqual(
            try href(
                "{{ partial \"a.html\" (dict \"d\" .Destination) }}", "j",
                partials: ["a.html": "<a class=\"c\" href=\"/{{ .d }}/\">"]), .known("/j/"))
        XCTAssertEqual(try href("{{ partial \"missing.html\" . }}", "j"), .unknown)
    }

    func testControlFlowAndFunctions() throws {
        let hook = """
            {{- $parts := split .Destination "/" -}}
            {{- $out := "" -}}
            {{- range $i, $p := $parts }}{{ if eq $i 0 }}{{ continue }}{{ end }}{{ $out = printf "%s-%s" $out $p }}{{ end -}}
            {{- $d := dict "a" 1 -}}
            <a href="{{ $out }}{{ if isset $d "a" }}?a{{ end }}{{ with $x := index $d "b" }}{{ $x }}{{ else }}#{{ len $parts }}{{ end }}">
            """
        XCTAssertEqual(try href(hook, "a/b/c"), .known("-b-c?a#3"))
        let cut = "{{ range slice 1 2 3 }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}"
        XCTAssertEqual(try run("<a href=\"" + cut + "\">", destination: "").output.attribute("href"), .known("1"))
        XCTAssertEqual(
            try href("<a href=\"{{ path.Join \"/a\" \"../b\" .Destination }}\">", "c/"), .known("/b/c"))
        XCTAssertEqual(
            try href("<a href=\"{{ (urls.Parse .Destination).Path | strings.TrimPrefix \"./\" }}\">", "./x?y#z"),
            .known("x"))
        XCTAssertEqual(try href("<a href=\"{{ default \"d\" .Destination }}\">", ""), .known("d"))
        XCTAssertEqual(try href("<a href=\"{{ cond (eq 1 1) \"y\" \"n\" }}&amp;\">", ""), .known("y&"))
    }

    /// Attributes written with `printf "%q"` and `safeHTMLAttr` (Docsy's heading hook), `%q`
    /// quoting as Go's strconv.Quote does, and an inline partial defined in the same file.
    func testAttributesWrittenThroughPrintfAndInlinePartials() throws {
        let hook = """
            <a{{ range $k, $v := dict "href" .Destination "rel" "x" }}{{ printf " %s=%q" $k $v | safeHTMLAttr }}{{ end }}>
            """
        XCTAssertEqual(try href(hook, "/a b"), .known("/a b"))
        // Printed without safeHTMLAttr, the text is escaped by html/template: no attribute.
        XCTAssertEqual(try href(#"<a{{ printf " href=%q" .Destination }}>"#, "/a"), nil)
        XCTAssertEqual(
            try run(#"<a href="{{ printf "%q" .Destination }}">"#, destination: "\u{E000}\"\n").output.joined,
            #"<a href=""\ue000\"\n"">"#)
        let inline = """
            <a href="{{ partial "link/href.html" .Destination }}">
            {{- define "_partials/link/href.html" }}{{ return (printf "/x/%s" .) }}{{ end -}}
            """
        XCTAssertEqual(try href(inline, "y"), .known("/x/y"))
        // Only the file's own inline partials: another file's is not in scope.
        XCTAssertEqual(try href(#"<a href="{{ partial "other.html" . }}">"#, "y"), .unknown)
    }

    /// Collections of the host (`range`, `len`), `where` and `sort` over their fields (a stable
    /// sort), and `printf` with flags, widths and precisions as Go's fmt pads them (in runes).
    func testCollectionsAndFormatting() throws {
        func text(_ template: String) throws -> String? { try run(template, destination: "").output.joined }
        XCTAssertEqual(try text("{{ range items }}{{ .Name }},{{ end }}{{ len items }}"), "a,b,c,3")
        XCTAssertEqual(try text(#"{{ range sort items "Size" "desc" }}{{ .Name }}{{ end }}"#), "bca")
        XCTAssertEqual(try text(#"{{ range sort items "Name" "desc" }}{{ .Name }}{{ end }}"#), "cba")
        XCTAssertEqual(try text(#"{{ range where items "Size" 30 }}{{ .Name }}{{ end }}"#), "bc")
        XCTAssertEqual(try text(#"{{ range where items ".Size" "!=" 30 }}{{ .Name }}{{ end }}"#), "a")
        XCTAssertEqual(try text(#"{{ range where items "Name" "in" (slice "a" "c") }}{{ .Name }}{{ end }}"#), "ac")
        XCTAssertEqual(try text(#"{{ (index (where items "Size" ">" 10) 0).Name }}"#), "b")
        // Values that cannot be compared are not sorted or filtered by guess.
        XCTAssertNil(try text(#"{{ range sort mixed "Size" }}{{ .Name }}{{ end }}"#))
        XCTAssertNil(try text(#"{{ range where mixed "Size" 1 }}{{ .Name }}{{ end }}"#))
        XCTAssertEqual(
            try text(#"{{ printf "%-5s|%5s|%05d|%.2s|%-3s|%3d" "ab" "cd" 42 "xyz" "é" -7 }}"#),
            "ab   |   cd|00042|xy|é  | -7")
        XCTAssertEqual(try text(#"{{ "/old" | printf "%-8s" }}/new"#), "/old    /new")
        // A range longer than the evaluator's limit stops it.
        let host = Host(destination: "")
        var evaluator = TemplateEvaluator(host: host)
        evaluator.iterationLimit = 2
        let file = try TemplateParser.parse(Array("{{ range items }}{{ .Name }}{{ end }}".utf8), name: "t")
        let result = evaluator.execute(file, dot: .null)
        XCTAssertFalse(result.complete)
        XCTAssertEqual(evaluator.unknownCause, "a range over more than 2 items")
    }

    func testTheBudgetStopsEndlessWork() throws {
        let host = Host(destination: "")
        var evaluator = TemplateEvaluator(host: host, budget: 500)
        let file = try TemplateParser.parse(
            Array("{{ range 1000 }}{{ range 1000 }}x{{ end }}{{ end }}<a href=\"y\">".utf8), name: "t")
        let result = evaluator.execute(file, dot: .null)
        XCTAssertFalse(result.complete)
        XCTAssertEqual(result.output.attribute("href"), .unknown)
    }

    func testGoURL() {
        let url = GoURL.parse("/nl/über/?a=1&b=x+y#Frag%20ment")!
        XCTAssertEqual(url.path, "/nl/über/")
        XCTAssertEqual(url.rawQuery, "a=1&b=x+y")
        XCTAssertEqual(url.fragment, "Frag ment")
        XCTAssertEqual(url.query["b"], ["x y"])
        XCTAssertEqual(url.string, "/nl/%C3%BCber/?a=1&b=x+y#Frag%20ment")
        XCTAssertNil(GoURL.parse("%zz"))
        XCTAssertNil(GoURL.parse("a:b/c:d").map(\.opaque).flatMap { $0 == "b/c:d" ? nil : $0 })
        XCTAssertNil(GoURL.parse(":x"))
        let absolute = GoURL.parse("HTTPS://Example.org:8080/a")!
        XCTAssertEqual(absolute.scheme, "https")
        XCTAssertEqual(absolute.hostname, "Example.org")
        XCTAssertTrue(absolute.isAbsolute)
        XCTAssertEqual(GoURL.parse("mailto:x@y")?.opaque, "x@y")
    }
}
