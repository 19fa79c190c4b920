import Foundation
import TWCCore
import TWCFrontmatter
import TWCMarkdown

/// A content file handed to the site model: path relative to the site root, and its bytes.
public struct ContentFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// One page of the site, in one language.
public struct Page: Sendable {
    public enum Kind: String, Sendable { case home, section, page }

    public let index: Int
    public let parsed: ParsedPage
    /// The front matter as Hugo reads it: the page's own, and what cascades give it
    /// (hugo-behaviour §2.10). `frontmatter` is the page's own, as written in its file.
    public let effectiveFrontmatter: EffectiveFrontmatter
    public let language: String
    public let kind: Kind
    /// Hugo's logical path: content-dir relative, lower-cased, no extension, language suffix,
    /// `/index` or `/_index` (`/about`, `/` for the home page).
    public let logicalPath: String
    /// The file's path below the content component (Hugo's `.File.Path`): `blog/post.md`, for a
    /// file of `content/blog/`, of `content/nl/blog/` (a per-language `contentDir`) or of a
    /// folder mounted at `content/blog`. `path` is the real file's.
    public let contentPath: String
    /// `translationKey` from the front matter, if set.
    public let translationKey: String?
    /// The key pages are paired by: the translation key, else the logical path.
    public let groupKey: String
    /// The URL path Hugo publishes the page at, not percent-encoded, with the `baseURL` path
    /// (`/nl/café--bar/`, `/docs/en/about/`, `/file.html`). Unpublished pages keep the URL they
    /// would have; only published ones are in `SiteModel.page(url:)`.
    public let url: String
    /// The same path as Hugo writes it into links (`.RelPermalink`): `/nl/caf%C3%A9--bar/`.
    public let relPermalink: String
    /// `.Date`, `.PublishDate`, `.Lastmod` and `.ExpiryDate`, through the site's date chains.
    public let dates: HugoDates
    /// Whether Hugo publishes the page (draft, future, expired, not rendered, replaced).
    public let publishState: PublishState
    /// The redirect paths of the page's `aliases`, resolved as Hugo 0.168 writes them (same form
    /// as `url`: `/en/old/` for a directory, `/en/old.html` for a file).
    public let aliases: [String]
    public let headings: [PageHeading]
    /// Every fragment that exists on the built page: heading IDs and (with unsafe HTML) HTML ids.
    public internal(set) var anchors: Set<String>
    public internal(set) var links: [PageLink]
    /// False when a `{{% %}}` shortcode of the page may write Markdown headings twc-lint does not
    /// see (`Layouts.Shortcode.mayWriteHeadings`), a shortcode writes a script or an id twc-lint
    /// cannot compute: the page may have more ids than `anchors`.
    public var anchorsComplete = true
    /// What shortcodes that write nothing (Hugo's `comment`) enclose: not on the page.
    public var hiddenRanges: [SourceRange] = []

    public var source: SourceFile { parsed.source }
    public var path: String { parsed.source.path }
    public var frontmatter: FrontmatterValue { parsed.frontmatter }
    public var isPublished: Bool { publishState.isPublished }
}

/// The versions of one page across languages.
public struct TranslationGroup: Sendable {
    public let key: String
    /// Page index per language key.
    public let pages: [String: Int]
    /// The language whose version the others are compared with.
    public let sourceLanguage: String?
    /// Section alignment of each translation (page index) with the source page.
    public let alignments: [Int: SectionAlignment]
}

/// Two files that claim the same page in the same language; Hugo keeps one and silently drops
/// the other (hugo-behaviour §2.3).
public struct PageConflict: Sendable, Equatable {
    public enum Reason: String, Sendable {
        /// The kept file names its language in its file name (`both.nl.md` over `both.md`).
        case languageSuffix
        /// The kept file comes through a content mount Hugo reads first: the `contentDir` of a
        /// language ordered first, or an earlier `module.mounts` entry (hugo-behaviour §8.5).
        case contentDirectory
        /// Both lie in one directory and Hugo takes the first in its order: `.md` before
        /// `.markdown`, then file names byte by byte (`G.md` before `g.md`).
        case sameDirectory
        /// The dropped file is an `_index` inside a leaf bundle (a directory with an `index`
        /// file), which makes it a resource of that bundle.
        case leafBundle
        /// Files in different directories with the same priority: Hugo's parallel workers
        /// decide, the result changes between builds; `kept` is the usual outcome.
        case unpredictable
    }

    public let kept: Int
    public let dropped: Int
    public let reason: Reason
}

/// Two pages of one language that carry the same `translationKey` (Hugo lists both as
/// translations of the key's other pages).
public struct TranslationKeyDuplicate: Sendable, Equatable {
    public let key: String
    /// The page the translation group holds for the language.
    public let kept: Int
    public let duplicate: Int
}

/// A page Hugo publishes without a content file: a language's home page, or a top-level
/// section without an `_index` file in that language.
public struct GeneratedPage: Sendable, Equatable {
    public let kind: Page.Kind
    public let language: String
    public let logicalPath: String
    /// Published URL path, as `Page.url`.
    public let url: String
}

/// A page without a content file among the translations of a page (`SiteModel.generatedTranslations`).
public struct GeneratedTranslation: Sendable, Equatable {
    public let language: String
    /// Published URL path, as `Page.url`.
    public let url: String
    /// Hugo's page kind: `home`, `section`, `taxonomy` or `term`.
    public let kind: String
}

/// A redirect stub Hugo writes (meta refresh), from `from` to the page at `to` (both URL paths
/// as `Page.url`).
public struct Redirect: Sendable, Equatable {
    public let from: String
    public let to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// Where a link goes in the built site.
public enum LinkTarget: Sendable, Equatable {
    /// A URL with a scheme (`https:`, `mailto:` ...) or protocol-relative.
    case external(String)
    /// A page of the site, with the fragment if any. The page may be one the build leaves out
    /// (a draft): see `SiteModel.isPublished`.
    case page(Int, fragment: String?)
    /// Something else the built site publishes at `path`: a static file, a page resource, a list
    /// page or feed Hugo generates (see `PublishedTarget`).
    case file(path: String, fragment: String?)
    /// A site path where nothing is published, or a `ref`/`relref` Hugo cannot resolve (`path`
    /// is then the ref's path argument; `SiteModel.resolveRef` says why).
    case unresolved(path: String, fragment: String?)
    /// Hugo's lookup (the embedded link hook, `ref`/`relref`) found page `index`, which Hugo keeps
    /// but gives no URL (`headless: true`, `build.render: never`): it writes an empty `href` (plus
    /// the fragment), so the link leads back to the linking page.
    case unrendered(Int, fragment: String?)
    /// A destination made by a shortcode other than `ref`/`relref`: only Hugo knows where it goes.
    case unknown
    /// A site path where the build publishes nothing, which the web server's redirects may send
    /// on: the site writes them with a template twc-lint does not evaluate
    /// (`SiteConfig.redirectsOutputFormat`), or a rule of its `_redirects` file has conditions.
    case maybeRedirected(path: String, fragment: String?)
}

/// Everything the rules read: configuration, layouts, pages, translation groups, URLs, anchors,
/// and where every link goes. Built once by `SiteLoader` and never changed afterwards.
public struct SiteModel: Sendable {
    public let config: SiteConfig
    /// Where the site's content, layouts, static files and assets come from (hugo-behaviour §8.5).
    public let mounts: Mounts
    /// The site's templates: render hooks, shortcodes, partials.
    public let layouts: Layouts
    public let pages: [Page]
    public let groups: [TranslationGroup]
    /// Group index of each page.
    public let groupOfPage: [Int]
    /// Files that claim the same page in the same language as another file, with the one Hugo
    /// 0.168 keeps.
    public let conflicts: [PageConflict]
    /// Pages of one language sharing a `translationKey`.
    public let translationKeyDuplicates: [TranslationKeyDuplicate]
    /// What could not be read (errors) and what the model could not follow (notes), for the user
    /// to see beside the findings.
    public let notices: [Notice]
    /// What the built site publishes, and the lookups links are resolved with.
    let index: SiteIndex
    /// Where each link goes: `linkTargets[page.index][i]` for `page.links[i]`, resolved once.
    public let linkTargets: [[LinkTarget]]
    let keyUsage = ComputedOnce<FrontmatterKeyUsage>()
    let coverage = ComputedOnce<TranslationCoverage>()
    let conventions = ComputedOnce<SectionConventions>()
    let history = ComputedOnce<TranslationHistory>()

    init(
        config: SiteConfig, mounts: Mounts, layouts: Layouts, groups: [TranslationGroup], groupOfPage: [Int],
        conflicts: [PageConflict],
        translationKeyDuplicates: [TranslationKeyDuplicate], notices: [Notice], index: SiteIndex,
        linkTargets: [[LinkTarget]]
    ) {
        self.config = config
        self.mounts = mounts
        self.layouts = layouts
        self.pages = index.pages
        self.groups = groups
        self.groupOfPage = groupOfPage
        self.conflicts = conflicts
        self.translationKeyDuplicates = translationKeyDuplicates
        self.notices = notices
        self.index = index
        self.linkTargets = linkTargets
    }

    /// Alias redirect paths of published pages (as `Page.url`) and the page each leads to. On a
    /// multihost site each path starts with the language of its host (`fr/old/`).
    public var aliasTargets: [String: Int] { index.aliasTargets }
    /// The stub between `/` and the default language's home page (`/en/` → `/` or the reverse
    /// with `defaultContentLanguageInSubdir`); nil when Hugo writes none.
    public var homeRedirect: Redirect? { index.homeRedirects.first }
    /// Every redirect stub Hugo writes to the default language's home page (`homeRedirect` and,
    /// with `uglyURLs`, the directories above the home page's `index.html`).
    public var homeRedirects: [Redirect] { index.homeRedirects }
    /// Home and section pages Hugo publishes without a content file.
    public var generatedPages: [GeneratedPage] { index.generatedPages }

    /// The web server's redirect rules as twc-lint reads them (a static `_redirects` file, or
    /// what the site's `_redirects` template writes), in order: `FROM`, `TO`, the status, whether
    /// it is forced (`301!`) and whether it has conditions; whether their order is the server's;
    /// nil when there are none. `redirectsUnknown` says why a template's rules are not known.
    public var serverRedirects:
        (rules: [(from: String, to: String, status: Int, force: Bool, conditional: Bool)], ordered: Bool)?
    {
        guard let redirects = index.published.serverRedirects else { return nil }
        return (redirects.rules.map { ($0.pattern, $0.to, $0.status, $0.force, $0.conditional) }, redirects.ordered)
    }
    public var redirectsUnknown: String? { index.published.redirectsTemplateUnknown }

    /// Where `page.links[link]` goes in the built site.
    public func target(ofLink link: Int, in page: Page) -> LinkTarget { linkTargets[page.index][link] }

    /// Links whose target the model could not establish (`LinkTarget.unknown`), counted by why:
    /// they are not checked by the link rules; links to paths the web server's redirects may
    /// send on (`LinkTarget.maybeRedirected`): not reported as broken; and fragments of pages
    /// whose anchors are not all known (`Page.anchorsComplete`). Each reason ends with the rules
    /// it turns off. Sorted by reason.
    public var uncheckedLinks: [(reason: String, count: Int)] {
        let allLinkRules = ": broken-link, broken-anchor, cross-language-link and link-mismatch do not check them"
        var counts: [String: Int] = [:]
        for page in pages {
            for (slot, link) in page.links.enumerated() {
                var reason: String
                if case .page(let target, let fragment?) = linkTargets[page.index][slot],
                    !pages[target].anchorsComplete, !pages[target].anchors.contains(fragment)
                {
                    reason =
                        "links to fragments of pages whose anchors twc-lint cannot all see (a {{% %}} shortcode "
                        + "that may write headings, or a shortcode that writes a script, which may add ids in the "
                        + "browser): broken-anchor does not check them"
                    counts[reason, default: 0] += 1
                    continue
                }
                if case .maybeRedirected = linkTargets[page.index][slot] {
                    if let format = config.redirectsOutputFormat, let why = index.published.redirectsTemplateUnknown {
                        reason =
                            "links to paths where the build publishes nothing, which the web server's redirects may "
                            + "send on (the site writes its _redirects file with the template of its '\(format)' "
                            + "output format, which twc-lint could not evaluate: \(why)): broken-link and "
                            + "broken-anchor do not report them"
                    } else {
                        reason =
                            "links to paths where the build publishes nothing, which a rule of _redirects with "
                            + "conditions, or rules of it that disagree, may send on: broken-link and broken-anchor "
                            + "do not report them"
                    }
                    counts[reason, default: 0] += 1
                    continue
                }
                guard linkTargets[page.index][slot] == .unknown else { continue }
                if link.viaShortcode && link.ref == nil {
                    reason = "links whose destination is written with a shortcode other than ref/relref"
                } else if link.kind == .shortcodeHref {
                    reason =
                        "shortcode hrefs whose value the shortcode's template computes in a way twc-lint "
                        + "does not follow (\(link.shortcodeName ?? "shortcode"))"
                } else if link.kind == .image, let hook = layouts.renderHooks["image"] {
                    reason = "images rendered by \(hook), whose src twc-lint could not compute"
                } else if let hook = layouts.renderHooks["link"] {
                    reason = "links rendered by \(hook), whose href twc-lint could not compute"
                } else {
                    reason = "links whose target twc-lint could not establish"
                }
                if !reason.contains(" rendered by ") { reason += allLinkRules }
                counts[reason, default: 0] += 1
            }
        }
        return counts.sorted { $0.key < $1.key }.map { (reason: $0.key, count: $0.value) }
    }

    /// The `href` a shortcode call (a `.shortcodeHref` link) writes, as its template computes it;
    /// nil when that cannot be computed.
    public func shortcodeHref(_ link: PageLink, in page: Page) -> String? {
        RenderHooks.shortcodeHref(link, page: page, site: index)
    }

    public func group(of page: Page) -> TranslationGroup { groups[groupOfPage[page.index]] }

    /// The versions of `page` in the other languages of its group.
    public func counterparts(of page: Page) -> [Page] {
        group(of: page).pages.filter { $0.key != page.language }.sorted { $0.key < $1.key }.map { pages[$0.value] }
    }

    public func sourcePage(of page: Page) -> Page? {
        let group = group(of: page)
        guard let language = group.sourceLanguage, let index = group.pages[language] else { return nil }
        return pages[index]
    }

    public func alignment(of translation: Page) -> SectionAlignment? {
        group(of: translation).alignments[translation.index]
    }

    /// Whether the build publishes page `index` (its `publishState`).
    public func isPublished(_ index: Int) -> Bool { pages[index].isPublished }

    /// The published page at `url` (a `Page.url`, not percent-encoded) on `host`
    /// (`SiteConfig.host(for:)`, empty on a single-host site).
    public func page(url: String, host: String = "") -> Page? { index.pageByURL[host + url].map { pages[$0] } }

    /// A page Hugo does not publish whose URL would be `url`, to explain a link to it.
    public func unpublishedPage(url: String, host: String = "") -> Page? {
        index.unpublishedByURL[host + url].map { pages[$0] }
    }

    /// What the built site serves at `path` on `host` (see `SiteIndex.publishedTarget(path:host:)`).
    public func publishedTarget(path: String, host: String = "") -> PublishedTarget? {
        index.publishedTarget(path: path, host: host)
    }

    /// Whether every static file is known: false when a theme is not on disk (a Hugo module) or
    /// a folder could not be read, so a path with no page there may still be a file.
    public var knowsAllStaticFiles: Bool { index.published.staticFilesKnown }

    /// The pages Hugo lists as the `.Translations` of `page` (in language order): with a
    /// `translationKey`, every other page of Hugo's collections carrying the same key, in any
    /// language (two pages of one language with one key list each other; a page that is not
    /// rendered too); without one, the pages of the other languages at the same logical path,
    /// whatever their key, that Hugo can link (not `build.render: never`, not headless). Drafts
    /// and pages outside their dates are not in the build at all. Unlike `group(of:)` this
    /// relation can be asymmetric (hugo-behaviour §2.2).
    public func translations(of page: Page) -> [Page] {
        var result: [Page]
        if let key = page.translationKey {
            result = pages.filter {
                $0.translationKey == key && $0.index != page.index && $0.publishState.isInCollections
            }
        } else {
            result = config.languageKeys.compactMap { language in
                guard language != page.language,
                    let index = index.collectionPage(logicalPath: page.logicalPath, language: language),
                    pages[index].publishState.hasURL
                else { return nil }
                return pages[index]
            }
        }
        let order = config.languageKeys
        result.sort {
            (order.firstIndex(of: $0.language) ?? 0, $0.path) < (order.firstIndex(of: $1.language) ?? 0, $1.path)
        }
        return result
    }

    /// The pages without a content file that Hugo counts among the translations of `page`: the
    /// home, section, taxonomy or term list at the page's logical path in a language that has no
    /// file for it (hugo-behaviour §3.4). Pages with a `translationKey` have none.
    public func generatedTranslations(of page: Page) -> [GeneratedTranslation] {
        guard page.translationKey == nil, page.kind != .page else { return [] }
        return config.languageKeys.compactMap { language in
            guard language != page.language, index.page(logicalPath: page.logicalPath, language: language) == nil,
                let url = index.published.generatedPages[language + ":" + page.logicalPath]
            else { return nil }
            return GeneratedTranslation(
                language: language, url: url, kind: config.hugoKind(page.kind, logicalPath: page.logicalPath))
        }
    }

    /// Whether a browser reads `destination` (`https:/x`, `https:x`) as a reference on the page's
    /// own site: a special scheme equal to the site's, without `//` after it.
    public func schemeWithoutSlashesIsLocal(_ destination: String, language: String) -> Bool {
        LinkResolver.sameSchemeRelative(destination.trimmingSpaces, baseURL: config.baseURL(for: language)) != nil
    }

    /// Resolves a Markdown link destination of `page` as the built site does (browser rules or
    /// the embedded link hook, hugo-behaviour §6.2, §6.3).
    public func resolve(_ destination: String, from page: Page) -> LinkTarget {
        LinkResolver(site: index).resolve(destination, from: page)
    }

    /// Resolves any link of `page`: Markdown links and images, `ref`/`relref`, shortcode `href`s.
    public func resolve(link: PageLink, from page: Page) -> LinkTarget {
        LinkResolver(site: index).resolve(link, from: page)
    }

    /// Resolves a `ref`/`relref` call as Hugo does (hugo-behaviour §6.1).
    public func resolveRef(_ call: RefCall, from page: Page) -> RefResolution {
        LinkResolver(site: index).resolveRef(call, from: page)
    }

    /// The page Hugo's lookup finds for the content path `path` from `page`, in `language`
    /// (default: the page's): GetPage as the embedded link hook calls it, or with the base-name
    /// search of `ref`/`relref` when `asRef` (hugo-behaviour §6.1, §6.3).
    public func findPage(_ path: String, from page: Page, language: String? = nil, asRef: Bool = false) -> Page? {
        let resolver = LinkResolver(site: index)
        let (decoded, _, _) = resolver.splitURL(path.replacingBytes("\\", with: "/"))
        guard
            case .found(let found) = resolver.lookupPage(
                decoded, from: page, language: language ?? page.language, reflink: asRef)
        else {
            return nil
        }
        return pages[found]
    }

    /// The version of `target` in `language`, when its translation group has one that is published.
    public func version(of target: Page, in language: String) -> Page? {
        if target.language == language { return target }
        guard let found = group(of: target).pages[language], isPublished(found) else { return nil }
        return pages[found]
    }

    /// Published pages of `language` whose logical path ends in `name` (`join` → `/join`,
    /// `/events/join`).
    public func pages(named name: String, in language: String) -> [Page] {
        (index.pageNames.byName[language + ":" + HugoPath.lower(name)] ?? []).map { pages[$0] }
    }

    /// The published page of `language` whose URL path or logical path (language prefixes left
    /// out) is closest to `path` by edit distance, within a third of its length (at least 2);
    /// nil when none is that close.
    public func closestPage(to path: String, in language: String, excluding: Int? = nil) -> Page? {
        index.closestPage(to: path, in: language, excluding: excluding).map { pages[$0] }
    }

    /// The index of the first heading of `page` whose anchor is `anchor`.
    public func heading(withAnchor anchor: String, on page: Page) -> Int? { index.headingByAnchor[page.index][anchor] }

    /// The anchors of `page` nearest to `fragment` by edit distance (at most 1 edit for short
    /// fragments, up to 3 for long ones), only those at the smallest distance: heading anchors in
    /// heading order, then the others sorted. Each search compares a bounded number of anchors
    /// (`NearestNames`), so a page with thousands of near-miss links stays fast.
    public func closeAnchors(to fragment: String, on page: Page) -> [String] {
        let wanted = EditDistance.Matcher(Array(fragment.unicodeScalars))
        let limit = max(1, min(3, wanted.pattern.count / 5))
        guard let found = index.anchorNames[page.index].nearest(to: wanted, limit: limit) else { return [] }
        return found.ids.map { index.anchorList[page.index][$0] }
    }

    /// The distance `closestPage` ranks by, for choosing among several candidates.
    public func nameDistance(from path: String, to page: Page) -> Int { index.nameDistance(from: path, to: page) }
}
