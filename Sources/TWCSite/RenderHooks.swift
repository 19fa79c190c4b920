import Foundation
import TWCCore
import TWCFrontmatter
import TWCMarkdown
import TWCTemplate

/// What a site's own link or image render hook writes for a link: the hook is executed
/// (`TemplateEvaluator`) with the link's destination, title and page, and the `href` (link) or
/// `src` (image) it writes is read from its output (hugo-behaviour §6.5).
enum RenderHookOutcome: Equatable {
    /// The attribute value the hook writes, the page whose empty `RelPermalink` (a page Hugo
    /// keeps without a URL) it wrote, if any, and the URLs of the resources whose permalink it
    /// asked for (Hugo publishes an asset when its permalink is used).
    case href(String, unrendered: Int?, resources: Set<String>)
    /// What the hook writes could not be computed: a function, field or partial the evaluator
    /// does not model (the first one met), a condition on something unknown.
    case unknown(cause: String?)
    /// The hook writes no such attribute.
    case none
}

enum RenderHooks {
    /// The `href` a shortcode call writes (the template executed with the call's parameters);
    /// nil when it cannot be computed or the shortcode has no parsed template.
    static func shortcodeHref(_ link: PageLink, page: Page, site: SiteIndex) -> String? {
        guard let name = link.shortcodeName, let index = link.shortcodeIndex,
            let template = site.layouts.shortcode(name)?.template, index < page.parsed.shortcodes.count
        else { return nil }
        let host = SiteTemplateHost(site: site, page: page, link: link)
        host.shortcode = page.parsed.shortcodes[index]
        var evaluator = TemplateEvaluator(host: host)
        let result = evaluator.execute(template, dot: .object(TemplateObject(kind: "shortcode")))
        if case .known(let href)? = result.output.attribute("href") { return href }
        return nil
    }

    static func evaluate(_ hook: TemplateFile, kind: String, link: PageLink, page: Page, site: SiteIndex)
        -> RenderHookOutcome
    {
        // A hook that read nothing but the link's destination, title and text wrote what it
        // writes for every link with the same ones (Blowfish's verbatim hook, on every link).
        let key = HookMemo.Key(
            hook: hook.root, kind: kind, destination: link.destination, title: link.title,
            textIsEmpty: link.textIsEmpty)
        if let known = site.hookMemo.outcome(key) { return known }
        let host = SiteTemplateHost(site: site, page: page, link: link)
        var evaluator = TemplateEvaluator(host: host)
        let result = evaluator.execute(hook, dot: .object(TemplateObject(kind: "hook")))
        let outcome: RenderHookOutcome
        switch result.output.attribute(kind == "image" ? "src" : "href") {
        case .known(let value)?:
            outcome = .href(value, unrendered: host.unrenderedPage, resources: host.usedResources)
        case .unknown?: outcome = .unknown(cause: evaluator.unknownCause)
        case nil: outcome = result.output.isKnown ? .none : .unknown(cause: evaluator.unknownCause)
        }
        if !host.readsContext { site.hookMemo.remember(key, outcome) }
        return outcome
    }
}

/// What render hooks wrote for links, when what they read was only the link's own destination,
/// title and text (`SiteTemplateHost.readsContext`): shared by the threads that resolve links.
final class HookMemo: @unchecked Sendable {
    struct Key: Hashable {
        let hook: TemplateNode
        let kind: String
        let destination: String
        let title: String?
        let textIsEmpty: Bool?
    }

    private let lock = NSLock()
    private var outcomes: [Key: RenderHookOutcome] = [:]

    func outcome(_ key: Key) -> RenderHookOutcome? {
        lock.lock()
        defer { lock.unlock() }
        return outcomes[key]
    }

    func remember(_ key: Key, _ outcome: RenderHookOutcome) {
        lock.lock()
        outcomes[key] = outcome
        lock.unlock()
    }
}

/// The objects and functions of a Hugo site for template evaluation, seen from one page (and the
/// link a render hook renders).
final class SiteTemplateHost: TemplateHost {
    let site: SiteIndex
    let resolver: LinkResolver
    let page: Page
    let link: PageLink?
    /// The shortcode call a shortcode template is executed for.
    var shortcode: Shortcode?
    /// A page without a URL whose `RelPermalink` (empty) was asked for.
    var unrenderedPage: Int?
    /// Resources whose `RelPermalink` or `Permalink` was asked for: published by the build.
    var usedResources: Set<String> = []
    /// Whether the template read anything beyond the link's destination, title and text: the
    /// page, the site, a function of the host (`relLangURL` depends on the page's language).
    private(set) var readsContext = false
    /// The site's files, for `readDir` (only a template over the whole site is given them).
    var files: (any SiteFileSystem)?
    /// The page collections (`.Site.Pages`, `.Pages`, `.Parent`, `.Translations`), built on the
    /// first question.
    lazy var collections = site.collections.value { SiteCollections(site) }

    init(site: SiteIndex, page: Page, link: PageLink?) {
        self.site = site
        self.resolver = LinkResolver(site: site)
        self.page = page
        self.link = link
    }

    var config: SiteConfig { site.config }

    static func page(_ index: Int) -> TemplateValue { .object(TemplateObject(kind: "page", id: index)) }

    func siteObject(_ language: String) -> TemplateValue { .object(TemplateObject(kind: "site", text: language)) }

    func partial(_ name: String) -> TemplateFile? { Layouts.partial(name, in: site.layouts.partialTemplates) }

    func print(_ object: TemplateObject) -> TemplateOutputSegment {
        readsContext = true
        return .unknown
    }

    func member(_ object: TemplateObject, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        if object.kind != "hook" || !["Destination", "Title", "Text", "PlainText"].contains(name) {
            readsContext = true
        }
        switch object.kind {
        case "hook": return hookMember(name, arguments)
        case "shortcode": return shortcodeMember(name, arguments)
        case "page": return pageMember(site.pages[object.id], name, arguments)
        case "generatedPage":
            switch name {
            case "RelPermalink": return .string(HugoPath.percentEncode(object.text))
            case "Permalink": return absolute(HugoPath.percentEncode(object.text), language: page.language)
            default: return generatedMember(object, name, arguments)
            }
        case "hugo": return hugoMember(name, arguments)
        case "sites":
            guard name == "Default", arguments.isEmpty else { return .unknown }
            return siteObject(config.defaultContentLanguage)
        case "fileInfo": return fileInfoMember(object, name, arguments)
        case "resources": return resourcesMember(site.pages[object.id], name, arguments)
        case "resource":
            switch name {
            case "RelPermalink":
                usedResources.insert(object.text)
                return .string(HugoPath.percentEncode(object.text))
            case "Permalink":
                usedResources.insert(object.text)
                return absolute(HugoPath.percentEncode(object.text), language: page.language)
            default: return .unknown
            }
        case "file": return fileMember(site.pages[object.id], name)
        case "site": return siteMember(object.text, name, arguments)
        case "language":
            switch name {
            case "Lang", "Name": return .string(object.text)
            default: return .unknown
            }
        case "store":
            return name == "Set" || name == "Add" || name == "SetInMap" || name == "DeleteInMap"
                ? .string("") : .unknown
        default:
            return .unknown
        }
    }

    func hookMember(_ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        guard arguments.isEmpty, let link else { return .unknown }
        switch name {
        case "Destination": return .string(link.destination)
        case "Title": return link.title.map(TemplateValue.string) ?? .unknown
        case "Text", "PlainText": return .opaque(empty: link.textIsEmpty)
        case "Page", "PageInner": return Self.page(page.index)
        // Markdown attributes of a link or image need `parser.attribute.block` (off by default).
        case "Attributes": return .map([:])
        case "IsBlock", "Ordinal", "Position": return .unknown
        default: return .unknown
        }
    }

    /// A shortcode's context: `.Get` by name or position, `.Params`, `.Inner`, `.Page`, `.Name`.
    func shortcodeMember(_ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        guard let shortcode else { return .unknown }
        let parameters = shortcode.parameters
        let named = parameters.first?.name != nil
        switch name {
        case "Get":
            guard arguments.count == 1 else { return .unknown }
            switch arguments[0] {
            case .string(let key):
                guard named else { return .null }
                // The link's own parameter has the link's destination (a fix may propose another).
                if let link, key == link.shortcodeParameter { return .string(link.destination) }
                return parameters.first { $0.name == key }.map { .string($0.value) } ?? .null
            case .int(let position):
                guard !named, position >= 0, position < parameters.count else { return .null }
                return .string(parameters[position].value)
            default: return .unknown
            }
        case "Params":
            guard arguments.isEmpty else { return .unknown }
            if named {
                var map: [String: TemplateValue] = [:]
                for parameter in parameters { if let key = parameter.name { map[key] = .string(parameter.value) } }
                return .map(map)
            }
            return .slice(parameters.map { .string($0.value) })
        case "IsNamedParams": return .bool(named)
        case "Name": return .string(shortcode.name)
        case "Inner", "InnerDeindent": return .opaque(empty: nil)
        case "Page": return Self.page(page.index)
        case "Site": return siteObject(page.language)
        default: return .unknown
        }
    }

    func pageMember(_ target: Page, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        if name == "GetPage" {
            guard arguments.count == 1, let path = arguments[0].stringValue else { return .unknown }
            return getPage(path, from: target, language: target.language)
        }
        guard arguments.isEmpty else { return .unknown }
        switch name {
        case "RelPermalink":
            guard target.publishState.hasURL else {
                unrenderedPage = target.index
                return .string("")
            }
            return .string(target.relPermalink)
        case "Permalink":
            guard target.publishState.hasURL else { return .unknown }
            return absolute(target.relPermalink, language: target.language)
        case "Kind": return .string(target.kind.rawValue)
        case "Lang": return .string(target.language)
        case "Language": return .object(TemplateObject(kind: "language", text: target.language))
        case "IsPage": return .bool(target.kind == .page)
        case "IsSection": return .bool(target.kind == .section)
        case "IsHome": return .bool(target.kind == .home)
        case "BundleType":
            if target.isLeafBundle { return .string("leaf") }
            return .string(target.kind == .page ? "" : "branch")
        case "File": return .object(TemplateObject(kind: "file", id: target.index))
        case "Params": return FrontmatterTemplateValue.params(of: target.effectiveFrontmatter.table)
        case "Resources": return .object(TemplateObject(kind: "resources", id: target.index))
        case "Site": return siteObject(target.language)
        case "Store", "Scratch": return .object(TemplateObject(kind: "store", id: target.index))
        case "Draft":
            if case .bool(let draft)? = target.frontmatter["draft"]?.kind { return .bool(draft) }
            return .unknown
        case "Section":
            let first = target.logicalPath.split(separator: "/").first.map(String.init) ?? ""
            return .string(target.kind == .home ? "" : first)
        case "Aliases":
            return aliases(
                target.effectiveFrontmatter, url: target.url, language: target.language, logicalPath: target.logicalPath
            )
        case "Parent": return collections.parents[.page(target.index)].map(value) ?? .null
        case "Pages", "RegularPages":
            let members = collections.children[target.language + ":" + target.logicalPath] ?? []
            return .slice(collections.pages(members, regularOnly: name == "RegularPages", in: site).map(value))
        case "Translations": return .slice(collections.translations(of: target, in: site).map(value))
        default: return .unknown
        }
    }

    /// `.GetPage` / `site.GetPage`: Hugo's page lookup from a page (no base-name search).
    func getPage(_ path: String, from origin: Page, language: String) -> TemplateValue {
        switch resolver.lookupPage(path, from: origin, language: language, reflink: false) {
        case .found(let index): return Self.page(index)
        case .generated(let url): return .object(TemplateObject(kind: "generatedPage", id: -1, text: url))
        case .notFound: return .null
        case .ambiguous: return .unknown
        }
    }

    func resourcesMember(_ owner: Page, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        switch name {
        case "Get", "GetMatch":
            guard arguments.count == 1, let path = arguments[0].stringValue else { return .unknown }
            if name == "GetMatch", path.contains(where: { "*?[{\\".contains($0) }) { return .unknown }
            guard let url = site.resource(path, of: owner) else { return .null }
            return .object(TemplateObject(kind: "resource", text: url))
        default:
            return .unknown
        }
    }

    func fileMember(_ target: Page, _ name: String) -> TemplateValue {
        let relative = target.contentPath
        let directory =
            relative.utf8.contains(UInt8(ascii: "/")) ? String(relative[...relative.lastIndex(of: "/")!]) : ""
        let fileName = String(relative.split(separator: "/").last ?? "")
        switch name {
        case "Path": return .string(relative)
        case "Dir": return .string(directory)
        case "LogicalName": return .string(fileName)
        case "Ext": return .string(String(GoPath.ext(fileName).dropFirst()))
        case "Filename": return .string(SitePath.join(config.root, target.path))
        case "BaseFileName": return .string(String(fileName.dropLast(GoPath.ext(fileName).count)))
        case "TranslationBaseName", "ContentBaseName":
            // The file's name without its extension and language; a bundle's is its folder's.
            var base = Substring(fileName.dropLast(GoPath.ext(fileName).count))
            let language = GoPath.ext(String(base))
            if language.count > 1, config.languageKeys.contains(String(language.dropFirst()).lowercased()) {
                base = base.dropLast(language.count)
            }
            if name == "ContentBaseName", base == "index" || base == "_index" {
                let folders = directory.split(separator: "/")
                return .string(folders.last.map(String.init) ?? "")
            }
            return .string(String(base))
        default: return .unknown
        }
    }

    func siteMember(_ language: String, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        if name == "GetPage" {
            guard arguments.count == 1, let path = arguments[0].stringValue else { return .unknown }
            // site.GetPage looks up from the root: a path without a leading slash is still absolute.
            return getPage(path.hasPrefix("/") ? path : "/" + path, from: page, language: language)
        }
        guard arguments.isEmpty else { return .unknown }
        switch name {
        case "Home":
            if let index = site.collectionPage(logicalPath: "", language: language)
                ?? site.collectionPage(logicalPath: "/", language: language)
            {
                return Self.page(index)
            }
            return .object(TemplateObject(kind: "generatedPage", id: -1, text: config.urlPrefix(for: language)))
        case "BaseURL":
            let base = config.baseURL(for: language)
            return base.isEmpty ? .unknown : .string(base)
        case "Params": return siteParams(language)
        case "Language": return .object(TemplateObject(kind: "language", text: language))
        case "LanguagePrefix":
            let directory = config.languageDirectory(for: language)
            return .string(directory.isEmpty ? "" : "/" + directory.dropLast())
        case "IsMultiLingual": return .bool(config.languages.count > 1)
        case "Pages", "RegularPages":
            let members = collections.sitePages[language] ?? []
            return .slice(collections.pages(members, regularOnly: name == "RegularPages", in: site).map(value))
        default: return .unknown
        }
    }

    /// `site.Params` of a language: the language's own parameters over the site's.
    func siteParams(_ language: String) -> TemplateValue {
        var merged: [String: TemplateValue] = [:]
        if let params = config.params, case .map(let entries) = FrontmatterTemplateValue.value(params) {
            merged = entries
        }
        if let own = config.languageParams[language], case .map(let entries) = FrontmatterTemplateValue.value(own) {
            merged.merge(entries) { _, new in new }
        }
        return .map(merged)
    }

    func function(_ name: String, _ arguments: [TemplateValue]) -> TemplateValue? {
        readsContext = true
        switch name {
        case "site":
            return arguments.isEmpty ? siteObject(page.language) : .unknown
        case "hugo":
            return arguments.isEmpty ? .object(TemplateObject(kind: "hugo")) : .unknown
        case "readDir", "os.ReadDir":
            guard arguments.count == 1, let path = arguments[0].stringValue else { return .unknown }
            return readDirectory(path)
        case "relURL", "urls.RelURL", "absURL", "urls.AbsURL", "relLangURL", "urls.RelLangURL", "absLangURL",
            "urls.AbsLangURL":
            guard arguments.count == 1, let input = arguments[0].stringValue else { return .unknown }
            let addLanguage = name.contains("Lang")
            let url =
                name.lowercased().contains("abs")
                ? HugoURLFunctions.absURL(input, addLanguage: addLanguage, config: config, language: page.language)
                : HugoURLFunctions.relURL(input, addLanguage: addLanguage, config: config, language: page.language)
            return url.map(TemplateValue.string) ?? .unknown
        case "ref", "relref", "urls.Ref", "urls.RelRef":
            // `relref PAGE PATH` or `relref PAGE (dict "path" P "lang" L)`: Hugo's lookup from PAGE.
            guard arguments.count == 2, case .object(let object) = arguments[0], object.kind == "page" else {
                return .unknown
            }
            var call = RefCall(
                name: name.lowercased().hasSuffix("relref") ? "relref" : "ref", shortcode: -1, path: "", named: false)
            switch arguments[1] {
            case .string(let path): call.path = path
            case .map(let options):
                guard let path = options["path"]?.stringValue else { return .unknown }
                call.path = path
                call.language = options["lang"]?.stringValue?.lowercased()
                if options["outputFormat"] != nil { return .unknown }
            default: return .unknown
            }
            let origin = site.pages[object.id]
            let url: String
            let fragment: String?
            var language = call.language ?? origin.language
            switch resolver.resolveRef(call, from: origin) {
            case .page(let index, let found):
                let target = site.pages[index]
                guard target.publishState.hasURL else { return .string("") }
                url = target.relPermalink
                fragment = found
                language = target.language
            case .generatedPage(let generated, let found):
                url = HugoPath.percentEncode(generated)
                fragment = found
            case .samePage(let found):
                url = ""
                fragment = found
            case .notFound:
                return .unknown  // REF_NOT_FOUND: Hugo stops the build (or writes refLinksNotFoundURL)
            }
            let relative = url + (fragment.map { "#" + $0 } ?? "")
            if call.name == "relref" || url.isEmpty { return .string(relative) }
            return absolute(relative, language: language)
        case "resources.Get", "resources.GetMatch":
            guard arguments.count == 1, var path = arguments[0].stringValue else { return .unknown }
            if name == "resources.GetMatch", path.contains(where: { "*?[{\\".contains($0) }) { return .unknown }
            while path.hasPrefix("/") { path.removeFirst() }
            guard !path.isEmpty else { return .null }
            guard site.published.assets.contains(HugoPath.lower(path)) else {
                // An asset of a theme or module that is not on disk may exist.
                return site.layouts.missingThemes.isEmpty ? .null : .unknown
            }
            return .object(TemplateObject(kind: "resource", text: config.baseURLPath(for: page.language) + path))
        default:
            return nil
        }
    }

    /// An absolute URL on the host of `language` (the site's, or the language's on a multihost
    /// site) for a site-relative path (the baseURL's scheme and host).
    func absolute(_ relative: String, language: String) -> TemplateValue {
        guard let base = GoURL.parse(config.baseURL(for: language)), !base.scheme.isEmpty, !base.host.isEmpty else {
            return .unknown
        }
        return .string(base.scheme + "://" + base.host + relative)
    }
}

/// Hugo's `relURL`, `absURL`, `relLangURL` and `absLangURL` (helpers/url.go).
enum HugoURLFunctions {
    /// The language prefix `relLangURL` adds: the language directory without its slash.
    static func languagePrefix(_ config: SiteConfig, _ language: String) -> String {
        String(
            config.languageDirectory(for: language).dropLast(config.languageDirectory(for: language).isEmpty ? 0 : 1))
    }

    static func addLanguage(_ input: String, _ u: String, prefix: String) -> String {
        guard !prefix.isEmpty else { return u }
        let trimmed = input.hasPrefix("/") ? String(input.dropFirst()) : input
        if trimmed == prefix || trimmed.hasPrefix(prefix + "/") { return u }
        let hadSlash = u.hasSuffix("/")
        var joined = GoPath.join([prefix, u])
        if hadSlash { joined += "/" }
        return joined
    }

    static func relURL(_ input: String, addLanguage add: Bool, config: SiteConfig, language: String) -> String? {
        let baseURL = config.baseURL(for: language)
        guard let parsed = GoURL.parse(input), let base = GoURL.parse(baseURL) else { return nil }
        let withoutPath = base.scheme.isEmpty ? "" : base.scheme + "://" + base.host
        let baseRoot = input.hasPrefix("/") ? withoutPath : baseURL
        if (!input.hasPrefix(baseRoot) && parsed.isAbsolute) || input.hasPrefix("//") { return input }
        var u = input
        if !baseRoot.isEmpty && input.hasPrefix(baseRoot) { u = String(u.dropFirst(baseRoot.count)) }
        if add { u = addLanguage(input, u, prefix: languagePrefix(config, language)) }
        // AddContextRoot: the baseURL's path joined in front.
        let root = GoURL.parse(baseRoot)?.path ?? ""
        var joined = GoPath.join([root, u])
        if joined.isEmpty { joined = "" }
        if joined != "/" && u.hasSuffix("/") { joined += "/" }
        u = joined
        if input.isEmpty && !u.hasSuffix("/") && baseRoot.hasSuffix("/") { u += "/" }
        if !u.hasPrefix("/") { u = "/" + u }
        return u
    }

    static func absURL(_ input: String, addLanguage add: Bool, config: SiteConfig, language: String) -> String? {
        guard let parsed = GoURL.parse(input), let base = GoURL.parse(config.baseURL(for: language)),
            !base.scheme.isEmpty
        else {
            return nil
        }
        if parsed.isAbsolute || input.hasPrefix("//") { return input }
        var input = input
        if add {
            let prefix = languagePrefix(config, language)
            let trimmed = input.hasPrefix("/") ? String(input.dropFirst()) : input
            if !prefix.isEmpty && !(trimmed == prefix || trimmed.hasPrefix(prefix + "/")) {
                let addSlash = input.isEmpty || input.hasSuffix("/")
                input = GoPath.join([prefix, input])
                if addSlash { input += "/" }
            }
        }
        // MakePermalink: the baseURL's path (none when the input starts with `/`) joined with it.
        let basePath = input.hasPrefix("/") ? "" : base.path
        var path = GoPath.join([basePath.isEmpty ? "/" : basePath, input])
        if input.hasSuffix("/") && !path.hasSuffix("/") { path += "/" }
        if input.isEmpty && !path.hasSuffix("/") { path += "/" }
        return base.scheme + "://" + base.host + path
    }
}

/// Front matter and configuration values as template values: tables are maps with lower-cased
/// keys (Hugo's `maps.Params` reads keys case-insensitively).
enum FrontmatterTemplateValue {
    static func value(_ value: FrontmatterValue) -> TemplateValue {
        switch value.kind {
        case .string(let s): return .string(s)
        case .integer(let i): return .int(Int(i))
        case .float(let f): return .float(f)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .datetime: return .unknown
        case .array(let items): return .slice(items.map(Self.value))
        case .table(let entries):
            var map: [String: TemplateValue] = [:]
            for entry in entries { map[entry.key.lowercased()] = Self.value(entry.value) }
            return .map(map)
        }
    }

    /// A page's `.Params`: its front matter keys, with those of its `params` table.
    static func params(of frontmatter: FrontmatterValue) -> TemplateValue {
        guard case .map(var map) = value(frontmatter) else { return .map([:]) }
        if case .map(let nested)? = map["params"] { map.merge(nested) { _, new in new } }
        return .map(map)
    }
}
