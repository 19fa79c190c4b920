import Foundation
import TWCCore
import TWCFrontmatter

/// A language of the site, from `[languages.<key>]`.
public struct SiteLanguage: Sendable, Equatable {
    public var key: String
    public var weight: Int
    /// Content directory relative to the site root (`content` when the site shares one).
    public var contentDir: String
    public var label: String?
    /// `[languages.<key>] timeZone`: the zone of this language's dates when it differs from the site's.
    public var timeZone: TimeZone?

    public init(key: String, weight: Int, contentDir: String, label: String?, timeZone: TimeZone? = nil) {
        self.key = key
        self.weight = weight
        self.contentDir = contentDir
        self.label = label
        self.timeZone = timeZone
    }
}

/// How plain Markdown links are resolved in the built site (hugo-semantics §6.2 / §6.3).
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

/// twc-lint's own settings, from `.twc-lint.toml` at the site root or the command line.
public struct LintSettings: Sendable, Equatable {
    /// Language whose version of a page is the reference for its translations.
    public var sourceLanguage: String?
    /// Extra front matter keys whose values may differ between languages.
    public var translatableKeys: [String] = []

    public init(sourceLanguage: String? = nil, translatableKeys: [String] = []) {
        self.sourceLanguage = sourceLanguage
        self.translatableKeys = translatableKeys
    }
}

/// What the linter needs from a Hugo site's configuration.
public struct SiteConfig: Sendable {
    /// Site root, absolute.
    public var root: String
    /// Config file(s) read, relative to the root.
    public var configFiles: [String]
    public var baseURLPath: String = "/"
    public var defaultContentLanguage: String = "en"
    public var defaultContentLanguageInSubdir = false
    /// Enabled languages, by weight then key.
    public var languages: [SiteLanguage] = []
    /// Keys of disabled languages: their files are dropped.
    public var disabledLanguages: Set<String> = []
    public var anchorStyle: AnchorStyle = .github
    public var autoHeadingID = true
    public var headingAttributes = true
    public var typographer = true
    public var unsafeHTML = false
    public var timeZone = TimeZone(identifier: "UTC")!
    public var linkResolution: LinkResolution = .browser
    /// Shortcode templates by name: true when the template uses `.Inner` (so the shortcode must be
    /// closed or self-closed). nil when the templates cannot all be seen (a theme not on disk).
    public var shortcodeTemplates: [String: Bool]?
    public var lint = LintSettings()

    public init(root: String, configFiles: [String] = []) {
        self.root = root
        self.configFiles = configFiles
    }

    public var languageKeys: [String] { languages.map(\.key) }

    public func language(_ key: String) -> SiteLanguage? { languages.first { $0.key == key } }

    /// The zone Hugo reads a page's dates without an offset in: the language's, else the site's.
    public func timeZone(for language: String) -> TimeZone { self.language(language)?.timeZone ?? timeZone }

    /// The URL prefix of a language: `/` for the default language at the root, `/nl/` otherwise.
    public func urlPrefix(for language: String) -> String {
        if language == defaultContentLanguage && !defaultContentLanguageInSubdir { return baseURLPath }
        return baseURLPath + language + "/"
    }

    public var sourceLanguage: String {
        if let wanted = lint.sourceLanguage, language(wanted) != nil { return wanted }
        return defaultContentLanguage
    }
}

public enum SiteConfigLoader {
    static let rootConfigNames = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                                  "config.toml", "config.yaml", "config.yml", "config.json"]

    /// Walks up from `path` (a file or directory) to the first directory holding a Hugo config.
    public static func findSiteRoot(from path: String) -> String? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        var current = URL(fileURLWithPath: path).standardizedFileURL
        if fileManager.fileExists(atPath: current.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            current.deleteLastPathComponent()
        }
        while true {
            for name in rootConfigNames where fileManager.fileExists(atPath: current.appendingPathComponent(name).path) {
                return current.path
            }
            if fileManager.fileExists(atPath: current.appendingPathComponent("config/_default").path) {
                return current.path
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// Reads the site configuration of the site at `root`.
    public static func load(root: String) throws(SiteConfigError) -> SiteConfig {
        let fileManager = FileManager.default
        var merged: [(file: String, bytes: [UInt8], table: FrontmatterValue)] = []
        var rootTable: [FrontmatterEntry] = []
        var configFiles: [String] = []
        if let name = rootConfigNames.first(where: { fileManager.fileExists(atPath: root + "/" + $0) }) {
            let (bytes, table) = try readConfigFile(root: root, relative: name)
            merged.append((name, bytes, table))
            rootTable.append(contentsOf: table.entries)
            configFiles.append(name)
        }
        // config/_default/: file base name = root key; hugo.* / config.* hold root-level keys.
        let configDir = root + "/config/_default"
        if let names = try? fileManager.contentsOfDirectory(atPath: configDir) {
            for name in names.sorted() {
                let ext = (name as NSString).pathExtension.lowercased()
                guard ["toml", "yaml", "yml", "json"].contains(ext) else { continue }
                let relative = "config/_default/" + name
                let (bytes, table) = try readConfigFile(root: root, relative: relative)
                merged.append((relative, bytes, table))
                configFiles.append(relative)
                let base = ((name as NSString).deletingPathExtension).lowercased()
                if base == "hugo" || base == "config" {
                    rootTable.append(contentsOf: table.entries)
                } else {
                    // A file may wrap itself in its own root key (Hugo 0.162+).
                    let value = table[base] ?? table
                    rootTable.append(FrontmatterEntry(key: base, keyRange: SourceRange(0, 0), value: value))
                }
            }
        }
        guard !configFiles.isEmpty else {
            throw SiteConfigError(file: root, message: "no Hugo configuration (hugo.toml, hugo.yaml, hugo.json, config.* or config/_default/) found")
        }
        var config = SiteConfig(root: root, configFiles: configFiles)
        let table = FrontmatterValue(kind: .table(rootTable), range: SourceRange(0, 0))
        apply(table, to: &config)
        config.linkResolution = linkResolution(root: root, table: table, config: config)
        config.shortcodeTemplates = shortcodeTemplates(root: root, table: table)
        config.lint = try loadLintSettings(root: root)
        return config
    }

    static func readConfigFile(root: String, relative: String) throws(SiteConfigError) -> ([UInt8], FrontmatterValue) {
        guard let data = FileManager.default.contents(atPath: root + "/" + relative) else {
            throw SiteConfigError(file: relative, message: "cannot read the file")
        }
        let bytes = [UInt8](data)
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

    static func loadLintSettings(root: String) throws(SiteConfigError) -> LintSettings {
        let name = ".twc-lint.toml"
        guard FileManager.default.fileExists(atPath: root + "/" + name) else { return LintSettings() }
        let (bytes, table) = try readConfigFile(root: root, relative: name)
        var settings = LintSettings()
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
            default:
                throw configError(name, bytes, entry.keyRange,
                                  "unknown setting '\(entry.key)' (known: sourceLanguage, translatableKeys)")
            }
        }
        return settings
    }

    static func configError(_ file: String, _ bytes: [UInt8], _ range: SourceRange, _ message: String) -> SiteConfigError {
        let location = SourceFile(path: file, bytes: bytes).location(of: range.start)
        return SiteConfigError(file: file, line: location.line, column: location.column, message: message)
    }

    static func apply(_ table: FrontmatterValue, to config: inout SiteConfig) {
        if let base = table["baseURL"]?.stringValue {
            config.baseURLPath = baseURLPath(base)
        }
        let defaultLanguage = (table["defaultContentLanguage"]?.stringValue ?? "en").lowercased()
        config.defaultContentLanguage = defaultLanguage
        if case .bool(let value)? = table["defaultContentLanguageInSubdir"]?.kind { config.defaultContentLanguageInSubdir = value }
        if let zone = table["timeZone"]?.stringValue, let timeZone = TimeZone(identifier: zone) { config.timeZone = timeZone }
        let rootContentDir = table["contentDir"]?.stringValue ?? "content"
        var disabled = Set<String>()
        if case .array(let items)? = table["disableLanguages"]?.kind {
            for item in items { if let key = item.stringValue { disabled.insert(key.lowercased()) } }
        }
        var languages: [SiteLanguage] = []
        for entry in table["languages"]?.entries ?? [] {
            let key = entry.key.lowercased()
            if case .bool(true)? = entry.value["disabled"]?.kind { disabled.insert(key) }
            var weight = 0
            if case .integer(let value)? = entry.value["weight"]?.kind { weight = Int(value) }
            let contentDir = entry.value["contentDir"]?.stringValue ?? rootContentDir
            let label = entry.value["label"]?.stringValue ?? entry.value["languageName"]?.stringValue
            let zone = entry.value["timeZone"]?.stringValue.flatMap { TimeZone(identifier: $0) }
            languages.append(SiteLanguage(key: key, weight: weight, contentDir: trimSlashes(contentDir), label: label, timeZone: zone))
        }
        if languages.isEmpty {
            languages = [SiteLanguage(key: defaultLanguage, weight: 0, contentDir: trimSlashes(rootContentDir), label: nil)]
        }
        config.disabledLanguages = disabled
        config.languages = languages.filter { !disabled.contains($0.key) }.sorted {
            // Hugo sorts by weight, languages without weight last, then by key.
            let left = $0.weight == 0 ? Int.max : $0.weight
            let right = $1.weight == 0 ? Int.max : $1.weight
            return left != right ? left < right : $0.key < $1.key
        }
        let goldmark = table["markup"]?["goldmark"]
        if let parser = goldmark?["parser"] {
            if let style = (parser["autoIDType"] ?? parser["autoHeadingIDType"])?.stringValue,
               let anchorStyle = AnchorStyle(rawValue: style.lowercased()) {
                config.anchorStyle = anchorStyle
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

    /// §6.3: the embedded link render hook is used (as a fallback) for multilingual single-host
    /// sites unless the project or its theme has its own `render-link.html`.
    static func linkResolution(root: String, table: FrontmatterValue, config: SiteConfig) -> LinkResolution {
        let hooks = table["markup"]?["goldmark"]?["renderHooks"]?["link"]
        let mode = hooks?["useEmbedded"]?.stringValue?.lowercased()
        if mode == "never" { return .browser }
        if case .bool(false)? = hooks?["enableDefault"]?.kind { return .browser }
        if mode == "always" { return .embeddedHook }
        let languageCount = config.languages.count + config.disabledLanguages.count
        guard languageCount >= 2 else { return .browser }
        let layoutDirs = [root + "/layouts"] + themeNames(table).map { root + "/themes/" + $0 + "/layouts" }
        for dir in layoutDirs {
            for hook in ["/_default/_markup/render-link.html", "/_markup/render-link.html"]
            where FileManager.default.fileExists(atPath: dir + hook) {
                return .browser
            }
        }
        return .embeddedHook
    }

    /// Hugo's embedded shortcodes, and whether each uses `.Inner`.
    public static let builtInShortcodes: [String: Bool] = [
        "details": true, "highlight": true, "qr": true, "comment": true,
        "ref": false, "relref": false, "figure": false, "param": false, "youtube": false, "vimeo": false,
        "x": false, "twitter": false, "instagram": false, "gist": false, "tweet": false,
    ]

    static func themeNames(_ table: FrontmatterValue) -> [String] {
        if let theme = table["theme"]?.stringValue { return [theme] }
        if case .array(let themes)? = table["theme"]?.kind { return themes.compactMap(\.stringValue) }
        return []
    }

    /// Reads `layouts/shortcodes/` and `layouts/_shortcodes/` of the project and its themes.
    static func shortcodeTemplates(root: String, table: FrontmatterValue) -> [String: Bool]? {
        var layoutDirs = [root + "/layouts"]
        for theme in themeNames(table) {
            let dir = root + "/themes/" + theme + "/layouts"
            guard FileManager.default.fileExists(atPath: dir) else { return nil }  // theme from a module: unknown
            layoutDirs.append(dir)
        }
        var templates = builtInShortcodes
        // Project templates win over theme templates, which win over built-ins.
        for dir in layoutDirs.reversed() {
            for sub in ["/shortcodes", "/_shortcodes"] {
                let path = dir + sub
                guard let enumerator = FileManager.default.enumerator(atPath: path) else { continue }
                while let relative = enumerator.nextObject() as? String {
                    guard relative.hasSuffix(".html") || relative.hasSuffix(".md") || relative.hasSuffix(".txt") else { continue }
                    var name = relative
                    if let dot = name.firstIndex(of: ".") { name = String(name[..<dot]) }
                    let text = (try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)) ?? ""
                    templates[name.lowercased()] = text.contains(".Inner")
                }
            }
        }
        return templates
    }

    static func baseURLPath(_ baseURL: String) -> String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        var path = String(rest[slash...])
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    static func trimSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.hasPrefix("./") { result = result.dropFirst(2) }
        while result.hasPrefix("/") { result = result.dropFirst() }
        while result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }
}
