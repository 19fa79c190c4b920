import Foundation
import TWCCore
import XCTest

@testable import TWCReport

/// A site in its own temporary folder whose page `content/a.md` has a date the fixer repairs.
private struct FixSite {
    static let page = "---\ntitle: A\ndate: 2025-3-5\n---\nText.\n"
    static let fixed = "---\ntitle: A\ndate: 2025-03-05\n---\nText.\n"

    /// The site root, fully resolved (messages name resolved paths).
    let root: String

    init(_ test: XCTestCase, files: [String: String] = ["content/a.md": Self.page]) throws {
        let base = NSTemporaryDirectory() + "twc-lint-fixer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        root = try XCTUnwrap(FileReplacement.realPath(base))
        let root = root
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        try write("hugo.toml", "title = \"x\"\n")
        for (path, text) in files { try write(path, text) }
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `lstat` of the file.
    func info(_ relative: String) throws -> stat {
        var info = stat()
        guard lstat(path(relative), &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno)!) }
        return info
    }

    func names(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(folder)).sorted()
    }

    /// Runs the fixer on the date fix of `file`, as `invalid-date` makes it, with `original` as
    /// the bytes read (by default the file's bytes now).
    func fix(
        _ file: String = "content/a.md", original: String? = nil, options: Fixer.Options = Fixer.Options()
    ) throws -> Fixer.Outcome {
        let text = try XCTUnwrap(original ?? read(file))
        let bytes = Array(text.utf8)
        let offset = try XCTUnwrap(text.utf8.firstRange(of: "2025-3-5".utf8)).lowerBound
        let start = text.utf8.distance(from: text.utf8.startIndex, to: offset)
        let span = SourceSpan(
            file: file, range: SourceRange(start, start + 8), start: SourceLocation(offset: start, line: 3, column: 7),
            end: SourceLocation(offset: start + 8, line: 3, column: 15), sourceLine: "date: 2025-3-5")
        let diagnostic = Diagnostic(
            ruleID: "invalid-date", severity: .error, span: span, message: "invalid date",
            fix: Fix(safe: true, summary: "pad the date", edits: [TextEdit(span: span, replacement: "2025-03-05")]))
        return Fixer.apply([diagnostic], root: root, original: [file: bytes], options: options)
    }
}

/// Writes `text` into the existing file (same inode), as an editor saving in place does.
private func editInPlace(_ path: String, _ text: String) {
    let descriptor = open(path, O_WRONLY | O_TRUNC)
    XCTAssertGreaterThanOrEqual(descriptor, 0, path)
    XCTAssertEqual(write(descriptor, text, text.utf8.count), text.utf8.count)
    close(descriptor)
}

/// Replaces the file by a new one, as an editor saving by rename does.
private func editByRename(_ path: String, _ text: String) {
    let temporary = path + ".editor-save"
    XCTAssertTrue(FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)))
    XCTAssertEqual(rename(temporary, path), 0)
}

private let edited = "---\ntitle: A, edited\ndate: 2025-3-5\n---\nText.\n"

final class FixerSafetyTests: XCTestCase {
    // MARK: temporary files

    /// A link planted at the temporary name the old fixer used (`.NAME.twc-lint-PID.tmp`) is not
    /// followed: the file it points to, outside the site, is untouched and the link stays.
    func testLinksAtPredictableTemporaryNamesAreNotFollowed() throws {
        let site = try FixSite(self)
        let outside = try FixSite(self, files: [:])
        try outside.write("victim.txt", "keep me\n")
        let planted = site.path("content/.a.md.twc-lint-\(getpid()).tmp")
        let dangling = site.path("content/.a.md.twc-lint-\(getpid() + 1).tmp")
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: outside.path("victim.txt"))
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: outside.path("created.txt"))

        let run = ToolRun.run(["fix", site.root])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertEqual(site.read("content/a.md"), FixSite.fixed)
        XCTAssertEqual(try site.info("content/a.md").st_mode & S_IFMT, S_IFREG)
        XCTAssertEqual(outside.read("victim.txt"), "keep me\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside.path("created.txt")))
        XCTAssertEqual(
            try FileManager.default.destinationOfSymbolicLink(atPath: planted), outside.path("victim.txt"))
        XCTAssertEqual(try site.names(in: "content").count, 3, "the page and the two planted links")
    }

    /// The temporary name is made exclusively: a link planted at exactly the name the fixer picks
    /// (injected) makes it pick another name, and is neither followed nor replaced.
    func testALinkAtTheChosenTemporaryNameIsNeitherFollowedNorReplaced() throws {
        let site = try FixSite(self)
        let outside = try FixSite(self, files: [:])
        try outside.write("victim.txt", "keep me\n")
        try FileManager.default.createSymbolicLink(
            atPath: site.path("content/.a.md.twc-lint-planted.tmp"), withDestinationPath: outside.path("victim.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: site.path("content/.dangling"), withDestinationPath: outside.path("created.txt"))
        for plantedName in [".a.md.twc-lint-planted.tmp", ".dangling"] {
            var options = Fixer.Options()
            options.hooks.temporaryName = { _ in plantedName }
            try site.write("content/a.md", FixSite.page)
            let outcome = try site.fix(options: options)
            XCTAssertEqual(outcome.failures, [])
            XCTAssertEqual(outcome.changedFiles, ["content/a.md"])
            XCTAssertEqual(site.read("content/a.md"), FixSite.fixed)
        }
        XCTAssertEqual(outside.read("victim.txt"), "keep me\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside.path("created.txt")))
        XCTAssertEqual(
            try FileManager.default.destinationOfSymbolicLink(atPath: site.path("content/.a.md.twc-lint-planted.tmp")),
            outside.path("victim.txt"))
        XCTAssertEqual(try site.names(in: "content"), [".a.md.twc-lint-planted.tmp", ".dangling", "a.md"])
    }

    func testTemporaryNamesAreRandomAndRecognised() {
        let first = FileReplacement.temporaryName(for: "a.md")
        let second = FileReplacement.temporaryName(for: "a.md")
        XCTAssertNotEqual(first, second)
        XCTAssertTrue(first.hasPrefix(".a.md.twc-lint-") && first.hasSuffix(".tmp"), first)
        XCTAssertEqual(first.count, ".a.md.twc-lint-".count + 16 + ".tmp".count)
        XCTAssertTrue(FileReplacement.isTemporaryName(first))
        XCTAssertTrue(FileReplacement.isTemporaryName(".a.md.twc-lint-12345.tmp"), "the process-id names of before")
        for name in [
            "a.md.twc-lint-0123456789abcdef.tmp", ".a.md.twc-lint-.tmp", ".twc-lint-0123.tmp",
            ".a.md.twc-lint-0123456789ABCDEF.tmp", ".a.md.twc-lint-xyz.tmp", ".a.md.twc-lint-0123.tmp.bak",
            FileReplacement.keptName(for: "a.md"),
        ] {
            XCTAssertFalse(FileReplacement.isTemporaryName(name), name)
        }
        let long = String(repeating: "é", count: 200) + ".md"
        XCTAssertLessThanOrEqual(FileReplacement.temporaryName(for: long).utf8.count, 255)
    }

    // MARK: links and the site root

    /// A page that is a link to a file inside the site is fixed at its target and stays a link.
    func testALinkedPageInsideTheSiteIsWrittenAtItsTarget() throws {
        let site = try FixSite(self, files: ["notes/a.md": FixSite.page])
        try FileManager.default.createDirectory(atPath: site.path("content"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: site.path("content/a.md"), withDestinationPath: "../notes/a.md")
        let run = ToolRun.run(["fix", site.root])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertEqual(try site.info("content/a.md").st_mode & S_IFMT, S_IFLNK)
        XCTAssertEqual(
            try FileManager.default.destinationOfSymbolicLink(atPath: site.path("content/a.md")), "../notes/a.md")
        XCTAssertEqual(site.read("notes/a.md"), FixSite.fixed)
        XCTAssertEqual(try site.names(in: "notes"), ["a.md"])
    }

    /// A page that is a link to a file outside the site is neither read nor written: a note names
    /// it, and both the link and its target are left as they are (the fixer refuses it too, if it
    /// is ever asked: `FileReplacement`).
    func testALinkedPageOutsideTheSiteIsNotTouched() throws {
        let site = try FixSite(self, files: [:])
        let outside = try FixSite(self, files: ["elsewhere/a.md": FixSite.page])
        try FileManager.default.createDirectory(atPath: site.path("content"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: site.path("content/a.md"), withDestinationPath: outside.path("elsewhere/a.md"))
        let run = ToolRun.run(["fix", site.root])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertTrue(
            run.output.contains(
                "content/a.md: note: a symbolic link to \(outside.path("elsewhere/a.md")), outside the site: not followed"
            ),
            run.output)
        XCTAssertEqual(outside.read("elsewhere/a.md"), FixSite.page)
        XCTAssertEqual(
            try FileManager.default.destinationOfSymbolicLink(atPath: site.path("content/a.md")),
            outside.path("elsewhere/a.md"))
        XCTAssertEqual(try outside.names(in: "elsewhere"), ["a.md"])
    }

    /// A `contentDir` outside the site, or a content folder that is a link leading out of it:
    /// nothing there is written.
    func testFilesOutsideTheSiteRootAreRefused() throws {
        let outside = try FixSite(self, files: ["pages/a.md": FixSite.page])
        let site = try FixSite(self, files: [:])
        try site.write(
            "hugo.toml",
            "title = \"x\"\ncontentDir = \"../\(URL(fileURLWithPath: outside.root).lastPathComponent)/pages\"\n")
        let run = ToolRun.run(["fix", site.root])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(
            run.errors.contains(
                "twc-lint: error: ../\(URL(fileURLWithPath: outside.root).lastPathComponent)/pages/a.md resolves to "
                    + "\(outside.path("pages/a.md")), outside the site root \(site.root); not fixed"), run.errors)
        XCTAssertEqual(outside.read("pages/a.md"), FixSite.page)

        let linked = try FixSite(self, files: [:])
        try FileManager.default.createSymbolicLink(
            atPath: linked.path("content"), withDestinationPath: outside.path("pages"))
        let second = ToolRun.run(["fix", linked.root])
        XCTAssertEqual(second.status, 2)
        XCTAssertTrue(
            second.errors.contains("content/a.md resolves to \(outside.path("pages/a.md")), outside the site root"),
            second.errors)
        XCTAssertEqual(outside.read("pages/a.md"), FixSite.page)
        XCTAssertEqual(try outside.names(in: "pages"), ["a.md"])
    }

    // MARK: metadata

    /// The replaced file keeps its mode, owner and group (the owner only when running as root).
    func testModeOwnerAndGroupAreKept() throws {
        let site = try FixSite(self)
        XCTAssertEqual(chmod(site.path("content/a.md"), 0o640), 0)
        let asRoot = geteuid() == 0
        if asRoot { XCTAssertEqual(chown(site.path("content/a.md"), 4242, 4343), 0) }
        let before = try site.info("content/a.md")
        let run = ToolRun.run(["fix", site.root])
        XCTAssertEqual(run.status, 0, run.errors)
        let after = try site.info("content/a.md")
        XCTAssertEqual(site.read("content/a.md"), FixSite.fixed)
        XCTAssertNotEqual(after.st_ino, before.st_ino, "replaced by a new file")
        XCTAssertEqual(after.st_mode, before.st_mode)
        XCTAssertEqual(after.st_uid, before.st_uid)
        XCTAssertEqual(after.st_gid, before.st_gid)
        if asRoot {
            XCTAssertEqual(after.st_uid, 4242)
            XCTAssertEqual(after.st_gid, 4343)
        }
    }

    /// A file with several hard links is rewritten in place: every name sees the fix.
    func testHardLinksAreKept() throws {
        let site = try FixSite(self)
        XCTAssertEqual(link(site.path("content/a.md"), site.path("a-copy.md")), 0)
        let before = try site.info("content/a.md")
        let run = ToolRun.run(["fix", site.root])
        XCTAssertEqual(run.status, 0, run.errors)
        let after = try site.info("content/a.md")
        XCTAssertEqual(after.st_ino, before.st_ino)
        XCTAssertEqual(after.st_nlink, 2)
        XCTAssertEqual(site.read("content/a.md"), FixSite.fixed)
        XCTAssertEqual(site.read("a-copy.md"), FixSite.fixed)
        XCTAssertEqual(try site.names(in: "content"), ["a.md"])
    }

    /// A file without write permission is refused; `--fix-read-only` fixes it, keeping its mode.
    func testReadOnlyFilesAreRefusedUnlessAsked() throws {
        let site = try FixSite(self)
        XCTAssertEqual(chmod(site.path("content/a.md"), 0o444), 0)
        let refused = ToolRun.run(["check", site.root, "--fix"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(
            refused.errors.contains("twc-lint: error: content/a.md is read-only; not fixed (--fix-read-only"),
            refused.errors)
        XCTAssertEqual(site.read("content/a.md"), FixSite.page)

        let fixed = ToolRun.run(["check", site.root, "--fix-read-only"])
        XCTAssertEqual(fixed.status, 0, fixed.errors)
        XCTAssertEqual(site.read("content/a.md"), FixSite.fixed)
        XCTAssertEqual(try site.info("content/a.md").st_mode & 0o7777, 0o444)
        XCTAssertTrue(ToolRun.run(["--help"]).output.contains("--fix-read-only"))
        XCTAssertEqual(ToolRun.run(["dump", site.path("content/a.md"), "--fix-read-only"]).status, 2)
    }

    // MARK: concurrent edits

    /// A file changed between the read and the fix is not written.
    func testAFileChangedSinceItWasReadIsNotWritten() throws {
        let site = try FixSite(self)
        try site.write("content/a.md", edited)
        let outcome = try site.fix(original: FixSite.page)
        XCTAssertEqual(outcome.failures, [.changedOnDisk("content/a.md", keptAt: nil)])
        XCTAssertEqual(outcome.changedFiles, [])
        XCTAssertEqual(outcome.appliedFixes, 0)
        XCTAssertEqual(site.read("content/a.md"), edited)
        XCTAssertTrue(outcome.failures[0].description.contains("changed on disk since twc-lint read it"))
    }

    /// Edits at each point of the replacement, saved in place or by rename, with the atomic
    /// exchange and with the plain rename: the edit is what the file holds afterwards, the
    /// failure is reported, and no temporary file is left. An edit before the last comparison
    /// is found before anything is exchanged.
    func testEditsDuringTheReplacementAreNeverLost() throws {
        typealias Edit = @Sendable (String, String) -> Void
        let edits: [(String, Edit)] = [("in place", editInPlace), ("by rename", editByRename)]
        for exchange in [true, false] {
            for (how, edit) in edits {
                for point in ["beforeFinalCheck", "beforeReplace", "beforeRename"] {
                    // The rename hook is only reached without the exchange; there, an editor's own
                    // rename in that instant is the known limit (see `replaceAtomically`).
                    if point == "beforeRename" && (exchange || how == "by rename") { continue }
                    let site = try FixSite(self)
                    var options = Fixer.Options()
                    options.hooks.exchange = exchange
                    let hook: @Sendable (String) -> Void = { path in edit(path, edited) }
                    switch point {
                    case "beforeFinalCheck":
                        options.hooks.beforeFinalCheck = hook
                        options.hooks.afterExchange = { _ in XCTFail("exchanged after a failed comparison") }
                        options.hooks.beforeRename = { _ in XCTFail("renamed after a failed comparison") }
                    case "beforeReplace": options.hooks.beforeReplace = hook
                    default: options.hooks.beforeRename = hook
                    }
                    let label = "exchange \(exchange), \(how), \(point)"
                    let outcome = try site.fix(options: options)
                    XCTAssertEqual(outcome.failures, [.changedOnDisk("content/a.md", keptAt: nil)], label)
                    XCTAssertEqual(outcome.changedFiles, [], label)
                    XCTAssertEqual(site.read("content/a.md"), edited, label)
                    XCTAssertEqual(try site.names(in: "content"), ["a.md"], label)
                }
            }
        }
    }

    /// An edit made to the page in the instant our file holds its name (after the exchange, before
    /// it is undone), in place or by rename, is kept beside it under a name that is reported.
    func testAnEditToOurFileDuringTheExchangeIsKept() throws {
        for edit in [editInPlace, editByRename] {
            let site = try FixSite(self)
            try XCTSkipUnless(canExchange(in: site.path("content")), "no atomic exchange on this file system")
            var options = Fixer.Options()
            options.hooks.beforeReplace = { editByRename($0, edited) }
            options.hooks.afterExchange = { edit($0, "second edit\n") }
            let outcome = try site.fix(options: options)
            XCTAssertEqual(outcome.failures.count, 1)
            guard case .changedOnDisk("content/a.md", let kept?) = outcome.failures.first else {
                return XCTFail("\(outcome.failures)")
            }
            XCTAssertTrue(kept.hasPrefix("content/a.md.twc-lint-kept-"), kept)
            XCTAssertEqual(site.read("content/a.md"), edited)
            XCTAssertEqual(site.read(kept), "second edit\n")
            XCTAssertEqual(try site.names(in: "content").count, 2)
            XCTAssertTrue(outcome.failures[0].description.contains("is kept in \(kept)"))
        }
    }

    /// With hard links (rewritten in place), an edit before the last comparison is not overwritten.
    func testEditsOfHardLinkedFilesAreNotOverwritten() throws {
        for edit in [editInPlace, editByRename] {
            let site = try FixSite(self)
            XCTAssertEqual(link(site.path("content/a.md"), site.path("a-copy.md")), 0)
            var options = Fixer.Options()
            options.hooks.beforeFinalCheck = { edit($0, edited) }
            let outcome = try site.fix(options: options)
            XCTAssertEqual(outcome.failures, [.changedOnDisk("content/a.md", keptAt: nil)])
            XCTAssertEqual(site.read("content/a.md"), edited)
            XCTAssertEqual(try site.names(in: "content"), ["a.md"])
        }
    }

    // MARK: stale temporary files

    /// Temporary files a killed run left are removed from the folders written to, when they are
    /// old regular files of the user; nothing else is.
    func testStaleTemporaryFilesAreRemoved() throws {
        let site = try FixSite(self, files: ["content/a.md": FixSite.page, "other/b.md": "b\n"])
        let old = Date(timeIntervalSinceNow: -3600)
        let stale = [".a.md.twc-lint-0123456789abcdef.tmp", ".b.md.twc-lint-12345.tmp"]
        var kept = [".a.md.twc-lint-fedcba9876543210.tmp", "a.md.twc-lint-0123456789abcdef.tmp", ".x.twc-lint-xyz.tmp"]
        for name in stale + kept { try site.write("content/" + name, "left over\n") }
        try site.write("other/.b.md.twc-lint-0123456789abcdef.tmp", "left over\n")
        try site.write("target.txt", "keep\n")
        try FileManager.default.createSymbolicLink(
            atPath: site.path("content/.c.md.twc-lint-aaaaaaaaaaaaaaaa.tmp"), withDestinationPath: "../target.txt")
        kept.append(".c.md.twc-lint-aaaaaaaaaaaaaaaa.tmp")
        if geteuid() == 0 {
            try site.write("content/.d.md.twc-lint-bbbbbbbbbbbbbbbb.tmp", "someone else's\n")
            XCTAssertEqual(chown(site.path("content/.d.md.twc-lint-bbbbbbbbbbbbbbbb.tmp"), 4242, 4242), 0)
            kept.append(".d.md.twc-lint-bbbbbbbbbbbbbbbb.tmp")
        }
        for name in stale + kept where name != ".a.md.twc-lint-fedcba9876543210.tmp" {
            setModificationTime(site.path("content/" + name), old)
        }
        setModificationTime(site.path("other/.b.md.twc-lint-0123456789abcdef.tmp"), old)

        let run = ToolRun.run(["fix", site.root])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertEqual(try site.names(in: "content"), (["a.md"] + kept).sorted())
        XCTAssertEqual(try site.names(in: "other"), [".b.md.twc-lint-0123456789abcdef.tmp", "b.md"], "not written to")
        XCTAssertEqual(site.read("target.txt"), "keep\n")
    }
}

/// Whether the file system of `folder` exchanges two names atomically.
private func canExchange(in folder: String) -> Bool {
    _ = FileManager.default.createFile(atPath: folder + "/.probe-1", contents: Data("1".utf8))
    _ = FileManager.default.createFile(atPath: folder + "/.probe-2", contents: Data("2".utf8))
    defer {
        unlink(folder + "/.probe-1")
        unlink(folder + "/.probe-2")
    }
    return Exchange.exchange(AT_FDCWD, folder + "/.probe-1", folder + "/.probe-2") == 0
        && FileManager.default.contents(atPath: folder + "/.probe-1") == Data("2".utf8)
}

private func setModificationTime(_ path: String, _ date: Date) {
    let seconds = Int(date.timeIntervalSince1970)
    var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
    XCTAssertEqual(utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW), 0, path)
}
