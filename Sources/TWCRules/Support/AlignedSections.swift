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

}
