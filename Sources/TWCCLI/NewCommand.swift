import Foundation
import TWCCore
import TWCFrontmatter
import TWCReport
import TWCRules
import TWCSite

/// What `new` requires of the command line.
enum NewArguments {
    static func validate(_ arguments: Arguments) throws(Arguments.UsageError) {
        guard let page = arguments.paths.first else {
            throw Arguments.UsageError(message: "new needs the PAGE to translate (twc-lint new PAGE --lang LANG)")
        }
        guard arguments.paths.count == 1 else {
            throw Arguments.UsageError(message: "new takes one PAGE; unexpected '\(arguments.paths[1])'")
        }
        guard let language = arguments.newLanguage else {
            throw Arguments.UsageError(message: "new needs --lang LANG, the language of the translation of '\(page)'")
        }
        guard !language.isEmpty else { throw Arguments.UsageError(message: "--lang needs a language") }
        if arguments.formatGiven { throw Arguments.UsageError(message: "--format: new writes text only") }
    }
}

extension HelpText {
    static let newText = """
        OVERVIEW: Start the translation of a page: create its LANG version where Hugo pairs it, a
        copy of the page for the translator.

        USAGE: twc-lint new PAGE --lang LANG

        ARGUMENTS:
          PAGE                    A content file of the site (usually in the source language).

        OPTIONS:
          --lang <lang>           The language of the translation (a language of the site).
          --config <file>         twc-lint's settings from this file (translatableKeys ...).
          -h, --help              Show help information.

          The new file is PAGE's folder and name with the language (about.md -> about.nl.md,
          index.md -> index.nl.md), or the same path in LANG's own contentDir. It holds every
          byte of PAGE except: translatable front matter values marked '# twc-lint: translate'
          (not in JSON front matter, which holds no comments), translationSourceCommit: the
          full hash of PAGE's last commit (when the site is in a git repository), and links to
          pages that have a LANG version leading there (fragments to the aligned headings). It
          is checked with the site model before and after it is written: it must be PAGE's
          LANG version. It is never written over a file, nor outside the site.

        EXIT STATUS:
          0  the file was created
          2  usage error, LANG is not a language of the site, PAGE is not a page, PAGE has a
             LANG version already, or the file could not be created

        """
}

extension CommandLineTool {
    func newTranslation(_ arguments: Arguments) -> Int32 {
        do {
            return try createTranslation(arguments)
        } catch {
            return fail(error, format: .text)
        }
    }

    func createTranslation(_ arguments: Arguments) throws(CheckFailure) -> Int32 {
        let named = arguments.paths[0]
        let language = arguments.newLanguage ?? ""
        let full = absolute(named)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) else {
            throw CheckFailure(message: "no such file", file: named)
        }
        guard let root = SiteConfigLoader.findSiteRoot(from: full) else {
            throw CheckFailure(
                message:
                    "not inside a Hugo site (no hugo.toml, hugo.yaml, hugo.json, config.* or config/_default/ found in "
                    + "it or above it)", file: named)
        }
        let shown = { (path: String) in self.displayPath(root + "/" + path) }
        let relative = full == root ? "" : String(full.dropFirst(root.count + 1))
        var configFile = try readConfigFile(arguments.configFile)
        if configFile == nil, let found = LintConfigFile.locate(from: full),
            found != root + "/" + LintConfigFile.fileName
        {
            configFile = try readConfigFile(found)
        }
        let options = SiteLoadOptions(
            settings: LintSettings(sourceLanguage: arguments.sourceLanguage), lintConfigFile: configFile)
        let fileSystem = DiskFileSystem(root: root)
        let site: SiteModel
        let selection: RuleSelection
        do {
            site = try SiteLoader.load(fileSystem, options: options)
            selection = try RuleSelection(settings: site.config.lint, siteRoot: root)
        } catch {
            throw failure(error, root: root)
        }
        guard !isFolder.boolValue, site.pages.contains(where: { $0.path == relative }) else {
            throw CheckFailure(message: TranslationDraft.Refusal.notAPage(relative).message(shown))
        }

        // The pin: the source file's last commit.
        var pin: String?
        var warnings: [String] = []
        var pinNote: String?
        if let repository = GitRepository.open(containing: full) {
            let path = repository.relative(URL(fileURLWithPath: full).resolvingSymlinksInPath().path)
            if let commit = repository.lastCommits(under: [path])[path] {
                pin = commit.hash
                if !repository.uncommittedFiles(under: [path]).isEmpty {
                    warnings.append(
                        "\(shown(relative)) has changes that are not committed: the new file is a copy of them, but "
                            + "its \(FrontmatterKeyUsage.sourceCommitKey) names the last commit (\(commit.short)); "
                            + "commit the source first to pin what you translate")
                }
            } else {
                pinNote = "\(shown(relative)) is not committed: no \(FrontmatterKeyUsage.sourceCommitKey) was added"
            }
        } else {
            pinNote = "the site is not in a git repository: no \(FrontmatterKeyUsage.sourceCommitKey) was added"
        }

        let draft: TranslationDraft
        do {
            draft = try TranslationDraft.make(
                source: relative, language: language, site: site, fileSystem: fileSystem, options: options, pin: pin,
                selection: selection)
        } catch {
            throw CheckFailure(message: error.message(shown))
        }

        // Written beside the source with its permissions (never executable).
        var info = stat()
        let mode = stat(full, &info) == 0 ? mode_t(info.st_mode) & 0o666 : 0o644
        let created: FileCreation.Created
        do {
            created = try FileCreation.create(draft.path, bytes: draft.bytes, root: root, mode: mode)
        } catch {
            throw CheckFailure(message: "cannot create \(shown(draft.path)): \(error.reason)")
        }
        // What Hugo will read now.
        let problem: String?
        do {
            problem = draft.problem(in: try SiteLoader.load(DiskFileSystem(root: root), options: options))
        } catch {
            problem = "the site cannot be read with it (\(error.message))"
        }
        if let problem {
            FileCreation.undo(created, root: root)
            throw CheckFailure(message: "\(shown(draft.path)) was written, but \(problem); it was removed again")
        }

        standardOutput(report(draft, shown: shown, pinNote: pinNote))
        for warning in warnings { standardError("twc-lint: warning: \(warning)\n") }
        for link in draft.unmappedLinks {
            standardError(
                "twc-lint: warning: \(shown(draft.path)):\(link.line):\(link.column): link '\(link.destination)': "
                    + "\(link.reason)\n")
        }
        return Self.success
    }

    /// What `new` prints: the file created, what was changed in it, the next steps.
    func report(_ draft: TranslationDraft, shown: (String) -> String, pinNote: String?) -> String {
        let file = shown(draft.path)
        var lines = ["created \(file), the \(draft.language) version of \(shown(draft.sourcePath))"]
        if let commit = draft.pinnedCommit {
            lines.append(
                "  \(FrontmatterKeyUsage.sourceCommitKey): \(commit) (the source's last commit: what the translation "
                    + "starts from)")
        } else if let problem = draft.pinProblem {
            lines.append("  no \(FrontmatterKeyUsage.sourceCommitKey): it could not be added (\(problem))")
        } else if let pinNote {
            lines.append("  \(pinNote)")
        }
        if !draft.markedKeys.isEmpty {
            lines.append(
                "  marked '\(TranslationDraft.mark)': \(draft.markedKeys.joined(separator: ", "))")
        }
        if !draft.unmarkedKeys.isEmpty {
            let why =
                draft.format == .json
                ? "JSON front matter holds no comments, so they are not marked" : "a comment cannot follow them"
            lines.append("  to translate, not marked (\(why)): \(draft.unmarkedKeys.joined(separator: ", "))")
        }
        for value in draft.localizedValues {
            lines.append("  \(value.key): \(value.from) -> \(value.to) (its own address in \(draft.language))")
        }
        for link in draft.mappedLinks {
            lines.append("  line \(link.line): link \(link.from) -> \(link.to) (the \(draft.language) version)")
        }
        func count(_ findings: [Diagnostic]) -> String {
            "\(findings.count) finding\(findings.count == 1 ? "" : "s") ("
                + Set(findings.map(\.ruleID)).sorted().joined(separator: ", ") + ")"
        }
        if !draft.inheritedFindings.isEmpty {
            let lineNumbers = draft.inheritedFindings.map { String($0.span.start.line) }.joined(separator: ", ")
            lines.append(
                "  copied with the text: \(count(draft.inheritedFindings)) that the source has too, on line"
                    + "\(draft.inheritedFindings.count == 1 ? "" : "s") \(lineNumbers); fix them in both versions")
        }
        if !draft.findings.isEmpty {
            lines.append("  twc-lint reports \(count(draft.findings)) in it besides its untranslated text")
        }
        lines.append("")
        lines.append("Next steps:")
        var step = 0
        func add(_ text: String) {
            step += 1
            lines.append("  \(step). \(text)")
        }
        if draft.markedKeys.isEmpty && draft.unmarkedKeys.isEmpty {
            add("Translate the text of \(file).")
        } else {
            let keys = (draft.markedKeys + draft.unmarkedKeys).joined(separator: ", ")
            add("Translate the text of \(file) and its front matter values (\(keys)).")
        }
        if !draft.markedKeys.isEmpty {
            add("Remove each '\(TranslationDraft.mark)' mark once its value is translated.")
        }
        add(
            "It is not a draft: Hugo publishes it with the next build. Commit it once it is translated (draft: true "
                + "in it alone would differ from the source's, which frontmatter-mismatch reports).")
        add("Run: twc-lint \(file)  (untranslated lists the text still in the source's language)")
        return lines.joined(separator: "\n") + "\n"
    }
}
