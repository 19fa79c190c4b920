import TWCCore
import TWCFrontmatter
import TWCSite

/// What fixes a rule offers. `--fix` applies safe fixes only; the examples test checks that every
/// fix a rule emits agrees with its availability.
public enum FixAvailability: String, Sendable, CaseIterable {
    /// The rule never offers a fix.
    case none
    /// Every fix it offers is safe: it restores what was evidently meant, and `--fix` applies it.
    case safe
    /// Every fix it offers is a guess: shown, never applied by `--fix`.
    case unsafe
    /// Some of its fixes are safe and others unsafe, depending on the finding.
    case sometimes

    /// Whether a fix with `safe` agrees with this availability.
    public func allows(safe: Bool) -> Bool {
        switch self {
        case .none: return false
        case .safe: return safe
        case .unsafe: return !safe
        case .sometimes: return true
        }
    }
}

/// A lint rule: one type holding its stable id, its documentation and its examples, which are run
/// as tests and make up its documentation page (see `twc-lint rules ID`).
public protocol Rule: Sendable {
    /// Stable kebab-case id, e.g. `broken-anchor`. The type lives in `Rules/<UpperCamelId>Rule.swift`.
    var id: String { get }
    var severity: Severity { get }
    /// One line: what the rule finds.
    var summary: String { get }
    /// Why it matters, for the rule's documentation page.
    var rationale: String { get }
    /// What fixes the rule offers.
    var fixAvailability: FixAvailability { get }
    /// What its fix does, for the documentation page; nil when the rule has no fix.
    var fixBehavior: String? { get }
    var examples: [RuleExample] { get }
    /// Whether the rule reads the site's git history (`SiteModel.translationHistory`): the linter
    /// then reads it on a thread of its own while the other rules run, and runs this rule after them.
    var readsHistory: Bool { get }
    /// Appends the findings located in `page` (a rule may look at the page's translations).
    func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic])
}

extension Rule {
    public var readsHistory: Bool { false }
}

/// A small site on which a rule must report exactly `findings` (none for a non-triggering
/// example), and after which applying every fix the rule offers there gives `fixed`. It is
/// `ExampleSite`'s two-language site (`en` default at the root, `nl` under `/nl/`) plus `files`
/// (paths relative to the site root: `content/...`, `layouts/...`, `static/...`; a `hugo.toml`
/// among them replaces the example configuration).
public struct RuleExample: Sendable {
    /// A file of the example site.
    public struct File: Sendable {
        public var path: String
        public var bytes: [UInt8]
        /// The bytes as text (invalid UTF-8 shown as U+FFFD).
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// A finding the rule must report: `file:line:column` (column in Unicode scalars) and the message.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var location: String
        public var message: String

        public init(_ location: String, _ message: String) {
            self.location = location
            self.message = message
        }

        public var description: String { "\(location): \(message)" }
    }

    /// What the example shows.
    public var title: String
    public var files: [File]
    /// For rules that read the git history: earlier states of files, each committed in turn
    /// (a day apart from 2025-08-01) before `files` are written and committed. The examples test
    /// builds such an example as a repository on disk; commit hashes in messages read `HASH`.
    public var commits: [[File]] = []
    /// Every finding, in report order (file, position).
    public var findings: [Finding]
    /// The text of each file the rule's fixes change, after all of them are applied (safe and
    /// unsafe alike), by path.
    public var fixed: [(path: String, text: String)]

    /// Whether the rule reports anything on this site.
    public var triggers: Bool { !findings.isEmpty }

    public init(_ title: String, files: [(String, String)], findings: [Finding] = [], fixed: [(String, String)] = []) {
        self.title = title
        self.files = files.map { File(path: $0.0, bytes: Array($0.1.utf8)) }
        self.findings = findings
        self.fixed = fixed.map { (path: $0.0, text: $0.1) }
    }

    /// An example with a history: `commits` committed in turn, then `files`.
    public init(
        _ title: String, commits: [[(String, String)]], files: [(String, String)], findings: [Finding] = []
    ) {
        self.init(title, files: files, findings: findings)
        self.commits = commits.map { $0.map { File(path: $0.0, bytes: Array($0.1.utf8)) } }
    }

    /// An example whose files are given as bytes (for input that is not UTF-8).
    public init(
        _ title: String, byteFiles: [(String, [UInt8])], findings: [Finding] = [], fixed: [(String, String)] = []
    ) {
        self.title = title
        self.files = byteFiles.map { File(path: $0.0, bytes: $0.1) }
        self.findings = findings
        self.fixed = fixed.map { (path: $0.0, text: $0.1) }
    }
}

extension Rule {
    func diagnostic(
        _ page: Page, _ range: SourceRange, _ message: String, related: [RelatedNote] = [],
        fix: Fix? = nil
    ) -> Diagnostic {
        Diagnostic(
            ruleID: id, severity: severity, span: page.source.span(range), message: message,
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
    func copiedValueFix(
        _ page: Page, _ entry: FrontmatterEntry, _ newValue: FrontmatterScalar?,
        from source: Page, _ sourceValue: FrontmatterValue
    ) -> Fix? {
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
        return Fix(
            safe: false, summary: "use \(shown)",
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
        CodeMismatchRule(),
        TableMismatchRule(),
        ImageMismatchRule(),
        ShortcodeMismatchRule(),
        NumberMismatchRule(),
        UntranslatedRule(),
        MojibakeRule(),
        DateMismatchRule(),
        InvalidDateRule(),
        MissingTranslationRule(),
        TranslationOutdatedRule(),
        TranslationConflictRule(),
        FrontmatterMismatchRule(),
        FrontmatterSyntaxRule(),
        ShortcodeSyntaxRule(),
        InvalidUTF8Rule(),
        MalformedUrlRule(),
        UnusedSuppressionRule(),
    ]

    public static func rule(_ id: String) -> (any Rule)? { all.first { $0.id == id } }
}
