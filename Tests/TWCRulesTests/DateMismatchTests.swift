import Foundation
import TWCCore
import TWCRules
import TWCSite
import XCTest

/// `date-mismatch` compares the dates Hugo reads: per front matter format, in each language's zone.
final class DateMismatchTests: XCTestCase {
    func findings(_ files: [(path: String, text: String)], nlZone: String? = nil) throws -> [String] {
        var files = files
        if let nlZone {
            let config = ExampleSite.configuration.replacingOccurrences(
                of: "label = \"Nederlands\"\n", with: "label = \"Nederlands\"\n  timeZone = \"\(nlZone)\"\n")
            files.append(("hugo.toml", config))
        }
        let site = try ExampleSite.build(files)
        var diagnostics: [Diagnostic] = []
        for page in site.pages { DateMismatchRule().check(page: page, in: site, into: &diagnostics) }
        return diagnostics.map(\.message)
    }

    func testInstantsInEachLanguagesZone() throws {
        // 10:00Z and 06:00 in New York (-04:00) are one instant.
        XCTAssertEqual(
            try findings(
                [
                    ("content/p.md", "---\ndate: 2025-08-15T10:00:00Z\n---\n"),
                    ("content/p.nl.md", "---\ndate: 2025-08-15T06:00:00\n---\n"),
                ], nlZone: "America/New_York"), [])
        // The same text is no mismatch, though Hugo reads it in two zones.
        XCTAssertEqual(
            try findings(
                [
                    ("content/p.md", "---\ndate: 2025-03-23\n---\n"),
                    ("content/p.nl.md", "---\ndate: 2025-03-23\n---\n"),
                ], nlZone: "America/New_York"), [])
        XCTAssertEqual(
            try findings(
                [
                    ("content/p.md", "---\ndate: 2025-03-23\n---\n"),
                    ("content/p.nl.md", "---\ndate: 2025-03-24\n---\n"),
                ], nlZone: "America/New_York"
            ).count, 1)
    }

    func testFormatsAsHugoReadsThem() throws {
        // Hugo drops the fraction of a TOML offset date-time.
        XCTAssertEqual(
            try findings([
                ("content/p.md", "+++\ndate = 2025-08-15T10:30:00.5Z\n+++\n"),
                ("content/p.nl.md", "---\ndate: 2025-08-15T10:30:00Z\n---\n"),
            ]), [])
        XCTAssertEqual(
            try findings([
                ("content/p.md", "---\ndate: 2025-08-15T10:30:00.5Z\n---\n"),
                ("content/p.nl.md", "---\ndate: 2025-08-15T10:30:00Z\n---\n"),
            ]).count, 1)
    }
}
