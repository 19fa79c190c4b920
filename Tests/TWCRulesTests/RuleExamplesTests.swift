import Foundation
import TWCCore
import TWCRules
import TWCSite
import XCTest

/// SwiftLint-style: every rule's examples are full specifications, run as tests, one test per rule
/// (`swift test --filter BrokenLinkRule` runs one rule's examples). Each example must produce
/// exactly its findings (file, line, column, message), each fix must agree with the rule's fix
/// availability, and applying every fix must give the example's `fixed` text.
final class RuleExamplesTests: XCTestCase {
    func testBrokenAnchorRule() throws { try check(BrokenAnchorRule()) }
    func testBrokenLinkRule() throws { try check(BrokenLinkRule()) }
    func testCrossLanguageLinkRule() throws { try check(CrossLanguageLinkRule()) }
    func testSectionMismatchRule() throws { try check(SectionMismatchRule()) }
    func testLinkMismatchRule() throws { try check(LinkMismatchRule()) }
    func testMojibakeRule() throws { try check(MojibakeRule()) }
    func testDateMismatchRule() throws { try check(DateMismatchRule()) }
    func testInvalidDateRule() throws { try check(InvalidDateRule()) }
    func testMissingTranslationRule() throws { try check(MissingTranslationRule()) }
    func testTranslationConflictRule() throws { try check(TranslationConflictRule()) }
    func testFrontmatterMismatchRule() throws { try check(FrontmatterMismatchRule()) }
    func testFrontmatterSyntaxRule() throws { try check(FrontmatterSyntaxRule()) }
    func testShortcodeSyntaxRule() throws { try check(ShortcodeSyntaxRule()) }
    func testInvalidUTF8Rule() throws { try check(InvalidUTF8Rule()) }
    func testMalformedUrlRule() throws { try check(MalformedUrlRule()) }
    func testCodeMismatchRule() throws { try check(CodeMismatchRule()) }
    func testTableMismatchRule() throws { try check(TableMismatchRule()) }
    func testImageMismatchRule() throws { try check(ImageMismatchRule()) }
    func testShortcodeMismatchRule() throws { try check(ShortcodeMismatchRule()) }
    func testNumberMismatchRule() throws { try check(NumberMismatchRule()) }
    func testUntranslatedRule() throws { try check(UntranslatedRule()) }
    func testUnusedSuppressionRule() throws { try check(UnusedSuppressionRule()) }
    func testTranslationOutdatedRule() throws { try check(TranslationOutdatedRule()) }

    /// Every registered rule has its test above.
    func testEveryRuleHasItsOwnTest() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        for rule in RuleRegistry.all {
            let name = String(describing: type(of: rule))
            XCTAssertTrue(
                source.contains("func test\(name)() throws { try check(\(name)()) }"),
                "RuleExamplesTests needs func test\(name)() throws { try check(\(name)()) }")
        }
    }

    func check(_ rule: any Rule, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(
            rule.examples.contains { !$0.triggers }, "\(rule.id) needs a non-triggering example", file: file, line: line
        )
        XCTAssertTrue(
            rule.examples.contains { $0.triggers }, "\(rule.id) needs a triggering example", file: file, line: line)
        var findings = 0
        for example in rule.examples {
            let context = "\(rule.id): '\(example.title)'"
            let site = try ExampleSite.build(example)
            let found = Linter.run(site, rules: [rule])
            let actual = found.map {
                RuleExample.Finding("\($0.span.file):\($0.span.start.line):\($0.span.start.column)", $0.message)
            }
            XCTAssertEqual(
                actual, example.findings, "\(context); found, as source:\n" + Self.source(actual), file: file,
                line: line)
            findings += found.count
            for diagnostic in found {
                XCTAssertEqual(diagnostic.ruleID, rule.id, context, file: file, line: line)
                XCTAssertEqual(diagnostic.severity, rule.severity, context, file: file, line: line)
                if let fix = diagnostic.fix {
                    XCTAssertTrue(
                        rule.fixAvailability.allows(safe: fix.safe),
                        "\(context): a \(fix.safe ? "safe" : "unsafe") fix from a rule whose fixes are \(rule.fixAvailability)",
                        file: file, line: line)
                }
            }
            // Every fix applied (safe and unsafe alike), each file once.
            let changed = Self.applyingFixes(found, to: example)
            let expected = Dictionary(example.fixed.map { ($0.path, $0.text) }, uniquingKeysWith: { $1 })
            XCTAssertEqual(
                changed, expected,
                "\(context): the text after the fixes; as source:\n"
                    + changed.sorted { $0.key < $1.key }.map { "(\(Self.literal($0.key)), \(Self.literal($0.value)))," }
                    .joined(separator: "\n"), file: file, line: line)
        }
        XCTAssertGreaterThan(findings, 0, rule.id, file: file, line: line)
    }

    /// The files of `example` that `diagnostics`' fixes change, with every fix applied (an edit
    /// overlapping an earlier one is left out, as the fixer does).
    static func applyingFixes(_ diagnostics: [Diagnostic], to example: RuleExample) -> [String: String] {
        var editsByFile: [String: [TextEdit]] = [:]
        for fix in diagnostics.compactMap(\.fix) {
            for edit in fix.edits { editsByFile[edit.span.file, default: []].append(edit) }
        }
        var result: [String: String] = [:]
        for (path, edits) in editsByFile {
            guard var bytes = example.files.first(where: { $0.path == path })?.bytes else { continue }
            var lastStart = Int.max
            for edit in edits.sorted(by: { $0.span.range.start > $1.span.range.start })
            where edit.span.range.end <= lastStart {
                bytes.replaceSubrange(edit.span.range.range, with: Array(edit.replacement.utf8))
                lastStart = edit.span.range.start
            }
            result[path] = String(decoding: bytes, as: UTF8.self)
        }
        return result
    }

    /// Findings as the Swift source of an example's `findings:`.
    static func source(_ findings: [RuleExample.Finding]) -> String {
        findings.map { ".init(\(literal($0.location)), \(literal($0.message)))," }.joined(separator: "\n")
    }

    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    func testRuleDocumentationMentionsEveryRuleInReadme() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../README.md"), encoding: .utf8)
        for rule in RuleRegistry.all {
            XCTAssertTrue(readme.contains("`\(rule.id)`"), "README's rules table lacks \(rule.id)")
        }
    }
}
