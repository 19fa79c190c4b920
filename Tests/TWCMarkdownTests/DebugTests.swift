import Foundation
import XCTest
@testable import TWCMarkdown

final class DebugTests: XCTestCase {
    /// Prints details for examples listed in the env var MD_DEBUG (e.g. "4,5,9"); no-op otherwise.
    func testDebugExamples() throws {
        guard let list = ProcessInfo.processInfo.environment["MD_DEBUG"] else { return }
        let gfm = ProcessInfo.processInfo.environment["MD_GFM"] != nil
        let wanted = Set(list.split(separator: ",").compactMap { Int($0) })
        let examples = try loadSpec(gfm ? "gfm-extensions.json" : "commonmark-0.31.2.json")
        for ex in examples where wanted.contains(ex.example) {
            let doc = MarkdownParser.parse(ex.markdown, options: gfm ? .gfm : .commonMark)
            print("=== \(ex.example)\n--- md:\n\(ex.markdown)--- expected:\n\(ex.html)--- got:\n\(HTMLRenderer.render(doc))")
        }
    }
}
