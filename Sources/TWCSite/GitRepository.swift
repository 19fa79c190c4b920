import Foundation

/// A git work tree, read through the `git` command (never a library): the history facts
/// translators ask about (when a file last changed, what it held at a commit, what changed
/// since a commit). Every call returns nil or empty when git fails (no git, not a repository, a
/// commit a shallow clone lacks); callers say what they could not establish.
public struct GitRepository: Sendable {
    /// The work tree's top folder, absolute.
    public let root: String
    /// Whether the clone is shallow (CI checkouts often are): commits before its depth are absent.
    public let isShallow: Bool

    /// A commit: its full hash and its committer date.
    public struct Commit: Sendable, Hashable {
        public var hash: String
        public var date: Date
        /// Its first line, for messages.
        public var subject: String

        public init(hash: String, date: Date, subject: String) {
            self.hash = hash
            self.date = date
            self.subject = subject
        }

        /// The abbreviated hash shown in messages.
        public var short: String { String(hash.prefix(7)) }

        /// The commit's day in UTC, `2025-08-08` (civil from days, without a formatter).
        public var day: String {
            let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthIndex = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
            let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
            let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(year)-\(two(month))-\(two(day))"
        }
    }

    /// The repository holding `path` (a file or folder), or nil when there is none or git is
    /// not installed.
    public static func open(containing path: String) -> GitRepository? {
        var folder: ObjCBool = false
        var directory = path
        if FileManager.default.fileExists(atPath: path, isDirectory: &folder), !folder.boolValue {
            directory = (path as NSString).deletingLastPathComponent
        }
        guard
            let output = run(["rev-parse", "--show-toplevel", "--is-shallow-repository"], in: directory),
            case let lines = output.split(separator: "\n").map(String.init), lines.count == 2
        else { return nil }
        return GitRepository(root: lines[0], isShallow: lines[1] == "true")
    }

    /// Runs git in `directory`; its standard output, or nil when it fails.
    static func run(_ arguments: [String], in directory: String, input: Data? = nil) -> String? {
        guard let data = runData(arguments, in: directory, input: input) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func runData(_ arguments: [String], in directory: String, input: Data? = nil) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "core.quotepath=off", "--no-pager"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let inputPipe = input.map { _ in Pipe() }
        if let inputPipe { process.standardInput = inputPipe }
        do { try process.run() } catch { return nil }
        // The input is written while the output is read: either may fill its pipe.
        let written = DispatchSemaphore(value: 0)
        if let inputPipe, let input {
            let handle = inputPipe.fileHandleForWriting
            DispatchQueue.global().async {
                handle.write(input)
                try? handle.close()
                written.signal()
            }
        } else {
            written.signal()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        written.wait()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }

    func git(_ arguments: [String]) -> String? { Self.run(arguments, in: root) }

    /// `path` (absolute) relative to the work tree.
    public func relative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    /// Hash, committer time (seconds since 1970: cheaper to read than a formatted date), subject.
    static let logFormat = "%H%x1f%ct%x1f%s"

    static func commit(_ line: Substring) -> Commit? {
        let parts = line.split(separator: "\u{1F}", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let seconds = Int(parts[1]) else { return nil }
        return Commit(
            hash: String(parts[0]), date: Date(timeIntervalSince1970: TimeInterval(seconds)), subject: String(parts[2]))
    }

    /// The last commit of each file under `paths` (work-tree-relative; a folder stands for what it
    /// holds), in one pass over the history, following no renames: a file's last commit is the
    /// newest that touched it under its present name.
    public func lastCommits(under paths: [String] = ["."]) -> [String: Commit] {
        guard
            let output = git(
                [
                    "log", "--format=\u{1E}" + Self.logFormat, "--name-only", "--no-renames", "-m", "--first-parent",
                    "--",
                ]
                    + paths)
        else { return [:] }
        var result: [String: Commit] = [:]
        for record in output.split(separator: "\u{1E}") {
            let lines = record.split(separator: "\n")
            guard let first = lines.first, let commit = Self.commit(first) else { continue }
            for file in lines.dropFirst() where !file.isEmpty && result[String(file)] == nil {
                result[String(file)] = commit
            }
        }
        return result
    }

    /// The history of the files under `paths`, in one pass: each file's commits, newest first
    /// (by commit date, git's default order, merged branches included), and each commit's place
    /// in the history (0: the newest). A file's commits are those that touched it under its
    /// present name; merge commits list no files.
    public func fileHistories(under paths: [String]) -> (
        files: [String: [Commit]], position: [String: Int], commits: [Commit]
    ) {
        guard
            let output = git(
                ["log", "--format=\u{1E}" + Self.logFormat, "--name-only", "--no-renames", "--"] + paths)
        else { return ([:], [:], []) }
        var files: [String: [Commit]] = [:]
        var position: [String: Int] = [:]
        var commits: [Commit] = []
        // Every commit has its place, also those that touch none of `paths` (a pin may name one).
        if let all = git(["log", "--format=" + Self.logFormat]) {
            for line in all.split(separator: "\n") {
                guard let commit = Self.commit(line), position[commit.hash] == nil else { continue }
                position[commit.hash] = position.count
                commits.append(commit)
            }
        }
        for record in output.split(separator: "\u{1E}") {
            let lines = record.split(separator: "\n")
            guard let first = lines.first, let commit = Self.commit(first) else { continue }
            if position[commit.hash] == nil {
                position[commit.hash] = position.count
                commits.append(commit)
            }
            for file in lines.dropFirst() where !file.isEmpty {
                files[String(file), default: []].append(commit)
            }
        }
        return (files, position, commits)
    }

    /// The renames of files under `paths`, newest first: the commit, the old name, the new one.
    public func renames(under paths: [String]) -> [(hash: String, from: String, to: String)] {
        guard
            let output = git(["log", "--format=\u{1E}%H", "--name-status", "-M", "--diff-filter=R", "--"] + paths)
        else { return [] }
        var result: [(String, String, String)] = []
        for record in output.split(separator: "\u{1E}") {
            let lines = record.split(separator: "\n")
            guard let hash = lines.first.map(String.init) else { continue }
            for line in lines.dropFirst() {
                let fields = line.split(separator: "\t").map(String.init)
                if fields.count == 3, fields[0].hasPrefix("R") { result.append((hash, fields[1], fields[2])) }
            }
        }
        return result
    }

    /// Files under `paths` (work-tree-relative) with changes not committed: edited, staged, new.
    public func uncommittedFiles(under paths: [String]) -> Set<String> {
        guard let output = git(["status", "--porcelain=v1", "--untracked-files=all", "--"] + paths) else { return [] }
        var result = Set<String>()
        for line in output.split(separator: "\n") where line.count > 3 {
            var name = String(line.dropFirst(3))
            if let arrow = name.range(of: " -> ") { name = String(name[arrow.upperBound...]) }
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast())
            }
            result.insert(name)
        }
        return result
    }

    /// The bytes of many `commit:path` objects in one `git cat-file --batch` (nil where absent).
    public func contents(_ objects: [(commit: String, path: String)]) -> [[UInt8]?] {
        guard !objects.isEmpty else { return [] }
        let input = objects.map { "\($0.commit):\($0.path)\n" }.joined()
        guard let data = Self.runData(["cat-file", "--batch"], in: root, input: Data(input.utf8)) else {
            return objects.map { _ in nil }
        }
        let bytes = [UInt8](data)
        var results: [[UInt8]?] = []
        var index = 0
        while results.count < objects.count, index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: bytes[index..<newline], as: UTF8.self).split(separator: " ")
            index = newline + 1
            if header.count == 3, header[1] == "blob", let size = Int(header[2]), index + size <= bytes.count {
                results.append(Array(bytes[index..<index + size]))
                index += size + 1
            } else if header.count == 3, let size = Int(header[2]) {
                results.append(nil)
                index += size + 1
            } else {
                results.append(nil)
            }
        }
        while results.count < objects.count { results.append(nil) }
        return results
    }

    /// The commits that changed `path` (work-tree-relative) after `commit`, newest first,
    /// following renames; nil when `commit` is not in the history (a shallow clone, a rewritten
    /// history).
    public func commits(touching path: String, since commit: String) -> [Commit]? {
        guard git(["cat-file", "-e", commit + "^{commit}"]) != nil else { return nil }
        guard let output = git(["log", "--format=" + Self.logFormat, commit + "..HEAD", "--", path]) else {
            return nil
        }
        return output.split(separator: "\n").compactMap { Self.commit($0) }
    }

    /// The full hash `name` (a hash, a prefix, a ref) stands for, or nil.
    public func resolve(_ name: String) -> Commit? {
        guard let output = git(["log", "-1", "--format=" + Self.logFormat, name + "^{commit}", "--"]) else {
            return nil
        }
        return output.split(separator: "\n").first.flatMap { Self.commit($0) }
    }

    /// Files (work-tree-relative) changed since `commit` (committed, staged or not), with the
    /// names renamed and deleted files had: what `--changed-since` lints.
    public func changedFiles(since commit: String) -> (changed: [String], removed: [String])? {
        guard let output = git(["diff", "--name-status", "-M", commit, "--"]) else { return nil }
        var changed: [String] = []
        var removed: [String] = []
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard let status = fields.first?.first else { continue }
            switch status {
            case "D": if fields.count > 1 { removed.append(fields[1]) }
            case "R":
                if fields.count > 2 {
                    removed.append(fields[1])
                    changed.append(fields[2])
                }
            default: if fields.count > 1 { changed.append(fields[fields.count - 1]) }
            }
        }
        // Files not yet known to git.
        if let untracked = git(["ls-files", "--others", "--exclude-standard"]) {
            changed += untracked.split(separator: "\n").map(String.init)
        }
        return (changed, removed)
    }

    /// The files staged for the next commit, with the names of staged renames and deletions.
    public func stagedFiles() -> (changed: [String], removed: [String])? {
        guard let output = git(["diff", "--cached", "--name-status", "-M", "--"]) else { return nil }
        var changed: [String] = []
        var removed: [String] = []
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard let status = fields.first?.first, fields.count > 1 else { continue }
            switch status {
            case "D": removed.append(fields[1])
            case "R":
                removed.append(fields[1])
                if fields.count > 2 { changed.append(fields[2]) }
            default: changed.append(fields[fields.count - 1])
            }
        }
        return (changed, removed)
    }
}
