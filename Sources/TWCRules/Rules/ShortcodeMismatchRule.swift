import TWCCore
import TWCMarkdown
import TWCSite

/// `shortcode-mismatch`: the shortcode calls of aligned sections differ between a translation and
/// its source: a call in one version only, or a call whose settings (numbers, paths, URLs, ids)
/// differ.
public struct ShortcodeMismatchRule: Rule {
    public init() {}
    public let id = "shortcode-mismatch"
    public let severity = Severity.warning
    public let summary =
        "The shortcodes of aligned sections differ: a shortcode in one version only, or a call whose settings (a number, a path, a URL, an id) differ."
    public let rationale = """
        Shortcodes put videos, figures, notices and widgets on a page: a call the source added or \
        changed (a new video id, another figure, a size) and the translation lacks leaves readers \
        of that language with an outdated page. Calls are compared by name in each pair of aligned \
        sections (closing tags and `{{</* */>}}` comments are not calls; `ref`/`relref` and \
        `href` parameters are `link-mismatch`'s), and a call with its counterpart by the parameters \
        that are settings: numbers, booleans, URLs, paths and file names, ids and keys. Text is \
        translated and left out: values with white space and letters, capitalised words, \
        parameters such as `title`, `alt`, `caption`, `text`, `label`, `lang` (and `class`, \
        `style`, which a translation adapts to its text), plain words given by position, and \
        values that differ only in language tokens (`intro-en.mp4` and `intro-nl.mp4`, `en` and \
        `nl`); a call with a language-specific setting is the version's own. A notice (`alert`, \
        `note` ...) and a GitHub-style alert (`> [!NOTE]`) stand for each other, shortcodes \
        named for a language (`sign-language-video`) are language-specific, a call the other \
        version has in another section (moved, or sections aligned by place alone) is not one in \
        one version only, and a call inside one reported is not reported again.
        """
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "Translated captions, a localised file, reordered calls, a GitHub alert for a notice",
            files: [
                (
                    "layouts/shortcodes/figure.html",
                    "<figure><img src=\"{{ .Get \"src\" }}\"><figcaption>{{ .Get \"caption\" }}</figcaption></figure>\n"
                ),
                ("layouts/shortcodes/notice.html", "<div class=\"{{ .Get 0 }}\">{{ .Inner }}</div>\n"),
                (
                    "content/p.md",
                    "## Tour\n\n{{< figure src=\"tour-en.png\" caption=\"The tour\" width=\"600\" >}}\n\n"
                        + "{{< notice warning >}}Mind the gap.{{< /notice >}}\n\n> [!TIP]\n> Read this first.\n"
                ),
                (
                    "content/p.nl.md",
                    "## Rondleiding\n\n{{< notice tip >}}Lees dit eerst.{{< /notice >}}\n\n"
                        + "{{< figure src=\"tour-nl.png\" caption=\"De rondleiding\" width=\"600\" >}}\n\n"
                        + "{{< notice warning >}}Let op.{{< /notice >}}\n"
                ),
            ]),
        RuleExample(
            "The source's video was replaced",
            files: [
                (
                    "layouts/shortcodes/video.html",
                    "<iframe src=\"https://example.org/v/{{ .Get \"id\" }}\"></iframe>\n"
                ),
                ("content/p.md", "## Demo\n\n{{< video id=\"k3Xz9\" title=\"Demo\" >}}\n"),
                ("content/p.nl.md", "## Demo\n\n{{< video id=\"a81Qp\" title=\"Demonstratie\" >}}\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:14",
                    "parameter 'id' of shortcode 'video' in section \"Demo\" is 'a81Qp' here but 'k3Xz9' in the en version; use the same value"
                )
            ]),
        RuleExample(
            "A shortcode in one version only",
            files: [
                (
                    "layouts/shortcodes/video.html",
                    "<iframe src=\"https://example.org/v/{{ .Get \"id\" }}\"></iframe>\n"
                ),
                ("layouts/shortcodes/notice.html", "<div class=\"{{ .Get 0 }}\">{{ .Inner }}</div>\n"),
                (
                    "content/p.md",
                    "## Demo\n\n{{< video id=\"k3Xz9\" >}}\n\nWatch it.\n"
                ),
                (
                    "content/p.nl.md",
                    "## Demo\n\nBekijk het.\n\n{{< notice info >}}Nieuw!{{< /notice >}}\n"
                ),
            ],
            findings: [
                .init(
                    "content/p.nl.md:1:1",
                    "section \"Demo\" lacks a call of shortcode 'video' that the en version has; add it"
                ),
                .init(
                    "content/p.nl.md:5:1",
                    "shortcode 'notice' in section \"Demo\" has no counterpart in the en version; remove it or add it there"
                ),
            ]),
    ]

    struct Parameter {
        /// The name, lower-cased, or the position (`1`) of a positional parameter.
        var label: String
        var value: String
        var range: SourceRange
        /// Translated text: left out of the comparison.
        var isText: Bool
    }

    struct Call {
        var name: String
        var range: SourceRange
        var parameters: [Parameter]
        /// A notice (`alert`, `note`, `warning` ...), which a GitHub-style alert (`> [!NOTE]`)
        /// may replace.
        var isNotice: Bool
        /// Not a call: a GitHub-style alert, the counterpart of a notice.
        var isAlert = false
        /// What the call encloses, up to its closing tag.
        var inner: SourceRange?
        /// A setting has a language token (`streets-zh-v1`): the version's own call.
        var isLocalized = false
        /// Calls with equal keys agree: the name and settings, without language tokens.
        var key = ""
    }

    /// A difference between two calls of one shortcode.
    struct Difference {
        var label: String
        var mine: Parameter?
        var theirs: Parameter?
    }

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        // A page of a file mounted for several languages is its source's file: nothing differs.
        guard let source = site.sourcePage(of: page), source.index != page.index, source.path != page.path,
            let alignment = site.alignment(of: page), site.config.lint.requires(page.language, page.logicalPath),
            AlignedSections.shortened(alignment, source: source) == nil
        else { return }
        let tokens = LocalizedURL.languageTokens(site.config.languageKeys)
        let mine = Self.calls(of: page, tokens: tokens)
        let theirs = Self.calls(of: source, tokens: tokens)
        guard !mine.isEmpty || !theirs.isEmpty else { return }
        func agree(_ call: Call, _ counterpart: Call) -> Bool {
            if call.isAlert || counterpart.isAlert { return call.isNotice && counterpart.isNotice }
            return Self.sameName(call.name, counterpart.name, tokens: tokens)
                && Self.difference(call, counterpart, tokens: tokens) == nil
        }
        let pairs = AlignedSections.pairs(alignment)
        // Calls that agree are matched in each pair of sections (translators may reorder), a
        // notice with a GitHub-style alert of the other version, then calls left in one section
        // that another section of the other version has are left out (moved, or sections aligned
        // by place alone). A call inside another one left over is not reported on its own.
        var unmatched = pairs.map {
            AlignedSections.match(mine[$0.translation] ?? [], theirs[$0.source] ?? [], key: \.key, same: agree)
        }
        let unaligned = AlignedSections.unaligned(pairs, source: source, translation: page)
        unmatched +=
            unaligned.source.map { ([], theirs[$0] ?? []) } + unaligned.translation.map { (mine[$0] ?? [], []) }
        let left = AlignedSections.withoutMoved(unmatched, key: \.key, same: agree)
        for ((sourceSection, translationSection), left) in zip(pairs, left) {
            guard !left.here.isEmpty || !left.there.isEmpty else { continue }
            let name = AlignedSections.name(of: translationSection, in: page)
            var extra = Self.outermost(left.here)
            var missing: [Call] = []
            // Calls of one shortcode that differ in a setting: each paired with the call of the
            // other version that shares most settings with it (a call whose settings all differ
            // is another call, unless it has only one).
            let pairing = left.here.count * left.there.count <= AlignedSections.comparisonBudget
            for counterpart in Self.outermost(left.there) {
                guard pairing else {
                    missing.append(counterpart)
                    continue
                }
                let candidates = extra.indices.filter {
                    Self.sameName(extra[$0].name, counterpart.name, tokens: tokens)
                }
                let scored = candidates.map { ($0, Self.shared(extra[$0], counterpart, tokens: tokens)) }
                guard let best = scored.max(by: { $0.1.shared < $1.1.shared }),
                    best.1.shared > 0 || best.1.settings <= 1
                else {
                    missing.append(counterpart)
                    continue
                }
                let call = extra.remove(at: best.0)
                guard let difference = Self.difference(call, counterpart, tokens: tokens) else { continue }
                let parameter =
                    Int(difference.label) != nil ? "parameter \(difference.label)" : "parameter '\(difference.label)'"
                let what = "\(parameter) of shortcode '\(call.name)' in \(name)"
                let message: String
                switch (difference.mine, difference.theirs) {
                case (let value?, let sourceValue?):
                    message =
                        "\(what) is '\(value.value)' here but '\(sourceValue.value)' in the \(source.language) version; "
                        + "use the same value"
                case (let value?, nil):
                    message =
                        "\(what) is '\(value.value)' here but not set in the \(source.language) version; "
                        + "remove it or set it there"
                case (nil, let sourceValue?):
                    message =
                        "\(what) is not set here but is '\(sourceValue.value)' in the \(source.language) version; set it"
                case (nil, nil):
                    continue
                }
                diagnostics.append(
                    diagnostic(
                        page, difference.mine?.range ?? call.range, message,
                        related: [
                            note(
                                source, difference.theirs?.range ?? counterpart.range,
                                "the \(source.language) shortcode")
                        ]))
            }
            for counterpart in missing {
                diagnostics.append(
                    diagnostic(
                        page, AlignedSections.range(of: translationSection, in: page),
                        "\(name) lacks a call of shortcode '\(counterpart.name)' that the \(source.language) version has; "
                            + "add it",
                        related: [note(source, counterpart.range, "the \(source.language) shortcode")]))
            }
            for call in extra {
                diagnostics.append(
                    diagnostic(
                        page, call.range,
                        "shortcode '\(call.name)' in \(name) has no counterpart in the \(source.language) version; "
                            + "remove it or add it there",
                        related: [
                            note(
                                source, AlignedSections.range(of: sourceSection, in: source),
                                "the \(source.language) section, without it")
                        ]))
            }
        }
    }

    /// Calls (not alerts) that are not inside another of `calls`.
    static func outermost(_ calls: [Call]) -> [Call] {
        let inners = RangeLookup(calls.compactMap(\.inner))
        return calls.filter { !$0.isAlert && !inners.contains($0.range.start) }
    }

    /// The same shortcode, or its version for another language (`newsletter-en`, `newsletter-nl`).
    static func sameName(_ name: String, _ other: String, tokens: Set<String>) -> Bool {
        name == other || LocalizedURL.sameButForLanguage(name, other, tokens: tokens)
    }

    /// The first setting in which two calls of one shortcode differ, nil when they agree.
    /// A call with a language-specific setting (`streets-zh-v1`) is the version's own: its
    /// settings are not compared.
    static func difference(_ call: Call, _ counterpart: Call, tokens: Set<String>) -> Difference? {
        if call.isLocalized || counterpart.isLocalized { return nil }
        for parameter in call.parameters {
            let other = counterpart.parameters.first { $0.label == parameter.label }
            if parameter.isText || other?.isText == true { continue }
            guard let other else { return Difference(label: parameter.label, mine: parameter, theirs: nil) }
            if !same(parameter.value, other.value, tokens: tokens) {
                return Difference(label: parameter.label, mine: parameter, theirs: other)
            }
        }
        for other in counterpart.parameters where !other.isText {
            if !call.parameters.contains(where: { $0.label == other.label }) {
                return Difference(label: other.label, mine: nil, theirs: other)
            }
        }
        return nil
    }

    /// How many settings two calls share, and the most settings either has.
    static func shared(_ call: Call, _ counterpart: Call, tokens: Set<String>) -> (shared: Int, settings: Int) {
        let mine = call.parameters.filter { !$0.isText }
        let theirs = counterpart.parameters.filter { !$0.isText }
        let shared = mine.filter { parameter in
            theirs.contains { $0.label == parameter.label && same($0.value, parameter.value, tokens: tokens) }
        }.count
        return (shared, max(mine.count, theirs.count))
    }

    /// Two settings are the same when equal but for case, or when they name one file or address
    /// (`LocalizedURL.sameResource`: normalised, or but for language tokens).
    static func same(_ value: String, _ other: String, tokens: Set<String>) -> Bool {
        value == other || value.lowercased() == other.lowercased()
            || LocalizedURL.sameResource(value, other, tokens: tokens)
    }

    /// Parameters whose values are text, or presentation a translation adapts to its text.
    static let textParameters: Set<String> = [
        "lang", "language", "title", "alt", "caption", "text", "label", "description", "summary", "name",
        "subtitle", "header", "heading", "tooltip", "placeholder", "message", "attr", "linktitle", "class", "style",
    ]

    /// Shortcodes compared elsewhere (`ref`, `relref`) or writing nothing (`comment`).
    static let skipped: Set<String> = ["ref", "relref", "comment"]

    /// Words in the name of a shortcode whose content is language-specific (`sign-language-video`,
    /// `lang-switch`).
    static let languageWords: Set<String> = [
        "lang", "language", "languages", "i18n", "l10n", "translation", "translations", "translate",
    ]

    static var notices: Set<String> { Notices.shortcodeNames }

    /// Whether a value is translated text: words with white space between them, a capitalised
    /// word, a word in another script, and for a positional parameter any plain word (`{{< include
    /// "keep-up-to-date.md" adopter >}}`). Numbers, booleans, URLs, paths and file names, ids and
    /// lower-case keys of named parameters are settings.
    static func isText(_ value: String, positional: Bool) -> Bool {
        let text = value.trimmingSpaces
        if text.isEmpty || text.rangeOfSchemeSeparator() != nil || text.lowercased().hasPrefix("mailto:") {
            return false
        }
        if text.contains(where: \.isWhitespace) { return text.contains(where: \.isLetter) }
        if isPath(text) { return false }
        if text.contains(where: { $0.isLetter && !$0.isASCII }) { return true }
        if text.contains(where: { $0.isNumber || $0 == "_" || $0 == "#" || $0 == "=" }) { return false }
        if ["true", "false"].contains(text.lowercased()) { return false }
        if positional, text.allSatisfy(\.isLetter) { return true }
        return text.contains(where: \.isUppercase) || text.contains(where: { ".,;:!?'\"".contains($0) })
    }

    /// `/img/a.png`, `./a`, `a/b`, `photo.jpg`.
    static func isPath(_ text: String) -> Bool {
        if text.contains("/") { return true }
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex else { return false }
        let suffix = text[text.index(after: dot)...]
        return (1...5).contains(suffix.count) && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            && suffix.contains(where: \.isLetter) && text[..<dot].last.map { $0.isLetter || $0.isNumber } == true
    }

    /// The shortcode calls of a page by section (closing tags, comments, hidden calls, calls in
    /// link destinations and language-specific shortcodes left out), with the parameters they are
    /// compared by, and the GitHub-style alerts (`> [!NOTE]`), counterparts of notices.
    static func calls(of page: Page, tokens: Set<String>) -> [Int: [Call]] {
        var hrefs = Set<String>()
        var destinations: [SourceRange] = []
        for link in page.links {
            if link.kind == .shortcodeHref, let index = link.shortcodeIndex, let parameter = link.shortcodeParameter {
                hrefs.insert("\(index) \(parameter.lowercased())")
            } else if link.viaShortcode, let range = link.destinationRange {
                destinations.append(range)
            }
        }
        let inDestinations = RangeLookup(destinations)
        let hidden = RangeLookup(page.hiddenRanges)
        var calls: [Int: [Call]] = [:]
        for (index, tag) in page.parsed.shortcodes.enumerated() {
            let name = tag.name.lowercased()
            guard !tag.isComment, !tag.isClosing, !skipped.contains(name), !hidden.contains(tag.range.start),
                !inDestinations.contains(tag.range.start),
                !name.split(whereSeparator: { "-_/.".contains($0) }).contains(where: {
                    languageWords.contains(String($0))
                })
            else { continue }
            var parameters: [Parameter] = []
            for (position, parameter) in tag.parameters.enumerated() {
                let label = parameter.name?.lowercased() ?? "\(position + 1)"
                guard !textParameters.contains(label), !hrefs.contains("\(index) \(label)") else { continue }
                parameters.append(
                    Parameter(
                        label: label, value: parameter.value, range: parameter.valueRange,
                        isText: isText(parameter.value, positional: parameter.name == nil)))
            }
            let last = String(name.split(separator: "/").last ?? Substring(name))
            let inner = tag.partner.map { SourceRange(tag.range.end, page.parsed.shortcodes[$0].range.start) }
            let localized = parameters.contains {
                !$0.isText && LocalizedURL.hasLanguageToken($0.value, tokens: tokens)
            }
            let settings = parameters.filter { !$0.isText }.map {
                $0.label + "=" + LocalizedURL.resourceKey($0.value, tokens: tokens)
            }
            let key =
                LocalizedURL.withoutLanguageTokens(name, tokens).0 + (localized ? "\u{1}" : "\u{0}")
                + settings.sorted().joined(separator: "\u{0}")
            calls[PageHeading.section(at: tag.range.start, headings: page.headings), default: []].append(
                Call(
                    name: name, range: tag.range, parameters: parameters, isNotice: notices.contains(last),
                    inner: inner, isLocalized: localized, key: key))
        }
        var alerts = false
        let bytes = page.source.bytes
        if ByteSearch.contains("[!", in: bytes, page.parsed.bodyRange) {
            page.parsed.body.walk { node in
                if node.isText { return false }
                switch node.kind {
                case .blockQuote:
                    // `> [!NOTE]`: the quote's first line.
                    var index = node.range.start
                    while index < node.range.end, bytes[index] == UInt8(ascii: ">") || bytes[index] == 0x20 {
                        index += 1
                    }
                    if index + 1 < node.range.end, bytes[index] == UInt8(ascii: "["),
                        bytes[index + 1] == UInt8(ascii: "!")
                    {
                        alerts = true
                        calls[PageHeading.section(at: node.range.start, headings: page.headings), default: []].append(
                            Call(
                                name: "alert", range: node.range, parameters: [], isNotice: true, isAlert: true,
                                key: "\u{2}alert"))
                    }
                    return true
                case .document, .list, .listItem, .footnoteDefinition, .definitionList, .definitionDescription:
                    return true
                default:
                    return false
                }
            }
        }
        if alerts {
            for section in calls.keys { calls[section]!.sort { $0.range.start < $1.range.start } }
        }
        return calls
    }
}
