import XCTest

@testable import TWCMarkdown

/// The vector prefilter of linkify must never rule out a text that holds a trigger.
final class LinkifyTriggerTests: XCTestCase {
    /// The plain one-byte-at-a-time reading of the same question.
    func reference(_ bytes: [UInt8]) -> (Bool, Bool, Bool, Bool) {
        var hasDot = false
        var hasColon = false
        var hasAt = false
        var hasWWW = false
        var ws = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."):
                hasDot = true
                if ws >= 3 { hasWWW = true }
                ws = 0
            case UInt8(ascii: ":"):
                hasColon = true
                ws = 0
            case UInt8(ascii: "@"):
                hasAt = true
                ws = 0
            case UInt8(ascii: "w"), UInt8(ascii: "W"): ws += 1
            default: ws = 0
            }
        }
        return (hasDot, hasColon, hasAt, hasWWW)
    }

    func testAgreesWithByteByByteScanOnRandomTexts() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abw W.:@xyz-".utf8)
        var candidates = 0
        for length in 0..<80 {
            for _ in 0..<400 {
                let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
                let expected = reference(bytes)
                let got = bytes.withUnsafeBufferPointer(InlineParser.autolinkTriggers)
                let expectTrigger = expected.1 || expected.2 || expected.3
                if expectTrigger {
                    candidates += 1
                    XCTAssertTrue(got == expected, "\(String(decoding: bytes, as: UTF8.self))")
                } else {
                    // Without ':' '@' "www." no autolink can start: linkify may skip the text.
                    XCTAssertFalse(got.1 || got.2 || got.3, "\(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
        XCTAssertGreaterThan(candidates, 1000)
    }

    func testWWWAcrossEveryVectorBoundary() {
        for offset in 0..<40 {
            let bytes = Array(
                (String(repeating: "a", count: offset) + "www.example" + String(repeating: "b", count: 30)).utf8)
            XCTAssertTrue(bytes.withUnsafeBufferPointer(InlineParser.autolinkTriggers).3, "offset \(offset)")
            let plain = Array(
                (String(repeating: "a", count: offset) + "ww.example w.x" + String(repeating: "b", count: 30)).utf8)
            XCTAssertFalse(plain.withUnsafeBufferPointer(InlineParser.autolinkTriggers).3, "offset \(offset)")
        }
    }
}
