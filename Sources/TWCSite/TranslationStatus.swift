/// How far each language's translation of the site is: for every page the source language
/// publishes, whether each other language has it published, outdated, unpublished or not at all,
/// per section (`twc-lint status`).
///
/// The source pages are the published pages of the site's source language
/// (`SiteConfig.sourceLanguage`). For each of them and each other language L:
/// - `translated`: L has a published version;
/// - `outdated`: L has a published version that `outdated` names (the files the rule
///   `translation-outdated` reports, which the caller runs);
/// - `draft`: L has a version Hugo does not publish (a draft, scheduled, expired, not rendered);
/// - `missing`: L has no version (a source file mounted for L as well counts as missing: it is
///   not a translation);
/// - `notRequired`: L has no version and `[requiredContent]` does not require it of L.
public struct TranslationStatus: Sendable {
    public enum State: String, Sendable, CaseIterable {
        case translated, outdated, draft, missing, notRequired
    }

    /// How many source pages are in each state.
    public struct Counts: Sendable, Equatable {
        public var translated = 0
        public var outdated = 0
        public var draft = 0
        public var missing = 0
        public var notRequired = 0

        public init() {}

        public var total: Int { translated + outdated + draft + missing + notRequired }

        public subscript(state: State) -> Int {
            get {
                switch state {
                case .translated: return translated
                case .outdated: return outdated
                case .draft: return draft
                case .missing: return missing
                case .notRequired: return notRequired
                }
            }
            set {
                switch state {
                case .translated: translated = newValue
                case .outdated: outdated = newValue
                case .draft: draft = newValue
                case .missing: missing = newValue
                case .notRequired: notRequired = newValue
                }
            }
        }
    }

    /// One source page as one language has it.
    public struct Entry: Sendable, Equatable {
        public let state: State
        /// The source page's section (`TranslationStatus.section(of:)`).
        public let section: String
        /// The source page (an index of `SiteModel.pages`).
        public let source: Int
        /// The language's version, when it has one (translated, outdated or draft).
        public let translation: Int?
    }

    /// One language's status.
    public struct Language: Sendable {
        public let key: String
        /// `languages.<key>.label` (or `languageName`), if set.
        public let label: String?
        /// Every source page, in the order of their files.
        public let entries: [Entry]
        /// Counts per section, `/` first, then by name.
        public let sections: [(section: String, counts: Counts)]
        public let total: Counts

        /// The entries in `state`.
        public func entries(_ state: State) -> [Entry] { entries.filter { $0.state == state } }
    }

    public let sourceLanguage: String
    /// The source pages counted.
    public let sourcePages: [Int]
    /// The other languages of the site, in the site's order.
    public let languages: [Language]

    /// The status of `site`. `outdated`: site-relative files (`Page.path`) of translations that
    /// are out of date with their source; `scope`: when given, only the source pages among these
    /// page indices are counted.
    public init(_ site: SiteModel, outdated: Set<String>, scope: Set<Int>? = nil) {
        let sourceLanguage = site.config.sourceLanguage
        var sources: [(page: Int, group: TranslationGroup)] = []
        for group in site.groups {
            guard let index = group.pages[sourceLanguage], site.pages[index].isPublished,
                scope?.contains(index) ?? true
            else { continue }
            sources.append((index, group))
        }
        sources.sort { site.pages[$0.page].path < site.pages[$1.page].path }
        self.sourceLanguage = sourceLanguage
        sourcePages = sources.map(\.page)
        languages = site.config.languageKeys.filter { $0 != sourceLanguage }.map { language in
            var entries: [Entry] = []
            var bySection: [String: Counts] = [:]
            var total = Counts()
            for (index, group) in sources {
                let source = site.pages[index]
                let section = Self.section(of: source)
                var state: State
                var translation: Int?
                if let other = group.pages[language], site.pages[other].path != source.path {
                    translation = other
                    if !site.pages[other].isPublished {
                        state = .draft
                    } else {
                        state = outdated.contains(site.pages[other].path) ? .outdated : .translated
                    }
                } else {
                    state = site.config.lint.requires(language, source.logicalPath) ? .missing : .notRequired
                }
                entries.append(Entry(state: state, section: section, source: index, translation: translation))
                bySection[section, default: Counts()][state] += 1
                total[state] += 1
            }
            let sections = bySection.sorted { $0.key == "/" || ($1.key != "/" && $0.key < $1.key) }
            return Language(
                key: language, label: site.config.language(language)?.label, entries: entries,
                sections: sections.map { (section: $0.key, counts: $0.value) }, total: total)
        }
    }

    /// The section a page is counted in: the first component of its logical path (`/docs/x` →
    /// `docs`, the section page `/docs` → `docs`); `/` for the home page and the pages at the
    /// root of the content (`/about`).
    public static func section(of page: Page) -> String {
        let components = page.logicalPath.split(separator: "/")
        guard let first = components.first, components.count > 1 || page.kind == .section else { return "/" }
        return String(first)
    }

    /// A page's `title`, as its front matter (with what cascades give it) says.
    public static func title(of page: Page) -> String? {
        page.effectiveFrontmatter["title"].flatMap(castString)
    }
}
