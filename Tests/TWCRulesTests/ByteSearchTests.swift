import XCTest

@testable import TWCRules

/// `ByteSearch.contains` against a plain scan, on random bytes and at the edges of the range.
final class ByteSearchTests: XCTestCase {
    func naive(_ pattern: String, _ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let needle = Array(pattern.lowercased().utf8)
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard range.count >= needle.count else { return false }
        return (range.lowerBound...(range.upperBound - needle.count)).contains {
            Array(lowered[$0..<$0 + needle.count]) == needle
        }
    }

    func testAgreesWithAPlainScan() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("twc-lint-<img[!TWC-LINT-ab \n".utf8)
        var checked = 0
        var found = 0
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            let lower = Int.random(in: 0...count, using: &generator)
            let upper = Int.random(in: lower...count, using: &generator)
            for pattern in ["twc-lint-", "<img", "[!", "lint", "-"] {
                let expected = naive(pattern, bytes, lower..<upper)
                XCTAssertEqual(
                    ByteSearch.contains(pattern, in: bytes, lower..<upper), expected, "\(pattern) in \(bytes)")
                checked += 1
                if expected { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, 500, "the random texts hold the patterns often enough to test both answers")
        print("ByteSearch: \(checked) searches, \(found) found")
        XCTAssertTrue(ByteSearch.contains("<IMG", in: Array("a<img".utf8), 0..<5))
        XCTAssertFalse(ByteSearch.contains("<img", in: Array("a<img".utf8), 0..<4), "the range's end is respected")
        XCTAssertFalse(ByteSearch.contains("<img", in: Array("a<img".utf8), 2..<5), "the range's start is respected")
    }
}
