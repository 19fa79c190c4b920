import TWCCore
import TWCSite

/// `broken-anchor`: a link fragment that names no anchor of its target page.
public struct BrokenAnchorRule: Rule {
    public init() {}
    public let id = "broken-anchor"
    public let severity = Severity.error
    public let summary = "A link fragment (`#frag`, `page#frag`) names no anchor of its target page."
    public let rationale = """
        A fragment that matches no heading ID, explicit `{#id}` or HTML `id`/`name` on the target page \
        leaves the reader at the top of the page. Translations often copy the link from the other \
        language, whose heading IDs differ, or mistype the anchor. Heading IDs are computed exactly as \
        Hugo computes them for the site's settings. A fragment of a page whose `{{% %}}` shortcodes may \
        write headings of their own (an included file) is not reported: those ids are not known.
        """
    public let fixAvailability = FixAvailability.safe
    public let fixBehavior: String? = """
        When the fragment is the anchor of the aligned heading in another language's version of \
        the target page, the fix uses that heading's anchor in the link's language. Otherwise, when \
        exactly one anchor of the target page is a close match (edit distance), the fix uses it.
        """
    public let examples: [RuleExample] = [
        RuleExample(
            "Fragment of the heading in this language",
            files: [
                ("content/p.md", "# P\n\n## Existing initiatives\n\nSee [them](#existing-initiatives).\n")
            ]),
        RuleExample(
            "Anchors of headings with entities and an attribute block",
            files: [
                (
                    "content/p.md",
                    "## Se&ntilde;or &eacute;l &oelig;uvre &amp; co\n\n### OpenTelemetry {##opentelemetry}\n\n"
                        + "See [him](#señor-él-œuvre--co) and [the spec](#opentelemetry).\n"
                )
            ]),
        RuleExample(
            "The top of a page",
            files: [("content/p.md", "# P\n\nBack to [the top](#top).\n")]),
        RuleExample(
            "An id the site's templates write",
            files: [
                ("layouts/partials/footer.html", "<footer><span id=\"contact-us\"></span></footer>\n"),
                ("content/p.md", "# P\n\nWrite to [us](#contact-us).\n"),
            ]),
        RuleExample(
            "Misspelt fragment",
            files: [
                ("content/p.md", "# P\n\n## Existing initiatives\n\nSee [them](#existing-initiatives).\n"),
                ("content/p.nl.md", "# P\n\n## Bestaande initiatieven\n\nZie [deze](#bestaande-initiativen).\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:5:13",
                    "link fragment '#bestaande-initiativen' names no anchor on this page; did you mean '#bestaande-initiatieven'?"
                )
            ],
            fixed: [
                ("content/p.nl.md", "# P\n\n## Bestaande initiatieven\n\nZie [deze](#bestaande-initiatieven).\n")
            ]),
        RuleExample(
            "Fragment of the English heading on the Dutch page",
            files: [
                ("content/p.md", "# P\n\n## What can you do?\n\nSee [above](#what-can-you-do).\n"),
                ("content/p.nl.md", "# P\n\n## Wat kun je doen?\n\nZie [boven](#what-can-you-do).\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:5:14",
                    "link fragment '#what-can-you-do' is the anchor of the en heading \"What can you do?\", not of a heading on this page; the nl heading there is \"Wat kun je doen?\": use '#wat-kun-je-doen'"
                )
            ],
            fixed: [
                ("content/p.nl.md", "# P\n\n## Wat kun je doen?\n\nZie [boven](#wat-kun-je-doen).\n")
            ]),
        RuleExample(
            "Fragment on another page",
            files: [
                ("content/a.md", "# A\n\nSee [b](/b/#missing-section).\n"),
                ("content/b.md", "# B\n\n## Present section\n"),
            ],
            findings: [
                .init(
                    "content/a.md:3:13",
                    "link fragment '#missing-section' names no anchor on /b/ (content/b.md); link to one of its headings' anchors or add an explicit {#missing-section} to a heading"
                )
            ]),
        RuleExample(
            "Fragments of ref and relref links to other pages",
            files: [
                ("content/events/e1.md", "# E1\n\n## Agenda\n"), ("content/events/e1.nl.md", "# E1\n\n## Programma\n"),
                (
                    "content/p.md",
                    "See {{< relref \"/events/e1.md#agenda\" >}} or [the agenda]({{< ref \"e1\" >}}#agenda).\n"
                ),
                ("content/p.nl.md", "Zie [het programma]({{< relref \"/events/e1#programma\" >}}).\n"),
            ]),
        RuleExample(
            "English anchor in a relref to the Dutch page (translation drift)",
            files: [
                ("content/events/e1.md", "# E1\n\n## Agenda\n"), ("content/events/e1.nl.md", "# E1\n\n## Programma\n"),
                ("content/p.nl.md", "Zie [het programma]({{< relref \"/events/e1#agenda\" >}}).\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:1:44",
                    "link fragment '#agenda' is the anchor of the en heading \"Agenda\", not of a heading on /nl/events/e1/ (content/events/e1.nl.md); the nl heading there is \"Programma\": use '#programma'"
                )
            ],
            fixed: [
                ("content/p.nl.md", "Zie [het programma]({{< relref \"/events/e1#programma\" >}}).\n")
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        for (index, link) in page.links.enumerated() where link.kind != .image {
            guard case .page(let targetIndex, let fragment?) = site.target(ofLink: index, in: page),
                !fragment.isEmpty, site.isPublished(targetIndex)
            else { continue }
            let target = site.pages[targetIndex]
            if target.anchors.contains(fragment) { continue }
            // A `{{% %}}` shortcode of the target may write headings twc-lint does not see.
            if !target.anchorsComplete { continue }
            // A heading hook whose ids twc-lint cannot compute may write this one.
            if target.headings.contains(where: { site.layouts.headingIDs[$0.level] == .unknown }) { continue }
            // `#top` (any case) is the top of the page for a browser when no element has that id.
            if fragment.lowercased() == "top" { continue }
            // An id the site's templates write (a partial's `<span id="contact-us">`).
            if site.layouts.templateIDs.contains(fragment) { continue }
            let fragmentRange = Self.fragmentRange(of: link, in: page)
            let onPage = target.index == page.index ? "this page" : "\(target.url) (\(target.path))"
            let subject =
                link.kind == .shortcodeOutput
                ? "the fragment '#\(fragment)' of the link the \(link.shortcodeName ?? "shortcode") shortcode's template "
                    + "writes" : "link fragment '#\(fragment)'"
            if let (other, otherHeading, alignedHeading) = Self.crossLanguageMatch(
                fragment, target: target, site: site),
                let anchor = target.headings[alignedHeading].anchor
            {
                let heading = target.headings[alignedHeading]
                let message =
                    "\(subject) is the anchor of the \(other.language) heading "
                    + "\"\(other.headings[otherHeading].text)\", not of a heading on \(onPage); "
                    + "the \(target.language) heading there is \"\(heading.text)\": use '#\(anchor)'"
                var related = [
                    note(
                        other, other.headings[otherHeading].range,
                        "the \(other.language) heading whose anchor is '#\(fragment)'")
                ]
                related.append(note(target, heading.range, "its \(target.language) counterpart, anchor '#\(anchor)'"))
                let fix = fragmentRange.flatMap { range in
                    Self.fixable(anchor, in: link)
                        ? Fix(safe: true, summary: "use '#\(anchor)'", edits: [edit(page, range, anchor)]) : nil
                }
                diagnostics.append(diagnostic(page, fragmentRange ?? link.range, message, related: related, fix: fix))
                continue
            }
            let candidates = Self.closeAnchors(to: fragment, in: target, site: site)
            var message = "\(subject) names no anchor on \(onPage)"
            var fix: Fix?
            var related: [RelatedNote] = []
            if candidates.count == 1, let best = candidates.first {
                message += "; did you mean '#\(best.anchor)'?"
                if let heading = best.heading {
                    related.append(
                        note(target, heading.range, "heading \"\(heading.text)\" has anchor '#\(best.anchor)'"))
                }
                fix = fragmentRange.flatMap { range in
                    Self.fixable(best.anchor, in: link)
                        ? Fix(safe: true, summary: "use '#\(best.anchor)'", edits: [edit(page, range, best.anchor)])
                        : nil
                }
            } else if !candidates.isEmpty {
                message += "; close anchors: " + candidates.map { "'#\($0.anchor)'" }.joined(separator: ", ")
            } else {
                message += "; link to one of its headings' anchors or add an explicit {#\(fragment)} to a heading"
            }
            diagnostics.append(diagnostic(page, fragmentRange ?? link.range, message, related: related, fix: fix))
        }
    }

    /// The fragment's bytes, when the source spells it out (in a Markdown destination, a ref's
    /// path argument or after the ref tag, a shortcode `href`), and a new anchor can be written
    /// there as is (not inside a quoted shortcode argument if it holds a quote).
    static func fragmentRange(of link: PageLink, in page: Page) -> SourceRange? {
        link.fragmentRange
    }

    static func fixable(_ anchor: String, in link: PageLink) -> Bool {
        link.kind != .shortcodeHref && link.ref == nil || (!anchor.contains("\"") && !anchor.contains("`"))
    }

    /// Finds `fragment` among the heading anchors of the target's other-language versions and maps
    /// that heading to the target page through the section alignment.
    static func crossLanguageMatch(_ fragment: String, target: Page, site: SiteModel) -> (Page, Int, Int)? {
        for other in site.counterparts(of: target) {
            guard let otherHeading = site.heading(withAnchor: fragment, on: other) else { continue }
            if let aligned = site.alignedHeading(otherHeading, of: other, in: target) {
                return (other, otherHeading, aligned)
            }
        }
        return nil
    }

    /// Anchors within a small edit distance of `fragment` (the site model's bounded search), with
    /// their headings.
    static func closeAnchors(to fragment: String, in target: Page, site: SiteModel) -> [(
        anchor: String, heading: PageHeading?
    )] {
        site.closeAnchors(to: fragment, on: target).map { anchor in
            (anchor, site.heading(withAnchor: anchor, on: target).map { target.headings[$0] })
        }
    }
}
