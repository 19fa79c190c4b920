import TWCCore
import TWCFrontmatter

/// Hugo's component folders: the first segment of a mount's target (hugo-behaviour §8.5).
public enum MountComponent: String, Sendable, CaseIterable {
    case archetypes, assets, content, data, i18n, layouts
    case staticFiles = "static"
}

/// A `[[module.mounts]]` entry as the configuration writes it (the project's, an import's or a
/// module's own), read as Hugo 0.168 decodes it (`modules.Mount`, keys case-insensitive).
struct MountSetting: Sendable, Equatable {
    var source: String
    var target: String
    /// `sites.matrix.languages` (globs, as written), then `lang`, which Hugo 0.153 and later
    /// read as one more entry of that list.
    var languages: [String] = []
    /// `files`, then `includeFiles`, then `excludeFiles` each prefixed with `! `: Hugo's
    /// `FilesToFilter` order, in which the first pattern that matches decides.
    var files: [String] = []
    /// Keys Hugo 0.168 reports as removed (an error that fails the build) but still applies:
    /// `lang`, `includeFiles`, `excludeFiles`.
    var removedKeys: [String] = []
    /// Settings of the mount twc-lint does not follow (`sites.complements`, versions, roles).
    var unmodelled: [String] = []

    /// The entry `value` (a table); nil when it is no table or lacks `source` or `target` (Hugo
    /// refuses such a mount).
    static func decode(_ value: FrontmatterValue) -> MountSetting? {
        guard case .table = value.kind, let source = value["source"].flatMap(castString),
            let target = value["target"].flatMap(castString), !source.isEmpty, !target.isEmpty
        else { return nil }
        var setting = MountSetting(source: source, target: target)
        let matrix = value["sites"]?["matrix"]
        setting.languages = stringSlice(matrix?["languages"])
        if let lang = value["lang"].flatMap(castString), !lang.isEmpty {
            setting.languages.append(lang)
            setting.removedKeys.append("lang")
        }
        setting.files = stringSlice(value["files"])
        let includes = stringSlice(value["includeFiles"])
        let excludes = stringSlice(value["excludeFiles"])
        if value["includeFiles"] != nil { setting.removedKeys.append("includeFiles") }
        if value["excludeFiles"] != nil { setting.removedKeys.append("excludeFiles") }
        setting.files += includes + excludes.map { MountFilter.negation + $0 }
        for key in ["versions", "roles"] where !stringSlice(matrix?[key]).isEmpty {
            setting.unmodelled.append("sites.matrix.\(key)")
        }
        if let complements = value["sites"]?["complements"], !complements.entries.isEmpty {
            setting.unmodelled.append("sites.complements")
        }
        return setting
    }

    /// A list of strings as Hugo's weak decoding reads one (`ToStringSlicePreserveString`): a
    /// list of scalars, or one string as a list of one.
    static func stringSlice(_ value: FrontmatterValue?) -> [String] {
        guard let value else { return [] }
        if case .array(let items) = value.kind { return items.compactMap(castString) }
        return castString(value).map { [$0] } ?? []
    }
}

/// A module the configuration imports (`[[module.imports]]`, or a `theme`).
struct ModuleImport: Sendable, Equatable {
    var path: String
    var disable = false
    /// `noMounts`: nothing of the module is mounted.
    var noMounts = false
    /// `ignoreConfig`: the module's own configuration (its mounts and imports) is not read.
    var ignoreConfig = false
    /// `ignoreImports`: the module's own imports are not followed.
    var ignoreImports = false
    /// Mounts the import gives the module, which replace the module's own.
    var mounts: [MountSetting] = []
}

/// The `module` settings of a configuration (the project's or a module's): its imports in Hugo's
/// order (`module.imports`, then `theme`) and its mounts.
struct ModuleSettings: Sendable, Equatable {
    var imports: [ModuleImport] = []
    var mounts: [MountSetting] = []

    /// Reads them from a whole configuration table.
    static func decode(_ table: FrontmatterValue) -> ModuleSettings {
        var settings = ModuleSettings()
        let module = table["module"]
        if case .array(let items)? = module?["imports"]?.kind {
            for item in items {
                guard let path = item["path"].flatMap(castString) ?? item.stringValue, !path.isEmpty else { continue }
                var entry = ModuleImport(path: path)
                func flag(_ key: String) -> Bool { item[key].map(PublishState.castBool) ?? false }
                entry.disable = flag("disable")
                entry.noMounts = flag("noMounts")
                entry.ignoreConfig = flag("ignoreConfig")
                entry.ignoreImports = flag("ignoreImports")
                if case .array(let mounts)? = item["mounts"]?.kind {
                    entry.mounts = mounts.compactMap(MountSetting.decode)
                }
                settings.imports.append(entry)
            }
        }
        // `theme` (a string or a list) adds imports after `module.imports` (Hugo's decodeConfig).
        for theme in SiteConfigLoader.themeNames(table) where !theme.isEmpty {
            settings.imports.append(ModuleImport(path: theme))
        }
        if case .array(let mounts)? = module?["mounts"]?.kind {
            settings.mounts = mounts.compactMap(MountSetting.decode)
        }
        return settings
    }
}

/// Hugo's file filter of a mount (`files`; `hglob.FilenameFilter`): glob patterns matched, lower
/// case, against the path below the mount's source with a leading `/` (`/docs/a.md`). The first
/// pattern that matches decides: `! pattern` excludes, any other includes. When nothing matches,
/// the file is excluded if there is any inclusion. Directories are filtered too, so a folder a
/// pattern leaves out is not walked: with `**.md`, only the files at the top are mounted; each
/// folder on the way to an inclusion pattern (`docs` for `docs/*.md`) is kept.
struct MountFilter: Sendable, Equatable {
    static let negation = "! "

    enum Kind: Sendable, Equatable { case include, includeDirectory, exclude }

    let entries: [(kind: Kind, glob: HugoGlob)]

    init?(_ patterns: [String]) {
        guard !patterns.isEmpty else { return nil }
        var entries: [(kind: Kind, glob: HugoGlob)] = []
        for written in patterns {
            var pattern = written
            let excludes = pattern.hasPrefix(Self.negation)
            if excludes { pattern.removeFirst(Self.negation.count) }
            if !pattern.hasPrefix("/") { pattern = "/" + pattern }
            entries.append((excludes ? .exclude : .include, HugoGlob(pattern)))
            guard !excludes else { continue }
            // Go's path.Dir, then every folder from the root down to it.
            let directory = pattern.lastIndex(of: "/").map { String(pattern[..<$0]) } ?? ""
            var parts: [Substring] = []
            entries.append((.includeDirectory, HugoGlob("/")))
            for part in directory.split(separator: "/") {
                parts.append(part)
                entries.append((.includeDirectory, HugoGlob("/" + parts.joined(separator: "/"))))
            }
        }
        self.entries = entries
    }

    static func == (left: MountFilter, right: MountFilter) -> Bool {
        left.entries.map(\.glob) == right.entries.map(\.glob) && left.entries.map(\.kind) == right.entries.map(\.kind)
    }

    /// Whether the file or folder at `path` (below the mount's source, with a leading `/`) is
    /// mounted, not counting the folders above it.
    func admits(_ path: String, isDirectory: Bool) -> Bool {
        var hasInclusion = false
        for entry in entries {
            switch entry.kind {
            case .exclude:
                if entry.glob.matches(path) { return false }
            case .include:
                if entry.glob.matches(path) { return true }
                hasInclusion = true
            case .includeDirectory:
                if isDirectory && entry.glob.matches(path) { return true }
            }
        }
        return !hasInclusion
    }

    /// Whether the file at `relative` (below the mount's source, no leading `/`) is mounted: each
    /// folder above it, then the file.
    func admitsFile(_ relative: String) -> Bool {
        var path = ""
        let parts = relative.split(separator: "/")
        for (index, part) in parts.enumerated() {
            path += "/" + part
            if !admits(path, isDirectory: index < parts.count - 1) { return false }
        }
        return true
    }
}

/// One folder (or file) mounted into one of Hugo's components, resolved against the site.
public struct Mount: Sendable, Equatable {
    public let component: MountComponent
    /// What is mounted, site-relative (`docs/de`, `themes/handbook/pages`, `../shared`).
    public let source: String
    /// Where it is mounted below the component (`blog` for `content/blog`; empty for the component
    /// itself). For a file, its path below the component (`about/_index.md`).
    public let targetPath: String
    /// The languages whose sites the mounted files belong to (`sites.matrix.languages`, or `lang`),
    /// in the languages' order. Without a matrix: the default language for content, every
    /// language for the other components. A language suffix in a file name overrides it. Empty
    /// when the matrix names none of the site's languages: Hugo then mounts nothing.
    public let languages: [String]
    /// `sites.matrix.languages` (with `lang`) as written: the globs `languages` comes from.
    public let languagePatterns: [String]
    /// The `files` patterns (hugo-behaviour §8.5).
    public let files: [String]
    /// The module it belongs to (a theme's name or a module path); nil for the project.
    public let module: String?
    /// The module's position in Hugo's module order: 0 for the project.
    public let moduleOrdinal: Int
    /// A single file mounted (`source = "README.md"`, `target = "content/_index.md"`).
    public let isFile: Bool
    let filter: MountFilter?
}

/// A file of a component as Hugo sees it through a mount.
struct MountedFile: Sendable, Equatable {
    /// Site-relative path of the real file.
    var path: String
    /// Its path below the component (`blog/post.md`), which Hugo's logical paths are made of.
    var logical: String
    /// Index of the mount in `Mounts.all`.
    var mount: Int
}

/// Which folders hold the content, static files, layouts and assets of the site, for which
/// languages (hugo-behaviour §8.5): the project's mounts (declared, or Hugo's defaults from
/// `contentDir`, `staticDir` ...), then those of every module (themes and imports, found by
/// `ModuleLocator`, each with its own configuration), in Hugo's order. This is the one owner of
/// where a component's files come from: content reading, `Layouts` and the published static and
/// asset files all list files through it.
public struct Mounts: Sendable {
    /// A module on disk: the project (`path` nil, folder "") or a theme or imported module.
    public struct Module: Sendable, Equatable {
        public let path: String?
        /// Site-relative folder ("" for the project).
        public let folder: String
    }

    /// The project, then every module found, in Hugo's module order.
    public let modules: [Module]
    /// Every mount in Hugo's order: the project's first, then each module's, in declaration
    /// order within each. Earlier mounts win when two give the same file.
    public let all: [Mount]
    /// Themes and modules the configuration imports that are not on disk (a module in Hugo's
    /// cache, a missing submodule): what they mount is unknown.
    public let missingModules: [String]
    /// What could not be read or is not followed: mount sources that do not exist, content
    /// folders of languages that do not exist, modules whose configuration does not parse,
    /// settings Hugo 0.168 refuses or twc-lint does not model.
    public let notices: [Notice]
    /// Content mounts declared with a folder or file below `content` whose source does not exist
    /// (often made by a script before the build): the logical path of what they would hold
    /// (`/docs/specs`, `/community/roadmap`), with their languages. Links there are not checked.
    public let unreadContent: [(logicalPath: String, languages: [String])]
    /// Each mount's position among the mounts of its component.
    let rank: [Int]

    init(
        modules: [Module], all: [Mount], missingModules: [String],
        unreadContent: [(logicalPath: String, languages: [String])], notices: [Notice]
    ) {
        self.modules = modules
        self.all = all
        self.missingModules = missingModules
        self.unreadContent = unreadContent
        self.notices = notices
        var counts: [MountComponent: Int] = [:]
        rank = all.map { mount in
            defer { counts[mount.component, default: 0] += 1 }
            return counts[mount.component, default: 0]
        }
    }

    /// The mounts of `component`, in order.
    public func mounts(_ component: MountComponent) -> [(index: Int, mount: Mount)] {
        all.enumerated().filter { $0.element.component == component }.map { ($0.offset, $0.element) }
    }

    /// Every file of `component` as its mounts give it, mount by mount in order (a file reached
    /// through two mounts is listed twice), with what could not be listed.
    func files(_ component: MountComponent, in site: any SiteFileSystem) -> (
        files: [MountedFile], problems: [FileSystemError]
    ) {
        var files: [MountedFile] = []
        var problems: [FileSystemError] = []
        var seenProblems = Set<String>()
        for (index, mount) in mounts(component) where !mount.languages.isEmpty {
            if mount.isFile {
                files.append(MountedFile(path: mount.source, logical: mount.targetPath, mount: index))
                continue
            }
            let listing = site.files(under: mount.source)
            for problem in listing.problems where seenProblems.insert(problem.path).inserted {
                problems.append(problem)
            }
            for relative in listing.files where mount.filter?.admitsFile(relative) ?? true {
                files.append(
                    MountedFile(
                        path: SitePath.join(mount.source, relative), logical: SitePath.join(mount.targetPath, relative),
                        mount: index))
            }
        }
        return (files, problems)
    }

    /// Where a file at `contentPath` (below the content component: `docs/intro.md`) of
    /// `language` is read from when a content mount is there for that language alone (a
    /// per-language `contentDir` or a mount with `lang`): the site-relative path, else nil.
    public func contentSource(of contentPath: String, language: String) -> String? {
        for (_, mount) in mounts(.content) where mount.languages == [language] && !mount.isFile {
            if mount.targetPath.isEmpty { return SitePath.join(mount.source, contentPath) }
            if contentPath.hasPrefix(mount.targetPath + "/") {
                return SitePath.join(mount.source, String(contentPath.dropFirst(mount.targetPath.count + 1)))
            }
        }
        return nil
    }

    /// The mounts of the site in `site` as `config` declares them, with its modules'.
    public static func read(_ site: any SiteFileSystem, config: SiteConfig) -> Mounts {
        var builder = Builder(site: site, config: config)
        builder.addProject()
        builder.addImports(config.module.imports)
        builder.checkContent()
        return Mounts(
            modules: builder.modules, all: builder.mounts, missingModules: builder.missing,
            unreadContent: builder.unreadContent, notices: builder.notices)
    }

    /// Builds the mount list (Hugo's `modules.collector` and `ApplyProjectConfigDefaults`).
    struct Builder {
        let site: any SiteFileSystem
        let config: SiteConfig
        let locator: ModuleLocator
        var modules: [Module] = [Module(path: nil, folder: "")]
        var mounts: [Mount] = []
        var missing: [String] = []
        var notices: [Notice] = []
        /// Module paths met so far: a module is used once, where it is first imported.
        var seen = Set<String>()
        /// The project's default content mounts whose folder is missing, by source, with the
        /// languages that use it.
        var missingContentDirs: [(source: String, languages: [String])] = []
        var unreadContent: [(logicalPath: String, languages: [String])] = []

        init(site: any SiteFileSystem, config: SiteConfig) {
            self.site = site
            self.config = config
            locator = ModuleLocator(site: site, config: config)
        }

        /// The project's mounts as declared (those whose source exists), then Hugo's default
        /// mount of every component no declared mount targets: per language content folders
        /// (`contentDir`), `staticDir`, `layouts`, `assets` ...
        mutating func addProject() {
            let origin = config.configFiles.first ?? "hugo.toml"
            let declared = resolve(config.module.mounts, folder: "", module: nil, ordinal: 0, origin: origin)
            let configured = Set(declared.map(\.component))
            var defaults: [MountSetting] = []
            var defaultOrigins: [String: [String]] = [:]
            if !configured.contains(.content) {
                // A language whose contentDir is the site's has no language of its own: its
                // files are in the default language (hugo-behaviour §2.1).
                for language in config.languages {
                    let shared = language.contentDir == config.contentDir
                    defaults.append(
                        MountSetting(
                            source: language.contentDir, target: "content", languages: shared ? [] : [language.key]))
                    defaultOrigins[language.contentDir, default: []].append(language.key)
                }
            }
            for component in [MountComponent.data, .layouts, .i18n, .archetypes, .assets]
            where !configured.contains(
                component)
            {
                defaults.append(
                    MountSetting(
                        source: config.componentDirs[component] ?? component.rawValue, target: component.rawValue))
            }
            if !configured.contains(.staticFiles) {
                // On a multihost site each language has its own static files.
                for language in config.isMultihost ? config.languageKeys : [""] {
                    for dir in config.staticDirs {
                        defaults.append(
                            MountSetting(source: dir, target: "static", languages: language.isEmpty ? [] : [language]))
                    }
                }
            }
            var unique: [MountSetting] = []
            for setting in defaults where !unique.contains(setting) { unique.append(setting) }
            // Hugo adds the defaults whether their folders exist or not.
            var resolved = declared
            for setting in unique {
                guard let mount = mount(setting, folder: "", module: nil, ordinal: 0, origin: origin, isDefault: true)
                else { continue }
                if setting.target == "content" && !site.isDirectory(mount.source) {
                    missingContentDirs.append((setting.source, defaultOrigins[setting.source] ?? []))
                }
                if !resolved.contains(mount) { resolved.append(mount) }
            }
            mounts += resolved
        }

        /// Each import not disabled and not seen before: found on disk, its configuration read
        /// (unless `ignoreConfig`), its mounts (the import's, else its own, else every component
        /// folder it has), then its own imports, depth first.
        mutating func addImports(_ imports: [ModuleImport]) {
            for entry in imports where !entry.disable && seen.insert(entry.path).inserted {
                guard let folder = locator.root(of: entry.path) else {
                    missing.append(entry.path)
                    continue
                }
                let ordinal = modules.count
                modules.append(Module(path: entry.path, folder: folder))
                var settings = ModuleSettings()
                if !entry.ignoreConfig {
                    do throws(SiteConfigError) {
                        settings = try SiteConfigLoader.moduleSettings(
                            site, folder: folder, environment: config.environment)
                    } catch {
                        notices.append(
                            Notice(
                                severity: .info, file: error.file,
                                message: "cannot read this module configuration (\(error.message)); the module's "
                                    + "own mounts and imports are unknown, its folders are read as Hugo's defaults"))
                    }
                }
                var declared = entry.mounts.isEmpty ? settings.mounts : entry.mounts
                if entry.noMounts {
                    declared = []
                } else if declared.isEmpty {
                    declared = MountComponent.allCases.map(\.rawValue).sorted().filter {
                        site.isDirectory(SitePath.join(folder, $0))
                    }.map { MountSetting(source: $0, target: $0) }
                }
                mounts += resolve(declared, folder: folder, module: entry.path, ordinal: ordinal, origin: folder)
                if !entry.ignoreImports { addImports(settings.imports) }
            }
        }

        /// Notes for the content folders of languages that do not exist; an error when no content
        /// folder exists at all, for then no page was read.
        mutating func checkContent() {
            let noContent = !mounts.contains { $0.component == .content && site.exists($0.source) }
            for (source, languages) in missingContentDirs {
                let names = languages.joined(separator: ", ")
                notices.append(
                    Notice(
                        severity: noContent ? .error : .info, file: source,
                        message: "the content folder of \(names) does not exist"
                            + (noContent
                                ? "; no page was read (check contentDir in the configuration)"
                                : ": no \(names) page was read")))
            }
        }

        /// The mounts of one module whose source exists, duplicates left out.
        mutating func resolve(
            _ settings: [MountSetting], folder: String, module: String?, ordinal: Int, origin: String
        ) -> [Mount] {
            var result: [Mount] = []
            var removed: [String] = []
            var unmodelled: [String] = []
            for setting in settings {
                for key in setting.removedKeys where !removed.contains(key) { removed.append(key) }
                for key in setting.unmodelled where !unmodelled.contains(key) { unmodelled.append(key) }
                guard let mount = mount(setting, folder: folder, module: module, ordinal: ordinal, origin: origin)
                else { continue }
                if mount.component == .layouts, !mount.languages.isEmpty,
                    mount.languages.count < config.languageKeys.count,
                    !unmodelled.contains("sites.matrix of a layouts mount")
                {
                    unmodelled.append("sites.matrix of a layouts mount")
                }
                if !result.contains(mount) { result.append(mount) }
            }
            if !removed.isEmpty {
                let keys = removed.map { "module.mounts.\($0)" }.joined(separator: ", ")
                notices.append(
                    Notice(
                        severity: .info, file: origin,
                        message: "Hugo 0.168 stops with an error on \(keys) (removed after Hugo 0.153; use "
                            + "sites.matrix.languages and files); twc-lint reads them as Hugo still applies them"))
            }
            if !unmodelled.isEmpty {
                notices.append(
                    Notice(
                        severity: .info, file: origin,
                        message: "module.mounts: \(unmodelled.joined(separator: ", ")) is not modelled: twc-lint "
                            + "mounts content for the languages of sites.matrix and templates for every language"))
            }
            return result
        }

        /// One mount, resolved: nil when its target is no component or its source does not exist
        /// (Hugo skips such a mount; a note says so for a declared mount of content, layouts,
        /// static files or assets).
        mutating func mount(
            _ setting: MountSetting, folder: String, module: String?, ordinal: Int, origin: String,
            isDefault: Bool = false
        ) -> Mount? {
            let target = ModuleLocator.clean(setting.target)
            let segments = target.split(separator: "/").map(String.init)
            guard let first = segments.first, let component = MountComponent(rawValue: first) else { return nil }
            var source = ModuleLocator.clean(setting.source)
            if source.hasPrefix("/") {
                // Absolute sources are allowed in the project only.
                guard module == nil else { return nil }
                source = SiteConfigLoader.contentDirPath(source, root: config.root)
            } else if !isDefault {
                source = ModuleLocator.clean(SitePath.join(folder, source))
            }
            let languages: [String]
            if setting.languages.isEmpty {
                languages = component == .content ? [config.defaultContentLanguage] : config.languageKeys
            } else {
                // A matrix that names none of the site's languages: Hugo mounts nothing.
                languages = Self.matching(setting.languages, config.languageKeys)
            }
            var kind = site.kind(of: source)
            if kind == nil, module != nil, let modules = Self.nodeModulesPath(setting.source) {
                // A module's `node_modules/…` that it lacks is looked for in the project (Hugo 0.152+).
                source = modules
                kind = site.kind(of: source)
            }
            guard kind == .file || kind == .directory || (isDefault && kind == nil) else {
                let targetPath = segments.dropFirst().joined(separator: "/")
                if !isDefault, component == .content, !targetPath.isEmpty, !languages.isEmpty {
                    // Often a folder or file a script makes before the build: what it would hold is
                    // unknown. A target named like a page is one page (`community/roadmap.md`).
                    let name = HugoPath.contentPath(targetPath) { _ in false }
                    let page = ContentTree.pageExtensions.contains(name.ext)
                    let logical =
                        page
                        ? name.logicalPath : HugoPath.contentPath(targetPath + "/_index.md") { _ in false }.logicalPath
                    unreadContent.append((logical, languages))
                    notices.append(
                        Notice(
                            severity: .info, file: source,
                            message: "the mount source \(source) (target \(target)) does not exist: Hugo skips "
                                + "the mount, and so does twc-lint; links to "
                                + (page ? "the page \(logical)" : "the pages below \(logical)/")
                                + " are not checked"))
                } else if !isDefault, component == .content || component == .layouts || module == nil,
                    component != .data, component != .i18n, component != .archetypes
                {
                    // A module's static or assets mounts often name alternatives (node_modules/…)
                    // that are not all there: only the project's are noted.
                    notices.append(
                        Notice(
                            severity: .info, file: source,
                            message: "the mount source \(source) (target \(target)) does not exist: Hugo skips "
                                + "the mount, and so does twc-lint"))
                }
                return nil
            }
            return Mount(
                component: component, source: source, targetPath: segments.dropFirst().joined(separator: "/"),
                languages: languages, languagePatterns: setting.languages, files: setting.files, module: module,
                moduleOrdinal: ordinal,
                isFile: kind == .file, filter: kind == .file ? nil : MountFilter(setting.files))
        }

        /// `node_modules/x` (or `../../node_modules/x`, an older way to name the project's) as a
        /// path of the project; nil for any other source.
        static func nodeModulesPath(_ source: String) -> String? {
            let clean = ModuleLocator.clean(source)
            if clean.hasPrefix("node_modules/") { return clean }
            if clean.hasPrefix("../../node_modules/") { return String(clean.dropFirst("../../".count)) }
            return nil
        }

        /// The languages a glob slice selects (hugo-behaviour §8.5): a language matched by a
        /// `! pattern` is out; otherwise it is in when a pattern matches it, or when every
        /// pattern is a negation.
        static func matching(_ patterns: [String], _ languages: [String]) -> [String] {
            let negated = patterns.filter { $0.hasPrefix(MountFilter.negation) }.map {
                HugoGlob(String($0.dropFirst(MountFilter.negation.count)))
            }
            let positive = patterns.filter { !$0.hasPrefix(MountFilter.negation) }.map(HugoGlob.init)
            return languages.filter { language in
                !negated.contains { $0.matches(language) }
                    && (positive.isEmpty || positive.contains { $0.matches(language) })
            }
        }
    }
}
