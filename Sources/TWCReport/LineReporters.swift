import TWCCore

/// One line per finding, for CI logs and editors: `path:line:col: severity: message [rule]`, paths
/// joined to `base` (the site root as seen from where the command runs).
public enum ConciseReporter {
    public static func report(_ diagnostics: [Diagnostic], notices: [Notice], base: String) -> String {
        var output = ""
        for notice in notices {
            output += "\(joined(base, notice.file)): \(notice.severity.rawValue): \(oneLine(notice.message))\n"
        }
        for diagnostic in diagnostics.sorted(by: Diagnostic.reportOrder) {
            let span = diagnostic.span
            output +=
                "\(joined(base, span.file)):\(span.start.line):\(span.start.column): \(diagnostic.severity.rawValue): "
                + "\(oneLine(diagnostic.message)) [\(diagnostic.ruleID)]\n"
        }
        return output
    }

    static func joined(_ base: String, _ file: String) -> String {
        base.isEmpty || base == "." ? file : base + "/" + file
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}

/// GitHub Actions workflow commands (`::error file=…,line=…::message`), which Forgejo and Gitea
/// Actions read too: each finding becomes an annotation on its line.
public enum GitHubReporter {
    public static func report(_ diagnostics: [Diagnostic], notices: [Notice], base: String) -> String {
        var output = ""
        for notice in notices {
            output +=
                "::\(command(notice.severity)) file=\(property(ConciseReporter.joined(base, notice.file))),"
                + "title=\(property("twc-lint"))::\(data(notice.message))\n"
        }
        for diagnostic in diagnostics.sorted(by: Diagnostic.reportOrder) {
            let span = diagnostic.span
            var properties = [
                "file=" + property(ConciseReporter.joined(base, span.file)), "line=\(span.start.line)",
                "col=\(span.start.column)",
            ]
            if span.end.line == span.start.line {
                properties.append("endColumn=\(span.end.column)")
            } else {
                properties.append("endLine=\(span.end.line)")
            }
            properties.append("title=" + property("twc-lint " + diagnostic.ruleID))
            output +=
                "::\(command(diagnostic.severity)) \(properties.joined(separator: ","))::\(data(diagnostic.message))\n"
        }
        return output
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    /// A message: `%`, CR and LF escaped.
    static func data(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.append(character)
            }
        }
        return result
    }

    /// A property value: also `:` and `,` escaped.
    static func property(_ text: String) -> String {
        data(text).replacingColonsAndCommas()
    }
}

extension String {
    fileprivate func replacingColonsAndCommas() -> String {
        var result = ""
        for character in self {
            switch character {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.append(character)
            }
        }
        return result
    }
}
