import TWCCore

/// Compiler-style text: `path:line:col: severity: message [rule]`, the source line with a `^~~~`
/// underline, `note:` lines for counterparts, and a summary line.
public struct TextReporter: Sendable {
    public var useColor: Bool

    public init(useColor: Bool) { self.useColor = useColor }

    public func report(_ diagnostics: [Diagnostic], notices: [Notice] = [], summary: Summary) -> String {
        var output = ""
        for notice in notices {
            output +=
                bold("\(visible(notice.file)): ")
                + (notice.severity == .error ? severityLabel(.error) : color("note", "36"))
                + bold(": " + visible(notice.message)) + "\n"
        }
        for diagnostic in diagnostics {
            output += render(diagnostic)
        }
        output += summaryLine(summary) + "\n"
        return output
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let span = diagnostic.span
        var output = bold("\(visible(span.file)):\(span.start.line):\(span.start.column): ")
        output += severityLabel(diagnostic.severity) + bold(": " + visible(diagnostic.message))
        output += " " + dim("[\(diagnostic.ruleID)]") + "\n"
        output += excerpt(span, color: diagnostic.severity == .error ? "31" : "33")
        if let fix = diagnostic.fix {
            output += "  " + color("fix", "36") + (fix.safe ? "" : " (unsafe)") + ": " + visible(fix.summary) + "\n"
        }
        for note in diagnostic.related {
            output += bold("\(visible(note.span.file)):\(note.span.start.line):\(note.span.start.column): ")
            output += color("note", "36") + ": " + visible(note.message) + "\n"
            output += excerpt(note.span, color: "36")
        }
        return output
    }

    /// The source line and a caret underline under the span's part of it. Characters that would
    /// act on a terminal are shown as escapes, and the underline follows their width.
    func excerpt(_ span: SourceSpan, color code: String) -> String {
        let scalars = Array(span.sourceLine.unicodeScalars)
        let startColumn = min(max(0, span.start.column - span.sourceLineColumn), scalars.count)
        let lastColumn = span.end.line == span.start.line ? span.end.column - span.sourceLineColumn : scalars.count
        let endColumn = min(max(lastColumn, startColumn + 1), max(scalars.count, startColumn + 1))
        let number = String(span.start.line)
        let gutter = String(repeating: " ", count: number.count)
        let elided = span.sourceLineColumn > 1 ? "…" : ""
        let shown = scalars.map { TerminalText.visible($0) }
        var output = " \(dim(number + " |")) \(elided)\(shown.joined())\n"
        let padding =
            elided
            + shown[..<startColumn].map { $0 == "\t" ? "\t" : String(repeating: " ", count: $0.unicodeScalars.count) }
            .joined()
        let width = shown[startColumn..<min(endColumn, shown.count)].reduce(0) { $0 + $1.unicodeScalars.count }
        let underline = "^" + String(repeating: "~", count: max(0, max(width, endColumn - startColumn) - 1))
        output += " \(dim(gutter + " |")) \(padding)\(color(underline, code))\n"
        return output
    }

    /// `text` with what would act on a terminal shown as escapes (`TerminalText`).
    func visible(_ text: String) -> String { TerminalText.visible(text) }

    func summaryLine(_ summary: Summary) -> String {
        let counts =
            "\(summary.errors) error\(summary.errors == 1 ? "" : "s"), \(summary.warnings) warning\(summary.warnings == 1 ? "" : "s")"
            + (summary.infos > 0 ? ", \(summary.infos) info" : "")
        var line =
            "twc-lint: \(counts) in \(summary.files) file\(summary.files == 1 ? "" : "s") (\(summary.groups) page group\(summary.groups == 1 ? "" : "s"))"
        if summary.fixable > 0 { line += "; \(summary.fixable) fixable with --fix" }
        if summary.fixed > 0 {
            line +=
                "; fixed \(summary.fixed) finding\(summary.fixed == 1 ? "" : "s") in \(summary.filesChanged) file\(summary.filesChanged == 1 ? "" : "s")"
        }
        return line
    }

    func severityLabel(_ severity: Severity) -> String {
        switch severity {
        case .error: color("error", "1;31")
        case .warning: color("warning", "1;33")
        case .info: color("info", "1;36")
        }
    }

    func color(_ text: String, _ code: String) -> String { useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { color(text, "1") }
    func dim(_ text: String) -> String { color(text, "2") }
}

/// Counts shown after the findings.
public struct Summary: Sendable, Equatable {
    public var files: Int
    public var groups: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var fixable: Int
    public var fixed: Int
    public var filesChanged: Int

    /// Error notices (files that could not be read) count as errors.
    public init(
        files: Int, groups: Int, diagnostics: [Diagnostic], notices: [Notice] = [], fixed: Int = 0,
        filesChanged: Int = 0
    ) {
        self.files = files
        self.groups = groups
        errors = diagnostics.filter { $0.severity == .error }.count + notices.filter { $0.severity == .error }.count
        warnings = diagnostics.filter { $0.severity == .warning }.count
        infos = diagnostics.filter { $0.severity == .info }.count
        fixable = diagnostics.filter { $0.fix?.safe == true }.count
        self.fixed = fixed
        self.filesChanged = filesChanged
    }
}

/// Text from pages and file names made safe to print on a terminal: control characters (C0 but
/// the tab, DEL, C1, so escape sequences, OSC 8 hyperlinks and BEL) and bidirectional controls
/// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are shown as visible escapes such as
/// `\u{1B}`. JSON output is not affected: JSON escapes what it must.
public enum TerminalText {
    /// `text` with escapes; line breaks kept when `keepingLineBreaks` (for whole messages).
    public static func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
        let escape = { (scalar: Unicode.Scalar) in needsEscape(scalar) && !(keepingLineBreaks && scalar == "\n") }
        guard text.unicodeScalars.contains(where: escape) else { return text }
        return text.unicodeScalars.map { escape($0) ? visible($0) : String($0) }.joined()
    }

    static func visible(_ scalar: Unicode.Scalar) -> String {
        needsEscape(scalar) ? "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}" : String(scalar)
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
