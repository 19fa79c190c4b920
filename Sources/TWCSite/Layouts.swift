import Foundation
import TWCCore
import TWCTemplate

/// The site's templates as Hugo looks them up (hugo-behaviour §8): the layouts mounts in order
/// (`Mounts`: the project's `layouts/` or what it mounts there first, then each module's). This
/// is the one
/// place that reads templates and answers questions about them: which render hooks the site has
/// (and so how Markdown links and images are resolved), which shortcodes exist and whether each
/// evaluates `.Inner`, which partials exist. What could not be read is listed, not guessed.
public struct Layouts: Sendable {
    /// A layout folder: `layouts`, `themes/<name>/layouts`, or whatever a layouts mount names.
    public struct Folder: Sendable, Equatable {
        /// Site-relative path.
        public let path: String
        /// The theme or module it belongs to; nil for the project's own.
        public let theme: String?
        /// Where it is mounted below `layouts` (`_shortcodes` for a mount at
        /// `layouts/_shortcodes`); empty for the layouts root.
        public var target: String = ""
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
        /// Parameters whose value the template writes into an `href` attribute, as given
        /// (Blowfish's `{{< button href="join" >}}`) or through functions (`relLangURL`):
        /// found by executing the template with a marker for each parameter (hugo-behaviour §6.4).
        public let hrefParameters: [String]
        /// The parsed template, executed for each call to find the `href` it writes.
        public var template: TemplateFile? = nil
        /// Whether what the template writes may hold a Markdown heading (used as `{{% %}}`, its
        /// output is Markdown of the page: such a heading gets an id twc-lint does not see).
        /// True unless the template's output is known and has none (`.Inner` aside, which is the
        /// page's own text); false for Hugo's built-ins.
        public var mayWriteHeadings = true
        /// Whether the template writes nothing at all (Hugo's `comment`, Docsy's own
        /// `comment.html`): what a pair of its tags encloses is not on the page.
        public var writesNothing = false
        /// Whether the template, or a partial it names, writes a `<script>` element: a page that
        /// uses it may get elements (and ids) in the browser that are not in Hugo's output
        /// (opentelemetry.io's config-types page draws `id="type-…"` from a JSON file).
        public var writesScript = false

        /// Same name, file and analysis (the parsed template is not compared).
        public static func == (left: Shortcode, right: Shortcode) -> Bool {
            left.name == right.name && left.file == right.file && left.usesInner == right.usesInner
                && left.hrefParameters == right.hrefParameters
        }
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
    /// A hook of the pages below a section (`layouts/docs/specs/_markup/render-link.html`).
    public struct SectionHook: Sendable {
        public let section: String
        public let path: String
        public let file: TemplateFile
    }

    /// Section hooks of link and image kinds, deepest section first.
    public let sectionHookTemplates: [String: [SectionHook]]

    /// The hook of `kind` that renders the page at `logicalPath`: the hook of the deepest section
    /// holding it, else the site's; nil when there is none that twc-lint follows.
    public func hookTemplate(_ kind: String, for logicalPath: String) -> TemplateFile? {
        for hook in sectionHookTemplates[kind] ?? []
        where logicalPath == "/" + hook.section || logicalPath.hasPrefix("/" + hook.section + "/") {
            return hook.file
        }
        return hookTemplates[kind]
    }

    /// The file of the hook `hookTemplate(kind, for:)` returns.
    public func hookPath(_ kind: String, for logicalPath: String) -> String? {
        for hook in sectionHookTemplates[kind] ?? []
        where logicalPath == "/" + hook.section || logicalPath.hasPrefix("/" + hook.section + "/") {
            return hook.path
        }
        return hookTemplates[kind] == nil ? nil : renderHooks[kind]
    }

    /// What the site's heading render hook writes as a heading's `id`, by level (1–6); empty
    /// when the site has no heading hook (Hugo then writes the anchor as the id).
    public let headingIDs: [Int: HeadingID]

    /// What a heading hook writes as the `id` of a heading of some level.
    public enum HeadingID: Sendable, Equatable {
        /// The heading's anchor (`id="{{ .Anchor }}"`), as without a hook.
        case anchor
        /// No `id`: links to the heading's anchor lead nowhere.
        case none
        /// Something twc-lint cannot compute.
        case unknown
    }

    /// The `id`s the site's templates write as literal text (`<span id="contact-us">`): a page
    /// built with those templates may have them, so a fragment naming one is not reported.
    public let templateIDs: Set<String>
    /// Link and image hooks Hugo chooses between by section, language or output format
    /// (`docs/_markup/render-link.html`, `render-link.nl.html`), or two of a kind in one folder:
    /// which one renders a page is not modelled, so these kinds are not followed.
    public let hookVariants: [String: [String]]
    /// The home page's template for the output format written as Netlify's `_redirects`
    /// (`SiteConfig.redirectsOutputFormat`: `layouts/index.redirects`), with its site-relative
    /// path; nil when the site has none, or the lookup is not modelled (`redirectsTemplateProblem`).
    public let redirectsTemplate: (path: String, file: TemplateFile)?
    /// Why the `_redirects` template is not known (not found, language variants, unparsable).
    public let redirectsTemplateProblem: String?

    /// Whether every template the site may use was read: no theme is missing and every template
    /// could be read. When false, a shortcode that is not found may still exist.
    public var knowsAllTemplates: Bool { missingThemes.isEmpty && problems.isEmpty }

    /// The shortcode `name` (any case) as Hugo finds it, or nil when no template defines it.
    public func shortcode(_ name: String) -> Shortcode? { shortcodes[name.lowercased()] }

    /// Hugo's embedded shortcodes, and whether each evaluates `.Inner`.
    public static let builtInShortcodes: [String: Bool] = [
        "details": true, "highlight": true, "qr": true, "comment": true,
        "ref": false, "relref": false, "figure": false, "param": false, "youtube": false, "vimeo": false,
        "x": false, "twitter": false, "instagram": false, "gist": false, "tweet": false, "vimeo_simple": false,
        "x_simple": false, "twitter_simple": false, "instagram_simple": false,
    ]

    /// The values of `id="..."` attributes written entirely in a template's text.
    static func literalIDs(_ file: TemplateFile) -> Set<String> {
        var ids = Set<String>()
        for definition in file.templates {
            definition.root.walk { node in
                guard case .text(let text) = node.kind else { return true }
                var rest = Substring(text)
                while let found = rest.range(of: "id=") {
                    let before = rest[..<found.lowerBound].last
                    rest = rest[found.upperBound...]
                    guard before == " " || before == "\t" || before == "\n", let quote = rest.first,
                        quote == "\"" || quote == "'"
                    else { continue }
                    let value = rest.dropFirst()
                    guard let end = value.firstIndex(of: quote) else { break }
                    if !value[..<end].isEmpty { ids.insert(String(value[..<end])) }
                    rest = value[value.index(after: end)...]
                }
                return true
            }
        }
        return ids
    }

    /// Reads the templates of the layouts mounts of the site in `site`.
    public static func read(_ site: any SiteFileSystem, config: SiteConfig, mounts: Mounts) -> Layouts {
        let layoutMounts = mounts.mounts(.layouts).filter { !$0.mount.languages.isEmpty }
        let folders = layoutMounts.map {
            Folder(path: $0.mount.source, theme: $0.mount.module, target: $0.mount.targetPath)
        }
        let missing = mounts.missingModules
        let listing = mounts.files(.layouts, in: site)
        var problems = listing.problems
        var filesOfMount: [Int: [MountedFile]] = [:]
        for file in listing.files { filesOfMount[file.mount, default: []].append(file) }
        var renderHooks: [String: String] = [:]
        var shortcodes: [String: Shortcode] = [:]
        var partials: [String: String] = [:]
        for (name, usesInner) in builtInShortcodes {
            shortcodes[name] = Shortcode(
                name: name, file: nil, usesInner: usesInner, hrefParameters: [], mayWriteHeadings: false,
                writesNothing: name == "comment")
        }
        // Later mounts first, so that earlier ones (the project, then the first module) win.
        var hookVariants: [String: [String]] = [:]
        var sectionHooks: [String: [String: String]] = [:]
        var templateIDs = Set<String>()
        for (index, _) in layoutMounts.reversed() {
            // Render hooks: `_markup/render-KIND.html` (or `_default/_markup/`) for every page;
            // other files of a kind (a section's `_markup/`, `render-link.nl.html`) are variants.
            var generic: [String: [String]] = [:]
            for mounted in filesOfMount[index] ?? [] {
                let file = mounted.logical
                if file.hasSuffix(".html"), let bytes = try? site.read(mounted.path),
                    let parsed = try? TemplateParser.parse(bytes, name: file)
                {
                    templateIDs.formUnion(Self.literalIDs(parsed))
                }
                let parts = file.split(separator: "/")
                guard parts.count >= 2, parts[parts.count - 2] == "_markup", let name = parts.last,
                    name.hasPrefix("render-"), name.hasSuffix(".html")
                else { continue }
                let kind = String(name.dropFirst("render-".count).prefix { $0 != "." })
                let path = mounted.path
                if file == "_markup/" + name || file == "_default/_markup/" + name, name == "render-\(kind).html" {
                    generic[kind, default: []].append(path)
                    renderHooks[kind] = path
                } else if name == "render-\(kind).html", parts.count >= 3, parts[0] != "_default" {
                    // `docs/specs/_markup/render-link.html`: the hook of the pages below /docs/specs.
                    sectionHooks[kind, default: [:]][parts.dropLast(2).joined(separator: "/")] = path
                } else {
                    hookVariants[kind, default: []].append(path)
                }
            }
            for (kind, paths) in generic where paths.count > 1 { hookVariants[kind, default: []] += paths }
        }
        for (index, _) in layoutMounts.reversed() {
            for mounted in filesOfMount[index] ?? [] {
                let parts = mounted.logical.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                let (sub, file) = (parts[0], parts[1])
                if sub == "shortcodes" || sub == "_shortcodes",
                    file.hasSuffix(".html") || file.hasSuffix(".md") || file.hasSuffix(".txt")
                {
                    let name = String(file.prefix { $0 != "." }).lowercased()
                    let path = mounted.path
                    do {
                        let analysis = ShortcodeTemplateReader.analyze(
                            try site.read(path), name: sub + "/" + file, config: config)
                        shortcodes[name] = Shortcode(
                            name: name, file: path, usesInner: analysis.usesInner,
                            hrefParameters: analysis.hrefParameters, template: analysis.file,
                            mayWriteHeadings: analysis.mayWriteHeadings, writesNothing: analysis.writesNothing)
                    } catch {
                        problems.append(error)
                        shortcodes[name] = Shortcode(name: name, file: path, usesInner: nil, hrefParameters: [])
                    }
                } else if sub == "partials" || sub == "_partials" {
                    partials[file] = mounted.path
                }
            }
        }
        // Shortcodes that write a script, themselves or through partials they name.
        var partialScripts: [String: Bool] = [:]
        func writesScript(_ file: TemplateFile, depth: Int) -> Bool {
            var found = false
            for definition in file.templates where !found {
                definition.root.walk { node in
                    if found { return false }
                    if case .text(let text) = node.kind, text.range(of: "<script", options: .caseInsensitive) != nil {
                        found = true
                        return false
                    }
                    let arguments = node.arguments
                    if arguments.count >= 2, case .identifier(let function) = arguments[0].kind,
                        ["partial", "partialCached", "partials.Include", "partials.IncludeCached"].contains(function),
                        case .string(let name) = arguments[1].kind, depth < TemplateEvaluator.maxDepth
                    {
                        if let (file, path) = Self.partialEntry(name, in: partials) {
                            if partialScripts[path] == nil {
                                partialScripts[path] = false  // a partial that calls itself
                                let parsed = (try? site.read(path)).flatMap {
                                    try? TemplateParser.parse($0, name: "partials/" + file)
                                }
                                partialScripts[path] = parsed.map { writesScript($0, depth: depth + 1) } ?? false
                            }
                            if partialScripts[path] == true { found = true }
                        }
                    }
                    return !found
                }
            }
            return found
        }
        for (name, shortcode) in shortcodes {
            guard let template = shortcode.template else { continue }
            shortcodes[name]?.writesScript = writesScript(template, depth: 0)
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
        for (kind, sections) in sectionHooks where renderHooks[kind] == nil {
            renderHooks[kind] = sections.values.sorted()[0]
        }
        for (kind, paths) in hookVariants where renderHooks[kind] == nil { renderHooks[kind] = paths.sorted()[0] }
        var sectionHookTemplates: [String: [SectionHook]] = [:]
        for kind in ["link", "image"] where hookVariants[kind] == nil {
            if let path = renderHooks[kind], sectionHooks[kind]?.values.contains(path) != true,
                let file = parse(path, name: "_markup/render-" + kind + ".html")
            {
                hookTemplates[kind] = file
            }
            var hooks: [SectionHook] = []
            for (section, path) in sectionHooks[kind] ?? [:] {
                guard let file = parse(path, name: section + "/_markup/render-" + kind + ".html") else {
                    hookVariants[kind, default: []].append(path)
                    continue
                }
                hooks.append(SectionHook(section: section, path: path, file: file))
            }
            if hookVariants[kind] != nil {
                hookTemplates[kind] = nil
                continue
            }
            // The deepest section first.
            sectionHookTemplates[kind] = hooks.sorted {
                ($0.section.count, $0.section) > ($1.section.count, $1.section)
            }
        }
        // The `_redirects` template: the home page's for that output format, first found in the
        // mounts' order (hugo-behaviour §8.6).
        var redirectsTemplate: (path: String, file: TemplateFile)?
        var redirectsTemplateProblem: String?
        if let format = config.redirectsOutputFormat?.lowercased() {
            let names = ["home", "index", "list", "all"].flatMap { [$0, "_default/" + $0] }
            func matches(_ logical: String, _ name: String) -> Bool {
                let lowered = logical.lowercased()
                return lowered == name + "." + format || lowered.hasPrefix(name + "." + format + ".")
            }
            search: for (index, _) in layoutMounts {
                for name in names {
                    guard let found = filesOfMount[index]?.first(where: { matches($0.logical, name) }) else { continue }
                    if let variant = filesOfMount[index]?.first(where: { file in
                        config.languageKeys.contains { matches(file.logical, name + "." + $0) }
                    }) {
                        redirectsTemplateProblem = "\(variant.path) is a language's own variant"
                    } else if let file = parse(found.path, name: found.logical) {
                        redirectsTemplate = (found.path, file)
                    } else {
                        redirectsTemplateProblem = "\(found.path) could not be read or parsed"
                    }
                    break search
                }
            }
            if redirectsTemplate == nil, redirectsTemplateProblem == nil {
                redirectsTemplateProblem = "no home template for output format '\(format)' was found"
            }
        }
        let readsPartials =
            renderHooks["link"] != nil || renderHooks["image"] != nil || renderHooks["heading"] != nil
        if readsPartials || redirectsTemplate != nil {
            for (name, path) in partials.sorted(by: { $0.key < $1.key })
            where name.hasSuffix(".html") || redirectsTemplate != nil {
                if let file = parse(path, name: "partials/" + name) { partialTemplates[name] = file }
            }
        }
        var headingIDs: [Int: HeadingID] = [:]
        if let path = renderHooks["heading"] {
            let file = hookVariants["heading"] == nil ? parse(path, name: "_markup/render-heading.html") : nil
            for level in 1...6 {
                guard let file else {
                    headingIDs[level] = .unknown
                    continue
                }
                var evaluator = TemplateEvaluator(
                    host: HeadingProbeHost(level: level, config: config, partials: partialTemplates), budget: 20_000)
                let result = evaluator.execute(file, dot: .object(TemplateObject(kind: "heading")))
                switch result.output.attribute("id") {
                case .known(let id)?: headingIDs[level] = id == HeadingProbeHost.marker ? .anchor : .unknown
                case .unknown?: headingIDs[level] = .unknown
                case nil: headingIDs[level] = result.output.isKnown ? HeadingID.none : .unknown
                }
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
            unparsedTemplates: unparsed, sectionHookTemplates: sectionHookTemplates, headingIDs: headingIDs,
            templateIDs: templateIDs,
            hookVariants: hookVariants.filter { $0.key == "link" || $0.key == "image" }.mapValues {
                Array(Set($0)).sorted()
            }.reduce(into: [:]) { all, entry in
                all[entry.key] = ([renderHooks[entry.key]].compactMap { $0 } + entry.value).uniqued()
            }, redirectsTemplate: redirectsTemplate, redirectsTemplateProblem: redirectsTemplateProblem)
    }
}

extension Layouts {
    /// The partial template a `partial` call names: `name.html`, `name`, `partials/name.html`
    /// or `_partials/name.html`, below `layouts/partials/` or `layouts/_partials/`.
    static func partial(_ name: String, in partials: [String: TemplateFile]) -> TemplateFile? {
        partialEntry(name, in: partials)?.value
    }

    /// The entry of `partials` (keyed by the file's name below the partials folder) that a
    /// `partial` call names, with that name.
    static func partialEntry<Value>(_ name: String, in partials: [String: Value]) -> (name: String, value: Value)? {
        var name = Substring(name)
        while name.hasPrefix("/") { name = name.dropFirst() }
        for prefix in ["_partials/", "partials/"] where name.hasPrefix(prefix) { name = name.dropFirst(prefix.count) }
        if let value = partials[String(name)] { return (String(name), value) }
        if let value = partials[name + ".html"] { return (name + ".html", value) }
        return nil
    }
}

/// What twc-lint reads from a shortcode template, parsed as Hugo parses it (TWCTemplate).
enum ShortcodeTemplateReader {
    struct Analysis {
        /// Nil when the template does not parse (Hugo would stop on it).
        var usesInner: Bool?
        var hrefParameters: [String]
        var file: TemplateFile?
        var mayWriteHeadings = true
        var writesNothing = false
    }

    /// `name` is Hugo's template name (`_shortcodes/button.html`).
    static func analyze(_ bytes: [UInt8], name: String, config: SiteConfig) -> Analysis {
        guard let file = try? TemplateParser.parse(bytes, name: name) else {
            return Analysis(usesInner: nil, hrefParameters: [], file: nil)
        }
        let output = probe(file, config: config)
        return Analysis(
            usesInner: HugoTemplates.usesInner(file), hrefParameters: hrefParameters(file, config: config), file: file,
            mayWriteHeadings: mayWriteHeadings(output), writesNothing: output.map(writesNothing) ?? false)
    }

    /// What the template writes, executed with markers for its parameters and `.Inner` opaque;
    /// nil when the execution did not finish.
    static func probe(_ file: TemplateFile, config: SiteConfig) -> TemplateOutput? {
        var evaluator = TemplateEvaluator(host: ShortcodeProbeHost(config: config), budget: 20_000)
        let result = evaluator.execute(file, dot: .object(TemplateObject(kind: "shortcode")))
        return result.complete ? result.output : nil
    }

    /// Nothing but white space, known.
    static func writesNothing(_ output: TemplateOutput) -> Bool {
        output.segments.allSatisfy {
            if case .text(let text) = $0 { return text.allSatisfy(\.isWhitespace) }
            return false
        }
    }

    /// Whether the template's output (`probe`) may hold a Markdown heading line (ATX `# x`, or a
    /// setext underline below a line of text): `.Inner` is the page's own text, which twc-lint
    /// reads where it stands; anything it writes that is not known may be a heading.
    static func mayWriteHeadings(_ output: TemplateOutput?) -> Bool {
        guard let output else { return true }
        var text = ""
        for segment in output.segments {
            switch segment {
            case .unknown: return true
            case .text(let written), .value(let written): text += written
            case .opaque: text += "\u{E002}"
            }
        }
        var previousIsText = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let content = line.drop { $0 == " " }
            let indent = line.count - content.count
            if indent <= 3, content.hasPrefix("#") {
                let level = content.prefix { $0 == "#" }
                if level.count <= 6, content.dropFirst(level.count).first.map({ $0 == " " || $0 == "\t" }) ?? true {
                    return true
                }
            }
            let trimmed = content.trimmingCharacters(in: .whitespaces)
            if indent <= 3, previousIsText, !trimmed.isEmpty, Set(trimmed).count == 1,
                trimmed.first == "=" || trimmed.first == "-"
            {
                return true
            }
            previousIsText = !trimmed.isEmpty
        }
        return false
    }

    /// The parameters (`.Get "name"`, `.Get 0`) whose value reaches the first `href` the template
    /// writes: the template is executed with a marker for each parameter, and the markers found
    /// in the `href` name them. A template whose `href` cannot be computed has none.
    static func hrefParameters(_ file: TemplateFile, config: SiteConfig) -> [String] {
        var names: [String] = []
        for definition in file.templates {
            definition.root.walk { node in
                let arguments = node.arguments
                if arguments.count == 2 {
                    var isGet = false
                    switch arguments[0].kind {
                    case .field(let fields): isGet = fields.last == "Get"
                    case .variable(let words): isGet = words.count == 2 && words[1] == "Get"
                    default: break
                    }
                    if isGet, case .string(let name) = arguments[1].kind, !names.contains(name) { names.append(name) }
                    if isGet, case .number(let number) = arguments[1].kind, number.isInt,
                        !names.contains(String(number.int64))
                    {
                        names.append(String(number.int64))
                    }
                }
                return true
            }
        }
        guard !names.isEmpty else { return [] }
        var evaluator = TemplateEvaluator(host: ShortcodeProbeHost(config: config), budget: 20_000)
        let result = evaluator.execute(file, dot: .object(TemplateObject(kind: "shortcode")))
        guard case .known(let href)? = result.output.attribute("href") else { return [] }
        return names.filter { href.contains(ShortcodeProbeHost.marker($0)) }
    }
}

/// Executes a shortcode template with markers for its parameters (`ShortcodeTemplateReader`).
struct ShortcodeProbeHost: TemplateHost {
    let config: SiteConfig

    static func marker(_ name: String) -> String { "\u{E000}" + name + "\u{E001}" }

    func member(_ object: TemplateObject, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        guard object.kind == "shortcode" else { return .unknown }
        switch name {
        case "Get":
            guard arguments.count == 1 else { return .unknown }
            switch arguments[0] {
            case .string(let key): return .string(Self.marker(key))
            case .int(let position): return .string(Self.marker(String(position)))
            default: return .unknown
            }
        case "Inner", "InnerDeindent": return .opaque(empty: nil)
        default: return .unknown
        }
    }

    func function(_ name: String, _ arguments: [TemplateValue]) -> TemplateValue? {
        guard arguments.count == 1, let input = arguments[0].stringValue else { return nil }
        let language = config.defaultContentLanguage
        switch name {
        case "relURL", "urls.RelURL", "relLangURL", "urls.RelLangURL":
            return HugoURLFunctions.relURL(
                input, addLanguage: name.contains("Lang"), config: config, language: language
            ).map(TemplateValue.string)
        case "absURL", "urls.AbsURL", "absLangURL", "urls.AbsLangURL":
            return HugoURLFunctions.absURL(
                input, addLanguage: name.contains("Lang"), config: config, language: language
            ).map(TemplateValue.string)
        default: return nil
        }
    }

    func partial(_ name: String) -> TemplateFile? { nil }

    func print(_ object: TemplateObject) -> TemplateOutputSegment { .unknown }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// Executes a heading render hook with a marker for `.Anchor` (`Layouts.headingIDs`).
struct HeadingProbeHost: TemplateHost {
    let level: Int
    let config: SiteConfig
    let partials: [String: TemplateFile]
    /// Printable (Go's `%q` keeps it as it is), and changed by every case mapping, `urlize`,
    /// `anchorize` or replacement of the characters anchors are made of: a hook that writes
    /// anything but the anchor itself does not write the marker.
    static let marker = "Twc-Anchor_Probe.\u{E9}9"

    func member(_ object: TemplateObject, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        guard object.kind == "heading", arguments.isEmpty else { return .unknown }
        switch name {
        case "Anchor": return .string(Self.marker)
        case "Level": return .int(level)
        case "Text", "PlainText": return .opaque(empty: false)
        // Hugo's heading attributes hold the id (hugo-behaviour §8.2); the other attributes
        // (`{.class}`) are a heading's own and do not change where its id is written.
        case "Attributes": return .map(["id": .string(Self.marker)])
        default: return .unknown
        }
    }

    func function(_ name: String, _ arguments: [TemplateValue]) -> TemplateValue? { nil }
    func partial(_ name: String) -> TemplateFile? { Layouts.partial(name, in: partials) }
    func print(_ object: TemplateObject) -> TemplateOutputSegment { .unknown }
}
