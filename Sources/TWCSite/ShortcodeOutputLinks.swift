import TWCCore
import TWCMarkdown
import TWCTemplate

/// What shortcode templates write on their own (hugo-behaviour §5.3): each call of a site
/// shortcode whose `href` does not come from a parameter as given is executed with the call's
/// parameters and page (`SiteTemplateHost`). Every `<a href>` and `<img src>` of its output that
/// is known in full becomes a link of the page (`PageLink.Kind.shortcodeOutput`) at the call
/// (hugo-theme-learn's `attachments` lists a folder with `readDir` and links each file), and
/// every known `id` an anchor of the page (opentelemetry.io's component tables write their
/// footnotes, `fn:1`, and the links to them); an `id` it writes that is not known leaves the
/// page's anchors open.
enum ShortcodeOutputLinks {
    struct Output {
        var links: [PageLink] = []
        var ids: [String] = []
        var unknownIDs = false
        /// URLs of resources whose permalink a template asked for: Hugo publishes them.
        var resources: Set<String> = []
    }

    static func collect(_ site: SiteIndex, files: any SiteFileSystem) -> [Output] {
        concurrentMap(site.pages.count) { output(of: site.pages[$0], site, files) }
    }

    static func output(of page: Page, _ site: SiteIndex, _ files: any SiteFileSystem) -> Output {
        let tags = page.parsed.shortcodes
        var result = Output()
        guard !tags.isEmpty else { return result }
        for (slot, tag) in tags.enumerated() where !tag.isClosing && !tag.isComment {
            guard let shortcode = site.layouts.shortcode(tag.name), let template = shortcode.template,
                shortcode.hrefParameters.isEmpty, !shortcode.writesNothing,
                // What a shortcode that writes nothing encloses is not on the page.
                !page.hiddenRanges.contains(where: { $0.start < tag.range.start && tag.range.start < $0.end })
            else { continue }
            let host = SiteTemplateHost(site: site, page: page, link: nil)
            host.shortcode = tag
            host.files = files
            var evaluator = TemplateEvaluator(host: host, budget: 20_000)
            let output = evaluator.execute(template, dot: .object(TemplateObject(kind: "shortcode"))).output
            let section = PageHeading.section(at: tag.range.start, headings: page.headings)
            result.resources.formUnion(host.usedResources)
            let references = output.htmlReferences()
            result.ids += references.ids
            if references.unknownIDs { result.unknownIDs = true }
            for reference in references.links {
                let element = reference.element
                let destination = reference.value.trimmingSpaces
                // `#` and `javascript:` hrefs are for scripts, not places.
                guard !destination.isEmpty, destination != "#", !destination.lowercased().hasPrefix("javascript:")
                else { continue }
                var link = PageLink(
                    destination: destination, kind: .shortcodeOutput, range: tag.range, destinationRange: nil,
                    section: section)
                link.shortcodeName = tag.name
                link.shortcodeIndex = slot
                link.shortcodeParameter = element == "img" ? "src" : "href"
                result.links.append(link)
            }
        }
        return result
    }
}
