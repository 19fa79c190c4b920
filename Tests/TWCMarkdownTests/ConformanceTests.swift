import Foundation
import XCTest

@testable import TWCMarkdown

struct SpecExample: Decodable {
    let markdown: String
    let html: String
    let example: Int
    let section: String
    let extensions: [String]?
}

func loadSpec(_ name: String) throws -> [SpecExample] {
    // <packageRoot>/Tests/TWCMarkdownTests/ThisFile.swift → <packageRoot>/fixtures/conformance/<name>
    // (copies of shared/conformance, see fixtures/conformance/README.md)
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let url = packageRoot.appendingPathComponent("fixtures/conformance/\(name)")
    return try JSONDecoder().decode([SpecExample].self, from: Data(contentsOf: url))
}

/// A light version of the spec's test/normalize.py: whitespace between tags and around block
/// tags is collapsed, self-closing tags are unified, runs of whitespace collapsed.
func normalizeHTML(_ html: String) -> String {
    var s = html.replacingOccurrences(of: " />", with: ">").replacingOccurrences(of: "/>", with: ">")
    var out = ""
    var pendingWS = false
    for ch in s {
        if ch == " " || ch == "\n" || ch == "\t" {
            pendingWS = true
            continue
        }
        if pendingWS {
            // drop whitespace between tags
            if !(out.hasSuffix(">") && ch == "<") && !out.isEmpty { out.append(" ") }
            pendingWS = false
        }
        out.append(ch)
    }
    s = out
    return s
}

/// Renders each example and compares with its HTML: exact first, then lightly normalised.
func runExamples(_ examples: [SpecExample], options: MarkdownParser.Options) -> (passed: Int, exact: Int, failed: [Int])
{
    var passed = 0
    var exact = 0
    var failed: [Int] = []
    for ex in examples {
        let html = HTMLRenderer.render(MarkdownParser.parse(ex.markdown, options: options))
        if html == ex.html { exact += 1 }
        if html == ex.html || normalizeHTML(html) == normalizeHTML(ex.html) {
            passed += 1
        } else {
            failed.append(ex.example)
        }
    }
    return (passed, exact, failed)
}

final class ConformanceTests: XCTestCase {
    func testCommonMarkSpec() throws {
        let examples = try loadSpec("commonmark-0.31.2.json")
        let (passed, exact, failed) = runExamples(examples, options: .commonMark)
        print("CommonMark 0.31.2: \(passed)/\(examples.count) (\(exact) byte-identical to the spec's HTML)")
        print("failed: \(failed)")
        // Floor = the count measured when this test was written (652/652).
        XCTAssertGreaterThanOrEqual(passed, 652)
        // Stronger: every example's HTML is byte-identical to the spec's, so no normalisation is
        // needed (the light normaliser above is only a fallback).
        XCTAssertGreaterThanOrEqual(exact, 652)
    }

    func testGFMExtensions() throws {
        let examples = try loadSpec("gfm-extensions.json").filter {
            ($0.extensions ?? []).contains { ["table", "strikethrough", "autolink"].contains($0) }
        }
        let (passed, exact, failed) = runExamples(examples, options: .gfm)
        print("GFM extensions: \(passed)/\(examples.count) (\(exact) byte-identical)")
        print("failed: \(failed)")
        // Measured: 21/21 (8 table, 2 strikethrough, 11 autolink).
        XCTAssertGreaterThanOrEqual(passed, 21)
    }
}
