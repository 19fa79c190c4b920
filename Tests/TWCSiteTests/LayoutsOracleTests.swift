import Foundation
import TWCCore
import TWCSite
import TWCTestSupport
import XCTest

/// What the layouts component reads from templates, against Hugo 0.168: a shortcode whose template
/// evaluates `.Inner` must be closed or self-closed, so a page that leaves it open fails Hugo's
/// build; one that does not evaluate it builds. For each template below, a one-page site uses the
/// shortcode without closing it: Hugo fails exactly when `Layouts` says the template uses `.Inner`.
final class LayoutsOracleTests: XCTestCase {
    /// Templates and whether Hugo counts them as using `.Inner`. Constructs that would fail when
    /// executed sit inside `{{ if false }}`: Hugo's analysis reads the parsed template, not a run.
    static let templates: [(name: String, template: String, usesInner: Bool)] = [
        ("comment", "{{/* no .Inner here */}}<b>note</b>", false),
        ("trimmed comment", "{{- /* a comment with .Inner */ -}}<b>note</b>", false),
        ("plain", "<div>{{ .Inner }}</div>", true),
        ("string", #"{{ "a string that says .Inner" }}"#, false),
        ("text", "Text that says .Inner outside any action.", false),
        ("raw string", "{{ `.Inner in a raw string` }}", false),
        ("uncalled define", #"{{ define "x" }}{{ .Inner }}{{ end }}<b>x</b>"#, false),
        ("called define", #"{{ define "y" }}{{ .Inner }}{{ end }}{{ template "y" . }}"#, true),
        ("block", #"{{ block "b" . }}{{ .Inner }}{{ end }}"#, true),
        ("root variable", "{{ $.Inner }}", true),
        ("deindent", "{{ .InnerDeindent }}", true),
        ("with", "{{ with .Inner }}{{ . }}{{ end }}", true),
        ("declaration", "{{ $x := .Inner }}{{ $x }}", true),
        ("if false", "{{ if false }}{{ .Inner }}{{ end }}", true),
        ("argument", #"{{ printf "%s" .Inner }}"#, true),
        ("pipeline", "{{ .Inner | markdownify }}", true),
        ("parenthesised", "{{ if false }}{{ print (.Inner) }}{{ end }}", true),
        ("field of a field", "{{ if false }}{{ .Page.Inner }}{{ end }}", true),
        ("chain", "{{ if false }}{{ (.Get 0).Inner }}{{ end }}", false),
        ("other fields", "{{ .Page.Title }} {{ .Name }}", false),
        ("similar name", "{{ if false }}{{ .Innerness }}{{ end }}", false),
    ]

    func testInnerAnalysisAgreesWithHugo() throws {
        let hugo = try ExternalTool.hugo()
        var agree = 0
        var failures: [String] = []
        for (name, template, expected) in Self.templates {
            let root = NSTemporaryDirectory() + "twc-layouts-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: root) }
            let files = [
                "hugo.toml":
                    "baseURL = \"https://example.org/\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n",
                "layouts/_default/single.html": "{{ .Content }}", "layouts/_default/list.html": "{{ .Content }}",
                "layouts/shortcodes/t.html": template,
                "content/p.md": "---\ntitle: p\n---\nText {{< t >}} more text.\n",
            ]
            for (path, text) in files {
                let full = root + "/" + path
                try FileManager.default.createDirectory(
                    atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: full, atomically: true, encoding: .utf8)
            }
            let output = try ExternalTool.run(hugo, ["--source", root, "--destination", root + "/public"])
            let hugoFails = !FileManager.default.fileExists(atPath: root + "/public/p/index.html")
            if hugoFails {
                XCTAssertTrue(
                    output.contains("must be closed or self-closed"), "\(name): Hugo failed otherwise: \(output)")
            }
            let model = try SiteLoader.load(root: root)
            let mine = model.layouts.shortcode("t")?.usesInner
            XCTAssertEqual(hugoFails, expected, "\(name): the table is wrong about Hugo")
            if mine == hugoFails {
                agree += 1
            } else {
                failures.append("\(name): Hugo \(hugoFails), Layouts \(String(describing: mine))")
            }
        }
        print("Hugo .Inner: \(agree)/\(Self.templates.count) shortcode templates agree")
        XCTAssertEqual(failures, [])
        XCTAssertGreaterThanOrEqual(agree, 21)
    }
}
