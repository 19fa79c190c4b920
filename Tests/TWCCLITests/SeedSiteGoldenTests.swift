import Foundation
import XCTest

/// The seed site: every finding must match the checked-in expectation exactly (rule, file, line,
/// column, message, fix), which lists each real defect of the five seed pages with the reason it
/// is one (see fixtures/twc-site.expected).
final class SeedSiteGoldenTests: XCTestCase {
    struct Entry: Equatable, CustomStringConvertible {
        var head: String
        var message: String
        var fix: String?
        var description: String { "\(head)\n  message: \(message)" + (fix.map { "\n  fix: \($0)" } ?? "") }
    }

    /// The entries of the expectation file (its `why:` lines are documentation).
    static func expected(_ text: String) throws -> [Entry] {
        var entries: [Entry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            if !line.hasPrefix(" ") {
                entries.append(Entry(head: String(line), message: ""))
            } else if line.hasPrefix("  message: ") {
                entries[entries.count - 1].message = String(line.dropFirst("  message: ".count))
            } else if line.hasPrefix("  fix: ") {
                entries[entries.count - 1].fix = String(line.dropFirst("  fix: ".count))
            } else {
                XCTAssertTrue(line.hasPrefix("  why: "), "unexpected line in the expectation: \(line)")
            }
        }
        XCTAssertTrue(entries.allSatisfy { !$0.message.isEmpty }, "every entry has a message")
        return entries
    }

    /// The findings of a run on `site`, as entries.
    static func findings(_ site: String) throws -> (entries: [Entry], json: [String: Any], status: Int32) {
        let run = ToolRun.run([site, "--format", "json"], directory: site)
        let json = try XCTUnwrap(run.json, run.errors + run.output)
        let diagnostics = try XCTUnwrap(json["diagnostics"] as? [[String: Any]])
        let entries = diagnostics.map { diagnostic -> Entry in
            var fix: String?
            if let object = diagnostic["fix"] as? [String: Any] {
                fix = "\((object["safe"] as? Bool) == true ? "safe" : "unsafe"): \(object["description"]!)"
            }
            return Entry(
                head: "\(diagnostic["rule"]!) \(diagnostic["file"]!):\(diagnostic["line"]!):\(diagnostic["column"]!)",
                message: "\(diagnostic["message"]!)", fix: fix)
        }
        return (entries, json, run.status)
    }

    func testFindingsMatchExpectation() throws {
        let (actual, json, status) = try Self.findings(Paths.seedSite)
        let expected = try Self.expected(
            String(contentsOfFile: Paths.packageRoot + "/fixtures/twc-site.expected", encoding: .utf8))
        let order = { (a: Entry, b: Entry) in a.head < b.head || (a.head == b.head && a.message < b.message) }
        XCTAssertEqual(
            actual.sorted(by: order), expected.sorted(by: order),
            "\n" + actual.map(\.description).joined(separator: "\n"))
        XCTAssertEqual((json["notices"] as? [[String: Any]])?.count, 0, "the seed site reads completely")
        XCTAssertGreaterThanOrEqual(expected.count, 24)
        XCTAssertEqual(status, 1, "the seed site has error-severity findings")
    }

    /// The same pages behind hooks of the real TWC NL site's kind (fixtures/twc-site-hooks): a
    /// GetPage link hook, a resource image hook, a button that passes its href through
    /// relLangURL. Hugo then links the buttons to /nl/join and the Dutch pages' root-relative
    /// links to the Dutch pages, so the button and cross-language findings of twc-site are gone;
    /// every other finding is there, at the same place.
    func testBehindTheSitesOwnHooks() throws {
        let (actual, json, status) = try Self.findings(Paths.packageRoot + "/fixtures/twc-site-hooks")
        let expected = try Self.expected(
            String(contentsOfFile: Paths.packageRoot + "/fixtures/twc-site.expected", encoding: .utf8))
        let gone = expected.filter {
            $0.head.hasPrefix("cross-language-link ")
                || ($0.head.hasPrefix("broken-link ") && $0.message.hasPrefix("button href"))
        }
        XCTAssertGreaterThanOrEqual(gone.count, 8)
        let remaining = Set(expected.map(\.head)).subtracting(gone.map(\.head))
        XCTAssertEqual(
            Set(actual.map(\.head)).sorted(), remaining.sorted(), actual.map(\.description).joined(separator: "\n"))
        XCTAssertEqual((json["notices"] as? [[String: Any]])?.count, 0, "every hook is followed")
        XCTAssertEqual(status, 1)
    }
}
