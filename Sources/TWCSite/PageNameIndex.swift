import Foundation
import TWCCore

/// Published pages by name, per language, for "did you mean" suggestions: built once per site.
struct PageNameIndex: Sendable {
    struct Entry: Sendable {
        var index: Int
        /// URL path and logical path without slashes at the ends and without a language prefix.
        var url: [Unicode.Scalar]
        var logicalPath: [Unicode.Scalar]
    }

    var byLanguage: [String: [Entry]] = [:]
    /// Page indices by "language:last segment of the logical path".
    var byName: [String: [Int]] = [:]
    /// URL paths and logical paths per language, indexed for "did you mean" (ids: page indices).
    var nearest: [String: NearestNames] = [:]

    init() {}

    init(pages: [Page], config: SiteConfig, isPublished: (Int) -> Bool) {
        for page in pages where isPublished(page.index) {
            let entry = Entry(
                index: page.index, url: Self.key(page.url, config), logicalPath: Self.key(page.logicalPath, config))
            byLanguage[page.language, default: []].append(entry)
            let name = page.logicalPath.split(separator: "/").last.map(String.init) ?? ""
            byName[page.language + ":" + name, default: []].append(page.index)
        }
        nearest = byLanguage.mapValues { entries in
            NearestNames(entries.flatMap { [($0.url, $0.index), ($0.logicalPath, $0.index)] })
        }
    }

    /// Lower-cased, without slashes at the ends and a leading language segment.
    static func key(_ path: String, _ config: SiteConfig) -> [Unicode.Scalar] {
        var segments = HugoPath.lower(path).split(separator: "/")
        if let first = segments.first, config.language(String(first)) != nil { segments.removeFirst() }
        return Array(segments.joined(separator: "/").unicodeScalars)
    }
}

/// `closestPage` searches, remembered per language and wanted path: many pages of a site repeat
/// the same broken link. The search is remembered without the page to exclude, so that every page
/// shares it; `SiteIndex.closestPage` applies the exclusion to the remembered answer.
final class ClosestPageMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String: (distance: Int, ids: [Int])?] = [:]

    func answer(_ key: String, _ compute: () -> (distance: Int, ids: [Int])?) -> (distance: Int, ids: [Int])? {
        lock.lock()
        if let known = answers[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let found = compute()
        lock.lock()
        answers[key] = found
        lock.unlock()
        return found
    }
}

extension SiteIndex {
    /// See `SiteModel.closestPage(to:in:excluding:)`.
    func closestPage(to path: String, in language: String, excluding: Int? = nil) -> Int? {
        let shared = closestPageMemo.answer("\(language):\(path)") {
            closestPages(to: path, in: language, excluding: nil)
        }
        guard let shared else { return nil }
        guard let excluding, shared.ids.contains(excluding) else { return shared.ids.first }
        if let other = shared.ids.first(where: { $0 != excluding }) { return other }
        // The page to exclude is the only nearest one: the next nearest is searched for it alone.
        return closestPages(to: path, in: language, excluding: excluding)?.ids.first
    }

    /// The pages whose URL or logical path is nearest (bounded search, `NearestNames`), with
    /// their distance; between equals the first page is the answer.
    func closestPages(to path: String, in language: String, excluding: Int?) -> (distance: Int, ids: [Int])? {
        let wanted = EditDistance.Matcher(PageNameIndex.key(path, config))
        let limit = max(2, wanted.pattern.count / 3)
        return pageNames.nearest[language]?.nearest(to: wanted, limit: limit, excluding: excluding)
    }

    /// The distance `closestPage` ranks by, for choosing among several candidates.
    func nameDistance(from path: String, to page: Page) -> Int {
        let wanted = PageNameIndex.key(path, config)
        return min(
            EditDistance.levenshtein(wanted, PageNameIndex.key(page.url, config), limit: 256),
            EditDistance.levenshtein(wanted, PageNameIndex.key(page.logicalPath, config), limit: 256))
    }
}
