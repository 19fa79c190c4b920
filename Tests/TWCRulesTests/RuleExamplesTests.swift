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
            var repository: String?
            defer { if let repository { try? FileManager.default.removeItem(atPath: repository) } }
            let site: SiteModel
            if example.commits.isEmpty {
                site = try ExampleSite.build(example)
            } else {
                repository = try Self.repository(example)
                site = try SiteLoader.load(root: repository!)
            }
            let found = Linter.run(site, rules: [rule])
            let actual = found.map {
                RuleExample.Finding(
                    "\($0.span.file):\($0.span.start.line):\($0.span.start.column)", Self.withoutHashes($0.message))
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

    /// The example site of an example with commits, as a git repository in a temporary folder:
    /// each commit a day apart from 2025-08-01, then `files`.
    static func repository(_ example: RuleExample) throws -> String {
        let root = NSTemporaryDirectory() + "twc-example-" + UUID().uuidString
        let base = ExampleSite.fileSystem([])
        func write(_ path: String, _ bytes: [UInt8]) throws {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        for (path, bytes) in base.files { try write(path, bytes) }
        func git(_ arguments: [String], date: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                ["git", "-c", "user.email=example@twc-lint.invalid", "-c", "user.name=example"] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            var environment = ProcessInfo.processInfo.environment
            environment["GIT_AUTHOR_DATE"] = date
            environment["GIT_COMMITTER_DATE"] = date
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw NSError(domain: "git \(arguments.joined(separator: " "))", code: Int(process.terminationStatus))
            }
        }
        try git(["init", "-q"], date: "2025-08-01T10:00:00Z")
        for (number, files) in (example.commits + [example.files]).enumerated() {
            for file in files { try write(file.path, file.bytes) }
            let date = String(format: "2025-08-%02dT10:00:00Z", number + 1)
            try git(["add", "-A"], date: date)
            try git(["commit", "-q", "-m", "step \(number + 1)"], date: date)
        }
        return root
    }

    /// A message with its abbreviated commit hashes (`(1a2b3c4)`) written `(HASH)`.
    static func withoutHashes(_ message: String) -> String {
        var result = message
        var searchStart = result.startIndex
        while let open = result[searchStart...].firstIndex(of: "(") {
            let after = result.index(after: open)
            if let close = result.index(after, offsetBy: 7, limitedBy: result.endIndex), close < result.endIndex,
                result[close] == ")", result[after..<close].allSatisfy(\.isHexDigit)
            {
                result.replaceSubrange(after..<close, with: "HASH")
            }
            searchStart = result.index(after: open)
            if searchStart >= result.endIndex { break }
        }
        return result
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
