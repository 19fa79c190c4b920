import TWCCore

/// How much of each part of the site each language translates, for the rules that must tell a
/// gap in a translated part from a part a language does not translate (`missing-translation`):
/// opentelemetry.io's Spanish translates its concepts, not its blog or the specifications.
/// A site states what each language must have with `[requiredContent]` in `.twc-lint.toml`;
/// without it, a language's missing page is a gap where that language has at least half of the
/// pages of the page's section.
public struct TranslationCoverage: Sendable {
    /// Per section (logical path: `/`, `/blog`, `/docs/concepts`): its published source pages,
    /// counted with those of its subsections.
    let totals: [String: Int]
    /// Per section and language: how many of those pages have a version in the language.
    let translated: [String: [String: Int]]

    /// The smallest section holding the page at `logicalPath` with at least five source pages
    /// (else the site), and how many of them `language` translates.
    public func coverage(of language: String, at logicalPath: String) -> (section: String, translated: Int, total: Int)
    {
        var section = HugoPath.parent(logicalPath)
        while true {
            let total = totals[section] ?? 0
            if total >= 5 || section == "/" {
                return (section, translated[section]?[language] ?? 0, total)
            }
            section = HugoPath.parent(section)
        }
    }

    /// Whether `language` translates most of the section of the page at `logicalPath`, so that a
    /// page missing there is a gap.
    public func translatesMost(_ language: String, at logicalPath: String) -> Bool {
        let (_, translated, total) = coverage(of: language, at: logicalPath)
        return translated * 2 >= total
    }

    /// Whether a missing `language` version of the page at `logicalPath` is a gap: the language
    /// must have it (`requiredContent`), or, where the site does not say, translates most of its
    /// section.
    public func isGap(_ language: String, at logicalPath: String, config: SiteConfig) -> Bool {
        if config.lint.requiredContent[language] != nil || config.lint.requiredContent["*"] != nil {
            return config.lint.requires(language, logicalPath)
        }
        return translatesMost(language, at: logicalPath)
    }

    /// Per language, the published source pages without a version in it that are not gaps
    /// (`isGap`), and the largest such section: what `missing-translation` leaves unreported.
    public func notGaps(in site: SiteModel) -> [(
        language: String, pages: Int, section: String, translated: Int, total: Int
    )] {
        var counts: [String: Int] = [:]
        var largest: [String: (section: String, translated: Int, total: Int)] = [:]
        for group in site.groups {
            let sourceLanguage = site.config.sourceLanguage
            guard let index = group.pages[sourceLanguage], site.pages[index].isPublished
            else { continue }
            let path = site.pages[index].logicalPath
            for language in site.config.languageKeys where group.pages[language] == nil && language != sourceLanguage {
                guard !isGap(language, at: path, config: site.config) else { continue }
                counts[language, default: 0] += 1
                let section = coverage(of: language, at: path)
                if section.total > largest[language]?.total ?? 0 { largest[language] = section }
            }
        }
        return counts.keys.sorted().map { language in
            let section = largest[language]!
            return (language, counts[language]!, section.section, section.translated, section.total)
        }
    }

    static func compute(_ site: SiteModel) -> TranslationCoverage {
        var totals: [String: Int] = [:]
        var translated: [String: [String: Int]] = [:]
        for group in site.groups {
            let sourceLanguage = site.config.sourceLanguage
            guard let index = group.pages[sourceLanguage], site.pages[index].isPublished
            else { continue }
            var section = site.pages[index].logicalPath
            repeat {
                section = HugoPath.parent(section)
                totals[section, default: 0] += 1
                // A source page mounted for another language too (a fallback) is not translated.
                for (language, other) in group.pages
                where language != sourceLanguage && site.pages[other].path != site.pages[index].path {
                    translated[section, default: [:]][language, default: 0] += 1
                }
            } while section != "/"
        }
        return TranslationCoverage(totals: totals, translated: translated)
    }
}

extension SiteModel {
    /// How much of each section each language translates (`TranslationCoverage`).
    public var translationCoverage: TranslationCoverage { coverage.value { TranslationCoverage.compute(self) } }
}
