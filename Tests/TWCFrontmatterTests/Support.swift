import Foundation
import TWCCore
import XCTest

@testable import TWCFrontmatter

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
func slice(_ b: [UInt8], _ r: SourceRange) -> String { String(decoding: b[r.start..<r.end], as: UTF8.self) }

/// Path of a conformance suite file, kept in fixtures/conformance (copies of shared/conformance).
func conformanceURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/conformance/\(name)").standardizedFileURL
}

/// Structural equality ignoring ranges/styles; datetime equals string; integer equals float numerically;
/// tables compare as unordered key sets.
func sameValue(_ a: FrontmatterValue, _ b: FrontmatterValue) -> Bool {
    switch (a.kind, b.kind) {
    case (.string(let x), .string(let y)), (.datetime(let x), .string(let y)), (.string(let x), .datetime(let y)),
        (.datetime(let x), .datetime(let y)):
        return x == y
    case (.integer(let x), .integer(let y)): return x == y
    case (.integer(let x), .float(let y)), (.float(let y), .integer(let x)): return Double(x) == y
    case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
    case (.bool(let x), .bool(let y)): return x == y
    case (.null, .null): return true
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { sameValue($0, $1) }
    case (.table(let x), .table(let y)):
        guard x.count == y.count else { return false }
        var d: [String: FrontmatterValue] = [:]
        for e in y { d[e.key] = e.value }
        for e in x {
            guard let o = d[e.key], sameValue(e.value, o) else { return false }
        }
        return true
    default: return false
    }
}
