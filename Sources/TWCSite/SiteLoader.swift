import Foundation
import TWCCore
import TWCFrontmatter
import TWCMarkdown

/// How a site is loaded: Hugo's environment and command-line flags, and twc-lint's own settings
/// from the command line (which override `.twc-lint.toml`).
public struct SiteLoadOptions: Sendable {
    /// Hugo's environment (`config/<environment>/`).
    public var environment: String
    /// Settings from the command line; nil values keep `.twc-lint.toml`'s.
    public var settings: LintSettings?
    /// Hugo's `--clock`: the instant publish and expiry dates are compared with (default: now).
    public var clock: Date?
    /// Hugo's `--buildDrafts`, `--buildFuture`, `--buildExpired`, over the configuration's.
    public var buildDrafts: Bool?
    public var buildFuture: Bool?
    public var buildExpired: Bool?
    /// twc-lint's configuration file when it is not `.twc-lint.toml` at the site root: found above
    /// the root, or named with `--config`.
    public var lintConfigFile: LintConfigFile?

    public init(
        environment: String = SiteConfigLoader.defaultEnvironment, settings: LintSettings? = nil, clock: Date? = nil,
        buildDrafts: Bool? = nil, buildFuture: Bool? = nil, buildExpired: Bool? = nil,
        lintConfigFile: LintConfigFile? = nil
    ) {
        self.lintConfigFile = lintConfigFile
        self.environment = environment
        self.settings = settings
        self.clock = clock
        self.buildDrafts = buildDrafts
        self.buildFuture = buildFuture
        self.buildExpired = buildExpired
    }
}

/// Builds the site model, in named steps, from what a `SiteFileSystem` holds: a folder on disk or
/// a site in memory (tests and rule examples use the same steps as real sites).
public enum SiteLoader {
    /// Loads the site in the folder `root`.
    public static func load(root: String, options: SiteLoadOptions = SiteLoadOptions()) throws(SiteConfigError)
        -> SiteModel
    {
        try load(DiskFileSystem(root: root), options: options)
    }

    /// Loads the site `site` holds. Throws when the configuration cannot be read or Hugo would
    /// refuse it; files and folders that cannot be read become error notices.
    public static func load(_ site: any SiteFileSystem, options: SiteLoadOptions = SiteLoadOptions())
        throws(SiteConfigError) -> SiteModel
    {
        let config = try readConfiguration(site, options)
        let mounts = PhaseClock.measure("mounts") { Mounts.read(site, config: config) }
        let layouts = PhaseClock.measure("layouts") { Layouts.read(site, config: config, mounts: mounts) }
        let content = PhaseClock.measure("read content") { readContent(site, mounts: mounts) }
        let listing = PhaseClock.measure("list files") {
            PublishedPathsBuilder.listFiles(site, mounts: mounts, contentFiles: content.otherFiles)
        }
        let tree = PhaseClock.measure("content tree") {
            ContentTree(files: content.pageFiles, bytes: content.bytes, mounts: mounts, config: config)
        }
        let modificationTimes =
            config.dateChains.byField.values.contains { $0.contains(":filemodtime") }
            ? tree.pageFiles.map { site.modificationTime(of: $0.path) } : nil
        let pages = PhaseClock.measure("pages") {
            makePages(
                tree, config: config, layouts: layouts, clock: options.clock ?? Date(),
                modificationTimes: modificationTimes)
        }
        var index = PhaseClock.measure("index") {
            makeIndex(pages, tree: tree, config: config, layouts: layouts, mounts: mounts, files: listing.files)
        }
        if config.redirectsOutputFormat != nil {
            switch RedirectsTemplate.evaluate(index, files: site) {
            case .rules(let rules):
                index.published.serverRedirects = rules
                index.published.redirectsTemplateUnknown = nil
            case .unknown(let reason):
                index.published.redirectsTemplateUnknown = reason
            }
        }
        // Links shortcode templates write on their own (hugo-behaviour §5.3).
        let shortcodeOutputs = PhaseClock.measure("shortcode outputs") {
            ShortcodeOutputLinks.collect(index, files: site)
        }
        for (page, output) in shortcodeOutputs.enumerated() {
            if !output.links.isEmpty { index.pages[page].links += output.links }
            if !output.ids.isEmpty { index.pages[page].anchors.formUnion(output.ids) }
            if output.unknownIDs { index.pages[page].anchorsComplete = false }
            let language = index.pages[page].language
            for url in output.resources {
                index.published.resourceURLs.insert(config.publishedKey(url, language: language))
            }
        }
        let groups = PhaseClock.measure("groups") { makeGroups(pages, tree: tree, config: config) }
        let linkTargets = PhaseClock.measure("links") { resolveLinks(index) }
        var notices = content.problems.map { problem in
            problem.severity == .error
                ? Notice(
                    severity: .error, file: problem.path,
                    message: "cannot read it (\(problem.reason)); it is left out, so links to what it holds may be "
                        + "reported as broken")
                : Notice(severity: .info, file: problem.path, message: problem.reason)
        }
        notices += (layouts.problems + listing.problems).map { problem in
            problem.severity == .error
                ? Notice(
                    severity: .error, file: problem.path,
                    message: "cannot read it (\(problem.reason)); what it holds is unknown to twc-lint")
                : Notice(severity: .info, file: problem.path, message: problem.reason)
        }
        notices += mounts.notices
        let htmlPages = tree.pageFiles.filter(\.isHTML)
        if let first = htmlPages.first, !config.allowsContent("text/html") {
            notices.append(
                Notice(
                    severity: .info, file: first.path,
                    message: "Hugo 0.168 stops on .html content files (\(htmlPages.count) here) unless "
                        + "security.allowContent allows text/html; twc-lint reads them as pages, as older Hugo did"))
        }
        notices += hookNotices(index, linkTargets: linkTargets)
        for theme in layouts.missingThemes {
            let folder = SitePath.join(config.themesDir, theme)
            let places =
                theme.contains("/")
                ? "\(folder)/ or _vendor/\(theme)/ (a module in Hugo's module cache?)"
                : "\(folder)/ (a Hugo module or a missing submodule?)"
            notices.append(
                Notice(
                    severity: .info, file: folder,
                    message: "theme '\(theme)' is not in \(places): its templates, render hooks, shortcodes and "
                        + "static files are unknown, so what may come from them (Markdown links and images "
                        + "included) is not reported; check it out or vendor it (hugo mod vendor) to have it read"))
        }
        return SiteModel(
            config: config, mounts: mounts, layouts: layouts, groups: groups.groups, groupOfPage: groups.groupOfPage,
            conflicts: tree.conflicts, translationKeyDuplicates: groups.duplicates, notices: notices,
            index: index, linkTargets: linkTargets)
    }

    // MARK: 1. configuration

    /// Hugo's configuration, `.twc-lint.toml` and the command line's settings and flags.
    static func readConfiguration(_ site: any SiteFileSystem, _ options: SiteLoadOptions) throws(SiteConfigError)
        -> SiteConfig
    {
        var config = try SiteConfigLoader.load(
            site, environment: options.environment, lintConfigFile: options.lintConfigFile)
        if let settings = options.settings {
            if settings.sourceLanguage != nil { config.lint.sourceLanguage = settings.sourceLanguage }
            if settings.hugoVersion != nil { config.lint.hugoVersion = settings.hugoVersion }
            config.lint.translatableKeys += settings.translatableKeys
            if settings.strictLinkParity { config.lint.strictLinkParity = true }
            config.lint.settingKeys += settings.settingKeys
            config.lint.requiredContent.merge(settings.requiredContent) { _, new in new }
        }
        if let wanted = config.lint.sourceLanguage, config.language(wanted) == nil {
            // Named by the flag, or by the settings file.
            let origin =
                options.settings?.sourceLanguage != nil
                ? "--source-language" : config.lint.configFile ?? config.configFiles.first ?? site.rootDescription
            throw SiteConfigError(
                file: origin,
                message:
                    "source language '\(wanted)' is not a language of the site (\(config.languageKeys.joined(separator: ", ")))"
            )
        }
        config.buildClock = options.clock
        if let value = options.buildDrafts { config.buildDrafts = value }
        if let value = options.buildFuture { config.buildFuture = value }
        if let value = options.buildExpired { config.buildExpired = value }
        return config
    }

    // MARK: 2. content files

    /// Every content file Hugo makes a page of (Markdown: `.md`, `.markdown`, `.mdown`; HTML:
    /// `.html`, `.htm`, hugo-behaviour §2.13) of the content mounts, each read once (in
    /// parallel); the other files there (page resources); and what could not be read.
    static func readContent(_ site: any SiteFileSystem, mounts: Mounts)
        -> (pageFiles: [MountedFile], bytes: [String: [UInt8]], otherFiles: [MountedFile], problems: [FileSystemError])
    {
        var pageFiles: [MountedFile] = []
        var otherFiles: [MountedFile] = []
        let listing = PhaseClock.measure("list content") { mounts.files(.content, in: site) }
        var problems = listing.problems
        for file in listing.files {
            let name = file.logical.split(separator: "/").last.map(String.init) ?? file.logical
            let ext = name.lastIndex(of: ".").map { HugoPath.lower(String(name[name.index(after: $0)...])) } ?? ""
            if ContentTree.pageExtensions.contains(ext) {
                pageFiles.append(file)
            } else if !name.hasPrefix(".") {
                otherFiles.append(file)
            }
        }
        let sortedPaths = Array(Set(pageFiles.map(\.path))).sorted()
        let read = PhaseClock.measure("read pages") {
            concurrentMap(sortedPaths.count) { index -> Result<[UInt8], FileSystemError> in
                do throws(FileSystemError) {
                    return .success(try site.read(sortedPaths[index]))
                } catch {
                    return .failure(error)
                }
            }
        }
        var bytes: [String: [UInt8]] = [:]
        for (path, result) in zip(sortedPaths, read) {
            switch result {
            case .success(let content): bytes[path] = content
            case .failure(let error): problems.append(error)
            }
        }
        // Files in path order (then mount order), as Hugo's pages are listed; unreadable ones left out.
        let order = { (left: MountedFile, right: MountedFile) in (left.path, left.mount) < (right.path, right.mount) }
        return (
            pageFiles.filter { bytes[$0.path] != nil }.sorted(by: order), bytes, otherFiles.sorted(by: order), problems
        )
    }

    // MARK: 3. pages

    /// Parses every page file (in parallel) and gives each its effective front matter (with
    /// what cascades give it), dates, URL, publishing state, aliases, headings, anchors and links.
    static func makePages(
        _ tree: ContentTree, config: SiteConfig, layouts: Layouts, clock: Date,
        modificationTimes: [Date?]?
    ) -> [Page] {
        let pageFiles = tree.pageFiles
        let markdown = config.markdownOptions
        // A file mounted for several languages is parsed once.
        var slotOfPath: [String: Int] = [:]
        var firstFiles: [Int] = []
        for (index, file) in pageFiles.enumerated() where slotOfPath[file.path] == nil {
            slotOfPath[file.path] = firstFiles.count
            firstFiles.append(index)
        }
        let firstFile = firstFiles
        let parsedFiles = concurrentMap(firstFile.count) { slot in
            let file = pageFiles[firstFile[slot]]
            return ParsedPage.parse(
                SourceFile(path: file.path, bytes: file.bytes), markdown: markdown, html: file.isHTML)
        }
        let parsed = pageFiles.map { parsedFiles[slotOfPath[$0.path]!] }
        let effective = effectiveFrontmatter(tree, parsed, config: config)
        // Dates, through the date chains of the page's language.
        let dates = concurrentMap(pageFiles.count) { index in
            inheritedDates(
                HugoDate.resolve(
                    frontmatter: effective[index].table, format: parsed[index].frontmatterBlock?.format ?? .yaml,
                    timeZone: config.timeZone(for: pageFiles[index].language),
                    chains: config.dateChains(for: pageFiles[index].language),
                    baseName: pageFiles[index].contentBaseName, modificationTime: modificationTimes?[index] ?? nil),
                effective[index])
        }
        // Sections: slugs move a section and everything below it (per language); slugs and titles
        // feed permalink tokens.
        var sections = SectionIndex()
        for (index, file) in pageFiles.enumerated() where tree.replacedBy[index] == nil {
            let segments = file.logicalPath.split(separator: "/")
            if segments.count >= 2 { sections.topLevel.insert(file.language + ":/" + segments[0]) }
            guard file.kind == .section else { continue }
            sections.sections[file.language + ":" + file.logicalPath] = SectionIndex.Section(
                slug: URLBuilder.slug(effective[index].table, dates[index]),
                title: effective[index]["title"].flatMap(castString) ?? "")
        }
        let sectionIndex = sections
        let hrefParameters = layouts.shortcodes.compactMapValues { $0.hrefParameters.isEmpty ? nil : $0.hrefParameters }
        return concurrentMap(pageFiles.count) { index -> Page in
            let file = pageFiles[index]
            let parsedPage = parsed[index]
            let frontmatter = effective[index]
            // A shortcode that writes nothing (Hugo's `comment`): what it encloses is not on the page.
            var hidden: [SourceRange] = []
            var anchorsComplete = true
            let shortcodes = parsedPage.shortcodes
            for tag in shortcodes where !tag.isClosing && !tag.isComment {
                let shortcode = layouts.shortcode(tag.name)
                if shortcode?.writesNothing == true, let partner = tag.partner {
                    hidden.append(SourceRange(tag.range.start, shortcodes[partner].range.end))
                } else if tag.delimiter == .percent, shortcode?.mayWriteHeadings ?? true {
                    anchorsComplete = false
                } else if shortcode?.writesScript == true {
                    // A script may add elements with ids in the browser.
                    anchorsComplete = false
                }
            }
            func isHidden(_ offset: Int) -> Bool { hidden.contains { $0.start <= offset && offset < $0.end } }
            var headings = parsedPage.headings(config: config, hidden: hidden)
            // A heading hook that writes no id for a level: those headings have none.
            for slot in headings.indices where layouts.headingIDs[headings[slot].level] == Layouts.HeadingID.none {
                headings[slot].anchor = nil
            }
            var anchors = Set(headings.compactMap(\.anchor))
            if config.unsafeHTML || parsedPage.htmlBody { anchors.formUnion(parsedPage.htmlAnchors()) }
            let translationKey = frontmatter["translationKey"].flatMap(castString)
            let url = URLBuilder.url(
                for: file, frontmatter: frontmatter.table, dates: dates[index], config: config, sections: sectionIndex)
            let state: PublishState =
                tree.replacedBy[index].map { .replaced(by: $0) }
                ?? PublishState.of(frontmatter, dates: dates[index], config: config, clock: clock)
            return Page(
                index: index, parsed: parsedPage, effectiveFrontmatter: frontmatter, language: file.language,
                kind: file.kind, logicalPath: file.logicalPath, contentPath: file.contentPath,
                translationKey: translationKey,
                groupKey: translationKey.map { "key:" + $0 } ?? file.logicalPath,
                url: url, relPermalink: HugoPath.percentEncode(url), dates: dates[index], publishState: state,
                aliases: URLBuilder.aliases(
                    frontmatter.table, pageURL: url, language: file.language, section: file.section, config: config),
                headings: headings, anchors: anchors,
                links: parsedPage.links(headings: headings, hrefParameters: hrefParameters).filter {
                    !isHidden($0.range.start)
                },
                anchorsComplete: anchorsComplete, hiddenRanges: hidden)
        }
    }

    /// Each page's front matter with what cascades give it (hugo-behaviour §2.10): its own
    /// `cascade`, then those of the sections and the home page above it (the nearest first; the
    /// `_index` files of every language, each applying to its own language unless its target says
    /// otherwise), then the configuration's (the languages' own, then the site's).
    static func effectiveFrontmatter(_ tree: ContentTree, _ parsed: [ParsedPage], config: SiteConfig)
        -> [EffectiveFrontmatter]
    {
        let pageFiles = tree.pageFiles
        var byPath: [String: [CascadeRule]] = [:]
        var own: [Int: [CascadeRule]] = [:]
        var unmodelled: [String] = []
        for (index, file) in pageFiles.enumerated() where tree.replacedBy[index] == nil {
            guard let value = parsed[index].frontmatter["cascade"] else { continue }
            let rules = CascadeRule.decode(
                value, origin: file.path, defaultLanguages: [file.language], unmodelled: &unmodelled,
                at: "cascade")
            own[index] = rules
            if file.kind != .page { byPath[file.logicalPath, default: []] += rules }
        }
        let siteRules = config.languages.flatMap(\.cascade) + config.cascade
        if byPath.isEmpty && own.isEmpty && siteRules.isEmpty {
            return parsed.map { EffectiveFrontmatter(own: $0.frontmatter) }
        }
        let cascades = byPath
        let ownRules = own
        return concurrentMap(pageFiles.count) { index in
            let file = pageFiles[index]
            var rules = ownRules[index] ?? []
            var path = file.logicalPath
            while path != "/" {
                path = HugoPath.parent(path)
                rules += cascades[path] ?? []
            }
            rules += siteRules
            guard !rules.isEmpty else { return EffectiveFrontmatter(own: parsed[index].frontmatter) }
            return EffectiveFrontmatter(
                own: parsed[index].frontmatter, rules: rules, kind: file.kind.rawValue, path: file.logicalPath,
                language: file.language, environment: config.environment)
        }
    }

    /// Dates found in inherited values name the cascade, not an entry of the page (whose byte
    /// ranges would point into another file); an inherited value that does not parse is the
    /// cascade's error, not the page's.
    static func inheritedDates(_ dates: HugoDates, _ frontmatter: EffectiveFrontmatter) -> HugoDates {
        guard !frontmatter.inherited.isEmpty else { return dates }
        var result = dates
        func fix(_ source: HugoDates.Source?) -> HugoDates.Source? {
            guard let source, let entry = source.entry, let file = frontmatter.origin(of: entry.key) else {
                return source
            }
            return HugoDates.Source(time: source.time, entry: nil, origin: PublishState.cascadeOrigin + file)
        }
        result.date = fix(dates.date)
        result.publishDate = fix(dates.publishDate)
        result.lastmod = fix(dates.lastmod)
        result.expiryDate = fix(dates.expiryDate)
        result.unparseable = dates.unparseable.filter { frontmatter.origin(of: $0.key) == nil }
        return result
    }

    // MARK: 4. what the build publishes

    static func makeIndex(
        _ pages: [Page], tree: ContentTree, config: SiteConfig, layouts: Layouts, mounts: Mounts, files: SiteFiles
    ) -> SiteIndex {
        var pageByURL: [String: Int] = [:]
        var pageByLogicalPath: [String: Int] = [:]
        var collectionByLogicalPath: [String: Int] = [:]
        var unpublishedByURL: [String: Int] = [:]
        var aliasTargets: [String: Int] = [:]
        for page in pages {
            let key = page.language + ":" + page.logicalPath
            if page.publishState.isInCollections, collectionByLogicalPath[key] == nil {
                collectionByLogicalPath[key] = page.index
            }
            let url = config.publishedKey(page.url, language: page.language)
            guard page.isPublished else {
                if case .replaced = page.publishState { continue }
                if unpublishedByURL[url] == nil { unpublishedByURL[url] = page.index }
                continue
            }
            if pageByURL[url] == nil { pageByURL[url] = page.index }
            pageByLogicalPath[key] = page.index
            collectionByLogicalPath[key] = page.index
            for alias in page.aliases.map({ config.publishedKey($0, language: page.language) })
            where aliasTargets[alias] == nil {
                aliasTargets[alias] = page.index
            }
        }
        for page in pages where tree.replacedBy[page.index] != nil {
            let url = config.publishedKey(page.url, language: page.language)
            if unpublishedByURL[url] == nil { unpublishedByURL[url] = page.index }
        }
        let homeRedirects = homeRedirects(config)
        let anchors = concurrentMap(pages.count) { anchorIndex(pages[$0]) }
        var published = PublishedPathsBuilder.build(
            config: config, mounts: mounts, files: files, pages: pages, pageByLogicalPath: pageByLogicalPath)
        published.redirects = aliasTargets
        if let home = pageByLogicalPath[config.defaultContentLanguage + ":/"] {
            for redirect in homeRedirects { published.redirects[redirect.from] = home }
        }
        var byBaseName: [String: LinkResolver.PageLookup] = [:]
        func addBaseName(_ languageAndPath: String, _ entry: LinkResolver.PageLookup) {
            guard let colon = languageAndPath.firstIndex(of: ":"),
                let name = languageAndPath.split(separator: "/").last,
                languageAndPath[languageAndPath.index(after: colon)...] != "/"
            else { return }
            let key = String(languageAndPath[..<colon]) + ":" + String(name)
            byBaseName[key] = byBaseName[key] == nil ? entry : .ambiguous
        }
        for (key, index) in collectionByLogicalPath.sorted(by: { $0.value < $1.value }) {
            addBaseName(key, .found(index))
        }
        for (key, url) in published.generatedPages.sorted(by: { $0.key < $1.key }) { addBaseName(key, .generated(url)) }
        return SiteIndex(
            config: config, layouts: layouts, pages: pages, pageByURL: pageByURL, pageByLogicalPath: pageByLogicalPath,
            collectionByLogicalPath: collectionByLogicalPath, unpublishedByURL: unpublishedByURL,
            aliasTargets: aliasTargets, homeRedirects: homeRedirects,
            generatedPages: generatedPages(tree, pages, config),
            published: published, pagesByBaseName: byBaseName,
            pageNames: PageNameIndex(pages: pages, config: config, isPublished: { pages[$0].isPublished }),
            headingByAnchor: anchors.map(\.headingByAnchor), anchorList: anchors.map(\.list),
            anchorNames: anchors.map(\.names))
    }

    /// A page's anchors for lookups and suggestions (see `SiteIndex.anchorList`).
    static func anchorIndex(_ page: Page) -> (headingByAnchor: [String: Int], list: [String], names: NearestNames) {
        var headingByAnchor: [String: Int] = [:]
        var list: [String] = []
        for (index, heading) in page.headings.enumerated() {
            guard let anchor = heading.anchor, headingByAnchor[anchor] == nil else { continue }
            headingByAnchor[anchor] = index
            list.append(anchor)
        }
        list += page.anchors.filter { headingByAnchor[$0] == nil }.sorted()
        let names = NearestNames(list.enumerated().map { (Array($0.element.unicodeScalars), $0.offset) })
        return (headingByAnchor, list, names)
    }

    /// Hugo's redirect stubs to the default language's home page (`renderDefaultSiteRedirect`):
    /// `/en/` → `/` on a multilingual site, `/` → `/en/` when the default language is in its
    /// subdirectory, none on a multihost site. The first is made from the home page's link
    /// (`/index.html` with `uglyURLs`, which gives Hugo's `/index.htmlen/`), and every directory
    /// above the home page's link gets one too (`/en/` for `/en/index.html`).
    static func homeRedirects(_ config: SiteConfig) -> [Redirect] {
        guard !config.disableDefaultLanguageRedirect, !config.isMultihost else { return [] }
        let language = config.defaultContentLanguage
        let home = URLBuilder.listURL(kind: "home", logicalPath: "/", title: nil, language: language, config: config)
        let base = config.baseURLPath
        let homeLink = "/" + (home.hasPrefix(base) ? home.dropFirst(base.count) : Substring(home))
        var paths: [String] = []
        if config.defaultContentLanguageInSubdir {
            paths.append("/")
        } else if config.languages.count > 1 {
            paths.append(homeLink + language + "/")
        }
        let parts = homeLink.split(separator: "/")
        if parts.count > 1 {
            for end in 1..<parts.count { paths.append("/" + parts[0..<end].joined(separator: "/") + "/") }
        }
        return paths.map { Redirect(from: base + $0.dropFirst(), to: home) }
    }

    /// Home pages of languages without a home `_index` file, and top-level sections (the first
    /// directory of a page's path) of languages without an `_index` file for them. A language
    /// has a section as soon as it has a file below it, published or not.
    static func generatedPages(_ tree: ContentTree, _ pages: [Page], _ config: SiteConfig) -> [GeneratedPage] {
        var withFile = Set<String>()
        var sections: [(language: String, segment: String)] = []
        var seen = Set<String>()
        for page in pages where tree.replacedBy[page.index] == nil {
            withFile.insert(page.language + ":" + page.logicalPath)
            let segments = page.logicalPath.split(separator: "/")
            if segments.count >= 2, seen.insert(page.language + ":/" + segments[0]).inserted {
                sections.append((page.language, String(segments[0])))
            }
        }
        var result: [GeneratedPage] = []
        for language in config.languageKeys where !withFile.contains(language + ":/") {
            result.append(
                GeneratedPage(
                    kind: .home, language: language, logicalPath: "/",
                    url: URLBuilder.listURL(
                        kind: "home", logicalPath: "/", title: nil, language: language, config: config)
                ))
        }
        // A taxonomy's folder (`content/tags/go/_index.nl.md`) is its taxonomy list, not a section.
        for section in sections
        where !withFile.contains(section.language + ":/" + section.segment)
            && !config.taxonomies.contains(section.segment)
        {
            result.append(
                GeneratedPage(
                    kind: .section, language: section.language, logicalPath: "/" + section.segment,
                    url: URLBuilder.listURL(
                        kind: "section", logicalPath: "/" + section.segment, title: nil, language: section.language,
                        config: config)))
        }
        return result
    }

    // MARK: 5. translation groups

    /// Translation groups: every page Hugo keeps, published or not, with each translation's
    /// section alignment to its source.
    static func makeGroups(_ pages: [Page], tree: ContentTree, config: SiteConfig)
        -> (groups: [TranslationGroup], groupOfPage: [Int], duplicates: [TranslationKeyDuplicate])
    {
        var groupKeys: [String] = []
        var members: [String: [String: Int]] = [:]
        var duplicates: [TranslationKeyDuplicate] = []
        for page in pages where tree.replacedBy[page.index] == nil {
            if members[page.groupKey] == nil {
                groupKeys.append(page.groupKey)
                members[page.groupKey] = [:]
            }
            if let kept = members[page.groupKey]![page.language] {
                if let key = page.translationKey {
                    duplicates.append(TranslationKeyDuplicate(key: key, kept: kept, duplicate: page.index))
                }
            } else {
                members[page.groupKey]![page.language] = page.index
            }
        }
        var groupOfPage = [Int](repeating: 0, count: pages.count)
        let preferred = [config.sourceLanguage] + config.languageKeys
        let keys = groupKeys
        let memberLists = keys.map { members[$0]! }
        // Section alignments, groups in parallel.
        let groups = concurrentMap(keys.count) { position -> TranslationGroup in
            let languages = memberLists[position]
            let source = preferred.first { languages[$0] != nil }
            var alignments: [Int: SectionAlignment] = [:]
            if let source, let sourceIndex = languages[source], languages.count > 1 {
                let features = SectionFeatures.of(pages[sourceIndex])
                for (language, index) in languages where language != source {
                    alignments[index] = SectionAlignment.align(
                        source: pages[sourceIndex], sourceFeatures: features, translation: pages[index])
                }
            }
            return TranslationGroup(
                key: keys[position], pages: languages, sourceLanguage: source, alignments: alignments)
        }
        for (position, group) in groups.enumerated() {
            for index in group.pages.values { groupOfPage[index] = position }
        }
        for duplicate in duplicates { groupOfPage[duplicate.duplicate] = groupOfPage[duplicate.kept] }
        for conflict in tree.conflicts { groupOfPage[conflict.dropped] = groupOfPage[conflict.kept] }
        return (groups, groupOfPage, duplicates)
    }

    // MARK: 6. links

    /// Where every link goes, resolved once.
    /// What the site's own render hooks write that could not be computed: one note per hook and
    /// cause, with how many links it leaves unchecked; and hooks that do not parse.
    static func hookNotices(_ index: SiteIndex, linkTargets: [[LinkTarget]]) -> [Notice] {
        // The unknown links of each page, with what made each unknown (pages in parallel).
        let causesOfPages = concurrentMap(index.pages.count) { pageIndex -> [(kind: String, cause: String)] in
            let page = index.pages[pageIndex]
            var causes: [(kind: String, cause: String)] = []
            for (slot, link) in page.links.enumerated() where linkTargets[page.index][slot] == .unknown {
                guard link.ref == nil, !link.viaShortcode else { continue }
                let kind: String
                switch link.kind {
                case .image: kind = "image"
                case .inline, .reference: kind = "link"
                default: continue
                }
                guard let hook = index.layouts.hookTemplate(kind, for: page.logicalPath) else { continue }
                // Only links the hook's output leaves unknown (not a path below an unread mount).
                guard
                    case .unknown(let found) = RenderHooks.evaluate(
                        hook, kind: kind, link: link, page: page, site: index)
                else { continue }
                causes.append((kind, found.map { "`\($0)`" } ?? "a condition on something unknown"))
            }
            return causes
        }
        var counts: [String: [String: Int]] = [:]
        for (kind, cause) in causesOfPages.joined() { counts[kind, default: [:]][cause, default: 0] += 1 }
        var notices: [Notice] = []
        for kind in counts.keys.sorted() {
            guard let path = index.layouts.renderHooks[kind] else { continue }
            for (cause, count) in counts[kind]!.sorted(by: { $0.key < $1.key }) {
                let links = count == 1 ? "1 \(kind)" : "\(count) \(kind)s"
                notices.append(
                    Notice(
                        severity: .info, file: path,
                        message: "twc-lint could not compute what this render hook writes for \(links) "
                            + "(it depends on \(cause)), so \(count == 1 ? "it is" : "they are") not checked"))
            }
        }
        for (kind, paths) in index.layouts.hookVariants.sorted(by: { $0.key < $1.key }) {
            notices.append(
                Notice(
                    severity: .info, file: paths[0],
                    message: "the site has several \(kind) render hooks (\(paths.joined(separator: ", "))); twc-lint "
                        + "does not model which one renders each page, so Markdown \(kind)s are not checked"))
        }
        let unknownLevels = index.layouts.headingIDs.filter { $0.value == .unknown }.keys.sorted()
        if !unknownLevels.isEmpty, let path = index.layouts.renderHooks["heading"] {
            let levels = unknownLevels.map { "h\($0)" }.joined(separator: ", ")
            notices.append(
                Notice(
                    severity: .info, file: path,
                    message: "twc-lint could not compute the id this heading render hook writes for \(levels) "
                        + "headings, so fragments of pages with such headings are not checked"))
        }
        for path in index.layouts.unparsedTemplates {
            notices.append(
                Notice(
                    severity: .info, file: path,
                    message: "twc-lint cannot parse this template, so what it writes is not followed"))
        }
        return notices
    }

    static func resolveLinks(_ index: SiteIndex) -> [[LinkTarget]] {
        let resolver = LinkResolver(site: index)
        let pages = index.pages
        return concurrentMap(pages.count) { slot in pages[slot].links.map { resolver.resolve($0, from: pages[slot]) } }
    }
}
