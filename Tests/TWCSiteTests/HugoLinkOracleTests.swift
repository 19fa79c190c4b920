import Foundation
import TWCSite
import TWCTestSupport
import XCTest

/// Builds `fixtures/hugo-links` with the real Hugo in three link regimes and compares, link by
/// link, where each `<a href>` / `<img src>` of every built page leads (the file it serves in the
/// output, following redirect stubs, or nothing) with the target the site model resolves: Markdown
/// links (relative, absolute, `.md`, fragments, queries, cross-language), `ref`/`relref` in links
/// and in raw HTML, shortcode `href`s, images, static files, page resources, assets, aliases,
/// drafts. For every link to a page with a fragment, it also compares whether the anchor exists.
final class HugoLinkOracleTests: XCTestCase {
    static let fixture = HugoOracleTests.packageRoot + "/fixtures/hugo-links"

    /// Regimes: the embedded link hook (multilingual site without a render-link.html); a
    /// render-link.html that prints the destination as written (Blowfish's, so the browser
    /// resolves links, while images keep the embedded image hook); both hooks off with the
    /// default language in a subdirectory; `duplicateResourceFiles` (hooks off, resources copied
    /// beside every language's page).
    func testLinksAgreeWithHugo() throws {
        var total = 0
        var anchors = 0
        var failures: [String] = []
        for regime in [
            "embedded-hook", "verbatim-hook", "never-subdir", "duplicate-resources", "getpage-hooks", "param-hook",
            "module-theme",
        ] {
            let root = NSTemporaryDirectory() + "twc-links-" + UUID().uuidString
            let output = root + "-public"
            defer {
                try? FileManager.default.removeItem(atPath: root)
                try? FileManager.default.removeItem(atPath: output)
            }
            try FileManager.default.copyItem(atPath: Self.fixture, toPath: root)
            try prepare(regime, root: root)
            // Under a baseURL path, Hugo's output is served below that path.
            let basePath = regime == "param-hook" ? "/docs" : ""
            try build(root, output + basePath)
            let model = try SiteLoader.load(root: root)
            let expected: LinkResolution = regime == "embedded-hook" ? .embeddedHook : .browser
            XCTAssertEqual(model.layouts.linkResolution, expected, regime)
            XCTAssertEqual(
                model.layouts.imageResolution,
                ["embedded-hook", "verbatim-hook", "param-hook"].contains(regime) ? .embeddedHook : .browser, regime)
            if regime == "getpage-hooks" || regime == "module-theme" {
                // The heading hook writes the anchor as the id (compared with Hugo's ids below).
                XCTAssertEqual(model.layouts.headingIDs[2], .anchor, regime)
            }
            if regime == "getpage-hooks" || regime == "param-hook" {
                XCTAssertNotNil(model.layouts.hookTemplates["link"], regime)
            }
            let result = compare(model, output: output, regime: regime)
            if regime == "module-theme" {
                XCTAssertEqual(model.layouts.folders.map(\.theme), [nil, Self.moduleTheme])
                // The same site without the theme on disk: what depends on it is unknown, never
                // wrong; everything the model still resolves agrees with Hugo.
                try FileManager.default.removeItem(atPath: root + "/themes")
                let blind = try SiteLoader.load(root: root)
                XCTAssertEqual(blind.layouts.missingThemes, [Self.moduleTheme])
                let partial = compare(blind, output: output, regime: "theme-absent", skipUnknown: true)
                XCTAssertGreaterThan(partial.unknown, 0, "links the theme's hooks render are unknown")
                failures += partial.failures
            }
            total += result.links
            anchors += result.anchors
            failures += result.failures
        }
        print(
            "Hugo links: \(total - failures.count)/\(total) links agree, \(anchors) fragments checked (7 regimes, and the module theme removed)"
        )
        XCTAssertEqual(failures, [], "\n" + failures.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(total, 1350)
        XCTAssertGreaterThanOrEqual(anchors, 120)
    }

    /// The seed site as Hugo builds it (Blowfish-style render-link.html and button shortcode):
    /// every link of every page leads where the model says, broken ones included.
    /// The same with the hooks of fixtures/twc-site-hooks (GetPage link hook, resource image
    /// hook, a button through relLangURL).
    func testSeedSiteLinksAgreeWithHugo() throws {
        for fixture in ["twc-site", "twc-site-hooks"] {
            let root = HugoOracleTests.packageRoot + "/fixtures/" + fixture
            let output = NSTemporaryDirectory() + "twc-seed-links-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: output) }
            try build(root, output)
            let model = try SiteLoader.load(root: root)
            XCTAssertEqual(model.layouts.linkResolution, .browser)
            let result = compare(model, output: output, regime: fixture)
            print("Hugo links (\(fixture)): \(result.links - result.failures.count)/\(result.links) links agree")
            XCTAssertEqual(result.failures, [], "\n" + result.failures.joined(separator: "\n"))
            XCTAssertGreaterThanOrEqual(result.links, 40)
        }
    }

    /// fixtures/hugo-mounts (hugo-behaviour §8.5): the link hook and a shortcode come from a
    /// mounted layouts folder (the project's `layouts/` holds a hook Hugo does not use), static
    /// files from a mounted folder and the theme's own mounts (the project's and the theme's
    /// `static/` are not mounted), pages from mounted content; every link leads where the model
    /// says.
    func testMountedSiteLinksAgreeWithHugo() throws {
        let root = HugoOracleTests.packageRoot + "/fixtures/hugo-mounts"
        let output = NSTemporaryDirectory() + "twc-mounts-links-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        try build(root, output)
        let model = try SiteLoader.load(root: root)
        XCTAssertEqual(model.layouts.linkResolution, .browser)
        let result = compare(model, output: output, regime: "hugo-mounts")
        print("Hugo links (hugo-mounts): \(result.links - result.failures.count)/\(result.links) links agree")
        XCTAssertEqual(result.failures, [], "\n" + result.failures.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(result.links, 20)
    }

    /// REF_NOT_FOUND: a page full of refs, good and bad, in both languages. Hugo logs one error
    /// per ref it cannot resolve (file:line:col of the tag, and why); the model must fail exactly
    /// those refs, for the same reason.
    func testRefNotFoundAgreesWithHugo() throws {
        let root = NSTemporaryDirectory() + "twc-refs-" + UUID().uuidString
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: root + "-public")
        }
        let refs = """
            {{< relref "about" >}} {{< relref "nope" >}} {{< relref "dup" >}} {{< relref path="about" lang="de" >}}
            {{< relref "./sibling" >}} {{< relref "./nope" >}} {{< relref "../about" >}} {{< relref "/blog/bundle/image.jpg" >}}
            {{< relref "draft" >}} {{< relref "only-en" >}} {{< relref "über ons" >}} {{< relref "/About/" >}} {{< relref "sibling.md" >}}
            {{< relref "bundle" >}} {{< relref "/blog/bundle/index.md" >}} {{< relref "blog/sibling.nl.md" >}} {{< relref "#top" >}}
            {{< relref "events" >}} {{< relref "/events/_index.md" >}} {{< relref "../../about.md" >}} {{< relref "../sibling.md" >}}
            {{< ref "/blog" >}} {{< relref "tags" >}} {{< relref path="only-en" lang="en" >}} {{< relref "docs/dup" >}} {{< relref "future" >}}
            {{< relref "amb" >}} {{< relref "x/amb" >}} {{< relref "İstanbul" >}} {{< relref "/İSTANBUL.md" >}} {{< relref "istanbul" >}}
            """
        let files: [String: String] = [
            "hugo.toml": "baseURL = \"https://example.org/\"\n[languages.en]\nweight = 1\n[languages.nl]\nweight = 2\n",
            "layouts/_default/single.html": "{{ .Content }}", "layouts/_default/list.html": "{{ .Content }}",
            "content/about.md": "x", "content/about.nl.md": "x", "content/only-en.md": "x", "content/Über Ons.md": "x",
            "content/draft.md": "---\ndraft: true\n---\nx", "content/İstanbul.md": "x",
            "content/draft.nl.md": "---\ndraft: true\n---\nx",
            "content/future.md": "---\npublishDate: 2099-01-01\n---\nx", "content/x/amb.md": "x",
            "content/y/amb.md": "x",
            "content/docs/dup.md": "x", "content/blog/dup.md": "x", "content/blog/dup.nl.md": "x",
            "content/events/_index.md": "x",
            "content/events/_index.nl.md": "x", "content/blog/sibling.md": "x", "content/blog/sibling.nl.md": "x",
            "content/blog/bundle/index.md": "x", "content/blog/bundle/index.nl.md": "x",
            "content/blog/bundle/image.jpg": "x",
            "content/blog/post.md": "# Refs\n\n" + refs + "\n", "content/blog/post.nl.md": "# Refs\n\n" + refs + "\n",
        ]
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        let hugo = try ExternalTool.hugo()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hugo)
        process.arguments = ["--source", root, "--destination", root + "-public"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertNotEqual(process.terminationStatus, 0, "REF_NOT_FOUND fails the build")
        // ERROR [nl] REF_NOT_FOUND: Ref "nope": "/path/content/blog/post.nl.md:3:24": page not found
        var hugoErrors = Set<String>()
        let line = try NSRegularExpression(
            pattern: #"REF_NOT_FOUND: Ref "([^"]*)": (?:"[^"]*/(content/[^"]*?):(\d+):\d+": )?(.*)"#)
        for match in line.matches(in: log, range: NSRange(log.startIndex..., in: log)) {
            func group(_ i: Int) -> String { Range(match.range(at: i), in: log).map { String(log[$0]) } ?? "" }
            hugoErrors.insert("\(group(2).isEmpty ? "?" : group(2) + ":" + group(3)) \(group(1)): \(group(4))")
        }
        let model = try SiteLoader.load(root: root)
        var mine = Set<String>()
        var refCount = 0
        for page in model.pages where model.isPublished(page.index) {
            for link in page.links {
                guard let call = link.ref else { continue }
                refCount += 1
                guard case .notFound(let reason) = model.resolveRef(call, from: page) else { continue }
                // Hugo names the file only when the page was found missing, not for a bad language.
                let place =
                    reason.hasPrefix("no site")
                    ? "?" : "\(page.path):\(page.source.location(of: link.range.start).line)"
                mine.insert("\(place) \(call.path): \(reason)")
            }
        }
        print("Hugo REF_NOT_FOUND: \(hugoErrors.count) errors, the model fails \(mine.count) of \(refCount) refs")
        XCTAssertEqual(mine.sorted(), hugoErrors.sorted())
        XCTAssertGreaterThanOrEqual(hugoErrors.count, 12)
    }

    func prepare(_ regime: String, root: String) throws {
        switch regime {
        case "verbatim-hook":
            let dir = root + "/layouts/_default/_markup"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try #"<a href="{{ .Destination | safeURL }}">{{ .Text | safeHTML }}</a>"#
                .write(toFile: dir + "/render-link.html", atomically: true, encoding: .utf8)
        case "getpage-hooks":
            // A link hook that looks the destination up as a page (our own, in the pattern of
            // Congo's): the page's RelPermalink and the fragment, else the destination as given,
            // or relURL for a path from the root. An image hook that finds the image among the
            // page's resources, then in assets, and writes it through a partial.
            let dir = root + "/layouts/_default/_markup"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                atPath: root + "/layouts/partials", withIntermediateDirectories: true)
            try """
            {{- $target := .Destination -}}
            {{- $parsed := urls.Parse $target -}}
            {{- if and (not $parsed.IsAbs) $parsed.Path -}}
              {{- $hash := cond (ne $parsed.Fragment "") (print "#" $parsed.Fragment) "" -}}
              {{- with $.Page.GetPage $parsed.Path -}}
                {{- $target = printf "%s%s" .RelPermalink $hash -}}
              {{- else -}}
                {{- if hasPrefix $target "/" }}{{ $target = relURL (strings.TrimPrefix "/" $target) }}{{ end -}}
              {{- end -}}
            {{- end -}}
            <a href="{{ $target | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
            """.write(toFile: dir + "/render-link.html", atomically: true, encoding: .utf8)
            try """
            {{- $u := urls.Parse .Destination -}}
            {{- $image := .Page.Resources.GetMatch (strings.TrimPrefix "./" $u.Path) -}}
            {{- if not $image }}{{ $image = resources.Get $u.Path }}{{ end -}}
            {{- $src := .Destination -}}
            {{- with $image }}{{ $src = .RelPermalink }}{{ end -}}
            {{ partial "figure-image.html" (dict "src" $src "alt" .PlainText) }}
            """.write(toFile: dir + "/render-image.html", atomically: true, encoding: .utf8)
            try #"<img class="figure" src="{{ .src }}" alt="{{ .alt }}">"#
                .write(toFile: root + "/layouts/partials/figure-image.html", atomically: true, encoding: .utf8)
            // A heading hook that hands the heading to a partial in `_partials/`, which writes
            // the heading's attributes (the id among them) and a self-link marker from an inline partial
            // (the pattern of Docsy's td/render-heading.html).
            try FileManager.default.createDirectory(
                atPath: root + "/layouts/_partials/site", withIntermediateDirectories: true)
            try #"{{ partial "site/heading.html" . }}"#
                .write(toFile: dir + "/render-heading.html", atomically: true, encoding: .utf8)
            try """
            <h{{ .Level }}
              {{- range $name, $value := .Attributes -}}
                {{ printf " %s=%q" $name (string $value) | safeHTMLAttr -}}
              {{ end -}}
            >{{ .Text | safeHTML }}{{ partial "site/self-link.html" . }}</h{{ .Level }}>
            {{- define "_partials/site/self-link.html" -}}
            <span class="self-link" data-anchor="{{ .Anchor }}"></span>
            {{- end -}}
            """.write(toFile: root + "/layouts/_partials/site/heading.html", atomically: true, encoding: .utf8)
        case "module-theme":
            // The hooks of getpage-hooks in a theme imported as a module, found in themesDir.
            try prepare("getpage-hooks", root: root)
            let theme = root + "/themes/" + Self.moduleTheme + "/layouts"
            try FileManager.default.createDirectory(atPath: theme + "/_default", withIntermediateDirectories: true)
            try FileManager.default.moveItem(
                atPath: root + "/layouts/_default/_markup", toPath: theme + "/_default/_markup")
            try FileManager.default.moveItem(atPath: root + "/layouts/partials", toPath: theme + "/partials")
            try FileManager.default.moveItem(atPath: root + "/layouts/_partials", toPath: theme + "/_partials")
            try "\n[module]\n  [[module.imports]]\n    path = \"\(Self.moduleTheme)\"\n".appendLine(
                toFile: root + "/hugo.toml")
        case "param-hook":
            // A hook that resolves pages only when a site parameter says so (hugo-book's
            // BookPortableLinks pattern), on a site under a baseURL path.
            let dir = root + "/layouts/_default/_markup"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try """
            {{- $href := .Destination -}}
            {{- if site.Params.portableLinks -}}
              {{- $u := urls.Parse .Destination -}}
              {{- if not $u.IsAbs -}}
                {{- with .PageInner.GetPage $u.Path -}}
                  {{- $href = .RelPermalink -}}
                  {{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
                {{- end -}}
              {{- end -}}
            {{- end -}}
            <a href="{{ $href }}">{{ .Text }}</a>
            """.write(toFile: dir + "/render-link.html", atomically: true, encoding: .utf8)
            let config = root + "/hugo.toml"
            var text = try String(contentsOfFile: config, encoding: .utf8)
            text = text.replacingOccurrences(
                of: "baseURL = \"https://example.org/\"", with: "baseURL = \"https://example.org/docs/\"")
            text += "\n[params]\n  portableLinks = true\n"
            try text.write(toFile: config, atomically: true, encoding: .utf8)
        case "never-subdir":
            let config = root + "/hugo.toml"
            var text = try String(contentsOfFile: config, encoding: .utf8)
            text = text.replacingOccurrences(
                of: "defaultContentLanguage = \"en\"\n",
                with: "defaultContentLanguage = \"en\"\ndefaultContentLanguageInSubdir = true\n")
            text +=
                "\n[markup.goldmark.renderHooks.link]\n  useEmbedded = \"never\"\n[markup.goldmark.renderHooks.image]\n  useEmbedded = \"never\"\n"
            try text.write(toFile: config, atomically: true, encoding: .utf8)
        case "duplicate-resources":
            // Every language publishes its own copy of each resource; the hooks are then off (auto).
            try "\n[markup.goldmark]\n  duplicateResourceFiles = true\n"
                .appendLine(toFile: root + "/hugo.toml")
        default: break
        }
    }

    func build(_ root: String, _ output: String) throws {
        let hugo = try ExternalTool.hugo()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hugo)
        process.arguments = ["--source", root, "--destination", output, "--quiet"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = Pipe()
        try process.run()
        let errors = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, String(decoding: errors, as: UTF8.self))
    }

    static let moduleTheme = "github.com/twc-example/hooks"

    func compare(_ model: SiteModel, output: String, regime: String, skipUnknown: Bool = false) -> (
        links: Int, anchors: Int, failures: [String], unknown: Int
    ) {
        var links = 0
        var anchors = 0
        var unknown = 0
        var failures: [String] = []
        for page in model.pages where model.isPublished(page.index) {
            guard let html = try? String(contentsOfFile: output + page.url + "index.html", encoding: .utf8) else {
                failures.append("[\(regime)] Hugo published no \(page.url) for \(page.path)")
                continue
            }
            let hugo = Self.destinations(in: Self.main(of: html))
            guard hugo.count == page.links.count else {
                failures.append(
                    "[\(regime)] \(page.path): Hugo renders \(hugo.count) links, the model has \(page.links.count)")
                continue
            }
            for (index, link) in page.links.enumerated() {
                links += 1
                let target = model.target(ofLink: index, in: page)
                if skipUnknown && target == .unknown {
                    unknown += 1
                    continue
                }
                let mine = expectation(target, from: page, model: model)
                let theirs = served(
                    hugo[index], from: page.url, output: output, basePath: regime == "param-hook" ? "/docs/" : "/")
                let line = page.source.location(of: link.range.start).line
                if mine.key != theirs.key || mine.fragment != theirs.fragment {
                    failures.append(
                        "[\(regime)] \(page.path):\(line) \(link.destination): Hugo \(hugo[index]) → \(theirs.key)#\(theirs.fragment ?? "-"), model \(mine.key)#\(mine.fragment ?? "-")"
                    )
                    continue
                }
                // Does the fragment name an anchor of the page the link lands on?
                if case .page(let targetIndex, let fragment?) = target, !fragment.isEmpty,
                    model.isPublished(targetIndex),
                    let targetHTML = try? String(
                        contentsOfFile: output + model.pages[targetIndex].url + "index.html", encoding: .utf8)
                {
                    anchors += 1
                    let hugoHas = Self.ids(in: Self.main(of: targetHTML)).contains(fragment)
                    if hugoHas != model.pages[targetIndex].anchors.contains(fragment) {
                        failures.append(
                            "[\(regime)] \(page.path):\(line) #\(fragment): Hugo's page \(hugoHas ? "has" : "lacks") it, the model disagrees"
                        )
                    }
                }
            }
        }
        return (links, anchors, failures, unknown)
    }

    /// What the model says a link serves: `ok:<file in the output>`, `missing:<path>` or
    /// `external:<url>`.
    func expectation(_ target: LinkTarget, from page: Page, model: SiteModel) -> (key: String, fragment: String?) {
        switch target {
        case .external(let url): return ("external:" + Self.percentDecode(url), nil)
        case .page(let index, let fragment):
            let url = model.pages[index].url
            return (model.isPublished(index) ? "ok:" + url + "index.html" : "missing:" + Self.trimSlash(url), fragment)
        case .file(let path, let fragment):
            return ("ok:" + (path.hasSuffix("/") ? path + "index.html" : path), fragment)
        case .unresolved(let path, let fragment), .maybeRedirected(let path, let fragment):
            // Hugo's output has nothing there (a server's redirects are not part of it).
            return ("missing:" + Self.trimSlash(path), fragment)
        case .unrendered(_, let fragment):
            // Hugo writes an empty href: the linking page itself.
            return ("ok:" + page.url + "index.html", fragment)
        case .unknown:
            return ("unknown", nil)
        }
    }

    /// What Hugo's `href` serves, resolved as a browser does against the page URL, in the output
    /// directory (a directory serves its index.html; a redirect stub is followed).
    func served(_ href: String, from pageURL: String, output: String, basePath: String = "/", hops: Int = 0)
        -> (key: String, fragment: String?)
    {
        var reference = Self.unescapeHTML(href)
        // The site's own host, with or without www., either scheme: the site itself serves it.
        if let host = reference.range(
            of: #"^(https?:)?//(www\.)?example\.org(?=[/?#]|$)"#, options: [.regularExpression, .caseInsensitive])
        {
            var path = String(reference[host.upperBound...])
            if path.isEmpty || path.hasPrefix("?") || path.hasPrefix("#") { path = "/" + path }
            if path.hasPrefix(basePath) { reference = path }
        }
        if reference.hasPrefix("//")
            || reference.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
        {
            return ("external:" + Self.percentDecode(reference), nil)
        }
        var fragment: String?
        if let hash = reference.firstIndex(of: "#") {
            fragment = Self.percentDecode(String(reference[reference.index(after: hash)...]))
            reference = String(reference[..<hash])
        }
        if let mark = reference.firstIndex(of: "?") { reference = String(reference[..<mark]) }
        let path = reference.isEmpty ? pageURL : Self.resolve(Self.percentDecode(reference), against: pageURL)
        var isDirectory: ObjCBool = false
        var file = path
        if path.hasSuffix("/") {
            file = path + "index.html"
        } else if FileManager.default.fileExists(atPath: output + path, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            file = path + "/index.html"
        }
        guard FileManager.default.fileExists(atPath: output + file, isDirectory: &isDirectory), !isDirectory.boolValue
        else {
            return ("missing:" + Self.trimSlash(path), fragment)
        }
        if file.hasSuffix(".html"), hops < 3, let html = try? String(contentsOfFile: output + file, encoding: .utf8),
            html.contains("http-equiv=\"refresh\""),
            let range = html.range(of: #"url=[^"]*"#, options: .regularExpression)
        {
            let target = String(html[range].dropFirst(4))
            let followed = served(target, from: path, output: output, basePath: basePath, hops: hops + 1)
            return (followed.key, fragment)
        }
        return ("ok:" + file, fragment)
    }

    /// The page's content: `<main>` of the links fixture; on the seed site, from the title to the
    /// list of section pages or the translation links its layouts add.
    static func main(of html: String) -> String {
        if let start = html.range(of: "<main>"), let end = html.range(of: "</main>") {
            return String(html[start.upperBound..<end.lowerBound])
        }
        guard let start = html.range(of: "</h1>") else { return html }
        let rest = html[start.upperBound...]
        let ends = ["<ul><li>", "<a class=\"translation\"", "</article>", "</body>"].compactMap {
            rest.range(of: $0)?.lowerBound
        }
        return String(rest[..<(ends.min() ?? rest.endIndex)])
    }

    /// `href`s of `<a>` and `src`s of `<img>`, in document order.
    static func destinations(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"<a\s[^>]*?href="([^"]*)"|<img\s[^>]*?src="([^"]*)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            let group = match.range(at: 1).location != NSNotFound ? 1 : 2
            return String(html[Range(match.range(at: group), in: html)!])
        }
    }

    static func ids(in html: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: #"\sid="([^"]*)""#)
        return Set(
            pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
                unescapeHTML(String(html[Range($0.range(at: 1), in: html)!]))
            })
    }

    /// RFC 3986 §5.2 for a path reference against a path ending in `/` (pretty URLs).
    static func resolve(_ reference: String, against base: String) -> String {
        let merged = reference.hasPrefix("/") ? reference : String(base[...base.lastIndex(of: "/")!]) + reference
        var output: [Substring] = []
        let parts = merged.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (offset, part) in parts.enumerated() {
            let last = offset == parts.count - 1
            if part == "." {
                if last { output.append("") }
                continue
            }
            if part == ".." {
                if !output.isEmpty { output.removeLast() }
                if last { output.append("") }
                continue
            }
            output.append(part)
        }
        return "/" + output.joined(separator: "/")
    }

    static func trimSlash(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    static func unescapeHTML(_ text: String) -> String { HugoOracleTests.unescapeHTML(text) }

    static func percentDecode(_ text: String) -> String { text.removingPercentEncoding ?? text }
}

extension String {
    fileprivate func appendLine(toFile path: String) throws {
        let existing = try String(contentsOfFile: path, encoding: .utf8)
        try (existing + self).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
