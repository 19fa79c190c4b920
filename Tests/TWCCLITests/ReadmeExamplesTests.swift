import Foundation
import XCTest

/// The README shows real output: every block after `<!-- output: twc-lint ARGS -->` is what the
/// command prints, run from the repository root without colour.
final class ReadmeExamplesTests: XCTestCase {
    func testReadmeOutputBlocksAreTheRealOutput() throws {
        let readme = try String(contentsOfFile: Paths.packageRoot + "/README.md", encoding: .utf8)
        let marker = "<!-- output: twc-lint "
        var checked = 0
        var rest = readme[...]
        while let start = rest.range(of: marker) {
            let afterMarker = rest[start.upperBound...]
            let commandEnd = try XCTUnwrap(afterMarker.range(of: " -->\n```\n"))
            let arguments = afterMarker[..<commandEnd.lowerBound].split(separator: " ").map(String.init)
            let body = afterMarker[commandEnd.upperBound...]
            let blockEnd = try XCTUnwrap(body.range(of: "```\n"))
            let shown = String(body[..<blockEnd.lowerBound])
            let run = ToolRun.run(arguments, environment: ["NO_COLOR": "1"], directory: Paths.packageRoot)
            XCTAssertEqual(
                shown, run.output,
                "README block for 'twc-lint \(arguments.joined(separator: " "))' differs from the real output:\n"
                    + run.output)
            checked += 1
            rest = body[blockEnd.upperBound...]
        }
        print("README output blocks checked: \(checked)")
        XCTAssertGreaterThanOrEqual(checked, 4, "the README's output examples")
    }
}
