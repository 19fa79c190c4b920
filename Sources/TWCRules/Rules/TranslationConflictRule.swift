import TWCCore
import TWCSite

/// `translation-conflict`: two files claim the same page in one language, or two pages of one
/// language share a translationKey.
public struct TranslationConflictRule: Rule {
    public init() {}
    public let id = "translation-conflict"
    public let severity = Severity.error
    public let summary =
        "Two files claim the same page in one language (Hugo publishes one and silently drops the other), or two pages of one language share a `translationKey`."
    public let rationale = """
        Hugo pairs versions by logical path (content-dir relative, lower-cased, without extension, \
        language suffix, `/index` or `/_index`) or by `translationKey`. When two files of one language \
        have the same logical path (`about.md` and `about.en.md` with English the default language, \
        `a.md` and `a/index.md`, an `_index.md` beside a leaf bundle's `index.md`), Hugo 0.168 builds \
        one of them and drops the other without a word: edits to the dropped file never reach the site. \
        The report sits on the dropped file and names the one Hugo keeps: the file whose name names its \
        language, the one in the content directory of the language Hugo mounts first, in one directory \
        `.md` before `.markdown` and then the first name byte by byte; between files of different \
        directories with equal priority Hugo's choice changes from build to build. Two pages of one \
        language with the same `translationKey` are both listed as translations, and the language \
        switcher offers two pages for one language.
        """
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "One file per page and language",
            files: [
                ("content/about.md", "---\ntitle: About\n---\n"), ("content/about.nl.md", "---\ntitle: Over\n---\n"),
            ]),
        RuleExample(
            "The default language's page with and without its suffix",
            files: [
                ("content/about.md", "---\ntitle: About (dropped)\n---\n"),
                ("content/about.en.md", "---\ntitle: About\n---\n"),
            ],
            findings: [
                .init(
                    "content/about.md:1:1",
                    "'content/about.md' and 'content/about.en.md' both claim the en page /about/; Hugo 0.168 publishes 'content/about.en.md' (its file name names the language) and silently drops this file; merge them or rename one"
                )
            ]),
        RuleExample(
            "A page and a leaf bundle at the same path",
            files: [
                ("content/join.md", "---\ntitle: Join\n---\n"), ("content/join/index.md", "---\ntitle: Join us\n---\n"),
            ],
            findings: [
                .init(
                    "content/join.md:1:1",
                    "'content/join.md' and 'content/join/index.md' both claim the en page /join/; Hugo 0.168 publishes one of them and silently drops the other, and which one changes from build to build (usually 'content/join/index.md'); merge them or rename one"
                )
            ]),
        RuleExample(
            "A section file inside a leaf bundle",
            files: [
                ("content/events/index.md", "---\ntitle: Events\n---\n"),
                ("content/events/_index.nl.md", "---\ntitle: Evenementen\n---\n"),
            ],
            findings: [
                .init(
                    "content/events/_index.nl.md:1:1",
                    "'content/events/_index.nl.md' is never published: 'content/events/index.md' makes content/events/ a leaf bundle, and Hugo treats every other file in it as a resource of that page; move the section file out or turn the bundle into a section"
                )
            ]),
        RuleExample(
            "Two Dutch pages with one translationKey",
            files: [
                ("content/team.md", "---\ntitle: Team\ntranslationKey: team\n---\n"),
                ("content/team-a.nl.md", "---\ntitle: Team A\ntranslationKey: team\n---\n"),
                ("content/team-b.nl.md", "---\ntitle: Team B\ntranslationKey: team\n---\n"),
            ],
            findings: [
                .init(
                    "content/team-b.nl.md:3:17",
                    "translationKey 'team' is also the key of 'content/team-a.nl.md', another nl page: Hugo lists both as the nl translation of the key's pages; give each nl page its own key"
                )
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        for conflict in site.conflicts where conflict.dropped == page.index {
            let kept = site.pages[conflict.kept]
            diagnostics.append(
                diagnostic(
                    page, SourceRange(0, 0), Self.message(page, kept, conflict.reason, site),
                    related: [note(kept, SourceRange(0, 0), keptNote(kept))]))
        }
        for duplicate in site.translationKeyDuplicates where duplicate.duplicate == page.index {
            let other = site.pages[duplicate.kept]
            let range = page.frontmatter.entry("translationKey")?.value.range ?? SourceRange(0, 0)
            let otherRange = other.frontmatter.entry("translationKey")?.value.range ?? SourceRange(0, 0)
            diagnostics.append(
                diagnostic(
                    page, range,
                    "translationKey '\(duplicate.key)' is also the key of '\(other.path)', another \(page.language) page: "
                        + "Hugo lists both as the \(page.language) translation of the key's pages; give each \(page.language) page its own key",
                    related: [
                        note(
                            other, otherRange, "the other \(page.language) page with translationKey '\(duplicate.key)'")
                    ]))
        }
    }

    static func message(_ dropped: Page, _ kept: Page, _ reason: PageConflict.Reason, _ site: SiteModel) -> String {
        let page = "the \(dropped.language) page \(kept.url)"
        switch reason {
        case .leafBundle:
            let directory = parent(kept.path)
            let mounts =
                directory == parent(dropped.path)
                ? ""
                : " (Hugo mounts every language's content directory at one root, so \(parent(dropped.path))/ is that directory too)"
            return
                "'\(dropped.path)' is never published: '\(kept.path)' makes \(directory)/ a leaf bundle\(mounts), and Hugo "
                + "treats every other file in it as a resource of that page; move the section file out or turn the bundle into a section"
        case .unpredictable:
            return
                "'\(dropped.path)' and '\(kept.path)' both claim \(page); Hugo 0.168 publishes one of them and silently drops "
                + "the other, and which one changes from build to build (usually '\(kept.path)'); merge them or rename one"
        case .languageSuffix, .contentDirectory, .sameDirectory:
            let why =
                switch reason {
                case .languageSuffix: "its file name names the language"
                case .contentDirectory: "Hugo mounts its content folder first"
                default:
                    fileExtension(kept.path) != fileExtension(dropped.path)
                        ? "in one directory Hugo takes a `.\(fileExtension(kept.path))` file before a `.\(fileExtension(dropped.path))` one"
                        : "in one directory Hugo takes the file whose name sorts first, byte by byte"
                }
            return
                "'\(dropped.path)' and '\(kept.path)' both claim \(page); Hugo 0.168 publishes '\(kept.path)' (\(why)) "
                + "and silently drops this file; merge them or rename one"
        }
    }

    func keptNote(_ kept: Page) -> String {
        if let reason = kept.publishState.reason {
            return "the file Hugo keeps for the page, not published either: \(reason)"
        }
        return "the file Hugo publishes"
    }

    static func parent(_ path: String) -> String { path.split(separator: "/").dropLast().joined(separator: "/") }

    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        return name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? ""
    }
}
