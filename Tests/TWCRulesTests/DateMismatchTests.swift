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
        // YAML keeps it: the instants differ (a difference within a day that the rule does not
        // report, readers seeing one date).
        let site = try ExampleSite.build([
            ("content/p.md", "---\ndate: 2025-08-15T10:30:00.5Z\n---\n"),
            ("content/p.nl.md", "---\ndate: 2025-08-15T10:30:00Z\n---\n"),
        ])
        let dates = site.pages.sorted { $0.path < $1.path }.compactMap { $0.dates.date?.time.date }
        XCTAssertEqual(dates.count, 2)
        XCTAssertEqual(dates[0].timeIntervalSince(dates[1]), 0.5, accuracy: 0.001)
    }

    /// Times of one day are one date for readers (a CMS publishes each version seconds apart).
    func testTimesOfOneDayAreNotReported() throws {
        XCTAssertEqual(
            try findings([
                ("content/p.md", "---\ndate: 2019-08-30T15:23:58.499Z\n---\n"),
                ("content/p.nl.md", "---\ndate: 2019-08-30T15:30:37.498Z\n---\n"),
            ]), [])
        XCTAssertEqual(
            try findings([
                ("content/p.md", "---\ndate: 2019-08-30T23:30:00Z\n---\n"),
                ("content/p.nl.md", "---\ndate: 2019-08-31T00:10:00Z\n---\n"),
            ]).count, 1)
    }

    /// The oracle fixture of configured date chains (its dates are checked against Hugo 0.168 by
    /// HugoDateOracleTests): the two versions of the offer expire a year apart, and the
    /// configured `sunset` and `goLive` keys decide dates on other pages without mismatches.
    func testExpiryDatesOfTheDateChainsFixture() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../fixtures/hugo-dates-chains").standardizedFileURL.path
        let site = try SiteLoader.load(
            root: root, options: SiteLoadOptions(clock: ISO8601DateFormatter().date(from: "2025-06-01T12:00:00Z")))
        let found = Linter.run(site, rules: [DateMismatchRule()])
        XCTAssertEqual(
            found.map { "\($0.span.file):\($0.span.start.line): \($0.message)" },
            [
                "content/offer.nl.md:4: expiryDate is 2029-01-01T00:00:00Z here but 2030-01-01T00:00:00Z in the en version; "
                    + "give both versions the same expiryDate"
            ])
    }
}
