import Foundation
import TWCCore
import XCTest
@testable import TWCMarkdown

/// Indented outline of a tree: kind and the source slice of each node.
func outline(_ doc: MarkdownNode, _ bytes: [UInt8]) -> String {
    var lines: [String] = []
    var stack: [(MarkdownNode, Int)] = [(doc, 0)]
    while let (node, depth) = stack.popLast() {
        let text = String(decoding: bytes[node.range.start..<node.range.end], as: UTF8.self)
        lines.append(String(repeating: "  ", count: depth) + "\(node.kind) \(node.range.start)..<\(node.range.end) \(text.debugDescription)")
        for child in node.children.reversed() { stack.append((child, depth + 1)) }
    }
    return lines.joined(separator: "\n")
}

final class GoldmarkExtensionTests: XCTestCase {
    /// Prints the tree and HTML of the file named by MD_FILE (a debugging aid; no-op otherwise).
    func testDebugFile() throws {
        guard let path = ProcessInfo.processInfo.environment["MD_FILE"] else { return }
        let (doc, bytes) = parseDoc(try String(contentsOfFile: path, encoding: .utf8))
        print(outline(doc, bytes))
        print(HTMLRenderer.render(doc))
        print(checkRanges(doc, bytes))
    }
}
