import Foundation
import TWCCore
import TWCTemplate

/// The site's templates as Hugo looks them up (hugo-behaviour §8): the project's `layouts/` first,
/// then each theme's `layouts/` in the order the configuration names the themes. This is the one
/// place that reads templates and answers questions about them: which render hooks the site has
/// (and so how Markdown links and images are resolved), which shortcodes exist and whether each
/// evaluates `.Inner`, which partials exist. What could not be read is listed, not guessed.
public struct Layouts: Sendable {
    /// A layout folder: `layouts` or `themes/<name>/layouts`.
    public struct Folder: Sendable, Equatable {
        /// Site-relative path.
        public let path: String
        /// The theme it belongs to; nil for the project's own.
        public let theme: String?
    }

    /// A shortcode template, or one of Hugo's built-in shortcodes.
    public struct Shortcode: Sendable, Equatable {
        public let name: String
        /// Site-relative path of the template that wins the lookup; nil for a built-in.
        public let file: String?
        /// Whether the template evaluates `.Inner` (so the shortcode must be closed or
        /// self-closed, and a closing tag is an error otherwise); nil when the template could not
        /// be read or parsed.
        public let usesInner: Bool?
        /// Parameters the template writes into an `href` attribute as given (Blowfish's
        /// `{{< button href="join" >}}`): the browser resolves them (hugo-behaviour §6.4).
        public let hrefParameters: [String]
    }

    /// Layout folders in lookup order (project first); themes not on disk are left out.
    public let folders: [Folder]
    /// Themes and modules the configuration names whose folder is not on disk (a module in Hugo's
    /// cache, a missing submodule): their templates, static files and hooks are unknown.
    public let missingThemes: [String]
    /// Templates or folders that could not be read.
    public let problems: [FileSystemError]
    /// The render hook template of each kind (`link`, `image`, `heading` ...) that wins the lookup.
    public let renderHooks: [String: String]
    /// Shortcodes by lower-cased name: the project's, the themes', then Hugo's built-ins.
    public let shortcodes: [String: Shortcode]
    /// Partial templates by name (`header.html`, `nav/menu.html`), with the file that wins.
    public let partials: [String: String]
    /// How Markdown link destinations are resolved: by Hugo's embedded link render hook, or as
    /// written (the site's own hook, or no hook).
    public let linkResolution: LinkResolution
    /// The same for image destinations (`render-image.html`).
    public let imageResolution: LinkResolution
    /// The site's own link and image render hooks, parsed (by kind: `link`, `image`); a hook
    /// that does not parse is absent here and listed in `unparsedTemplates`.
    public let hookTemplates: [String: TemplateFile]
    /// Partial templates, parsed, by the name a `partial` call gives (`picture.html`), read only
    /// when the site has a link or image hook of its own (they are what such hooks call).
    public let partialTemplates: [String: TemplateFile]
    /// Templates that were read but do not parse (site-relative paths).
    public let unparsedTemplates: [String]

    /// Whether every template the site may use was read: no theme is missing and every template
    /// could be read. When false, a shortcode that is not found may still exist.
    public var knowsAllTemplates: Bool { missingThemes.isEmpty && problems.isEmpty }

    /// The shortcode `name` (any case) as Hugo finds it, or nil when no template defines it.
    public func shortcode(_ name: String) -> Shortcode? { shortcodes[name.lowercased()] }

    /// Hugo's embedded shortcodes, and whether each evaluates `.Inner`.
    public static let builtInShortcodes: [String: Bool] = [
        "details": true, "highlight": true, "qr": true, "comment": true,
        "ref": false, "relref": false, "figure": false, "param": false, "youtube": false, "vimeo": false,
        "x": false, "twitter": false, "instagram": false, "gist": false, "tweet": false,
    ]

    /// Reads the layout folders of the site in `site` as `config` names them.
    public static func read(_ site: any SiteFileSystem, config: SiteConfig) -> Layouts {
        var folders = [Folder(path: "layouts", theme: nil)]
        var missing: [String] = []
        for theme in config.themes {
            // A theme by name, or a module by path (`themesDir/<path>`, or vendored in `_vendor/`).
            let candidates = [SitePath.join(config.themesDir, theme), SitePath.join("_vendor", theme)]
            if let root = candidates.first(where: { site.isDirectory($0) }) {
                folders.append(Folder(path: root + "/layouts", theme: theme))
            } else {
                missing.append(theme)
            }
        }
        var problems: [FileSystemError] = []
        var renderHooks: [String: String] = [:]
        var shortcodes: [String: Shortcode] = [:]
        var partials: [String: String] = [:]
        for (name, usesInner) in builtInShortcodes {
            shortcodes[name] = Shortcode(name: name, file: nil, usesInner: usesInner, hrefParameters: [])
        }
        // Later folders first, so that earlier ones (the project, then the first theme) win.
        for folder in folders.reversed() {
            for sub in ["_default/_markup", "_markup"] {
                let listing = site.files(under: folder.path + "/" + sub)
                problems += listing.problems
                for file in listing.files
                where !file.contains("/") && file.hasPrefix("render-") && file.hasSuffix(".html") {
                    let kind = String(file.dropFirst("render-".count).prefix { $0 != "." })
                    renderHooks[kind] = folder.path + "/" + sub + "/" + file
                }
            }
            for sub in ["shortcodes", "_shortcodes"] {
                let listing = site.files(under: folder.path + "/" + sub)
                problems += listing.problems
                for file in listing.files
                where file.hasSuffix(".html") || file.hasSuffix(".md") || file.hasSuffix(".txt") {
                    let name = String(file.prefix { $0 != "." }).lowercased()
                    let path = folder.path + "/" + sub + "/" + file
                    do {
                        let analysis = ShortcodeTemplateReader.analyze(try site.read(path), name: sub + "/" + file)
                        shortcodes[name] = Shortcode(
                            name: name, file: path, usesInner: analysis.usesInner,
                            hrefParameters: analysis.hrefParameters)
                    } catch {
                        problems.append(error)
                        shortcodes[name] = Shortcode(name: name, file: path, usesInner: nil, hrefParameters: [])
                    }
                }
            }
            for sub in ["partials", "_partials"] {
                let listing = site.files(under: folder.path + "/" + sub)
                problems += listing.problems
                for file in listing.files { partials[file] = folder.path + "/" + sub + "/" + file }
            }
        }
        var hookTemplates: [String: TemplateFile] = [:]
        var partialTemplates: [String: TemplateFile] = [:]
        var unparsed: [String] = []
        func parse(_ path: String, name: String) -> TemplateFile? {
            do {
                let bytes = try site.read(path)
                guard let file = try? TemplateParser.parse(bytes, name: name) else {
                    unparsed.append(path)
                    return nil
                }
                return file
            } catch {
                problems.append(error)
                return nil
            }
        }
        for kind in ["link", "image"] {
            if let path = renderHooks[kind], let file = parse(path, name: "_markup/render-" + kind + ".html") {
                hookTemplates[kind] = file
            }
        }
        if renderHooks["link"] != nil || renderHooks["image"] != nil {
            for (name, path) in partials.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".html") {
                if let file = parse(path, name: "partials/" + name) { partialTemplates[name] = file }
            }
        }
        func resolution(_ kind: String) -> LinkResolution {
            switch config.embeddedHooks[kind] ?? .auto {
            case .never: return .browser
            case .always: return .embeddedHook
            case .fallback: return renderHooks[kind] == nil ? .embeddedHook : .browser
            case .auto:
                // Multilingual single-host sites without a hook of their own and without
                // `duplicateResourceFiles` (hugo-behaviour §6.3).
                let languageCount = config.languages.count + config.disabledLanguages.count
                return renderHooks[kind] == nil && languageCount >= 2 && !config.duplicateResourceFiles
                    ? .embeddedHook : .browser
            }
        }
        return Layouts(
            folders: folders, missingThemes: missing, problems: problems, renderHooks: renderHooks,
            shortcodes: shortcodes, partials: partials, linkResolution: resolution("link"),
            imageResolution: resolution("image"), hookTemplates: hookTemplates, partialTemplates: partialTemplates,
            unparsedTemplates: unparsed)
    }
}

/// What twc-lint reads from a shortcode template, parsed as Hugo parses it (TWCTemplate).
enum ShortcodeTemplateReader {
    struct Analysis {
        /// Nil when the template does not parse (Hugo would stop on it).
        var usesInner: Bool?
        var hrefParameters: [String]
    }

    /// `name` is Hugo's template name (`_shortcodes/button.html`).
    static func analyze(_ bytes: [UInt8], name: String) -> Analysis {
        guard let file = try? TemplateParser.parse(bytes, name: name) else {
            return Analysis(usesInner: nil, hrefParameters: [])
        }
        return Analysis(usesInner: HugoTemplates.usesInner(file), hrefParameters: hrefParameters(file))
    }

    /// The `.Get "name"` parameters the template prints verbatim as an `href` attribute value:
    /// `href="{{ .Get "href" }}"` (or `$.Get`), or `{{ with .Get "href" }}href="{{ . }}"{{ end }}`.
    /// A value passed through `relURL`, `absURL`, `ref` ... is not listed: Hugo rewrites it.
    static func hrefParameters(_ file: TemplateFile) -> [String] {
        var names: [String] = []
        func add(_ name: String) { if !names.contains(name) { names.append(name) } }
        for definition in file.templates {
            definition.root.walk { node in
                if case .with = node.kind, let name = node.pipe.flatMap(getParameter), let list = node.list,
                    containsVerbatimHref(list.children, printing: { isDot($0) })
                {
                    add(name)
                }
                if case .list = node.kind {
                    let items = node.children
                    for index in items.indices where index + 2 < items.count {
                        guard case .text(let before) = items[index].kind, opensHref(before),
                            case .action = items[index + 1].kind,
                            let name = items[index + 1].pipe.flatMap(getParameter),
                            case .text(let after) = items[index + 2].kind, after.hasPrefix("\"")
                        else { continue }
                        add(name)
                    }
                }
                return true
            }
        }
        return names
    }

    /// Whether `items` hold `href="`, an action printing what `printing` accepts, then `"`.
    static func containsVerbatimHref(_ items: [TemplateNode], printing: (TemplateNode) -> Bool) -> Bool {
        for index in items.indices where index + 2 < items.count {
            guard case .text(let before) = items[index].kind, opensHref(before),
                case .action = items[index + 1].kind, let pipe = items[index + 1].pipe, printing(pipe),
                case .text(let after) = items[index + 2].kind, after.hasPrefix("\"")
            else { continue }
            return true
        }
        return false
    }

    /// `"x"` in a pipeline that is only `.Get "x"` or `$.Get "x"`.
    static func getParameter(_ pipe: TemplateNode) -> String? {
        guard pipe.declarations.isEmpty, pipe.commands.count == 1 else { return nil }
        let arguments = pipe.commands[0].arguments
        guard arguments.count == 2, case .string(let name) = arguments[1].kind else { return nil }
        switch arguments[0].kind {
        case .field(let fields) where fields == ["Get"]: return name
        case .variable(let words) where words == ["$", "Get"]: return name
        default: return nil
        }
    }

    /// A pipeline that is only `.`.
    static func isDot(_ pipe: TemplateNode) -> Bool {
        guard pipe.declarations.isEmpty, pipe.commands.count == 1, pipe.commands[0].arguments.count == 1,
            case .dot = pipe.commands[0].arguments[0].kind
        else { return false }
        return true
    }

    /// Text that ends in an `href` attribute's opening quote: `<a class="x" href="`, ` HREF = "`.
    static func opensHref(_ text: String) -> Bool {
        var rest = Substring(text)
        guard rest.hasSuffix("\"") else { return false }
        rest = rest.dropLast()
        while rest.last == " " || rest.last == "\t" || rest.last == "\n" { rest = rest.dropLast() }
        guard rest.hasSuffix("=") else { return false }
        rest = rest.dropLast()
        while rest.last == " " || rest.last == "\t" || rest.last == "\n" { rest = rest.dropLast() }
        guard rest.lowercased().hasSuffix("href") else { return false }
        rest = rest.dropLast(4)
        return rest.isEmpty || rest.last.map { $0 == " " || $0 == "\t" || $0 == "\n" } == true
    }
}
