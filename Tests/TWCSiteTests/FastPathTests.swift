import Foundation
import TWCCore
import XCTest

@testable import TWCSite

/// The byte-level fast paths of hot helpers agree with the plain readings they replace.
final class FastPathTests: XCTestCase {
    static let samples = [
        "", " ", "\t", "a", " a ", "\ta b\t", "\u{3000}全角\u{3000}", "\u{A0}nbsp\u{A0}", "x\u{2003}", "\n a \n",
        " \u{301}accent", "Straße ", "\u{200B}zero width\u{200B}", "\r\n", "a\r\n", " \u{1F600} ",
    ]

    func testTrimmingWhitespacesIsFoundations() {
        for text in Self.samples {
            XCTAssertEqual(text.trimmingWhitespaces, text.trimmingCharacters(in: .whitespaces), text.debugDescription)
        }
    }

    func testTrimmingSpacesKeepsItsMeaning() {
        // Spaces, tabs and line feeds at both ends; `\r\n` is one character, not a line feed.
        XCTAssertEqual(" \ta b\n".trimmingSpaces, "a b")
        XCTAssertEqual("a\r\n".trimmingSpaces, "a\r\n")
        XCTAssertEqual("abc".trimmingSpaces, "abc")
        XCTAssertEqual("   ".trimmingSpaces, "")
        XCTAssertEqual("\u{A0}a\u{A0}".trimmingSpaces, "\u{A0}a\u{A0}")
    }

    func testSchemeSeparator() {
        for (text, offset) in [("https://a", 5), ("a://b://c", 1), ("no scheme", nil), (":/", nil), ("ü://x", 2)] {
            let found = text.rangeOfSchemeSeparator()
            XCTAssertEqual(found.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }, offset, text)
            if let found { XCTAssertEqual(String(text[found]), "://") }
            XCTAssertEqual(
                found.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) },
                text.range(of: "://").map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }, text)
        }
    }

    func testWebSchemeLength() {
        let cases: [(String, Int?)] = [
            ("https://a", 8), ("HTTP://a", 7), ("HttpS://", 8), ("http:/a", nil), ("ftp://a", nil), ("", nil),
            ("https:", nil), ("xhttp://a", nil), ("/about/", nil),
        ]
        for (text, length) in cases { XCTAssertEqual(text.webSchemeLength, length, text) }
    }

    func testDotSegmentsAndSlashRuns() {
        XCTAssertEqual(LinkResolver.removeDots("/a//b///c/"), "/a/b/c/")
        XCTAssertEqual(LinkResolver.removeDots("a/./b/../c"), "/a/c")
        XCTAssertEqual(LinkResolver.removeDots("/ü//x"), "/ü/x")
        XCTAssertEqual("a\\b\\c".replacingBytes("\\", with: "/"), "a/b/c")
        XCTAssertEqual("plain".replacingBytes("\\", with: "/"), "plain")
    }

    /// `NearestNames` (names stored end to end) finds what comparing every name finds, while the
    /// budget is not reached.
    func testNearestNamesAgreesWithAFullComparison() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcé/-".unicodeScalars)
        func word() -> [Unicode.Scalar] {
            (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        }
        var checked = 0
        for _ in 0..<300 {
            let names = (0..<Int.random(in: 0...40, using: &generator)).map { (name: word(), id: $0 / 2) }
            let index = NearestNames(names)
            let wanted = word()
            let limit = Int.random(in: 0...3, using: &generator)
            let excluding = Bool.random(using: &generator) ? Int.random(in: 0...20, using: &generator) : nil
            let distances = names.filter { $0.id != excluding }.map {
                (id: $0.id, distance: EditDistance.levenshtein(wanted, $0.name, limit: 64))
            }
            let best = distances.map(\.distance).min().flatMap { $0 <= limit ? $0 : nil }
            let expected = best.map { best in (best, Set(distances.filter { $0.distance == best }.map(\.id)).sorted()) }
            let found = index.nearest(to: EditDistance.Matcher(wanted), limit: limit, excluding: excluding)
            XCTAssertEqual(found?.distance, expected?.0, "\(wanted) in \(names)")
            XCTAssertEqual(found?.ids, expected?.1, "\(wanted) in \(names)")
            checked += 1
        }
        XCTAssertEqual(checked, 300)
    }
}
