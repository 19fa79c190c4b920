import TWCCore
import TWCSite

/// `link-mismatch`: the links of aligned sections differ between a translation and its source.
public struct LinkMismatchRule: Rule {
    public init() {}
    public let id = "link-mismatch"
    public let severity = Severity.warning
    public let summary =
        "The links of aligned sections differ: an external URL in one language only, a different URL, an extra or missing internal link."
    public let rationale = """
        Translated sections should send readers to the same places. Internal links are compared by \
        the page they resolve to, so `/join` and `/nl/join` are the same link; external links by URL. \
        Fragment-only links count as links to the page itself (`broken-anchor` checks the fragment). \
        External links are the same when only `http`/`https`, `www.` or a trailing slash differ, and \
        a link to the other language's version of the same address is localisation, decided from \
        the URLs alone: same host, and the difference is language tokens (`uwv.nl/en` and \
        `uwv.nl/nl`, `convention_eng` and `Convention_NLD`, `?lang=nl`, the site's language codes), \
        or a `mailto:` to the same address with another subject. `strictLinkParity = true` in \
        `.twc-lint.toml` reports those as `info`.
        """
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "Same targets, language-specific internal URLs",
            files: [
                ("content/join.md", "Join.\n"), ("content/join.nl.md", "Doe mee.\n"),
                ("content/p.md", "## Join\n\n[Join](/join/) or read [the FAQ](https://example.org/faq).\n"),
                ("content/p.nl.md", "## Doe mee\n\n[Doe mee](/nl/join/) of lees [de FAQ](https://example.org/faq).\n"),
            ]),
        RuleExample(
            "Links made by ref shortcodes compare by the page they find",
            files: [
                ("content/about.md", "About.\n"), ("content/about.nl.md", "Over.\n"),
                ("content/p.md", "## Team\n\nSee [about]({{< ref \"about\" >}}).\n"),
                ("content/p.nl.md", "## Team\n\nZie [over ons]({{< relref path=\"about.md\" lang=\"nl\" >}}).\n"),
            ]),
        RuleExample(
            "The other language's version of an external page, the same URL written differently, a localised mail subject",
            files: [
                (
                    "content/p.md",
                    "## Benefits\n\nSee [UWV](https://www.uwv.nl/en/), the [convention](https://example.int/docs/convention_eng.pdf), [the law](http://example.org/law/) and [mail us](mailto:info@example.org?subject=Question).\n"
                ),
                (
                    "content/p.nl.md",
                    "## Uitkeringen\n\nZie [UWV](https://uwv.nl/nl), het [verdrag](https://example.int/docs/Convention_NLD.pdf), [de wet](https://example.org/law) en [mail ons](mailto:info@example.org?subject=Vraag).\n"
                ),
            ]),
        RuleExample(
            "A different external URL",
            files: [
                (
                    "content/p.md",
                    "## Council\n\nStart a [council](https://en.wikipedia.org/wiki/Workers%27_council).\n"
                ),
                (
                    "content/p.nl.md",
                    "## Raad\n\nRicht een [raad](https://en-m-wikipedia-org.translate.goog/wiki/Workers%27_council) op.\n"
                ),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:18",
                    "link to 'https://en-m-wikipedia-org.translate.goog/wiki/Workers%27_council' in section \"Raad\" differs from the en version, which links to 'https://en.wikipedia.org/wiki/Workers%27_council' here; link to the same target"
                )
            ]),
        RuleExample(
            "An extra link in the translation",
            files: [
                ("content/events.md", "Events.\n"), ("content/events.nl.md", "Activiteiten.\n"),
                ("content/p.md", "## Join\n\nJoin the movement!\n"),
                ("content/p.nl.md", "## Doe mee\n\nKom naar de [activiteiten](/nl/events).\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:28",
                    "link to '/nl/events' in section \"Doe mee\" has no counterpart in the en version; add it there or remove it here"
                )
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard let source = site.sourcePage(of: page), source.index != page.index,
            let alignment = site.alignment(of: page), AlignedSections.shortened(alignment, source: source) == nil
        else { return }
        let pairs = AlignedSections.pairs(alignment)
        // Each version's links by section, resolved once.
        let sourceLinks = comparedLinks(of: source, site: site)
        let translationLinks = comparedLinks(of: page, site: site)
        typealias Compared = (link: PageLink, key: String)
        var left: [(source: [Compared], translation: [Compared], shared: Int)] = []
        for (sourceSection, translationSection) in pairs {
            var unmatchedSource = sourceLinks[sourceSection] ?? []
            var unmatchedTranslation: [Compared] = []
            var shared = 0
            for (link, linkKey) in translationLinks[translationSection] ?? [] {
                if let found = unmatchedSource.firstIndex(where: { $0.key == linkKey }) {
                    unmatchedSource.remove(at: found)
                    shared += 1
                } else {
                    unmatchedTranslation.append((link, linkKey))
                }
            }
            left.append((unmatchedSource, unmatchedTranslation, shared))
        }
        // A link in another section of the other version (moved, or in a section the outlines do
        // not pair: one not translated yet, or aligned by its place alone) is not a link in one
        // version only.
        let unpaired = AlignedSections.unaligned(pairs, source: source, translation: page)
        var sourceKeys: [String: Int] = [:]
        var translationKeys: [String: Int] = [:]
        for item in left {
            for entry in item.source { sourceKeys[entry.key, default: 0] += 1 }
            for entry in item.translation { translationKeys[entry.key, default: 0] += 1 }
        }
        for section in unpaired.source {
            for entry in sourceLinks[section] ?? [] { sourceKeys[entry.key, default: 0] += 1 }
        }
        for section in unpaired.translation {
            for entry in translationLinks[section] ?? [] {
                translationKeys[entry.key, default: 0] += 1
            }
        }
        var movedFromSource: [String: Int] = [:]
        var movedFromTranslation: [String: Int] = [:]
        for (key, count) in translationKeys where !key.hasPrefix("broken:") {
            let moved = min(count, sourceKeys[key] ?? 0)
            if moved > 0 {
                movedFromSource[key] = moved
                movedFromTranslation[key] = moved
            }
        }
        func withoutMoved(_ items: [Compared], _ moved: inout [String: Int]) -> [Compared] {
            items.filter { item in
                guard let count = moved[item.key], count > 0 else { return true }
                moved[item.key] = count - 1
                return false
            }
        }
        for (position, (sourceSection, translationSection)) in pairs.enumerated() {
            var unmatchedSource = withoutMoved(left[position].source, &movedFromSource)
            var unmatchedTranslation = withoutMoved(left[position].translation, &movedFromTranslation)
            let shared = left[position].shared
            // A section whose links to other sites are all its own in each version, two or more on
            // each side and none shared (each language's credits, its own reading list): that
            // content is written per language, not translated.
            if shared == 0, unmatchedSource.count >= 2, unmatchedTranslation.count >= 2,
                (unmatchedSource + unmatchedTranslation).allSatisfy({ $0.key.hasPrefix("url:") })
            {
                continue
            }
            let sectionName = AlignedSections.name(of: translationSection, in: page)
            // An external link to the other language's version of the source's link (in order:
            // the first such source link) is localisation, not a difference.
            var remaining: [(link: PageLink, key: String)] = []
            for mine in unmatchedTranslation {
                guard mine.key.hasPrefix("url:") || mine.key.hasPrefix("path:"),
                    let found = unmatchedSource.firstIndex(where: {
                        ($0.key.hasPrefix("url:") && mine.key.hasPrefix("url:")
                            && LocalizedURL.relation(
                                $0.link.destination, mine.link.destination, languages: site.config.languageKeys)
                                == .localized)
                            // A file of the site per language: `checklist-fr.docx`, `checklist-en.docx`.
                            || ($0.key.hasPrefix("path:") && mine.key.hasPrefix("path:")
                                && LocalizedURL.sameButForLanguage(
                                    String($0.key.dropFirst(5)), String(mine.key.dropFirst(5)),
                                    languages: site.config.languageKeys, ignoringHashes: true))
                    })
                else {
                    remaining.append(mine)
                    continue
                }
                let theirs = unmatchedSource.remove(at: found).link
                if site.config.lint.strictLinkParity {
                    diagnostics.append(
                        Diagnostic(
                            ruleID: id, severity: .info,
                            span: page.source.span(mine.link.destinationRange ?? mine.link.range),
                            message: "link to '\(mine.link.destination)' in \(sectionName) is the \(page.language) "
                                + "version of the \(source.language) link '\(theirs.destination)' (strictLinkParity)",
                            related: [
                                note(source, theirs.destinationRange ?? theirs.range, "the \(source.language) link")
                            ]))
                }
            }
            unmatchedTranslation = remaining
            let paired = min(unmatchedSource.count, unmatchedTranslation.count)
            for k in 0..<paired {
                let mine = unmatchedTranslation[k].link
                let theirs = unmatchedSource[k].link
                // A link that leads nowhere is broken-link's, which names what it may have meant.
                if unmatchedTranslation[k].key.hasPrefix("broken:") { continue }
                if unmatchedTranslation[k].key.hasPrefix("url:"), unmatchedSource[k].key.hasPrefix("url:"),
                    LocalizedURL.localResources(
                        translation: mine.destination, source: theirs.destination, translationLanguage: page.language,
                        sourceLanguage: source.language, languages: site.config.languageKeys)
                {
                    if site.config.lint.strictLinkParity {
                        diagnostics.append(
                            Diagnostic(
                                ruleID: id, severity: .info,
                                span: page.source.span(mine.destinationRange ?? mine.range),
                                message:
                                    "link to '\(mine.destination)' in \(sectionName) is a \(page.language) resource "
                                    + "in place of the \(source.language) link '\(theirs.destination)' (strictLinkParity)",
                                related: [
                                    note(source, theirs.destinationRange ?? theirs.range, "the \(source.language) link")
                                ]))
                    }
                    continue
                }
                diagnostics.append(
                    diagnostic(
                        page, mine.destinationRange ?? mine.range,
                        "link to '\(mine.destination)' in \(sectionName) differs from the \(source.language) version, "
                            + "which links to '\(theirs.destination)' here; link to the same target",
                        related: [note(source, theirs.destinationRange ?? theirs.range, "the \(source.language) link")])
                )
            }
            for (mine, key) in unmatchedTranslation.dropFirst(paired) where !key.hasPrefix("broken:") {
                let related: [RelatedNote] =
                    sourceSection == 0
                    ? [note(source, SourceRange(0, 0), "the \(source.language) version")]
                    : [
                        note(
                            source, source.headings[sourceSection - 1].range,
                            "the \(source.language) section, without this link")
                    ]
                diagnostics.append(
                    diagnostic(
                        page, mine.destinationRange ?? mine.range,
                        "link to '\(mine.destination)' in \(sectionName) has no counterpart in the \(source.language) version; "
                            + "add it there or remove it here",
                        related: related))
            }
            for (theirs, key) in unmatchedSource.dropFirst(paired) {
                // A page with no version in this language: there is nothing here to link to.
                if key.hasPrefix("page:"), let index = source.links.firstIndex(of: theirs),
                    case .page(let target, _) = site.target(ofLink: index, in: source),
                    site.version(of: site.pages[target], in: page.language) == nil
                {
                    continue
                }
                let anchorRange =
                    translationSection == 0
                    ? SourceRange(page.parsed.bodyRange.lowerBound, page.parsed.bodyRange.lowerBound)
                    : page.headings[translationSection - 1].range
                diagnostics.append(
                    diagnostic(
                        page, anchorRange,
                        "the \(source.language) version of \(sectionName) links to '\(theirs.destination)'; this section does not",
                        related: [note(source, theirs.destinationRange ?? theirs.range, "the \(source.language) link")])
                )
            }
        }
    }

    /// The links of each section that take part, with what each is compared by. Images are left
    /// out, and so are links whose target only Hugo knows (made by shortcodes other than `ref`
    /// and `relref`, which the site model resolves).
    func comparedLinks(of page: Page, site: SiteModel) -> [Int: [(link: PageLink, key: String)]] {
        var sections: [Int: [(link: PageLink, key: String)]] = [:]
        for (index, link) in page.links.enumerated() where link.kind != .image && link.kind != .shortcodeOutput {
            let target = site.target(ofLink: index, in: page)
            guard target != .unknown else { continue }
            // A malformed URL is malformed-url's; here it counts as the URL it was meant to be.
            if let meant = MalformedURL.problem(link.destination, leadsNowhere: false)?.meant {
                sections[link.section, default: []].append((link, "url:" + LocalizedURL.normalized(meant)))
            } else {
                sections[link.section, default: []].append((link, key(target, in: site)))
            }
        }
        return sections
    }

    /// What a link is compared by: the translation group of the page it resolves to, the site path
    /// without its language prefix, the path of a link that leads nowhere, or the normalised
    /// external URL.
    func key(_ target: LinkTarget, in site: SiteModel) -> String {
        switch target {
        case .page(let index, _), .unrendered(let index, _):
            return "page:" + site.group(of: site.pages[index]).key
        case .unresolved(let path, _), .file(let path, _), .maybeRedirected(let path, _):
            var segments = path.split(separator: "/", omittingEmptySubsequences: false)
            if segments.count > 1, site.config.language(String(segments[1])) != nil { segments.remove(at: 1) }
            var normalized = segments.joined(separator: "/")
            if normalized.count > 1 && normalized.hasSuffix("/") { normalized.removeLast() }
            if case .unresolved = target { return "broken:" + normalized }
            return "path:" + normalized
        case .external(let url):
            return "url:" + LocalizedURL.normalized(url)
        case .unknown:
            return "unknown"
        }
    }
}
