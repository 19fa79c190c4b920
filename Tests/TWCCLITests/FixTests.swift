import Foundation
import XCTest

final class FixTests: XCTestCase {
    /// `--fix` applies the safe fixes, touches only the bytes of the edits, and a second run
    /// changes nothing.
    func testFixAppliesSafeFixesAndIsIdempotent() throws {
        let site = try Paths.copyOfSite()
        defer { try? FileManager.default.removeItem(atPath: site) }
        let before = Paths.allFiles(under: site)
        let first = ToolRun.run(["check", site, "--fix", "--format", "json"])
        XCTAssertNotNil(first.json, first.errors)
        let after = Paths.allFiles(under: site)
        let changed = after.keys.filter { after[$0] != before[$0] }.sorted()
        XCTAssertEqual(changed, ["content/about/index.nl.md", "content/palestine/index.nl.md"])
        XCTAssertEqual(Set(after.keys), Set(before.keys), "no stray temporary files")

        let nl = String(decoding: after["content/about/index.nl.md"]!, as: UTF8.self)
        XCTAssertTrue(nl.contains("Heeft je werkplek überhaupt een"))
        let palestine = String(decoding: after["content/palestine/index.nl.md"]!, as: UTF8.self)
        XCTAssertTrue(palestine.contains("[bestaande-initiatieven](#bestaande-initiatieven)"))
        XCTAssertTrue(palestine.contains("(#wat-kun-je-doen-als-techwerker)"))
        // Every other byte is unchanged: undo the three edits by hand and compare.
        var restored = palestine.replacingOccurrences(of: "(#bestaande-initiatieven)", with: "(#bestaande-initiativen)")
        restored = restored.replacingOccurrences(of: "(#wat-kun-je-doen-als-techwerker)", with: "(#what-can-you-do-as-a-tech-worker)")
        XCTAssertEqual(Data(restored.utf8), before["content/palestine/index.nl.md"])
        XCTAssertEqual(Data(nl.replacingOccurrences(of: "überhaupt", with: "Ã¼berhaupt").utf8), before["content/about/index.nl.md"])

        let remaining = try XCTUnwrap(first.json?["diagnostics"] as? [[String: Any]])
        XCTAssertFalse(remaining.contains { ($0["fix"] as? [String: Any])?["safe"] as? Bool == true })
        let second = ToolRun.run(["fix", site])
        XCTAssertEqual(Paths.allFiles(under: site), after, "a second --fix changes nothing")
        XCTAssertEqual(second.status, 0, "only warnings remain: \(second.output)")
    }
}
