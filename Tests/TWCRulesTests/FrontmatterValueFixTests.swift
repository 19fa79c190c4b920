import TWCCore
import TWCRules
import TWCSite
import XCTest

/// The unsafe fixes of `date-mismatch` and `frontmatter-mismatch` copy the source version's value
/// into the translation in the translation's own syntax and quoting style.
final class FrontmatterValueFixTests: XCTestCase {
    /// The fixes `rule` proposes for `content/p.nl.md`, and that page after each fix.
    func fixes(
        _ rule: any Rule, en: String, nl: String, enPath: String = "content/p.md",
        nlPath: String = "content/p.nl.md"
    ) throws -> [(fix: Fix, page: String)] {
        let site = try ExampleSite.build([(enPath, en), (nlPath, nl)])
        return Linter.run(site, rules: [rule]).compactMap { diagnostic in
            guard let fix = diagnostic.fix else { return nil }
            var bytes = Array(nl.utf8)
            for edit in fix.edits.sorted(by: { $0.span.range.start > $1.span.range.start }) {
                XCTAssertEqual(edit.span.file, nlPath)
                bytes.replaceSubrange(edit.span.range.range, with: Array(edit.replacement.utf8))
            }
            return (fix, String(decoding: bytes, as: UTF8.self))
        }
    }

    func testDateFixKeepsThePagesQuoting() throws {
        let quoted = try fixes(
            DateMismatchRule(), en: "---\ndate: 2025-03-23\n---\n",
            nl: "---\ntitle: x\ndate: \"2025-01-02\" # nl\n---\n")
        let fix = try XCTUnwrap(quoted.first)
        XCTAssertEqual(quoted.count, 1)
        XCTAssertFalse(fix.fix.safe)
        XCTAssertEqual(fix.fix.summary, "use \"2025-03-23\"")
        XCTAssertEqual(fix.page, "---\ntitle: x\ndate: \"2025-03-23\" # nl\n---\n")
        // The other way round: a date Hugo reads from a string is written unquoted where the page writes dates so.
        let unquoted = try fixes(
            DateMismatchRule(), en: "---\ndate: \"2025-03-23T10:00:00Z\"\n---\n", nl: "---\ndate: 2025-01-02\n---\n")
        XCTAssertEqual(unquoted.map(\.page), ["---\ndate: 2025-03-23T10:00:00Z\n---\n"])
        XCTAssertEqual(unquoted.first?.fix.summary, "use 2025-03-23T10:00:00Z")
    }

    func testDateFixBetweenYAMLAndTOML() throws {
        // Before the editor, versions in different formats got no fix: the YAML text is not TOML.
        let toml = try fixes(
            DateMismatchRule(), en: "---\ndate: 2025-03-23\n---\n",
            nl: "+++\r\ntitle = 'x'\r\ndate = '2025-01-02'\r\npublishDate = 2025-01-02\r\n+++\r\n")
        // The en page's .PublishDate is its date (it has no publishDate): the nl publishDate differs too.
        XCTAssertEqual(
            toml.map(\.page),
            [
                "+++\r\ntitle = 'x'\r\ndate = '2025-03-23'\r\npublishDate = 2025-01-02\r\n+++\r\n",
                "+++\r\ntitle = 'x'\r\ndate = '2025-01-02'\r\npublishDate = 2025-03-23\r\n+++\r\n",
            ])
        let both = try fixes(
            DateMismatchRule(), en: "---\ndate: 2025-03-23\npublishDate: \"2025-03-24\"\n---\n",
            nl: "+++\ndate = 2025-01-02\npublishDate = 2025-01-03\n+++\n")
        XCTAssertEqual(
            both.map(\.page).sorted(),
            [
                "+++\ndate = 2025-01-02\npublishDate = 2025-03-24\n+++\n",
                "+++\ndate = 2025-03-23\npublishDate = 2025-01-03\n+++\n",
            ])
    }

    func testValueFixKeepsStyleAndType() throws {
        // The English weight is a number: the Dutch one becomes a number (a quoted "10" would still differ).
        XCTAssertEqual(
            try fixes(FrontmatterMismatchRule(), en: "---\nweight: 10\n---\n", nl: "---\nweight: \"20\"\n---\n").map(
                \.page),
            ["---\nweight: 10\n---\n"])
        XCTAssertEqual(
            try fixes(
                FrontmatterMismatchRule(), en: "---\nlayout: \"single\"\n---\n", nl: "---\nlayout: 'other' # why\n---\n"
            ).map(\.page),
            ["---\nlayout: 'single' # why\n---\n"])
        XCTAssertEqual(
            try fixes(FrontmatterMismatchRule(), en: "{\"draft\": false}\n", nl: "---\ndraft: yes\n---\n").map(\.page),
            ["---\ndraft: false\n---\n"])
        XCTAssertEqual(
            try fixes(FrontmatterMismatchRule(), en: "---\ntype: it's\n---\n", nl: "+++\ntype = 'other'\n+++\n").map(
                \.page),
            ["+++\ntype = \"it's\"\n+++\n"])
    }

    func testCollectionsAreCopiedAsTextInTheSameFormatOnly() throws {
        XCTAssertEqual(
            try fixes(FrontmatterMismatchRule(), en: "---\ntopics: [a, b]\n---\n", nl: "---\ntopics: [a]\n---\n")
                .map(\.page),
            ["---\ntopics: [a, b]\n---\n"])
        XCTAssertEqual(
            try fixes(FrontmatterMismatchRule(), en: "+++\ntopics = ['a', 'b']\n+++\n", nl: "---\ntopics: [a]\n---\n")
                .count, 0)
    }

    func testMissingNonTranslatableKeyIsAddedInThePagesSyntax() throws {
        let yaml = try fixes(
            FrontmatterMismatchRule(), en: "---\ntitle: Join\nlayout: campaign\nweight: 3\n---\n",
            nl: "---\ntitle: Doe mee\nweight: 3\n---\n")
        XCTAssertEqual(yaml.map(\.page), ["---\ntitle: Doe mee\nweight: 3\nlayout: campaign\n---\n"])
        XCTAssertEqual(yaml.first?.fix.safe, false)
        let toml = try fixes(
            FrontmatterMismatchRule(), en: "---\ntitle: Join\nlayout: campaign\n---\n",
            nl: "+++\r\ntitle = \"Doe mee\"\r\n[params]\r\nx = 1\r\n+++\r\n")
        XCTAssertEqual(
            toml.map(\.page), ["+++\r\ntitle = \"Doe mee\"\r\nlayout = \"campaign\"\r\n[params]\r\nx = 1\r\n+++\r\n"])
        // A translatable key (`title`) is reported without a fix: its value must be translated.
        let title = try fixes(FrontmatterMismatchRule(), en: "---\ntitle: Join\n---\n", nl: "---\ndraft: false\n---\n")
        XCTAssertTrue(title.allSatisfy { !$0.fix.summary.contains("title") })
    }
}
