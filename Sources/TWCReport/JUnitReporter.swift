import TWCCore

/// JUnit XML, for CI systems that show test reports (GitLab `artifacts:reports:junit`, Jenkins,
/// Azure Pipelines, CircleCI): one `testsuite` named `twc-lint` in a `testsuites` element.
///
/// - Each finding is a test case `classname="twc-lint.RULE" name="PATH:LINE:COL"` (with `file` and
///   `line`) holding a `<failure type="RULE" message="MESSAGE">`, whose text is
///   `severity: message at PATH:LINE:COL`, then a line per related note and the fix. JUnit has no
///   severities: every finding, info included, is a failure, and the text says its severity;
///   whether the run fails is the exit status's business (`--fail-on`).
/// - Each linted file (`files`, relative to the site root) with no finding and no error notice is
///   a passing test case `classname="twc-lint" name="PATH"`, so the report also shows what passed.
/// - An error notice (a file that could not be read) is a test case `classname="twc-lint"
///   name="PATH"` holding an `<error>`, counted in `errors`; other notices are lines
///   (`PATH: severity: message`) of the suite's `<system-out>`.
/// - Paths are relative to the current directory (`base` joined with the site-relative path).
///   Text is escaped for XML (`&`, `<`, `>`, `"`, `'`; line breaks and tabs in attributes as
///   character references), and characters XML 1.0 does not allow (control characters other than
///   tab, line feed and carriage return; U+FFFE, U+FFFF) are written as visible escapes
///   (`\u{1B}`), as on a terminal.
public enum JUnitReporter {
    public static func report(_ diagnostics: [Diagnostic], notices: [Notice], base: String, files: [String]) -> String {
        let sorted = diagnostics.sorted(by: Diagnostic.reportOrder)
        var cases: [String] = []
        for diagnostic in sorted {
            let span = diagnostic.span
            let path = ConciseReporter.joined(base, span.file)
            let position = "\(path):\(span.start.line):\(span.start.column)"
            var text = "\(diagnostic.severity.rawValue): \(diagnostic.message) at \(position)"
            for note in diagnostic.related {
                let notePath = ConciseReporter.joined(base, note.span.file)
                text += "\nnote: \(note.message) at \(notePath):\(note.span.start.line):\(note.span.start.column)"
            }
            if let fix = diagnostic.fix { text += "\nfix\(fix.safe ? "" : " (unsafe)"): \(fix.summary)" }
            cases.append(
                "    <testcase classname=\"\(attribute("twc-lint." + diagnostic.ruleID))\" name=\"\(attribute(position))\""
                    + " file=\"\(attribute(path))\" line=\"\(span.start.line)\">\n"
                    + "      <failure type=\"\(attribute(diagnostic.ruleID))\" message=\"\(attribute(diagnostic.message))\">"
                    + "\(content(text))</failure>\n    </testcase>\n")
        }
        let errorNotices = notices.filter { $0.severity == .error }
        for notice in errorNotices {
            let path = ConciseReporter.joined(base, notice.file)
            cases.append(
                "    <testcase classname=\"twc-lint\" name=\"\(attribute(path))\" file=\"\(attribute(path))\">\n"
                    + "      <error type=\"notice\" message=\"\(attribute(notice.message))\">"
                    + "\(content("error: \(notice.message) at \(path)"))</error>\n    </testcase>\n")
        }
        let reported = Set(sorted.map(\.span.file)).union(errorNotices.map(\.file))
        var passed: Set<String> = []
        for file in files where !reported.contains(file) && passed.insert(file).inserted {
            let path = ConciseReporter.joined(base, file)
            cases.append(
                "    <testcase classname=\"twc-lint\" name=\"\(attribute(path))\" file=\"\(attribute(path))\"/>\n")
        }
        let counts = "tests=\"\(cases.count)\" failures=\"\(sorted.count)\" errors=\"\(errorNotices.count)\""
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        output += "<testsuites name=\"twc-lint\" \(counts)>\n"
        output += "  <testsuite name=\"twc-lint\" \(counts) skipped=\"0\">\n"
        output += cases.joined()
        let otherNotices = notices.filter { $0.severity != .error }
        if !otherNotices.isEmpty {
            let lines = otherNotices.map {
                "\(ConciseReporter.joined(base, $0.file)): \($0.severity.rawValue): \($0.message)\n"
            }
            output += "    <system-out>\(content(lines.joined()))</system-out>\n"
        }
        output += "  </testsuite>\n</testsuites>\n"
        return output
    }

    /// Text for an attribute value in double quotes.
    static func attribute(_ text: String) -> String {
        escaped(text, inAttribute: true)
    }

    /// Text for element content.
    static func content(_ text: String) -> String {
        escaped(text, inAttribute: false)
    }

    static func escaped(_ text: String, inAttribute: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            // A parser reads a line break or tab in an attribute as a space unless it is a reference.
            case "\n": result += inAttribute ? "&#10;" : "\n"
            case "\r": result += "&#13;"
            case "\t": result += inAttribute ? "&#9;" : "\t"
            default:
                if isAllowedInXML(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            }
        }
        return result
    }

    /// XML 1.0's `Char`: tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD,
    /// U+10000–U+10FFFF (surrogates cannot occur in a Swift string).
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
