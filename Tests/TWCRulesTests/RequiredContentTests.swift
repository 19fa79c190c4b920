import TWCCore
import TWCRules
import TWCSite
import XCTest

/// `requiredContent` in `.twc-lint.toml`: what each language must have. `missing-translation`
/// asks only for those pages, and `section-mismatch` compares only those.
final class RequiredContentTests: XCTestCase {
    let files = [
        ("content/blog/news.md", "---\ntitle: News\n---\n## One\n\n## Two\n"),
        ("content/blog/news.nl.md", "---\ntitle: Nieuws\n---\n## Een\n"),
        ("content/docs/start.md", "---\ntitle: Start\n---\n## One\n\n## Two\n"),
        ("content/docs/start.nl.md", "---\ntitle: Begin\n---\n## Een\n"),
        ("content/blog/only.md", "---\ntitle: Only\n---\n"),
    ]

    func findings(_ rule: any Rule, _ extra: [(String, String)] = []) throws -> [String] {
        Linter.run(try ExampleSite.build(files + extra), rules: [rule]).map { "\($0.span.file): \($0.message)" }
    }

    func testOnlyTheRequiredContentIsAskedFor() throws {
        let partial = [(".twc-lint.toml", "[requiredContent]\nnl = [\"/docs/\"]\n")]
        XCTAssertEqual(try findings(SectionMismatchRule()).count, 2)
        XCTAssertEqual(try findings(SectionMismatchRule(), partial).map { $0.prefix(24) }, ["content/docs/start.nl.md"])
        XCTAssertEqual(try findings(MissingTranslationRule()).count, 1)
        XCTAssertEqual(try findings(MissingTranslationRule(), partial), [])
        // Every language ("*"), and a wrong value stops with a located error.
        let all = [(".twc-lint.toml", "[requiredContent]\n\"*\" = [\"/blog/only\"]\n")]
        XCTAssertEqual(try findings(MissingTranslationRule(), all).count, 1)
        XCTAssertThrowsError(
            try findings(MissingTranslationRule(), [(".twc-lint.toml", "[requiredContent]\nnl = \"docs\"\n")]))
    }
}
