import TWCCore
import TWCFrontmatter

/// How each language's translations use their front matter keys beside their sources, for rules
/// that must tell a site's conventions from drift (`frontmatter-mismatch`): a key whose value a
/// language changes in most of its translations is localised there by convention (cncf/glossary
/// translates `category`); a key its translations carry and no source page has is the
/// translations' own (opentelemetry.io's `default_lang_commit`).
public struct FrontmatterKeyUsage: Sendable {
    /// Keys (lower case) a language's translations give another value than their source in at
    /// least half of at least 5 pairs.
    public let localizedKeys: [String: Set<String>]
    /// Keys (lower case) that translations carry without their source, at least 3 of them over
    /// all languages and ten times as many as the source pages that have them (pages about the
    /// key itself may show it); and, in every language, `sourceCommitKeys`.
    public let translationOnlyKeys: [String: Set<String>]

    /// The key `twc-lint new` pins a translation to the commit of its source with.
    public static let sourceCommitKey = TranslationHistory.pinKey
    /// Keys (lower case) that only translations carry, by design: the source commit a translation
    /// was made from (`sourceCommitKey`; opentelemetry.io's `default_lang_commit`).
    public static let sourceCommitKeys = Set(TranslationHistory.pinKeys.map { $0.lowercased() })

    /// Keys (lower case) of source pages that a language's translations leave out in at least
    /// half of at least 5 pairs (cncf/glossary's Hindi terms carry no `tags`).
    public let omittedKeys: [String: Set<String>]

    static func compute(_ site: SiteModel) -> FrontmatterKeyUsage {
        var pairs: [String: [String: (same: Int, different: Int)]] = [:]
        var lacking: [String: [String: Int]] = [:]
        var onlyHere: [String: [String: Int]] = [:]
        var sourceKeys: [String: Int] = [:]
        for page in site.pages {
            guard let source = site.sourcePage(of: page) else { continue }
            if source.index == page.index {
                for entry in page.frontmatter.entries { sourceKeys[entry.key.lowercased(), default: 0] += 1 }
                continue
            }
            let theirs = Dictionary(
                source.frontmatter.entries.map { ($0.key.lowercased(), $0.value) },
                uniquingKeysWith: { first, _ in first })
            for entry in page.frontmatter.entries {
                let key = entry.key.lowercased()
                if let counterpart = theirs[key] {
                    var counts = pairs[page.language, default: [:]][key] ?? (0, 0)
                    if page.source.text(entry.value.range) == source.source.text(counterpart.range) {
                        counts.same += 1
                    } else {
                        counts.different += 1
                    }
                    pairs[page.language, default: [:]][key] = counts
                } else {
                    onlyHere[page.language, default: [:]][key, default: 0] += 1
                }
            }
            let mine = Set(page.frontmatter.entries.map { $0.key.lowercased() })
            for key in theirs.keys where !mine.contains(key) {
                lacking[page.language, default: [:]][key, default: 0] += 1
            }
        }
        var omitted: [String: Set<String>] = [:]
        for (language, keys) in lacking {
            for (key, count) in keys {
                let kept = pairs[language]?[key].map { $0.same + $0.different } ?? 0
                if count + kept >= 5, count * 2 >= count + kept { omitted[language, default: []].insert(key) }
            }
        }
        var localized: [String: Set<String>] = [:]
        for (language, keys) in pairs {
            for (key, counts) in keys where counts.same + counts.different >= 5 {
                if counts.different * 2 >= counts.same + counts.different {
                    localized[language, default: []].insert(key)
                }
            }
        }
        // Counted over all the translations: a small language follows the site's convention too.
        var onlyHereInAll: [String: Int] = [:]
        for keys in onlyHere.values { for (key, count) in keys { onlyHereInAll[key, default: 0] += count } }
        var translationOnly: [String: Set<String>] = [:]
        for (language, keys) in onlyHere {
            for key in keys.keys {
                let count = onlyHereInAll[key]!
                if count >= 3 && count >= 10 * (sourceKeys[key] ?? 0) {
                    translationOnly[language, default: []].insert(key)
                }
            }
        }
        for language in site.config.languageKeys { translationOnly[language, default: []].formUnion(sourceCommitKeys) }
        return FrontmatterKeyUsage(localizedKeys: localized, translationOnlyKeys: translationOnly, omittedKeys: omitted)
    }
}

extension SiteModel {
    /// How translations use their front matter keys (`FrontmatterKeyUsage`).
    public var frontmatterKeyUsage: FrontmatterKeyUsage { keyUsage.value { FrontmatterKeyUsage.compute(self) } }
}
