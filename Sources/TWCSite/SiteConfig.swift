import Foundation
import TWCCore
import TWCFrontmatter
import TWCMarkdown

/// A language of the site, from `[languages.<key>]`.
public struct SiteLanguage: Sendable, Equatable {
    public var key: String
    public var weight: Int
    /// Content directory relative to the site root (`content` when the site shares one).
    public var contentDir: String
    public var label: String?
    /// `languages.<key>.locale`, or `languageCode` (its older name, still read): `en-US`, `pt-BR`.
    public var locale: String?
    /// `languages.<key>.timeZone`, when the language sets its own.
    public var timeZone: TimeZone?
    /// `languages.<key>.baseURL`: on a multihost site each language has its own host and path
    /// (hugo-behaviour §2.11); nil when the language uses the site's `baseURL`.
    public var baseURL: String?
    /// The language's own `permalinks` rules (`[languages.nl.permalinks]`); nil: the site's
    /// (hugo-behaviour §2.9).
    public var permalinks: [PermalinkRule]?
    /// The language's own `[frontmatter]` date chains; nil: the site's.
    public var dateChains: DateChains?
    /// The language's own `cascade` (`[languages.nl.cascade]`), applied to its pages only.
    public var cascade: [CascadeRule] = []

    public init(key: String, weight: Int, contentDir: String, label: String?, timeZone: TimeZone? = nil) {
        self.key = key
        self.weight = weight
        self.contentDir = contentDir
        self.label = label
        self.timeZone = timeZone
    }
}

/// `useEmbedded` of a render hook kind (hugo-behaviour §6.3).
public enum EmbeddedHookSetting: String, Sendable, Equatable {
    /// The default: the embedded hook on multilingual single-host sites without a hook of their
    /// own and without `duplicateResourceFiles`.
    case auto
    /// The embedded hook whenever the site and its themes have no hook of their own.
    case fallback
    case always
    case never
}

/// How plain Markdown links are resolved in the built site (hugo-behaviour §6.2 / §6.3).
public enum LinkResolution: String, Sendable {
    /// No embedded link render hook: the browser resolves destinations against the page URL.
    case browser
    /// Hugo's embedded link render hook: destinations are looked up as content paths first.
    case embeddedHook = "embedded-hook"
}

/// A configuration file that cannot be read: exit status 2, naming the file and position.
public struct SiteConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let line, let column { return "\(file):\(line):\(column): error: \(message)" }
        return "\(file): error: \(message)"
    }
}

/// A name written in `.twc-lint.toml` (a rule id, a severity), with where it is written, so that
/// the command line can check it against the rules and point at it.
public struct LocatedName: Sendable, Equatable {
    public var name: String
    public var line: Int
    public var column: Int

    public init(_ name: String, line: Int = 0, column: Int = 0) {
        self.name = name
        self.line = line
        self.column = column
    }
}

/// A `.twc-lint.toml` read from disk: found by walking up from the linted path, or named with
/// `--config`. Paths in its `[ignorePaths]` are relative to its folder.
public struct LintConfigFile: Sendable, Equatable {
    /// The file's name as the user sees it (relative to the current folder, or as given).
    public var displayPath: String
    /// The folder holding it, absolute.
    public var directory: String
    public var bytes: [UInt8]

    public init(displayPath: String, directory: String, bytes: [UInt8]) {
        self.displayPath = displayPath
        self.directory = directory
        self.bytes = bytes
    }

    public static let fileName = ".twc-lint.toml"

    /// The nearest `.twc-lint.toml` in `path` (a file's folder when it is a file) or a folder
    /// above it, up to the file system's root: its absolute path, or nil.
    public static func locate(from path: String) -> String? {
        var isFolder: ObjCBool = false
        var current = URL(fileURLWithPath: path).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: current, isDirectory: &isFolder), !isFolder.boolValue {
            current = (current as NSString).deletingLastPathComponent
        }
        while true {
            let candidate = (current as NSString).appendingPathComponent(fileName)
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue {
                return candidate
            }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || current == "/" || current.isEmpty { return nil }
            current = parent
        }
    }
}

/// twc-lint's own settings, from `.twc-lint.toml` (at the site root or above it, or named with
/// `--config`) or the command line.
public struct LintSettings: Sendable, Equatable {
    /// Language whose version of a page is the reference for its translations.
    public var sourceLanguage: String?
    /// Extra front matter keys whose values may differ between languages.
    public var translatableKeys: [String] = []
    /// The Hugo version the site is built with (`hugoVersion = "0.111.3"`), for behaviour that
    /// changed between versions; nil means a current Hugo (0.144 or later).
    public var hugoVersion: [Int]?
    /// `strictLinkParity = true`: a link of a translation to the other language's version of the
    /// source's external link (`uwv.nl/nl` for `uwv.nl/en`) is an `info` finding of
    /// `link-mismatch` (by default it is none).
    public var strictLinkParity = false
    /// Front matter keys `frontmatter-mismatch` always compares as settings, whatever their values
    /// look like (`settingKeys = ["location"]`).
    public var settingKeys: [String] = []
    /// What each language must have, for a site that translates only part of its content
    /// (`[requiredContent]`, `ja = ["/docs"]`, `"*" = ["/docs", "/about"]`): logical paths, each
    /// the page at that path and everything below it. A language without an entry (and without
    /// `"*"`) must have everything.
    public var requiredContent: [String: [String]] = [:]
    /// `select = ["broken-anchor", …]`: only these rules run (nil: every rule).
    public var select: [LocatedName]?
    /// `ignore = ["untranslated"]`: these rules do not run.
    public var ignore: [LocatedName] = []
    /// `[severity]`, `link-mismatch = "error"`: a rule's findings reported at another severity
    /// (`error`, `warning`, `info`, or `off` for none), by rule id.
    public var severities: [(rule: LocatedName, severity: LocatedName)] = []
    /// `[ignorePaths]`, `"content/archive/**" = ["link-mismatch"]`: rules whose findings are not
    /// reported in the files a glob matches (`"*"`: every rule); globs relative to `configDirectory`.
    public var ignorePaths: [(glob: LocatedName, rules: [LocatedName])] = []
    /// The file these settings come from as the user sees it (`.twc-lint.toml` at the site root
    /// when it was read from there), and its folder, absolute (nil: the site root).
    public var configFile: String?
    public var configDirectory: String?

    public static func == (a: LintSettings, b: LintSettings) -> Bool {
        a.sourceLanguage == b.sourceLanguage && a.translatableKeys == b.translatableKeys
            && a.hugoVersion == b.hugoVersion && a.strictLinkParity == b.strictLinkParity
            && a.settingKeys == b.settingKeys && a.requiredContent == b.requiredContent && a.select == b.select
            && a.ignore == b.ignore && a.severities.map(\.rule) == b.severities.map(\.rule)
            && a.severities.map(\.severity) == b.severities.map(\.severity)
            && a.ignorePaths.map(\.glob) == b.ignorePaths.map(\.glob)
            && a.ignorePaths.map(\.rules) == b.ignorePaths.map(\.rules) && a.configFile == b.configFile
            && a.configDirectory == b.configDirectory
    }

    /// Whether `language` must have the page at `logicalPath` (`requiredContent`).
    public func requires(_ language: String, _ logicalPath: String) -> Bool {
        guard let paths = requiredContent[language] ?? requiredContent["*"] else { return true }
        return paths.contains { path in
            let prefix = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
            return prefix == "/" || logicalPath == prefix || logicalPath.hasPrefix(prefix + "/")
        }
    }

    public init(sourceLanguage: String? = nil, translatableKeys: [String] = [], hugoVersion: [Int]? = nil) {
        self.sourceLanguage = sourceLanguage
        self.translatableKeys = translatableKeys
        self.hugoVersion = hugoVersion
    }

    /// Hugo before 0.144 computes heading IDs from the heading's raw Markdown source, not from its
    /// rendered text (hugo-behaviour §1.1b), and reads only `autoHeadingIDType`.
    public var headingIDsFromSource: Bool {
        guard let hugoVersion else { return false }
        return hugoVersion.lexicographicallyPrecedes([0, 144])
    }

    /// `"0.111.3"` → [0, 111, 3]; nil unless it is dot-separated numbers (a leading `v` allowed).
    public static func parseVersion(_ text: String) -> [Int]? {
        var digits = Substring(text.trimmingSpaces)
        if digits.hasPrefix("v") { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.map { $0! }
    }
}

/// What the linter needs from a Hugo site's configuration.
public struct SiteConfig: Sendable {
    /// Site root, absolute.
    public var root: String
    /// Config file(s) read, relative to the root.
    public var configFiles: [String]
    public var baseURLPath: String = "/"
    /// `baseURL` as Hugo keeps it (ending in `/`); empty when the configuration has none. See
    /// `baseURL(for:)` for a language's on a multihost site.
    public var baseURL = "" {
        didSet { baseHost = Self.host(of: baseURL) }
    }
    /// The host of `baseURL` (`SiteConfig.host(of:)`), kept with it: links are compared with it.
    public private(set) var baseHost: String?
    /// Site parameters (`params`), and each language's own (`languages.<key>.params`), which
    /// Hugo merges over them for that language's `site.Params`.
    public var params: FrontmatterValue?
    public var languageParams: [String: FrontmatterValue] = [:]
    public var defaultContentLanguage: String = "en"
    public var defaultContentLanguageInSubdir = false
    /// Enabled languages, by weight then key.
    public var languages: [SiteLanguage] = []
    /// Keys of disabled languages: their files are dropped.
    public var disabledLanguages: Set<String> = []
    public var anchorStyle: AnchorStyle = .github
    /// `autoHeadingIDType` alone: what Hugo before 0.144 reads (it ignores `autoIDType`).
    public var legacyAnchorStyle: AnchorStyle = .github
    public var autoHeadingID = true
    public var headingAttributes = true
    public var typographer = true
    public var unsafeHTML = false
    /// `buildDrafts`, `buildFuture`, `buildExpired`: publish drafts, pages dated in the future,
    /// expired pages (hugo-behaviour §2.5).
    public var buildDrafts = false
    public var buildFuture = false
    public var buildExpired = false
    /// The instant publish and expiry dates are compared with (Hugo's `--clock`); nil means the
    /// time the site model is built.
    public var buildClock: Date?
    /// `disableDefaultLanguageRedirect`: no redirect stub between `/` and the default language's
    /// home page.
    public var disableDefaultLanguageRedirect = false
    /// The site's `timeZone` (UTC when unset); see `timeZone(for:)` for a language's own.
    public var timeZone = TimeZone(identifier: "UTC")!
    /// Hugo's `[frontmatter]` date chains, which decide `.Date`, `.PublishDate`, `.Lastmod` and
    /// `.ExpiryDate` (and so whether a page is published); `HugoDate.resolve` follows them.
    public var dateChains = DateChains.hugoDefault
    /// `markup.goldmark.renderHooks.<link|image>.useEmbedded` (and `enableDefault` of Hugo
    /// 0.123–0.147), by hook kind: when Hugo's embedded render hooks are used. `Layouts` combines
    /// it with the site's own hooks (`Layouts.linkResolution`).
    public var embeddedHooks: [String: EmbeddedHookSetting] = [:]
    /// The project's `module` settings: its imports (`[[module.imports]]`, then `theme`) and its
    /// mounts, which `Mounts` resolves (hugo-behaviour §8.5).
    var module = ModuleSettings()
    /// The themes and modules the project imports (`module.imports`, then `theme`), in Hugo's
    /// order; `Mounts` finds them and their own imports.
    public var themes: [String] { module.imports.filter { !$0.disable }.map(\.path) }
    /// The site's `contentDir`, site-relative (default `content`); each language may have its
    /// own (`SiteLanguage.contentDir`).
    public var contentDir = "content"
    /// `layoutDir`, `assetDir`, `dataDir`, `i18nDir`, `archetypeDir`: the project's folders of
    /// those components when no mount is declared for them (default: the component's name).
    var componentDirs: [MountComponent: String] = [:]
    /// `themesDir`: where themes are looked for (default `themes`).
    public var themesDir = "themes"
    /// `module.replacements`: a module path to a folder (relative to `themesDir`, or absolute).
    public var moduleReplacements: [String: String] = [:]
    /// `module.workspace`: a Go workspace file whose `use` folders provide modules.
    public var moduleWorkspace: String?
    /// Static directories relative to the root (`staticDir`, default `static`), project first.
    public var staticDirs: [String] = ["static"]
    /// `markup.goldmark.duplicateResourceFiles`: every language publishes its own copy of a shared
    /// page resource (else only the default language's page does).
    public var duplicateResourceFiles = false
    /// `disableKinds`, lower-cased (`taxonomy`, `term`, `section`, `rss`, `sitemap` ...).
    public var disabledKinds: Set<String> = []
    /// Taxonomies by plural name, as Hugo urlizes it (`tags`, `categories` by default).
    public var taxonomies: [String] = ["categories", "tags"]

    /// Hugo's kind of a page at `logicalPath`: a branch page at a taxonomy's root is its
    /// `taxonomy` list, one level below it a `term` (`content/tags/go/_index.md`); else the kind
    /// of the file (hugo-behaviour §2.8).
    public func hugoKind(_ kind: Page.Kind, logicalPath: String) -> String {
        guard kind == .section else { return kind.rawValue }
        let segments = logicalPath.split(separator: "/")
        guard let first = segments.first, taxonomies.contains(String(first)) else { return kind.rawValue }
        switch segments.count {
        case 1: return "taxonomy"
        case 2: return "term"
        default: return kind.rawValue
        }
    }
    /// `refLinksErrorLevel`: a `ref`/`relref` Hugo cannot resolve stops the build (`error`,
    /// the default) or is logged (`warning`).
    public var refLinksErrorLevel = "error"
    /// The output format whose file is Netlify's `_redirects` (`outputFormats.<name>.baseName`):
    /// the web server's redirects are written by one of the site's templates.
    public var redirectsOutputFormat: String?
    /// `isPlainText` of that output format: its templates are Go's text/template, which prints
    /// values as they are (html/template escapes `<`, `&` and quotes in them).
    public var redirectsPlainText = false
    /// Hugo's environment (`production` for `hugo`), which `cascade` and `permalinks` targets can
    /// match.
    public var environment = "production"
    /// `uglyURLs = true`: pages are published as `/posts/a.html`, sections as
    /// `/posts/index.html` (hugo-behaviour §2.12).
    public var uglyURLs = false
    /// `uglyURLs` as a table: the top-level sections (lower case) published that way.
    public var uglyURLSections: [String: Bool] = [:]
    /// The site's `permalinks` rules (a language may have its own: `SiteLanguage.permalinks`).
    public var permalinks: [PermalinkRule] = []
    /// The site's `cascade` (from the configuration), for every language.
    public var cascade: [CascadeRule] = []
    /// A language sets its own `baseURL`: each language is published on its own host, at the
    /// root of its `baseURL` path, without a language directory (hugo-behaviour §2.11).
    public var isMultihost = false
    /// `security.allowContent`: the patterns content media types must pass (`! ` denies);
    /// Hugo 0.168 refuses `text/html` and `text/org` content by default.
    public var allowContent = ["! ^text/html$", "! ^text/org$"]
    /// Settings Hugo reads that the model does not follow, each with a one-line reason
    /// (`"disablePathToLower: URLs keep the case of file names; twc-lint lower-cases them"`).
    /// They never stop twc-lint; findings that depend on them may be wrong.
    public var unmodelled: [String] = []
    public var lint = LintSettings()

    public init(root: String, configFiles: [String] = []) {
        self.root = root
        self.configFiles = configFiles
    }

    public var languageKeys: [String] { languages.map(\.key) }

    public func language(_ key: String) -> SiteLanguage? { languages.first { $0.key == key } }

    /// The time zone dates without an offset are read in, for pages of `language`.
    public func timeZone(for language: String) -> TimeZone { self.language(language)?.timeZone ?? timeZone }

    /// The `[frontmatter]` date chains for pages of `language` (its own or the site's).
    public func dateChains(for language: String) -> DateChains { self.language(language)?.dateChains ?? dateChains }

    /// The `permalinks` rules for pages of `language`.
    public func permalinks(for language: String) -> [PermalinkRule] {
        self.language(language)?.permalinks ?? permalinks
    }

    /// Whether Hugo accepts content of `mediaType` (`text/html`) under `security.allowContent`
    /// (Hugo's `Whitelist.Accept`): no deny pattern matches, and an allow pattern does if there
    /// is any; `none` or an empty list accepts nothing.
    public func allowsContent(_ mediaType: String) -> Bool {
        let patterns = allowContent.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        if patterns.isEmpty || allowContent.contains("none") { return false }
        func matches(_ pattern: String) -> Bool {
            // Go's RE2 syntax read by Foundation's ICU engine: the same for these patterns.
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
            return expression.firstMatch(in: mediaType, range: NSRange(mediaType.startIndex..., in: mediaType)) != nil
        }
        var allows: [String] = []
        for pattern in patterns {
            if pattern.hasPrefix("! ") {
                if matches(String(pattern.dropFirst(2))) { return false }
            } else {
                allows.append(pattern)
            }
        }
        return allows.isEmpty || allows.contains(where: matches)
    }

    /// Whether pages of the top-level section `section` (lower case, empty at the root) are
    /// published with ugly URLs (`uglyURLs`, a bool or a table of sections; the site's setting,
    /// never a language's: hugo-behaviour §2.12).
    public func isUglyURL(section: String) -> Bool { uglyURLs || uglyURLSections[section] == true }

    /// The `baseURL` pages of `language` are published under: the language's own on a multihost
    /// site, else the site's (ending in `/`).
    public func baseURL(for language: String) -> String {
        guard isMultihost, let own = self.language(language)?.baseURL else { return baseURL }
        return own.isEmpty || own.hasSuffix("/") ? own : own + "/"
    }

    /// The path of the `baseURL` pages of `language` are published under: the language's own on a
    /// multihost site, else the site's.
    public func baseURLPath(for language: String) -> String {
        guard isMultihost, let own = self.language(language)?.baseURL else { return baseURLPath }
        return SiteConfigLoader.baseURLPath(own)
    }

    /// Which host a page of `language` is served from: `""` on a single-host site (one host for
    /// every language), the language key on a multihost site, where Hugo writes each language's
    /// files to `public/<language>/` for its own host. Published paths are looked up per host.
    public func host(for language: String) -> String { isMultihost ? language : "" }

    /// The key a published path of a page of `language` is indexed by: the host, then the path
    /// (`/about/` on a single-host site, `fr/about/` on a multihost site).
    func publishedKey(_ path: String, language: String) -> String { host(for: language) + path }

    /// The URL prefix of a language: `/` for the default language at the root, `/nl/` otherwise,
    /// after the path of `baseURL` (`/docs/nl/`); on a multihost site the language's own
    /// `baseURL` path.
    public func urlPrefix(for language: String) -> String {
        baseURLPath(for: language) + languageDirectory(for: language)
    }

    /// For an absolute URL on the site's own host (the `baseURL` host with or without `www.`,
    /// `http` or `https`, or scheme-relative) under the `baseURL` path: the URL without scheme
    /// and host (`/nl/join/#x`), which the site itself serves. Nil for any other URL. On a
    /// multihost site any language's `baseURL` counts (see `ownHostTarget`).
    public func pathOnOwnHost(_ url: String) -> String? { ownHostTarget(url)?.path }

    /// For an absolute URL on one of the site's own hosts: that host (`host(for:)`: empty on a
    /// single-host site, else the language whose `baseURL` the URL is under, the longest path
    /// first) and the URL without scheme and host.
    public func ownHostTarget(_ url: String) -> (host: String, path: String)? {
        guard isMultihost else { return Self.path(url) { (baseHost, baseURLPath) }.map { ("", $0) } }
        let languages = languageKeys.sorted { baseURLPath(for: $0).count > baseURLPath(for: $1).count }
        for language in languages {
            if let path = Self.path(url, on: baseURL(for: language)) { return (host(for: language), path) }
        }
        return nil
    }

    /// `url` without scheme and host when it is on the host of `baseURL` (with or without `www.`,
    /// `http` or `https`, or scheme-relative) and under its path.
    static func path(_ url: String, on baseURL: String) -> String? {
        path(url) { (host(of: baseURL), SiteConfigLoader.baseURLPath(baseURL)) }
    }

    /// The same with the host and path of the `baseURL`, asked for only when `url` has a scheme.
    static func path(_ url: String, base: () -> (host: String?, path: String)) -> String? {
        // Most links have no scheme: decided on the first bytes, before anything is allocated.
        var rest = Substring(url)
        if let scheme = url.webSchemeLength {
            rest = rest.dropFirst(scheme)
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        } else {
            return nil
        }
        let (baseHost, basePath) = base()
        guard let baseHost else { return nil }
        let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var host = rest[..<hostEnd].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        guard host == baseHost else { return nil }
        var path = String(rest[hostEnd...])
        if path.isEmpty || path.hasPrefix("?") || path.hasPrefix("#") { path = "/" + path }
        let withSlash = path.hasPrefix(basePath) || path + "/" == basePath
        return withSlash ? path : nil
    }

    /// The host of a `baseURL`, lower-cased, without `www.` and port 443/80.
    static func host(of baseURL: String) -> String? {
        var rest = Substring(baseURL)
        guard let scheme = rest.rangeOfSchemeSeparator() else { return nil }
        rest = rest[scheme.upperBound...]
        var host = rest.prefix { $0 != "/" }.lowercased()
        if host.hasSuffix(":443") || host.hasSuffix(":80") { host = String(host.prefix { $0 != ":" }) }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host.isEmpty ? nil : host
    }

    /// The language's directory below the `baseURL` path: `""` for the default language at the
    /// root and for every language of a multihost site, `nl/` otherwise.
    public func languageDirectory(for language: String) -> String {
        if isMultihost { return "" }
        if language == defaultContentLanguage && !defaultContentLanguageInSubdir { return "" }
        return language + "/"
    }

    /// Goldmark as the site configures it: heading attribute blocks (`parser.attribute.title`),
    /// found as the site's Hugo version finds them.
    public var markdownOptions: MarkdownParser.Options {
        var options = MarkdownParser.Options.hugo
        options.headingAttributes = headingAttributes
        options.legacyHeadingAttributes = lint.headingIDsFromSource
        return options
    }

    public var sourceLanguage: String {
        if let wanted = lint.sourceLanguage, language(wanted) != nil { return wanted }
        return defaultContentLanguage
    }
}

public enum SiteConfigLoader {
    static let rootConfigNames = [
        "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
        "config.toml", "config.yaml", "config.yml", "config.json",
    ]

    /// Walks up from `path` (a file or directory, absolute) to the first directory holding a Hugo
    /// configuration.
    /// The Hugo sites in the folders below `folder` (absolute), at most `depth` levels down, for a
    /// command run at the root of a repository whose site lives in a subfolder (`site/`, `docs/`).
    /// Hidden folders and those that hold no site of the repository's own (`node_modules`,
    /// `themes`, `_vendor`, `public`, `resources`) are not searched, nor are folders below a site.
    public static func findSiteRoots(below folder: String, depth: Int = 3) -> [String] {
        let skipped: Set<String> = ["node_modules", "themes", "_vendor", "public", "resources"]
        let disk = DiskFileSystem(root: "")
        var found: [String] = []
        var level = [URL(fileURLWithPath: folder).standardizedFileURL.path]
        for _ in 0..<depth {
            var next: [String] = []
            for current in level {
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
                for name in names.sorted() where !name.hasPrefix(".") && !skipped.contains(name) {
                    let path = current + "/" + name
                    guard disk.kind(of: String(path.dropFirst())) == .directory else { continue }
                    let relative = String(path.dropFirst())
                    if rootConfigNames.contains(where: { disk.isFile(relative + "/" + $0) })
                        || disk.isDirectory(relative + "/config/_default")
                    {
                        found.append(path)
                    } else {
                        next.append(path)
                    }
                }
            }
            level = next
        }
        return found
    }

    public static func findSiteRoot(from path: String) -> String? {
        let disk = DiskFileSystem(root: "")
        var current = URL(fileURLWithPath: path).standardizedFileURL.path
        if disk.kind(of: String(current.dropFirst())) == .file {
            current = (current as NSString).deletingLastPathComponent
        }
        while true {
            let relative = String(current.dropFirst())
            let inside = { (name: String) in relative.isEmpty ? name : relative + "/" + name }
            if rootConfigNames.contains(where: { disk.isFile(inside($0)) })
                || disk.isDirectory(inside("config/_default"))
            {
                return current
            }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || current == "/" { return nil }
            current = parent
        }
    }

    /// A configuration file as read: its bytes (for error positions) and the key path its table
    /// sits at in the merged configuration (`[]` for a root file, `["languages"]` for
    /// `config/_default/languages.toml`, `["languages", "nl", "params"]` for `params.nl.toml`).
    struct ConfigFile {
        var path: String
        var bytes: [UInt8]
        var keyPath: [String]
        var table: FrontmatterValue
    }

    /// Hugo's environment: `HUGO_ENVIRONMENT`, else `production` (what `hugo` builds).
    public static var defaultEnvironment: String {
        ProcessInfo.processInfo.environment["HUGO_ENVIRONMENT"] ?? "production"
    }

    /// Reads the configuration of the site in `files` as Hugo does (hugo-behaviour §3): the first
    /// root file of `hugo.toml|yaml|yml|json`, `config.*`, then the files of `config/_default/`
    /// and `config/<environment>/` (subfolders included, by path) on top: later files win; tables
    /// merge key by key, keys are case-insensitive. A value Hugo would refuse (a `weight` that is
    /// not a number, an unknown `timeZone`, a `defaultContentLanguage` that is not one of the
    /// languages...) or a file that cannot be read is a located error.
    /// The path of the absolute folder `target` relative to the absolute folder `base`
    /// (`/srv/site`, `/srv/themes` → `../themes`).
    public static func relativePath(from base: String, to target: String) -> String {
        let from = base.split(separator: "/")
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to.dropFirst(common).map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// Settings Hugo takes from the process environment over every configuration file
    /// (`HUGO_THEMESDIR=../themes hugo`: hugo-theme-learn's and LoveIt's example sites are built
    /// so), among those twc-lint reads.
    public static let environmentKeys = ["themesDir", "theme", "baseURL", "contentDir", "defaultContentLanguage"]

    /// The `HUGO_…` variables of the process that set one of `environmentKeys`.
    public static var environmentOverrides: [String: String] {
        var overrides: [String: String] = [:]
        let variables = ProcessInfo.processInfo.environment
        for key in environmentKeys {
            if let value = variables["HUGO_" + key.uppercased()], !value.isEmpty { overrides[key] = value }
        }
        return overrides
    }

    public static func load(
        _ site: any SiteFileSystem, environment: String = defaultEnvironment,
        overrides: [String: String] = environmentOverrides, lintConfigFile: LintConfigFile? = nil
    )
        throws(SiteConfigError) -> SiteConfig
    {
        let files = try configFiles(site, environment: environment)
        guard !files.isEmpty else {
            throw SiteConfigError(
                file: site.rootDescription,
                message: "no Hugo configuration (hugo.toml, hugo.yaml, hugo.json, config.* or config/_default/) found")
        }
        var merged: [FrontmatterEntry] = []
        for file in files {
            try validate(file.table, at: file.keyPath, in: file)
            merged = merge(merged, nested(file.table.entries, under: file.keyPath))
        }
        if !overrides.isEmpty {
            merged = merge(
                merged,
                overrides.sorted(by: { $0.key < $1.key }).map {
                    FrontmatterEntry(
                        key: $0.key, keyRange: SourceRange(0, 0),
                        value: FrontmatterValue(kind: .string($0.value), range: SourceRange(0, 0)))
                })
        }
        var config = SiteConfig(root: site.rootDescription, configFiles: files.map(\.path))
        config.environment = environment
        let table = FrontmatterValue(kind: .table(merged), range: SourceRange(0, 0))
        apply(table, to: &config)
        applyURLSettings(table, origin: files.last { $0.keyPath.isEmpty }?.path ?? files[0].path, to: &config)
        if !config.languages.contains(where: { $0.key == config.defaultContentLanguage })
            && !config.disabledLanguages.contains(config.defaultContentLanguage)
        {
            let origin = files.last { $0.table.entry("defaultContentLanguage") != nil && $0.keyPath.isEmpty }
            let message =
                "defaultContentLanguage \"\(config.defaultContentLanguage)\" is not one of the languages "
                + "(\(config.languageKeys.joined(separator: ", "))); Hugo refuses this configuration"
            if let origin, let entry = origin.table.entry("defaultContentLanguage") {
                throw configError(origin.path, origin.bytes, entry.value.range, message)
            }
            throw SiteConfigError(file: files[0].path, message: message)
        }
        applyOutputSettings(table, to: &config)
        config.lint = try loadLintSettings(site, file: lintConfigFile)
        return config
    }

    /// The configuration files of the site (or of the module in `folder`) in Hugo's order: the
    /// first root file of `hugo.toml|yaml|yml|json`, `config.*`, then the files of
    /// `config/_default/` and `config/<environment>/` (subfolders included, by path).
    static func configFiles(_ site: any SiteFileSystem, environment: String, folder: String = "")
        throws(SiteConfigError) -> [ConfigFile]
    {
        var files: [ConfigFile] = []
        if let name = rootConfigNames.first(where: { site.isFile(SitePath.join(folder, $0)) }) {
            files.append(try readConfigFile(site, SitePath.join(folder, name), keyPath: []))
        }
        for directory in ["config/_default", "config/" + environment]
        where environment != "_default" || directory == "config/_default" {
            let listing = site.files(under: SitePath.join(folder, directory))
            if let problem = listing.problems.first {
                throw SiteConfigError(
                    file: problem.path, message: "cannot read the configuration folder: \(problem.reason)")
            }
            for relative in listing.files {
                let name = relative.split(separator: "/").last.map(String.init) ?? relative
                let ext = (name as NSString).pathExtension.lowercased()
                guard ["toml", "yaml", "yml", "json"].contains(ext) else { continue }
                // `params.toml` -> params; `params.nl.toml` -> languages.nl.params (menus too); any
                // other `x.nl.toml` -> languages.nl itself; hugo.* / config.* -> root; `menu` is `menus`.
                let parts = (name as NSString).deletingPathExtension.lowercased().split(separator: ".").map(String.init)
                var keyPath: [String]
                let base = parts[0] == "menu" ? "menus" : parts[0]
                switch parts.count {
                case 1: keyPath = base == "hugo" || base == "config" ? [] : [base]
                case 2: keyPath = ["languages", parts[1]] + (base == "params" || base == "menus" ? [base] : [])
                default: continue
                }
                var file = try readConfigFile(site, SitePath.join(folder, directory + "/" + relative), keyPath: keyPath)
                // A file may wrap itself in its own root key (Hugo 0.162+): params.toml holding [params].
                if base != "hugo", base != "config", file.table.entries.count == 1,
                    let wrapped = file.table.entry(parts[0]) ?? file.table.entry(base)
                {
                    file.table = wrapped.value
                }
                files.append(file)
            }
        }
        return files
    }

    /// The `module` settings of the module in `folder` (a theme or imported module): its own
    /// configuration files read and merged as the project's are (hugo-behaviour §8.5); empty when
    /// it has none.
    static func moduleSettings(_ site: any SiteFileSystem, folder: String, environment: String)
        throws(SiteConfigError) -> ModuleSettings
    {
        let files = try configFiles(site, environment: environment, folder: folder)
        var merged: [FrontmatterEntry] = []
        for file in files { merged = merge(merged, nested(file.table.entries, under: file.keyPath)) }
        return ModuleSettings.decode(FrontmatterValue(kind: .table(merged), range: SourceRange(0, 0)))
    }

    /// `entries` placed under `keyPath` (innermost first).
    static func nested(_ entries: [FrontmatterEntry], under keyPath: [String]) -> [FrontmatterEntry] {
        var result = entries
        for key in keyPath.reversed() {
            result = [
                FrontmatterEntry(
                    key: key, keyRange: SourceRange(0, 0),
                    value: FrontmatterValue(kind: .table(result), range: SourceRange(0, 0)))
            ]
        }
        return result
    }

    /// Hugo's merge of configuration files: `overlay` wins; two tables under the same key
    /// (compared case-insensitively) merge key by key.
    static func merge(_ base: [FrontmatterEntry], _ overlay: [FrontmatterEntry]) -> [FrontmatterEntry] {
        var result = base
        for entry in overlay {
            let key = entry.key.lowercased()
            if let index = result.lastIndex(where: { $0.key.lowercased() == key }) {
                if case .table(let old) = result[index].value.kind, case .table(let new) = entry.value.kind {
                    var mergedEntry = entry
                    mergedEntry.value.kind = .table(merge(old, new))
                    result[index] = mergedEntry
                } else {
                    result[index] = entry
                }
            } else {
                result.append(entry)
            }
        }
        return result
    }

    /// Checks the settings twc-lint reads, in one file, with Hugo's strictness: where Hugo stops
    /// with an error, so does twc-lint (exit 2), pointing at the value.
    static func validate(_ table: FrontmatterValue, at keyPath: [String], in file: ConfigFile) throws(SiteConfigError) {
        func fail(_ value: FrontmatterValue, _ message: String) -> SiteConfigError {
            configError(file.path, file.bytes, value.range, message)
        }
        func string(_ value: FrontmatterValue, _ name: String) throws(SiteConfigError) -> String {
            guard case .string(let text) = value.kind else { throw fail(value, "\(name) must be a string") }
            return text
        }
        func bool(_ value: FrontmatterValue, _ name: String) throws(SiteConfigError) {
            guard case .bool = value.kind else { throw fail(value, "\(name) must be true or false") }
        }
        func zone(_ value: FrontmatterValue, _ name: String) throws(SiteConfigError) {
            let text = try string(value, name)
            guard text.isEmpty || TimeZone(identifier: text) != nil else {
                throw fail(
                    value, "\(name) \"\(text)\" is not a time zone; use an IANA name such as \"Europe/Amsterdam\"")
            }
        }
        func language(_ key: String, _ value: FrontmatterValue) throws(SiteConfigError) {
            guard case .table = value.kind else {
                throw fail(value, "languages.\(key) must be a table of settings (weight, contentDir, ...)")
            }
            for entry in value.entries {
                switch entry.key.lowercased() {
                case "weight":
                    guard case .integer = entry.value.kind else {
                        throw fail(entry.value, "languages.\(key).weight must be a whole number")
                    }
                case "contentdir": _ = try string(entry.value, "languages.\(key).contentDir")
                case "disabled": try bool(entry.value, "languages.\(key).disabled")
                case "timezone": try zone(entry.value, "languages.\(key).timeZone")
                default: continue
                }
            }
        }
        func languages(_ value: FrontmatterValue) throws(SiteConfigError) {
            guard case .table(let entries) = value.kind else {
                throw fail(value, "languages must be a table with one table per language")
            }
            // `_merge` says how a theme's configuration merges in; it is no language.
            for entry in entries where entry.key != "_merge" { try language(entry.key.lowercased(), entry.value) }
        }
        let path = keyPath.map { $0.lowercased() }
        switch path.count {
        case 0:
            for entry in table.entries {
                switch entry.key.lowercased() {
                case "baseurl": _ = try string(entry.value, "baseURL")
                case "defaultcontentlanguage": _ = try string(entry.value, "defaultContentLanguage")
                case "defaultcontentlanguageinsubdir": try bool(entry.value, "defaultContentLanguageInSubdir")
                case "timezone": try zone(entry.value, "timeZone")
                case "contentdir": _ = try string(entry.value, "contentDir")
                case "disablelanguages":
                    guard case .array(let items) = entry.value.kind, items.allSatisfy({ $0.stringValue != nil }) else {
                        throw fail(entry.value, "disableLanguages must be a list of language keys such as [\"de\"]")
                    }
                case "languages": try languages(entry.value)
                default: continue
                }
            }
        case 1 where path[0] == "languages": try languages(table)
        case 2 where path[0] == "languages": try language(path[1], table)
        default: break
        }
    }

    static func readConfigFile(_ site: any SiteFileSystem, _ relative: String, keyPath: [String])
        throws(SiteConfigError) -> ConfigFile
    {
        let (bytes, table) = try readConfigFile(site, relative)
        return ConfigFile(path: relative, bytes: bytes, keyPath: keyPath, table: table)
    }

    static func readConfigFile(_ site: any SiteFileSystem, _ relative: String) throws(SiteConfigError) -> (
        [UInt8], FrontmatterValue
    ) {
        let bytes: [UInt8]
        do { bytes = try site.read(relative) } catch {
            throw SiteConfigError(file: relative, message: "cannot read the file: \(error.reason)")
        }
        do {
            let ext = (relative as NSString).pathExtension.lowercased()
            switch ext {
            case "toml": return (bytes, try TOMLParser.parse(bytes, range: 0..<bytes.count))
            case "json": return (bytes, try JSONParser.parse(bytes, range: 0..<bytes.count))
            default: return (bytes, try YAMLParser.parse(bytes, range: 0..<bytes.count))
            }
        } catch {
            let location = SourceFile(path: relative, bytes: bytes).location(of: error.range.start)
            throw SiteConfigError(file: relative, line: location.line, column: location.column, message: error.message)
        }
    }

    /// twc-lint's settings: `file` when one was found or named, else `.twc-lint.toml` at the
    /// site root, else none.
    static func loadLintSettings(_ site: any SiteFileSystem, file: LintConfigFile? = nil) throws(SiteConfigError)
        -> LintSettings
    {
        var name = LintConfigFile.fileName
        let bytes: [UInt8]
        let table: FrontmatterValue
        if let file {
            name = file.displayPath
            bytes = file.bytes
            do { table = try TOMLParser.parse(bytes, range: 0..<bytes.count) } catch {
                let location = SourceFile(path: name, bytes: bytes).location(of: error.range.start)
                throw SiteConfigError(file: name, line: location.line, column: location.column, message: error.message)
            }
        } else {
            guard site.exists(name) else { return LintSettings() }
            (bytes, table) = try readConfigFile(site, name)
        }
        var settings = LintSettings()
        settings.configFile = name
        settings.configDirectory = file?.directory
        let source = SourceFile(path: name, bytes: bytes)
        func located(_ value: FrontmatterValue, _ text: String) -> LocatedName {
            let location = source.location(of: value.range.start)
            return LocatedName(text, line: location.line, column: location.column)
        }
        /// A list of strings (a single string is read as a list of one).
        func names(_ value: FrontmatterValue, _ what: String) throws(SiteConfigError) -> [LocatedName] {
            if let text = value.stringValue { return [located(value, text)] }
            guard case .array(let items) = value.kind, items.allSatisfy({ $0.stringValue != nil }) else {
                throw configError(name, bytes, value.range, "\(what) must be a list of rule ids ([\"broken-anchor\"])")
            }
            return items.map { located($0, $0.stringValue!) }
        }
        for entry in table.entries {
            switch entry.key {
            case "sourceLanguage":
                guard let value = entry.value.stringValue else {
                    throw configError(name, bytes, entry.value.range, "sourceLanguage must be a string such as \"en\"")
                }
                settings.sourceLanguage = value.lowercased()
            case "translatableKeys":
                guard case .array(let items) = entry.value.kind else {
                    throw configError(name, bytes, entry.value.range, "translatableKeys must be an array of strings")
                }
                settings.translatableKeys = items.compactMap(\.stringValue)
            case "hugoVersion":
                guard let text = entry.value.stringValue, let version = LintSettings.parseVersion(text) else {
                    throw configError(
                        name, bytes, entry.value.range, "hugoVersion must be a version string such as \"0.111.3\"")
                }
                settings.hugoVersion = version
            case "settingKeys":
                guard case .array(let items) = entry.value.kind else {
                    throw configError(name, bytes, entry.value.range, "settingKeys must be an array of strings")
                }
                settings.settingKeys = items.compactMap(\.stringValue)
            case "requiredContent":
                guard case .table(let languages) = entry.value.kind else {
                    throw configError(
                        name, bytes, entry.value.range,
                        "requiredContent must be a table of languages, each with a list of paths (ja = [\"/docs\"])")
                }
                for language in languages {
                    guard case .array(let items) = language.value.kind,
                        items.allSatisfy({ $0.stringValue?.hasPrefix("/") == true })
                    else {
                        throw configError(
                            name, bytes, language.value.range,
                            "requiredContent.\(language.key) must be a list of paths from the content root (\"/docs\")")
                    }
                    settings.requiredContent[language.key.lowercased()] = items.compactMap(\.stringValue)
                }
            case "strictLinkParity":
                guard case .bool(let strict) = entry.value.kind else {
                    throw configError(name, bytes, entry.value.range, "strictLinkParity must be true or false")
                }
                settings.strictLinkParity = strict
            case "select":
                settings.select = try names(entry.value, "select")
            case "ignore":
                settings.ignore = try names(entry.value, "ignore")
            case "severity":
                guard case .table(let rules) = entry.value.kind else {
                    throw configError(
                        name, bytes, entry.value.range,
                        "severity must be a table of rule ids and severities ([severity] link-mismatch = \"error\")")
                }
                for rule in rules {
                    guard let level = rule.value.stringValue else {
                        throw configError(
                            name, bytes, rule.value.range,
                            "severity.\(rule.key) must be \"error\", \"warning\", \"info\" or \"off\"")
                    }
                    let location = source.location(of: rule.keyRange.start)
                    settings.severities.append(
                        (
                            LocatedName(rule.key, line: location.line, column: location.column),
                            located(rule.value, level)
                        ))
                }
            case "ignorePaths":
                guard case .table(let globs) = entry.value.kind else {
                    throw configError(
                        name, bytes, entry.value.range,
                        "ignorePaths must be a table of globs and rule ids ([ignorePaths] \"content/archive/**\" = [\"*\"])"
                    )
                }
                for glob in globs {
                    let location = source.location(of: glob.keyRange.start)
                    settings.ignorePaths.append(
                        (
                            LocatedName(glob.key, line: location.line, column: location.column),
                            try names(glob.value, "ignorePaths.\"\(glob.key)\"")
                        ))
                }
            default:
                throw configError(
                    name, bytes, entry.keyRange,
                    "unknown setting '\(entry.key)' (known: sourceLanguage, translatableKeys, settingKeys, "
                        + "requiredContent, hugoVersion, strictLinkParity, select, ignore, severity, ignorePaths)")
            }
        }
        return settings
    }

    static func configError(_ file: String, _ bytes: [UInt8], _ range: SourceRange, _ message: String)
        -> SiteConfigError
    {
        let location = SourceFile(path: file, bytes: bytes).location(of: range.start)
        return SiteConfigError(file: file, line: location.line, column: location.column, message: message)
    }

    static func apply(_ table: FrontmatterValue, to config: inout SiteConfig) {
        if let base = table["baseURL"]?.stringValue {
            config.baseURLPath = baseURLPath(base)
            config.baseURL = base.isEmpty || base.hasSuffix("/") ? base : base + "/"
        }
        config.params = table["params"]
        let defaultLanguage = (table["defaultContentLanguage"]?.stringValue ?? "en").lowercased()
        config.defaultContentLanguage = defaultLanguage
        if case .bool(let value)? = table["defaultContentLanguageInSubdir"]?.kind {
            config.defaultContentLanguageInSubdir = value
        }
        if case .bool(let value)? = table["disableDefaultLanguageRedirect"]?.kind {
            config.disableDefaultLanguageRedirect = value
        }
        if case .bool(let value)? = table["buildDrafts"]?.kind { config.buildDrafts = value }
        if case .bool(let value)? = table["buildFuture"]?.kind { config.buildFuture = value }
        if case .bool(let value)? = table["buildExpired"]?.kind { config.buildExpired = value }
        if let zone = table["timeZone"]?.stringValue, let timeZone = TimeZone(identifier: zone) {
            config.timeZone = timeZone
        }
        let rootContentDir = table["contentDir"]?.stringValue ?? "content"
        config.contentDir = contentDirPath(rootContentDir, root: config.root)
        var disabled = Set<String>()
        if case .array(let items)? = table["disableLanguages"]?.kind {
            for item in items { if let key = item.stringValue { disabled.insert(key.lowercased()) } }
        }
        var languages: [SiteLanguage] = []
        for entry in table["languages"]?.entries ?? [] where entry.key != "_merge" {
            let key = entry.key.lowercased()
            if case .bool(true)? = entry.value["disabled"]?.kind { disabled.insert(key) }
            if let params = entry.value["params"] { config.languageParams[key] = params }
            var weight = 0
            if case .integer(let value)? = entry.value["weight"]?.kind { weight = Int(value) }
            let contentDir = entry.value["contentDir"]?.stringValue ?? rootContentDir
            let label = entry.value["label"]?.stringValue ?? entry.value["languageName"]?.stringValue
            let zone = entry.value["timeZone"]?.stringValue.flatMap { $0.isEmpty ? nil : TimeZone(identifier: $0) }
            var language = SiteLanguage(
                key: key, weight: weight, contentDir: contentDirPath(contentDir, root: config.root), label: label,
                timeZone: zone)
            language.locale = (entry.value["locale"] ?? entry.value["languageCode"])?.stringValue
            languages.append(language)
        }
        if languages.isEmpty {
            languages = [
                SiteLanguage(
                    key: defaultLanguage, weight: 0, contentDir: contentDirPath(rootContentDir, root: config.root),
                    label: nil)
            ]
        }
        config.disabledLanguages = disabled
        config.languages = languages.filter { !disabled.contains($0.key) }.sorted {
            // Hugo sorts by weight, languages without weight last, then by key.
            let left = $0.weight == 0 ? Int.max : $0.weight
            let right = $1.weight == 0 ? Int.max : $1.weight
            return left != right ? left < right : $0.key < $1.key
        }
        config.dateChains = dateChains(table["frontmatter"])
        let goldmark = table["markup"]?["goldmark"]
        if let parser = goldmark?["parser"] {
            if let style = (parser["autoIDType"] ?? parser["autoHeadingIDType"])?.stringValue,
                let anchorStyle = AnchorStyle(rawValue: style.lowercased())
            {
                config.anchorStyle = anchorStyle
            }
            if let style = parser["autoHeadingIDType"]?.stringValue,
                let anchorStyle = AnchorStyle(rawValue: style.lowercased())
            {
                config.legacyAnchorStyle = anchorStyle
            }
            if case .bool(let value)? = parser["autoHeadingID"]?.kind { config.autoHeadingID = value }
            if case .bool(let value)? = parser["attribute"]?["title"]?.kind { config.headingAttributes = value }
        }
        if let typographer = goldmark?["extensions"]?["typographer"] {
            switch typographer.kind {
            case .bool(let value): config.typographer = value
            default:
                if case .bool(let disable)? = typographer["disable"]?.kind { config.typographer = !disable }
            }
        }
        if case .bool(let value)? = goldmark?["renderer"]?["unsafe"]?.kind { config.unsafeHTML = value }
    }

    /// What decides which paths the built site publishes: themes and static dirs, disabled page
    /// kinds, taxonomies, resource duplication, the ref error level, and when Hugo's embedded
    /// render hooks are used.
    static func applyOutputSettings(_ table: FrontmatterValue, to config: inout SiteConfig) {
        // Themes and modules imported by path (`[[module.imports]] path = "github.com/owner/theme"`)
        // with the project's mounts, resolved by `Mounts`.
        config.module = ModuleSettings.decode(table)
        for (key, component) in [
            ("layoutDir", MountComponent.layouts), ("assetDir", .assets), ("dataDir", .data), ("i18nDir", .i18n),
            ("archetypeDir", .archetypes),
        ] {
            if let dir = table[key]?.stringValue, !dir.isEmpty { config.componentDirs[component] = trimSlashes(dir) }
        }
        if let dir = table["themesDir"]?.stringValue {
            // An absolute folder (`HUGO_THEMESDIR=/srv/themes`) is read relative to the site root.
            config.themesDir = trimSlashes(dir.hasPrefix("/") ? relativePath(from: config.root, to: dir) : dir)
        }
        // `module.replacements`: "github.com/a/b -> ../b, ..." (a string or a list of them).
        var replacements: [String] = []
        if let text = table["module"]?["replacements"]?.stringValue {
            replacements = text.split(separator: ",").map(String.init)
        } else if case .array(let items)? = table["module"]?["replacements"]?.kind {
            replacements = items.compactMap(\.stringValue).flatMap { $0.split(separator: ",").map(String.init) }
        }
        for pair in replacements {
            let sides = pair.components(separatedBy: "->")
            guard sides.count == 2 else { continue }
            let from = sides[0].trimmingSpaces
            let to = sides[1].trimmingSpaces
            if !from.isEmpty && !to.isEmpty { config.moduleReplacements[from] = to }
        }
        if let workspace = table["module"]?["workspace"]?.stringValue, workspace != "off", !workspace.isEmpty {
            config.moduleWorkspace = workspace
        }
        if let dir = table["staticDir"]?.stringValue {
            config.staticDirs = [trimSlashes(dir)]
        } else if case .array(let dirs)? = table["staticDir"]?.kind {
            config.staticDirs = dirs.compactMap(\.stringValue).map(trimSlashes)
        }
        if case .bool(let value)? = table["markup"]?["goldmark"]?["duplicateResourceFiles"]?.kind {
            config.duplicateResourceFiles = value
        }
        if case .array(let kinds)? = table["disableKinds"]?.kind {
            config.disabledKinds = Set(kinds.compactMap(\.stringValue).map { $0.lowercased() })
        }
        if let taxonomies = table["taxonomies"], case .table(let entries) = taxonomies.kind {
            config.taxonomies = entries.compactMap(\.value.stringValue).filter { !$0.isEmpty }
                .map { $0.lowercased().replacingOccurrences(of: " ", with: "-") }.sorted()
        }
        if let level = table["refLinksErrorLevel"]?.stringValue { config.refLinksErrorLevel = level.lowercased() }
        for kind in ["link", "image"] {
            let hooks = table["markup"]?["goldmark"]?["renderHooks"]?[kind]
            var setting =
                EmbeddedHookSetting(rawValue: hooks?["useEmbedded"]?.stringValue?.lowercased() ?? "auto") ?? .auto
            // Hugo 0.123–0.147's `enableDefault = false` turns the embedded hook off.
            if case .bool(false)? = hooks?["enableDefault"]?.kind { setting = .never }
            // `auto` is the embedded hook only on single-host sites (hugo-behaviour §6.3).
            if config.isMultihost && setting == .auto { setting = .never }
            config.embeddedHooks[kind] = setting
        }
    }

    /// Hugo's `[frontmatter]` date chains from the table (spf13/cast reads a chain given as a
    /// string as its words, and anything else but a list as no keys).
    static func dateChains(_ table: FrontmatterValue?) -> DateChains {
        var configured: [String: [String]] = [:]
        for entry in table?.entries ?? [] where entry.key != "_merge" {
            configured[entry.key.lowercased()] = castStrings(entry.value)
        }
        return DateChains(configured: configured)
    }

    /// Root keys twc-lint reads only for the whole site: a language's own value is listed as
    /// unmodelled.
    static let siteWideKeys: Set<String> = [
        "disablekinds", "taxonomies", "staticdir", "markup", "reflinkserrorlevel", "outputs", "disablepathtolower",
        "removepathaccents", "builddrafts", "buildfuture", "buildexpired", "theme", "module",
    ]

    /// What decides page URLs beyond paths and slugs (hugo-behaviour §2.9–2.12): `permalinks`,
    /// `uglyURLs`, `cascade`, and per language `baseURL` (multihost), `permalinks`,
    /// `frontmatter` and `cascade`; and the settings twc-lint does not follow (`unmodelled`).
    ///
    /// A language's table (`[languages.nl]`) may hold any root key. Its value replaces the
    /// site's, except that a table whose `_merge` (its own, or inherited from `languages` or
    /// `languages.nl`) is `deep` gets the site's keys it lacks, recursively.
    static func applyURLSettings(_ table: FrontmatterValue, origin: String, to config: inout SiteConfig) {
        var unmodelled: [String] = []
        switch table["uglyURLs"]?.kind {
        case .bool(let value)?: config.uglyURLs = value
        case .string(let text)?: config.uglyURLs = text == "true"
        case .table(let entries)?:
            for entry in entries where entry.key != "_merge" {
                config.uglyURLSections[entry.key.lowercased()] = PublishState.castBool(entry.value)
            }
        default: break
        }
        if let permalinks = table["permalinks"] {
            config.permalinks = PermalinkRule.decode(permalinks, unmodelled: &unmodelled, at: "permalinks")
        }
        if let allow = table["security"]?["allowContent"] { config.allowContent = castStrings(allow) }
        if let cascade = table["cascade"] {
            config.cascade = CascadeRule.decode(
                cascade, origin: origin, defaultLanguages: nil, unmodelled: &unmodelled, at: "cascade")
        }
        let languages = table["languages"]
        let languagesMerge = languages?["_merge"]?.stringValue
        for entry in languages?.entries ?? [] where entry.key != "_merge" {
            // Any language (a disabled one too) with its own baseURL makes the site multihost.
            if entry.value.entry("baseURL") != nil { config.isMultihost = true }
        }
        for index in config.languages.indices {
            let key = config.languages[index].key
            guard let own = languages?.entries.last(where: { $0.key.lowercased() == key })?.value,
                case .table(let entries) = own.kind
            else { continue }
            let inheritedMerge = own["_merge"]?.stringValue ?? languagesMerge
            func value(_ name: String) -> FrontmatterValue? {
                guard let languageValue = own[name] else { return nil }
                return languageOverride(languageValue, over: table[name], inheritedMerge: inheritedMerge)
            }
            let name = "languages.\(key)"
            if let base = own["baseURL"] { config.languages[index].baseURL = castString(base) ?? "" }
            if let permalinks = value("permalinks") {
                config.languages[index].permalinks = PermalinkRule.decode(
                    permalinks, unmodelled: &unmodelled, at: name + ".permalinks")
            }
            if let chains = value("frontmatter") { config.languages[index].dateChains = dateChains(chains) }
            if let cascade = own["cascade"] {
                config.languages[index].cascade = CascadeRule.decode(
                    cascade, origin: origin, defaultLanguages: [key], unmodelled: &unmodelled, at: name + ".cascade")
            }
            for entry in entries where siteWideKeys.contains(entry.key.lowercased()) {
                unmodelled.append("\(name).\(entry.key): a language's own value is not modelled; the site's is used")
            }
        }
        if case .bool(true)? = table["disablePathToLower"]?.kind {
            unmodelled.append(
                "disablePathToLower: Hugo keeps the case of file names in URLs; twc-lint lower-cases them")
        }
        if case .bool(true)? = table["disableAliases"]?.kind {
            unmodelled.append(
                "disableAliases: Hugo writes no redirect pages for aliases; twc-lint takes a link to an alias as "
                    + "reaching its page, as the web server's redirects of such a site usually do")
        }
        if case .bool(true)? = table["removePathAccents"]?.kind {
            unmodelled.append("removePathAccents: Hugo removes accents from URLs; twc-lint keeps them")
        }
        for entry in table["outputs"]?.entries ?? [] where entry.key != "_merge" {
            let formats = castStrings(entry.value).map { $0.lowercased() }
            if !formats.contains("html") {
                unmodelled.append(
                    "outputs.\(entry.key): pages of this kind have no HTML output; twc-lint still counts them as "
                        + "published")
            }
        }
        // An output format written as Netlify's `_redirects` (opentelemetry.io's `redirects`,
        // from layouts/index.redirects): the server's redirects come from a template.
        for entry in table["outputFormats"]?.entries ?? [] {
            if let baseName = entry.value["baseName"].flatMap(castString), baseName.lowercased() == "_redirects" {
                config.redirectsOutputFormat = entry.key
                if case .bool(let plain)? = entry.value["isPlainText"]?.kind { config.redirectsPlainText = plain }
            }
        }
        if table["outputFormats"]?["html"] != nil {
            unmodelled.append("outputFormats.html: a changed HTML output format (path, baseName, ugly) is not modelled")
        }
        for key in ["segments", "roles", "versions"] where table[key] != nil {
            unmodelled.append("\(key): Hugo's \(key) are not modelled")
        }
        config.unmodelled += unmodelled
    }

    /// A language's value of a root key as Hugo merges it (`hmaps.MergeParams` with the
    /// language's merge strategy): tables whose strategy is `deep` get the keys of the site's
    /// value they lack, recursively; any other value replaces the site's.
    static func languageOverride(_ value: FrontmatterValue, over site: FrontmatterValue?, inheritedMerge: String?)
        -> FrontmatterValue
    {
        guard let site, case .table(let own) = value.kind, case .table(let siteEntries) = site.kind else {
            return value
        }
        let strategy = value["_merge"]?.stringValue ?? inheritedMerge
        guard strategy == "deep" else { return value }
        var merged = own
        for entry in siteEntries where entry.key != "_merge" {
            if let index = merged.lastIndex(where: { $0.key.lowercased() == entry.key.lowercased() }) {
                merged[index].value = languageOverride(merged[index].value, over: entry.value, inheritedMerge: strategy)
            } else {
                merged.append(entry)
            }
        }
        var result = value
        result.kind = .table(merged)
        return result
    }

    static func themeNames(_ table: FrontmatterValue) -> [String] {
        if let theme = table["theme"]?.stringValue { return [theme] }
        if case .array(let themes)? = table["theme"]?.kind { return themes.compactMap(\.stringValue) }
        return []
    }

    static func baseURLPath(_ baseURL: String) -> String {
        var rest = Substring(baseURL)
        if let scheme = rest.rangeOfSchemeSeparator() { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        var path = String(rest[slash...])
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// A `contentDir` as a site-relative path: an absolute one (Hugo reads content from anywhere)
    /// becomes relative to `root`, with `..` where it leaves it (`../shared/content`).
    static func contentDirPath(_ written: String, root: String) -> String {
        guard written.hasPrefix("/") else { return trimSlashes(written) }
        let target = HugoPath.clean(written).split(separator: "/")
        let base = HugoPath.clean(root).split(separator: "/")
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return parts.joined(separator: "/")
    }

    static func trimSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.hasPrefix("./") { result = result.dropFirst(2) }
        while result.hasPrefix("/") { result = result.dropFirst() }
        while result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
