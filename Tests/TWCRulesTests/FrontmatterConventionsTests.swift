import TWCCore
import TWCRules
import TWCSite
import XCTest

/// `frontmatter-mismatch` follows a site's own conventions (`FrontmatterKeyUsage`): a key a
/// language localises in nearly every translation, a key only translations carry; and
/// `settingKeys` in `.twc-lint.toml` overrides them.
final class FrontmatterConventionsTests: XCTestCase {
    func files(pairs: Int) -> [(String, String)] {
        var files: [(String, String)] = []
        for number in 1...pairs {
            files.append(("content/p\(number).md", "---\ntitle: P\(number)\ncategory: concept\n---\n"))
            files.append(
                (
                    "content/p\(number).nl.md",
                    "---\ntitle: P\(number)\ncategory: begrip\nreviewed_by: abc\(number)\n---\n"
                ))
        }
        return files
    }

    func findings(_ files: [(String, String)]) throws -> [String] {
        Linter.run(try ExampleSite.build(files), rules: [FrontmatterMismatchRule()]).map(\.message)
    }

    func testTheSitesConventionsAreNotDrift() throws {
        XCTAssertEqual(try findings(files(pairs: 5)), [])
        // Too few pages to tell a convention from drift: reported.
        let few = try findings(files(pairs: 2))
        XCTAssertEqual(few.filter { $0.contains("'category'") }.count, 2)
        XCTAssertEqual(few.filter { $0.contains("'reviewed_by'") }.count, 2)
        // A key named a setting is always compared.
        let strict = try findings(files(pairs: 5) + [(".twc-lint.toml", "settingKeys = [\"category\"]\n")])
        XCTAssertEqual(strict.filter { $0.contains("'category'") }.count, 5)
    }

    /// The source commit a translation was made from is a key only translations carry, on any
    /// site, however few translations carry it yet; named a setting, it is compared.
    func testTheSourceCommitIsATranslationsOwn() throws {
        for key in ["translationSourceCommit", "default_lang_commit"] {
            let files = [
                ("content/p.md", "---\ntitle: P\n---\n"), ("content/p.nl.md", "---\ntitle: P\n\(key): 0123abc\n---\n"),
            ]
            XCTAssertEqual(try findings(files), [], key)
            let strict = try findings(files + [(".twc-lint.toml", "settingKeys = [\"\(key)\"]\n")])
            XCTAssertEqual(strict.count, 1, key)
        }
    }
}
