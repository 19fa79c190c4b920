import Foundation
import TWCCore
import TWCRules
import TWCSite

extension Arguments {
    /// What `status --format` writes.
    enum StatusFormat: String, CaseIterable {
        case text, json, markdown, html

        static func parse(_ text: String) throws(UsageError) -> StatusFormat {
            guard let format = StatusFormat(rawValue: text) else {
                throw UsageError(
                    message:
                        "--format: status writes "
                        + allCases.dropLast().map(\.rawValue).joined(separator: ", ")
                        + " or \(allCases.last!.rawValue), not '\(text)'")
            }
            return format
        }
    }
}

extension HelpText {
    static let statusHelp = """
        OVERVIEW: How much of the site each language translates, per section, and which pages are
        outdated, missing or unpublished. A report, not a check: the exit status is 0.

        USAGE: twc-lint status [PATH] [OPTIONS]

        ARGUMENTS:
          PATH                    A site root, or a folder or file inside a site (only the pages
                                  there and their versions are counted). Default: '.'.

        COUNTS:
          Every published page of the source language is counted once for each other
          language L, in its section (the first folder of its path; '/' for the home page
          and the pages at the root), in one state:
          translated              L has a published version.
          outdated                L has a published version on which the rule
                                  translation-outdated reports something (outside git, or
                                  with the rule turned off, outdated is not known and a note
                                  says so).
          draft                   L has a version Hugo does not publish (a draft, scheduled,
                                  expired, not rendered).
          missing                 L has no version.
          not required            L has no version and [requiredContent] in .twc-lint.toml
                                  does not require it of L.

        OPTIONS:
          --format <format>       text (default: a table per language and the pages to work on),
                                  json, markdown (tables, for a wiki or a pull request comment)
                                  or html (one self-contained page, to publish).
          --output-file <file>    Write the report to this file instead of standard output.
          --relative-to <dir>     Write paths relative to this folder (default: the current one).
          --config <file>         twc-lint's settings from this file (default: the nearest
                                  .twc-lint.toml).
          --source-language <l>   The language the others translate (default: sourceLanguage in
                                  .twc-lint.toml, else defaultContentLanguage).
          -h, --help              Show help information.

        EXIT STATUS:
          0  the report was written
          2  usage or configuration error, or the output could not be written

        """
}

/// `twc-lint status`: per language and section, how many of the source language's pages are
/// translated, outdated, unpublished or missing, and which (`TranslationStatus`, `StatusReport`).
extension CommandLineTool {
    /// The rule whose findings make a translation outdated.
    static let outdatedRule = "translation-outdated"

    func status(_ arguments: Arguments) -> Int32 {
        do {
            return try statusReport(arguments)
        } catch {
            return fail(error, format: arguments.statusFormat == .json ? .json : .text)
        }
    }

    func statusReport(_ arguments: Arguments) throws(CheckFailure) -> Int32 {
        let targets: [(root: String, scope: [String]?)]
        do { targets = try sites(for: arguments.paths) } catch {
            throw failure(error, root: nil)
        }
        guard targets.count == 1, let target = targets.first else {
            throw CheckFailure(
                message:
                    "status reports on one site; name one of: "
                    + targets.map { displayPath($0.root) }.joined(separator: ", "))
        }
        if let relativeTo = arguments.relativeTo {
            var folder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute(relativeTo), isDirectory: &folder), folder.boolValue
            else {
                throw CheckFailure(message: "--relative-to: '\(relativeTo)' is not a folder")
            }
        }
        let options = try loadOptions(target, arguments)
        let site: SiteModel
        let selection: RuleSelection
        do {
            site = try SiteLoader.load(root: target.root, options: options)
            selection = try RuleSelection(settings: site.config.lint, siteRoot: target.root)
        } catch {
            throw failure(error, root: target.root)
        }
        var notes: [String] = []
        let outdated = outdatedTranslations(site, selection: selection)
        if let note = outdated.note { notes.append(note) }
        let unread = site.notices.filter { $0.severity == .error }
        for notice in unread {
            standardError("twc-lint: \(displayPath(target.root + "/" + notice.file)): error: \(notice.message)\n")
        }
        if !unread.isEmpty {
            notes.append(
                "\(unread.count) file\(unread.count == 1 ? "" : "s") or folder\(unread.count == 1 ? "" : "s") "
                    + "could not be read: the counts leave out what they hold")
        }
        let status = TranslationStatus(
            site, outdated: outdated.files ?? [], scope: scopePages(site, target.scope).map(Set.init))
        let base = reportBase(arguments)
        let report = StatusReport(
            site: site, status: status,
            name: (target.root as NSString).lastPathComponent,
            outdatedKnown: outdated.files != nil, notes: notes,
            file: { self.displayPath(target.root + "/" + $0.path, base: base) })
        let output: String
        switch arguments.statusFormat {
        case .text: output = report.text()
        case .json: output = report.json()
        case .markdown: output = report.markdown()
        case .html: output = report.html()
        }
        if let file = arguments.outputFile {
            do { try Data(output.utf8).write(to: URL(fileURLWithPath: absolute(file)), options: .atomic) } catch {
                throw CheckFailure(message: "--output-file: cannot write '\(file)': \(error.localizedDescription)")
            }
        } else {
            standardOutput(output)
        }
        return Self.success
    }

    /// The site-relative files of the translations `translation-outdated` reports, as the site's
    /// settings report it (`[ignorePaths]`, suppressions); nil, with a note saying why, when the
    /// settings turn the rule off or the site's history cannot be read (not in git). A shallow
    /// clone's note comes along.
    func outdatedTranslations(_ site: SiteModel, selection: RuleSelection) -> (files: Set<String>?, note: String?) {
        let rule = TranslationOutdatedRule()
        guard selection.rules.contains(where: { $0.id == rule.id }) else {
            let file = site.config.lint.configFile ?? LintConfigFile.fileName
            return (nil, "outdated: not known (rule \(Self.outdatedRule) is turned off in \(file))")
        }
        let history = site.translationHistory
        if let unchecked = history.unchecked { return (nil, "outdated: not known (\(unchecked))") }
        let found = selection.apply(Linter.run(site, rules: [rule]))
        return (Set(found.map(\.span.file)), history.notices.first.map { "outdated: \($0.message)" })
    }
}
