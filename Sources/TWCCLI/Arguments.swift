import TWCCore

/// Parsed command line. Conventions of swift-argument-parser: subcommands, `--help`, exit code 2
/// for usage errors.
struct Arguments: Equatable {
    enum Command: String { case check, fix, dump, rules, status, diff, sync, new, help, version }
    enum Format: String, CaseIterable { case text, json, concise, github, sarif, gitlab, junit }
    enum ColorMode: String { case auto, always, never }

    var command: Command = .check
    var paths: [String] = []
    var format: Format = .text
    /// Whether `--format` was given (`dump` writes JSON unless asked for text).
    var formatGiven = false
    /// `status --format`: its formats are its own (`StatusFormat`).
    var statusFormat: StatusFormat = .text
    var fix = false
    /// With --fix: also write files without write permission for the user.
    var fixReadOnly = false
    var sourceLanguage: String?
    var color: ColorMode = .auto
    /// List what the site model could not model and which checks that leaves out.
    var explain = false
    /// `dump --redirects`: the web server's redirect rules instead of the pages.
    var redirects = false
    /// For `help` or `COMMAND --help`: the command whose help to show.
    var helpTopic: Command?
    /// `--select`: only these rules (nil: all); `--ignore`: not these.
    var select: Set<String>?
    var ignore: Set<String> = []
    /// `--exit-zero`: exit 0 whatever is found (usage and configuration errors still exit 2).
    var exitZero = false
    /// `--fail-on warning`: warnings fail the run too (default: errors only).
    var failOnWarnings = false
    /// `--statistics`: finding counts per rule instead of the findings.
    var statistics = false
    /// `--quiet`: the findings only, without the summary line (and nothing when there are none).
    var quiet = false
    /// `--config FILE`: twc-lint's settings from this file instead of the nearest `.twc-lint.toml`.
    var configFile: String?
    /// `--baseline FILE`: findings recorded there are not reported; `--write-baseline FILE`:
    /// record the findings there.
    var baseline: String?
    var writeBaseline: String?
    /// `--diff`: show what the fixes would change as a unified diff, change nothing.
    var diff = false
    /// `--unsafe-fixes`: `--fix` and `--diff` also apply the unsafe fixes.
    var unsafeFixes = false
    /// `--show-fixes`: list the fixes applied (with `--fix`) or available.
    var showFixes = false
    /// `--changed-since REF`, `--staged`: lint what the changes since REF (or the staged changes)
    /// can break: the changed pages, their translations, the pages linking to them.
    var changedSince: String?
    var staged = false
    /// `--output-file FILE`: the report goes there instead of standard output.
    var outputFile: String?
    /// `--relative-to DIR`: paths in the report are relative to this folder instead of the
    /// current one.
    var relativeTo: String?
    /// `new --lang LANG`: the language of the translation to start.
    var newLanguage: String?

    struct UsageError: Error, Equatable { var message: String }

    /// `knownRules`: the rule ids `--select` and `--ignore` accept.
    static func parse(_ arguments: [String], knownRules: Set<String> = []) throws(UsageError) -> Arguments {
        var result = Arguments()
        var rest = arguments[...]
        var commandGiven = false
        if let first = rest.first, let command = Command(rawValue: first) {
            result.command = command
            rest = rest.dropFirst()
            commandGiven = true
        }
        if result.command == .fix { result.fix = true }
        if result.command == .help {
            if let topic = rest.first {
                guard let command = Command(rawValue: topic) else {
                    throw UsageError(message: "no help for unknown command '\(topic)'")
                }
                result.helpTopic = command
                if rest.count > 1 {
                    throw UsageError(message: "help takes one COMMAND; unexpected '\(rest[rest.startIndex + 1])'")
                }
            }
            return result
        }
        func value(_ option: String, _ inline: String?) throws(UsageError) -> String {
            if let inline { return inline }
            guard let next = rest.first, !next.hasPrefix("--") else {
                throw UsageError(message: "missing value for \(option)")
            }
            rest = rest.dropFirst()
            return next
        }
        var onlyPaths = false
        while let argument = rest.first {
            rest = rest.dropFirst()
            if onlyPaths || !argument.hasPrefix("-") || argument == "-" {
                result.paths.append(argument)
                continue
            }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            switch name {
            case "--": onlyPaths = true
            case "-h", "--help":
                result.helpTopic = commandGiven ? result.command : nil
                result.command = .help
                return result
            case "--version": result.command = .version
            case "--fix":
                guard result.command == .check || result.command == .fix else {
                    throw UsageError(message: "--fix is an option of check")
                }
                result.fix = true
            case "--fix-read-only":
                guard result.command == .check || result.command == .fix else {
                    throw UsageError(message: "--fix-read-only is an option of check")
                }
                result.fix = true
                result.fixReadOnly = true
            case "--format", "-f":
                let text = try value(name, inline)
                if result.command == .status {
                    result.statusFormat = try StatusFormat.parse(text)
                    result.formatGiven = true
                    continue
                }
                guard let format = Format(rawValue: text) else {
                    if StatusFormat(rawValue: text) != nil {
                        throw UsageError(
                            message: "--format: \(text) is a format of status only, not of \(result.command)")
                    }
                    throw UsageError(
                        message:
                            "--format: unknown format '\(text)' (use "
                            + Format.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                result.format = format
                result.formatGiven = true
            case "--source-language":
                result.sourceLanguage = try value(name, inline).lowercased()
            case "--color":
                let text = try value(name, inline)
                guard let mode = ColorMode(rawValue: text) else {
                    throw UsageError(message: "--color takes auto, always or never")
                }
                result.color = mode
            case "--no-color": result.color = .never
            case "--explain":
                guard result.command == .check || result.command == .fix else {
                    throw UsageError(message: "--explain is an option of check")
                }
                result.explain = true
            case "--select", "--ignore":
                guard result.command == .check || result.command == .fix else {
                    throw UsageError(message: "\(name) is an option of check")
                }
                var ids = Set<String>()
                for id in try value(name, inline).split(separator: ",") {
                    let id = String(id).trimmingSpaces
                    guard knownRules.contains(id) else {
                        throw UsageError(message: "\(name): unknown rule '\(id)' (see 'twc-lint rules')")
                    }
                    ids.insert(id)
                }
                if name == "--select" {
                    result.select = (result.select ?? []).union(ids)
                } else {
                    result.ignore.formUnion(ids)
                }
            case "--exit-zero": result.exitZero = true
            case "--statistics": result.statistics = true
            case "-q", "--quiet": result.quiet = true
            case "--fail-on":
                let text = try value(name, inline)
                guard text == "error" || text == "warning" else {
                    throw UsageError(message: "--fail-on takes error or warning, not '\(text)'")
                }
                result.failOnWarnings = text == "warning"
            case "--config", "--baseline", "--write-baseline", "--output-file", "--relative-to":
                guard
                    result.command == .check || result.command == .fix || name == "--config"
                        || (result.command == .status && (name == "--output-file" || name == "--relative-to"))
                else {
                    throw UsageError(message: "\(name) is an option of check")
                }
                let file = try value(name, inline)
                guard !file.isEmpty else { throw UsageError(message: "\(name) needs a file name") }
                switch name {
                case "--config": result.configFile = file
                case "--baseline": result.baseline = file
                case "--write-baseline": result.writeBaseline = file
                case "--output-file": result.outputFile = file
                default: result.relativeTo = file
                }
            case "--changed-since":
                guard result.command == .check || result.command == .fix else {
                    throw UsageError(message: "--changed-since is an option of check")
                }
                result.changedSince = try value(name, inline)
            case "--staged":
                guard result.command == .check || result.command == .fix else {
                    throw UsageError(message: "--staged is an option of check")
                }
                result.staged = true
            case "--diff", "--unsafe-fixes", "--show-fixes":
                guard result.command == .check || result.command == .fix else {
                    throw UsageError(message: "\(name) is an option of check")
                }
                switch name {
                case "--diff": result.diff = true
                case "--unsafe-fixes": result.unsafeFixes = true
                default: result.showFixes = true
                }
            case "--lang":
                guard result.command == .new else { throw UsageError(message: "--lang is an option of new") }
                result.newLanguage = try value(name, inline).lowercased()
            case "--redirects":
                guard result.command == .dump else { throw UsageError(message: "--redirects is an option of dump") }
                result.redirects = true
            default:
                throw UsageError(message: "unknown option '\(argument)'")
            }
        }
        if result.command == .dump && result.paths.isEmpty {
            throw UsageError(message: "dump needs at least one FILE")
        }
        if result.command == .new { try NewArguments.validate(result) }
        if result.command == .rules && result.paths.count > 1 {
            throw UsageError(
                message: "rules takes at most one RULE-ID; unexpected '\(result.paths[1])'")
        }
        if (result.command == .diff || result.command == .sync) && result.paths.isEmpty {
            throw UsageError(message: "\(result.command.rawValue) needs at least one FILE (a translation)")
        }
        if result.command == .status && result.paths.count > 1 {
            throw UsageError(message: "status takes at most one PATH; unexpected '\(result.paths[1])'")
        }
        if result.command == .version, let extra = result.paths.first {
            throw UsageError(message: "version takes no arguments; unexpected '\(extra)'")
        }
        if result.diff && result.fix {
            throw UsageError(message: "--diff shows the fixes without applying them; use it without --fix")
        }
        if result.command == .dump && result.format != .json && result.format != .text {
            throw UsageError(message: "--format: dump writes json or text, not \(result.format.rawValue)")
        }
        if result.command == .rules && ![.json, .text].contains(result.format) {
            throw UsageError(message: "--format: rules writes json or text, not \(result.format.rawValue)")
        }
        return result
    }
}

enum HelpText {
    static let version = "0.1.0"

    /// The options of `check` (and `fix`), shown by `twc-lint --help` and `twc-lint check --help`.
    static let checkOptions = """
        OPTIONS:
          --format <format>       text (default), json, concise (one line per finding),
                                  github (workflow commands: annotations in GitHub, Forgejo and
                                  Gitea Actions), sarif (SARIF 2.1.0, for code scanning),
                                  gitlab (GitLab Code Quality) or junit (JUnit XML).
          --output-file <file>    Write the report to this file instead of standard output.
          --relative-to <dir>     Write paths relative to this folder (default: the current one).
          --config <file>         twc-lint's settings from this file (default: the nearest
                                  .twc-lint.toml in the linted folder or a folder above it).
          --changed-since <ref>   Lint what the changes since a git revision can break: the
                                  changed pages, their translations, the pages that link to
                                  them (and, after a deletion or rename, pages with links that
                                  lead nowhere); a changed configuration or layout: the site.
          --staged                The same for the changes staged for the next commit.
          --select <ids>          Only these rules (comma-separated rule ids).
          --ignore <ids>          Not these rules.
          --fail-on <severity>    error (default) or warning: what makes the exit status 1.
          --exit-zero             Exit 0 whatever is found.
          --baseline <file>       Leave out the findings recorded in this file (rule, file and
                                  message; line numbers do not count).
          --write-baseline <file> Record the findings in this file, for --baseline.
          --statistics            Count the findings per rule instead of listing them.
          -q, --quiet             The findings only, without the summary line.
          --fix                   Apply the safe fixes, then report what remains.
          --unsafe-fixes          With --fix or --diff: the unsafe fixes too.
          --diff                  Show what the fixes would change as a unified diff; change
                                  nothing.
          --show-fixes            List the fixes applied (with --fix) or available.
          --fix-read-only         --fix, also writing files without write permission
                                  (refused otherwise).
          --explain               After the report, list what twc-lint could not model
                                  (templates, themes, settings) and which links and
                                  checks that leaves out.
          --source-language <l>   The language the others are compared with
                                  (default: sourceLanguage in .twc-lint.toml, else
                                  defaultContentLanguage).
          --color <mode>          auto (default: colour on a terminal unless NO_COLOR is set or
                                  TERM is dumb; FORCE_COLOR or CLICOLOR_FORCE force it), always or
                                  never. --no-color = never.
          --version               Show the version.
          -h, --help              Show help information.

        EXIT STATUS:
          0  nothing that fails the run (see --fail-on, --exit-zero)
          1  at least one error (or warning, with --fail-on warning); with --diff: fixes to apply
          2  usage or configuration error, a file --fix could not write (changed meanwhile,
             read-only, outside the site), or the output could not be written

        """

    static let checkArguments = """
        ARGUMENTS:
          PATH                    A site root, or a folder or file inside a site (the root is
                                  found by walking up to the Hugo config). Default: '.'.
                                  Files and folders limit the report to those pages and
                                  their versions in the other languages; a file that is no
                                  page (hugo.toml, a layout) lints the whole site.


        """

    static func text(for command: Arguments.Command?) -> String {
        switch command {
        case .check?:
            return """
                OVERVIEW: Check that the language versions of a Hugo site's pages agree.

                USAGE: twc-lint check [PATH...] [OPTIONS]


                """ + checkArguments + checkOptions
        case .fix?:
            return """
                OVERVIEW: Apply the safe fixes, then report what remains (twc-lint check --fix).
                Only the bytes of each edit change; files are replaced atomically, never outside
                the site, never over a file that changed since it was read.

                USAGE: twc-lint fix [PATH...] [OPTIONS]


                """ + checkArguments
                    + """
                    OPTIONS:
                      --unsafe-fixes          Apply the unsafe fixes too (guesses: review the result).
                      --show-fixes            List the fixes applied.
                      --fix-read-only         Also write files without write permission.
                      (and every option of 'twc-lint check --help')

                    """
        case .dump?:
            return """
                OVERVIEW: Show what twc-lint reads from content files.

                USAGE: twc-lint dump FILE... [--format json|text]
                       twc-lint dump SITE --redirects [--format json|text]

                  JSON (default): an array, one object per file: file, language, translationKey,
                  url, translations (language: file, url), anchors, frontmatter, headings (level,
                  text, anchor, line), links (target, line, column, kind) and shortcodes (name,
                  line, closing). Text: the same, one line per item.

                  With --redirects, one object per site: the web server's redirect rules as twc-lint
                  reads them from a static _redirects file or the site's _redirects template (from,
                  to, status, force, conditional), whether they are in the server's order, and why they are
                  unknown when they are.

                """
        case .rules?:
            return """
                OVERVIEW: List the rules, or show one rule's documentation.

                USAGE: twc-lint rules [RULE-ID] [--format text|json]

                """
        case .status?:
            return statusHelp
        case .diff?:
            return """
                OVERVIEW: Show what changed in the source of a translation since the translation was
                last brought in line with it, section by section (what translation-outdated reports).

                USAGE: twc-lint diff FILE...

                  FILE is a translation. Its sync point is its last commit, or the commit its front
                  matter pins (translationSourceCommit; OpenTelemetry's default_lang_commit). For each
                  section of the source that changed since, the diff of that section, under the name
                  of the translation's counterpart; then the source's commits since the sync point.
                  Exit status 0, 2 on errors.

                """
        case .sync?:
            return """
                OVERVIEW: Record that translations are in line with their source: set
                translationSourceCommit (or an existing default_lang_commit) in each FILE's front
                matter to the source's last commit. Every other byte of the file is kept.

                USAGE: twc-lint sync FILE...

                  Run it after bringing a translation in line. A source with changes not committed
                  yet is refused: commit it first, so that the pin names what the translation follows.

                """
        case .new?:
            return newText
        case .version?:
            return """
                OVERVIEW: Show the version.

                USAGE: twc-lint version

                """
        default:
            return """
                OVERVIEW: twc-lint checks that the language versions of a Hugo site's pages agree:
                anchors, sections, links, dates, front matter and text encoding.

                USAGE: twc-lint [check] [PATH...] [OPTIONS]
                       twc-lint fix [PATH...] [OPTIONS]
                       twc-lint dump FILE... [--format json|text]
                       twc-lint rules [RULE-ID]
                       twc-lint status [PATH] [--format text|json|markdown|html]
                       twc-lint new PAGE --lang LANG

                SUBCOMMANDS:
                  check (default)         Report what does not match.
                  fix                     Apply the safe fixes, then report what remains.
                  dump                    Show what twc-lint reads from content files.
                  rules                   List the rules, or show one rule's documentation.
                  status                  How much of the site each language translates.
                  diff FILE...            What changed in a translation's source since its sync point.
                  sync FILE...            Record that translations are in line with their source.
                  new                     Start a page's translation where Hugo pairs it.
                  help, version           This help; the version (also --version).

                  See 'twc-lint help <subcommand>' (or 'twc-lint <subcommand> --help').


                """ + checkArguments + checkOptions
        }
    }
}
