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

    /// The source's sections a shortened translation lacks, when it lacks more than half of them
    /// (three or more): a version kept short on purpose, or far behind. `section-mismatch` says
    /// so once; the rules that compare the content of aligned sections leave such a page alone.
    static func shortened(_ alignment: SectionAlignment, source: Page) -> [Int]? {
        let missing = alignment.steps.compactMap { step -> Int? in
            if case .missing(let s) = step { return s }
            return nil
        }
        return missing.count >= 3 && missing.count * 2 > source.headings.count ? missing : nil
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

    /// How many comparisons with `same` a match may make after matching by key: a page whose
    /// items mostly differ (a gallery replaced) stays linear, its items then compared by key only.
    static let comparisonBudget = 20_000

    /// Matches `here` with `there`, in order: items with equal keys first (hashed: linear), then
    /// items that are `same` (the key's equality is the common case of it) among those left,
    /// within `comparisonBudget`. Returns what is left on each side, in order.
    static func match<Item>(
        _ here: [Item], _ there: [Item], key: ((Item) -> String)?, same: ((Item, Item) -> Bool)? = nil
    ) -> (here: [Item], there: [Item]) {
        guard let key else { return matchSame(here, there, same: same) }
        var waiting: [String: [Int]] = [:]
        for (index, item) in there.enumerated() { waiting[key(item), default: []].append(index) }
        var next: [String: Int] = [:]
        var taken = [Bool](repeating: false, count: there.count)
        var left: [Item] = []
        for item in here {
            let itemKey = key(item)
            let position = next[itemKey, default: 0]
            if let candidates = waiting[itemKey], position < candidates.count {
                taken[candidates[position]] = true
                next[itemKey] = position + 1
            } else {
                left.append(item)
            }
        }
        return matchSame(left, there.indices.filter { !taken[$0] }.map { there[$0] }, same: same)
    }

    /// What `match` does after the keys: items that are `same`, within `comparisonBudget`.
    static func matchSame<Item>(_ left: [Item], _ there: [Item], same: ((Item, Item) -> Bool)?)
        -> (here: [Item], there: [Item])
    {
        var rest = there
        guard let same, !left.isEmpty, !rest.isEmpty else { return (left, rest) }
        var budget = comparisonBudget
        var kept: [Item] = []
        for item in left {
            var found: Int?
            for (index, other) in rest.enumerated() {
                guard budget > 0 else { break }
                budget -= 1
                if same(item, other) {
                    found = index
                    break
                }
            }
            if let found { rest.remove(at: found) } else { kept.append(item) }
        }
        return (kept, rest)
    }

    /// What aligned sections leave unmatched, by pair of sections (and the items of sections no
    /// pair holds, as pairs with one side empty), without the items that have an equal left
    /// unmatched in another pair: content moved to another section, or sections aligned by their
    /// place alone (an outline the translation has not caught up with), is not an item in one
    /// version only. Matched by key (linear), then by `same` within `comparisonBudget`.
    static func withoutMoved<Item>(
        _ unmatched: [(here: [Item], there: [Item])], key: (Item) -> String, same: ((Item, Item) -> Bool)? = nil
    ) -> [(here: [Item], there: [Item])] {
        var result = unmatched
        // Source items by key: (pair, index), in order; removed ones marked.
        var waiting: [String: [(pair: Int, index: Int)]] = [:]
        for pair in result.indices {
            for (index, item) in result[pair].there.enumerated() {
                waiting[key(item), default: []].append((pair, index))
            }
        }
        var removed = result.map { [Bool](repeating: false, count: $0.there.count) }
        var keptHere: [[Item]] = result.map { _ in [] }
        for pair in result.indices {
            for item in result[pair].here {
                let itemKey = key(item)
                // Within a pair, items with equal keys were matched already: a candidate of
                // another pair, not yet taken, is the first such in the list.
                if let index = waiting[itemKey]?.firstIndex(where: { $0.pair != pair && !removed[$0.pair][$0.index] }) {
                    let found = waiting[itemKey]![index]
                    removed[found.pair][found.index] = true
                    waiting[itemKey]!.remove(at: index)
                } else {
                    keptHere[pair].append(item)
                }
            }
        }
        for pair in result.indices {
            result[pair].here = keptHere[pair]
            result[pair].there = result[pair].there.indices.filter { !removed[pair][$0] }.map { result[pair].there[$0] }
        }
        guard let same else { return result }
        var budget = comparisonBudget
        for pair in result.indices {
            var kept: [Item] = []
            for item in result[pair].here {
                var found = false
                search: for other in result.indices where other != pair {
                    for (index, candidate) in result[other].there.enumerated() {
                        guard budget > 0 else { break search }
                        budget -= 1
                        if same(item, candidate) {
                            result[other].there.remove(at: index)
                            found = true
                            break search
                        }
                    }
                }
                if !found { kept.append(item) }
            }
            result[pair].here = kept
        }
        return result
    }
}
