import Foundation
import TWCCore
import TWCTemplate

/// What Hugo makes of a `ref`/`relref` call (hugo-behaviour §6.1).
public enum RefResolution: Sendable, Equatable {
    /// The page found (in the call's language), and the fragment appended to its permalink.
    case page(Int, fragment: String?)
    /// A list page Hugo generates without a content file (a section without `_index.md`, a
    /// taxonomy or term), at `url`.
    case generatedPage(url: String, fragment: String?)
    /// An empty path (`relref "#frag"`): Hugo returns the fragment alone, a link to the page itself.
    case samePage(fragment: String?)
    /// REF_NOT_FOUND: Hugo logs the reason (an error by default, which fails the build) and
    /// writes `refLinksNotFoundURL` (empty by default).
    case notFound(reason: String)

}

/// Resolves link destinations as the built site does (hugo-behaviour §6.1 to §6.4).
struct LinkResolver {
    let site: SiteIndex

    func resolve(_ link: PageLink, from page: Page) -> LinkTarget {
        if let call = link.ref { return resolve(call, from: page) }
        if link.viaShortcode { return .unknown }
        let layouts = site.layouts
        switch link.kind {
        case .shortcodeOutput:
            // What the template wrote is the href (or src) itself.
            return resolveInBrowser(link.destination, from: page)
        case .shortcodeHref:
            if let name = link.shortcodeName, layouts.shortcode(name)?.template != nil {
                guard let href = RenderHooks.shortcodeHref(link, page: page, site: site) else { return .unknown }
                return resolveInBrowser(href, from: page)
            }
            return resolveInBrowser(link.destination, from: page)
        case .image:
            if let hook = layouts.hookTemplate("image", for: page.logicalPath) {
                return resolve(link, from: page, hook: hook, "image")
            }
            // A theme that is not on disk may have a hook of its own.
            if layouts.renderHooks["image"] != nil || !layouts.missingThemes.isEmpty { return .unknown }
            if layouts.imageResolution == .embeddedHook {
                return resolve(link, from: page, hook: EmbeddedHooks.image, "image")
            }
        case .inline, .reference:
            if let hook = layouts.hookTemplate("link", for: page.logicalPath) {
                return resolve(link, from: page, hook: hook, "link")
            }
            if layouts.renderHooks["link"] != nil || !layouts.missingThemes.isEmpty { return .unknown }
            if layouts.linkResolution == .embeddedHook {
                return resolve(link, from: page, hook: EmbeddedHooks.link, "link")
            }
        default:
            if layouts.linkResolution == .embeddedHook {
                return resolve(link, from: page, hook: EmbeddedHooks.link, "link")
            }
        }
        return resolveInBrowser(link.destination, from: page)
    }

    /// A Markdown link destination of `page`, rendered as the site renders inline links.
    func resolve(_ destination: String, from page: Page) -> LinkTarget {
        resolve(
            PageLink(
                destination: destination, kind: .inline, range: SourceRange(0, 0), destinationRange: nil, section: 0),
            from: page)
    }

    /// A link rendered by a render hook (the site's own or Hugo's embedded one): where the `href`
    /// (`src`) it writes leads; unknown when what it writes could not be computed.
    func resolve(_ link: PageLink, from page: Page, hook: TemplateFile, _ kind: String) -> LinkTarget {
        switch RenderHooks.evaluate(hook, kind: kind, link: link, page: page, site: site) {
        case .href(let href, let unrendered, let resources):
            let target = resolveInBrowser(href, from: page)
            if let unrendered, case .page(let index, let fragment) = target, index == page.index {
                return .unrendered(unrendered, fragment: fragment)
            }
            if case .unresolved(let path, let fragment) = target, resources.contains(path) {
                return .file(path: path, fragment: fragment)
            }
            return target
        case .unknown, .none:
            return .unknown
        }
    }

    /// The destination as written in the page, resolved by the browser against the page URL.
    func resolveInBrowser(_ destination: String, from page: Page) -> LinkTarget {
        var trimmed = destination.trimmingSpaces
        // A URL on one of the site's hosts is served there (on a multihost site, maybe another
        // language's host than the page's).
        var host = site.config.host(for: page.language)
        if let own = site.config.ownHostTarget(trimmed) { (host, trimmed) = own }
        if let relative = Self.sameSchemeRelative(trimmed, baseURL: site.config.baseURL(for: page.language)) {
            trimmed = relative
        }
        if trimmed.hasPrefix("//") || hasScheme(trimmed) { return .external(trimmed) }
        let (path, _, fragment) = splitURL(trimmed)
        if path.isEmpty { return .page(page.index, fragment: fragment) }
        let absolute = merge(path, base: page.url)
        return target(at: absolute, host: host, fragment: fragment)
    }

    /// `https:/x` or `https:x` on an https site (`http:` on an http one): a browser reads a
    /// special scheme that equals the page's, without `//` after it, as a reference relative to
    /// the page (WHATWG URL, "special relative or authority state"): the rest, `/x` or `x`. Nil
    /// for anything else (another scheme is a host: `http:/x` on an https site is `http://x/`).
    static func sameSchemeRelative(_ url: String, baseURL: String) -> String? {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon == 4 || colon == 5 else { return nil }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        guard scheme == "http" || scheme == "https",
            baseURL.lowercased().hasPrefix(scheme + "://")
        else { return nil }
        let rest = bytes[(colon + 1)...]
        let slash: (UInt8) -> Bool = { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }
        if rest.count >= 2, slash(rest[rest.startIndex]), slash(rest[rest.startIndex + 1]) { return nil }
        return String(decoding: rest, as: UTF8.self)
    }

    /// What is published at `path` on `host` (the linking page's: `SiteConfig.host(for:)`); where
    /// nothing is, where the web server's redirects send the request (the browser follows up to
    /// `redirectHops` of them, hugo-behaviour §2.8).
    func target(at path: String, host: String, fragment: String?, redirectHops: Int = 5) -> LinkTarget {
        // A forced rule (`301!`) applies even where the build publishes something.
        if redirectHops > 0, let forced = site.published.serverRedirects?.forcedOutcome(for: path) {
            return follow(forced, from: path, host: host, fragment: fragment, redirectHops: redirectHops)
        }
        switch site.publishedTarget(path: path, host: host) {
        case .page(let index)?, .redirect(let index)?: return .page(index, fragment: fragment)
        case .staticFile(let file)?, .resource(let file)?, .generated(let file)?:
            return .file(path: file, fragment: fragment)
        case nil:
            // A page the build leaves out (a draft) is still the page the link means.
            let directory = path.hasSuffix("/") ? path : path + "/"
            if let index = site.unpublishedByURL[host + directory] ?? site.unpublishedByURL[host + path] {
                return .page(index, fragment: fragment)
            }
            // Below a content mount that could not be read, nothing is known.
            if site.published.unreadPrefixes.contains(where: { (host + directory).hasPrefix($0) }) { return .unknown }
            guard redirectHops > 0 else { return .unresolved(path: path, fragment: fragment) }
            switch site.published.serverRedirects?.outcome(for: path) {
            case let outcome?:
                return follow(outcome, from: path, host: host, fragment: fragment, redirectHops: redirectHops)
            case nil:
                if site.published.redirectsTemplateUnknown != nil {
                    return .maybeRedirected(path: path, fragment: fragment)
                }
                return .unresolved(path: path, fragment: fragment)
            }
        }
    }

    /// Where a redirect rule's outcome for `path` leads.
    func follow(
        _ outcome: ServerRedirects.Outcome, from path: String, host: String, fragment: String?, redirectHops: Int
    ) -> LinkTarget {
        switch outcome {
        case .redirect(let to):
            if hasScheme(to) || to.hasPrefix("//") { return .external(to) }
            let (redirected, _, newFragment) = splitURL(to)
            let result = target(
                at: redirected.hasPrefix("/") ? redirected : "/" + redirected, host: host,
                fragment: newFragment ?? fragment, redirectHops: redirectHops - 1)
            // A chain that ends nowhere (or loops) is reported at the path the link names.
            if case .unresolved = result { return .unresolved(path: path, fragment: fragment) }
            return result
        case .unknown:
            return .maybeRedirected(path: path, fragment: fragment)
        case .error:
            return .unresolved(path: path, fragment: fragment)
        }
    }

    // MARK: ref and relref

    /// A ref link: the page Hugo finds, with the fragment of the path argument and whatever follows
    /// the tag in a Markdown destination.
    func resolve(_ call: RefCall, from page: Page) -> LinkTarget {
        switch resolveRef(call, from: page) {
        case .notFound:
            let (path, _, fragment) = splitURL(call.path)
            return .unresolved(path: path, fragment: fragment)
        case .samePage(let fragment):
            return withSuffix(call.suffix, url: page.url, index: page.index, fragment: fragment, from: page)
        case .page(let index, let fragment):
            guard site.pages[index].publishState.hasURL else {
                // An empty href: the fragment (and a fragment after the tag) on the linking page.
                let (_, _, combined) = splitURL((fragment.map { "#" + $0 } ?? "") + call.suffix)
                return .unrendered(index, fragment: combined)
            }
            let target = site.pages[index]
            if !call.isAbsolute, site.config.host(for: target.language) != site.config.host(for: page.language) {
                // A relref to a page of another host gives a path the browser takes on this host.
                let href = target.url + (fragment.map { "#" + $0 } ?? "") + call.suffix
                return resolveInBrowser(href, from: page)
            }
            return withSuffix(call.suffix, url: target.url, index: index, fragment: fragment, from: page)
        case .generatedPage(let url, let fragment):
            return resolveInBrowser(url + (fragment.map { "#" + $0 } ?? "") + call.suffix, from: page)
        }
    }

    /// `{{< relref "x" >}}#frag` or `{{< relref "x" >}}?q`: the suffix joins the permalink; any
    /// other suffix makes a new path, which the browser resolves.
    func withSuffix(_ suffix: String, url: String, index: Int, fragment: String?, from page: Page) -> LinkTarget {
        if suffix.isEmpty { return .page(index, fragment: fragment) }
        var href = url + (fragment.map { "#" + $0 } ?? "") + suffix
        if suffix.hasPrefix("#") || suffix.hasPrefix("?") {
            let (_, _, combined) = splitURL(href)
            return .page(index, fragment: combined)
        }
        if fragment != nil { href = url + suffix }
        return resolveInBrowser(href, from: page)
    }

    func resolveRef(_ call: RefCall, from page: Page) -> RefResolution {
        if let error = call.argumentError { return .notFound(reason: error) }
        let language = call.language ?? page.language
        guard site.config.language(language) != nil else {
            return .notFound(reason: "no site found with lang \"\(language)\"")
        }
        let raw = call.path.replacingBytes("\\", with: "/")
        let (path, _, fragment) = splitURL(raw)
        if path.isEmpty { return .samePage(fragment: fragment) }
        switch lookupPage(path, from: page, language: language, reflink: true) {
        case .found(let index): return .page(index, fragment: fragment)
        case .generated(let url): return .generatedPage(url: url, fragment: fragment)
        case .ambiguous: return .notFound(reason: "page reference \"\(path)\" is ambiguous")
        case .notFound: return .notFound(reason: "page not found")
        }
    }

    enum PageLookup: Equatable {
        case found(Int)
        case generated(String)
        case notFound, ambiguous
    }

    /// Hugo's page lookup from a page (`getContentNode`, hugo-behaviour §6.1 steps 2–5): `reflink`
    /// adds the base-name search of ref/relref; GetPage (the link hook) has none.
    func lookupPage(_ ref: String, from page: Page, language: String, reflink: Bool) -> PageLookup {
        var ref = ref
        while ref.hasSuffix("/") { ref.removeLast() }
        let original = ref
        if ref.isEmpty { ref = "/" }
        let hadExtension = hasExtension(ref)
        var attempts: [String]
        if hadExtension {
            attempts = [ref]
        } else if ref == "/" {
            attempts = ["/_index.md"]
        } else if ref.hasSuffix("/index") {
            attempts = [ref + "/index.md", ref + ".md"]
        } else {
            attempts = [ref + ".md"]
        }
        for attempt in attempts {
            if let found = lookup(
                attempt, original: original, hadExtension: hadExtension, from: page, language: language,
                reflink: reflink)
            {
                return found
            }
        }
        return .notFound
    }

    func lookup(_ ref: String, original: String, hadExtension: Bool, from page: Page, language: String, reflink: Bool)
        -> PageLookup?
    {
        if !ref.hasPrefix("/") {
            // Relative to the page: a section's own directory, or the file's directory for
            // `../x.md`; else the container directory (`/blog` for `blog/post.md` and for
            // `blog/bundle/index.md`).
            let fileDirectory = page.kind != .page || page.isLeafBundle ? page.logicalPath : parent(page.logicalPath)
            let base =
                page.kind != .page || (hadExtension && ref.hasPrefix("../")) ? fileDirectory : parent(page.logicalPath)
            if let found = published(contentPath(join(base, ref)), language) { return found }
        }
        if ref.hasPrefix(".") { return .notFound }
        if let found = published(contentPath(join("/", ref)), language) { return found }
        guard reflink, !original.utf8.contains(UInt8(ascii: "/")) else { return nil }
        let name = contentPath(join("/", ref)).split(separator: "/").last.map(String.init) ?? ""
        return site.pagesByBaseName[language + ":" + name]
    }

    /// The page in Hugo's collections (published, or kept without a file), or generated list page,
    /// with this logical path.
    func published(_ logicalPath: String, _ language: String) -> PageLookup? {
        if let index = site.collectionPage(logicalPath: logicalPath, language: language) { return .found(index) }
        if let url = site.published.generatedPages[language + ":" + logicalPath] { return .generated(url) }
        return nil
    }

    /// A content path as Hugo's path parser reads it (`HugoPath.contentPath`): its logical path.
    func contentPath(_ path: String) -> String {
        let config = site.config
        return HugoPath.contentPath(path) { config.language($0) != nil || config.disabledLanguages.contains($0) }
            .logicalPath
    }

    /// Go's `path.Join` of a rooted base and a reference: cleaned, never above the root.
    func join(_ base: String, _ reference: String) -> String {
        var output: [Substring] = []
        for part in (base + "/" + reference).split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !output.isEmpty { output.removeLast() }
                continue
            }
            output.append(part)
        }
        return "/" + output.joined(separator: "/")
    }

    /// Go's `paths.HasExt`: the last segment has a dot.
    func hasExtension(_ path: String) -> Bool {
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        return last.utf8.contains(UInt8(ascii: "."))
    }

    func parent(_ logicalPath: String) -> String {
        guard let slash = logicalPath.lastIndex(of: "/") else { return "" }
        return String(logicalPath[..<slash])
    }

    // MARK: URLs

    /// Path (percent-decoded), query and fragment (percent-decoded) of a URL reference.
    func splitURL(_ reference: String) -> (path: String, query: String?, fragment: String?) {
        var path = reference
        var fragment: String?
        var query: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = percentDecode(String(path[path.index(after: hash)...]))
            path = String(path[..<hash])
        }
        if let mark = path.firstIndex(of: "?") {
            query = String(path[path.index(after: mark)...])
            path = String(path[..<mark])
        }
        return (percentDecode(path), query, fragment)
    }

    /// RFC 3986 reference resolution against a page URL (which ends in `/`).
    func merge(_ reference: String, base: String) -> String { Self.merge(reference, base: base) }

    static func merge(_ reference: String, base: String) -> String {
        if reference.hasPrefix("/") { return removeDots(reference) }
        let directory = base.hasSuffix("/") ? base : String(base[...(base.lastIndex(of: "/") ?? base.startIndex)])
        return removeDots(directory + reference)
    }

    static func removeDots(_ path: String) -> String {
        var output: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            if part == "." {
                if index == parts.count - 1 { output.append("") }
                continue
            }
            if part == ".." {
                if output.count > 1 { output.removeLast() }
                if index == parts.count - 1 { output.append("") }
                continue
            }
            output.append(part)
        }
        var result = output.joined(separator: "/")
        if !result.hasPrefix("/") { result = "/" + result }
        // Runs of slashes become one (a byte pass: this runs for every link).
        if result.utf8.count > 1,
            zip(result.utf8, result.utf8.dropFirst()).contains(where: { $0 == 0x2F && $1 == 0x2F })
        {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(result.utf8.count)
            for byte in result.utf8 where byte != 0x2F || bytes.last != 0x2F { bytes.append(byte) }
            result = String(decoding: bytes, as: UTF8.self)
        }
        return result
    }

    func hasScheme(_ text: String) -> Bool {
        var sawLetter = false
        for byte in text.utf8 {
            if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                sawLetter = true
                continue
            }
            if sawLetter && ((byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E) {
                continue
            }
            return sawLetter && byte == UInt8(ascii: ":")
        }
        return false
    }
}

func percentDecode(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
    var bytes: [UInt8] = []
    let source = Array(text.utf8)
    var index = 0
    func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
    while index < source.count {
        if source[index] == UInt8(ascii: "%"), index + 2 < source.count, let high = hex(source[index + 1]),
            let low = hex(source[index + 2])
        {
            bytes.append(high << 4 | low)
            index += 3
        } else {
            bytes.append(source[index])
            index += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
