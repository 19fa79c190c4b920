import TWCCore
import TWCFrontmatter
import TWCSite

/// `frontmatter-mismatch`: a key in one version only, or a non-translatable key with different values.
public struct FrontmatterMismatchRule: Rule {
    public init() {}
    public let id = "frontmatter-mismatch"
    public let severity = Severity.warning
    public let summary =
        "A front matter key present in one version and absent in another, a non-translatable key (`layout`, `type`, `weight`, `draft` ...) with different values, or an empty list item."
    public let rationale = """
        Keys such as `layout`, `feature`, `weight`, `draft` or `tags` change how a page is built; when \
        they differ between languages the versions look or behave differently. Translatable keys \
        (`title`, `description`, `summary`, `featureAlt`, `linkTitle`, `keywords`, `lastmod` and those \
        listed in `translatableKeys` of `.twc-lint.toml`) may differ in value but should be present in \
        every version. `slug`, `url`, `aliases` and `translationKey` are per language. Dates are \
        compared by `date-mismatch`. What translators localise is not drift: prose (a value of \
        several words: `coverCaption`, `location`), a file name that differs only by a language \
        token (`feature-en.png`, `feature-nl.png`), the site's taxonomy terms (Hugo keeps them per \
        language), a key a language changes in nearly every translation (the site's convention), \
        a key only translations carry (the source commit a translation was made from: \
        `translationSourceCommit`, which `twc-lint new` writes, or opentelemetry.io's \
        `default_lang_commit`; or a key many of the site's translations carry and its sources hardly ever), and a key a \
        language's translations mostly leave out (except `draft`, `layout`, `type`, `headless`, `build`). Keys listed in \
        `settingKeys` of `.twc-lint.toml` are always compared. Tables are compared without their \
        translatable keys and prose (a menu entry's `name`); images and documents whose names each \
        name their own language (`Tool-blog-FR.png`, `ToolBlogEN.png`) or differ only by the hash or \
        number a CMS adds to an upload are each language's own, and so are web addresses of each \
        language's version (`canada.ca/fr/…`, `canada.ca/en/…`); \
        spell checker directives (`cSpell:ignore`) and keys written without a value are left alone. An empty list item (`tags: [AI, ]`) \
        is reported in any version.
        """
    public let fixAvailability = FixAvailability.unsafe
    public let fixBehavior: String? =
        "For a differing value, copies the source version's value, written in this page's quoting style (tables and arrays as the source's text, when both versions use the same format); for a missing non-translatable key, adds it with the source's value in this page's syntax."
    /// Keys that change how a page is built or whether it is: never a language's convention.
    static let alwaysCompared: Set<String> = ["draft", "layout", "type", "headless", "build"]
    static let comparedAsDates: Set<String> = [
        "date", "publishdate", "pubdate", "published", "expirydate", "unpublishdate",
    ]

    public let examples: [RuleExample] = [
        RuleExample(
            "Localised values: a caption, a place, a feature image per language, translated tags",
            files: [
                (
                    "content/p.md",
                    "---\ntitle: May Day\ncoverCaption: Tech workers at May Day\nlocation: Online + optional onsite\nfeature: feature-en.webp\ntags: [opinion]\n---\n"
                ),
                (
                    "content/p.nl.md",
                    "---\ntitle: Dag van de Arbeid\ncoverCaption: Techwerkers op de Dag van de Arbeid\nlocation: Online + optioneel op locatie\nfeature: feature-nl.webp\ntags: [opinie]\n---\n"
                ),
            ]),
        RuleExample(
            "A menu entry's translated name, each language's own image and upload, the other language's address, a spell checker's word list, an empty field",
            files: [
                (
                    "content/p.md",
                    "---\ntitle: Home\nmenu:\n  main:\n    name: Home\n    weight: 1\nimage: Policy-Tool-blog-EN.png\nthumb: small_blog_ux_7e314a7e97.jpg\nproduct: https://example.ca/en/benefits/start\ncSpell:ignore: youtube\nimageCaption:\n---\n"
                ),
                (
                    "content/p.nl.md",
                    "---\ntitle: Thuis\nmenu:\n  main:\n    name: Thuis\n    weight: 1\nimage: PolicyTool_BlogNL.png\nthumb: small_blog_ux_ab66691a2a.jpg\nproduct: https://example.ca/nl/uitkeringen/begin\n---\n"
                ),
            ]),
        RuleExample(
            "An empty list item, in any version",
            files: [
                ("content/p.md", "---\ntitle: AI\ntags: [AI, ]\n---\n"),
                ("content/p.nl.md", "---\ntitle: AI\ntags: [AI, werk]\n---\n"),
            ],
            findings: [
                .init(
                    "content/p.md:3:7",
                    "front matter 'tags' has an empty item ([AI, ]): fill in the value that is missing, or remove the separator"
                )
            ]),
        RuleExample(
            "Translated title, same layout",
            files: [
                ("content/p.md", "---\ntitle: About\nlayout: single\nslug: about\n---\n"),
                ("content/p.nl.md", "---\ntitle: Over\nlayout: \"single\"\nslug: over\n---\n"),
            ]),
        RuleExample(
            "The source commit a translation was made from, which only translations carry",
            files: [
                ("content/p.md", "---\ntitle: About\n---\n"),
                (
                    "content/p.nl.md",
                    "---\ntitle: Over\ntranslationSourceCommit: 8d1f0c2a9e4b7d3c6f5a1e0b9c8d7e6f5a4b3c2d\n---\n"
                ),
            ]),
        RuleExample(
            "A key only in the translation",
            files: [
                ("content/p.md", "---\ntitle: About\n---\n"),
                ("content/p.nl.md", "---\ntitle: Over\nshowSummary: true\n---\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:1",
                    "front matter key 'showSummary' is not in the en version (content/p.md); add it there or remove it here"
                )
            ]),
        RuleExample(
            "A key missing in the translation",
            files: [
                ("content/p.md", "---\ntitle: About\nlayout: single-resource\n---\n"),
                ("content/p.nl.md", "---\ntitle: Over\n---\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:1",
                    "front matter key 'layout' of the en version is missing here; add 'layout' with the value single-resource"
                )
            ],
            fixed: [
                ("content/p.nl.md", "---\ntitle: Over\nlayout: single-resource\n---\n")
            ]),
        RuleExample(
            "A non-translatable key with another value",
            files: [
                ("content/p.md", "---\ntitle: About\nweight: 10\n---\n"),
                ("content/p.nl.md", "---\ntitle: Over\nweight: 20\n---\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:9",
                    "front matter 'weight' is 20 here but 10 in the en version; 'weight' is not translatable, so give both versions the same value"
                )
            ],
            fixed: [
                ("content/p.nl.md", "---\ntitle: Over\nweight: 10\n---\n")
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        if page.parsed.frontmatterError == nil { emptyItems(page, into: &diagnostics) }
        guard let source = site.sourcePage(of: page), source.index != page.index,
            page.parsed.frontmatterError == nil, source.parsed.frontmatterError == nil
        else { return }
        let extraTranslatable = Set(site.config.lint.translatableKeys.map { $0.lowercased() })
        let settingKeys = Set(site.config.lint.settingKeys.map { $0.lowercased() })
        let usage = site.frontmatterKeyUsage
        let localizedHere = usage.localizedKeys[page.language] ?? []
        let translationOnly = usage.translationOnlyKeys[page.language] ?? []
        // Taxonomy terms are labels per language, also where the site turns the term pages off.
        let taxonomies = Set(site.config.taxonomies).union(["tags", "categories"])
        let mine = Dictionary(
            page.frontmatter.entries.map { ($0.key.lowercased(), $0) }, uniquingKeysWith: { _, last in last })
        let theirs = Dictionary(
            source.frontmatter.entries.map { ($0.key.lowercased(), $0) }, uniquingKeysWith: { _, last in last })
        let lang = source.language
        // Keys here but not in the source.
        for entry in page.frontmatter.entries where theirs[entry.key.lowercased()] == nil {
            let key = entry.key.lowercased()
            guard !Self.isPerLanguage(key), settingKeys.contains(key) || !translationOnly.contains(key),
                !Self.isEmpty(entry.value)
            else { continue }
            diagnostics.append(
                diagnostic(
                    page, entry.keyRange,
                    "front matter key '\(entry.key)' is not in the \(lang) version (\(source.path)); add it there or remove it here",
                    related: [
                        note(
                            source, Self.closingDelimiterRange(source),
                            "the \(lang) front matter, without '\(entry.key)'")
                    ]))
        }
        // Keys in the source but not here.
        let omitted = usage.omittedKeys[page.language] ?? []
        for entry in source.frontmatter.entries where mine[entry.key.lowercased()] == nil {
            let key = entry.key.lowercased()
            guard !Self.isPerLanguage(key), !Self.isEmpty(entry.value),
                settingKeys.contains(key) || Self.alwaysCompared.contains(key) || !omitted.contains(key)
            else { continue }
            let value = source.source.text(entry.value.range)
            let translatable = Self.isTranslatable(entry.key, extraTranslatable)
            diagnostics.append(
                diagnostic(
                    page, Self.closingDelimiterRange(page),
                    "front matter key '\(entry.key)' of the \(lang) version is missing here; add '\(entry.key)' "
                        + (translatable ? "(translated)" : "with the value \(value)"),
                    related: [note(source, entry.keyRange, "the \(lang) '\(entry.key)'")],
                    fix: translatable ? nil : addedKeyFix(page, entry.key, FrontmatterScalar(entry.value))))
        }
        // Non-translatable keys with different values.
        for entry in page.frontmatter.entries {
            let key = entry.key.lowercased()
            guard let counterpart = theirs[key], !Self.isPerLanguage(key), !Self.comparedAsDates.contains(key),
                !Self.isTranslatable(key, extraTranslatable),
                Self.canonical(entry.value, leaving: extraTranslatable)
                    != Self.canonical(counterpart.value, leaving: extraTranslatable)
            else { continue }
            if !settingKeys.contains(key) {
                // Localisation, decided from the values and the site's own conventions.
                if taxonomies.contains(key) || localizedHere.contains(key) { continue }
                if Self.isProse(entry.value) || Self.isProse(counterpart.value) { continue }
                if Self.differOnlyByLanguage(entry.value, counterpart.value, languages: site.config.languageKeys)
                    || Self.localizedFiles(entry.value, counterpart.value, page.language, source.language)
                    || Self.localizedAddresses(entry.value, counterpart.value, page.language, source.language, site)
                {
                    continue
                }
            }
            let theirText = source.source.text(counterpart.value.range)
            diagnostics.append(
                diagnostic(
                    page, entry.value.range,
                    "front matter '\(entry.key)' is \(page.source.text(entry.value.range)) here but \(theirText) in the \(lang) version; "
                        + "'\(entry.key)' is not translatable, so give both versions the same value",
                    related: [note(source, counterpart.value.range, "the \(lang) value")],
                    fix: copiedValueFix(
                        page, entry, FrontmatterScalar(counterpart.value), from: source, counterpart.value)))
        }
    }

    /// Adds a missing non-translatable key with the source's value, in the page's own syntax
    /// (unsafe: the key may be missing on purpose).
    func addedKeyFix(_ page: Page, _ key: String, _ value: FrontmatterScalar?) -> Fix? {
        guard let value, let block = page.parsed.frontmatterBlock, page.parsed.frontmatterError == nil else {
            return nil
        }
        let editor = FrontmatterEditor(bytes: page.source.bytes, block: block, root: page.frontmatter)
        guard let change = try? editor.editAddingKey(at: [.key(key)], value: value) else { return nil }
        return Fix(safe: false, summary: "add \(key)", edits: change.replacements.map { edit(page, $0.range, $0.text) })
    }

    /// A list with an empty item, in any version: `tags: [AI, ]` (a value left out), `[a, , b]`,
    /// or an item of a block list with no value.
    func emptyItems(_ page: Page, into diagnostics: inout [Diagnostic]) {
        for entry in page.frontmatter.entries {
            guard case .array(let items) = entry.value.kind else { continue }
            let text = Array(page.source.text(entry.value.range).utf8)
            // A null item (`- ` with nothing); an empty string written out (`""`) is deliberate.
            var empty = items.contains { item in
                if case .null = item.kind { return true }
                return false
            }
            // On one line, a comma with nothing after it before the next comma or the `]`.
            if !empty, text.first == UInt8(ascii: "["), !text.contains(UInt8(ascii: "\n")) {
                var quote: UInt8 = 0
                var afterSeparator = true
                for byte in text.dropFirst() {
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"):
                        quote = byte
                        afterSeparator = false
                    case UInt8(ascii: ","), UInt8(ascii: "]"):
                        if afterSeparator && !(byte == UInt8(ascii: "]") && items.isEmpty) { empty = true }
                        afterSeparator = true
                    case UInt8(ascii: " "), UInt8(ascii: "\t"): continue
                    default: afterSeparator = false
                    }
                }
            }
            guard empty else { continue }
            diagnostics.append(
                diagnostic(
                    page, entry.value.range,
                    "front matter '\(entry.key)' has an empty item (\(page.source.text(entry.value.range))): "
                        + "fill in the value that is missing, or remove the separator"))
        }
    }

    /// Text of several words with letters (a caption, a place): translators translate it.
    /// URLs, paths and identifiers are not prose.
    static func isProse(_ value: FrontmatterValue) -> Bool {
        guard case .string(let text) = value.kind else { return false }
        let trimmed = text.trimmingSpaces
        guard !trimmed.hasPrefix("/"), !trimmed.hasPrefix("#"), trimmed.rangeOfSchemeSeparator() == nil,
            !trimmed.hasPrefix("{{")
        else { return false }
        let words = trimmed.split(whereSeparator: \.isWhitespace).filter { $0.contains(where: \.isLetter) }
        return words.count >= 2
    }

    /// Two strings, or lists of strings, that differ only by language tokens
    /// (`feature-en.png` and `feature-nl.png`, `/img/en/map.svg` and `/img/nl/map.svg`), and by
    /// the content hash a CMS adds to each upload.
    static func differOnlyByLanguage(_ a: FrontmatterValue, _ b: FrontmatterValue, languages: [String]) -> Bool {
        switch (a.kind, b.kind) {
        case (.string(let x), .string(let y)):
            return LocalizedURL.sameButForLanguage(x, y, languages: languages, ignoringHashes: true)
        case (.array(let xs), .array(let ys)):
            guard xs.count == ys.count, !xs.isEmpty else { return false }
            return zip(xs, ys).allSatisfy { x, y in
                Self.canonical(x) == Self.canonical(y) || differOnlyByLanguage(x, y, languages: languages)
            }
        default:
            return false
        }
    }

    static func isPerLanguage(_ key: String) -> Bool { TranslatableKeys.isPerLanguage(key) }

    /// A key written with no value (`image-translation:`, a CMS's empty field): it sets nothing.
    static func isEmpty(_ value: FrontmatterValue) -> Bool {
        if case .null = value.kind { return true }
        return false
    }

    /// Two file names or addresses of images or documents, one of them naming its own version's
    /// language and the other not (`Policy-Tool-blog-FR.png`, `PolicyTool_-BlogEN.png`,
    /// `fr_searchbar.jpg` and `searchbar.jpg`): each language's own file.
    static func localizedFiles(_ a: FrontmatterValue, _ b: FrontmatterValue, _ mine: String, _ theirs: String) -> Bool {
        guard case .string(let x) = a.kind, case .string(let y) = b.kind else { return false }
        let extensions: Set<String> = [
            "png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "pdf", "docx", "pptx", "xlsx", "mp4", "webm",
        ]
        func tokens(_ text: String) -> [String] {
            // Words split at separators and where lower case turns to upper case (`BlogEN`).
            var result: [String] = []
            var current = ""
            var previousLower = false
            var previousDigit = false
            for character in text {
                let isUpper = character.isUppercase
                if !character.isLetter && !character.isNumber {
                    if !current.isEmpty { result.append(current.lowercased()) }
                    current = ""
                } else if (isUpper && previousLower) || (!current.isEmpty && character.isNumber != previousDigit) {
                    // `BlogEN`, `FRENCH1`: a new word where case or letters and digits change.
                    result.append(current.lowercased())
                    current = String(character)
                } else {
                    current.append(character)
                }
                previousLower = character.isLowercase
                previousDigit = character.isNumber
            }
            if !current.isEmpty { result.append(current.lowercased()) }
            return result
        }
        let left = tokens(x)
        let right = tokens(y)
        guard let leftExtension = left.last, let rightExtension = right.last, extensions.contains(leftExtension),
            extensions.contains(rightExtension)
        else { return false }
        // Each version's own upload of a picture of the same name: the names differ only by the
        // hash or the number a CMS adds (`user_experience_7e314a7e97.jpg`, `Writing_002-1.jpg`).
        func name(_ text: String) -> [String] {
            text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
                .filter { !LocalizedURL.isHash($0) && !$0.allSatisfy(\.isNumber) }
        }
        if name(x) == name(y) { return true }
        // One side names its own language and the other does not (`fr_searchbar.jpg` for
        // `searchbar.jpg`, `Benchmark_F.jpg` for `Benchmark_ENG.jpg`).
        let mineTokens = LocalizedURL.tokens(of: mine)
        let theirTokens = LocalizedURL.tokens(of: theirs)
        return (left.contains { mineTokens.contains($0) } && !right.contains { mineTokens.contains($0) })
            || (right.contains { theirTokens.contains($0) } && !left.contains { theirTokens.contains($0) })
    }

    /// Two web addresses that are each language's own: the other language's version of one
    /// address, or each language's own resource (`canada.ca/fr/…` for `canada.ca/en/…`).
    static func localizedAddresses(
        _ a: FrontmatterValue, _ b: FrontmatterValue, _ mine: String, _ theirs: String, _ site: SiteModel
    ) -> Bool {
        guard case .string(let x) = a.kind, case .string(let y) = b.kind, x.rangeOfSchemeSeparator() != nil,
            y.rangeOfSchemeSeparator() != nil
        else {
            return false
        }
        let languages = site.config.languageKeys
        return LocalizedURL.relation(x, y, languages: languages) != .different
            || LocalizedURL.localResources(
                translation: x, source: y, translationLanguage: mine, sourceLanguage: theirs, languages: languages)
    }

    static func isTranslatable(_ key: String, _ extra: Set<String>) -> Bool {
        TranslatableKeys.contains(key, extra: extra)
    }

    /// The line of the closing delimiter (`---`, `+++`), where a missing key would be added.
    static func closingDelimiterRange(_ page: Page) -> SourceRange {
        guard let block = page.parsed.frontmatterBlock, block.format != .json else { return SourceRange(0, 0) }
        return page.source.lineRange(page.source.lineIndex(of: max(block.contentRange.end, block.range.end - 1)) + 1)
    }

    /// The canonical form of a value without the translatable keys of its tables (a menu
    /// entry's `name`) and their prose.
    static func canonical(_ value: FrontmatterValue, leaving extra: Set<String>) -> String {
        switch value.kind {
        case .array(let items): return "[" + items.map { canonical($0, leaving: extra) }.joined(separator: ",") + "]"
        case .table(let entries):
            return "{"
                + entries.filter { !isTranslatable($0.key, extra) && !["name", "label"].contains($0.key.lowercased()) }
                .map { $0.key.lowercased() + "=" + (isProse($0.value) ? "prose" : canonical($0.value, leaving: extra)) }
                .joined(separator: ",") + "}"
        default: return canonical(value)
        }
    }

    /// A spelling-independent form of a value: `"x"` and `x` are equal, key order in tables kept.
    static func canonical(_ value: FrontmatterValue) -> String {
        switch value.kind {
        // `"true"` is true in a template as `true` is (`"false"` is not false there).
        case .string("true"): return "b:true"
        case .string(let s): return "s:" + s
        case .datetime(let s): return "s:" + s
        case .integer(let i): return "n:\(Double(i))"
        case .float(let d): return "n:\(d)"
        case .bool(let b): return "b:\(b)"
        case .null: return "null"
        case .array(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .table(let entries):
            return "{" + entries.map { $0.key.lowercased() + "=" + canonical($0.value) }.joined(separator: ",") + "}"
        }
    }
}
