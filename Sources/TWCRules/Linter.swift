import Dispatch
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
        // Reading git takes seconds on a long history, mostly in git itself: it runs beside the
        // rules that do not need it, and the rules that do run after them.
        let early = rules.filter { !$0.readsHistory }
        let late = rules.filter(\.readsHistory)
        let history = DispatchGroup()
        // Only when a page in scope is a translation (the history is then needed; an empty
        // `--staged` run reads no git).
        let hasTranslation = indices.contains { index in
            site.sourcePage(of: site.pages[index]).map { $0.index != index } ?? false
        }
        if !late.isEmpty && hasTranslation {
            DispatchQueue.global().async(group: history) { _ = site.translationHistory }
        }
        func check(_ rules: [any Rule]) -> [[Diagnostic]] {
            concurrentMap(indices.count) { slot in
                var found: [Diagnostic] = []
                let page = site.pages[indices[slot]]
                for rule in rules { rule.check(page: page, in: site, into: &found) }
                return found
            }
        }
        var perPage = PhaseClock.measure("rules") { check(early) }
        if !late.isEmpty {
            PhaseClock.measure("history wait") { history.wait() }
            perPage += PhaseClock.measure("history rules") { check(late) }
        }
        return PhaseClock.measure("suppressions and order") {
            var seen = Set<Diagnostic>()
            let found = perPage.flatMap { $0 }.filter { seen.insert($0).inserted }
            return Suppressions.apply(found, site: site).sorted(by: Diagnostic.reportOrder)
        }
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

    /// Folders and files of a site whose change can change any page: its configuration,
    /// templates, themes and modules, translations of strings, data.
    static let siteWideFolders = ["config", "layouts", "themes", "i18n", "data", "_vendor"]

    /// The pages to lint after the files `changed` and `removed` (site-relative) changed: the
    /// changed pages, their versions in the other languages, every page that links to one of
    /// them, and, when files were removed or renamed, every page with a link that leads nowhere
    /// (it may have led to one of them). nil (the whole site) when a site-wide file changed (`hugo.toml`, a layout).
    public static func pages(in site: SiteModel, changed: [String], removed: [String]) -> [Int]? {
        let configFiles = Set(site.config.configFiles)
        for path in changed + removed {
            let first = path.split(separator: "/").first.map(String.init) ?? path
            if configFiles.contains(path) || siteWideFolders.contains(first) || path == ".twc-lint.toml" {
                return nil
            }
        }
        let changedPaths = Set(changed)
        let changedPages = Set(site.pages.filter { changedPaths.contains($0.path) }.map(\.index))
        var result = Set(pages(in: site, relatedTo: Array(changedPaths)))
        for page in site.pages where !result.contains(page.index) {
            let links = site.linkTargets[page.index]
            let touches = links.contains { target in
                switch target {
                case .page(let index, _), .unrendered(let index, _): return changedPages.contains(index)
                case .unresolved, .maybeRedirected: return !removed.isEmpty
                default: return false
                }
            }
            if touches { result.insert(page.index) }
        }
        return result.sorted()
    }
}
