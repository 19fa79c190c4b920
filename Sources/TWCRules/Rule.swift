import TWCCore
import TWCFrontmatter
import TWCSite

/// A lint rule: one type holding its stable id, its documentation and its examples, which are run
/// as tests and make up its documentation page (see `twc-lint rules --doc ID`).
public protocol Rule: Sendable {
    /// Stable kebab-case id, e.g. `broken-anchor`. The type lives in `Rules/<UpperCamelId>Rule.swift`.
    var id: String { get }
    var severity: Severity { get }
    /// One line: what the rule finds.
    var summary: String { get }
    /// Why it matters, for the rule's documentation page.
    var rationale: String { get }
    /// What `--fix` does for it, or nil when the rule has no fix.
    var fixBehavior: String? { get }
    var examples: [RuleExample] { get }
    /// Appends the findings located in `page` (a rule may look at the page's translations).
    func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic])
}

/// A small two-language site (`en` default at the root, `nl` under `/nl/`) on which a rule must or
/// must not fire. Paths are relative to the site root (`content/...`).
public struct RuleExample: Sendable {
    public var files: [(path: String, text: String)]
    /// Whether the rule reports at least one finding on this site.
    public var triggers: Bool
    /// What the example shows.
    public var title: String
    /// For a triggering example: the expected finding as `path:line` (first finding).
    public var expectedLocation: String?

    public init(_ title: String, triggers: Bool, at expectedLocation: String? = nil, files: [(String, String)]) {
        self.title = title
        self.triggers = triggers
        self.expectedLocation = expectedLocation
        self.files = files.map { (path: $0.0, text: $0.1) }
    }
}

extension Rule {
    func diagnostic(_ page: Page, _ range: SourceRange, _ message: String, related: [RelatedNote] = [],
                    fix: Fix? = nil) -> Diagnostic {
        Diagnostic(ruleID: id, severity: severity, span: page.source.span(range), message: message,
                   related: related, fix: fix)
    }

    func note(_ page: Page, _ range: SourceRange, _ message: String) -> RelatedNote {
        RelatedNote(span: page.source.span(range), message: message)
    }

    func edit(_ page: Page, _ range: SourceRange, _ replacement: String) -> TextEdit {
        TextEdit(span: page.source.span(range), replacement: replacement)
    }

    /// An unsafe fix that gives `entry` of `page`'s front matter the value `newValue` taken from
    /// `source`'s `sourceValue`. A scalar is written by `FrontmatterEditor` in `page`'s own syntax
    /// and quoting style (a quoted date stays quoted), so the fix also works between a YAML and
    /// a TOML version; nil when the editor cannot write it. A table or array, which the editor
    /// does not write, is copied as source text when both versions use the same syntax.
    func copiedValueFix(_ page: Page, _ entry: FrontmatterEntry, _ newValue: FrontmatterScalar?,
                        from source: Page, _ sourceValue: FrontmatterValue) -> Fix? {
        let sourceText = source.source.text(sourceValue.range)
        let pageValueIsScalar: Bool
        switch entry.value.kind {
        case .table, .array: pageValueIsScalar = false
        default: pageValueIsScalar = true
        }
        guard let block = page.parsed.frontmatterBlock else { return nil }
        guard let newValue, pageValueIsScalar else {
            guard block.format == source.parsed.frontmatterBlock?.format else { return nil }
            return Fix(safe: false, summary: "use \(sourceText)", edits: [edit(page, entry.value.range, sourceText)])
        }
        let editor = FrontmatterEditor(bytes: page.source.bytes, block: block, root: page.frontmatter)
        guard let change = try? editor.editReplacingValue(at: [.key(entry.key)], with: newValue) else { return nil }
        // The summary shows what the page will hold when that is one line.
        var shown = sourceText
        if change.replacements.count == 1, let written = change.replacements.first?.text, !written.contains("\n") {
            shown = written.trimmingSpaces
        }
        return Fix(safe: false, summary: "use \(shown)",
                   edits: change.replacements.map { edit(page, $0.range, $0.text) })
    }
}

/// Every rule, in documentation order.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        BrokenAnchorRule(),
        BrokenLinkRule(),
        CrossLanguageLinkRule(),
        SectionMismatchRule(),
        LinkMismatchRule(),
        MojibakeRule(),
        DateMismatchRule(),
        InvalidDateRule(),
        MissingTranslationRule(),
        TranslationConflictRule(),
        FrontmatterMismatchRule(),
        FrontmatterSyntaxRule(),
        ShortcodeSyntaxRule(),
        InvalidUTF8Rule(),
    ]

    public static func rule(_ id: String) -> (any Rule)? { all.first { $0.id == id } }
}
