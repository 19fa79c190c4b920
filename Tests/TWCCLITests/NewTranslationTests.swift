import Foundation
import TWCCore
import TWCFrontmatter
import TWCRules
import TWCSite
import TWCTestSupport
import XCTest

/// `twc-lint new PAGE --lang LANG`: the translation is created where Hugo pairs it in each pairing
/// mode (checked with the site model and, when Hugo 0.168 is installed, with Hugo), with every
/// byte of the source but the marks, the pin and the links led to the language's pages; it lints
/// clean but for its untranslated text; and what cannot be done is refused with nothing written.
final class NewTranslationTests: XCTestCase {
    // MARK: - Helpers

    /// A site in a new temporary folder: files by site-relative path.
    func makeSite(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "twc-lint-new-" + UUID().uuidString
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        return root
    }

    /// Layouts that list each page's translations, for Hugo's output.
    static let layouts: [String: String] = {
        let template =
            #"{{ .Content }}{{ range .Translations }}<a class="translation" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}"></a>{{ end }}"#
            + "\n"
        return ["layouts/_default/single.html": template, "layouts/_default/list.html": template]
    }()

    /// Runs git in `folder` (no network, no user configuration); fails the test when git fails.
    @discardableResult
    func git(_ arguments: [String], in folder: String) throws -> String {
        let executable = try ExternalTool.require(
            "git", arguments: ["--version"], version: "git version", install: "git on PATH (apt-get install git)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "-c", "user.name=twc-lint tests", "-c", "user.email=tests@example.org", "-c", "commit.gpgsign=false",
                "-c", "init.defaultBranch=main",
            ] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(arguments.joined(separator: " ")): \(output)")
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func commitAll(_ folder: String, _ message: String = "site") throws {
        if !FileManager.default.fileExists(atPath: folder + "/.git") { try git(["init", "-q"], in: folder) }
        try git(["add", "-A"], in: folder)
        try git(["commit", "-q", "-m", message], in: folder)
    }

    func new(_ page: String, _ language: String, in root: String, _ extra: [String] = []) -> ToolRun {
        ToolRun.run(["new", page, "--lang", language] + extra, directory: root)
    }

    /// The pin's line as `new` wrote it in `text`: the hash plain or double-quoted (YAML quotes a
    /// hash that a YAML 1.1 reader could take for a number); fails when it is neither.
    func pinLine(_ hash: String, in text: String, line: UInt = #line) -> String {
        let forms = ["translationSourceCommit: \(hash)", "translationSourceCommit: \"\(hash)\""]
        let found = text.split(separator: "\n").map(String.init).first { forms.contains($0) }
        XCTAssertNotNil(found, "no pin to \(hash) in:\n\(text)", line: line)
        return found ?? forms[0]
    }

    func read(_ path: String, in root: String) -> String {
        String(decoding: FileManager.default.contents(atPath: root + "/" + path) ?? Data(), as: UTF8.self)
    }

    /// What `twc-lint check` reports on `file` (concise lines without the file name), by rule.
    func findings(on file: String, in root: String) -> [(rule: String, line: String)] {
        let run = ToolRun.run(["check", "--format", "concise", "--exit-zero"], directory: root)
        XCTAssertEqual(run.status, 0, run.errors)
        return run.output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(file + ":"), let open = line.lastIndex(of: "[") else { return nil }
            return (String(line[line.index(after: open)...].dropLast()), String(line))
        }
    }

    /// The model of the site at `root`: the page at `path` must be the `language` version of the
    /// page at `source`.
    func assertPaired(_ path: String, with source: String, language: String, in root: String, line: UInt = #line)
        throws
    {
        let site = try SiteLoader.load(root: root)
        let page = try XCTUnwrap(site.pages.first { $0.path == path }, "\(path) is not a page", line: line)
        let original = try XCTUnwrap(site.pages.first { $0.path == source }, line: line)
        XCTAssertEqual(page.language, language, line: line)
        XCTAssertEqual(site.group(of: original).pages[language], page.index, "\(path) pairs with \(source)", line: line)
    }

    /// Builds the site with Hugo 0.168 (the test is skipped without it, and fails under CI) and
    /// returns, for each of `urls`, the `hreflang` → `href` of the translations listed on the page
    /// published there. Called outside assertions, so that a skip is not taken for a failure.
    func hugoTranslations(of urls: [String], in root: String) throws -> [String: [String: String]] {
        let hugo = try ExternalTool.hugo()
        let output = NSTemporaryDirectory() + "twc-lint-new-public-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        let log = try ExternalTool.run(hugo, ["--quiet", "-s", root, "-d", output])
        var result: [String: [String: String]] = [:]
        for url in urls {
            let html = try XCTUnwrap(
                FileManager.default.contents(atPath: output + url + "index.html").map {
                    String(decoding: $0, as: UTF8.self)
                }, "Hugo wrote no \(url): \(log)")
            var translations: [String: String] = [:]
            for match in html.components(separatedBy: #"<a class="translation" hreflang=""#).dropFirst() {
                let language = String(match.prefix { $0 != "\"" })
                guard let href = match.components(separatedBy: #"href=""#).dropFirst().first else { continue }
                translations[language] = String(href.prefix { $0 != "\"" })
            }
            result[url] = translations
        }
        return result
    }

    // MARK: - The seed site

    /// The seed site's untranslated archive page: the Dutch version beside it, every byte of the
    /// source kept but the marks and the pin, and the only findings on it besides untranslated
    /// text are the source's own broken button link, copied with the text.
    func testSeedArchivePage() throws {
        let root = try Paths.copyOfSite()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try commitAll(root)
        let source = "content/archive/about-2025-03.md"
        let target = "content/archive/about-2025-03.nl.md"
        let pin = try git(["log", "-1", "--format=%H", "--", source], in: root)
        let run = new(source, "nl", in: root)
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertTrue(run.output.hasPrefix("created \(target), the nl version of \(source)\n"), run.output)
        XCTAssertTrue(run.output.contains("marked '# twc-lint: translate': title, description"), run.output)
        XCTAssertTrue(run.output.contains("Next steps:"), run.output)
        XCTAssertTrue(run.output.contains("Run: twc-lint \(target)"), run.output)
        XCTAssertTrue(
            run.output.contains("copied with the text: 1 finding (broken-link) that the source has too"), run.output)
        try assertPaired(target, with: source, language: "nl", in: root)

        // Byte for byte: the source with two marks and the pin.
        var expected = read(source, in: root)
        expected = expected.replacingOccurrences(of: "title: About\n", with: "title: About # twc-lint: translate\n")
        expected = expected.replacingOccurrences(
            of: "achieve it.\n", with: "achieve it. # twc-lint: translate\n")
        let written = read(target, in: root)
        expected = expected.replacingOccurrences(
            of: "tags: []\n---\n", with: "tags: []\n\(pinLine(pin, in: written))\n---\n")
        XCTAssertEqual(written, expected)

        let found = findings(on: target, in: root)
        XCTAssertEqual(Set(found.map(\.rule)), ["untranslated", "broken-link"], "\(found)")
        let sourceFindings = findings(on: source, in: root)
        XCTAssertEqual(sourceFindings.map(\.rule), ["broken-link"], "the source's own defect")
    }

    /// With the seed's broken button links repaired, new Dutch versions of the archive page and
    /// of the Palestine page (its Dutch file removed first) lint clean but for untranslated text:
    /// every link to a page with a Dutch version leads there, in the link's own style, and the
    /// pin is accepted by frontmatter-mismatch. Hugo pairs them too.
    func testSeedPagesLintCleanButForUntranslatedText() throws {
        let root = try Paths.copyOfSite()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for page in ["content/archive/about-2025-03.md", "content/palestine/index.md"] {
            let text = read(page, in: root).replacingOccurrences(of: #"href="join""#, with: #"href="/join/""#)
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + page))
        }
        try FileManager.default.removeItem(atPath: root + "/content/palestine/index.nl.md")
        try commitAll(root)
        for (source, target) in [
            ("content/archive/about-2025-03.md", "content/archive/about-2025-03.nl.md"),
            ("content/palestine/index.md", "content/palestine/index.nl.md"),
        ] {
            let run = new(source, "nl", in: root)
            XCTAssertEqual(run.status, 0, run.errors)
            XCTAssertEqual(run.errors, "", "no warning")
            XCTAssertTrue(run.output.contains(#"link /join/ -> /nl/join/ (the nl version)"#), run.output)
            try assertPaired(target, with: source, language: "nl", in: root)
            XCTAssertTrue(read(target, in: root).contains("translationSourceCommit: "))
        }
        let palestine = read("content/palestine/index.nl.md", in: root)
        XCTAssertTrue(palestine.contains("](/nl/resources/organize/)"), palestine)
        XCTAssertTrue(palestine.contains("](/nl/join)"), "no trailing slash added")
        XCTAssertTrue(palestine.contains(#"{{< button href="/nl/join/" >}}"#))
        for target in ["content/archive/about-2025-03.nl.md", "content/palestine/index.nl.md"] {
            let found = findings(on: target, in: root)
            XCTAssertFalse(found.isEmpty, "the text is still English")
            XCTAssertEqual(Set(found.map(\.rule)), ["untranslated"], "\(found.map(\.line))")
        }
        let hugo = try hugoTranslations(of: ["/archive/about-2025-03/", "/nl/palestine/"], in: root)
        XCTAssertEqual(hugo["/archive/about-2025-03/"], ["nl": "/nl/archive/about-2025-03/"])
        XCTAssertEqual(hugo["/nl/palestine/"], ["en": "/palestine/"])
    }

    // MARK: - Pairing modes

    /// Filename suffixes: `index.md` → `index.nl.md`, `about.md` → `about.nl.md`, `about.en.md`
    /// → `about.nl.md`, `_index.md` → `_index.nl.md`.
    func testFilenameSuffixPairing() throws {
        var config = TestConfig(languages: ["en", "nl"])
        config.linkResolution = .browser
        var files = Self.layouts
        files["hugo.toml"] = config.toml
        files["content/bundle/index.md"] = "---\ntitle: Bundle\n---\nText.\n"
        files["content/about.md"] = "---\ntitle: About\n---\nText.\n"
        files["content/named.en.md"] = "---\ntitle: Named\n---\nText.\n"
        files["content/blog/_index.md"] = "---\ntitle: Blog\n---\nText.\n"
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (source, target) in [
            ("content/bundle/index.md", "content/bundle/index.nl.md"),
            ("content/about.md", "content/about.nl.md"),
            ("content/named.en.md", "content/named.nl.md"),
            ("content/blog/_index.md", "content/blog/_index.nl.md"),
        ] {
            let run = new(source, "nl", in: root)
            XCTAssertEqual(run.status, 0, run.errors)
            XCTAssertTrue(run.output.hasPrefix("created \(target),"), run.output)
            try assertPaired(target, with: source, language: "nl", in: root)
        }
        let hugo = try hugoTranslations(of: ["/named/", "/nl/bundle/", "/blog/"], in: root)
        XCTAssertEqual(hugo["/named/"], ["nl": "/nl/named/"])
        XCTAssertEqual(hugo["/nl/bundle/"], ["en": "/bundle/"])
        XCTAssertEqual(hugo["/blog/"], ["nl": "/nl/blog/"])
    }

    /// A language with its own `contentDir`: the same path below it (folders created), without
    /// the language a file name carries.
    func testContentDirPairing() throws {
        let config = TestConfig(languages: ["en", "nl"], contentDirs: ["en": "content/en", "nl": "content/nl"])
        var files = Self.layouts
        files["hugo.toml"] = config.toml
        files["content/en/docs/guide.md"] = "---\ntitle: Guide\n---\nSee [the start](/docs/start/#install).\n"
        files["content/en/docs/start.en.md"] = "---\ntitle: Start\n---\n## Install\n"
        files["content/nl/docs/start.md"] = "---\ntitle: Begin\n---\n## Installeren\n"
        files["content/en/notes/note.en.md"] = "---\ntitle: Note\n---\nText.\n"
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = new("content/en/docs/guide.md", "nl", in: root)
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertTrue(run.output.hasPrefix("created content/nl/docs/guide.md,"), run.output)
        try assertPaired("content/nl/docs/guide.md", with: "content/en/docs/guide.md", language: "nl", in: root)
        // The fragment is the aligned Dutch heading's anchor.
        XCTAssertTrue(
            read("content/nl/docs/guide.md", in: root).contains("[the start](/nl/docs/start/#installeren)"),
            read("content/nl/docs/guide.md", in: root))
        // A folder the language does not have yet, and a file named with its language.
        let named = new("content/en/notes/note.en.md", "nl", in: root)
        XCTAssertEqual(named.status, 0, named.errors)
        try assertPaired("content/nl/notes/note.md", with: "content/en/notes/note.en.md", language: "nl", in: root)
        let hugo = try hugoTranslations(of: ["/docs/guide/", "/nl/notes/note/"], in: root)
        XCTAssertEqual(hugo["/docs/guide/"], ["nl": "/nl/docs/guide/"])
        XCTAssertEqual(hugo["/nl/notes/note/"], ["en": "/notes/note/"])
    }

    /// Pages paired by `translationKey`: the key is kept, and a link to a page whose Dutch
    /// version has another name leads to that version.
    func testTranslationKeyPairing() throws {
        let config = TestConfig(languages: ["en", "nl"])
        var files = Self.layouts
        files["hugo.toml"] = config.toml
        files["content/about-us.md"] = "---\ntitle: About us\ntranslationKey: about\n---\nSee [events](/events/).\n"
        files["content/events.md"] = "---\ntitle: Events\ntranslationKey: events\n---\nText.\n"
        files["content/activiteiten.nl.md"] = "---\ntitle: Activiteiten\ntranslationKey: events\n---\nTekst.\n"
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = new("content/about-us.md", "nl", in: root)
        XCTAssertEqual(run.status, 0, run.errors)
        let text = read("content/about-us.nl.md", in: root)
        XCTAssertTrue(text.contains("translationKey: about\n"), text)
        XCTAssertTrue(text.contains("[events](/nl/activiteiten/)"), text)
        try assertPaired("content/about-us.nl.md", with: "content/about-us.md", language: "nl", in: root)
        let hugo = try hugoTranslations(of: ["/nl/about-us/"], in: root)
        XCTAssertEqual(hugo["/nl/about-us/"], ["en": "/about-us/"])
    }

    // MARK: - Links

    /// Links as a browser resolves them (no embedded link hook): absolute ones to the Dutch page
    /// in the same style, relative ones kept when they reach the Dutch page from the new place
    /// and rewritten when they would leave the page they lead to, links to pages without a Dutch
    /// version kept leading there, links to the page itself leading to the new page, fragments to
    /// the aligned headings, `relref` kept (Hugo resolves it in the page's language).
    func testLinksLeadToTheLanguagesPages() throws {
        let config = TestConfig(languages: ["en", "nl"])
        var files: [String: String] = ["hugo.toml": config.toml]
        files["content/join.md"] = "---\ntitle: Join\n---\n## How to join\n"
        files["content/join.nl.md"] = "---\ntitle: Doe mee\n---\n## Zo doe je mee\n"
        files["content/only-en.md"] = "---\ntitle: Only English\n---\nText.\n"
        files["content/blog/post.md"] = """
            ---
            title: Post
            ---
            ## Intro

            [a](/join) [b](/join/#how-to-join) [c](../../join/) [d](/only-en/) [e](../../only-en/)
            [f](#intro) [g](/blog/post/#intro) [h]({{< relref "/join.md" >}}) [i](https://example.com/x)

            """
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = new("content/blog/post.md", "nl", in: root)
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertEqual(run.errors, "")
        let text = read("content/blog/post.nl.md", in: root)
        let links = text.split(separator: "\n").suffix(2).joined(separator: "\n")
        XCTAssertEqual(
            links,
            """
            [a](/nl/join) [b](/nl/join/#zo-doe-je-mee) [c](../../join/) [d](/only-en/) [e](../../../only-en/)
            [f](#intro) [g](/nl/blog/post/#intro) [h]({{< relref "/join.md" >}}) [i](https://example.com/x)
            """)
        // Where each leads in the model of the site with the new page.
        let site = try SiteLoader.load(root: root)
        let page = try XCTUnwrap(site.pages.first { $0.path == "content/blog/post.nl.md" })
        let targets = page.links.indices.map { slot -> String in
            switch site.target(ofLink: slot, in: page) {
            case .page(let index, let fragment): return site.pages[index].url + (fragment.map { "#" + $0 } ?? "")
            case .external(let url): return url
            default: return "?"
            }
        }
        XCTAssertEqual(
            targets,
            [
                "/nl/join/", "/nl/join/#zo-doe-je-mee", "/nl/join/", "/only-en/", "/only-en/", "/nl/blog/post/#intro",
                "/nl/blog/post/#intro", "/nl/join/", "https://example.com/x",
            ])
        XCTAssertTrue(run.output.contains("link /join/#how-to-join -> /nl/join/#zo-doe-je-mee"), run.output)
        XCTAssertEqual(Set(findings(on: "content/blog/post.nl.md", in: root).map(\.rule)), [])
    }

    // MARK: - Front matter

    /// Translatable text values are marked on their line in YAML (plain, several lines, a block
    /// scalar, a block list, quoted, with a comment) and TOML, and the front matter still holds
    /// the same data; dates and settings are not marked; JSON gets no marks and the output says so.
    func testTranslatableValuesAreMarked() throws {
        let config = TestConfig(languages: ["en", "nl"])
        let yaml = """
            ---
            title: "Quoted title" # a comment
            description: Several words
              over two lines
            summary: |
              A block of text.
            keywords:
              - work
              - tech
            linkTitle: ''
            lastmod: 2025-03-02
            weight: 3
            tagline: Our own words here
            ---
            Text.

            """
        let toml = "+++\ntitle = 'T'\nkeywords = [\n  \"a\",\n  \"b\",\n]\ndraft = false\n+++\nText.\n"
        let json = "{\n  \"title\": \"J\",\n  \"description\": \"Some words\",\n  \"weight\": 2\n}\nText.\n"
        let root = try makeSite([
            "hugo.toml": config.toml, "content/y.md": yaml, "content/t.md": toml, "content/j.md": json,
            ".twc-lint.toml": "translatableKeys = [\"tagline\"]\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }

        let y = new("content/y.md", "nl", in: root)
        XCTAssertEqual(y.status, 0, y.errors)
        XCTAssertTrue(
            y.output.contains("marked '# twc-lint: translate': title, description, summary, keywords, tagline"),
            y.output)
        XCTAssertEqual(
            read("content/y.nl.md", in: root),
            """
            ---
            title: "Quoted title" # a comment # twc-lint: translate
            description: Several words
              over two lines # twc-lint: translate
            summary: | # twc-lint: translate
              A block of text.
            keywords: # twc-lint: translate
              - work
              - tech
            linkTitle: ''
            lastmod: 2025-03-02
            weight: 3
            tagline: Our own words here # twc-lint: translate
            ---
            Text.

            """)
        let t = new("content/t.md", "nl", in: root)
        XCTAssertEqual(t.status, 0, t.errors)
        XCTAssertEqual(
            read("content/t.nl.md", in: root),
            "+++\ntitle = 'T' # twc-lint: translate\nkeywords = [\n  \"a\",\n  \"b\",\n] # twc-lint: translate\n"
                + "draft = false\n+++\nText.\n")
        let j = new("content/j.md", "nl", in: root)
        XCTAssertEqual(j.status, 0, j.errors)
        XCTAssertEqual(read("content/j.nl.md", in: root), json, "JSON holds no comments")
        XCTAssertTrue(
            j.output.contains(
                "to translate, not marked (JSON front matter holds no comments, so they are not marked): title, "
                    + "description"), j.output)
        // The marked front matter holds the same data as the source's.
        func data(_ value: FrontmatterValue) -> String {
            switch value.kind {
            case .array(let items): return "[" + items.map(data).joined(separator: ",") + "]"
            case .table(let entries): return "{" + entries.map { "\($0.key)=\(data($0.value))" }.joined() + "}"
            default: return "\(value.kind)"
            }
        }
        for (source, target) in [("content/y.md", "content/y.nl.md"), ("content/t.md", "content/t.nl.md")] {
            func parsed(_ path: String) throws -> String {
                let bytes = Array(read(path, in: root).utf8)
                let block = try XCTUnwrap(try FrontmatterParser.detect(bytes))
                return data(try FrontmatterParser.parse(bytes, block: block))
            }
            XCTAssertEqual(try parsed(source), try parsed(target))
        }
    }

    /// An absolute `url` would publish both versions at one address: the new page gets the
    /// language's directory; when that cannot be derived, nothing is written.
    func testAbsoluteURLGetsTheLanguagesDirectory() throws {
        let config = TestConfig(languages: ["en", "nl"])
        let root = try makeSite([
            "hugo.toml": config.toml, "content/q.md": "---\ntitle: Q\nurl: /two/\n---\nText.\n",
            "content/r.nl.md": "---\ntitle: R\nurl: /drie/\n---\nTekst.\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = new("content/q.md", "nl", in: root)
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertTrue(read("content/q.nl.md", in: root).contains("url: /nl/two/\n"))
        XCTAssertTrue(run.output.contains("url: /two/ -> /nl/two/ (its own address in nl)"), run.output)
        let site = try SiteLoader.load(root: root)
        XCTAssertEqual(site.pages.first { $0.path == "content/q.nl.md" }?.url, "/nl/two/")
        let before = Paths.allFiles(under: root)
        let refused = new("content/r.nl.md", "en", in: root)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.errors.contains("it would be published at /drie/"), refused.errors)
        XCTAssertEqual(Paths.allFiles(under: root), before)
    }

    // MARK: - The pin

    /// The pin is the full hash of the source file's last commit (not HEAD's); a source with
    /// uncommitted changes is copied as it is, pinned to its last commit, with a warning; outside
    /// git there is no pin and the output says why.
    func testThePinIsTheSourcesLastCommit() throws {
        let config = TestConfig(languages: ["en", "nl"])
        let root = try makeSite([
            "hugo.toml": config.toml, "content/a.md": "---\ntitle: A\n---\nText.\n",
            "content/b.md": "---\ntitle: B\n---\nText.\n", "content/c.md": "---\ntitle: C\n---\nText.\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outside = new("content/c.md", "nl", in: root)
        XCTAssertEqual(outside.status, 0, outside.errors)
        XCTAssertTrue(outside.output.contains("not in a git repository: no translationSourceCommit"), outside.output)
        XCTAssertFalse(read("content/c.nl.md", in: root).contains("translationSourceCommit"))
        try FileManager.default.removeItem(atPath: root + "/content/c.nl.md")

        try commitAll(root, "first")
        let first = try git(["rev-parse", "HEAD"], in: root)
        try Data("---\ntitle: B\n---\nMore text.\n".utf8).write(to: URL(fileURLWithPath: root + "/content/b.md"))
        try commitAll(root, "second")
        let head = try git(["rev-parse", "HEAD"], in: root)
        XCTAssertNotEqual(first, head)

        let run = new("content/a.md", "nl", in: root)
        XCTAssertEqual(run.status, 0, run.errors)
        let a = read("content/a.nl.md", in: root)
        XCTAssertEqual(a, "---\ntitle: A # twc-lint: translate\n\(pinLine(first, in: a))\n---\nText.\n")
        XCTAssertTrue(run.output.contains("translationSourceCommit: \(first)"), run.output)

        // Uncommitted changes: copied, pinned to the last commit, and said.
        try Data("---\ntitle: B\n---\nEdited.\n".utf8).write(to: URL(fileURLWithPath: root + "/content/b.md"))
        let edited = new("content/b.md", "nl", in: root)
        XCTAssertEqual(edited.status, 0, edited.errors)
        let b = read("content/b.nl.md", in: root)
        XCTAssertTrue(b.hasSuffix("\(pinLine(head, in: b))\n---\nEdited.\n"), b)
        XCTAssertTrue(edited.errors.contains("twc-lint: warning: content/b.md has changes that are not committed"))

        // An untracked source: no pin.
        try Data("---\ntitle: D\n---\nText.\n".utf8).write(to: URL(fileURLWithPath: root + "/content/d.md"))
        let untracked = new("content/d.md", "nl", in: root)
        XCTAssertEqual(untracked.status, 0, untracked.errors)
        XCTAssertTrue(untracked.output.contains("content/d.md is not committed"), untracked.output)
        XCTAssertFalse(read("content/d.nl.md", in: root).contains("translationSourceCommit"))
        // frontmatter-mismatch takes the pin for what it is: a key only translations carry.
        XCTAssertEqual(Set(findings(on: "content/a.nl.md", in: root).map(\.rule)), [])
    }

    // MARK: - Refusals

    /// What cannot be done exits 2 with a message naming why, and writes nothing.
    func testRefusalsWriteNothing() throws {
        let config = TestConfig(languages: ["en", "nl"])
        let root = try makeSite([
            "hugo.toml": config.toml, "content/a.md": "---\ntitle: A\n---\nText.\n",
            "content/a.nl.md": "---\ntitle: A\n---\nTekst.\n",
            "content/k.md": "---\ntitle: K\ntranslationKey: k\n---\nText.\n",
            "content/k.nl.md": "---\ntitle: K\ntranslationKey: other\n---\nTekst.\n",
            "content/x.md": "---\ntitle: [\n---\nText.\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let before = Paths.allFiles(under: root)
        let cases: [([String], String)] = [
            (["new", "content/a.md", "--lang", "de"], "'de' is not a language of the site (its languages: en, nl)"),
            (["new", "hugo.toml", "--lang", "nl"], "hugo.toml is not a content page of the site"),
            (["new", "content", "--lang", "nl"], "content is not a content page of the site"),
            (["new", "content/a.nl.md", "--lang", "nl"], "content/a.nl.md is the nl version already"),
            (["new", "content/a.md", "--lang", "nl"], "the page has a nl version already: content/a.nl.md"),
            (["new", "content/k.md", "--lang", "nl"], "content/k.nl.md exists already; twc-lint new never overwrites"),
            (["new", "content/x.md", "--lang", "nl"], "the front matter of content/x.md cannot be read"),
            (["new", "content/missing.md", "--lang", "nl"], "content/missing.md: error: no such file"),
            (["new", "content/a.md"], "new needs --lang LANG"),
            (["new", "--lang", "nl"], "new needs the PAGE to translate"),
            (["new", "content/a.md", "content/k.md", "--lang", "nl"], "new takes one PAGE"),
            (["check", "--lang", "nl"], "--lang is an option of new"),
        ]
        for (arguments, message) in cases {
            let run = ToolRun.run(arguments, directory: root)
            XCTAssertEqual(run.status, 2, "\(arguments)")
            XCTAssertTrue(run.errors.contains(message), "\(arguments): \(run.errors)")
            XCTAssertEqual(run.output, "", "\(arguments)")
        }
        XCTAssertEqual(Paths.allFiles(under: root), before)
        let help = ToolRun.run(["help", "new"], directory: root)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.contains("USAGE: twc-lint new PAGE --lang LANG"), help.output)
        XCTAssertEqual(ToolRun.run(["new", "--help"], directory: root).output, help.output)
    }

    /// A language whose contentDir is outside the site: refused, nothing written there.
    func testNeverWritesOutsideTheSite() throws {
        let config = TestConfig(languages: ["en", "nl"], contentDirs: ["en": "content", "nl": "../outside-nl"])
        let root = try makeSite(["hugo.toml": config.toml, "content/a.md": "---\ntitle: A\n---\nText.\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = new("content/a.md", "nl", in: root)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.errors.contains("outside the site"), run.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/../outside-nl/a.md"))

        // A folder of the site that is a link to a folder outside it.
        let outside = NSTemporaryDirectory() + "twc-lint-new-outside-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let linked = try makeSite([
            "hugo.toml": TestConfig(languages: ["en", "nl"], contentDirs: ["en": "content", "nl": "nl"]).toml,
            "content/a.md": "---\ntitle: A\n---\nText.\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: linked) }
        try FileManager.default.createSymbolicLink(atPath: linked + "/nl", withDestinationPath: outside)
        let refused = new("content/a.md", "nl", in: linked)
        XCTAssertEqual(refused.status, 2, refused.output)
        XCTAssertTrue(refused.errors.contains("outside the site root"), refused.errors)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), [])
    }

    // MARK: - The pure part

    /// The draft is computed from the model and a file system without writing anything: an
    /// in-memory site stays as it was, and the draft's bytes are those `new` would write.
    func testDraftIsComputedWithoutWriting() throws {
        let config = TestConfig(languages: ["en", "nl"])
        let files: [String: String] = [
            "hugo.toml": config.toml, "content/p.md": "---\ntitle: P\n---\n[join](/join/)\n",
            "content/join.md": "---\ntitle: Join\n---\nJoin.\n",
            "content/join.nl.md": "---\ntitle: Doe mee\n---\nJa.\n",
        ]
        let memory = MemoryFileSystem(files)
        let site = try SiteLoader.load(memory)
        let draft = try TranslationDraft.make(
            source: "content/p.md", language: "nl", site: site, fileSystem: memory,
            pin: String(repeating: "a", count: 40))
        XCTAssertEqual(draft.path, "content/p.nl.md")
        XCTAssertEqual(
            String(decoding: draft.bytes, as: UTF8.self),
            "---\ntitle: P # twc-lint: translate\ntranslationSourceCommit: \(String(repeating: "a", count: 40))\n---\n[join](/nl/join/)\n"
        )
        XCTAssertEqual(draft.mappedLinks.map { "\($0.line): \($0.from) -> \($0.to)" }, ["5: /join/ -> /nl/join/"])
        XCTAssertEqual(memory.files.count, files.count)
        XCTAssertNil(memory.files["content/p.nl.md"])
        XCTAssertThrowsError(
            try TranslationDraft.make(source: "content/join.md", language: "nl", site: site, fileSystem: memory)
        ) { error in
            XCTAssertEqual(
                error as? TranslationDraft.Refusal, .versionExists(language: "nl", path: "content/join.nl.md"))
        }
    }
}
