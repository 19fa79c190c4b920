import TWCCore
import TWCSite

/// The sections of a translation and its source that correspond (`SectionAlignment`), for the
/// rules that compare them: section 0 is the text before the first heading, heading i opens
/// section i + 1.
enum AlignedSections {
    static func pairs(_ alignment: SectionAlignment) -> [(source: Int, translation: Int)] {
        var pairs: [(source: Int, translation: Int)] = [(0, 0)]
        for step in alignment.steps {
            switch step {
            case .matched(let s, let t), .levelChanged(let s, let t): pairs.append((s + 1, t + 1))
            default: continue
            }
        }
        return pairs
    }

    /// `the introduction` or `section "Title"`.
    static func name(of section: Int, in page: Page) -> String {
        section == 0 ? "the introduction" : "section \"\(page.headings[section - 1].text)\""
    }

    /// The sections of the source and of the translation that no pair holds.
    static func unaligned(_ pairs: [(source: Int, translation: Int)], source: Page, translation: Page)
        -> (source: [Int], translation: [Int])
    {
        let sources = Set(pairs.map(\.source))
        let translations = Set(pairs.map(\.translation))
        return (
            (0...source.headings.count).filter { !sources.contains($0) },
            (0...translation.headings.count).filter { !translations.contains($0) }
        )
    }

    /// Where a finding about a whole section is placed: its heading, or the start of the body for
    /// the introduction.
    static func range(of section: Int, in page: Page) -> SourceRange {
        section == 0
            ? SourceRange(page.parsed.bodyRange.lowerBound, page.parsed.bodyRange.lowerBound)
            : page.headings[section - 1].range
    }

    /// `1 table`, `2 tables`.
    static func count(_ number: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(number) " + (number == 1 ? noun : plural ?? noun + "s")
    }

    /// `section "X" has 1 table here but 2 in the en version; add the missing one`: another number
    /// of things (`noun`, `plural`) in a section than in the source's aligned section.
    static func countDifference(
        _ name: String, here: Int, there: Int, _ noun: String, _ plural: String? = nil, language: String
    ) -> String {
        "\(name) has \(count(here, noun, plural)) here but \(there) in the \(language) version; "
            + (here < there
                ? (there - here == 1 ? "add the missing one" : "add the missing ones")
                : (here - there == 1
                    ? "remove the extra one or add it there" : "remove the extra ones or add them there"))
    }

    /// Whether `offset` lies in what a shortcode that writes nothing encloses (`Page.hiddenRanges`).
    static func isHidden(_ offset: Int, in page: Page) -> Bool {
        page.hiddenRanges.contains { $0.start <= offset && offset < $0.end }
    }

    /// What aligned sections leave unmatched, by pair of sections (and the items of sections no
    /// pair holds, as pairs with one side empty), without the items that have an equal left
    /// unmatched in another pair: content moved to another section, or sections
    /// aligned by their place alone (an outline the translation has not caught up with), is not
    /// an item in one version only.
    static func withoutMoved<Item>(_ unmatched: [(here: [Item], there: [Item])], same: (Item, Item) -> Bool)
        -> [(here: [Item], there: [Item])]
    {
        var result = unmatched
        for pair in result.indices {
            var kept: [Item] = []
            for item in result[pair].here {
                var found = false
                for other in result.indices where other != pair {
                    if let index = result[other].there.firstIndex(where: { same(item, $0) }) {
                        result[other].there.remove(at: index)
                        found = true
                        break
                    }
                }
                if !found { kept.append(item) }
            }
            result[pair].here = kept
        }
        return result
    }
}
