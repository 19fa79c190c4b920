import TWCSite

/// The in-memory site rule examples run on: `en` (default, at the root) and `nl` (under `/nl/`),
/// filename-suffix pairing, Hugo's default Markdown settings.
public enum ExampleSite {
    public static func config() -> SiteConfig {
        var config = SiteConfig(root: "/example", configFiles: ["hugo.toml"])
        config.languages = [
            SiteLanguage(key: "en", weight: 1, contentDir: "content", label: "English"),
            SiteLanguage(key: "nl", weight: 2, contentDir: "content", label: "Nederlands"),
        ]
        config.defaultContentLanguage = "en"
        config.linkResolution = .embeddedHook
        config.imageResolution = .embeddedHook
        // Hugo's built-in shortcodes and a Blowfish-like `button` (uses .Inner).
        config.shortcodeTemplates = SiteConfigLoader.builtInShortcodes.merging(["button": true]) { $1 }
        config.shortcodeHrefParameters = ["button": ["href"]]
        return config
    }

    /// Markdown files are pages; other files under `content/` are page resources and files
    /// under `static/` static files (their text is not read).
    /// A `layouts/.../render-link.html` turns the embedded link hook off (links resolve as the
    /// browser resolves them).
    public static func build(_ files: [(path: String, text: String)], config: SiteConfig = config()) -> SiteModel {
        var config = config
        if files.contains(where: { $0.path.hasPrefix("layouts/") && $0.path.hasSuffix("/render-link.html") }) {
            config.linkResolution = .browser
        }
        let pages = files.filter { $0.path.hasPrefix("content/") && $0.path.hasSuffix(".md") }
        let siteFiles = SiteFiles(staticFiles: files.filter { $0.path.hasPrefix("static/") }.map { String($0.path.dropFirst("static/".count)) },
                                  contentFiles: files.filter { $0.path.hasPrefix("content/") && !$0.path.hasSuffix(".md") }.map(\.path))
        return SiteLoader.build(config: config, files: pages.map { ContentFile(path: $0.path, bytes: Array($0.text.utf8)) },
                                siteFiles: siteFiles)
    }
}
