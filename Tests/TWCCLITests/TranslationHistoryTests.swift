import Foundation
import XCTest

/// `translation-outdated` on real git histories built in temporary repositories: commits, pins,
/// uncommitted changes, renames, merges, shallow clones. No network.
final class TranslationHistoryTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "twc-history-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try write(
            "hugo.toml",
            """
            baseURL = "https://example.org/"
            defaultContentLanguage = "en"
            [languages.en]
              weight = 1
            [languages.nl]
              weight = 2

            """)
        try write("content/join.md", Self.source)
        try write("content/join.nl.md", Self.translation)
        try git("init", "-q", "-b", "main")
        try commit("first version", date: "2025-08-08T10:00:00Z")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    static let source = """
        ---
        title: Join
        weight: 2
        ---
        We organise tech workers.

        ## Why join

        Together we are stronger.
        Read [our goals](/about).

        ## How to join

        Fill in the form.

        """

    static let translation = """
        ---
        title: Doe mee
        weight: 2
        ---
        Wij organiseren techwerkers.

        ## Waarom meedoen

        Samen staan we sterker.
        Lees [onze doelen](/nl/about).

        ## Hoe doe je mee

        Vul het formulier in.

        """

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @discardableResult
    func git(_ arguments: String..., in directory: String? = nil, date: String = "2025-08-08T10:00:00Z") throws
        -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.email=t@twc-lint.invalid", "-c", "user.name=t"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_DATE"] = date
        environment["GIT_COMMITTER_DATE"] = date
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "git", code: Int(process.terminationStatus), userInfo: ["output": output])
        }
        return output
    }

    func commit(_ message: String, date: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message, date: date)
    }

    func hash(_ revision: String = "HEAD") throws -> String {
        try git("rev-parse", revision).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func findings(_ directory: String? = nil) throws -> [(line: Int, message: String)] {
        let run = ToolRun.run(
            [directory ?? root, "--select", "translation-outdated", "--format", "json"], directory: directory ?? root)
        let diagnostics = try XCTUnwrap(run.json?["diagnostics"] as? [[String: Any]], run.errors + run.output)
        return diagnostics.map { ($0["line"] as! Int, $0["message"] as! String) }
    }

    func testInSyncThenTheSourceChangesPerSection() throws {
        XCTAssertEqual(try findings().count, 0, "both versions committed together")
        // Reflowing a paragraph, mending a typo and adding an HTML comment are no change a
        // translator must follow.
        try write(
            "content/join.md",
            Self.source.replacingOccurrences(of: "Together we are stronger.\n", with: "Together\nwe are stronger!\n")
                .replacingOccurrences(
                    of: "Fill in the form.", with: "Fill in the form.\n\n<!-- markdownlint-disable MD004 -->"))
        try commit("reflow", date: "2025-09-01T10:00:00Z")
        XCTAssertEqual(try findings().count, 0)
        // Text and a link in one section, a new section.
        try write(
            "content/join.md",
            Self.source.replacingOccurrences(
                of: "Read [our goals](/about).",
                with: "Read [our goals](/about) and [our rules](/rules).\nWe meet monthly."
            ) + "## Contact\n\nMail us.\n")
        try commit("more", date: "2025-09-02T10:00:00Z")
        let found = try findings()
        let previous = try hash("HEAD~2").prefix(7)
        XCTAssertEqual(
            Set(found.map(\.message)),
            [
                "section 'Why join' changed in the source since 2025-08-08 (\(previous)): 2 lines, 1 link; "
                    + "'twc-lint diff content/join.nl.md' shows the changes",
                "section 'Contact' is new in the source since 2025-08-08 (\(previous)); this translation lacks it "
                    + "(it follows 'How to join'); 'twc-lint diff content/join.nl.md' shows the changes",
            ])
        XCTAssertEqual(
            found.first { $0.message.hasPrefix("section 'Why join'") }?.line, 7, "at the translation's aligned heading")
        // With every rule, the history is read beside the other rules and this rule runs after
        // them: the same findings.
        let everyRule = ToolRun.run([root, "--format", "json"], directory: root)
        let all = try XCTUnwrap(everyRule.json?["diagnostics"] as? [[String: Any]], everyRule.errors)
        XCTAssertEqual(
            Set(all.filter { $0["rule"] as? String == "translation-outdated" }.map { $0["message"] as! String }),
            Set(found.map(\.message)))
        // twc-lint status counts the page as outdated.
        let status = ToolRun.run(["status", root, "--format", "json"], directory: root)
        let languages = try XCTUnwrap(status.json?["languages"] as? [[String: Any]], status.output)
        let total = try XCTUnwrap(languages.first?["total"] as? [String: Int])
        XCTAssertEqual(total["outdated"], 1, status.output)
        XCTAssertEqual(total["translated"], 0)
        // Committing the translation brings it in line.
        try write("content/join.nl.md", Self.translation + "## Contact\n\nMail ons.\n")
        try commit("vertaling bijgewerkt", date: "2025-09-03T10:00:00Z")
        XCTAssertEqual(try findings().count, 0)
        // A heading reworded is a change; its case changed or a typo mended is not.
        let current = try String(contentsOfFile: root + "/content/join.md", encoding: .utf8)
        try write("content/join.md", current.replacingOccurrences(of: "## How to join", with: "## How To Joinn"))
        try commit("typo", date: "2025-09-04T10:00:00Z")
        XCTAssertEqual(try findings().count, 0)
        try write("content/join.md", current.replacingOccurrences(of: "## How to join", with: "## Becoming a member"))
        try commit("reworded", date: "2025-09-05T10:00:00Z")
        let reworded = try findings()
        XCTAssertEqual(
            reworded.map(\.message).first?.contains("heading renamed from 'How to join'"), true, reworded.description)
    }

    func testUncommittedChangesAndFrontmatter() throws {
        // A source edit not committed yet counts.
        try write("content/join.md", Self.source.replacingOccurrences(of: "weight: 2", with: "weight: 3"))
        let found = try findings()
        XCTAssertEqual(found.map(\.line), [1])
        XCTAssertTrue(found.first?.message.hasPrefix("front matter changed in the source since 2025-08-08") == true)
        XCTAssertTrue(found.first?.message.contains(": weight;") == true, found.first?.message ?? "")
        XCTAssertTrue(found.first?.message.contains("in changes not committed yet") == true)
        // A change the translation already follows: the source drops a key the translation lacks.
        try write("content/join.nl.md", Self.translation.replacingOccurrences(of: "weight: 2\n", with: ""))
        try commit("nl without weight", date: "2025-08-09T10:00:00Z")
        try write("content/join.md", Self.source.replacingOccurrences(of: "weight: 2\n", with: ""))
        try commit("en without weight", date: "2025-08-10T10:00:00Z")
        XCTAssertEqual(try findings().count, 0, "the translation has no weight either")
        try git("reset", "-q", "--hard", "HEAD~2")
        // lastmod alone is no change.
        try write(
            "content/join.md", Self.source.replacingOccurrences(of: "weight: 2", with: "weight: 2\nlastmod: 2025-09-09")
        )
        XCTAssertEqual(try findings().count, 0)
        // A translation being edited counts as being brought in line.
        try write("content/join.md", Self.source + "More.\n")
        try commit("source", date: "2025-09-02T10:00:00Z")
        XCTAssertEqual(try findings().count, 1)
        try write("content/join.nl.md", Self.translation + "Meer.\n")
        XCTAssertEqual(try findings().count, 0)
    }

    func testPinsOverrideTheLastCommit() throws {
        let first = try hash()
        try write(
            "content/join.md", Self.source.replacingOccurrences(of: "Fill in the form.", with: "Fill in the new form."))
        try commit("source", date: "2025-09-02T10:00:00Z")
        // The translation is touched later (a typo), but its pin says which source it follows.
        try write(
            "content/join.nl.md",
            Self.translation.replacingOccurrences(
                of: "title: Doe mee", with: "title: Doe mee\ndefault_lang_commit: \(first)"))
        try commit("typo", date: "2025-09-03T10:00:00Z")
        let found = try findings()
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(
            found.first?.message.hasPrefix("section 'How to join' changed in the source since 2025-08-08") == true)
        // A pin to the newest source commit: in line.
        try write(
            "content/join.nl.md",
            Self.translation.replacingOccurrences(
                of: "title: Doe mee", with: "title: Doe mee\ntranslationSourceCommit: \(try hash().prefix(10))"))
        XCTAssertEqual(try findings().count, 0)
        // A pin that is no commit here is not guessed at.
        try write(
            "content/join.nl.md",
            Self.translation.replacingOccurrences(
                of: "title: Doe mee", with: "title: Doe mee\ntranslationSourceCommit: 0123abc"))
        XCTAssertEqual(try findings().count, 0)
    }

    func testRenamesMergesAndShallowClones() throws {
        // The source renamed (with its translation) and changed on a branch merged later.
        try git("checkout", "-q", "-b", "topic")
        try git("mv", "content/join.md", "content/member.md")
        try git("mv", "content/join.nl.md", "content/member.nl.md")
        try commit("rename", date: "2025-09-01T10:00:00Z")
        try write("content/member.md", Self.source.replacingOccurrences(of: "Fill in the form.", with: "Use the app."))
        try commit("change", date: "2025-09-02T10:00:00Z")
        try git("checkout", "-q", "main")
        try git("merge", "-q", "--no-ff", "-m", "merge topic", "topic", date: "2025-09-03T10:00:00Z")
        let found = try findings()
        XCTAssertEqual(found.count, 1, found.map(\.message).description)
        XCTAssertTrue(found.first?.message.hasPrefix("section 'How to join' changed in the source") == true)
        // A shallow clone of depth 1 cannot tell: nothing reported, a note says why.
        let clone = root + "-clone"
        defer { try? FileManager.default.removeItem(atPath: clone) }
        try git("clone", "-q", "--depth", "1", "file://" + root, clone)
        let run = ToolRun.run([clone, "--select", "translation-outdated"], directory: clone)
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.output.contains("the clone is shallow (1 commit)"), run.output)
        XCTAssertFalse(run.output.contains("[translation-outdated]"), run.output)
    }

    func testDiffShowsTheChangedSectionsAndSyncRecordsThePin() throws {
        let first = try hash()
        try write(
            "content/join.md",
            Self.source.replacingOccurrences(of: "Fill in the form.", with: "Fill in the new form.\nIt takes a minute.")
        )
        try commit("form", date: "2025-09-02T10:00:00Z")
        let second = try hash()
        let diff = ToolRun.run(["diff", "content/join.nl.md"], directory: root)
        XCTAssertEqual(diff.status, 0, diff.errors)
        XCTAssertEqual(
            diff.output,
            """
            content/join.nl.md follows content/join.md as of 2025-08-08 (\(first.prefix(7))), its last commit

            == section 'How to join' (here: 'Hoe doe je mee', content/join.nl.md:12)
            --- a/content/join.md (\(first.prefix(7)))
            +++ b/content/join.md
            @@ -12,3 +12,4 @@
             ## How to join
             
            -Fill in the form.
            +Fill in the new form.
            +It takes a minute.

            source commits since \(first.prefix(7)):
              \(second.prefix(7)) 2025-09-02 form

            """)
        // The source page is refused: diff and sync take translations.
        let wrong = ToolRun.run(["diff", "content/join.md"], directory: root)
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(
            wrong.errors.contains("not a translation; name its translation (content/join.nl.md)"), wrong.errors)
        // sync pins the source's last commit and keeps every other byte.
        let before = try String(contentsOfFile: root + "/content/join.nl.md", encoding: .utf8)
        let sync = ToolRun.run(["sync", "content/join.nl.md"], directory: root)
        XCTAssertEqual(sync.status, 0, sync.errors)
        let after = try String(contentsOfFile: root + "/content/join.nl.md", encoding: .utf8)
        XCTAssertEqual(
            after,
            before.replacingOccurrences(of: "weight: 2\n", with: "weight: 2\ntranslationSourceCommit: \"\(second)\"\n"),
            "quoted: a hash of digits and one e would be a number in YAML")
        XCTAssertEqual(try findings().count, 0, "the pin says the translation follows the newest source")
        XCTAssertEqual(
            ToolRun.run(["diff", "content/join.nl.md"], directory: root).output,
            "content/join.nl.md: in line with content/join.md (nothing changed since it was last brought in line)\n")
        // A source with uncommitted changes is refused.
        try write("content/join.md", Self.source + "More.\n")
        let refused = ToolRun.run(["sync", "content/join.nl.md"], directory: root)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.errors.contains("has changes not committed yet"), refused.errors)
        XCTAssertEqual(try String(contentsOfFile: root + "/content/join.nl.md", encoding: .utf8), after)
    }

    /// `--staged` and `--changed-since`: the changed pages, their translations and the pages
    /// linking to them; a page renamed away breaks a page the commit does not touch.
    func testChangedPagesAndTheirInboundLinks() throws {
        try write("content/about.md", "# About\n\nSee [join](/join/).\n")
        try write("content/about.nl.md", "# Over\n\nZie [doe mee](/nl/join/).\n")
        try write("content/other.md", "# Other\n\n[broken](#nope)\n")
        try commit("pages", date: "2025-08-09T10:00:00Z")
        func files(_ arguments: [String]) throws -> Set<String> {
            let run = ToolRun.run([root, "--format", "json"] + arguments, directory: root)
            XCTAssertNotEqual(run.status, 2, run.errors)
            XCTAssertEqual(run.json?["summary"].map { _ in true }, true, run.output + run.errors)
            let diagnostics = try XCTUnwrap(run.json?["diagnostics"] as? [[String: Any]])
            return Set(diagnostics.compactMap { $0["file"] as? String })
        }
        // Nothing staged: nothing to lint (other.md's broken anchor is not this commit's).
        XCTAssertEqual(try files(["--staged"]), [])
        XCTAssertTrue(try files([]).contains("content/other.md"))
        // The page renamed: about.md links to where nothing is published now.
        try git("mv", "content/join.md", "content/member.md")
        try git("mv", "content/join.nl.md", "content/member.nl.md")
        let staged = try files(["--staged", "--select", "broken-link"])
        XCTAssertEqual(staged, ["content/about.md", "content/about.nl.md"])
        try commit("rename", date: "2025-08-10T10:00:00Z")
        XCTAssertEqual(try files(["--changed-since", "HEAD~1", "--select", "broken-link"]), staged)
        let bad = ToolRun.run([root, "--changed-since", "no-such-ref"], directory: root)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.errors.contains("'no-such-ref' is not a revision"), bad.errors)
        // A changed configuration: the whole site.
        try write("hugo.toml", try String(contentsOfFile: root + "/hugo.toml", encoding: .utf8) + "# comment\n")
        XCTAssertTrue(try files(["--changed-since", "HEAD"]).contains("content/other.md"))
    }
}
