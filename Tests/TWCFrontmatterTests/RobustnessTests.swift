import TWCCore
import XCTest

@testable import TWCFrontmatter

/// Hostile front matter and configuration (issue "Reliability: no crash, no hang"): nesting deeper
/// than a parser accepts, whichever way it is written, ends in a located error, never a stack
/// overflow; aliases cannot make a value exponentially large. Each test builds its input.
final class FrontmatterRobustnessTests: XCTestCase {
    enum Format { case yaml, toml, json }

    func parse(_ text: String, _ format: Format) throws(FrontmatterError) -> FrontmatterValue {
        let b = Array(text.utf8)
        switch format {
        case .yaml: return try YAMLParser.parse(b, range: 0..<b.count)
        case .toml: return try TOMLParser.parse(b, range: 0..<b.count)
        case .json: return try JSONParser.parse(b, range: 0..<b.count)
        }
    }

    /// The byte offset of the `n`th (1-based) occurrence of `needle` in `text`.
    func offset(of needle: String, occurrence n: Int, in text: String) -> Int {
        let b = Array(text.utf8)
        let w = Array(needle.utf8)
        var seen = 0
        var i = 0
        while i + w.count <= b.count {
            if Array(b[i..<(i + w.count)]) == w {
                seen += 1
                if seen == n { return i }
            }
            i += 1
        }
        XCTFail("fewer than \(n) occurrences of \(needle)")
        return -1
    }

    /// `text` fails with `message` at byte `at` (the start of the error's range, inside the input).
    func assertError(
        _ text: String, _ format: Format, _ message: String, at: Int?, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        do {
            _ = try parse(text, format)
            XCTFail("parsed without an error", file: file, line: line)
        } catch {
            XCTAssertTrue(error.message.contains(message), error.message, file: file, line: line)
            if let at {
                XCTAssertEqual(
                    error.range.start, at, "error at \(error.range), message: \(error.message)", file: file, line: line)
            }
            XCTAssertLessThanOrEqual(error.range.end, text.utf8.count, file: file, line: line)
        }
    }

    /// The nesting depth of a value: scalars 0, a collection one more than its deepest item.
    func depth(_ v: FrontmatterValue) -> Int {
        var deepest = 0
        var stack = [(v, 0)]
        while let (x, d) = stack.popLast() {
            deepest = max(deepest, d)
            switch x.kind {
            case .array(let items): for i in items { stack.append((i, d + 1)) }
            case .table(let entries): for e in entries { stack.append((e.value, d + 1)) }
            default: break
            }
        }
        return deepest
    }

    // MARK: TOML (front matter and hugo.toml)

    func testTOMLInlineTablesTwentyThousandDeep() {
        let n = 20_000
        let text = "a = " + String(repeating: "{a = ", count: n) + "1" + String(repeating: "}", count: n) + "\n"
        // The root table holds `a`, whose inline table is at depth 1: the 300th inline table is the
        // deepest accepted, and the value of its key `a` is refused.
        assertError(text, .toml, "values nested too deeply", at: offset(of: "{", occurrence: 300, in: text) + 1)
        // Through the page: the front matter of a page fails with the same located error.
        let page = Array(("+++\n" + text + "+++\nbody\n").utf8)
        do {
            let block = try XCTUnwrap(try FrontmatterParser.detect(page))
            _ = try FrontmatterParser.parse(page, block: block)
            XCTFail("parsed")
        } catch let error as FrontmatterError {
            XCTAssertEqual(error.message, "values nested too deeply")
            XCTAssertEqual(error.range.start, 4 + offset(of: "{", occurrence: 300, in: text) + 1)
        } catch {
            XCTFail("\(error)")
        }
    }

    func testTOMLArraysAndMixedTwentyThousandDeep() {
        let n = 20_000
        let arrays = "a = " + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "\n"
        assertError(arrays, .toml, "values nested too deeply", at: offset(of: "[", occurrence: 301, in: arrays))
        let mixed = "a = " + String(repeating: "[{a = ", count: n / 2) + "1" + String(repeating: "}]", count: n / 2)
        assertError(mixed, .toml, "values nested too deeply", at: offset(of: "{", occurrence: 150, in: mixed) + 1)
        // Unclosed: the limit is met before the end of the input.
        let open = "a = " + String(repeating: "{b = [", count: n)
        assertError(open, .toml, "values nested too deeply", at: offset(of: "{", occurrence: 151, in: open))
    }

    func testTOMLDottedKeysAndHeaders() {
        let n = 20_000
        let parts = Array(repeating: "k", count: n).joined(separator: ".")
        // `k.k. ... .k = 1`: the 300th part is the deepest table; the part after it is refused.
        let dotted = parts + " = 1\n"
        assertError(dotted, .toml, "values nested too deeply", at: 300 * 2)
        assertError("[" + parts + "]\n", .toml, "values nested too deeply", at: 1 + 300 * 2)
        assertError("[[" + parts + "]]\n", .toml, "values nested too deeply", at: 2 + 300 * 2)
        // The array of tables of the last part nests two levels (the array, then its table).
        let parts300 = Array(repeating: "k", count: 300).joined(separator: ".")
        assertError("[[" + parts300 + "]]\n", .toml, "values nested too deeply", at: 2 + 299 * 2)
        XCTAssertEqual(depth(try! parse("[[" + parts300.dropLast(2) + "]]\n", .toml)), 300)
        // Mixed: a header 200 deep, dotted keys 90 deep below it, then inline tables and arrays.
        let header = "[" + Array(repeating: "h", count: 200).joined(separator: ".") + "]\n"
        let key = Array(repeating: "d", count: 90).joined(separator: ".")
        let mixed = header + key + " = " + String(repeating: "{x = [", count: 100) + "1"
        // Depth 290 for the first inline table, two more for each `{x = [`: the sixth table's key is refused.
        assertError(mixed, .toml, "values nested too deeply", at: offset(of: "{x", occurrence: 6, in: mixed) + 1)
    }

    func testTOMLDeepestAcceptedNestingParses() throws {
        let arrays = "a = " + String(repeating: "[", count: 299) + "1" + String(repeating: "]", count: 299) + "\n"
        XCTAssertEqual(depth(try parse(arrays, .toml)), 300)
        let dotted = Array(repeating: "k", count: 300).joined(separator: ".") + " = 1\n"
        XCTAssertEqual(depth(try parse(dotted, .toml)), 300)
        let inline = "a = " + String(repeating: "{a = ", count: 299) + "1" + String(repeating: "}", count: 299) + "\n"
        XCTAssertEqual(depth(try parse(inline, .toml)), 300)
    }

    // MARK: JSON

    func testJSONTwentyThousandDeep() {
        let n = 20_000
        let arrays = String(repeating: "[", count: n) + String(repeating: "]", count: n)
        assertError(arrays, .json, "JSON nested too deeply", at: 501)
        let objects = String(repeating: "{\"a\":", count: n) + "1" + String(repeating: "}", count: n)
        assertError(objects, .json, "JSON nested too deeply", at: offset(of: "{", occurrence: 502, in: objects))
        let mixed = String(repeating: "{\"a\":[", count: n / 2)
        assertError(mixed, .json, "JSON nested too deeply", at: offset(of: "[", occurrence: 251, in: mixed))
        let deepest = String(repeating: "[", count: 501) + String(repeating: "]", count: 501)
        XCTAssertEqual(depth(try! parse(deepest, .json)), 500)
    }

    // MARK: YAML

    func testYAMLFlowTwentyThousandDeep() {
        let n = 20_000
        let flow = "a: " + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "\n"
        // The document is depth 1, the value of `a` depth 2: the 200th bracket is one level too deep.
        assertError(flow, .yaml, "YAML nested too deeply", at: offset(of: "[", occurrence: 200, in: flow))
        let maps = "a: " + String(repeating: "{a: ", count: n) + "1" + String(repeating: "}", count: n) + "\n"
        // The key of the 199th mapping is one level too deep.
        assertError(maps, .yaml, "YAML nested too deeply", at: offset(of: "{", occurrence: 199, in: maps) + 1)
        let mixed = "a: " + String(repeating: "[{a: ", count: n / 2) + "1\n"
        assertError(mixed, .yaml, "YAML nested too deeply", at: offset(of: "{", occurrence: 100, in: mixed))
    }

    func testYAMLBlockAndMixedDeep() {
        let n = 20_000
        let sequences = String(repeating: "- ", count: n) + "x\n"
        assertError(sequences, .yaml, "YAML nested too deeply", at: offset(of: "-", occurrence: 201, in: sequences))
        let lines = (0..<1_000).map { String(repeating: " ", count: $0) + "a:\n" }.joined()
        assertError(lines, .yaml, "YAML nested too deeply", at: offset(of: "a:", occurrence: 201, in: lines))
        let seqMaps = (0..<1_000).map { String(repeating: " ", count: 2 * $0) + "- a:\n" }.joined()
        // Each line nests two levels (the sequence, then the mapping in it).
        assertError(seqMaps, .yaml, "YAML nested too deeply", at: offset(of: "-", occurrence: 101, in: seqMaps))
        // Block nodes holding flow collections holding ... on one line per level.
        let blockFlow = (0..<1_000).map { String(repeating: " ", count: $0) + "a: [[[[\n" }.joined()
        assertError(blockFlow, .yaml, "YAML nested too deeply", at: nil)
    }

    // MARK: YAML aliases

    /// The "billion laughs": nine levels of nine aliases would make 9^9 nodes.
    func testBillionLaughs() {
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        // Expected: the alias whose value brings the added nodes over the budget, in document order.
        var sizes = ["a": 10]
        for (previous, name) in zip(names, names.dropFirst()) { sizes[name] = 1 + 9 * sizes[previous]! }
        let b = Array(text.utf8)
        var added = 0
        var expected = -1
        for i in b.indices where b[i] == UInt8(ascii: "*") {
            added += sizes[String(UnicodeScalar(b[i + 1]))]!
            if added > YAMLImpl.aliasNodeBudget {
                expected = i
                break
            }
        }
        XCTAssertGreaterThan(expected, 0)
        assertError(text, .yaml, "excessive aliasing", at: expected)
    }

    /// Aliases within the budget expand to the values they name.
    func testAliasesWithinTheBudget() throws {
        var text = "a: &a [x, y]\nb: &b {p: *a, q: *a}\nc: [*b, *b, *a]\n"
        text += "d: &d\n  <<: *b\n  r: 1\ne: *d\n"
        let v = try parse(text, .yaml)
        XCTAssertEqual(v["c"]?.arrayValue?.count, 3)
        XCTAssertEqual(v["c"]?.arrayValue?[1]["q"]?.arrayValue?.map(\.stringValue), ["x", "y"])
        XCTAssertEqual(v["e"]?["p"]?.arrayValue?.count, 2)
        XCTAssertEqual(v["e"]?["r"]?.kind, .integer(1))
        // Many aliases of a small anchor: 100,000 aliases of a 3-node value are within the budget.
        let many = "a: &a [x, y]\nb: [" + Array(repeating: "*a", count: 100_000).joined(separator: ", ") + "]\n"
        XCTAssertEqual(try parse(many, .yaml)["b"]?.arrayValue?.count, 100_000)
        // ... and 200,001 go over it (600,003 nodes), at the alias that passes 400,000.
        let tooMany = "a: &a [x, y]\nb: [" + Array(repeating: "*a", count: 200_001).joined(separator: ", ") + "]\n"
        assertError(tooMany, .yaml, "excessive aliasing", at: offset(of: "*a", occurrence: 133_334, in: tooMany))
    }

    /// Anchors nested inside anchors are counted once each (no walk per nesting level).
    func testNestedAnchorsCountOnce() throws {
        var text = "a: "
        for k in 0..<150 { text += "&n\(k) [" }
        text += "x" + String(repeating: "]", count: 150) + "\n"
        text += "b: [" + (0..<150).map { "*n\($0)" }.joined(separator: ", ") + "]\n"
        let v = try parse(text, .yaml)
        XCTAssertEqual(v["b"]?.arrayValue?.count, 150)
        XCTAssertEqual(depth(v["b"]!.arrayValue![0]), 150)
    }
}

extension FrontmatterValue {
    fileprivate var arrayValue: [FrontmatterValue]? {
        if case .array(let items) = kind { return items }
        return nil
    }
}

/// Reproducers of what the fuzz targets (Fuzz/Targets, scripts/fuzz.sh) found.
final class FrontmatterFuzzFindingsTests: XCTestCase {
    func error(_ text: String, _ parse: ([UInt8]) throws(FrontmatterError) -> FrontmatterValue) -> FrontmatterError? {
        do {
            _ = try parse(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    /// An error at the end of the input points at the end, never one byte past it.
    func testErrorsAtTheEndStayInsideTheInput() {
        let cases: [(String, ([UInt8]) throws(FrontmatterError) -> FrontmatterValue)] = [
            ("%YAML 1.2\n", { b throws(FrontmatterError) in try YAMLParser.parse(b, range: 0..<b.count) }),
            ("a: [", { b throws(FrontmatterError) in try YAMLParser.parse(b, range: 0..<b.count) }),
            ("a = ", { b throws(FrontmatterError) in try TOMLParser.parse(b, range: 0..<b.count) }),
            ("[a", { b throws(FrontmatterError) in try TOMLParser.parse(b, range: 0..<b.count) }),
            ("{\"a\": ", { b throws(FrontmatterError) in try JSONParser.parse(b, range: 0..<b.count) }),
            ("[1", { b throws(FrontmatterError) in try JSONParser.parse(b, range: 0..<b.count) }),
        ]
        for (text, parse) in cases {
            guard let e = error(text, parse) else {
                XCTFail("\(text.debugDescription) parsed")
                continue
            }
            XCTAssertLessThanOrEqual(e.range.end, text.utf8.count, "\(text.debugDescription): \(e)")
        }
        XCTAssertEqual(
            error("%YAML 1.2\n") { b throws(FrontmatterError) in try YAMLParser.parse(b, range: 0..<b.count) },
            FrontmatterError(message: "expected '---' after the directives", range: SourceRange(10, 10)))
    }
}
