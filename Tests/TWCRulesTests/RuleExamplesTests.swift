import Foundation
import TWCCore
import TWCRules
import TWCSite
import XCTest

/// SwiftLint-style: every rule's triggering and non-triggering examples run as tests.
final class RuleExamplesTests: XCTestCase {
    func testEveryExampleBehavesAsDocumented() {
        var checked = 0
        for rule in RuleRegistry.all {
            XCTAssertTrue(rule.examples.contains { !$0.triggers }, "\(rule.id) needs a non-triggering example")
            for example in rule.examples {
                let site = ExampleSite.build(example.files)
                let found = Linter.run(site, rules: [rule])
                if example.triggers {
                    XCTAssertFalse(found.isEmpty, "\(rule.id): '\(example.title)' should be reported")
                    if let expected = example.expectedLocation, let first = found.first {
                        XCTAssertEqual("\(first.span.file):\(first.span.start.line)", expected, "\(rule.id): '\(example.title)'")
                    }
                    for diagnostic in found {
                        XCTAssertEqual(diagnostic.ruleID, rule.id)
                        XCTAssertEqual(diagnostic.severity, rule.severity)
                    }
                } else {
                    XCTAssertEqual(found.map(\.message), [], "\(rule.id): '\(example.title)' should not be reported")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 25)
    }

    func testRuleIdsAreStableKebabCaseAndFindable() throws {
        let ids = RuleRegistry.all.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate rule id")
        let rulesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/TWCRules/Rules").standardizedFileURL
        for id in ids {
            XCTAssertNotNil(id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression), id)
            // A newcomer finds `broken-anchor` in BrokenAnchorRule.swift (or the file that declares it).
            let typeName = id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                .replacingOccurrences(of: "Utf8", with: "UTF8") + "Rule"
            let files = try FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path)
            let declared = try files.contains { file in
                try String(contentsOf: rulesDirectory.appendingPathComponent(file), encoding: .utf8)
                    .contains("public struct \(typeName): Rule")
            }
            XCTAssertTrue(declared, "rule \(id) should be declared as \(typeName)")
        }
    }

    func testRuleDocumentationMentionsEveryRuleInReadme() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md"), encoding: .utf8)
        for rule in RuleRegistry.all {
            XCTAssertTrue(readme.contains("`\(rule.id)`"), "README's rules table lacks \(rule.id)")
        }
    }
}
