import TWCFrontmatter

/// Hugo's page matcher (`target` of a `permalinks` entry or a `cascade` entry, hugo-behaviour
/// §2.9, §2.10): globs on the page's kind, its logical path and the environment, and the
/// languages it applies to (`sites.matrix.languages`, or the older `lang`). An unset field
/// matches every page.
public struct PageMatcher: Sendable, Equatable {
    /// `kind`, e.g. `{home,section}`.
    public var kind: HugoGlob?
    /// `path`: the page's logical path (`/blog/post`, `/` for the home page), e.g. `/blog/**`.
    public var path: HugoGlob?
    /// `environment`, e.g. `production`.
    public var environment: HugoGlob?
    /// `sites.matrix.languages` (and `lang`): globs on the language key; nil matches every language.
    public var languages: [HugoGlob]?

    public init(
        kind: HugoGlob? = nil, path: HugoGlob? = nil, environment: HugoGlob? = nil, languages: [HugoGlob]? = nil
    ) {
        self.kind = kind
        self.path = path
        self.environment = environment
        self.languages = languages
    }

    /// Hugo's `PageMatcher.Match` (kind, path, environment) with its sites matrix (language).
    public func matches(kind: String, path: String, language: String, environment: String) -> Bool {
        if let languages, !languages.contains(where: { $0.matches(language) }) { return false }
        if let glob = self.kind, !glob.matches(kind) { return false }
        if let glob = self.path, !glob.matches(path.hasPrefix("/") ? path : "/" + path) { return false }
        if let glob = self.environment, !glob.matches(environment) { return false }
        return true
    }

    /// A `target` table as Hugo decodes it (keys case-insensitive); `unmodelled` receives what
    /// it holds that twc-lint does not follow (roles, versions).
    static func decode(_ value: FrontmatterValue, unmodelled: inout [String], at name: String) -> PageMatcher {
        var matcher = PageMatcher()
        func glob(_ key: String) -> HugoGlob? {
            guard let text = value[key].flatMap(castString), !text.isEmpty else { return nil }
            return HugoGlob(text)
        }
        matcher.kind = glob("kind")
        matcher.path = glob("path")
        matcher.environment = glob("environment")
        var languages: [String] = []
        if let lang = value["lang"].flatMap(castString), !lang.isEmpty { languages.append(lang) }
        if let matrix = value["sites"]?["matrix"] {
            languages += castStrings(matrix["languages"])
            for entry in matrix.entries where entry.key.lowercased() != "languages" {
                unmodelled.append(
                    "\(name).sites.matrix.\(entry.key): only languages are modelled, not roles or versions")
            }
        }
        if !languages.isEmpty { matcher.languages = languages.map(HugoGlob.init) }
        return matcher
    }
}

/// spf13/cast `ToString` of a scalar (what Hugo does with a setting it expects as a string).
func castString(_ value: FrontmatterValue) -> String? {
    switch value.kind {
    case .string(let text), .datetime(let text): return text
    case .integer(let number): return String(number)
    case .float(let number): return String(number)
    case .bool(let flag): return String(flag)
    default: return nil
    }
}

/// spf13/cast `ToStringSlice`: a list of scalars, a string split at white space, another scalar
/// as one string; nothing for a table.
func castStrings(_ value: FrontmatterValue?) -> [String] {
    guard let value else { return [] }
    switch value.kind {
    case .array(let items): return items.compactMap(castString)
    case .string(let text):
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    default: return castString(value).map { [$0] } ?? []
    }
}
