import Foundation
import TWCCore
import TWCSite

/// A Hugo configuration for in-memory test sites, written out as `hugo.toml` so that tests load
/// sites through the same `SiteLoader` steps as real ones.
public struct TestConfig: Sendable {
    /// Languages in weight order, each with its own `contentDir` if given.
    public var languages: [(key: String, contentDir: String?)] = [("en", nil), ("nl", nil), ("de", nil)]
    public var defaultContentLanguage = "en"
    public var defaultContentLanguageInSubdir = false
    public var disableDefaultLanguageRedirect = false
    /// The path of `baseURL` (`/docs/`).
    public var baseURLPath = "/"
    /// The site's `timeZone` (an IANA name).
    public var timeZone: String?
    public var buildDrafts = false
    public var buildFuture = false
    public var buildExpired = false
    /// How links and images resolve: `.browser` turns Hugo's embedded hooks off (`useEmbedded =
    /// "never"`), `.embeddedHook` turns them on (`"always"`).
    public var linkResolution: LinkResolution = .browser
    public var imageResolution: LinkResolution = .browser
    /// Extra root-level TOML lines.
    public var extra = ""
    /// Hugo's `--clock` for the model (default: now).
    public var buildClock: Date?

    public init() {}

    /// A configuration with `languages` (by key; the first is the default language).
    public init(languages: [String], contentDirs: [String: String] = [:]) {
        self.languages = languages.map { ($0, contentDirs[$0]) }
        defaultContentLanguage = languages.first ?? "en"
    }

    public var toml: String {
        var lines = [
            "baseURL = \"https://example.org\(baseURLPath)\"",
            "defaultContentLanguage = \"\(defaultContentLanguage)\"",
            "defaultContentLanguageInSubdir = \(defaultContentLanguageInSubdir)",
            "disableDefaultLanguageRedirect = \(disableDefaultLanguageRedirect)",
            "buildDrafts = \(buildDrafts)", "buildFuture = \(buildFuture)", "buildExpired = \(buildExpired)",
        ]
        if let timeZone { lines.append("timeZone = \"\(timeZone)\"") }
        if !extra.isEmpty { lines.append(extra) }
        for (index, language) in languages.enumerated() {
            lines.append("[languages.\(language.key)]")
            lines.append("weight = \(index + 1)")
            if let dir = language.contentDir { lines.append("contentDir = \"\(dir)\"") }
        }
        for (kind, resolution) in [("link", linkResolution), ("image", imageResolution)] {
            lines.append("[markup.goldmark.renderHooks.\(kind)]")
            lines.append("useEmbedded = \"\(resolution == .browser ? "never" : "always")\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The model of a site with this configuration and `files` (text by site-relative path), at
    /// `clock` if given.
    public func load(_ files: [(String, String)], clock: Date? = nil) throws -> SiteModel {
        var all = ["hugo.toml": toml]
        for (path, text) in files { all[path] = text }
        return try SiteLoader.load(MemoryFileSystem(all), options: SiteLoadOptions(clock: clock ?? buildClock))
    }
}
