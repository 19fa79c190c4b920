import TWCCore

/// `--format json`: one object, `{"version":1,"diagnostics":[...],"notices":[...],"summary":{...}}`.
public enum JSONReporter {
    public static func report(_ diagnostics: [Diagnostic], notices: [Notice] = [], summary: Summary) -> String {
        JSONValue.object([
            ("version", .int(1)),
            ("diagnostics", .array(diagnostics.map(encode))),
            (
                "notices",
                .array(
                    notices.map { notice in
                        .object([
                            ("severity", .string(notice.severity.rawValue)), ("file", .string(notice.file)),
                            ("message", .string(notice.message)),
                        ])
                    })
            ),
            (
                "summary",
                .object([
                    ("files", .int(summary.files)), ("groups", .int(summary.groups)), ("errors", .int(summary.errors)),
                    ("warnings", .int(summary.warnings)), ("infos", .int(summary.infos)),
                    ("fixable", .int(summary.fixable)), ("fixed", .int(summary.fixed)),
                    ("filesChanged", .int(summary.filesChanged)), ("baselined", .int(summary.baselined)),
                ])
            ),
        ]).serialized(pretty: true) + "\n"
    }

    public static func encode(_ diagnostic: Diagnostic) -> JSONValue {
        let span = diagnostic.span
        var members: [(String, JSONValue)] = [
            ("rule", .string(diagnostic.ruleID)), ("severity", .string(diagnostic.severity.rawValue)),
            ("file", .string(span.file)), ("line", .int(span.start.line)), ("column", .int(span.start.column)),
            ("endLine", .int(span.end.line)), ("endColumn", .int(span.end.column)),
            ("offset", .int(span.range.start)), ("endOffset", .int(span.range.end)),
            ("message", .string(diagnostic.message)),
        ]
        if !diagnostic.related.isEmpty {
            members.append(
                (
                    "related",
                    .array(
                        diagnostic.related.map { note in
                            .object([
                                ("file", .string(note.span.file)), ("line", .int(note.span.start.line)),
                                ("column", .int(note.span.start.column)), ("message", .string(note.message)),
                            ])
                        })
                ))
        }
        if let fix = diagnostic.fix {
            members.append(
                (
                    "fix",
                    .object([
                        ("safe", .bool(fix.safe)), ("description", .string(fix.summary)),
                        (
                            "edits",
                            .array(
                                fix.edits.map { edit in
                                    .object([
                                        ("file", .string(edit.span.file)), ("offset", .int(edit.span.range.start)),
                                        ("endOffset", .int(edit.span.range.end)), ("line", .int(edit.span.start.line)),
                                        ("column", .int(edit.span.start.column)), ("endLine", .int(edit.span.end.line)),
                                        ("endColumn", .int(edit.span.end.column)),
                                        ("replacement", .string(edit.replacement)),
                                    ])
                                })
                        ),
                    ])
                ))
        }
        return .object(members)
    }
}
