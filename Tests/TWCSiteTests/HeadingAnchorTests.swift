import TWCSite
import XCTest

/// Vectors from hugo-behaviour §1.6 / §1.7 (verified against Hugo 0.168).
final class HeadingAnchorTests: XCTestCase {
    func testGithubSanitiser() {
        let vectors: [(String, String)] = [
            ("God is good: 神真美好", "god-is-good-神真美好"), ("Number 32", "number-32"), ("Question?", "question"),
            ("1+2=3", "123"), ("Special !\"#$%&(parens)=?´* chars", "special-parens-chars"), ("Resumé", "resumé"),
            ("One-Hyphen", "one-hyphen"), ("Multiple--Hyphens", "multiple--hyphens"),
            ("Trailing hyphen-", "trailing-hyphen-"),
            ("Many   spaces  here", "many---spaces--here"), ("Forward/slash", "forwardslash"),
            ("Backward\\slash", "backwardslash"),
            ("Under_score", "under_score"), ("Nonbreaking\u{A0}Space", "nonbreakingspace"), ("Tab\tSpace", "tabspace"),
            ("Trailing Space ", "trailing-space"), ("Æsir Ørsted Straße ǅ", "æsir-ørsted-straße-ǆ"),
            ("İstanbul", "istanbul"), ("ΟΔΟΣ Σ", "οδοσ-σ"), ("Combining e\u{301} acute", "combining-e-acute"),
            ("Hindi हिन्दी", "hindi-हनद"), ("H₂O and x²", "ho-and-x"), ("¹²³ ½ Ⅻ", "--"),
            ("Ｆｕｌｌ\u{3000}width", "ｆｕｌｌwidth"), ("a\u{200B}b zero width", "ab-zero-width"),
            ("Emoji 🚀 rocket", "emoji--rocket"),
            ("Wat kun je doen als techwerker?", "wat-kun-je-doen-als-techwerker"),
            ("Bestaande initiatieven", "bestaande-initiatieven"),
            ("Über uns & meer", "über-uns--meer"), ("< a, b, & c >", "-a-b--c-"), ("main.go", "maingo"),
        ]
        for (input, expected) in vectors {
            XCTAssertEqual(HeadingAnchor.sanitize(input, style: .github), expected, input)
        }
    }

    func testGithubASCIIAndBlackfriday() {
        XCTAssertEqual(HeadingAnchor.sanitize("god is神真美好 good", style: .githubASCII), "god-is-good")
        XCTAssertEqual(HeadingAnchor.sanitize("Resumé", style: .githubASCII), "resume")
        XCTAssertEqual(HeadingAnchor.sanitize("Æsir Ørsted Straße ǅ", style: .githubASCII), "sir-rsted-strae-")
        XCTAssertEqual(HeadingAnchor.sanitize("Ünïcödé Ñ", style: .githubASCII), "unicode-n")
        XCTAssertEqual(HeadingAnchor.sanitize("Vietnamese Tiếng Việt", style: .githubASCII), "vietnamese-tieng-viet")
        XCTAssertEqual(
            HeadingAnchor.sanitize("Let's try this, shall we?", style: .blackfriday), "let-s-try-this-shall-we")
        XCTAssertEqual(HeadingAnchor.sanitize("1+2=3", style: .blackfriday), "1-2-3")
        XCTAssertEqual(HeadingAnchor.sanitize("Under_score", style: .blackfriday), "under-score")
        XCTAssertEqual(HeadingAnchor.sanitize("H₂O and x²", style: .blackfriday), "h₂o-and-x²")
        XCTAssertEqual(HeadingAnchor.sanitize("-leading", style: .blackfriday), "leading")
    }

    func testDeduplication() {
        var allocator = AnchorAllocator(style: .github)
        let headings: [(String?, String)] = [
            (nil, "Foo"), ("foo", "Bar"), (nil, "Foo"), ("foo-2", "Baz"), (nil, "Foo"),
            (nil, "Foo 1"), (nil, "Heading"), (nil, "???"), (nil, "Foo-1-1"),
        ]
        let ids = headings.map { allocator.allocate(explicitID: $0.0, text: $0.1) }
        XCTAssertEqual(ids, ["foo", "foo", "foo-1", "foo-2", "foo-3", "foo-1-1", "heading", "heading-1", "foo-1-1-1"])
        var empty = AnchorAllocator(style: .github)
        XCTAssertNil(empty.allocate(explicitID: nil, text: ""))
    }
}
