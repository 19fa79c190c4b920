import TWCCore
import XCTest

@testable import TWCRules

/// What `translation-outdated` counts as a change of the source a translator must follow.
final class SourceChangesTests: XCTestCase {
    func normalized(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return SourceChanges.normalized(bytes[...])
    }

    func testANoticeRewrittenAsAnAlertIsNoChange() {
        let shortcode = normalized(
            "{{% alert title=\"Note\" %}} The following examples require\nNode.js v.20 or later. {{% /alert %}}")
        let alert = normalized("> [!NOTE]\n>\n> The following examples require Node.js v.20\n> or later.")
        XCTAssertEqual(shortcode, "The following examples require Node.js v.20 or later.")
        XCTAssertEqual(alert, shortcode)
        // Other shortcodes and their settings stay: they may change what the page shows.
        XCTAssertEqual(normalized("{{< card link=\"/a\" >}}"), "{{< card link=\"/a\" >}}")
        XCTAssertNotEqual(normalized("v1.34.0 > v1.33"), normalized("v1.40.0 > v1.33"))
    }

    func testMendedTyposAndCaseAreNoChangeButWordsAndDigitsAre() {
        XCTAssertTrue(SourceChanges.isTypoMended("temporary of permanent", "temporary or permanent"))
        XCTAssertTrue(SourceChanges.isTypoMended("Our Commitment", "Our commitment"))
        XCTAssertFalse(SourceChanges.isTypoMended("at least four spaces", "at least two spaces"))
        XCTAssertFalse(SourceChanges.isTypoMended("version 1.34", "version 1.40"))
    }
}
