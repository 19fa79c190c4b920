import TWCCore
import TWCFrontmatter

/// One entry of a `cascade` (hugo-behaviour §2.10): front matter values for the pages its target
/// matches, from a section's or the home page's front matter, a page's own, or the site
/// configuration.
public struct CascadeRule: Sendable, Equatable {
    public var target: PageMatcher
    /// The values it gives, keys as written: the entries of its `params` table first, then its
    /// other keys (Hugo applies them in that order, the first of a key winning).
    public var values: [FrontmatterEntry]
    /// The file it is written in (a content file or a configuration file).
    public var origin: String

    public init(target: PageMatcher, values: [FrontmatterEntry], origin: String) {
        self.target = target
        self.values = values
        self.origin = origin
    }

    /// Keys Hugo refuses in a cascade.
    static let disallowedKeys: Set<String> = ["kind", "path", "lang", "cascade"]

    /// The entries of a `cascade` value: a table or a list of tables, each with an optional
    /// `target` (or the older `_target`). Without languages in its target an entry applies to
    /// `defaultLanguages` (nil: every language): a page's cascade applies to pages of its own
    /// language. What Hugo refuses is left out and listed in `unmodelled`.
    static func decode(
        _ value: FrontmatterValue, origin: String, defaultLanguages: [String]?, unmodelled: inout [String],
        at name: String
    ) -> [CascadeRule] {
        let items: [FrontmatterValue]
        switch value.kind {
        case .table: items = [value]
        case .array(let list): items = list
        default:
            unmodelled.append("\(name) in \(origin): neither a table nor a list of tables (Hugo refuses it)")
            return []
        }
        var rules: [CascadeRule] = []
        for item in items {
            guard case .table(let entries) = item.kind else { continue }
            var rule = CascadeRule(target: PageMatcher(), values: [], origin: origin)
            var fields: [FrontmatterEntry] = []
            var refused = false
            for entry in entries {
                let key = entry.key.lowercased()
                switch key {
                case "_target", "target":
                    rule.target = PageMatcher.decode(entry.value, unmodelled: &unmodelled, at: "\(name).\(key)")
                case "params":
                    rule.values += entry.value.entries
                case "_merge":
                    continue
                default:
                    if disallowedKeys.contains(key) {
                        unmodelled.append("\(name).\(entry.key) in \(origin): Hugo refuses this key in a cascade")
                        refused = true
                    }
                    fields.append(entry)
                }
            }
            if refused { continue }
            rule.values += fields
            if rule.target.languages == nil, let defaultLanguages {
                rule.target.languages = defaultLanguages.map(HugoGlob.init)
            }
            if !rule.values.isEmpty { rules.append(rule) }
        }
        return rules
    }
}

/// A page's front matter as Hugo reads it (hugo-behaviour §2.10): its own keys, then each key a
/// cascade gives it that it lacks. The model reads `url`, `slug`, `aliases`, `draft`,
/// `headless`, `build`, dates, `title` and taxonomies through this one table, so a cascade counts
/// once and everywhere.
public struct EffectiveFrontmatter: Sendable {
    /// The page's own entries and the inherited ones, as one table.
    public let table: FrontmatterValue
    /// Inherited keys (lower case) and the file whose cascade gave each.
    public let inherited: [String: String]

    public init(own: FrontmatterValue) {
        table = own
        inherited = [:]
    }

    /// `own` with the values of `rules` (in priority order: the page's own cascade, then each
    /// ancestor's from the nearest, then the configuration's) whose target matches the page.
    init(
        own: FrontmatterValue, rules: [CascadeRule], kind: String, path: String, language: String, environment: String
    ) {
        var entries = own.entries
        var present = Set(entries.map { $0.key.lowercased() })
        var inherited: [String: String] = [:]
        for rule in rules
        where rule.target.matches(kind: kind, path: path, language: language, environment: environment) {
            for entry in rule.values {
                let key = entry.key.lowercased()
                guard present.insert(key).inserted else { continue }
                entries.append(entry)
                inherited[key] = rule.origin
            }
        }
        table = inherited.isEmpty ? own : FrontmatterValue(kind: .table(entries), range: own.range)
        self.inherited = inherited
    }

    public subscript(key: String) -> FrontmatterValue? { table[key] }

    public func entry(_ key: String) -> FrontmatterEntry? { table.entry(key) }

    /// The file whose cascade gave `key`, nil when the page sets it itself (or nobody does).
    public func origin(of key: String) -> String? { inherited[key.lowercased()] }
}
