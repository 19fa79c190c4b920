import TWCCore
import TWCSite
import TWCTestSupport
import XCTest

/// hugo-behaviour §6.1 (ref/relref) and §6.3 (embedded link hook) vectors, on the reference's
/// site: Dutch at the root, English under /en/.
final class LinkResolutionTests: XCTestCase {
    func config(resolution: LinkResolution = .embeddedHook) -> TestConfig {
        var config = TestConfig(languages: ["nl", "en"])
        config.linkResolution = resolution
        return config
    }

    let pages = ["about", "blog/post", "blog/sibling", "blog/bundle/index", "events/_index", "refs/r2", "_index"]

    /// `extra` holds further files: pages, and static files and resources (their text is not read).
    func makeSite(
        refs: [String], in file: String = "refs/r", resolution: LinkResolution = .embeddedHook,
        extra: [(String, String)] = []
    ) throws -> SiteModel {
        var files: [(String, String)] = []
        for page in pages where page != file {
            files.append(("content/\(page).md", "# \(page)\n\n## Team\n"))
            files.append(("content/\(page).en.md", "# \(page)\n\n## Team\n"))
        }
        // Front matter first: a body starting with `- ` is an invalid YAML delimiter to Hugo.
        let body = "---\ntitle: links\n---\n" + refs.map { "- [x](\($0))" }.joined(separator: "\n") + "\n"
        files += [("content/\(file).md", body), ("content/\(file).en.md", body)] + extra
        return try config(resolution: resolution).load(files)
    }

    /// Where each link of `file` goes, per language, as `url#fragment` (`!` + path when nothing is
    /// published there, `?` when a ref is not found).
    func hrefs(_ site: SiteModel, _ file: String = "refs/r") -> [String: [String]] {
        var result: [String: [String]] = [:]
        for page in site.pages where page.path == "content/\(file).md" || page.path == "content/\(file).en.md" {
            result[page.language] = page.links.indices.map { index in
                let link = page.links[index]
                switch site.target(ofLink: index, in: page) {
                case .page(let target, let fragment):
                    let prefix = link.ref?.isAbsolute == true ? "https://example.org" : ""
                    return prefix + site.pages[target].url + (fragment.map { "#" + $0 } ?? "")
                case .file(let path, let fragment): return path + (fragment.map { "#" + $0 } ?? "")
                case .unresolved(let path, _):
                    return link.ref != nil ? "?" + path : "!" + path
                case .external(let url): return url
                case .unrendered(_, let fragment): return "" + (fragment.map { "#" + $0 } ?? "")
                case .unknown: return "unknown"
                case .maybeRedirected(let path, _): return "?" + path
                }
            }
        }
        return result
    }

    func testRefVectors() throws {
        let rows: [(String, String, String)] = [
            (#"{{< ref "about" >}}"#, "https://example.org/about/", "https://example.org/en/about/"),
            (#"{{< relref "about" >}}"#, "/about/", "/en/about/"),
            (#"{{< relref "/about" >}}"#, "/about/", "/en/about/"),
            (#"{{< relref "/about.md" >}}"#, "/about/", "/en/about/"),
            (#"{{< relref "../about" >}}"#, "/about/", "/en/about/"),
            (#"{{< relref "/about/" >}}"#, "/about/", "/en/about/"),
            (#"{{< relref "/About/" >}}"#, "/about/", "/en/about/"),
            (#"{{< relref "about.en.md" >}}"#, "/about/", "/en/about/"),
            (#"{{< relref path="/about" lang="en" >}}"#, "/en/about/", "/en/about/"),
            (#"{{< relref path="/about" lang="nl" >}}"#, "/about/", "/about/"),
            (##"{{< relref "#frag" >}}"##, "/refs/r/#frag", "/en/refs/r/#frag"),
            (#"{{< relref "/about#team" >}}"#, "/about/#team", "/en/about/#team"),
            (#"{{< relref "sibling" >}}"#, "/blog/sibling/", "/en/blog/sibling/"),
            (#"{{< relref "/blog/sibling" >}}"#, "/blog/sibling/", "/en/blog/sibling/"),
            (#"{{< relref "blog/sibling.md" >}}"#, "/blog/sibling/", "/en/blog/sibling/"),
            (#"{{< relref "/events" >}}"#, "/events/", "/en/events/"),
            (#"{{< relref "/events/_index.md" >}}"#, "/events/", "/en/events/"),
            (#"{{< relref "/" >}}"#, "/", "/en/"),
            (#"{{< relref "bundle" >}}"#, "/blog/bundle/", "/en/blog/bundle/"),
            (#"{{< relref "/blog/bundle/index.md" >}}"#, "/blog/bundle/", "/en/blog/bundle/"),
            (#"{{< relref "./r2" >}}"#, "/refs/r2/", "/en/refs/r2/"),
            (#"{{< relref "about" >}}#team"#, "/about/#team", "/en/about/#team"),
            (#"{{% relref "about" %}}"#, "/about/", "/en/about/"),
            (#"{{< relref "about" "html" >}}"#, "/about/", "/en/about/"),
            (#"{{< relref "/%C3%BCber" >}}"#, "?/über", "?/über"),
            (#"{{< relref "nope" >}}"#, "?nope", "?nope"),
            (#"{{< relref "./sibling" >}}"#, "?./sibling", "?./sibling"),
            (#"{{< relref path="about" lang="de" >}}"#, "?about", "?about"),
        ]
        let site = try makeSite(refs: rows.map(\.0))
        let found = hrefs(site)
        XCTAssertEqual(found["nl"]?.count, rows.count)
        for (index, row) in rows.enumerated() {
            XCTAssertEqual(found["nl"]?[index], row.1, "nl \(row.0)")
            XCTAssertEqual(found["en"]?[index], row.2, "en \(row.0)")
        }
        let page = site.pages.first { $0.path == "content/refs/r.md" }!
        let reasons = page.links.compactMap { $0.ref }.map { site.resolveRef($0, from: page) }
        XCTAssertEqual(reasons.last, .notFound(reason: "no site found with lang \"de\""))
        XCTAssertEqual(reasons[reasons.count - 2], .notFound(reason: "page not found"))
        XCTAssertEqual(page.links[0].kind, .inline)
        XCTAssertEqual(page.links[0].ref?.name, "ref")
        XCTAssertEqual(page.links[8].ref?.language, "en")
    }

    func testStandaloneRefsAndArguments() throws {
        let text = """
            See {{< relref "/about#team" >}} and <a href="{{< ref path="blog/sibling.md" lang="en" >}}">x</a>.

            ```
            {{< relref "sibling" >}}
            ```
            {{</* relref "nope" */>}} {{< relref "a" "b" "c" >}}
            """
        let site = try makeSite(refs: [], extra: [("content/p.md", text)])
        let page = try XCTUnwrap(site.pages.first { $0.path == "content/p.md" })
        XCTAssertEqual(
            page.links.map(\.kind), [.relref, .ref, .relref, .relref], "a commented-out shortcode is no link")
        let first = try XCTUnwrap(page.links[0].ref)
        XCTAssertEqual(page.source.text(try XCTUnwrap(first.pathRange)), "/about#team")
        XCTAssertEqual(page.source.text(try XCTUnwrap(page.links[0].fragmentRange)), "team")
        XCTAssertEqual(page.links[1].ref?.named, true)
        XCTAssertEqual(page.source.text(try XCTUnwrap(page.links[1].ref?.languageParameterRange)), #"lang="en""#)
        let targets = page.links.indices.map { site.target(ofLink: $0, in: page) }
        let about = try XCTUnwrap(site.pages.first { $0.path == "content/about.md" })
        let sibling = try XCTUnwrap(site.pages.first { $0.path == "content/blog/sibling.en.md" })
        XCTAssertEqual(targets[0], .page(about.index, fragment: "team"))
        XCTAssertEqual(targets[1], .page(sibling.index, fragment: nil))
        XCTAssertEqual(page.links[2].section, 0)
        XCTAssertEqual(page.links[3].ref?.argumentError, "invalid number of arguments to relref")
        XCTAssertEqual(
            site.resolveRef(try XCTUnwrap(page.links[3].ref), from: page),
            .notFound(reason: "invalid number of arguments to relref"))
    }

    /// §6.3: the embedded hook from `blog/post.md` (nl, root) and `blog/post.en.md`.
    func testEmbeddedHookVectors() throws {
        let rows: [(String, String, String)] = [
            ("/about/", "/about/", "/en/about/"), ("/about", "/about/", "/en/about/"),
            ("about", "/about/", "/en/about/"),
            ("../about/", "/about/", "/en/about/"), ("/about.md", "/about/", "/en/about/"),
            ("/About/", "/about/", "/en/about/"),
            ("./sibling", "/blog/sibling/", "/en/blog/sibling/"), ("sibling.md", "/blog/sibling/", "/en/blog/sibling/"),
            ("events", "/events/", "/en/events/"), ("/events?x=1#y", "/events/#y", "/en/events/#y"),
            ("../", "/", "/en/"), ("/", "/", "/en/"), ("bundle", "/blog/bundle/", "/en/blog/bundle/"),
            ("#frag", "/blog/post/#frag", "/en/blog/post/#frag"),
            // Left as written, then resolved by the browser.
            ("/nl/events", "!/nl/events", "!/nl/events"), ("/en/events/", "/en/events/", "/en/events/"),
            ("/missing/", "!/missing/", "!/missing/"), ("img.png", "!/blog/post/img.png", "!/en/blog/post/img.png"),
            ("https://x.org/about", "https://x.org/about", "https://x.org/about"),
        ]
        let site = try makeSite(refs: rows.map(\.0), in: "blog/post")
        let found = hrefs(site, "blog/post")
        for (index, row) in rows.enumerated() {
            XCTAssertEqual(found["nl"]?[index], row.1, "nl \(row.0)")
            XCTAssertEqual(found["en"]?[index], row.2, "en \(row.0)")
        }
        // Without the hook, relative links resolve against the URL (§6.2).
        let browser = hrefs(
            try makeSite(refs: ["../about/", "./sibling", "sibling", "#frag"], in: "blog/post", resolution: .browser),
            "blog/post")
        XCTAssertEqual(
            browser["nl"], ["!/blog/about/", "!/blog/post/sibling", "!/blog/post/sibling", "/blog/post/#frag"])
    }

    /// A special scheme without `//` after it: the page's own scheme makes the rest a reference
    /// relative to the page (WHATWG URL, "special relative or authority state"), another
    /// scheme a host. The site's baseURL is https.
    func testOneSlashAfterTheScheme() throws {
        let site = try makeSite(
            refs: [
                "https:/about/", "HTTPS:/missing", "https:sibling/", "http:/about/", "https://about/", "mailto:a@b",
            ],
            in: "blog/post", resolution: .browser)
        XCTAssertEqual(
            hrefs(site, "blog/post")["nl"],
            ["/about/", "!/missing", "!/blog/post/sibling/", "http:/about/", "https://about/", "mailto:a@b"])
    }

    /// Static files, page resources shared by translations, and what the build leaves out.
    func testPublishedFiles() throws {
        let files = [
            "static/files/report.pdf", "static/docs/index.html", "content/blog/bundle/image.jpg",
            "content/blog/bundle/photo.en.jpg", "content/events/banner.jpg",
        ].map { ($0, "") }
        let links = [
            "/files/report.pdf", "../../files/report.pdf", "/docs/", "bundle/image.jpg", "/blog/bundle/image.jpg",
            "/en/blog/bundle/photo.en.jpg", "/events/banner.jpg", "/draft/", "/old/", "/nl/", "/tags/",
        ]
        let extra = [
            ("content/draft.md", "---\ndraft: true\n---\n"),
            ("content/old.md", "---\naliases: [/old/]\ntitle: x\n---\n"),
        ]
        let site = try makeSite(refs: links, in: "blog/post", resolution: .browser, extra: extra + files)
        let found = hrefs(site, "blog/post")
        XCTAssertEqual(
            found["nl"],
            [
                "/files/report.pdf", "/files/report.pdf", "/docs/index.html", "!/blog/post/bundle/image.jpg",
                "/blog/bundle/image.jpg", "/en/blog/bundle/photo.en.jpg", "/events/banner.jpg",
                "/draft/", "/old/", "/", "/tags/",
            ], "/nl/ is the stub that redirects to the root language's home")
        let draft = site.pages.first { $0.path == "content/draft.md" }!
        XCTAssertFalse(site.isPublished(draft.index))
        XCTAssertEqual(site.publishedTarget(path: "/blog/bundle/image.jpg"), .resource("/blog/bundle/image.jpg"))
        XCTAssertNil(
            site.publishedTarget(path: "/en/blog/bundle/image.jpg"),
            "a shared resource is published once, beside the default language's page")
        XCTAssertEqual(site.publishedTarget(path: "/docs"), .staticFile("/docs/index.html"))
        XCTAssertEqual(site.publishedTarget(path: "/tags/"), .generated("/tags/"))
        // With the hook, the English bundle page finds the shared image and its own photo by name.
        let hook = try makeSite(refs: ["image.jpg", "photo.jpg", "IMAGE.JPG"], in: "blog/bundle/index", extra: files)
        XCTAssertEqual(
            hrefs(hook, "blog/bundle/index")["en"],
            ["/blog/bundle/image.jpg", "/en/blog/bundle/photo.en.jpg", "/blog/bundle/image.jpg"])
    }

    /// A multihost site (hugo-behaviour §2.11): each language's links resolve on its own host, at
    /// the root of its baseURL path; static files are on every host; a relref to a page of
    /// another host gives a path the browser takes on the linking page's host.
    func testMultihostLinks() throws {
        let files = [
            (
                "hugo.toml",
                """
                baseURL = "https://example.org/"
                defaultContentLanguageInSubdir = true
                [languages.en]
                baseURL = "https://en.example.org/"
                weight = 1
                [languages.fr]
                baseURL = "https://fr.example.org/docs/"
                weight = 2
                """
            ),
            ("static/robots.txt", "x"),
            ("content/about.md", "---\ntitle: About\naliases: [/old/]\n---\n## Team\n"),
            ("content/propos.fr.md", "---\ntitle: Propos\n---\n"),
            (
                "content/links.md",
                "---\ntitle: L\n---\n[a](/about/#team) [b](/old/) [c](/robots.txt) [d](/propos/) [e](/docs/propos/) "
                    + "[f]({{< relref path=\"propos\" lang=\"fr\" >}}) [g]({{< ref path=\"propos\" lang=\"fr\" >}}) "
                    + "[h](https://fr.example.org/docs/propos/#x) [i](https://www.en.example.org/about/)\n"
            ),
            (
                "content/liens.fr.md",
                "---\ntitle: L\n---\n[a](/docs/propos/) [b](/about/) [c](/docs/robots.txt) [d](/robots.txt)\n"
            ),
        ]
        let site = try SiteLoader.load(MemoryFileSystem(Dictionary(uniqueKeysWithValues: files)))
        XCTAssertTrue(site.config.isMultihost)
        func targets(_ path: String) -> [String] {
            let page = site.pages.first { $0.path == path }!
            return page.links.indices.map { index in
                switch site.target(ofLink: index, in: page) {
                case .page(let target, let fragment):
                    return site.config.host(for: site.pages[target].language) + ":" + site.pages[target].url
                        + (fragment.map { "#" + $0 } ?? "")
                case .file(let path, _): return "file " + path
                case .unresolved(let path, _): return "!" + path
                default: return "?"
                }
            }
        }
        XCTAssertEqual(site.pages.first { $0.path == "content/about.md" }?.url, "/about/")
        XCTAssertEqual(site.pages.first { $0.path == "content/propos.fr.md" }?.url, "/docs/propos/")
        XCTAssertEqual(
            targets("content/links.md"),
            [
                "en:/about/#team", "en:/about/", "file /robots.txt", "!/propos/", "!/docs/propos/", "!/docs/propos/",
                "fr:/docs/propos/", "fr:/docs/propos/#x", "en:/about/",
            ])
        XCTAssertEqual(
            targets("content/liens.fr.md"), ["fr:/docs/propos/", "!/about/", "file /docs/robots.txt", "!/robots.txt"])
        XCTAssertNil(site.homeRedirect, "no home redirect on a multihost site")
        XCTAssertEqual(site.aliasTargets["en/old/"], site.pages.first { $0.path == "content/about.md" }?.index)
    }
}
