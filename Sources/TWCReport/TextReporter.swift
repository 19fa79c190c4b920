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
    /// act on a terminal are shown as escapes; the underline follows what a terminal shows: two
    /// columns for a wide character (CJK, emoji), none for a combining mark, the escape's width
    /// for an escaped one. A window of a long line shows `…` where it is cut.
    func excerpt(_ span: SourceSpan, color code: String) -> String {
        // Each character as shown, with the scalar column it starts at (0-based in the excerpt).
        var shown: [(text: String, column: Int, width: Int)] = []
        var column = 0
        for character in span.sourceLine {
            let text = character.unicodeScalars.map { TerminalText.visible($0) }.joined()
            let width =
                character.unicodeScalars.contains(where: TerminalText.needsEscape)
                ? text.unicodeScalars.count : TerminalText.displayWidth(character)
            shown.append((text, column, width))
            column += character.unicodeScalars.count
        }
        let startColumn = min(max(0, span.start.column - span.sourceLineColumn), column)
        let lastColumn = span.end.line == span.start.line ? span.end.column - span.sourceLineColumn : column
        let endColumn = max(lastColumn, startColumn + 1)
        let number = String(span.start.line)
        let gutter = String(repeating: " ", count: number.count)
        let elided = span.sourceLineColumn > 1 ? "…" : ""
        let cut = span.sourceLineContinues ? "…" : ""
        var output = " \(dim(number + " |")) \(elided)\(shown.map(\.text).joined())\(cut)\n"
        var padding = elided
        var width = 0
        for character in shown {
            if character.column < startColumn {
                padding += character.text == "\t" ? "\t" : String(repeating: " ", count: character.width)
            } else if character.column < endColumn {
                width += character.width
            }
        }
        if startColumn >= column { width = 1 }
        let underline = "^" + String(repeating: "~", count: max(0, width - 1))
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
        if summary.baselined > 0 {
            line += "; \(summary.baselined) known finding\(summary.baselined == 1 ? "" : "s") left out (baseline)"
        }
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
    /// Findings left out because the baseline (`--baseline`) knows them.
    public var baselined = 0

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

    /// Adds another site's counts.
    public mutating func add(_ other: Summary) {
        files += other.files
        groups += other.groups
        errors += other.errors
        warnings += other.warnings
        infos += other.infos
        fixable += other.fixable
        fixed += other.fixed
        filesChanged += other.filesChanged
        baselined += other.baselined
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

    /// The columns a terminal gives `character`: 2 for East Asian wide and fullwidth characters
    /// and emoji shown as pictures, 0 for a combining mark or an invisible joiner or selector,
    /// else 1.
    public static func displayWidth(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F || isWide(scalar) || scalar.properties.isEmojiPresentation { return 2 }
        }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0xFE00...0xFE0F).contains(first.value) || first.value == 0x200B { return 0 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, W and F), by block.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
            0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18CFF, 0x1B000...0x1B2FF,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
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
