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
                bold("\(notice.file): ") + (notice.severity == .error ? severityLabel(.error) : color("note", "36"))
                + bold(": " + notice.message) + "\n"
        }
        for diagnostic in diagnostics {
            output += render(diagnostic)
        }
        output += summaryLine(summary) + "\n"
        return output
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let span = diagnostic.span
        var output = bold("\(span.file):\(span.start.line):\(span.start.column): ")
        output += severityLabel(diagnostic.severity) + bold(": " + diagnostic.message)
        output += " " + dim("[\(diagnostic.ruleID)]") + "\n"
        output += excerpt(span, color: diagnostic.severity == .error ? "31" : "33")
        if let fix = diagnostic.fix {
            output += "  " + color("fix", "36") + (fix.safe ? "" : " (unsafe)") + ": " + fix.summary + "\n"
        }
        for note in diagnostic.related {
            output += bold("\(note.span.file):\(note.span.start.line):\(note.span.start.column): ")
            output += color("note", "36") + ": " + note.message + "\n"
            output += excerpt(note.span, color: "36")
        }
        return output
    }

    /// The source line and a caret underline under the span's part of it.
    func excerpt(_ span: SourceSpan, color code: String) -> String {
        let line = span.sourceLine
        let scalars = Array(line.unicodeScalars)
        let startColumn = min(max(0, span.start.column - span.sourceLineColumn), scalars.count)
        let lastColumn = span.end.line == span.start.line ? span.end.column - span.sourceLineColumn : scalars.count
        let endColumn = min(max(lastColumn, startColumn + 1), max(scalars.count, startColumn + 1))
        let number = String(span.start.line)
        let gutter = String(repeating: " ", count: number.count)
        let elided = span.sourceLineColumn > 1 ? "…" : ""
        var output = " \(dim(number + " |")) \(elided)\(line)\n"
        let padding = elided + String(scalars[..<startColumn].map { $0 == "\t" ? "\t" : " " }.joined())
        let underline = "^" + String(repeating: "~", count: max(0, endColumn - startColumn - 1))
        output += " \(dim(gutter + " |")) \(padding)\(color(underline, code))\n"
        return output
    }

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
