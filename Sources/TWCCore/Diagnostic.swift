public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case error, warning, info

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .info: 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Replace the bytes `span.range` of `span.file` with `replacement`.
public struct TextEdit: Sendable, Hashable, Codable {
    public var span: SourceSpan
    public var replacement: String

    public init(span: SourceSpan, replacement: String) {
        self.span = span
        self.replacement = replacement
    }
}

/// A fix is a set of byte-range edits. Only `safe` fixes are applied by `--fix`.
public struct Fix: Sendable, Hashable, Codable {
    public var safe: Bool
    public var summary: String
    public var edits: [TextEdit]

    public init(safe: Bool, summary: String, edits: [TextEdit]) {
        self.safe = safe
        self.summary = summary
        self.edits = edits
    }
}

/// A secondary location, e.g. the counterpart of a finding in another language.
public struct RelatedNote: Sendable, Hashable, Codable {
    public var span: SourceSpan
    public var message: String

    public init(span: SourceSpan, message: String) {
        self.span = span
        self.message = message
    }
}

public struct Diagnostic: Sendable, Hashable, Codable {
    public var ruleID: String
    public var severity: Severity
    public var span: SourceSpan
    public var message: String
    public var related: [RelatedNote]
    public var fix: Fix?

    public init(
        ruleID: String, severity: Severity, span: SourceSpan, message: String,
        related: [RelatedNote] = [], fix: Fix? = nil
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.span = span
        self.message = message
        self.related = related
        self.fix = fix
    }

    /// Order used by every reporter: file, then position, then rule.
    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.span.file != b.span.file { return a.span.file < b.span.file }
        if a.span.range.start != b.span.range.start { return a.span.range.start < b.span.range.start }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}

/// Something about the input that is not a rule's finding: a file or folder that could not be
/// read (an error: the run is incomplete), or a part of the site the model could not read or
/// follow (`info`: findings that would depend on it are not reported). Reporters show notices
/// beside the findings; an error notice fails the run like an error finding.
public struct Notice: Sendable, Hashable, Codable {
    public var severity: Severity
    /// The file or folder concerned, relative to the site root.
    public var file: String
    public var message: String

    public init(severity: Severity, file: String, message: String) {
        self.severity = severity
        self.file = file
        self.message = message
    }
}
