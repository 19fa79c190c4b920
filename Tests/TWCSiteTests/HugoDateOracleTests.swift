import Foundation
import TWCCore
import TWCFrontmatter
import TWCSite
import TWCTestSupport
import XCTest

/// Builds the date fixture sites with the real Hugo and compares `.Date`, `.PublishDate`,
/// `.Lastmod`, `.ExpiryDate` (full precision and offset) and `.Date.IsZero` of every page with
/// `HugoDate.resolve` over the same front matter; then checks, one small site per value, that
/// `HugoDate` rejects exactly the values Hugo fails the build on.
final class HugoDateOracleTests: XCTestCase {
    static let zeroTime = "0001-01-01T00:00:00Z"

    func testFrontmatterDates() throws { try compareWithHugo(site: "hugo-dates", minimumPages: 340) }

    func testLanguageTimeZones() throws { try compareWithHugo(site: "hugo-dates-languages", minimumPages: 53) }

    /// Configured `[frontmatter]` chains: custom keys (`goLive`, `sunset`, `updated`), `:filename`
    /// dates and slugs; pages future or expired through them are left out, as Hugo leaves them out.
    func testConfiguredChains() throws {
        try compareWithHugo(
            site: "hugo-dates-chains", minimumPages: 15, clock: HugoOracleTests.clock, minimumUnpublished: 3)
    }

    /// The languages fixture's zones as the config loader reads them (no Hugo needed).
    func testLanguageTimeZoneConfig() throws {
        let config = try SiteConfigLoader.load(
            DiskFileSystem(root: HugoOracleTests.packageRoot + "/fixtures/hugo-dates-languages"))
        XCTAssertEqual(
            config.languageKeys.map { config.timeZone(for: $0).identifier },
            ["UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"].map {
                TimeZone(identifier: $0)!.identifier
            })
        XCTAssertEqual(config.timeZone(for: "en"), config.timeZone)
        XCTAssertEqual(config.timeZone(for: "xx"), config.timeZone)
    }

    /// Builds `name` with Hugo (at `clock` if given) and compares every page's dates, and its
    /// RelPermalink when the site's layout prints it; pages the model does not publish must be
    /// missing from Hugo's list.
    func compareWithHugo(site name: String, minimumPages: Int, clock: String? = nil, minimumUnpublished: Int = 0) throws
    {
        let root = HugoOracleTests.packageRoot + "/fixtures/" + name
        let output = NSTemporaryDirectory() + "twc-hugo-dates-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        let build = try Self.runHugo(source: root, destination: output, clock: clock)
        XCTAssertEqual(build.status, 0, build.errors)
        let model = try SiteLoader.load(
            root: root, options: SiteLoadOptions(clock: clock.flatMap { ISO8601DateFormatter().date(from: $0) }))
        // Hugo's lines, by "language|content/path".
        var hugo: [String: [String]] = [:]
        for language in model.config.languages {
            let file = output + model.config.urlPrefix(for: language.key) + "dates.txt"
            let text = try XCTUnwrap(try? String(contentsOfFile: file, encoding: .utf8), "Hugo wrote no \(file)")
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                XCTAssertTrue(fields.count == 7 || fields.count == 8, String(line))
                guard fields.count == 7 || fields.count == 8 else { continue }
                hugo[fields[0] + "|content/" + fields[1]] = Array(fields[2...])
            }
        }
        var agree = 0
        var unpublished = 0
        var disagreements: [String] = []
        for page in model.pages {
            let key = page.language + "|" + page.path
            guard page.isPublished else {
                XCTAssertNil(
                    hugo.removeValue(forKey: key),
                    "Hugo publishes \(key); the model says \(page.publishState.reason ?? "")")
                unpublished += 1
                continue
            }
            guard var expected = hugo.removeValue(forKey: key) else {
                XCTFail("Hugo did not list \(key)")
                continue
            }
            XCTAssertNil(page.parsed.frontmatterError, page.path)
            let dates = page.dates
            XCTAssertEqual(dates.unparseable.map(\.key), [], "\(page.path): Hugo read every date of this page")
            let fields: [(String, HugoDates.Source?)] = [
                ("Date", dates.date), ("PublishDate", dates.publishDate),
                ("Lastmod", dates.lastmod), ("ExpiryDate", dates.expiryDate),
            ]
            var mine = fields.map { $0.1?.time.formatted ?? Self.zeroTime }
            mine.append(String(dates.date?.time.isZero ?? true))
            if expected.count == 6 {
                XCTAssertEqual(page.relPermalink, expected.removeLast(), "RelPermalink of \(page.path)")
            }
            if mine == expected {
                agree += 1
                continue
            }
            for (index, name) in (fields.map(\.0) + ["Date.IsZero"]).enumerated() where mine[index] != expected[index] {
                let from = index < 4 ? fields[index].1.map { " (from \($0.origin))" } ?? "" : ""
                disagreements.append("\(key) .\(name): Hugo \(expected[index]), HugoDate \(mine[index])\(from)")
            }
        }
        XCTAssertEqual(hugo.keys.sorted(), [], "pages Hugo listed that the site model does not know")
        let published = model.pages.count - unpublished
        print(
            "Hugo dates (\(name)): \(agree)/\(published) pages agree (\(agree * 4) of \(published * 4) dates), "
                + "\(unpublished) left out by both")
        XCTAssertEqual(disagreements, [])
        XCTAssertGreaterThanOrEqual(model.pages.count, minimumPages)
        XCTAssertGreaterThanOrEqual(unpublished, minimumUnpublished)
    }

    /// Values Hugo may or may not read (each in a one-page site, timeZone Europe/Amsterdam): Hugo
    /// fails the build exactly when HugoDate finds the value unparseable; otherwise both agree on it.
    func testUnparseableValues() throws {
        let cases: [(FrontmatterFormat, String)] = [
            (.yaml, "date: 2025-08-15 10:30"),  // no seconds
            (.yaml, "date: 2025-3-5"),  // one-digit month and day
            (.yaml, "date: 2025-02-30"),  // no such day
            (.yaml, "date: 2025-02-29"),  // not a leap year
            (.yaml, "date: 15/08/2025"),
            (.yaml, "date: tomorrow"),
            (.yaml, "date: 5 Aug 2025"),  // `02 Jan 2006` wants two digits
            (.yaml, "date: 2025-08-15T24:00:00"),
            (.yaml, "date: 2025-08-15T10:30:00+25:00"),  // Go takes offsets up to 24:00, not beyond
            (.yaml, "date: 2025-08-15t10:30:00z"),  // lower case: a string to Hugo's YAML, and not a layout
            (.yaml, "date: 2025-08-15 10:30:00 Z"),
            (.yaml, "date: Fri, 15 Aug 2025 10:30:00 XYZ"),  // any zone abbreviation passes (RFC1123)
            (.yaml, "date: \"1700000000\""),  // Unix seconds only as a number
            (.yaml, "date: 1700000000.5"),  // a float
            (.yaml, "published: false"),  // an alias of publishDate
            (.json, "{\"date\": 1700000000}"),  // JSON numbers are floats to Hugo
            (.toml, "date = 10:30:00"),  // a TOML local time
        ]
        let zone = TimeZone(identifier: "Europe/Amsterdam")!
        var matches = 0
        for (format, line) in cases {
            let text: String
            switch format {
            case .yaml: text = "---\n\(line)\n---\n"
            case .toml: text = "+++\n\(line)\n+++\n"
            case .json: text = line + "\n"
            }
            let site = NSTemporaryDirectory() + "twc-hugo-date-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: site) }
            try FileManager.default.createDirectory(atPath: site + "/content", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: site + "/layouts", withIntermediateDirectories: true)
            let fixture = HugoOracleTests.packageRoot + "/fixtures/hugo-dates"
            let config = try String(contentsOfFile: fixture + "/hugo.toml", encoding: .utf8)
            try config.write(toFile: site + "/hugo.toml", atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(
                atPath: fixture + "/layouts/home.dates.txt", toPath: site + "/layouts/home.dates.txt")
            try text.write(toFile: site + "/content/p.md", atomically: true, encoding: .utf8)

            let build = try Self.runHugo(source: site, destination: site + "/public")
            let hugoFails = build.status != 0
            if hugoFails {
                XCTAssertTrue(
                    build.errors.contains("is not a parsable date"), "\(line): Hugo failed otherwise: \(build.errors)")
            }
            let bytes = Array(text.utf8)
            let block = try XCTUnwrap(try FrontmatterParser.detect(bytes))
            let frontmatter = try FrontmatterParser.parse(bytes, block: block)
            XCTAssertEqual(block.format, format)
            let dates = HugoDate.resolve(frontmatter: frontmatter, format: format, timeZone: zone)
            let entry = try XCTUnwrap(frontmatter.entries.first)
            let parsed = HugoDate.parse(entry.value, format: format, timeZone: zone)
            XCTAssertEqual(
                parsed == nil, hugoFails,
                "\(line): Hugo \(hugoFails ? "fails" : "reads it"), HugoDate \(parsed == nil ? "does not" : "does")")
            XCTAssertEqual(dates.unparseable.map(\.key), hugoFails ? [entry.key] : [], line)
            if !hugoFails {
                let listed = (try? String(contentsOfFile: site + "/public/dates.txt", encoding: .utf8)) ?? ""
                let hugoDate = listed.split(separator: "|").dropFirst(2).first.map(String.init)
                XCTAssertEqual(dates.publishDate?.time.formatted, hugoDate, line)
            }
            if (parsed == nil) == hugoFails { matches += 1 }
        }
        print("Hugo date failures: \(matches)/\(cases.count) values agree")
    }

    /// Runs Hugo on UTC (the local zone HugoDate assumes). Skips when Hugo is missing, except on CI.
    static func runHugo(source: String, destination: String, clock: String? = nil) throws -> (
        status: Int32, errors: String
    ) {
        let hugo = try ExternalTool.hugo()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hugo)
        // Not --quiet: it also silences the ERROR lines.
        process.arguments = ["--source", source, "--destination", destination] + (clock.map { ["--clock", $0] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errors = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors, as: UTF8.self))
    }
}
