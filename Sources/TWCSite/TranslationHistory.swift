import Foundation
import TWCCore
import TWCFrontmatter
import TWCMarkdown

/// The source of a page as it was when a translation was last brought in line with it, parsed
/// as the site parses pages.
public struct SourceVersion: Sendable {
    public let parsed: ParsedPage
    public let headings: [PageHeading]
    public let links: [PageLink]
}

/// When a translation was last brought in line with its source, and what the source did since.
public struct TranslationSync: Sendable {
    public enum Origin: Sendable, Equatable {
        /// The translation's own last commit.
        case lastCommit
        /// A commit named in the translation's front matter under this key.
        case pin(key: String)
    }

    public var origin: Origin
    /// The commit the translation was brought in line at.
    public var commit: GitRepository.Commit
    /// The source's commits since then, newest first.
    public var sourceCommits: [GitRepository.Commit]
    /// Whether the source has changes not committed yet (they count too).
    public var sourceModified: Bool
    /// The source at `commit`; nil when it did not exist there under any name.
    public var oldSource: SourceVersion?
}

/// For each translation whose source changed since the translation was last brought in line:
/// the sync point and the source as it was then (`translation-outdated`, `twc-lint diff`). Read
/// from git once per run, when a rule first asks: one pass over the history of the content
/// folders, one `git status`, one `git cat-file --batch` for the old sources.
public struct TranslationHistory: Sendable {
    /// The front matter key `twc-lint sync` writes: the source commit the translation follows.
    public static let pinKey = "translationSourceCommit"
    /// Keys read as pins, in order: ours, and OpenTelemetry's (read as-is).
    public static let pinKeys = [pinKey, "default_lang_commit"]

    public var repository: GitRepository?
    /// By translation page index: only translations whose source changed since their sync point.
    public var syncs: [Int: TranslationSync] = [:]
    /// By translation page index: why the sync point could not be established.
    public var unknown: [Int: String] = [:]
    /// What the user should know about the whole check (a shallow clone).
    public var notices: [Notice] = []
    /// Why nothing was checked (no repository), for `--explain`: a site outside git is no surprise.
    public var unchecked: String?
    /// The number of translations compared with their source's history.
    public var compared = 0

    /// The pin written in `page`'s front matter (key, value), if any.
    public static func pin(of page: Page) -> (key: String, value: String)? {
        for key in pinKeys {
            if let value = page.frontmatter[key]?.stringValue?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                return (key, value)
            }
        }
        return nil
    }

    /// Reads the history of `site`'s translations from the git repository holding it.
    public static func read(_ site: SiteModel) -> TranslationHistory {
        var history = TranslationHistory()
        let root = site.config.root
        guard root.hasPrefix("/"), let repository = GitRepository.open(containing: root) else {
            history.unchecked =
                "the site is not in a git repository (or git is not installed): whether translations are out of "
                + "date is not checked"
            return history
        }
        history.repository = repository
        // Pages as the repository names them; pages outside the work tree are left out.
        let prefix = repository.relative(root)
        let inRepository = { (path: String) -> String? in
            let full = root == repository.root ? path : prefix + "/" + path
            return full.hasPrefix("../") || full.hasPrefix("/") ? nil : full
        }
        var folders = Set<String>()
        for page in site.pages {
            guard let path = inRepository(page.path) else { continue }
            let parts = path.split(separator: "/")
            folders.insert(
                parts.count > 2 ? parts.prefix(2).joined(separator: "/") : parts.dropLast().joined(separator: "/"))
        }
        let paths = folders.map { $0.isEmpty ? "." : $0 }.sorted()
        guard !paths.isEmpty else { return history }
        let (files, position, commits) = PhaseClock.measure("history: git log") {
            repository.fileHistories(under: paths)
        }
        let uncommitted = PhaseClock.measure("history: git status") { repository.uncommittedFiles(under: paths) }
        if repository.isShallow {
            history.notices.append(
                Notice(
                    severity: .info, file: ".",
                    message:
                        "the clone is shallow (\(position.count) commit\(position.count == 1 ? "" : "s")): translations "
                        + "brought in line before its oldest commit are not checked for source changes; fetch the "
                        + "whole history (fetch-depth: 0) for a full check"))
        }
        let hashes = position.keys.sorted()
        /// The full hash of a pin (a hash or a prefix of one in the history).
        func resolve(_ pin: String) -> String? {
            let lowered = pin.lowercased()
            if position[lowered] != nil { return lowered }
            guard lowered.count >= 4, lowered.allSatisfy(\.isHexDigit) else { return nil }
            var low = 0
            var high = hashes.count
            while low < high {
                let middle = (low + high) / 2
                if hashes[middle] < lowered { low = middle + 1 } else { high = middle }
            }
            return low < hashes.count && hashes[low].hasPrefix(lowered) ? hashes[low] : nil
        }
        var wanted: [(translation: Int, sync: TranslationSync, sourcePath: String)] = []
        for group in site.groups {
            // Only the site's source language is followed: between two translations of a page the
            // source lacks, neither follows the other.
            guard let language = group.sourceLanguage, language == site.config.sourceLanguage,
                let sourceIndex = group.pages[language]
            else { continue }
            let source = site.pages[sourceIndex]
            guard let sourcePath = inRepository(source.path) else { continue }
            for (translationLanguage, index) in group.pages where translationLanguage != language {
                let translation = site.pages[index]
                guard let translationPath = inRepository(translation.path), translation.path != source.path else {
                    continue
                }
                history.compared += 1
                var origin = TranslationSync.Origin.lastCommit
                var syncCommit: GitRepository.Commit?
                var sourceCommits: [GitRepository.Commit]?
                if let pin = pin(of: translation) {
                    origin = .pin(key: pin.key)
                    if let hash = resolve(pin.value), let place = position[hash] {
                        syncCommit = commits[place]
                        sourceCommits = (files[sourcePath] ?? []).filter { (position[$0.hash] ?? Int.max) < place }
                    } else if let commit = repository.resolve(pin.value),
                        let since = repository.commits(touching: sourcePath, since: commit.hash)
                    {
                        // A pin off the first-parent history (a merged branch's commit).
                        syncCommit = commit
                        sourceCommits = since
                    } else {
                        history.unknown[index] =
                            "\(pin.key) \(pin.value) is not a commit of this clone"
                            + (repository.isShallow ? " (a shallow clone)" : "")
                        continue
                    }
                } else {
                    // Edited now, or never committed: being brought in line.
                    if uncommitted.contains(translationPath) { continue }
                    guard let last = files[translationPath]?.first, let place = position[last.hash] else { continue }
                    syncCommit = last
                    sourceCommits = (files[sourcePath] ?? []).filter { (position[$0.hash] ?? Int.max) < place }
                }
                guard let commit = syncCommit, let changes = sourceCommits else { continue }
                let modified = uncommitted.contains(sourcePath)
                guard !changes.isEmpty || modified else { continue }
                wanted.append(
                    (
                        index,
                        TranslationSync(
                            origin: origin, commit: commit, sourceCommits: changes, sourceModified: modified,
                            oldSource: nil),
                        sourcePath
                    ))
            }
        }
        // The old sources, in one batch (and one by one across a rename), parsed in parallel.
        var objects = PhaseClock.measure("history: old sources") {
            repository.contents(wanted.map { ($0.sync.commit.hash, $0.sourcePath) })
        }
        // A source renamed since the sync point: its name then, through the renames after it.
        let missing = objects.indices.filter { objects[$0] == nil }
        if !missing.isEmpty {
            let renames = PhaseClock.measure("history: renames") { repository.renames(under: paths) }
            var retry: [(slot: Int, commit: String, path: String)] = []
            for slot in missing {
                let sync = wanted[slot].sync.commit.hash
                guard let place = position[sync] else { continue }
                var name = wanted[slot].sourcePath
                for rename in renames where (position[rename.hash] ?? Int.max) < place && rename.to == name {
                    name = rename.from
                }
                if name != wanted[slot].sourcePath { retry.append((slot, sync, name)) }
            }
            for (slot, bytes) in zip(retry.map(\.slot), repository.contents(retry.map { ($0.commit, $0.path) })) {
                objects[slot] = bytes
            }
        }
        let config = site.config
        let old = objects
        let translations = wanted.map(\.translation)
        let versions = PhaseClock.measure("history: parse old sources") {
            concurrentMap(wanted.count) { slot -> SourceVersion? in
                guard let bytes = old[slot], let source = site.sourcePage(of: site.pages[translations[slot]]) else {
                    return nil
                }
                let parsed = ParsedPage.parse(
                    SourceFile(path: source.path, bytes: bytes), markdown: config.markdownOptions,
                    html: source.parsed.htmlBody)
                let headings = parsed.headings(config: config)
                return SourceVersion(parsed: parsed, headings: headings, links: parsed.links(headings: headings))
            }
        }
        for (slot, entry) in wanted.enumerated() {
            var sync = entry.sync
            sync.oldSource = versions[slot]
            if versions[slot] == nil {
                history.unknown[entry.translation] =
                    "its source \(entry.sourcePath) did not exist at \(sync.commit.short), where it was last brought "
                    + "in line (moved without git seeing a rename?): not compared"
            }
            // The same bytes: nothing changed that a translator must follow.
            if let old = versions[slot], let source = site.sourcePage(of: site.pages[entry.translation]),
                old.parsed.source.bytes == source.source.bytes
            {
                continue
            }
            history.syncs[entry.translation] = sync
        }
        return history
    }
}

extension SiteModel {
    /// The history of the site's translations (`TranslationHistory`), read from git when a rule
    /// first asks (reading git costs a few hundred milliseconds on a long history, which runs that
    /// skip the rule do not pay).
    public var translationHistory: TranslationHistory {
        history.value { PhaseClock.measure("history") { TranslationHistory.read(self) } }
    }
}
