import Foundation
import TWCCore
import XCTest

@testable import TWCFrontmatter

final class ConformanceTests: XCTestCase {
    func loadJSON(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: conformanceURL(name))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    func testYAMLTestSuite() throws {
        let cases = try loadJSON("yaml-test-suite.json")
        var jsonOK = 0
        var jsonTotal = 0
        var errOK = 0
        var errTotal = 0
        var failures: [String] = []
        for c in cases {
            let id = c["id"] as? String ?? "?"
            let yaml = bytes(c["yaml"] as? String ?? "")
            let isError = c["error"] as? Bool ?? false
            if isError {
                errTotal += 1
                if (try? YAMLParser.parseStream(yaml, range: 0..<yaml.count, strict: true)) == nil {
                    errOK += 1
                } else {
                    failures.append("\(id) (should fail)")
                }
                continue
            }
            guard let json = c["json"] as? String else { continue }
            jsonTotal += 1
            let jb = bytes(json)
            guard let expected = try? JSONParser.parseSequence(jb, range: 0..<jb.count) else { continue }
            do {
                let docs = try YAMLParser.parseStream(yaml, range: 0..<yaml.count, strict: true)
                if docs.count == expected.count && zip(docs, expected).allSatisfy({ sameValue($0, $1) }) {
                    jsonOK += 1
                } else {
                    failures.append("\(id) (wrong value)")
                }
            } catch {
                failures.append("\(id) (\(error.message))")
            }
        }
        print("yaml-test-suite: json \(jsonOK)/\(jsonTotal), error \(errOK)/\(errTotal)")
        if ProcessInfo.processInfo.environment["TWC_VERBOSE"] != nil { print(failures.joined(separator: "\n")) }
        // Floors = the measured counts (277/279, 94/94); they must not regress. The two misses,
        // JEF9/02 and L24T/01, are a block scalar whose last line is whitespace ending at the end of
        // the input with no line break: the suite counts a line break there, PyYAML (and we) do not.
        // It cannot happen in front matter, where a line break always precedes the closing delimiter.
        XCTAssertGreaterThanOrEqual(jsonOK, 277)
        XCTAssertGreaterThanOrEqual(errOK, 94)
    }

    func tomlTagged(_ v: Any) -> FrontmatterValue? {
        let r = SourceRange(0, 0)
        if let arr = v as? [Any] {
            var items: [FrontmatterValue] = []
            for x in arr {
                guard let i = tomlTagged(x) else { return nil }
                items.append(i)
            }
            return FrontmatterValue(kind: .array(items), range: r)
        }
        guard let d = v as? [String: Any] else { return nil }
        if d.count == 2, let type = d["type"] as? String, let value = d["value"] as? String {
            switch type {
            case "string": return FrontmatterValue(kind: .string(value), range: r)
            case "integer": return Int64(value).map { FrontmatterValue(kind: .integer($0), range: r) }
            case "float":
                switch value {
                case "inf", "+inf": return FrontmatterValue(kind: .float(.infinity), range: r)
                case "-inf": return FrontmatterValue(kind: .float(-.infinity), range: r)
                case "nan", "+nan", "-nan": return FrontmatterValue(kind: .float(.nan), range: r)
                default: return Double(value).map { FrontmatterValue(kind: .float($0), range: r) }
                }
            case "bool": return FrontmatterValue(kind: .bool(value == "true"), range: r)
            default: return FrontmatterValue(kind: .datetime(normalizeDate(value)), range: r)
            }
        }
        var entries: [FrontmatterEntry] = []
        for (k, x) in d {
            guard let i = tomlTagged(x) else { return nil }
            entries.append(FrontmatterEntry(key: k, keyRange: r, value: i))
        }
        return FrontmatterValue(kind: .table(entries), range: r)
    }

    /// Normalises a date-time for comparison: uppercase, 'T' separator, fraction without trailing zeros.
    func normalizeDate(_ s: String) -> String {
        var t = s.uppercased().replacingOccurrences(of: " ", with: "T")
        if let dot = t.firstIndex(of: ".") {
            var e = t.index(after: dot)
            while e < t.endIndex, t[e].isNumber { e = t.index(after: e) }
            var frac = String(t[t.index(after: dot)..<e])
            while frac.hasSuffix("0") { frac.removeLast() }
            t = String(t[..<dot]) + (frac.isEmpty ? "" : "." + frac) + String(t[e...])
        }
        return t
    }

    func normalizeDates(_ v: FrontmatterValue) -> FrontmatterValue {
        var v = v
        switch v.kind {
        case .datetime(let s): v.kind = .datetime(normalizeDate(s))
        case .array(let a): v.kind = .array(a.map(normalizeDates))
        case .table(let es):
            v.kind = .table(
                es.map { FrontmatterEntry(key: $0.key, keyRange: $0.keyRange, value: normalizeDates($0.value)) })
        default: break
        }
        return v
    }

    func tomlStrict(_ a: FrontmatterValue, _ b: FrontmatterValue) -> Bool {
        // like sameValue, but integer and float must not be mixed
        switch (a.kind, b.kind) {
        case (.integer, .float), (.float, .integer): return false
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { tomlStrict($0, $1) }
        case (.table(let x), .table(let y)):
            guard x.count == y.count else { return false }
            var d: [String: FrontmatterValue] = [:]
            for e in y { d[e.key] = e.value }
            return x.allSatisfy { e in d[e.key].map { tomlStrict(e.value, $0) } ?? false }
        default: return sameValue(a, b)
        }
    }

    func testTOMLTest() throws {
        let cases = try loadJSON("toml-test-1.0.0.json")
        var validOK = 0
        var validTotal = 0
        var invalidOK = 0
        var invalidTotal = 0
        var failures: [String] = []
        for c in cases {
            let path = c["path"] as? String ?? "?"
            var input: [UInt8]
            if let t = c["toml"] as? String {
                input = bytes(t)
            } else if let b64 = c["toml_b64"] as? String, let d = Data(base64Encoded: b64) {
                input = [UInt8](d)
            } else {
                continue
            }
            let valid = c["valid"] as? Bool ?? false
            let result: FrontmatterValue?
            var message = ""
            do { result = try TOMLParser.parse(input, range: 0..<input.count) } catch {
                result = nil
                message = error.message
            }
            if !valid {
                invalidTotal += 1
                if result == nil { invalidOK += 1 } else { failures.append("\(path) (should fail)") }
                continue
            }
            validTotal += 1
            guard let got = result else {
                failures.append("\(path): \(message)")
                continue
            }
            guard let js = c["json"] as? String,
                let obj = try? JSONSerialization.jsonObject(with: Data(js.utf8), options: [.fragmentsAllowed]),
                let expected = tomlTagged(obj)
            else {
                failures.append("\(path): bad expectation")
                continue
            }
            if tomlStrict(normalizeDates(got), expected) {
                validOK += 1
            } else {
                failures.append("\(path) (wrong value)")
            }
        }
        print("toml-test 1.0.0: valid \(validOK)/\(validTotal), invalid \(invalidOK)/\(invalidTotal)")
        if ProcessInfo.processInfo.environment["TWC_VERBOSE"] != nil { print(failures.joined(separator: "\n")) }
        // Floors = measured counts (210/210, 497/499). The two misses (invalid/control/bare-cr,
        // comment-cr) lost their CR byte when the suite was dumped to JSON: the input is valid as stored.
        XCTAssertGreaterThanOrEqual(validOK, 210)
        XCTAssertGreaterThanOrEqual(invalidOK, 497)
    }
}
