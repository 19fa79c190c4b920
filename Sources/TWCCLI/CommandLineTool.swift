import Foundation
import TWCCore
import TWCFrontmatter
import TWCReport
import TWCRules
import TWCSite

/// The `twc-lint` command. `run` returns the exit status; output goes through the given sinks so
/// that tests can run the tool in-process.
public struct CommandLineTool {
    public var standardOutput: (String) -> Void
    public var standardError: (String) -> Void
    public var environment: [String: String]
    public var isTerminal: Bool
    public var currentDirectory: String

    public init(
        standardOutput: @escaping (String) -> Void, standardError: @escaping (String) -> Void,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        isTerminal: Bool = false,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.standardOutput = standardOutput
        // Messages name user paths and values: nothing in them may act on the terminal.
        self.standardError = { standardError(TerminalText.visible($0, keepingLineBreaks: true)) }
        self.environment = environment
        self.isTerminal = isTerminal
        self.currentDirectory = currentDirectory
    }

    public static let success: Int32 = 0
    public static let findings: Int32 = 1
    public static let usageError: Int32 = 2

    public func run(_ arguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments.parse(arguments, knownRules: Set(RuleRegistry.all.map(\.id)))
        } catch {
            // With --format json the error is also a JSON object on standard output.
            let json =
                zip(arguments, arguments.dropFirst()).contains { ["--format", "-f"].contains($0) && $1 == "json" }
                || arguments.contains("--format=json")
            let status = fail(CheckFailure(message: error.message), format: json ? .json : .text)
            standardError("Usage: twc-lint [check] [PATH...] [OPTIONS]  (see 'twc-lint --help')\n")
            return status
        }
        switch parsed.command {
        case .help:
            standardOutput(HelpText.text(for: parsed.helpTopic))
            return Self.success
        case .version:
            standardOutput("twc-lint \(HelpText.version)\n")
            return Self.success
        case .rules:
            return rules(parsed)
        case .dump:
            return dump(parsed)
        case .status:
            return status(parsed)
        case .diff:
            return diff(parsed)
        case .sync:
            return sync(parsed)
        case .check, .fix:
            return check(parsed)
        case .new:
            return newTranslation(parsed)
        }
    }

    /// `auto`: on a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`; `FORCE_COLOR` or
    /// `CLICOLOR_FORCE` (not `0`) turn it on anywhere.
    func colorEnabled(_ mode: Arguments.ColorMode) -> Bool {
        switch mode {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            for name in ["FORCE_COLOR", "CLICOLOR_FORCE"] {
                if let value = environment[name], !value.isEmpty, value != "0" { return true }
            }
            if environment["TERM"] == "dumb" { return false }
            return isTerminal
        }
    }

    func absolute(_ path: String) -> String {
        let url =
            path.hasPrefix("/")
            ? URL(fileURLWithPath: path) : URL(fileURLWithPath: currentDirectory).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// Site roots and, per root, the site-relative paths named (nil = the whole site). Files
    /// outside any Hugo site are skipped with a note when other paths are inside one (a pre-commit
    /// hook passes every staged Markdown file, README.md included).
    func sites(for paths: [String]) throws(SiteConfigError) -> [(root: String, scope: [String]?)] {
        var order: [String] = []
        var scopes: [String: [String]?] = [:]
        var outside: [String] = []
        for path in paths.isEmpty ? ["."] : paths {
            let full = absolute(path)
            guard FileManager.default.fileExists(atPath: full) else {
                throw SiteConfigError(
                    file: path,
                    message:
                        "no such file or directory (commands: check, fix, dump, rules, status, diff, sync, new, help, version)"
                )
            }
            guard let root = SiteConfigLoader.findSiteRoot(from: full) else {
                // A repository whose site is in a subfolder: the sites below the folder.
                let below = paths.count <= 1 ? SiteConfigLoader.findSiteRoots(below: full, depth: 2) : []
                if below.count > 4 {
                    throw SiteConfigError(
                        file: path,
                        message:
                            "not inside a Hugo site, and \(below.count) sites are below it ("
                            + below.prefix(3).map { SiteConfigLoader.relativePath(from: full, to: $0) }.joined(
                                separator: ", ") + ", …); name the one to lint")
                }
                if below.isEmpty {
                    outside.append(path)
                } else {
                    for root in below where scopes[root] == nil {
                        order.append(root)
                        scopes[root] = .some(nil)
                    }
                    standardError(
                        "twc-lint: note: \(path) is not inside a Hugo site; linting the site\(below.count == 1 ? "" : "s") "
                            + "below it: \(below.map { SiteConfigLoader.relativePath(from: full, to: $0) }.joined(separator: ", "))\n"
                    )
                }
                continue
            }
            if scopes[root] == nil {
                order.append(root)
                scopes[root] = .some([])
            }
            if full == root {
                scopes[root] = .some(nil)
            } else if case .some(.some(var list)) = scopes[root] {
                list.append(String(full.dropFirst(root.count + 1)))
                scopes[root] = .some(list)
            }
        }
        if let first = outside.first {
            guard !order.isEmpty else {
                throw SiteConfigError(
                    file: first,
                    message:
                        "not inside a Hugo site (no hugo.toml, hugo.yaml, hugo.json, config.* or config/_default/ found in it or above it)"
                )
            }
            for path in outside { standardError("twc-lint: note: \(path) is not inside a Hugo site; skipped\n") }
        }
        return order.map { ($0, scopes[$0]!) }
    }

    /// `--explain`: what the model could not model, one line each, and what that leaves unchecked.
    static func explanation(_ site: SiteModel, history: TranslationHistory? = nil) -> String {
        var lines: [String] = []
        if let unchecked = history?.unchecked { lines.append("  - \(unchecked)") }
        for (index, reason) in (history?.unknown ?? [:]).sorted(by: { $0.key < $1.key }).prefix(20) {
            lines.append("  - \(TerminalText.visible(site.pages[index].path)): \(TerminalText.visible(reason))")
        }
        let configFile = site.config.configFiles.first ?? "configuration"
        for setting in site.config.unmodelled {
            lines.append("  - \(TerminalText.visible(configFile)): \(TerminalText.visible(setting))")
        }
        for notice in site.notices where notice.severity == .info {
            lines.append("  - \(TerminalText.visible(notice.file)): \(TerminalText.visible(notice.message))")
        }
        // Links a render hook leaves unknown are in the hook's note above.
        for (reason, count) in site.uncheckedLinks where !reason.contains(" rendered by ") {
            lines.append("  - \(count) \(TerminalText.visible(reason))")
        }
        for part in site.translationCoverage.notGaps(in: site) {
            lines.append(
                "  - \(part.pages) pages have no \(part.language) version in sections \(part.language) translates less than "
                    + "half of (\(part.section): \(part.translated) of \(part.total) pages): missing-translation does not "
                    + "report them; list what \(part.language) must have under [requiredContent] in .twc-lint.toml")
        }
        if lines.isEmpty { return "twc-lint modelled everything it checks on this site.\n" }
        return "What twc-lint could not model here, and what it leaves unchecked because of it:\n"
            + lines.joined(separator: "\n") + "\n"
    }

    /// Page indices a scope names: pages in or under the named paths plus their other versions.
    /// A named file that is no page (`hugo.toml`, a layout, a data file) can change any page:
    /// naming one lints the whole site.
    func scopePages(_ site: SiteModel, _ scope: [String]?) -> [Int]? {
        guard let scope else { return nil }
        let allPages = scope.allSatisfy { path in
            site.pages.contains { $0.path == path || $0.path.hasPrefix(path.hasSuffix("/") ? path : path + "/") }
        }
        guard allPages else { return nil }
        let named = site.pages.filter { page in
            scope.contains { page.path == $0 || page.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }.map(\.path)
        return Linter.pages(in: site, relatedTo: named)
    }

    func dump(_ arguments: Arguments) -> Int32 {
        let targets: [(root: String, scope: [String]?)]
        do { targets = try sites(for: arguments.paths) } catch {
            return fail(failure(error, root: nil), format: arguments.format)
        }
        var objects: [JSONValue] = []
        for target in targets {
            let site: SiteModel
            do {
                site = try SiteLoader.load(root: target.root, options: try loadOptions(target, arguments))
            } catch let error as SiteConfigError {
                return fail(failure(error, root: target.root), format: arguments.format)
            } catch let error as CheckFailure {
                return fail(error, format: arguments.format)
            } catch {
                return fail(CheckFailure(message: "\(error)"), format: arguments.format)
            }
            if arguments.redirects {
                let rules = site.serverRedirects
                objects.append(
                    .object([
                        ("site", .string(target.root)),
                        ("ordered", rules.map { .bool($0.ordered) } ?? .null),
                        ("unknown", site.redirectsUnknown.map { .string($0) } ?? .null),
                        (
                            "rules",
                            .array(
                                (rules?.rules ?? []).map {
                                    .object([
                                        ("from", .string($0.from)), ("to", .string($0.to)), ("status", .int($0.status)),
                                        ("force", .bool($0.force)), ("conditional", .bool($0.conditional)),
                                    ])
                                })
                        ),
                    ]))
                continue
            }
            let scope = target.scope
            for page in site.pages
            where scope == nil || scope!.contains(where: { page.path == $0 || page.path.hasPrefix($0 + "/") }) {
                objects.append(PageDump.json(page, site: site))
            }
            if let scope {
                for path in scope
                where !site.pages.contains(where: { $0.path == path || $0.path.hasPrefix(path + "/") }) {
                    return fail(
                        CheckFailure(
                            message: "not a content page of the site at \(displayPath(target.root))",
                            file: displayPath(target.root + "/" + path)),
                        format: arguments.format)
                }
            }
        }
        let value = JSONValue.array(objects)
        standardOutput(
            arguments.format == .text && arguments.formatGiven
                ? PageDump.text(value) : value.serialized(pretty: true) + "\n")
        return Self.success
    }

    func rules(_ arguments: Arguments) -> Int32 {
        if let id = arguments.paths.first {
            guard let rule = RuleRegistry.rule(id) else {
                standardError("twc-lint: error: unknown rule '\(id)' (see 'twc-lint rules')\n")
                return Self.usageError
            }
            standardOutput(RuleDocumentation.markdown(for: rule))
            return Self.success
        }
        switch arguments.format {
        case .json:
            standardOutput(
                JSONValue.array(
                    RuleRegistry.all.map { rule in
                        .object([
                            ("id", .string(rule.id)), ("severity", .string(rule.severity.rawValue)),
                            ("summary", .string(rule.summary)), ("fix", .string(rule.fixAvailability.rawValue)),
                            ("fixDescription", rule.fixBehavior.map { .string($0) } ?? .null),
                        ])
                    }
                ).serialized(pretty: true) + "\n")
        case .text, .concise, .github, .sarif, .gitlab, .junit:
            let width = RuleRegistry.all.map(\.id.count).max() ?? 0
            for rule in RuleRegistry.all {
                let padded = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                let fix = (rule.fixAvailability == .none ? "" : rule.fixAvailability.rawValue).padding(
                    toLength: 9, withPad: " ", startingAt: 0)
                standardOutput("\(padded)  \(severity)  \(fix) \(rule.summary)\n")
            }
        }
        return Self.success
    }
}

extension String {
    /// The text without its last line (the text ends with a line break).
    fileprivate var withoutLastLine: String {
        guard let end = dropLast().lastIndex(of: "\n") else { return "" }
        return String(self[...end])
    }
}
