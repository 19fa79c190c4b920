import Foundation
import TWCCore
import TWCFrontmatter
import TWCReport
import TWCRules
import TWCSite

/// `twc-lint diff FILE...` and `twc-lint sync FILE...`: what changed in a translation's source
/// since the translation was brought in line, and recording that it is in line again.
extension CommandLineTool {
    /// The translations the files name, each with its site.
    func translations(_ arguments: Arguments) throws(CheckFailure) -> [(site: SiteModel, pages: [Page])] {
        let targets: [(root: String, scope: [String]?)]
        do { targets = try sites(for: arguments.paths) } catch { throw failure(error, root: nil) }
        var result: [(SiteModel, [Page])] = []
        for target in targets {
            let site: SiteModel
            let options = try loadOptions(target, arguments)
            do { site = try SiteLoader.load(root: target.root, options: options) } catch {
                throw failure(error, root: target.root)
            }
            var pages: [Page] = []
            for path in target.scope ?? [] {
                guard let page = site.pages.first(where: { $0.path == path }) else {
                    throw CheckFailure(
                        message: "not a content page of the site at \(displayPath(target.root))",
                        file: displayPath(target.root + "/" + path))
                }
                guard let source = site.sourcePage(of: page), source.path != page.path else {
                    throw CheckFailure(
                        message:
                            "is a page of the source language (\(page.language)), not a translation; name its "
                            + "translation (\(site.counterparts(of: page).map(\.path).joined(separator: ", ")))",
                        file: displayPath(target.root + "/" + path))
                }
                pages.append(page)
            }
            if target.scope == nil {
                throw CheckFailure(message: "\(arguments.command.rawValue) needs translation files, not a site folder")
            }
            result.append((site, pages))
        }
        return result
    }

    func diff(_ arguments: Arguments) -> Int32 {
        do throws(CheckFailure) {
            var output = ""
            for (site, pages) in try translations(arguments) {
                let history = site.translationHistory
                if let unchecked = history.unchecked { throw CheckFailure(message: unchecked) }
                for notice in history.notices { standardError("twc-lint: note: \(notice.message)\n") }
                for page in pages {
                    output += diffText(page, site: site, history: history)
                }
            }
            standardOutput(output)
            return Self.success
        } catch {
            return fail(error, format: .text)
        }
    }

    /// One translation's report: its sync point, then each changed section of the source as a
    /// diff of that section, then the source's commits since.
    func diffText(_ page: Page, site: SiteModel, history: TranslationHistory) -> String {
        let shown = { (path: String) in self.displayPath(site.config.root + "/" + path) }
        guard let source = site.sourcePage(of: page) else { return "" }
        if let reason = history.unknown[page.index] { return "\(shown(page.path)): not known: \(reason)\n" }
        guard let sync = history.syncs[page.index] else {
            return
                "\(shown(page.path)): in line with \(shown(source.path)) (nothing changed since it was last brought in line)\n"
        }
        let origin =
            if case .pin(let key) = sync.origin { "pinned by \(key)" } else { "its last commit" }
        var text =
            "\(shown(page.path)) follows \(shown(source.path)) as of \(TranslationOutdatedRule.since(sync).dropFirst(6)), "
            + "\(origin)\n"
        guard let old = sync.oldSource else {
            return text + "  the source did not exist at \(sync.commit.short)\n"
        }
        let changes = SourceChanges(old: old, current: source).notFollowed(by: page, current: source)
        let oldName = "a/" + shown(source.path) + " (\(sync.commit.short))"
        let newName = "b/" + shown(source.path)
        if !changes.frontmatterKeys.isEmpty, let oldBlock = old.parsed.frontmatterBlock,
            let newBlock = source.parsed.frontmatterBlock
        {
            text += "\n== front matter: \(changes.frontmatterKeys.joined(separator: ", "))\n"
            text += UnifiedDiff.diff(
                old: Array(old.parsed.source.bytes[oldBlock.range.start..<oldBlock.range.end]),
                new: Array(source.source.bytes[newBlock.range.start..<newBlock.range.end]), oldName: oldName,
                newName: newName)
        }
        let alignment = site.alignment(of: page)
        for change in changes.sections {
            let oldRange = change.old.map { Self.sectionRange($0, old.parsed, old.headings) }
            let newRange = change.current.map { Self.sectionRange($0, source.parsed, source.headings) }
            var title: String
            switch change.kind {
            case .removed: title = "section '\(old.headings[change.old! - 1].text)' removed"
            case .added: title = "section '\(source.headings[change.current! - 1].text)' added"
            case .changed:
                title = change.current == 0 ? "introduction" : "section '\(source.headings[change.current! - 1].text)'"
            }
            if let current = change.current, current > 0, change.kind == .changed,
                let translated = alignment?.translationHeading(forSource: current - 1)
            {
                let heading = page.headings[translated]
                title +=
                    " (here: '\(heading.text)', \(shown(page.path)):\(page.source.location(of: heading.range.start).line))"
            }
            text += "\n== \(title)\n"
            let oldBytes = oldRange.map { Array(old.parsed.source.bytes[$0.start..<$0.end]) } ?? []
            let newBytes = newRange.map { Array(source.source.bytes[$0.start..<$0.end]) } ?? []
            text += UnifiedDiff.diff(
                old: oldBytes, new: newBytes, oldName: oldName, newName: newName,
                firstLines: (
                    oldRange.map { old.parsed.source.location(of: $0.start).line } ?? 1,
                    newRange.map { source.source.location(of: $0.start).line } ?? 1
                ))
        }
        if !sync.sourceCommits.isEmpty || sync.sourceModified {
            text += "\nsource commits since \(sync.commit.short):\n"
            for commit in sync.sourceCommits.prefix(20) {
                text +=
                    "  \(commit.short) \(commit.day) \(TerminalText.visible(commit.subject))\n"
            }
            if sync.sourceCommits.count > 20 { text += "  … \(sync.sourceCommits.count - 20) more\n" }
            if sync.sourceModified { text += "  (and changes not committed yet)\n" }
        }
        return text
    }

    /// Section `section` (0: the introduction) of a page's body: from its heading to the next.
    static func sectionRange(_ section: Int, _ page: ParsedPage, _ headings: [PageHeading]) -> SourceRange {
        let start = section == 0 ? page.bodyRange.lowerBound : headings[section - 1].range.start
        let end = section < headings.count ? headings[section].range.start : page.source.bytes.count
        return SourceRange(start, max(start, end))
    }

    func sync(_ arguments: Arguments) -> Int32 {
        do throws(CheckFailure) {
            var failed = false
            for (site, pages) in try translations(arguments) {
                guard let repository = GitRepository.open(containing: site.config.root) else {
                    throw CheckFailure(message: "the site is not in a git repository: there is no commit to record")
                }
                let sources = pages.compactMap { site.sourcePage(of: $0) }
                let relative = { (path: String) in repository.relative(site.config.root + "/" + path) }
                let uncommitted = repository.uncommittedFiles(under: sources.map { relative($0.path) })
                let last = repository.lastCommits(under: sources.map { relative($0.path) })
                var edits: [TextEdit] = []
                for page in pages {
                    let source = site.sourcePage(of: page)!
                    let shown = displayPath(site.config.root + "/" + page.path)
                    if uncommitted.contains(relative(source.path)) {
                        throw CheckFailure(
                            message:
                                "its source \(displayPath(site.config.root + "/" + source.path)) has changes not "
                                + "committed yet; commit them first, so that the pin names what the translation follows",
                            file: shown)
                    }
                    guard let commit = last[relative(source.path)] else {
                        throw CheckFailure(
                            message: "its source \(source.path) has no commit yet; commit it first", file: shown)
                    }
                    guard let block = page.parsed.frontmatterBlock else {
                        throw CheckFailure(message: "has no front matter to record the pin in", file: shown)
                    }
                    if block.format == .json {
                        throw CheckFailure(
                            message:
                                "JSON front matter: add \"\(TranslationHistory.pinKey)\": \"\(commit.hash)\" by hand",
                            file: shown)
                    }
                    // OpenTelemetry's key where the page already has it, else ours.
                    let key =
                        page.frontmatter[TranslationHistory.pinKeys[1]] != nil
                        ? TranslationHistory.pinKeys[1] : TranslationHistory.pinKey
                    if page.frontmatter[key]?.stringValue == commit.hash {
                        standardError("twc-lint: \(shown): already pinned to \(commit.short)\n")
                        continue
                    }
                    let editor = FrontmatterEditor(bytes: page.source.bytes, block: block, root: page.frontmatter)
                    let change: FrontmatterEdit
                    do { change = try editor.editSettingValue(at: [.key(key)], to: .string(commit.hash)) } catch {
                        throw CheckFailure(message: "cannot set \(key): \(error)", file: shown)
                    }
                    edits += change.replacements.map {
                        TextEdit(span: page.source.span($0.range), replacement: $0.text)
                    }
                    standardError("twc-lint: \(shown): \(key) = \(commit.short) (\(commit.subject))\n")
                }
                let originals = Dictionary(site.pages.map { ($0.path, $0.source.bytes) }) { first, _ in first }
                let outcome = Fixer.write(
                    edits, summary: "record the source commit", root: site.config.root, original: originals)
                for failure in outcome.failures {
                    standardError("twc-lint: error: \(failure)\n")
                    failed = true
                }
            }
            return failed ? Self.usageError : Self.success
        } catch {
            return fail(error, format: .text)
        }
    }
}
