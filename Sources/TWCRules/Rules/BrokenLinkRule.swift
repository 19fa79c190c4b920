import Foundation
import TWCCore
import TWCSite

/// `broken-link`: an internal link to nothing the build publishes.
public struct BrokenLinkRule: Rule {
    public init() {}
    public let id = "broken-link"
    public let severity = Severity.error
    public let summary =
        "An internal link (Markdown link or image, `ref`/`relref`, shortcode `href`) leads to nothing the build publishes."
    public let rationale = """
        Links are resolved as the built site resolves them: by Hugo's embedded link render hook \
        (content paths in the page's language) when the site uses it, else by the browser against the \
        page URL, so `join` on `/about/` is `/about/join`; `ref` and `relref` as Hugo looks pages up. \
        A link works when the build publishes something there: a page (not a draft, not future, not \
        expired), an alias, a static file, a page resource (shared by all translations of a bundle), \
        a generated section, taxonomy or feed. A `ref`/`relref` Hugo cannot resolve is REF_NOT_FOUND, \
        which fails the build (unless `refLinksErrorLevel = "warning"`). The message names what is \
        missing and the closest page in the link's language. When a theme is not on disk (a Hugo \
        module), a link to a file path is not reported: it may be one of the theme's static files. \
        The web server's redirects count too: the rules of a static `_redirects` file (Netlify's \
        format) are followed; when the site writes that file with a template of its own, a path where \
        nothing is published is not reported (`--explain` counts them); and a page with \
        `build.render: link` has its URL on purpose, so a link to it is not reported.
        """
    public let fixAvailability = FixAvailability.unsafe
    public let fixBehavior: String? = """
        When a page of the link's language is a likely target (the destination read as a \
        content path, the same last path segment, or a close URL), the fix links it, in the link's own \
        style. It is a guess: check it.
        """
    public let examples: [RuleExample] = [
        RuleExample(
            "Links to a page, a static file, a bundle resource and a ref",
            files: [
                ("content/join.md", "Join.\n"), ("content/join.nl.md", "Doe mee.\n"),
                (
                    "content/about/index.md",
                    "![Team](team.jpg) [Join](/join/), [report](/files/report.pdf), [us]({{< relref \"join\" >}}).\n"
                ),
                ("content/about/index.nl.md", "![Team](team.jpg) [Doe mee](/nl/join/).\n"),
                ("content/about/team.jpg", ""), ("static/files/report.pdf", ""),
            ]),
        RuleExample(
            "A button href resolved against the page URL",
            files: [
                ("content/join.md", "Join.\n"), ("content/join.nl.md", "Doe mee.\n"),
                ("content/about.nl.md", "Over ons.\n\n{{< button href=\"join\" >}}Doe mee{{< /button >}}\n"),
            ],
            findings: [
                .init(
                    "content/about.nl.md:3:18",
                    "button href 'join' leads to /nl/about/join, where the build publishes nothing (the button shortcode writes its href as given; the browser resolves it against /nl/about/); did you mean /nl/join/ (content/join.nl.md)?"
                )
            ],
            fixed: [
                ("content/about.nl.md", "Over ons.\n\n{{< button href=\"../join\" >}}Doe mee{{< /button >}}\n")
            ]),
        RuleExample(
            "Pages with a URL and no file (build.render: link), and the server's redirects",
            files: [
                ("content/examples.md", "---\ntitle: Examples\nbuild:\n  render: link\n---\n"),
                ("static/_redirects", "/examples/  https://example.net/examples\n/old/*  /examples/  301\n"),
                ("content/p.md", "See the [examples](/examples/), [old ones](/old/2024/).\n"),
            ]),
        RuleExample(
            "One slash after the scheme: a path on this site for the browser",
            files: [
                ("content/p.md", "See <https:/example.net/report>.\n")
            ],
            findings: [
                .init(
                    "content/p.md:1:6",
                    "link 'https:/example.net/report' leads to /example.net/report, where the build publishes nothing (without '//' after 'https:' a browser reads the rest as a path on this site; a link to another site needs 'https://')"
                )
            ]),
        RuleExample(
            "A ref Hugo cannot resolve fails the build",
            files: [
                ("content/events.md", "Events.\n"),
                ("content/p.md", "See the [agenda]({{< relref \"/event#agenda\" >}}).\n"),
            ],
            findings: [
                .init(
                    "content/p.md:1:30",
                    "relref \"/event#agenda\" finds no en page (page not found): Hugo stops the build (REF_NOT_FOUND); did you mean /events/ (content/events.md)?"
                )
            ],
            fixed: [
                ("content/p.md", "See the [agenda]({{< relref \"/events#agenda\" >}}).\n")
            ]),
        RuleExample(
            "Links to a page kept without a URL and to a draft written as a string",
            files: [
                ("content/hidden.md", "---\nheadless: true\n---\nNot rendered.\n"),
                ("content/plan.md", "---\ndraft: \"true\"\n---\nNot yet.\n"),
                ("content/p.md", "Read [the notes](/hidden/) and [the plan](/plan/).\n"),
            ],
            findings: [
                .init(
                    "content/p.md:1:18",
                    "link '/hidden/' finds content/hidden.md, which Hugo keeps without a URL (not rendered (headless: true)): Hugo writes an empty href, so the link leads back to this page; link a page that is rendered"
                ),
                .init(
                    "content/p.md:1:43",
                    "link '/plan/' links /plan/ (content/plan.md), which the build leaves out: a draft (draft: \"true\")"
                ),
            ]),
        RuleExample(
            "A page scheduled through a date key the site configures",
            files: [
                (
                    "hugo.toml",
                    ExampleSite.configuration + "[frontmatter]\n  publishDate = [\"goLive\", \":default\"]\n"
                ),
                ("content/launch.md", "---\ndate: 2020-01-01\ngoLive: 2099-01-01\n---\nSoon.\n"),
                ("content/p.md", "Read [the launch](/launch/).\n"),
            ],
            findings: [
                .init(
                    "content/p.md:1:19",
                    "link '/launch/' links /launch/ (content/launch.md), which the build leaves out: scheduled for 2099-01-01T00:00:00Z (goLive)"
                )
            ]),
        RuleExample(
            "A ref to a page whose file name needs Go's lower-casing",
            files: [
                ("content/İstanbul.md", "İstanbul.\n"),
                ("content/p.md", "See [İstanbul]({{< relref \"İstanbul\" >}}) and [again](/istanbul/).\n"),
            ]),
        RuleExample(
            "A link to a draft",
            files: [
                ("content/draft.md", "---\ndraft: true\n---\nNot yet.\n"),
                ("content/p.md", "Read [the plan](/draft/).\n"),
            ],
            findings: [
                .init(
                    "content/p.md:1:17",
                    "link '/draft/' links /draft/ (content/draft.md), which the build leaves out: a draft (draft: true)"
                )
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard site.isPublished(page.index) else { return }
        for (index, link) in page.links.enumerated() {
            let target = site.target(ofLink: index, in: page)
            let range = Self.reportedRange(link)
            switch target {
            case .external, .file, .unknown, .maybeRedirected:
                continue
            case .page(let targetIndex, _):
                guard !site.isPublished(targetIndex) else { continue }
                let target = site.pages[targetIndex]
                // `build.render: link` gives the page a URL on purpose: something else serves it.
                if target.publishState.isLinkOnly { continue }
                // The publishing model says why (draft, future, expired, not rendered, replaced).
                let why = target.publishState.reason ?? "not published"
                var message =
                    "\(Self.describe(link)) links \(target.url) (\(target.path)), which the build leaves out: \(why)"
                let suggestion = Self.suggestion(
                    for: link, path: target.url, in: page, site: site, excluding: targetIndex)
                if let suggestion { message += "; did you mean \(suggestion.page.url) (\(suggestion.page.path))?" }
                diagnostics.append(
                    diagnostic(
                        page, range, message, related: [whyNote(target, "the page the build leaves out")],
                        fix: suggestion?.fix))
            case .unrendered(let targetIndex, _):
                let target = site.pages[targetIndex]
                let why = target.publishState.reason ?? "not rendered"
                let message =
                    "\(Self.describe(link)) finds \(target.path), which Hugo keeps without a URL (\(why)): "
                    + "Hugo writes an empty href, so the link leads back to this page; link a page that is rendered"
                diagnostics.append(
                    diagnostic(page, range, message, related: [whyNote(target, "the page Hugo does not render")]))
            case .unresolved(let path, _):
                // A host written without a scheme is malformed-url's (one finding, the right one).
                if [.inline, .reference, .autolink, .image, .shortcodeHref].contains(link.kind), link.ref == nil,
                    !link.viaShortcode, MalformedURL.problem(link.destination, leadsNowhere: true) != nil
                {
                    continue
                }
                // A file of a theme that is not on disk cannot be ruled out.
                if link.ref == nil, !site.knowsAllStaticFiles, path.split(separator: "/").last?.contains(".") == true {
                    continue
                }
                diagnostics.append(unresolved(link, path: path, range: range, in: page, site: site))
            }
        }
    }

    /// A note at what keeps `target` unpublished (its `draft`, date or `headless` key), else its title.
    func whyNote(_ target: Page, _ message: String) -> RelatedNote {
        note(target, target.publishState.entry?.keyRange ?? LinkEditing.titleRange(of: target), message)
    }

    func unresolved(_ link: PageLink, path: String, range: SourceRange, in page: Page, site: SiteModel) -> Diagnostic {
        let suggestion = Self.suggestion(for: link, path: path, in: page, site: site, excluding: nil)
        var related: [RelatedNote] = []
        var message: String
        if let call = link.ref {
            var reason = "page not found"
            if case .notFound(let why) = site.resolveRef(call, from: page) { reason = why }
            let language = call.language ?? page.language
            let consequence =
                site.config.refLinksErrorLevel == "warning"
                ? "Hugo logs REF_NOT_FOUND and writes an empty link"
                : "Hugo stops the build (REF_NOT_FOUND)"
            message = "\(call.name) \"\(call.path)\" finds no \(language) page (\(reason)): \(consequence)"
            if site.config.language(language) != nil, let other = Self.otherLanguageRef(call, in: page, site: site) {
                message += "; the \(other.language) page \(other.url) (\(other.path)) has no \(language) version"
                related.append(note(other, LinkEditing.titleRange(of: other), "the \(other.language) page"))
            }
        } else {
            message = "\(Self.describe(link)) leads to \(path), where the build publishes nothing"
            let hookKind = link.kind == .image ? "image" : "link"
            if link.kind == .image || link.kind == .inline || link.kind == .reference,
                let hook = site.layouts.hookPath(hookKind, for: page.logicalPath)
            {
                message +=
                    " (the \(link.kind == .image ? "src" : "href") the site's \(hookKind) render hook, \(hook), writes for it)"
            } else if site.schemeWithoutSlashesIsLocal(link.destination, language: page.language) {
                let scheme = link.destination.trimmingSpaces.prefix { $0 != ":" }
                message +=
                    " (without '//' after '\(scheme):' a browser reads the rest as a path on this site; "
                    + "a link to another site needs '\(scheme)://')"
            } else if link.kind == .shortcodeHref {
                let name = link.shortcodeName ?? "shortcode"
                if let href = site.shortcodeHref(link, in: page), href != link.destination {
                    message +=
                        " (the \(name) shortcode writes the href '\(href)'; the browser resolves it against \(page.url))"
                } else {
                    message +=
                        " (the \(name) shortcode writes its href as given; the browser resolves it against \(page.url))"
                }
            }
        }
        if let suggestion {
            message += "; did you mean \(suggestion.page.url) (\(suggestion.page.path))?"
            related.append(
                note(suggestion.page, LinkEditing.titleRange(of: suggestion.page), "the closest \(page.language) page"))
        }
        // A fix rewrites the destination as written: only where the page writes it as the href.
        var fix = suggestion?.fix
        if link.kind == .shortcodeHref, site.shortcodeHref(link, in: page).map({ $0 != link.destination }) ?? false {
            fix = nil
        }
        if link.kind == .shortcodeOutput { fix = nil }
        return diagnostic(page, range, message, related: related, fix: fix)
    }

    static func reportedRange(_ link: PageLink) -> SourceRange {
        if let call = link.ref, let path = call.pathRange { return path }
        return link.destinationRange ?? link.range
    }

    static func describe(_ link: PageLink) -> String {
        switch link.kind {
        case .image: return "image '\(link.destination)'"
        case .shortcodeHref: return "\(link.shortcodeName ?? "shortcode") href '\(link.destination)'"
        case .shortcodeOutput:
            let what = link.shortcodeParameter == "src" ? "image" : "link"
            return
                "the \(what) '\(link.destination)' that the \(link.shortcodeName ?? "shortcode") shortcode's template writes"
        default: return "link '\(link.destination)'"
        }
    }

    /// The page a ref's path names in another language (when the page's own language has none).
    static func otherLanguageRef(_ call: RefCall, in page: Page, site: SiteModel) -> Page? {
        for language in site.config.languageKeys where language != (call.language ?? page.language) {
            var other = call
            other.language = language
            if case .page(let index, _) = site.resolveRef(other, from: page) { return site.pages[index] }
        }
        return nil
    }

    /// The page Hugo's embedded link hook would find for this destination (a content path).
    static func hookWouldFind(_ link: PageLink, in page: Page, site: SiteModel) -> Page? {
        guard !link.destination.hasPrefix("/") else { return nil }
        return site.findPage(link.destination, from: page, asRef: true)
    }

    /// The likeliest intended page in the link's language, and a fix linking it: the destination
    /// read as a content path from this page; else a page whose last path segment is the
    /// destination's; else the page with the closest URL path or logical path (edit distance).
    static func suggestion(
        for link: PageLink, path: String, in page: Page, site: SiteModel,
        excluding: Int?
    ) -> (page: Page, fix: Fix?)? {
        let language = link.ref?.language ?? page.language
        var candidate: Page?
        if link.ref == nil, let found = hookWouldFind(link, in: page, site: site), found.language == language,
            found.index != excluding
        {
            candidate = found
        }
        var wanted = link.ref.map { Substring($0.path) } ?? Substring(path)
        if let cut = wanted.firstIndex(where: { $0 == "#" || $0 == "?" }) { wanted = wanted[..<cut] }
        var last = HugoPath.lower(String(wanted)).split(separator: "/").last.map(String.init) ?? ""
        if last.hasSuffix(".md") { last.removeLast(3) }
        if candidate == nil, !last.isEmpty {
            let sameName = site.pages(named: last, in: language).filter { $0.index != excluding }
            candidate = sameName.min {
                site.nameDistance(from: String(wanted), to: $0) < site.nameDistance(from: String(wanted), to: $1)
            }
        }
        if candidate == nil { candidate = site.closestPage(to: String(wanted), in: language, excluding: excluding) }
        guard let candidate else { return nil }
        let edit = LinkEditing.retarget(link, in: page, to: candidate, fragment: nil, site: site)
        return (candidate, edit.map { Fix(safe: false, summary: "link \($0.replacement)", edits: [$0]) })
    }
}
