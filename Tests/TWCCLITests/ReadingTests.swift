import Foundation
import TWCCore
import TWCSite
import XCTest

/// What twc-lint reads from disk and what it refuses to, each case in a site the test builds in a
/// temporary folder: nothing is silently read as empty, nothing outside the site is read through a
/// link, and every file left out is named in a note or an error.
final class ReadingTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "twc-reading-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
        try write("hugo.toml", "baseURL = \"https://example.org/\"\n")
        try write("content/ok.md", "---\ntitle: OK\n---\nText.\n")
    }

    override func tearDownWithError() throws {
        _ = root.withCString { chmod($0, 0o755) }
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }

    func notices(_ site: SiteModel) -> [String] {
        site.notices.map { "\($0.severity.rawValue) \($0.file): \($0.message)" }
    }

    func testResourceInAOneCharacterFolder() throws {
        try write("content/a/index.md", "# A\n")
        try write("content/a/photo.jpg", "jpg")
        try write("content/b/photo.jpg", "jpg")
        let site = try SiteLoader.load(root: root)
        XCTAssertEqual(site.pages.map(\.path), ["content/a/index.md", "content/ok.md"])
        XCTAssertEqual(site.publishedTarget(path: "/a/photo.jpg"), .resource("/a/photo.jpg"))
    }

    func testSymbolicLinkLeavingTheSiteIsNotFollowed() throws {
        try FileManager.default.createSymbolicLink(
            atPath: root + "/content/passwd.md", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/content/nowhere.md", withDestinationPath: "missing.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/content/same.md", withDestinationPath: "ok.md")
        let site = try SiteLoader.load(root: root)
        XCTAssertEqual(site.pages.map(\.path), ["content/ok.md", "content/same.md"])
        XCTAssertEqual(
            notices(site),
            [
                "info content/nowhere.md: a symbolic link that leads nowhere: not read",
                "info content/passwd.md: a symbolic link to /etc/passwd, outside the site: not followed",
            ])
        let run = ToolRun.run([root])
        XCTAssertFalse(run.output.contains("root:"), "nothing of /etc/passwd is shown")
        XCTAssertTrue(run.output.contains("content/passwd.md: note: a symbolic link to /etc/passwd, outside the site"))
    }

    func testSpecialFilesAndFoldersNamedLikePages() throws {
        XCTAssertEqual(mkfifo(root + "/content/pipe.md", 0o644), 0)
        try FileManager.default.createDirectory(atPath: root + "/content/folder.md", withIntermediateDirectories: true)
        try write("content/folder.md/inside.md", "# Inside\n")
        let site = try SiteLoader.load(root: root)
        XCTAssertEqual(
            site.pages.map(\.path), ["content/folder.md/inside.md", "content/ok.md"],
            "a folder named like a page is a folder")
        XCTAssertEqual(notices(site), ["info content/pipe.md: not a regular file (a FIFO): not read"])
    }

    func testFileNameThatIsNotUTF8() throws {
        let name = Array((root + "/content/caf").utf8) + [0xE9] + Array(".md".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count) {
                open($0, O_CREAT | O_WRONLY, 0o644)
            }
        }
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        close(descriptor)
        let site = try SiteLoader.load(root: root)
        XCTAssertEqual(site.pages.map(\.path), ["content/ok.md"])
        XCTAssertEqual(notices(site), ["info content/caf\u{FFFD}.md: its name is not UTF-8: not read"])
    }

    func testContentFolderOutsideTheSiteAndMissingOnes() throws {
        let shared = root + "-shared"
        defer { try? FileManager.default.removeItem(atPath: shared) }
        try FileManager.default.createDirectory(atPath: shared + "/nl", withIntermediateDirectories: true)
        try "# Over\n".write(toFile: shared + "/nl/over.md", atomically: false, encoding: .utf8)
        try write(
            "hugo.toml",
            "baseURL = \"https://example.org/\"\n[languages.en]\nweight = 1\ncontentDir = \"content\"\n"
                + "[languages.nl]\nweight = 2\ncontentDir = \"\(shared)/nl\"\n[languages.de]\nweight = 3\ncontentDir = \"content-de\"\n"
        )
        let site = try SiteLoader.load(root: root)
        let name = (root as NSString).lastPathComponent
        XCTAssertEqual(site.pages.map(\.path), ["../\(name)-shared/nl/over.md", "content/ok.md"])
        XCTAssertEqual(site.pages.first?.language, "nl")
        XCTAssertEqual(notices(site), ["info content-de: the content folder of de does not exist: no de page was read"])

        // No content folder at all: an error, not an empty success.
        try write("hugo.toml", "baseURL = \"https://example.org/\"\ncontentDir = \"nowhere\"\n")
        let empty = ToolRun.run([root])
        XCTAssertEqual(empty.status, 1, empty.output)
        XCTAssertTrue(
            empty.output.contains("nowhere: error: the content folder of en does not exist; no page was read"))
    }

    /// Unreadable files and folders are errors that name them; the rest is still read. As root,
    /// permissions do not stop reading, so the test drops to another user while it loads.
    func testUnreadableFilesAndFolders() throws {
        try write("content/locked.md", "# Locked\n")
        try write("content/private/a.md", "# A\n")
        for path in [root, root + "/content"] { XCTAssertEqual(chmod(path, 0o755), 0) }
        XCTAssertEqual(chmod(root + "/content/locked.md", 0o000), 0)
        XCTAssertEqual(chmod(root + "/content/private", 0o000), 0)
        defer {
            _ = chmod(root + "/content/private", 0o755)
            _ = chmod(root + "/content/locked.md", 0o644)
        }
        let isRoot = geteuid() == 0
        if isRoot { XCTAssertEqual(seteuid(65534), 0, "drop to nobody") }
        let site: SiteModel
        do {
            defer { if isRoot { _ = seteuid(0) } }
            site = try SiteLoader.load(root: root)
        }
        XCTAssertEqual(site.pages.map(\.path), ["content/ok.md"])
        XCTAssertEqual(
            notices(site).sorted(),
            [
                "error content/locked.md: cannot read it (Permission denied); it is left out, so links to what it holds may be reported as broken",
                "error content/private: cannot read it (Permission denied); it is left out, so links to what it holds may be reported as broken",
            ])
    }
}
