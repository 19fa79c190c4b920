import Foundation
import TWCRules
import XCTest

/// The rule system's layout, enforced: every rule is one type in `Rules/<Id>Rule.swift` (and
/// nothing else is there), no rule uses another rule, and shared code lives in `Support/`.
final class RuleStructureTests: XCTestCase {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/TWCRules").standardizedFileURL.path

    static func typeName(of rule: any Rule) -> String { String(describing: type(of: rule)) }

    /// `broken-anchor` → `BrokenAnchorRule`, `invalid-utf8` → `InvalidUTF8Rule`.
    static func expectedTypeName(_ id: String) -> String {
        id.split(separator: "-").map { $0 == "utf8" ? "UTF8" : $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            + "Rule"
    }

    func testEveryRuleLivesInItsOwnFile() throws {
        let ids = RuleRegistry.all.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate rule id")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.sources + "/Rules").sorted()
        let names = RuleRegistry.all.map(Self.typeName)
        XCTAssertEqual(files, names.map { $0 + ".swift" }.sorted(), "Rules/ holds exactly one file per registered rule")
        for rule in RuleRegistry.all {
            let name = Self.typeName(of: rule)
            XCTAssertNotNil(rule.id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression), rule.id)
            XCTAssertEqual(name, Self.expectedTypeName(rule.id), "the type of \(rule.id)")
            let text = try String(contentsOfFile: Self.sources + "/Rules/\(name).swift", encoding: .utf8)
            XCTAssertTrue(text.contains("public struct \(name): Rule {"), "\(name).swift declares \(name)")
            // One top-level type per rule file: helpers belong to the rule type or to Support/.
            let topLevel = text.split(separator: "\n").filter { line in
                [
                    "struct ", "enum ", "class ", "final class ", "extension ", "public struct ", "public enum ",
                    "public final class ",
                    "public extension ", "func ", "public func ",
                ].contains { line.hasPrefix($0) }
            }
            XCTAssertEqual(topLevel.count, 1, "\(name).swift declares more than its rule: \(topLevel)")
        }
    }

    func testNoRuleUsesAnotherRule() throws {
        let names = RuleRegistry.all.map(Self.typeName)
        for name in names {
            let text = try String(contentsOfFile: Self.sources + "/Rules/\(name).swift", encoding: .utf8)
            for other in names where other != name {
                XCTAssertFalse(text.contains(other), "\(name) uses \(other): move what they share to Support/")
            }
        }
        let support = try FileManager.default.contentsOfDirectory(atPath: Self.sources + "/Support")
        for file in support {
            let text = try String(contentsOfFile: Self.sources + "/Support/" + file, encoding: .utf8)
            for name in names { XCTAssertFalse(text.contains(name), "Support/\(file) uses the rule \(name)") }
        }
        XCTAssertTrue(support.contains("MojibakeScanner.swift") && support.contains("LinkEditing.swift"))
    }
}
