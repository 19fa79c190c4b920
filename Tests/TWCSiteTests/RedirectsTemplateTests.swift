import Foundation
import TWCCore
import TWCSite
import TWCTestSupport
import XCTest

/// A site that writes its Netlify `_redirects` file with a template (hugo-behaviour §8.4), as
/// documentation sites do: rules from each page's `redirects` parameter and `aliases` (relative
/// ones against the page's parent), from every language's pages (`hugo.Sites`), from a section's
/// pages' file names, from a folder listing sorted by size, tidied by a partial that trims lines.
/// twc-lint executes the template over its model and reads the output as the server does.
final class RedirectsTemplateTests: XCTestCase {
    static let links = """
        # Links

        [a](/launch-old) [b](/setup/) [c](/guides/getting-started) [d](/install) [e](/versions/latest)
        [f](/old-news/launch/) [g](/nl/lancering) [h](/nl/old/gone/) [i](/nowhere/) [j](/news/launch/draft-notes)

        """

    static let files: [(String, String)] = [
        (
            "hugo.toml",
            """
            baseURL = "https://example.org/"
            defaultContentLanguage = "en"
            disableAliases = true
            [languages.en]
            weight = 1
            [languages.nl]
            weight = 2
            [mediaTypes."text/netlify"]
            [outputFormats.redirects]
            mediaType = "text/netlify"
            baseName = "_redirects"
            isPlainText = true
            notAlternative = true
            [outputs]
            home = ["html", "redirects"]
            [markup.goldmark.renderHooks.link]
            useEmbedded = "never"

            """
        ),
        (
            "layouts/index.redirects",
            """
            # Redirects of example.org
            /old-news/*   /news/:splat

            {{ range $p := .Site.Pages -}}
              {{ range $p.Params.redirects -}}
                {{ $from := cond (hasPrefix .from "/") .from (print $p.RelPermalink .from) -}}
                {{ $from | printf "%-30s" }} {{ .to }}
              {{ end -}}
              {{ partial "redirects/aliases.txt" $p -}}
            {{ end -}}
            {{ partial "redirects/languages.txt" . | partial "func/trim-lines.html" -}}
            {{ range (site.GetPage "/guides").Pages -}}
            /{{ .File.ContentBaseName }}  {{ .RelPermalink }}
            {{ end -}}
            {{ $versions := sort (readDir "static/versions") "Size" "desc" -}}
            /versions/latest  /versions/{{ (index $versions 0).Name }}

            """
        ),
        (
            "layouts/_partials/redirects/aliases.txt",
            """
            {{ $p := . -}}
            {{ range $alias := $p.Aliases -}}
              {{ if not (hasPrefix $alias "/") -}}
                {{ $alias = path.Join $p.Parent.RelPermalink $alias -}}
              {{ end -}}
              {{ printf "%-30s %s" $alias $p.RelPermalink }}
            {{ end -}}

            """
        ),
        (
            "layouts/_partials/redirects/languages.txt",
            """
            {{ $default := hugo.Sites.Default.Language.Name -}}
            {{ range hugo.Sites -}}
              {{ $lang := .Language.Name -}}
              {{ if eq $lang $default }}{{ continue }}{{ end -}}
              /{{ $lang }}/old/*   /{{ $lang }}/news/:splat
              {{ range $p := .Pages -}}
                {{ with $p.Params.legacy -}}
                  {{ . }}   {{ (index (where $p.Translations "Lang" $default) 0).RelPermalink }}
                {{ end -}}
              {{ end -}}
            {{ end -}}

            """
        ),
        (
            "layouts/_partials/func/trim-lines.html",
            """
            {{ range split . "\\n" -}}
            {{ with trim . " \\t" -}}
            {{ . }}
            {{ end -}}
            {{ end -}}

            """
        ),
        ("layouts/_default/single.html", "{{ .Content }}\n"),
        ("layouts/_default/list.html", "{{ .Content }}\n"),
        ("static/versions/v1.json", "{\"v\": 1}\n"),
        ("static/versions/v2.json", "{\"version\": 2, \"notes\": \"longer\"}\n"),
        ("content/_index.md", "# Home\n"),
        ("content/_index.nl.md", "# Thuis\n"),
        ("content/news/_index.md", "# News\n"),
        (
            "content/news/launch.md",
            """
            ---
            title: Launch
            redirects:
              - { from: /launch-old, to: /news/launch/ }
              - { from: draft-notes, to: /news/ }
            ---
            # Launch

            """
        ),
        ("content/news/launch.nl.md", "---\ntitle: Lancering\nlegacy: /nl/lancering\n---\n# Lancering\n"),
        ("content/guides/_index.md", "# Guides\n"),
        (
            "content/guides/install.md",
            "---\ntitle: Install\naliases: [/setup/, getting-started]\n---\n# Install\n"
        ),
        ("content/guides/configure/index.md", "---\ntitle: Configure\n---\n# Configure\n"),
        ("content/links.md", links),
    ]

    func load() throws -> SiteModel {
        var all: [String: String] = [:]
        for (path, text) in Self.files { all[path] = text }
        return try SiteLoader.load(MemoryFileSystem(all))
    }

    /// The rules the template writes; the links they send on are not broken, the others are.
    func testTheTemplateIsExecutedOverThePages() throws {
        let site = try load()
        XCTAssertNil(site.redirectsUnknown)
        let redirects = try XCTUnwrap(site.serverRedirects)
        XCTAssertFalse(redirects.ordered)
        XCTAssertEqual(
            Set(redirects.rules.map { "\($0.from) \($0.to)" }),
            [
                "/old-news/* /news/:splat", "/launch-old /news/launch/", "/news/launch/draft-notes /news/",
                "/setup /guides/install/", "/guides/getting-started /guides/install/", "/nl/old/* /nl/news/:splat",
                "/nl/lancering /news/launch/", "/install /guides/install/", "/configure /guides/configure/",
                "/versions/latest /versions/v2.json",
            ])
        let page = try XCTUnwrap(site.pages.first { $0.path == "content/links.md" })
        let targets = page.links.indices.map { site.target(ofLink: $0, in: page) }
        func index(_ path: String) -> Int { site.pages.first { $0.path == path }!.index }
        let launch = index("content/news/launch.md")
        let install = index("content/guides/install.md")
        XCTAssertEqual(
            targets,
            [
                .page(launch, fragment: nil), .page(install, fragment: nil), .page(install, fragment: nil),
                .page(install, fragment: nil), .file(path: "/versions/v2.json", fragment: nil),
                .page(launch, fragment: nil), .page(launch, fragment: nil),
                .unresolved(path: "/nl/old/gone/", fragment: nil), .unresolved(path: "/nowhere/", fragment: nil),
                .page(index("content/news/_index.md"), fragment: nil),
            ])
        XCTAssertTrue(site.uncheckedLinks.isEmpty, "\(site.uncheckedLinks)")
    }

    /// What the evaluator cannot compute leaves every missing path possibly redirected, and
    /// `--explain` says why; two rules that disagree about a path leave that path unknown.
    func testWhatIsNotKnownIsNotReported() throws {
        var files = Dictionary(uniqueKeysWithValues: Self.files)
        files["layouts/index.redirects"] = "{{ range .Site.Pages }}{{ .Params.x | resources.GetRemote }}{{ end }}\n"
        var site = try SiteLoader.load(MemoryFileSystem(files))
        XCTAssertNil(site.serverRedirects)
        XCTAssertEqual(site.redirectsUnknown?.contains("layouts/index.redirects"), true)
        var page = try XCTUnwrap(site.pages.first { $0.path == "content/links.md" })
        XCTAssertEqual(site.target(ofLink: 8, in: page), .maybeRedirected(path: "/nowhere/", fragment: nil))
        XCTAssertTrue(site.uncheckedLinks.contains { $0.reason.contains("could not evaluate") })

        files["layouts/index.redirects"] = "/nowhere/ /news/\n{{ range .Site.Pages }}/nowhere/ /gone/\n{{ end }}"
        site = try SiteLoader.load(MemoryFileSystem(files))
        page = try XCTUnwrap(site.pages.first { $0.path == "content/links.md" })
        XCTAssertEqual(site.target(ofLink: 8, in: page), .maybeRedirected(path: "/nowhere/", fragment: nil))
        // Rules that agree are the answer, whatever their order.
        files["layouts/index.redirects"] = "{{ range .Site.Pages }}/nowhere/ /news/\n{{ end }}"
        site = try SiteLoader.load(MemoryFileSystem(files))
        page = try XCTUnwrap(site.pages.first { $0.path == "content/links.md" })
        XCTAssertEqual(
            site.target(ofLink: 8, in: page),
            .page(site.pages.first { $0.path == "content/news/_index.md" }!.index, fragment: nil))
    }

    /// Hugo 0.168 builds the site: the `_redirects` file it writes holds exactly the rules the
    /// model reads (as a set: the model does not sort pages as Hugo does).
    func testRulesAgreeWithHugo() throws {
        let hugo = try ExternalTool.hugo()
        let root = NSTemporaryDirectory() + "twc-redirects-" + UUID().uuidString
        defer {
            if ProcessInfo.processInfo.environment["KEEP"] == nil {
                try? FileManager.default.removeItem(atPath: root)
                try? FileManager.default.removeItem(atPath: root + "-public")
            }
        }
        for (path, text) in Self.files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let output = try ExternalTool.run(hugo, ["--source", root, "--destination", root + "-public", "--quiet"])
        XCTAssertFalse(output.contains("ERROR"), output)
        let written = try String(contentsOfFile: root + "-public/_redirects", encoding: .utf8)
        func rules(_ text: String) -> [String] {
            text.split(separator: "\n").map {
                $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.sorted()
        }
        let site = try SiteLoader.load(root: root)
        let model = try XCTUnwrap(site.serverRedirects).rules.map { "\($0.from) \($0.to)" }.sorted()
        print("Hugo _redirects: \(rules(written).count) rules, \(model.count) in the model")
        XCTAssertEqual(model, rules(written))
        XCTAssertGreaterThanOrEqual(model.count, 10)
    }
}

/// Links a shortcode's template writes on its own (hugo-behaviour §5.3): a folder listing with
/// `readDir` whose files Hugo 0.168 publishes for one language only.
final class ShortcodeOutputLinkTests: XCTestCase {
    func testLinksWrittenByAShortcodeTemplate() throws {
        let files: [String: String] = [
            "hugo.toml": TestConfig(languages: ["en", "fr"]).toml,
            "layouts/shortcodes/files.html": """
            <ul class="files">{{ T "files" }}
            {{- $folder := printf "%s.files" .Page.File.BaseFileName }}
            {{- $pattern := .Get "pattern" | default "" }}
            {{- range readDir (printf "content/%s%s" .Page.File.Dir $folder) }}
              {{- if findRE $pattern .Name }}
              <li><a href="{{ printf "%s%s/%s" $.Page.File.Dir $folder .Name | relLangURL }}">{{ .Name }}</a>
                ({{ div .Size 1 }} bytes)</li>
              {{- end }}
            {{- end }}
            <a href="#">top</a> <a href="{{ .Get "missing" }}">x</a> <img src="/img/logo.png">
            <img src="{{ (resources.Get "icons/file.svg").RelPermalink }}">
            </ul>
            <ol class="notes"><li id="note:{{ len (slice 1 2) }}">Note</li></ol>

            """,
            "layouts/shortcodes/hidden.html": "{{ $x := .Inner }}",
            "layouts/shortcodes/box.html": "<div {{ .Get \"attributes\" | safeHTMLAttr }}>{{ .Inner }}</div>\n",
            "layouts/shortcodes/data.html": "<div {{ .Site.Data.box.attributes | safeHTMLAttr }}>{{ .Inner }}</div>\n",
            "content/docs/other.md": "# Other\n\n{{< box attributes=\"id='x'\" >}}Hi{{< /box >}}\n",
            "content/docs/more.md": "# More\n\n{{< data >}}Hi{{< /data >}}\n",
            "static/img/logo.png": "png",
            "assets/icons/file.svg": "<svg/>",
            "content/docs/_index.md": "# Docs\n",
            "content/docs/_index.fr.md": "# Docs\n",
            "content/docs/guide.md": "# Guide\n\n{{< files >}}\n",
            "content/docs/guide.fr.md":
                "# Guide\n\n## Fichiers\n\n{{< files pattern=\"pdf\" >}}\n\n{{< hidden >}}{{< files >}}{{< /hidden >}}\n",
            "content/docs/guide.files/a.pdf": "pdf",
            "content/docs/guide.files/b.txt": "txt",
            "content/docs/guide.fr.files/c.pdf": "pdf",
            "content/docs/guide.fr.files/d.txt": "txt",
        ]
        let site = try SiteLoader.load(MemoryFileSystem(files))
        func links(_ path: String) -> [(String, Int, LinkTarget)] {
            let page = site.pages.first { $0.path == path }!
            return page.links.indices.filter { page.links[$0].kind == .shortcodeOutput }.map {
                (page.links[$0].destination, page.links[$0].section, site.target(ofLink: $0, in: page))
            }
        }
        let english = links("content/docs/guide.md")
        XCTAssertEqual(
            english.map(\.0),
            ["/docs/guide.files/a.pdf", "/docs/guide.files/b.txt", "/img/logo.png", "/icons/file.svg"])
        XCTAssertEqual(english.map(\.1), [1, 1, 1, 1])
        // An asset whose permalink the template asks for is published.
        XCTAssertEqual(english[3].2, .file(path: "/icons/file.svg", fragment: nil))
        let french = links("content/docs/guide.fr.md")
        XCTAssertEqual(french.map(\.0), ["/fr/docs/guide.fr.files/c.pdf", "/img/logo.png", "/icons/file.svg"])
        XCTAssertEqual(french.map(\.1), [2, 2, 2])
        XCTAssertEqual(french[1].2, .file(path: "/img/logo.png", fragment: nil))
        // The ids the template writes are anchors of the page; one it writes from something
        // unknown leaves them open.
        let guide = site.pages.first { $0.path == "content/docs/guide.md" }!
        XCTAssertEqual(guide.anchors, ["guide", "note:2"])
        XCTAssertTrue(guide.anchorsComplete)
        let other = site.pages.first { $0.path == "content/docs/other.md" }!
        XCTAssertEqual(other.anchors, ["other", "x"])
        XCTAssertTrue(other.anchorsComplete)
        XCTAssertFalse(site.pages.first { $0.path == "content/docs/more.md" }!.anchorsComplete)
    }
}
