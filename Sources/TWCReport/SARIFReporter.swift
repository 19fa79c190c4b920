import TWCCore

/// What reporters that describe the rules (SARIF) need to know of each rule. The command line
/// builds one per rule from the rule registry and its documentation.
public struct RuleMetadata: Sendable, Hashable {
    /// The rule's identifier, as in findings (`broken-anchor`).
    public var id: String
    /// What the rule finds, in a sentence or two.
    public var summary: String
    /// The rule's documentation (Markdown): what, why, the fix, examples.
    public var help: String
    /// The severity of the rule's findings unless configured otherwise.
    public var defaultSeverity: Severity
    /// Where the documentation is online, when it is.
    public var helpURI: String?

    public init(id: String, summary: String, help: String, defaultSeverity: Severity, helpURI: String? = nil) {
        self.id = id
        self.summary = summary
        self.help = help
        self.defaultSeverity = defaultSeverity
        self.helpURI = helpURI
    }
}

/// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), for GitHub code scanning, GitLab,
/// Azure DevOps and SARIF viewers in editors: one run whose driver describes every rule, one
/// result per finding, notices as the invocation's tool execution notifications.
///
/// - Paths are relative to the current directory (`base` joined with the site-relative path),
///   percent-encoded URI references with `uriBaseId` `%SRCROOT%`, which CI tools take for the root
///   of the checkout; `originalUriBaseIds` is left out, so the report holds no absolute path. An
///   absolute path (an absolute `base`) is written as a `file:` URI without a base.
/// - Columns count Unicode code points (`columnKind` `unicodeCodePoints`); `endColumn` is the
///   column after the region, as in findings. Regions also give `byteOffset` and `byteLength`.
/// - Levels: error → `error`, warning → `warning`, info → `note`.
/// - `partialFingerprints["twcLint/v1"]`: see `Fingerprint` (rule, path, message, occurrence).
/// - Related notes are `relatedLocations` (ids from 1, each with its message); a fix is one SARIF
///   fix with `properties.safe` (false for a fix `--fix` does not apply, whose description also
///   ends in " (unsafe)"), its edits grouped per file in order of position.
/// - A finding of a rule that is not in `rules` gets a rule entry of its own (id and name only),
///   so every result has a valid `ruleIndex`.
/// - `executionSuccessful` is false when a notice is an error (a file could not be read).
public enum SARIFReporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func report(
        _ diagnostics: [Diagnostic], notices: [Notice], rules: [RuleMetadata], base: String, toolVersion: String
    ) -> String {
        let sorted = diagnostics.sorted(by: Diagnostic.reportOrder)
        var descriptors = rules.map(descriptor)
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.enumerated() where ruleIndex[rule.id] == nil {
            ruleIndex[rule.id] = index
        }
        for diagnostic in sorted where ruleIndex[diagnostic.ruleID] == nil {
            ruleIndex[diagnostic.ruleID] = descriptors.count
            descriptors.append(
                .object([("id", .string(diagnostic.ruleID)), ("name", .string(ruleName(diagnostic.ruleID)))]))
        }
        let paths = sorted.map { ConciseReporter.joined(base, $0.span.file) }
        let fingerprints = Fingerprint.of(sorted, paths: paths)
        let results = sorted.indices.map { index in
            result(
                sorted[index], ruleIndex: ruleIndex[sorted[index].ruleID]!, fingerprint: fingerprints[index], base: base
            )
        }
        let notifications = notices.map { notice in
            JSONValue.object([
                ("level", .string(level(notice.severity))),
                ("message", .object([("text", .string(notice.message))])),
                (
                    "locations",
                    .array([
                        .object([
                            ("physicalLocation", .object([("artifactLocation", artifactLocation(base, notice.file))]))
                        ])
                    ])
                ),
            ])
        }
        var invocation: [(String, JSONValue)] = [
            ("executionSuccessful", .bool(!notices.contains { $0.severity == .error }))
        ]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        let run = JSONValue.object([
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string("twc-lint")), ("version", .string(toolVersion)),
                            ("rules", .array(descriptors)),
                        ])
                    )
                ])
            ),
            ("invocations", .array([.object(invocation)])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        return JSONValue.object([
            ("$schema", .string(schemaURI)), ("version", .string("2.1.0")), ("runs", .array([run])),
        ]).serialized(pretty: true) + "\n"
    }

    static func descriptor(_ rule: RuleMetadata) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(rule.id)), ("name", .string(ruleName(rule.id))),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.summary))])),
            ("help", .object([("text", .string(rule.help)), ("markdown", .string(rule.help))])),
            ("defaultConfiguration", .object([("level", .string(level(rule.defaultSeverity)))])),
        ]
        if let uri = rule.helpURI { members.append(("helpUri", .string(uri))) }
        return .object(members)
    }

    static func result(_ diagnostic: Diagnostic, ruleIndex: Int, fingerprint: String, base: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(diagnostic.ruleID)), ("ruleIndex", .int(ruleIndex)),
            ("level", .string(level(diagnostic.severity))),
            ("message", .object([("text", .string(diagnostic.message))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(base, diagnostic.span))])])),
            ("partialFingerprints", .object([("twcLint/v1", .string(fingerprint))])),
        ]
        if !diagnostic.related.isEmpty {
            members.append(
                (
                    "relatedLocations",
                    .array(
                        diagnostic.related.enumerated().map { index, note in
                            .object([
                                ("id", .int(index + 1)), ("physicalLocation", physicalLocation(base, note.span)),
                                ("message", .object([("text", .string(note.message))])),
                            ])
                        })
                ))
        }
        if let fix = diagnostic.fix { members.append(("fixes", .array([self.fix(fix, base: base)]))) }
        return .object(members)
    }

    static func fix(_ fix: Fix, base: String) -> JSONValue {
        var files: [String] = []
        var editsByFile: [String: [TextEdit]] = [:]
        for edit in fix.edits {
            if editsByFile[edit.span.file] == nil { files.append(edit.span.file) }
            editsByFile[edit.span.file, default: []].append(edit)
        }
        let changes = files.map { file in
            JSONValue.object([
                ("artifactLocation", artifactLocation(base, file)),
                (
                    "replacements",
                    .array(
                        editsByFile[file]!.sorted { $0.span.range.start < $1.span.range.start }.map { edit in
                            .object([
                                ("deletedRegion", region(edit.span)),
                                ("insertedContent", .object([("text", .string(edit.replacement))])),
                            ])
                        })
                ),
            ])
        }
        return .object([
            ("description", .object([("text", .string(fix.summary + (fix.safe ? "" : " (unsafe)")))])),
            ("artifactChanges", .array(changes)), ("properties", .object([("safe", .bool(fix.safe))])),
        ])
    }

    static func physicalLocation(_ base: String, _ span: SourceSpan) -> JSONValue {
        .object([("artifactLocation", artifactLocation(base, span.file)), ("region", region(span))])
    }

    static func artifactLocation(_ base: String, _ file: String) -> JSONValue {
        let path = ConciseReporter.joined(base, file)
        let uri = JSONValue.string(URIReference.encode(path))
        return path.hasPrefix("/")
            ? .object([("uri", uri)]) : .object([("uri", uri), ("uriBaseId", .string("%SRCROOT%"))])
    }

    static func region(_ span: SourceSpan) -> JSONValue {
        .object([
            ("startLine", .int(span.start.line)), ("startColumn", .int(span.start.column)),
            ("endLine", .int(span.end.line)), ("endColumn", .int(span.end.column)),
            ("byteOffset", .int(span.range.start)), ("byteLength", .int(span.range.count)),
        ])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// A rule's readable name: its identifier in UpperCamelCase (`broken-anchor` → `BrokenAnchor`).
    static func ruleName(_ id: String) -> String {
        id.split { !($0.isLetter || $0.isNumber) }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
