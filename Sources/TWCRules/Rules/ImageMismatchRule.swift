import TWCCore
import TWCSite

/// `image-mismatch`: the Markdown images of aligned sections differ between a translation and
/// its source: another number of images, or an image showing another file.
public struct ImageMismatchRule: Rule {
    public init() {}
    public let id = "image-mismatch"
    public let severity = Severity.warning
    public let summary =
        "The Markdown images of aligned sections differ: an image in one version only, or an image that shows another file."
    public let rationale = """
        A translation shows the source's pictures: when the source's screenshot or diagram is \
        replaced and the translation keeps the old file, or an image is added to one version only, \
        readers of that language see something else. Translators rightly translate alt text and \
        titles, which are not compared, and may show a localised file: two images are the same \
        when their addresses are equal once normalised, differ only in language tokens \
        (`images/feature-en.png` and `images/feature-nl.png`, `/en/img.png` and `/nl/img.png`), in \
        a CMS upload hash or in a query or fragment, or lead to the same file or page of the site; \
        an image whose address has a language token stands for the other version's own, whatever \
        its name. An image the other version shows in raw HTML (`<img src>`) or through a \
        shortcode's `src`, or in another section (moved, or sections aligned by place alone), is \
        not one in one version only.
        """
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "Translated alt text, a localised file, an image written in HTML",
            files: [
                (
                    "content/p.md",
                    "## Features\n\n![The dashboard](images/feature-en.png \"Dashboard\")\n\n![Logo](/logo.svg?v=2)\n\n"
                        + "<img src=\"/diagram.svg\" alt=\"How it works\">\n"
                ),
                (
                    "content/p.nl.md",
                    "## Functies\n\n![Het dashboard](images/feature-nl.png \"Overzicht\")\n\n![Logo](/logo.svg)\n\n"
                        + "![Hoe het werkt](/diagram.svg)\n"
                ),
            ]),
        RuleExample(
            "The source's screenshot was replaced",
            files: [
                ("content/p.md", "## Features\n\n![The dashboard](images/dashboard-2025.png)\n"),
                ("content/p.nl.md", "## Functies\n\n![Het dashboard](images/dashboard-2023.png)\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:1",
                    "image 1 of section \"Functies\" shows 'images/dashboard-2023.png' where the en version shows 'images/dashboard-2025.png'; show the same image (or its nl version)"
                )
            ]),
        RuleExample(
            "An image in the source only",
            files: [
                (
                    "content/p.md",
                    "## Features\n\n![The dashboard](images/dashboard.png)\n\n![Reports](images/reports.png)\n"
                ),
                ("content/p.nl.md", "## Functies\n\n![Het dashboard](images/dashboard.png)\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:1:1",
                    "section \"Functies\" lacks the en version's image 'images/reports.png'; add it (or its nl version)"
                )
            ]),
    ]

    /// An image of a section: a Markdown image (`link`: its index in `Page.links`), or one written
    /// another way (raw HTML `<img src>`, a shortcode's `src`), which may stand for a Markdown
    /// image of the other version but is not compared itself.
    struct Image: Equatable {
        var destination: String
        var range: SourceRange
        var link: Int?
        /// `LocalizedURL.resourceKey` of the destination.
        var key = ""
        /// The destination has a language token: a language-specific image.
        var isLocalized = false
    }

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        // A page of a file mounted for several languages is its source's file: nothing differs.
        guard let source = site.sourcePage(of: page), source.index != page.index, source.path != page.path,
            let alignment = site.alignment(of: page), site.config.lint.requires(page.language, page.logicalPath),
            AlignedSections.shortened(alignment, source: source) == nil
        else { return }
        var mine = Self.images(of: page)
        var theirs = Self.images(of: source)
        guard
            mine.values.contains(where: { $0.contains { $0.link != nil } })
                || theirs.values.contains(where: { $0.contains { $0.link != nil } })
        else { return }
        let tokens = LocalizedURL.languageTokens(site.config.languageKeys)
        func keyed(_ images: inout [Int: [Image]]) {
            for section in images.keys {
                for index in images[section]!.indices {
                    let destination = images[section]![index].destination
                    images[section]![index].key = LocalizedURL.resourceKey(destination, tokens: tokens)
                    images[section]![index].isLocalized = LocalizedURL.hasLanguageToken(destination, tokens: tokens)
                }
            }
        }
        keyed(&mine)
        keyed(&theirs)
        func same(_ image: Image, _ counterpart: Image) -> Bool {
            if image.key == counterpart.key { return true }
            guard let mine = image.link, let theirs = counterpart.link,
                let left = Self.key(site.target(ofLink: mine, in: page), site: site),
                let right = Self.key(site.target(ofLink: theirs, in: source), site: site)
            else { return false }
            return left == right || LocalizedURL.sameButForLanguage(left, right, tokens: tokens)
        }
        // A language-specific image (its address has a language token) stands for the other
        // version's own, whatever it is called.
        func localized(_ image: Image, _ counterpart: Image) -> Bool { image.isLocalized || counterpart.isLocalized }
        // Images that show the same file are matched in each pair of sections (translators may
        // reorder), then images left in one section that another section of the other version
        // has are left out (moved, or sections aligned by place alone), then language-specific
        // images are matched with what is left.
        let pairs = AlignedSections.pairs(alignment)
        let unaligned = AlignedSections.unaligned(pairs, source: source, translation: page)
        var unmatched = pairs.map {
            AlignedSections.match(mine[$0.translation] ?? [], theirs[$0.source] ?? [], key: \.key, same: same)
        }
        unmatched +=
            unaligned.source.map { ([], theirs[$0] ?? []) } + unaligned.translation.map { (mine[$0] ?? [], []) }
        let left = AlignedSections.withoutMoved(unmatched, key: \.key, same: same)
        for ((sourceSection, translationSection), remaining) in zip(pairs, left) {
            let (here, there) = AlignedSections.match(remaining.here, remaining.there, key: nil, same: localized)
            // A language-specific image left over is the version's own addition.
            let changed = here.filter { $0.link != nil && !$0.isLocalized }
            let original = there.filter { $0.link != nil && !$0.isLocalized }
            guard !changed.isEmpty || !original.isEmpty else { continue }
            let name = AlignedSections.name(of: translationSection, in: page)
            // Image k of the section, among its Markdown images.
            var positions: [Int: Int] = [:]
            for image in mine[translationSection] ?? [] where image.link != nil {
                positions[image.range.start] = positions.count + 1
            }
            func position(_ image: Image) -> Int { positions[image.range.start] ?? 1 }
            if changed.count == original.count {
                for (image, counterpart) in zip(changed, original) {
                    diagnostics.append(
                        diagnostic(
                            page, image.range,
                            "image \(position(image)) of \(name) shows '\(image.destination)' where the "
                                + "\(source.language) version shows '\(counterpart.destination)'; show the same image "
                                + "(or its \(page.language) version)",
                            related: [note(source, counterpart.range, "the \(source.language) image")]))
                }
                continue
            }
            for image in changed {
                diagnostics.append(
                    diagnostic(
                        page, image.range,
                        "image \(position(image)) of \(name) ('\(image.destination)') has no counterpart in the "
                            + "\(source.language) version; remove it or add it there",
                        related: [
                            note(
                                source, AlignedSections.range(of: sourceSection, in: source),
                                "the \(source.language) section, without it")
                        ]))
            }
            for counterpart in original {
                diagnostics.append(
                    diagnostic(
                        page, AlignedSections.range(of: translationSection, in: page),
                        "\(name) lacks the \(source.language) version's image '\(counterpart.destination)'; add it "
                            + "(or its \(page.language) version)",
                        related: [note(source, counterpart.range, "the \(source.language) image")]))
            }
        }
    }

    /// What a resolved image is compared by: the translation group of a page, the published path
    /// of a file; nil when its target is not known.
    static func key(_ target: LinkTarget, site: SiteModel) -> String? {
        switch target {
        case .page(let index, _), .unrendered(let index, _): return "page:" + site.group(of: site.pages[index]).key
        case .file(let path, _): return "file:" + path
        default: return nil
        }
    }

    /// Parameters of shortcodes that name an image file.
    static let imageParameters: Set<String> = ["src", "image", "img", "source", "file", "url", "1"]
    static let imageExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "tif", "tiff",
    ]

    /// The images of a page by section, in order: its Markdown images (hidden ones are not in
    /// `Page.links`), raw HTML `<img src>` and shortcode parameters naming an image file.
    static func images(of page: Page) -> [Int: [Image]] {
        var result: [Int: [Image]] = [:]
        func add(_ image: Image) {
            result[PageHeading.section(at: image.range.start, headings: page.headings), default: []].append(image)
        }
        for (index, link) in page.links.enumerated() where link.kind == .image {
            add(Image(destination: link.destination, range: link.range, link: index))
        }
        var others = false
        for tag in page.parsed.shortcodes where !tag.isClosing && !tag.isComment {
            for (position, parameter) in tag.parameters.enumerated()
            where imageParameters.contains(parameter.name?.lowercased() ?? "\(position + 1)") {
                let path = parameter.value.prefix { $0 != "?" && $0 != "#" }
                guard let dot = path.lastIndex(of: "."),
                    imageExtensions.contains(path[path.index(after: dot)...].lowercased())
                else { continue }
                add(Image(destination: parameter.value, range: tag.range, link: nil))
                others = true
            }
        }
        let html = ByteSearch.contains("<img", in: page.source.bytes, page.parsed.bodyRange)
        if html {
            page.parsed.body.walk { node in
                if node.textBytes != nil { return false }
                switch node.kind {
                case .codeBlock, .codeSpan, .linkReferenceDefinition, .thematicBreak, .shortcode:
                    return false
                case .htmlBlock(let literal), .htmlInline(let literal):
                    for source in imageSources(in: literal) {
                        add(Image(destination: source, range: node.range, link: nil))
                        others = true
                    }
                    return false
                default:
                    return true
                }
            }
        }
        if others {
            for section in result.keys { result[section]!.sort { $0.range.start < $1.range.start } }
        }
        return result
    }

    /// The `src` of each `<img>` tag of raw HTML.
    static func imageSources(in html: String) -> [String] {
        guard html.range(of: "<img", options: .caseInsensitive) != nil else { return [] }
        var result: [String] = []
        var rest = Substring(html)
        while let tag = rest.range(of: "<img", options: .caseInsensitive) {
            let end = rest[tag.upperBound...].firstIndex(of: ">") ?? rest.endIndex
            let attributes = rest[tag.upperBound..<end]
            if let src = attributes.range(of: "src=", options: .caseInsensitive) {
                var value = attributes[src.upperBound...]
                if let quote = value.first, quote == "\"" || quote == "'" {
                    value = value.dropFirst().prefix { $0 != quote }
                } else {
                    value = value.prefix { !$0.isWhitespace }
                }
                result.append(String(value))
            }
            rest = rest[end...]
        }
        return result
    }
}
