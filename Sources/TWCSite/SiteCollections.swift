import TWCCore
import TWCFrontmatter
import TWCTemplate

/// Hugo's page collections for template evaluation (hugo-behaviour §8.6): each language's
/// `.Site.Pages`, a page's `.Pages` (its section's children), `.Parent` and `.Translations`,
/// over content pages and the list pages Hugo generates without a file. Built once, on the first
/// question, by the host of a template that ranges over pages (the `_redirects` template).
///
/// Collections are listed in the model's order, not in Hugo's default sort (weight, date,
/// title, path): a caller whose answer depends on the order must not rely on it.
struct SiteCollections {
    /// A member of a collection: a content page (`SiteIndex.pages`) or a generated list page.
    enum Member: Hashable {
        case page(Int)
        case generated(Int)
    }

    /// A list page Hugo generates without a content file.
    struct Generated {
        let language: String
        let logicalPath: String
        let url: String
        /// Hugo's kind: `home`, `section`, `taxonomy` or `term`.
        let kind: String
    }

    /// `build.list`: in every collection, only in its section's `.Pages`, or in none.
    enum ListMode {
        case always, local, never
    }

    let generated: [Generated]
    /// Generated pages by language and logical path (`nl:/blog`).
    let generatedByKey: [String: Int]
    /// Per language: the members of `.Site.Pages` (`build.list` always).
    let sitePages: [String: [Member]]
    /// The children of a branch page by language and logical path (`en:/docs`): its regular
    /// pages and sections (`build.list` always or local).
    let children: [String: [Member]]
    /// The parent of each member (its nearest branch ancestor).
    let parents: [Member: Member]
    /// Content pages by translation group, in language order.
    let groups: [String: [Int]]

    init(_ site: SiteIndex) {
        let config = site.config
        generated = site.published.generatedPages.keys.sorted().compactMap { key in
            guard let colon = key.firstIndex(of: ":") else { return nil }
            let logicalPath = String(key[key.index(after: colon)...])
            return Generated(
                language: String(key[..<colon]), logicalPath: logicalPath, url: site.published.generatedPages[key]!,
                kind: logicalPath == "/" ? "home" : config.hugoKind(.section, logicalPath: logicalPath))
        }
        var generatedByKey: [String: Int] = [:]
        for (index, page) in generated.enumerated() { generatedByKey[page.language + ":" + page.logicalPath] = index }
        self.generatedByKey = generatedByKey
        // Branch pages (home, sections, taxonomies, terms) by language and logical path.
        var branches: [String: Member] = [:]
        var members: [(member: Member, language: String, path: String, list: ListMode)] = []
        for page in site.pages where page.publishState.isInCollections {
            let key = page.language + ":" + page.logicalPath
            if site.collectionByLogicalPath[key] != page.index { continue }
            if page.kind != .page { branches[key] = .page(page.index) }
            members.append(
                (.page(page.index), page.language, page.logicalPath, Self.listMode(page.effectiveFrontmatter)))
        }
        for (index, page) in generated.enumerated() {
            let key = page.language + ":" + page.logicalPath
            if branches[key] == nil { branches[key] = .generated(index) }
            members.append((.generated(index), page.language, page.logicalPath, .always))
        }
        var sitePages: [String: [Member]] = [:]
        var children: [String: [Member]] = [:]
        var parents: [Member: Member] = [:]
        for entry in members {
            if entry.list == .always { sitePages[entry.language, default: []].append(entry.member) }
            guard entry.path != "/" else { continue }
            var path = entry.path
            while path != "/" {
                path = HugoPath.parent(path)
                if let parent = branches[entry.language + ":" + path] {
                    parents[entry.member] = parent
                    if entry.list != .never { children[entry.language + ":" + path, default: []].append(entry.member) }
                    break
                }
            }
        }
        self.sitePages = sitePages
        self.children = children
        self.parents = parents
        var groups: [String: [Int]] = [:]
        let order = Dictionary(uniqueKeysWithValues: config.languageKeys.enumerated().map { ($1, $0) })
        for page in site.pages where page.publishState.isInCollections {
            groups[page.groupKey, default: []].append(page.index)
        }
        for (key, pages) in groups {
            groups[key] = pages.sorted {
                (order[site.pages[$0].language] ?? .max, $0) < (order[site.pages[$1].language] ?? .max, $1)
            }
        }
        self.groups = groups
    }

    /// `build.list` of a page's front matter (`headless` pages are never listed).
    static func listMode(_ frontmatter: EffectiveFrontmatter) -> ListMode {
        if case .bool(true)? = frontmatter["headless"]?.kind { return .never }
        switch frontmatter["build"]?["list"]?.kind {
        case .string(let mode)?:
            return mode.lowercased() == "never" ? .never : mode.lowercased() == "local" ? .local : .always
        case .bool(let flag)?: return flag ? .always : .never
        default: return .always
        }
    }

    /// The members of a collection as `.Pages` (all) or `.RegularPages` (content pages of kind
    /// `page` only).
    func pages(_ members: [Member], regularOnly: Bool, in site: SiteIndex) -> [Member] {
        guard regularOnly else { return members }
        return members.filter {
            if case .page(let index) = $0 { return site.pages[index].kind == .page }
            return false
        }
    }

    /// `.Translations` of a content page: the other languages' pages of its translation group
    /// (one each, in language order), and for a branch page without a `translationKey` the list
    /// pages Hugo generates at its path in the other languages.
    func translations(of page: Page, in site: SiteIndex) -> [Member] {
        var result: [Member] = []
        var languages: Set<String> = [page.language]
        for index in groups[page.groupKey] ?? [] where languages.insert(site.pages[index].language).inserted {
            result.append(.page(index))
        }
        if page.translationKey == nil, page.kind != .page {
            for language in site.config.languageKeys where !languages.contains(language) {
                if let index = generatedByKey[language + ":" + page.logicalPath] { result.append(.generated(index)) }
            }
        }
        return result
    }

    /// `.Translations` of a generated list page: the pages at its path in the other languages.
    func translations(ofGenerated index: Int, in site: SiteIndex) -> [Member] {
        let page = generated[index]
        var result: [Member] = []
        for language in site.config.languageKeys where language != page.language {
            let key = language + ":" + page.logicalPath
            if let found = site.collectionByLogicalPath[key], site.pages[found].translationKey == nil {
                result.append(.page(found))
            } else if let other = generatedByKey[key] {
                result.append(.generated(other))
            }
        }
        return result
    }
}

extension SiteTemplateHost {
    func value(_ member: SiteCollections.Member) -> TemplateValue {
        switch member {
        case .page(let index): return Self.page(index)
        case .generated(let index):
            return .object(TemplateObject(kind: "generatedPage", id: index, text: collections.generated[index].url))
        }
    }

    func elements(_ object: TemplateObject) -> [TemplateValue]? {
        guard object.kind == "sites" else { return nil }
        return config.languageKeys.map(siteObject)
    }

    /// The generated page an object stands for: by its index, or (made by `GetPage` or
    /// `.Site.Home`, which know only the URL) by its URL.
    func generatedIndex(_ object: TemplateObject) -> Int? {
        if object.id >= 0, object.id < collections.generated.count, collections.generated[object.id].url == object.text
        {
            return object.id
        }
        let matches = collections.generated.indices.filter { collections.generated[$0].url == object.text }
        return matches.count == 1 ? matches[0] : nil
    }

    /// Members of a list page Hugo generates without a content file: no file, no aliases of its
    /// own; its params are what cascades give it.
    func generatedMember(_ object: TemplateObject, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        guard arguments.isEmpty, let index = generatedIndex(object) else { return .unknown }
        let generated = collections.generated[index]
        let kind = generated.kind
        let key = generated.language + ":" + generated.logicalPath
        switch name {
        case "Kind": return .string(kind)
        case "Lang": return .string(generated.language)
        case "Language": return .object(TemplateObject(kind: "language", text: generated.language))
        case "IsPage": return .bool(false)
        case "IsSection": return .bool(kind == "section")
        case "IsHome": return .bool(kind == "home")
        case "File": return .null
        case "Site": return siteObject(generated.language)
        case "Params": return FrontmatterTemplateValue.params(of: generatedFrontmatter(generated).table)
        case "Aliases":
            return aliases(
                generatedFrontmatter(generated), url: generated.url, language: generated.language,
                logicalPath: generated.logicalPath)
        case "Parent": return collections.parents[.generated(index)].map(value) ?? .null
        case "Pages", "RegularPages":
            let members = collections.children[key] ?? []
            return .slice(collections.pages(members, regularOnly: name == "RegularPages", in: site).map(value))
        case "Translations": return .slice(collections.translations(ofGenerated: index, in: site).map(value))
        default: return .unknown
        }
    }

    /// A generated page's front matter: what the cascades of its ancestors and of the
    /// configuration give it (hugo-behaviour §2.10).
    func generatedFrontmatter(_ generated: SiteCollections.Generated) -> EffectiveFrontmatter {
        var rules: [CascadeRule] = []
        var unmodelled: [String] = []
        var path = generated.logicalPath
        while true {
            if let index = site.collectionPage(logicalPath: path, language: generated.language),
                let cascade = site.pages[index].frontmatter["cascade"]
            {
                rules += CascadeRule.decode(
                    cascade, origin: site.pages[index].path, defaultLanguages: [generated.language],
                    unmodelled: &unmodelled, at: "cascade")
            }
            if path == "/" { break }
            path = HugoPath.parent(path)
        }
        rules += config.languages.flatMap(\.cascade) + config.cascade
        let empty = FrontmatterValue(kind: .table([]), range: SourceRange(0, 0))
        guard !rules.isEmpty else { return EffectiveFrontmatter(own: empty) }
        return EffectiveFrontmatter(
            own: empty, rules: rules, kind: generated.kind, path: generated.logicalPath, language: generated.language,
            environment: config.environment)
    }

    /// `.Aliases`: the page's `aliases` as Hugo 0.168 gives them to templates
    /// (`URLBuilder.aliasPaths`).
    func aliases(_ frontmatter: EffectiveFrontmatter, url: String, language: String, logicalPath: String)
        -> TemplateValue
    {
        let section = logicalPath.split(separator: "/").first.map(String.init) ?? ""
        return .slice(
            URLBuilder.aliasPaths(frontmatter.table, pageURL: url, language: language, section: section, config: config)
                .map { .string($0) })
    }

    /// `hugo.Sites`, `hugo.IsMultilingual` ...
    func hugoMember(_ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        guard arguments.isEmpty else { return .unknown }
        switch name {
        case "Sites": return .object(TemplateObject(kind: "sites"))
        case "IsMultilingual", "IsMultihost":
            return .bool(name == "IsMultihost" ? config.isMultihost : config.languages.count > 1)
        case "Environment": return .string(config.environment)
        case "IsProduction": return .bool(config.environment == "production")
        default: return .unknown
        }
    }

    /// `readDir PATH` / `os.ReadDir PATH`: the entries of a folder of the project (relative to
    /// its root), sorted by name, as file infos.
    func readDirectory(_ path: String) -> TemplateValue {
        guard let files else { return .unknown }
        let folder = GoPath.clean(path.hasPrefix("/") ? String(path.dropFirst()) : path)
        guard !folder.hasPrefix(".."), let entries = try? files.list(folder == "." ? "" : folder) else {
            return .unknown
        }
        return .slice(
            entries.map { entry in
                let size = entry.kind == .file ? ((try? files.read(SitePath.join(folder, entry.name)))?.count ?? -1) : 0
                return .object(
                    TemplateObject(
                        kind: "fileInfo", id: size, text: (entry.kind == .directory ? "d:" : "f:") + entry.name))
            })
    }

    func fileInfoMember(_ object: TemplateObject, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        guard arguments.isEmpty else { return .unknown }
        switch name {
        case "Name": return .string(String(object.text.dropFirst(2)))
        case "IsDir": return .bool(object.text.hasPrefix("d:"))
        case "Size": return object.id >= 0 ? .int(object.id) : .unknown
        default: return .unknown
        }
    }
}
