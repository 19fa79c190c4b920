import TWCCore
import TWCFrontmatter
import TWCSite

/// The start of a translation (`twc-lint new`): a copy of a page for another language, at the
/// place Hugo pairs it from (`SiteModel.translationPath(of:in:)`), with every byte of the source
/// but three kinds of change: translatable front matter values marked for the translator
/// (`# twc-lint: translate` on their line; JSON has no comments), the source's commit pinned
/// (`translationSourceCommit`), and links to pages that have a version in the new language
/// leading there (fragments to the aligned headings' anchors). Everything is computed and checked
/// on the site as it would be with the file added (an `OverlayFileSystem`), before anything is
/// written: the new page must be in the source's translation group, in the new language.
public struct TranslationDraft: Sendable {
    /// The comment that marks a value to translate.
    public static let mark = "# twc-lint: translate"

    /// Why no draft can be made.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownLanguage(String, languages: [String])
        case notAPage(String)
        /// Hugo drops the file in favour of another one claiming the same page.
        case droppedFile(String, keptFile: String)
        case sameLanguage(String, language: String)
        case versionExists(language: String, path: String)
        case fileExists(String)
        case frontmatterError(String, message: String)
        /// The new file would leave the site (a `contentDir` outside it).
        case outsideSite(String)
        /// The site, with the new file, does not pair it with the source as expected.
        case notPaired(String, reason: String)

        public var description: String { message { $0 } }

        /// The message, with each site-relative path as `shown` gives it.
        public func message(_ shown: (String) -> String) -> String {
            switch self {
            case .unknownLanguage(let language, let languages):
                "'\(language)' is not a language of the site (its languages: \(languages.joined(separator: ", ")))"
            case .notAPage(let path):
                "\(shown(path)) is not a content page of the site (name a page's Markdown or HTML file, such as "
                    + "content/about/index.md)"
            case .droppedFile(let path, let kept):
                "\(shown(path)) is not a page Hugo builds: \(shown(kept)) claims the same page and Hugo keeps that one "
                    + "(see translation-conflict)"
            case .sameLanguage(let path, let language):
                "\(shown(path)) is the \(language) version already; name the page to translate from"
            case .versionExists(let language, let path):
                "the page has a \(language) version already: \(shown(path))"
            case .fileExists(let path):
                "\(shown(path)) exists already; twc-lint new never overwrites a file"
            case .frontmatterError(let path, let message):
                "the front matter of \(shown(path)) cannot be read (\(message)); fix it first (twc-lint check "
                    + "\(shown(path)))"
            case .outsideSite(let path):
                "the new file would be \(path), outside the site; twc-lint new writes only inside the site"
            case .notPaired(let path, let reason):
                "\(shown(path)) would not be the page's version there: \(reason); nothing was written"
            }
        }
    }

    /// A link of the new page whose destination was changed.
    public struct MappedLink: Sendable, Equatable {
        /// Line (1-based) in the new file.
        public var line: Int
        public var from: String
        public var to: String
    }

    /// A link of the new page that does not lead where it should (the source's target, or that
    /// target's version in the new language), with what it leads to and why it was left.
    public struct UnmappedLink: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var destination: String
        public var reason: String
    }

    /// Site-relative path of the new file.
    public var path: String
    public var bytes: [UInt8]
    public var sourcePath: String
    public var language: String
    public var format: FrontmatterFormat?
    /// Top-level keys whose values are marked for translation.
    public var markedKeys: [String] = []
    /// Translatable keys left unmarked: JSON front matter, which cannot hold a comment, or a
    /// value a comment cannot follow without changing it.
    public var unmarkedKeys: [String] = []
    /// Values changed so that the new page is published at its own address (`url`): key, the
    /// source's value, the new page's.
    public var localizedValues: [(key: String, from: String, to: String)] = []
    /// The commit pinned, when one was given.
    public var pinnedCommit: String?
    /// Why the commit could not be added, when it could not.
    public var pinProblem: String?
    public var mappedLinks: [MappedLink] = []
    public var unmappedLinks: [UnmappedLink] = []
    /// What twc-lint reports on the new file besides untranslated text, with the site's rule
    /// selection: `findings` that the copy brings, `inheritedFindings` that the source has at the
    /// same place (a broken link copied).
    public var findings: [Diagnostic] = []
    public var inheritedFindings: [Diagnostic] = []

    /// The draft of the `language` version of the page at `sourcePath` (site-relative) of `site`,
    /// which was loaded from `fileSystem` with `options`. `pin`: the full hash of the source
    /// file's last commit. `selection`: the rules whose findings on the new file are reported.
    public static func make(
        source sourcePath: String, language: String, site: SiteModel, fileSystem: any SiteFileSystem,
        options: SiteLoadOptions = SiteLoadOptions(), pin: String? = nil, selection: RuleSelection = RuleSelection()
    ) throws(Refusal) -> TranslationDraft {
        let language = language.lowercased()
        guard site.config.language(language) != nil else {
            throw .unknownLanguage(language, languages: site.config.languageKeys)
        }
        guard let source = site.pages.first(where: { $0.path == sourcePath }) else { throw .notAPage(sourcePath) }
        if let conflict = site.conflicts.first(where: { $0.dropped == source.index }) {
            throw .droppedFile(sourcePath, keptFile: site.pages[conflict.kept].path)
        }
        guard source.language != language else { throw .sameLanguage(sourcePath, language: language) }
        if let existing = site.group(of: source).pages[language] {
            throw .versionExists(language: language, path: site.pages[existing].path)
        }
        if let duplicate = site.translationKeyDuplicates.first(where: {
            $0.key == source.translationKey && site.pages[$0.duplicate].language == language
        }) {
            throw .versionExists(language: language, path: site.pages[duplicate.duplicate].path)
        }
        let path = site.translationPath(of: source, in: language)
        guard !path.hasPrefix("../"), !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
            throw .outsideSite(path)
        }
        guard !fileSystem.exists(path) else { throw .fileExists(path) }
        if let error = source.parsed.frontmatterError {
            throw .frontmatterError(sourcePath, message: error.message)
        }

        var draft = TranslationDraft(
            path: path, bytes: [], sourcePath: sourcePath, language: language,
            format: source.parsed.frontmatterBlock?.format)
        draft.bytes = draft.preparedFrontmatter(source, site: site, pin: pin)

        // The site with the new file: pair it, then map its links.
        let first = try draft.load(fileSystem, options)
        let edits = draft.linkEdits(source: source, site: site, draftSite: first.site, draftPage: first.page)
        var bytes = draft.bytes
        for edit in edits.sorted(by: { $0.edit.span.range.start > $1.edit.span.range.start }) {
            bytes.replaceSubrange(edit.edit.span.range.range, with: Array(edit.edit.replacement.utf8))
        }
        draft.bytes = bytes
        let final = edits.isEmpty ? first : try draft.load(fileSystem, options)
        let mapped = edits.map(\.link)
        for (slot, link) in final.page.links.enumerated() where mapped.contains(slot) {
            let range = link.destinationRange ?? link.ref?.pathRange ?? link.range
            let original = edits.first { $0.link == slot }!
            draft.mappedLinks.append(
                MappedLink(
                    line: final.page.source.location(of: range.start).line, from: original.written,
                    to: original.edit.replacement))
        }
        draft.unmappedLinks = draft.wrongLinks(source: source, site: site, draftSite: final.site, draftPage: final.page)
        let sourceNow = final.site.pages.first { $0.path == sourcePath }!
        let found = selection.apply(
            Linter.run(final.site, rules: selection.rules, pageIndices: [final.page.index, sourceNow.index]))
        // A finding at the same place of the body as one of the source's is the source's.
        let bodyLine = { (page: Page) in page.source.location(of: page.parsed.bodyRange.lowerBound).line }
        let shift = bodyLine(sourceNow) - bodyLine(final.page)
        let sourceFindings = Set(
            found.filter { $0.span.file == sourcePath }.map { "\($0.ruleID):\($0.span.start.line)" })
        for finding in found where finding.span.file == path && finding.ruleID != "untranslated" {
            let line = finding.span.start.line
            if line >= bodyLine(final.page), sourceFindings.contains("\(finding.ruleID):\(line + shift)") {
                draft.inheritedFindings.append(finding)
            } else {
                draft.findings.append(finding)
            }
        }
        return draft
    }

    /// Whether `site` (loaded after the file was written) holds the new page where it should be:
    /// nil when it pairs it with the source in the new language, else what is wrong.
    public func problem(in site: SiteModel) -> String? {
        // A file mounted for several languages is a page in each: the new language's first.
        guard
            let page = site.pages.first(where: { $0.path == path && $0.language == language })
                ?? site.pages.first(where: { $0.path == path })
        else {
            return "twc-lint does not read \(path) as a page of the site"
        }
        guard page.language == language else { return "Hugo reads \(path) as a \(page.language) page" }
        guard let source = site.pages.first(where: { $0.path == sourcePath }) else {
            return "\(sourcePath) is no longer a page of the site"
        }
        let group = site.group(of: source)
        guard group.pages[language] == page.index else {
            if let other = group.pages[language] {
                return "Hugo pairs \(site.pages[other].path) with \(sourcePath) in \(language), not \(path)"
            }
            return "Hugo does not pair it with \(sourcePath) (different logical path or translationKey)"
        }
        if page.url == source.url && site.config.host(for: language) == site.config.host(for: source.language) {
            return "it would be published at \(source.url), the address of \(sourcePath) (its url); give it its own"
        }
        return nil
    }

    // MARK: - The site with the new file

    func load(_ fileSystem: any SiteFileSystem, _ options: SiteLoadOptions) throws(Refusal) -> (
        site: SiteModel, page: Page
    ) {
        let site: SiteModel
        do {
            site = try SiteLoader.load(OverlayFileSystem(base: fileSystem, files: [path: bytes]), options: options)
        } catch {
            throw .notPaired(path, reason: "the site cannot be read with it (\(error.message))")
        }
        if let reason = problem(in: site) { throw .notPaired(path, reason: reason) }
        return (site, site.pages.first { $0.path == path && $0.language == language }!)
    }

    // MARK: - Front matter: marks and the pin

    /// The source's bytes with the translatable values marked and the commit pinned.
    mutating func preparedFrontmatter(_ source: Page, site: SiteModel, pin: String?) -> [UInt8] {
        var bytes = source.source.bytes
        let extra = Set(site.config.lint.translatableKeys.map { $0.lowercased() })
        let dateKeys = site.config.dateChains(for: source.language).keys
        let translatable = source.frontmatter.entries.filter { entry in
            let key = entry.key.lowercased()
            return TranslatableKeys.contains(key, extra: extra) && !dateKeys.contains(key) && Self.isText(entry.value)
        }
        if let block = source.parsed.frontmatterBlock, block.format != .json {
            // From the last value to the first, so that earlier offsets stay valid.
            var marked: [String] = []
            for entry in translatable.reversed() {
                guard let offset = Self.markOffset(entry, block.format, source.source) else {
                    unmarkedKeys.insert(entry.key, at: 0)
                    continue
                }
                var candidate = bytes
                candidate.insert(contentsOf: Array((" " + Self.mark).utf8), at: offset)
                if Self.sameData(candidate, bytes) {
                    bytes = candidate
                    marked.insert(entry.key, at: 0)
                } else {
                    unmarkedKeys.insert(entry.key, at: 0)
                }
            }
            markedKeys = marked
        } else {
            unmarkedKeys = translatable.map(\.key)
        }
        if let url = source.frontmatter.entry("url"), case .string(let written) = url.value.kind,
            let localized = Self.localizedURL(written, from: source.language, to: language, config: site.config),
            let editor = try? FrontmatterEditor(bytes: bytes),
            let change = try? editor.editReplacingValue(at: [.key(url.key)], with: .string(localized))
        {
            for replacement in change.replacements.reversed() {
                bytes.replaceSubrange(replacement.range.range, with: Array(replacement.text.utf8))
            }
            localizedValues.append((url.key, written, localized))
        }
        guard let pin else { return bytes }
        let key = FrontmatterKeyUsage.sourceCommitKey
        if source.parsed.frontmatterBlock == nil {
            // No front matter to add the key to: a YAML block of its own.
            pinnedCommit = pin
            return Array("---\n\(key): \(pin)\n---\n".utf8) + bytes
        }
        do {
            let editor = try FrontmatterEditor(bytes: bytes)
            let existing = editor.root.entries.first { $0.key.lowercased() == key.lowercased() }?.key ?? key
            let change = try editor.editSettingValue(at: [.key(existing)], to: .string(pin))
            for replacement in change.replacements.reversed() {
                bytes.replaceSubrange(replacement.range.range, with: Array(replacement.text.utf8))
            }
            pinnedCommit = pin
        } catch {
            pinProblem = "\(error)"
        }
        return bytes
    }

    /// A value translators translate: text, or a list of texts (`keywords`).
    static func isText(_ value: FrontmatterValue) -> Bool {
        switch value.kind {
        case .string(let text): return !text.trimmingSpaces.isEmpty
        case .array(let items):
            return !items.isEmpty
                && items.allSatisfy {
                    if case .string = $0.kind { return true }
                    return false
                }
        default: return false
        }
    }

    /// The `url` of the new page when the source's, an absolute path, would publish both at one
    /// address (Hugo adds no language to it, hugo-behaviour §2.5): the source language's directory
    /// replaced by the new language's (`/about/` → `/nl/about/`, `/nl/over/` → `/over/`). Nil when
    /// the address is each language's own already (a relative `url`, a multihost site), or when
    /// the source's does not start with its language's directory (the check after loading then
    /// refuses the page).
    static func localizedURL(_ url: String, from source: String, to language: String, config: SiteConfig)
        -> String?
    {
        guard url.hasPrefix("/"), !config.isMultihost else { return nil }
        let from = config.languageDirectory(for: source)
        let to = config.languageDirectory(for: language)
        let rest = url.dropFirst()
        if from.isEmpty { return to.isEmpty ? nil : "/" + to + rest }
        guard rest.hasPrefix(from) || rest == from.dropLast() else { return nil }
        return "/" + to + rest.dropFirst(min(from.count, rest.count))
    }

    /// Where the mark of `entry` goes: at the end of the line its value ends on; for a YAML block
    /// scalar (`|`, `>`), whose last line is text, or a block list below its key, at the end of the
    /// key's line.
    static func markOffset(_ entry: FrontmatterEntry, _ format: FrontmatterFormat, _ source: SourceFile) -> Int? {
        let value = entry.value
        var anchor = max(value.range.start, value.range.end - 1)
        if format == .yaml {
            let blockList: Bool
            if case .array = value.kind, value.style == .none,
                source.lineIndex(of: value.range.start) != source.lineIndex(of: entry.keyRange.start)
            {
                blockList = true
            } else {
                blockList = false
            }
            if value.style == .literal || value.style == .folded || blockList { anchor = entry.keyRange.start }
        }
        let bytes = source.bytes
        guard anchor < bytes.count else { return nil }
        var end = anchor
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > anchor, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end
    }

    /// Whether two pages' front matter holds the same data.
    static func sameData(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        func parsed(_ bytes: [UInt8]) -> String? {
            guard let block = try? FrontmatterParser.detect(bytes),
                let root = try? FrontmatterParser.parse(bytes, block: block)
            else { return nil }
            return canonical(root)
        }
        guard let left = parsed(a) else { return false }
        return left == parsed(b)
    }

    static func canonical(_ value: FrontmatterValue) -> String {
        switch value.kind {
        case .string(let text): return "s:" + text.debugDescription
        case .datetime(let text): return "d:" + text
        case .integer(let number): return "i:\(number)"
        case .float(let number): return "f:\(number)"
        case .bool(let flag): return "b:\(flag)"
        case .null: return "null"
        case .array(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .table(let entries):
            return "{" + entries.map { $0.key.debugDescription + "=" + canonical($0.value) }.joined(separator: ",")
                + "}"
        }
    }

    // MARK: - Links

    /// Where the link of the source at `slot` should lead from the new page: the page itself for
    /// a link to the source, a page's version in the new language when it has one (the fragment
    /// becoming the anchor of the aligned heading, when known), else where the source's leads.
    func wanted(_ slot: Int, source: Page, site: SiteModel, draftSite: SiteModel, draftPage: Page) -> LinkTarget {
        let target = site.target(ofLink: slot, in: source)
        let byPath = { (page: Page) -> Int? in draftSite.pages.first { $0.path == page.path }?.index }
        switch target {
        case .page(let index, let fragment):
            if index == source.index { return .page(draftPage.index, fragment: fragment) }
            let linked = site.pages[index]
            if let own = site.version(of: linked, in: language), let mapped = byPath(own) {
                let anchor = fragment.flatMap { fragment in
                    fragment.isEmpty ? fragment : LinkEditing.alignedAnchor(fragment, of: linked, in: own, site: site)
                }
                return .page(mapped, fragment: anchor ?? fragment)
            }
            return byPath(linked).map { .page($0, fragment: fragment) } ?? target
        case .unrendered(let index, let fragment):
            return byPath(site.pages[index]).map { .unrendered($0, fragment: fragment) } ?? target
        default:
            return target
        }
    }

    /// The source's link slots paired with the new page's: the body is the same bytes, moved by
    /// the front matter's change, so the links come in the same order at the same body offsets
    /// (`sameOffsets`; once destinations are rewritten, in the same order).
    static func pairs(source: Page, draft: Page, sameOffsets: Bool = true) -> [(source: Int, draft: Int)] {
        guard source.links.count == draft.links.count else { return [] }
        let sourceBody = source.parsed.bodyRange.lowerBound
        let draftBody = draft.parsed.bodyRange.lowerBound
        return zip(source.links, draft.links).enumerated().compactMap { slot, links in
            let (old, new) = links
            guard old.kind == new.kind,
                !sameOffsets || old.range.start - sourceBody == new.range.start - draftBody
            else { return nil }
            return (slot, slot)
        }
    }

    static func same(_ a: LinkTarget, _ b: LinkTarget) -> Bool {
        switch (a, b) {
        case (.page(let x, let f), .page(let y, let g)), (.unrendered(let x, let f), .unrendered(let y, let g)):
            return x == y && (f ?? "") == (g ?? "")
        default:
            return a == b
        }
    }

    /// The edits that make the new page's links lead where `wanted` says, in the link's own style
    /// (each checked by resolving it again).
    func linkEdits(source: Page, site: SiteModel, draftSite: SiteModel, draftPage: Page) -> [(
        link: Int, written: String, edit: TextEdit
    )] {
        var edits: [(link: Int, written: String, edit: TextEdit)] = []
        for (from, slot) in Self.pairs(source: source, draft: draftPage) {
            let link = draftPage.links[slot]
            guard link.kind != .shortcodeOutput else { continue }
            let goal = wanted(from, source: source, site: site, draftSite: draftSite, draftPage: draftPage)
            let now = draftSite.target(ofLink: slot, in: draftPage)
            guard !Self.same(goal, now), case .page(let index, let fragment) = goal else { continue }
            let target = draftSite.pages[index]
            let fragmentToWrite = (fragment?.isEmpty ?? true) ? nil : fragment
            guard
                let edit = LinkEditing.retarget(
                    link, in: draftPage, to: target, fragment: fragmentToWrite, site: draftSite)
            else { continue }
            edits.append((slot, draftPage.source.text(edit.span.range), edit))
        }
        return edits
    }

    /// The new page's links that do not lead where `wanted` says.
    func wrongLinks(source: Page, site: SiteModel, draftSite: SiteModel, draftPage: Page) -> [UnmappedLink] {
        let pairs = Self.pairs(source: source, draft: draftPage, sameOffsets: false)
        var result: [UnmappedLink] = []
        if pairs.count != draftPage.links.count {
            // Unexpected: the links could not be lined up with the source's.
            for link in draftPage.links where !pairs.contains(where: { draftPage.links[$0.draft] == link }) {
                let location = draftPage.source.location(of: link.range.start)
                result.append(
                    UnmappedLink(
                        line: location.line, column: location.column, destination: link.destination,
                        reason: "twc-lint could not line it up with a link of the source; check where it leads"))
            }
        }
        for (from, slot) in pairs where draftPage.links[slot].kind != .shortcodeOutput {
            let goal = wanted(from, source: source, site: site, draftSite: draftSite, draftPage: draftPage)
            let now = draftSite.target(ofLink: slot, in: draftPage)
            switch goal {
            case .unresolved, .unknown, .maybeRedirected:
                // The source's link leads nowhere known: nothing to keep (broken-link reports both).
                continue
            default:
                guard !Self.same(goal, now) else { continue }
            }
            let link = draftPage.links[slot]
            let location = draftPage.source.location(of: (link.destinationRange ?? link.range).start)
            result.append(
                UnmappedLink(
                    line: location.line, column: location.column, destination: link.destination,
                    reason: "it should lead to \(Self.describe(goal, draftSite)) but leads to "
                        + "\(Self.describe(now, draftSite)); twc-lint could not rewrite it in the same style"))
        }
        return result
    }

    static func describe(_ target: LinkTarget, _ site: SiteModel) -> String {
        func fragment(_ value: String?) -> String { value.map { $0.isEmpty ? "" : "#" + $0 } ?? "" }
        switch target {
        case .page(let index, let anchor), .unrendered(let index, let anchor):
            return "\(site.pages[index].url)\(fragment(anchor)) (\(site.pages[index].path))"
        case .file(let path, let anchor): return path + fragment(anchor)
        case .unresolved(let path, let anchor): return "\(path)\(fragment(anchor)), where nothing is published"
        case .maybeRedirected(let path, let anchor): return "\(path)\(fragment(anchor)) (a redirect?)"
        case .external(let url): return url
        case .unknown: return "a destination twc-lint cannot compute"
        }
    }
}
