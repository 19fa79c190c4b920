import TWCCore
import TWCRules
import TWCSite
import XCTest

/// Bad input gets located findings, never a crash, hang or lost byte.
final class PipelineRobustnessTests: XCTestCase {
    func lint(_ files: [(String, [UInt8])]) throws -> [Diagnostic] {
        Linter.run(try ExampleSite.build(bytes: files))
    }

    func testBrokenInputsAreReportedAndLocated() throws {
        let cases: [(name: String, text: String, rule: String, line: Int)] = [
            ("unclosed-yaml", "---\ntitle: x\n\n## Body\n", "frontmatter-syntax", 1),
            ("bad-yaml", "---\ntitle: [unclosed\n---\n\n## Body\n", "frontmatter-syntax", 2),
            ("bad-toml", "+++\ntitle = \n+++\n\n## Body\n", "frontmatter-syntax", 2),
            ("bad-json", "{\"title\": }\n\n## Body\n", "frontmatter-syntax", 1),
            ("bad-delimiter", "--\ntitle: x\n", "frontmatter-syntax", 1),
            ("unclosed-shortcode", "Text\n\n{{< button href=\"join\" \n", "shortcode-syntax", 3),
            ("stray-close", "Text\n\n{{< /button >}}\n", "shortcode-syntax", 3),
            ("unclosed-comment", "Text {{</* x >}}\n", "shortcode-syntax", 1),
        ]
        for item in cases {
            let found = try lint([
                ("content/\(item.name).md", Array(item.text.utf8)),
                ("content/\(item.name).nl.md", Array(item.text.utf8)),
            ])
            let match = found.first { $0.ruleID == item.rule && $0.span.file == "content/\(item.name).md" }
            XCTAssertNotNil(match, "\(item.name): \(found.map(\.message))")
            XCTAssertEqual(match?.span.start.line, item.line, item.name)
        }
    }

    func testBodyIsStillLintedAfterBrokenFrontmatter() throws {
        let en = "---\ntitle: x\n---\n\n## Heading\n\nSee [x](#headng).\n"
        let nl = "---\ntitle: [x\n---\n\n## Kop\n\nZie [x](#kopp).\n"
        let found = try lint([("content/p.md", Array(en.utf8)), ("content/p.nl.md", Array(nl.utf8))])
        XCTAssertTrue(
            found.contains { $0.ruleID == "broken-anchor" && $0.span.file == "content/p.nl.md" },
            "\(found.map(\.message))")
        XCTAssertTrue(found.contains { $0.ruleID == "frontmatter-syntax" })
    }

    func testAdversarialSizesFinish() throws {
        let deepQuotes = String(repeating: ">", count: 100_000) + " deep\n"
        let deepLists = String(repeating: "- ", count: 100_000) + "deep\n"
        let brackets = String(repeating: "[", count: 100_000) + "\n"
        let stars = String(repeating: "*a ", count: 100_000) + "\n"
        let ticks = String(repeating: "`", count: 100_000) + "\n"
        // One 1 MB line, 100 000 findings.
        let longLine = String(repeating: "word Ã¼ [link](#x) ", count: 50_000) + "\n"
        let shortcodes = String(repeating: "{{< x >}}", count: 50_000) + "\n"
        var invalid = Array("## Title\n".utf8)
        invalid += [UInt8](repeating: 0xFF, count: 100_000)
        for (name, bytes) in [
            ("quotes", Array(deepQuotes.utf8)), ("lists", Array(deepLists.utf8)), ("brackets", Array(brackets.utf8)),
            ("stars", Array(stars.utf8)), ("ticks", Array(ticks.utf8)), ("long", Array(longLine.utf8)),
            ("shortcodes", Array(shortcodes.utf8)), ("invalid", invalid),
        ] {
            let found = try lint([("content/\(name).md", bytes)])
            XCTAssertTrue(found.allSatisfy { $0.span.range.end <= bytes.count }, name)
        }
    }
}
