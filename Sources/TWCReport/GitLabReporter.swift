import TWCCore

/// GitLab Code Quality (a subset of the Code Climate issue format), for a CI job's
/// `artifacts:reports:codequality`: GitLab shows the findings in merge requests and marks the new
/// ones. A JSON array (`[]` when nothing is found) of issues with what GitLab requires:
/// `description` (`message [rule]`, on one line), `check_name` (the rule), `fingerprint`, `severity` and
/// `location` with `path` (relative to the current directory, as GitLab wants it relative to the
/// checkout) and `positions` (`begin` and `end`, each `line` and `column`; columns count Unicode
/// code points, the end column is the one after the finding).
///
/// - Severities (GitLab's scale is info, minor, major, critical, blocker): error → `major`,
///   warning → `minor`, info → `info`. A notice is an issue of check `twc-lint` at line 1 of its
///   file: an error notice (a file that could not be read, so the run is incomplete) →
///   `critical`, other notices → `info`.
/// - Fingerprints: 32 hexadecimal digits from the rule, path, message and occurrence (see
///   `Fingerprint`), so they stay when lines move and identical findings in one file differ.
public enum GitLabReporter {
    public static func report(_ diagnostics: [Diagnostic], notices: [Notice], base: String) -> String {
        let sorted = diagnostics.sorted(by: Diagnostic.reportOrder)
        let paths = sorted.map { ConciseReporter.joined(base, $0.span.file) }
        let fingerprints = Fingerprint.of(sorted, paths: paths)
        var issues: [JSONValue] = []
        var seenNotices: [[String]: Int] = [:]
        for notice in notices {
            let path = ConciseReporter.joined(base, notice.file)
            let key = [noticeCheck, path, notice.message]
            let occurrence = seenNotices[key, default: 0]
            seenNotices[key] = occurrence + 1
            issues.append(
                issue(
                    description: ConciseReporter.oneLine(notice.message) + " [\(noticeCheck)]", check: noticeCheck,
                    fingerprint: Fingerprint.hex128(key + [String(occurrence)]),
                    severity: notice.severity == .error ? "critical" : "info", path: path,
                    begin: (1, 1), end: (1, 1)))
        }
        for index in sorted.indices {
            let diagnostic = sorted[index]
            let span = diagnostic.span
            issues.append(
                issue(
                    description: ConciseReporter.oneLine(diagnostic.message) + " [\(diagnostic.ruleID)]",
                    check: diagnostic.ruleID,
                    fingerprint: fingerprints[index], severity: severity(diagnostic.severity), path: paths[index],
                    begin: (span.start.line, span.start.column), end: (span.end.line, span.end.column)))
        }
        return JSONValue.array(issues).serialized(pretty: true) + "\n"
    }

    /// The `check_name` of notices.
    public static let noticeCheck = "twc-lint"

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "major"
        case .warning: return "minor"
        case .info: return "info"
        }
    }

    static func issue(
        description: String, check: String, fingerprint: String, severity: String, path: String,
        begin: (line: Int, column: Int), end: (line: Int, column: Int)
    ) -> JSONValue {
        .object([
            ("description", .string(description)), ("check_name", .string(check)),
            ("fingerprint", .string(fingerprint)), ("severity", .string(severity)),
            (
                "location",
                .object([
                    ("path", .string(path)),
                    (
                        "positions",
                        .object([
                            ("begin", .object([("line", .int(begin.line)), ("column", .int(begin.column))])),
                            ("end", .object([("line", .int(end.line)), ("column", .int(end.column))])),
                        ])
                    ),
                ])
            ),
        ])
    }
}
