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
        // cross-language-link: the Dutch page now links the Dutch pages, in the links' own style.
        XCTAssertTrue(palestine.contains("[Organiseer je werkplek](/nl/resources/organize/)"))
        XCTAssertTrue(palestine.contains("[Techwerkerscoalitie helpt graag!](/nl/join)"))
        // Every other byte is unchanged: undo the five edits by hand and compare.
        var restored = palestine.replacingOccurrences(of: "(#bestaande-initiatieven)", with: "(#bestaande-initiativen)")
        restored = restored.replacingOccurrences(
            of: "(#wat-kun-je-doen-als-techwerker)", with: "(#what-can-you-do-as-a-tech-worker)")
        restored = restored.replacingOccurrences(of: "(/nl/resources/organize/)", with: "(/resources/organize/)")
        restored = restored.replacingOccurrences(of: "(/nl/join)", with: "(/join)")
        XCTAssertEqual(Data(restored.utf8), before["content/palestine/index.nl.md"])
        XCTAssertEqual(
            Data(nl.replacingOccurrences(of: "überhaupt", with: "Ã¼berhaupt").utf8), before["content/about/index.nl.md"]
        )

        let remaining = try XCTUnwrap(first.json?["diagnostics"] as? [[String: Any]])
        XCTAssertFalse(remaining.contains { ($0["fix"] as? [String: Any])?["safe"] as? Bool == true })
        let second = ToolRun.run(["fix", site])
        XCTAssertEqual(Paths.allFiles(under: site), after, "a second --fix changes nothing")
        // What remains: warnings, and the broken button links, whose fix is a guess (unsafe).
        let errors = remaining.filter { $0["severity"] as? String == "error" }
        XCTAssertEqual(Set(errors.map { $0["rule"] as? String }), ["broken-link"], second.output)
        XCTAssertTrue(errors.allSatisfy { ($0["fix"] as? [String: Any])?["safe"] as? Bool == false })
        XCTAssertEqual(second.status, 1)
    }

    /// `invalid-date` fixes what the author evidently meant, in YAML, TOML and JSON, keeping the
    /// quotes and every other byte; a date whose intent is not evident is reported without a fix.
    func testInvalidDatesAreRepairedInPlace() throws {
        let site = NSTemporaryDirectory() + "twc-lint-dates-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: site) }
        let files = [
            "hugo.toml": "title = \"x\"\n",
            "content/a.md":
                "---\ntitle: A # keep\ndate: 2025-3-5 # a comment\nlastmod: \"2025-08-15 10:30\"\n---\nText.\n",
            "content/b.md": "+++\ntitle = \"B\"\npublishDate = '2025-8-1T9:05+02:00'\n+++\n",
            "content/c.md": "{\"title\": \"C\", \"expiryDate\": \"2025-12-1\"}\n",
            "content/d.md": "---\ndate: 23-03-2025\n---\n",
        ]
        for (path, text) in files {
            let url = URL(fileURLWithPath: site + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let check = ToolRun.run(["check", site, "--format", "json"])
        let found = try XCTUnwrap(check.json?["diagnostics"] as? [[String: Any]]).filter {
            $0["rule"] as? String == "invalid-date"
        }
        XCTAssertEqual(found.count, 5, check.output)
        XCTAssertEqual(check.status, 1)
        _ = ToolRun.run(["fix", site])
        let read = { (path: String) in try String(contentsOfFile: site + "/" + path, encoding: .utf8) }
        XCTAssertEqual(
            try read("content/a.md"),
            "---\ntitle: A # keep\ndate: 2025-03-05 # a comment\nlastmod: \"2025-08-15 10:30:00\"\n---\nText.\n")
        XCTAssertEqual(try read("content/b.md"), "+++\ntitle = \"B\"\npublishDate = '2025-08-01T09:05:00+02:00'\n+++\n")
        XCTAssertEqual(try read("content/c.md"), "{\"title\": \"C\", \"expiryDate\": \"2025-12-01\"}\n")
        XCTAssertEqual(try read("content/d.md"), files["content/d.md"], "day-first dates are not guessed")
        let after = ToolRun.run(["check", site, "--format", "json"])
        let left = try XCTUnwrap(after.json?["diagnostics"] as? [[String: Any]]).filter {
            $0["rule"] as? String == "invalid-date"
        }
        XCTAssertEqual(left.count, 1)
    }
}
