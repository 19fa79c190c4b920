/// The front matter keys whose values translators translate, for the rules that compare front
/// matter or read its prose. A site adds its own with `translatableKeys` in `.twc-lint.toml`.
enum TranslatableKeys {
    /// Keys each version has its own of, whatever the other versions say: its address, and spell
    /// checker directives (`cSpell:ignore`), which list the words of that version's language
    /// (lower-cased keys).
    static let perLanguage: Set<String> = ["slug", "url", "aliases", "translationkey"]

    static func isPerLanguage(_ key: String) -> Bool {
        perLanguage.contains(key) || key.hasPrefix("cspell")
    }

    static let builtIn: Set<String> = [
        "title", "linktitle", "description", "summary", "featurealt", "keywords",
        "lastmod", "modified", "subtitle", "headline", "alt", "caption",
    ]

    /// Whether `key` (any case) is translatable, built in or listed in `extra` (lower case).
    static func contains(_ key: String, extra: Set<String>) -> Bool {
        builtIn.contains(key.lowercased()) || extra.contains(key.lowercased())
    }
}
