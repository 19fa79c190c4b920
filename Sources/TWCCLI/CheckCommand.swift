import Foundation
import TWCCore
import TWCReport
import TWCRules
import TWCSite

/// `twc-lint check` (and `fix`): per site, read the configuration, run the selected rules, leave
/// out what suppressions and the baseline cover, fix or show fixes, then report.
extension CommandLineTool {
    /// One site's outcome.
    struct SiteRun {
        var root: String
        var diagnostics: [Diagnostic]
        var notices: [Notice]
        var summary: Summary
        var explanation: String?
        /// Findings whose fixes `--fix` applied.
        var applied: [Diagnostic] = []
        /// Site-relative paths of the pages linted.
        var files: [String] = []
    }

    struct CheckFailure: Error {
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
    }

    func check(_ arguments: Arguments) -> Int32 {
        do {
            return try checkSites(arguments)
        } catch {
            return fail(error, format: arguments.format)
        }
    }

    /// Prints a usage or configuration error: as text on standard error and, with `--format
    /// json`, also as a JSON object on standard output. Returns the exit status 2.
    func fail(_ failure: CheckFailure, format: Arguments.Format) -> Int32 {
        var location = failure.file ?? ""
        if let line = failure.line, let column = failure.column { location += ":\(line):\(column)" }
        standardError("twc-lint: " + (location.isEmpty ? "" : location + ": ") + "error: \(failure.message)\n")
        if format == .json {
            var error: [(String, JSONValue)] = [("message", .string(failure.message))]
            if let file = failure.file { error.append(("file", .string(file))) }
            if let line = failure.line { error.append(("line", .int(line))) }
            if let column = failure.column { error.append(("column", .int(column))) }
            standardOutput(
                JSONValue.object([("version", .int(1)), ("error", .object(error))]).serialized(pretty: true) + "\n")
        }
        return Self.usageError
    }

    /// A configuration error of the site at `root`, its file as the user sees it (a flag's name
    /// stays as it is).
    func failure(_ error: SiteConfigError, root: String?) -> CheckFailure {
        var file = error.file
        if file.hasPrefix("/") {
            file = displayPath(file)
        } else if !file.hasPrefix("-"), let root {
            file = displayPath(root + "/" + file)
        }
        return CheckFailure(message: error.message, file: file, line: error.line, column: error.column)
    }

    /// The folder paths are shown relative to: `--relative-to`, else the current folder.
    func reportBase(_ arguments: Arguments) -> String {
        absolute(arguments.relativeTo ?? ".")
    }

    /// An absolute path as shown: relative to the current folder (`--relative-to` for reports).
    func displayPath(_ path: String, base: String? = nil) -> String {
        SiteConfigLoader.relativePath(from: base ?? absolute("."), to: path)
    }

    func checkSites(_ arguments: Arguments) throws(CheckFailure) -> Int32 {
        let targets: [(root: String, scope: [String]?)]
        do { targets = try sites(for: arguments.paths) } catch {
            throw failure(error, root: nil)
        }
        if let relativeTo = arguments.relativeTo {
            var folder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute(relativeTo), isDirectory: &folder), folder.boolValue
            else {
                throw CheckFailure(message: "--relative-to: '\(relativeTo)' is not a folder")
            }
        }
        let baseline = try readBaseline(arguments)
        var runs: [SiteRun] = []
        var diffs = ""
        var fixFailed = false
        var wouldFix = 0
        for target in targets {
            let options = try loadOptions(target, arguments)
            var site: SiteModel
            let selection: RuleSelection
            do {
                site = try SiteLoader.load(root: target.root, options: options)
                selection = try RuleSelection(
                    settings: site.config.lint, select: arguments.select, ignore: arguments.ignore,
                    siteRoot: target.root)
            } catch {
                throw failure(error, root: target.root)
            }
            let changes = try changedFiles(target.root, arguments)
            func scope() -> [Int]? {
                guard let changes else { return scopePages(site, target.scope) }
                return Linter.pages(in: site, changed: changes.changed, removed: changes.removed)
            }
            var pageIndices = scope()
            let baselineFile = { (diagnostic: Diagnostic) in
                self.baselinePath(of: diagnostic.span.file, root: target.root, baseline: arguments.baseline)
            }
            var known = 0
            let readsHistory = selection.rules.contains(where: \.readsHistory)
            func lint() -> [Diagnostic] {
                let found = selection.apply(Linter.run(site, rules: selection.rules, pageIndices: pageIndices))
                guard let baseline else { return found }
                let filtered = baseline.filter(found, file: baselineFile)
                known = filtered.known
                return filtered.kept
            }
            var diagnostics = lint()
            // The fixes this run applies or shows: the safe ones, and the unsafe ones when asked.
            let chosenFixes = { (diagnostics: [Diagnostic]) -> [Diagnostic] in
                diagnostics.compactMap { diagnostic in
                    guard var fix = diagnostic.fix, fix.safe || arguments.unsafeFixes else { return nil }
                    fix.safe = true
                    var chosen = diagnostic
                    chosen.fix = fix
                    return chosen
                }
            }
            var fixed = 0
            var changed: [String] = []
            var applied: [Diagnostic] = []
            if arguments.diff {
                let originals = Dictionary(site.pages.map { ($0.path, $0.source.bytes) }) { first, _ in first }
                let planned = Fixer.planWithFixes(chosenFixes(diagnostics), original: { originals[$0] })
                wouldFix += planned.applied.count
                for (file, bytes) in planned.files.sorted(by: { $0.key < $1.key }) {
                    let shown = displayPath(target.root + "/" + file, base: reportBase(arguments))
                    diffs += UnifiedDiff.diff(
                        old: originals[file] ?? [], new: bytes, oldName: "a/" + shown, newName: "b/" + shown)
                }
                applied = planned.applied
            } else if arguments.fix {
                // Fix, re-read, re-lint: overlapping fixes are applied in later rounds. A file that
                // could not be written is reported once and left alone in later rounds.
                var refused = Set<String>()
                for _ in 0..<4 {
                    let fixable = chosenFixes(diagnostics).filter { diagnostic in
                        !diagnostic.fix!.edits.contains { refused.contains($0.span.file) }
                    }
                    if fixable.isEmpty { break }
                    let originals = Dictionary(site.pages.map { ($0.path, $0.source.bytes) }) { first, _ in first }
                    let outcome = Fixer.apply(
                        fixable, root: target.root, original: originals,
                        options: Fixer.Options(fixReadOnly: arguments.fixReadOnly))
                    for failure in outcome.failures {
                        standardError("twc-lint: error: \(failure)\n")
                        refused.insert(failure.file)
                    }
                    fixFailed = fixFailed || !outcome.failures.isEmpty
                    fixed += outcome.appliedFixes
                    applied += outcome.applied
                    changed += outcome.changedFiles
                    if outcome.changedFiles.isEmpty { break }
                    do { site = try SiteLoader.load(root: target.root, options: options) } catch {
                        throw failure(error, root: target.root)
                    }
                    pageIndices = scope()
                    diagnostics = lint()
                }
            }
            // What the history check could not establish (no repository, a shallow clone).
            let notices = site.notices + (readsHistory ? site.translationHistory.notices : [])
            let files = (pageIndices ?? site.pages.map(\.index)).map { site.pages[$0].path }
            let groups = Set((pageIndices ?? site.pages.map(\.index)).map { site.groupOfPage[$0] }).count
            var summary = Summary(
                files: files.count, groups: groups, diagnostics: diagnostics, notices: notices,
                fixed: fixed, filesChanged: Set(changed).count)
            summary.fixable = chosenFixes(diagnostics).count
            summary.baselined = known
            runs.append(
                SiteRun(
                    root: target.root, diagnostics: diagnostics, notices: notices, summary: summary,
                    explanation: arguments.explain
                        ? Self.explanation(site, history: readsHistory ? site.translationHistory : nil) : nil,
                    applied: applied,
                    files: Array(Set(files)).sorted()))
        }
        if let file = arguments.writeBaseline {
            let path = absolute(file)
            let folder = (path as NSString).deletingLastPathComponent
            var all: [Diagnostic] = []
            for run in runs {
                all += run.diagnostics.map { diagnostic in
                    var diagnostic = diagnostic
                    diagnostic.span.file = SiteConfigLoader.relativePath(
                        from: folder, to: run.root + "/" + diagnostic.span.file)
                    return diagnostic
                }
            }
            let written = Baseline(all, file: \.span.file)
            do { try Data(written.serialized().utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                throw CheckFailure(message: "--write-baseline: cannot write '\(file)': \(error.localizedDescription)")
            }
            standardError("twc-lint: recorded \(all.count) finding\(all.count == 1 ? "" : "s") in \(file)\n")
            return Self.success
        }
        var output = ""
        if arguments.diff {
            output = diffs
            let files = diffs.components(separatedBy: "\n+++ ").count - 1
            standardError(
                wouldFix == 0
                    ? "twc-lint: no fixes to apply\n"
                    : "twc-lint: \(wouldFix) fix\(wouldFix == 1 ? "" : "es") would change \(files) file\(files == 1 ? "" : "s") (apply with --fix\(arguments.unsafeFixes ? " --unsafe-fixes" : ""))\n"
            )
        } else if arguments.statistics {
            output = Self.statistics(runs.flatMap(\.diagnostics), format: arguments.format)
        } else {
            output = PhaseClock.measure("report") { report(arguments, runs) }
        }
        if arguments.showFixes && !arguments.diff {
            standardError(fixList(arguments, runs))
        }
        if let file = arguments.outputFile {
            do { try Data(output.utf8).write(to: URL(fileURLWithPath: absolute(file)), options: .atomic) } catch {
                throw CheckFailure(message: "--output-file: cannot write '\(file)': \(error.localizedDescription)")
            }
        } else {
            standardOutput(output)
        }
        if fixFailed { return Self.usageError }
        if arguments.diff { return wouldFix > 0 && !arguments.exitZero ? Self.findings : Self.success }
        let failing: Set<Severity> = arguments.failOnWarnings ? [.error, .warning] : [.error]
        let failed = runs.contains { run in
            run.diagnostics.contains { failing.contains($0.severity) } || run.notices.contains { $0.severity == .error }
        }
        return failed && !arguments.exitZero ? Self.findings : Self.success
    }

    /// `--changed-since REF` or `--staged`: the files of the site at `root` (site-relative) that
    /// changed, and those removed or renamed away; nil without those flags.
    func changedFiles(_ root: String, _ arguments: Arguments) throws(CheckFailure) -> (
        changed: [String], removed: [String]
    )? {
        guard arguments.changedSince != nil || arguments.staged else { return nil }
        let flag = arguments.staged ? "--staged" : "--changed-since"
        guard let repository = GitRepository.open(containing: root) else {
            throw CheckFailure(message: "\(flag): the site is not in a git repository")
        }
        let files: (changed: [String], removed: [String])?
        if let reference = arguments.changedSince {
            guard repository.resolve(reference) != nil else {
                throw CheckFailure(
                    message:
                        "--changed-since: '\(reference)' is not a revision of this repository"
                        + (repository.isShallow ? " (the clone is shallow: fetch it, or more history)" : ""))
            }
            files = repository.changedFiles(since: reference)
        } else {
            files = repository.stagedFiles()
        }
        guard let files else { throw CheckFailure(message: "\(flag): git could not list the changes") }
        let prefix = repository.relative(root)
        let local = { (paths: [String]) -> [String] in
            prefix == root
                ? paths
                : paths.compactMap { $0.hasPrefix(prefix + "/") ? String($0.dropFirst(prefix.count + 1)) : nil }
        }
        return (local(files.changed), local(files.removed))
    }

    /// How to load the site at `target`: the `--source-language` flag and the settings file
    /// (`--config FILE`, else the nearest `.twc-lint.toml` from the linted path up, when it is
    /// not the site root's, which the loader reads itself).
    func loadOptions(_ target: (root: String, scope: [String]?), _ arguments: Arguments) throws(CheckFailure)
        -> SiteLoadOptions
    {
        let start = target.scope?.first.map { target.root + "/" + $0 } ?? target.root
        var configFile = try readConfigFile(arguments.configFile)
        if configFile == nil, let found = LintConfigFile.locate(from: start),
            found != target.root + "/" + LintConfigFile.fileName
        {
            configFile = try readConfigFile(found)
        }
        return SiteLoadOptions(
            settings: LintSettings(sourceLanguage: arguments.sourceLanguage), lintConfigFile: configFile)
    }

    /// `--config FILE` (or a `.twc-lint.toml` found above the site), read.
    func readConfigFile(_ file: String?) throws(CheckFailure) -> LintConfigFile? {
        guard let file else { return nil }
        let path = absolute(file)
        var folder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &folder), !folder.boolValue,
            let data = FileManager.default.contents(atPath: path)
        else {
            throw CheckFailure(message: "--config: cannot read '\(file)': no such file")
        }
        return LintConfigFile(
            displayPath: path, directory: (path as NSString).deletingLastPathComponent, bytes: Array(data))
    }

    func readBaseline(_ arguments: Arguments) throws(CheckFailure) -> Baseline? {
        guard let file = arguments.baseline else { return nil }
        guard let data = FileManager.default.contents(atPath: absolute(file)) else {
            throw CheckFailure(message: "--baseline: cannot read '\(file)' (write one with --write-baseline)")
        }
        do { return try Baseline.read(Array(data)) } catch {
            throw CheckFailure(message: "--baseline: '\(file)' is \(error.description)")
        }
    }

    /// A site-relative file as the baseline names it: relative to the baseline's folder.
    func baselinePath(of file: String, root: String, baseline: String?) -> String {
        guard let baseline else { return file }
        let folder = (absolute(baseline) as NSString).deletingLastPathComponent
        return SiteConfigLoader.relativePath(from: folder, to: root + "/" + file)
    }

    /// `--statistics`: findings per rule, most first (`count  rule  severity`), or a JSON object.
    static func statistics(_ diagnostics: [Diagnostic], format: Arguments.Format) -> String {
        var counts: [String: (count: Int, severity: Severity)] = [:]
        for diagnostic in diagnostics {
            counts[diagnostic.ruleID, default: (0, diagnostic.severity)].count += 1
        }
        let rows = counts.sorted {
            $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
        }
        if format == .json {
            return JSONValue.object(rows.map { ($0.key, .int($0.value.count)) }).serialized(pretty: true) + "\n"
        }
        let width = rows.map { String($0.value.count).count }.max() ?? 1
        let idWidth = rows.map(\.key.count).max() ?? 0
        return rows.map { row in
            String(repeating: " ", count: width - String(row.value.count).count)
                + "\(row.value.count)  \(row.key.padding(toLength: idWidth, withPad: " ", startingAt: 0))  "
                + row.value.severity.rawValue
        }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
    }

    /// `--show-fixes`: the fixes applied (with `--fix`) or available, one line each.
    func fixList(_ arguments: Arguments, _ runs: [SiteRun]) -> String {
        let base = reportBase(arguments)
        var lines: [String] = []
        for run in runs {
            let listed =
                arguments.fix
                ? run.applied
                : run.diagnostics.filter { $0.fix.map { $0.safe || arguments.unsafeFixes } ?? false }
            for diagnostic in listed.sorted(by: Diagnostic.reportOrder) {
                let span = diagnostic.span
                lines.append(
                    "  \(displayPath(run.root + "/" + span.file, base: base)):\(span.start.line):\(span.start.column): "
                        + "[\(diagnostic.ruleID)] \(TerminalText.visible(diagnostic.fix?.summary ?? ""))")
            }
        }
        let count = lines.count
        let heading =
            arguments.fix
            ? "twc-lint: fixed \(count) finding\(count == 1 ? "" : "s")"
            : "twc-lint: \(count) fix\(count == 1 ? "" : "es") available with --fix\(arguments.unsafeFixes ? " --unsafe-fixes" : "")"
        return heading + (lines.isEmpty ? "\n" : ":\n" + lines.joined(separator: "\n") + "\n")
    }

    /// Findings and notices with their files as seen from `base` (the current folder, or
    /// `--relative-to`): every format shows paths a shell, an editor or a CI system there opens.
    func relocated(_ run: SiteRun, base: String) -> (diagnostics: [Diagnostic], notices: [Notice]) {
        var cache: [String: String] = [:]
        func path(_ file: String) -> String {
            if let known = cache[file] { return known }
            let shown = SiteConfigLoader.relativePath(from: base, to: file == "." ? run.root : run.root + "/" + file)
            cache[file] = shown
            return shown
        }
        let diagnostics = run.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.span.file = path(diagnostic.span.file)
            for index in diagnostic.related.indices {
                diagnostic.related[index].span.file = path(diagnostic.related[index].span.file)
            }
            if var fix = diagnostic.fix {
                for index in fix.edits.indices { fix.edits[index].span.file = path(fix.edits[index].span.file) }
                diagnostic.fix = fix
            }
            return diagnostic
        }
        let notices = run.notices.map { notice in
            var notice = notice
            notice.file = path(notice.file)
            return notice
        }
        return (diagnostics, notices)
    }

    func report(_ arguments: Arguments, _ runs: [SiteRun]) -> String {
        let base = reportBase(arguments)
        let shown = runs.map { relocated($0, base: base) }
        switch arguments.format {
        case .text:
            var output = ""
            for (index, run) in runs.enumerated() {
                let text = TextReporter(useColor: colorEnabled(arguments.color) && arguments.outputFile == nil).report(
                    shown[index].diagnostics, notices: shown[index].notices, summary: run.summary)
                // --quiet: without the summary line, the report's last.
                output += arguments.quiet ? text.withoutLastLine : text
                if let explanation = run.explanation { output += explanation }
            }
            return output
        case .concise:
            return shown.map { ConciseReporter.report($0.diagnostics, notices: $0.notices, base: "") }.joined()
        case .github:
            return shown.map { GitHubReporter.report($0.diagnostics, notices: $0.notices, base: "") }.joined()
        case .json, .sarif, .gitlab, .junit:
            let diagnostics = shown.flatMap(\.diagnostics)
            let notices = shown.flatMap(\.notices)
            let total = runs.dropFirst().reduce(runs[0].summary) { sum, next in
                var sum = sum
                sum.add(next.summary)
                return sum
            }
            switch arguments.format {
            case .sarif:
                return SARIFReporter.report(
                    diagnostics, notices: notices, rules: Self.ruleMetadata, base: "", toolVersion: HelpText.version)
            case .gitlab:
                return GitLabReporter.report(diagnostics, notices: notices, base: "")
            case .junit:
                let files = runs.flatMap { run in
                    run.files.map { SiteConfigLoader.relativePath(from: base, to: run.root + "/" + $0) }
                }
                return JUnitReporter.report(diagnostics, notices: notices, base: "", files: files)
            default:
                return JSONReporter.report(diagnostics, notices: notices, summary: total)
            }
        }
    }

}

extension CommandLineTool {
    /// What SARIF says of each rule: its summary and its documentation page.
    static var ruleMetadata: [RuleMetadata] {
        RuleRegistry.all.map { rule in
            RuleMetadata(
                id: rule.id, summary: rule.summary, help: RuleDocumentation.markdown(for: rule),
                defaultSeverity: rule.severity)
        }
    }
}

extension String {
    /// The text without its last line (the text ends with a line break).
    fileprivate var withoutLastLine: String {
        guard let end = dropLast().lastIndex(of: "\n") else { return "" }
        return String(self[...end])
    }
}
