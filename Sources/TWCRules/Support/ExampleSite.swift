import TWCCore
import TWCSite

/// The in-memory site rule examples and unit tests run on, loaded by the same `SiteLoader` steps
/// as a real site: `en` (default, at the root) and `nl` (under `/nl/`), filename-suffix pairing,
/// Hugo's default Markdown settings, no render hooks of its own (so Hugo's embedded link and
/// image hooks resolve links), and a Blowfish-like `button` shortcode that writes its `href`
/// parameter as given and evaluates `.Inner`.
public enum ExampleSite {
    /// `hugo.toml` of the example site; a `hugo.toml` among an example's files replaces it.
    public static let configuration = """
        baseURL = "https://example.org/"
        defaultContentLanguage = "en"
        [languages.en]
          weight = 1
          label = "English"
        [languages.nl]
          weight = 2
          label = "Nederlands"

        """

    /// `layouts/shortcodes/button.html`.
    public static let buttonShortcode = #"<a class="button" href="{{ .Get "href" }}">{{ .Inner }}</a>"# + "\n"

    /// The example site with `files` added (bytes by site-relative path).
    public static func fileSystem(_ files: [(path: String, bytes: [UInt8])]) -> MemoryFileSystem {
        var all: [String: [UInt8]] = [
            "hugo.toml": Array(configuration.utf8),
            "layouts/shortcodes/button.html": Array(buttonShortcode.utf8),
        ]
        for file in files { all[file.path] = file.bytes }
        return MemoryFileSystem(files: all)
    }

    /// The model of the example site with `files` added (text by site-relative path).
    public static func build(_ files: [(path: String, text: String)], options: SiteLoadOptions = SiteLoadOptions())
        throws -> SiteModel
    {
        try SiteLoader.load(fileSystem(files.map { ($0.path, Array($0.text.utf8)) }), options: options)
    }

    /// The model of the example site with `files` added (bytes by site-relative path).
    public static func build(
        bytes files: [(path: String, bytes: [UInt8])], options: SiteLoadOptions = SiteLoadOptions()
    ) throws -> SiteModel {
        try SiteLoader.load(fileSystem(files), options: options)
    }

    /// The model of an example's site.
    public static func build(_ example: RuleExample) throws -> SiteModel {
        try build(bytes: example.files.map { ($0.path, $0.bytes) })
    }
}
