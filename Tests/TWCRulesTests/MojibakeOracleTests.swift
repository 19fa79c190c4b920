import Foundation
import TWCCore
import TWCRules
import TWCTestSupport
import XCTest

/// ftfy as a differential oracle: `scripts/mojibake-oracle.py` makes mojibake from the clean
/// corpus (`fixtures/mojibake/clean/`) with Python's codecs, through every code page, once to
/// three times, with lossy and mixed variants, and records what `ftfy.fix_encoding` makes of
/// each. This test repairs the same texts with `MojibakeScanner` and compares.
final class MojibakeOracleTests: XCTestCase {
    struct Case: Decodable {
        var id: Int
        var variant: String
        var codec: String
        var depth: Int
        var original: String
        var broken: String
        var ftfy: String
        var stages: [String]
    }

    struct Counts {
        var cases = 0
        var detected = 0
        var exact = 0
        var ftfyDetected = 0
        var ftfyExact = 0
        /// Exact repairs made by safe fixes alone (what `--fix` applies).
        var safeExact = 0

        mutating func add(_ other: Counts) {
            cases += other.cases
            detected += other.detected
            exact += other.exact
            ftfyDetected += other.ftfyDetected
            ftfyExact += other.ftfyExact
            safeExact += other.safeExact
        }
    }

    static let reportAll = ProcessInfo.processInfo.environment["TWC_MOJIBAKE_ALL"] != nil
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Floors recorded from the run that introduced them: recall and exact repairs (per
    /// thousand) over all broken cases must not fall below them.
    static let recallFloor = 875
    static let exactFloor = 640

    func testAgainstFtfy() throws {
        let python = try ExternalTool.pythonWithFtfy()
        let cases = try Self.generate(python: python)
        var byVariant: [String: Counts] = [:]
        var byCodec: [String: Counts] = [:]
        var falseAlarms: [Case] = []
        var ftfyFalseAlarms = 0
        var wrongSafeFixes: [Case] = []
        var wrongRuns: [String] = []
        var misses: [String] = []
        for item in cases {
            let runs = MojibakeScanner.runs(in: Array(item.broken.utf8))
            let repaired = Self.apply(runs, to: item.broken)
            if item.variant == "clean" {
                if !runs.isEmpty { falseAlarms.append(item) }
                if item.ftfy != item.broken { ftfyFalseAlarms += 1 }
                continue
            }
            var counts = Counts(cases: 1)
            counts.detected = runs.isEmpty ? 0 : 1
            counts.exact = repaired == item.original ? 1 : 0
            counts.ftfyDetected = item.ftfy != item.broken ? 1 : 0
            counts.ftfyExact = item.ftfy == item.original ? 1 : 0
            counts.safeExact = counts.exact == 1 && runs.allSatisfy(\.exact) ? 1 : 0
            byVariant[item.variant, default: Counts()].add(counts)
            byCodec[item.codec, default: Counts()].add(counts)
            // A safe fix must give back what the text said before one or more misreadings.
            let bytes = Array(item.broken.utf8)
            for run in runs where run.exact && ["plain", "mixed", "nbsp"].contains(item.variant) {
                let text = run.repaired ?? ""
                if !item.stages.contains(where: { Self.contains(Array($0.utf8), Array(text.utf8)) }) {
                    wrongSafeFixes.append(item)
                    wrongRuns.append(
                        "WRONG \(item.codec) ×\(item.depth): '\(String(decoding: bytes[run.range.range], as: UTF8.self))' -> '\(text)' (\(run.explanation)) in \(item.broken) want \(item.original)"
                    )
                    break
                }
            }
            if counts.exact == 0, counts.ftfyExact == 1 || counts.detected == 0 || Self.reportAll {
                misses.append(
                    "\(item.id) \(item.variant) \(item.codec) ×\(item.depth)\n  broken: \(item.broken)\n  ours:   \(repaired)\n  ftfy:   \(item.ftfy)\n  want:   \(item.original)"
                )
            }
        }
        var total = Counts()
        for counts in byVariant.values { total.add(counts) }
        let clean = cases.filter { $0.variant == "clean" }.count
        Self.report(Self.table("variant", byVariant) + Self.table("code page", byCodec))
        Self.report(
            "mojibake oracle: \(total.cases) broken texts: twc-lint detects \(total.detected), repairs \(total.exact) exactly (\(total.safeExact) by safe fixes alone); ftfy detects \(total.ftfyDetected), repairs \(total.ftfyExact) exactly"
        )
        Self.report(
            "mojibake oracle: \(clean) clean texts: twc-lint flags \(falseAlarms.count), ftfy changes \(ftfyFalseAlarms)"
        )
        if let path = ProcessInfo.processInfo.environment["TWC_MOJIBAKE_MISSES"] {
            let report =
                falseAlarms.map { "FALSE ALARM \($0.original)" } + wrongRuns + misses
            try report.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        XCTAssertGreaterThan(clean, 0)
        XCTAssertEqual(falseAlarms.map(\.original), [], "findings on correct text")
        XCTAssertEqual(
            wrongSafeFixes.count, 0,
            "safe fixes that do not give back the original, first: \(wrongRuns.prefix(3).joined(separator: "\n"))")
        // At least ftfy's recall and exact repairs overall, and its exact repairs for every code page
        // (per code page, detection is printed: ftfy counts U+FFFD it writes into lossy text as a
        // detection, and one ISO-8859-1 text of 2,498 is detected by ftfy alone).
        XCTAssertGreaterThanOrEqual(total.detected, total.ftfyDetected, "detects less than ftfy")
        for (name, counts) in byCodec.sorted(by: { $0.key < $1.key }) + [("all", total)] {
            XCTAssertGreaterThanOrEqual(counts.exact, counts.ftfyExact, "\(name): repairs exactly less than ftfy")
        }
        XCTAssertGreaterThanOrEqual(total.detected * 1000 / max(total.cases, 1), Self.recallFloor)
        XCTAssertGreaterThanOrEqual(total.exact * 1000 / max(total.cases, 1), Self.exactFloor)
    }

    /// Writes a line to standard output unbuffered (XCTest's own output may come first otherwise).
    static func report(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Whether `bytes` contains `part` (bytes, so that part of a grapheme cluster counts).
    static func contains(_ bytes: [UInt8], _ part: [UInt8]) -> Bool {
        guard !part.isEmpty else { return true }
        guard bytes.count >= part.count else { return false }
        for start in 0...(bytes.count - part.count) where bytes[start] == part[0] {
            if bytes[start..<start + part.count].elementsEqual(part) { return true }
        }
        return false
    }

    /// The text with every run that has a repair replaced by it (the safe and unsafe fixes).
    static func apply(_ runs: [MojibakeScanner.Run], to text: String) -> String {
        var bytes = Array(text.utf8)
        for run in runs.reversed() {
            if let repaired = run.repaired { bytes.replaceSubrange(run.range.range, with: Array(repaired.utf8)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func generate(python: String) throws -> [Case] {
        let output = NSTemporaryDirectory() + "twc-mojibake-cases-\(ProcessInfo.processInfo.processIdentifier).jsonl"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            packageRoot + "/scripts/mojibake-oracle.py",
            ProcessInfo.processInfo.environment["TWC_MOJIBAKE_CLEAN"] ?? packageRoot + "/fixtures/mojibake/clean",
        ]
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "mojibake-oracle.py failed")
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        let decoder = JSONDecoder()
        return try data.split(separator: 0x0A).map { try decoder.decode(Case.self, from: Data($0)) }
    }

    static func table(_ title: String, _ rows: [String: Counts]) -> String {
        var lines = [
            title.padding(toLength: 16, withPad: " ", startingAt: 0)
                + "  cases  detected (ftfy)   exact (ftfy)  safe"
        ]
        for (name, counts) in rows.sorted(by: { $0.key < $1.key }) {
            func cell(_ value: Int, _ other: Int) -> String {
                "\(value)".leftPad(8) + " (\(other))".padding(toLength: 8, withPad: " ", startingAt: 0)
            }
            lines.append(
                name.padding(toLength: 16, withPad: " ", startingAt: 0) + "\(counts.cases)".leftPad(7)
                    + cell(counts.detected, counts.ftfyDetected) + cell(counts.exact, counts.ftfyExact)
                    + "\(counts.safeExact)".leftPad(6))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
