import TWCCore

/// Outline differences a language's translations share: the same extra heading in many of its
/// translations (cncf/glossary's translations keep a "What it is" heading its English pages
/// dropped), or the same source heading missing from many. One decision of the site, not many
/// defects: `section-mismatch` reports each once, on the first page, with the count.
public struct SectionConventions: Sendable {
    public enum Kind: Sendable, Hashable { case extra, missing }

    struct Key: Hashable {
        var language: String
        var kind: Kind
        var text: String
    }

    /// The translations (page indices, in path order) that share each difference.
    let pages: [Key: [Int]]

    /// The translations of `language` with the same difference: an extra heading (`kind` extra,
    /// the translation's heading text) or a missing source heading (the source's heading text).
    public func pages(_ language: String, _ kind: Kind, heading text: String) -> [Int] {
        pages[Key(language: language, kind: kind, text: Self.comparable(text))] ?? []
    }

    static func comparable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }))
    }

    static func compute(_ site: SiteModel) -> SectionConventions {
        var pages: [Key: [Int]] = [:]
        for page in site.pages.sorted(by: { $0.path < $1.path }) {
            guard let source = site.sourcePage(of: page), source.index != page.index,
                let alignment = site.alignment(of: page)
            else { continue }
            for step in alignment.steps {
                switch step {
                case .extra(let t):
                    let key = Key(language: page.language, kind: .extra, text: comparable(page.headings[t].text))
                    if !key.text.isEmpty { pages[key, default: []].append(page.index) }
                case .missing(let s):
                    let key = Key(language: page.language, kind: .missing, text: comparable(source.headings[s].text))
                    if !key.text.isEmpty { pages[key, default: []].append(page.index) }
                default: continue
                }
            }
        }
        return SectionConventions(pages: pages)
    }
}

extension SiteModel {
    /// Outline differences many translations of a language share (`SectionConventions`).
    public var sectionConventions: SectionConventions { conventions.value { SectionConventions.compute(self) } }
}
