import TWCCore
import TWCSite

/// Rewriting a link's destination to reach another page, as the author would have written it:
/// absolute or relative, trailing slash or not, query and fragment kept. Every rewrite is resolved
/// again and kept only when it reaches the intended page.
enum LinkEditing {
    /// A replacement for `link`'s destination that reaches `target#fragment` (fragment nil: the
    /// link's own), or nil when the link's source cannot be rewritten safely.
    static func retarget(_ link: PageLink, in page: Page, to target: Page, fragment: String?, site: SiteModel)
        -> TextEdit?
    {
        if let call = link.ref {
            return retargetRef(call, link: link, in: page, to: target, fragment: fragment, site: site)
        }
        guard let range = link.destinationRange, !link.viaShortcode else { return nil }
        let written = page.source.text(range)
        guard let replacement = rewrite(written, from: page.url, to: target.url, fragment: fragment) else { return nil }
        var moved = link
        moved.destination = replacement
        guard
            reaches(
                site.resolve(link: moved, from: page), target: target,
                fragment: fragment ?? ownFragment(link, site, page))
        else {
            return nil
        }
        return TextEdit(span: page.source.span(range), replacement: replacement)
    }

    /// A ref's path argument pointing at `target` (its logical path), with the fragment.
    static func retargetRef(
        _ call: RefCall, link: PageLink, in page: Page, to target: Page, fragment: String?,
        site: SiteModel
    ) -> TextEdit? {
        guard let range = call.pathRange else { return nil }
        let written = page.source.text(range)
        var newPath = target.logicalPath
        if let hash = written.firstIndex(of: "#") {
            newPath += fragment.map { "#" + $0 } ?? String(written[hash...])
        } else if let fragment, call.suffix.isEmpty {
            newPath += "#" + fragment
        }
        guard !newPath.contains("\""), !newPath.contains("`") else { return nil }
        var moved = call
        moved.path = newPath
        guard case .page(let found, _) = site.resolveRef(moved, from: page), found == target.index else { return nil }
        return TextEdit(span: page.source.span(range), replacement: newPath)
    }

    static func ownFragment(_ link: PageLink, _ site: SiteModel, _ page: Page) -> String? {
        guard let index = page.links.firstIndex(of: link) else { return nil }
        switch site.target(ofLink: index, in: page) {
        case .page(_, let fragment), .file(_, let fragment), .unresolved(_, let fragment): return fragment
        default: return nil
        }
    }

    static func reaches(_ resolved: LinkTarget, target: Page, fragment: String?) -> Bool {
        guard case .page(let index, let reached) = resolved, index == target.index else { return false }
        return (reached ?? "") == (fragment ?? "")
    }

    /// `written` (a destination as in the source) moved to `url`, in the same style. `fragment`
    /// replaces the written fragment when given.
    static func rewrite(_ written: String, from pageURL: String, to url: String, fragment: String?) -> String? {
        var path = written
        var tail = ""
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            tail = String(path[cut...])
            path = String(path[..<cut])
        }
        if let fragment {
            if let hash = tail.firstIndex(of: "#") { tail = String(tail[..<hash]) }
            tail += "#" + fragment
        }
        if path.hasPrefix("<") || path.contains(" ") || path.contains(":") { return nil }
        let trailingSlash = path.isEmpty || path.hasSuffix("/")
        var newPath: String
        if path.hasPrefix("/") {
            newPath = url
        } else {
            newPath = relativePath(from: pageURL, to: url)
            if path.hasPrefix("./") && !newPath.hasPrefix("../") && !newPath.hasPrefix("./") {
                newPath = "./" + newPath
            }
        }
        if !trailingSlash && newPath.count > 1 && newPath.hasSuffix("/") && !newPath.hasSuffix("./") {
            newPath.removeLast()
        }
        return newPath + tail
    }

    /// The relative reference from the directory `base` (a page URL, ending in `/`) to `url`.
    static func relativePath(from base: String, to url: String) -> String {
        let from = base.split(separator: "/")
        let to = url.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        var parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        if parts.isEmpty { parts = ["."] }
        return parts.joined(separator: "/") + (url.hasSuffix("/") ? "/" : "")
    }

    /// Where to point a note about a whole page: its `title` in the front matter, else its start.
    static func titleRange(of page: Page) -> SourceRange {
        page.frontmatter.entry("title")?.value.range ?? SourceRange(0, 0)
    }

    /// The anchor in `target` of the heading aligned with the heading of `other` (another language's
    /// version of the same page) whose anchor is `fragment`.
    static func alignedAnchor(_ fragment: String, of other: Page, in target: Page, site: SiteModel) -> String? {
        if target.anchors.contains(fragment) { return fragment }
        guard let heading = site.heading(withAnchor: fragment, on: other),
            let aligned = site.alignedHeading(heading, of: other, in: target)
        else { return nil }
        return target.headings[aligned].anchor
    }
}
