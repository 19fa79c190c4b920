import TWCCore
import TWCSite

public enum Linter {
    /// Runs `rules` on the pages of `site` (all pages, or only `pageIndices`), pages in parallel.
    /// Findings come back in report order, each once: a file mounted for several languages is
    /// several pages, which may find the same thing in it. Findings a suppression in their file
    /// covers (`<!-- twc-lint-disable-next-line … -->`, `Suppressions`) are left out.
    public static func run(
        _ site: SiteModel, rules: [any Rule] = RuleRegistry.all,
        pageIndices: [Int]? = nil
    ) -> [Diagnostic] {
        let indices = pageIndices ?? site.pages.map(\.index)
        let perPage = concurrentMap(indices.count) { slot in
            var found: [Diagnostic] = []
            let page = site.pages[indices[slot]]
            for rule in rules { rule.check(page: page, in: site, into: &found) }
            return found
        }
        var seen = Set<Diagnostic>()
        let found = perPage.flatMap { $0 }.filter { seen.insert($0).inserted }
        return Suppressions.apply(found, site: site).sorted(by: Diagnostic.reportOrder)
    }

    /// The pages to report on when the user names files: every version of each named page, so
    /// that a change in one language shows what it breaks in the others.
    public static func pages(in site: SiteModel, relatedTo paths: [String]) -> [Int] {
        let wanted = Set(paths)
        var result = Set<Int>()
        for page in site.pages where wanted.contains(page.path) {
            result.insert(page.index)
            for counterpart in site.counterparts(of: page) { result.insert(counterpart.index) }
        }
        return result.sorted()
    }
}
