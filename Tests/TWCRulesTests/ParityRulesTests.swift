import TWCCore
import XCTest

@testable import TWCRules

/// The pieces of the parity rules (`table-mismatch`, `image-mismatch`, `shortcode-mismatch`,
/// `number-mismatch`) that their examples do not spell out: how prose numbers are read in each
/// language's way, and the matching that keeps the rules linear.
final class ParityRulesTests: XCTestCase {
    /// The numbers `number-mismatch` reads in `text`: value and kind.
    func numbers(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var found: [NumberMismatchRule.Number] = []
        NumberMismatchRule.scan(scalars, Array(scalars.indices), into: &found)
        return found.map { "\($0.value) \($0.kind)" }
    }

    func testNumbersAsEachLanguageWritesThem() {
        XCTAssertEqual(numbers("73,5 and 73.5"), ["73.5 other", "73.5 other"])
        XCTAssertEqual(
            numbers("1.000, 1,000, 1 000, 1\u{A0}000, 1\u{202F}000 and 1'000"),
            Array(repeating: "1000 other", count: 6))
        XCTAssertEqual(
            numbers("1,5 or 1.5 or 0,125 or 0.125"), ["1.5 other", "1.5 other", "0.125 other", "0.125 other"])
        XCTAssertEqual(numbers("1.234,56 = 1,234.56 = 1 234,56"), Array(repeating: "1234.56 other", count: 3))
        XCTAssertEqual(numbers("53 %, 53%, %53 and 53 procent"), Array(repeating: "53 percentage", count: 4))
        XCTAssertEqual(numbers("€ 2.500,50 and $2,500.50 and 2500.50 EUR"), Array(repeating: "2500.5 amount", count: 3))
        XCTAssertEqual(numbers("in 2019 and 1850"), ["2019 year", "1850 other"])
    }

    func testScalesRangesVersionsAndDates() {
        XCTAssertEqual(
            numbers("1.5 million, 150万, 1,5 miljoen, 1.5M"), Array(repeating: "1500000 other", count: 4))
        XCTAssertEqual(numbers("12K stars, 12.000 sterren"), ["12000 other", "12000 other"])
        XCTAssertEqual(numbers("500-600 thousand"), ["500000 other", "600000 other"])
        XCTAssertEqual(numbers("version 2.26.0"), ["2.26.0 other"])
        // The parts of a date are numbers of their own (5 is a small count).
        XCTAssertEqual(numbers("on 12.05.2023"), ["12 other", "2023 year"])
    }

    func testWhatIsNotANumberOfTheProse() {
        XCTAssertEqual(numbers("at 7:30 pm, om 19.30 uur, 10h30, from 19.30 tot 20.30 uur"), [])
        XCTAssertEqual(numbers("v1.2, H2O, x86_64, COVID-19, IPv6"), [])
        XCTAssertEqual(numbers("at 0600 PT, in 11月"), [])
        XCTAssertEqual(numbers("3 steps, 10 people, the 1st"), [])
        XCTAssertEqual(numbers("2,5 %"), ["2.5 percentage"])
    }

    /// Numbers outside the prose: heading IDs, link destinations, autolinked URLs, code, HTML,
    /// shortcodes.
    func testNumbersOutsideTheProseAreLeftOut() throws {
        let site = try ExampleSite.build([
            (
                "content/p.md",
                "## Step {#2019}\n\nSee [the report](https://x.org/2019), https://x.org/2021, `port 8080`, "
                    + "<span data-year=\"2017\">it</span> and {{< button href=\"/y/2015\" >}}go{{< /button >}}.\n"
            ),
            (
                "content/p.nl.md",
                "## Stap {#2018}\n\nZie [het rapport](https://x.org/2018), https://x.org/2020, `poort 9090`, "
                    + "<span data-year=\"2016\">het</span> en {{< button href=\"/y/2014\" >}}ga{{< /button >}}.\n"
            ),
        ])
        XCTAssertEqual(Linter.run(site, rules: [NumberMismatchRule()]).map(\.message), [])
        let page = try XCTUnwrap(site.pages.first { $0.path.hasSuffix("p.nl.md") })
        XCTAssertEqual(NumberMismatchRule.numbers(of: page).values.flatMap { $0 }.map(\.value), [])
    }

    func testRangeLookup() {
        let lookup = RangeLookup([SourceRange(10, 20), SourceRange(12, 14), SourceRange(30, 31), SourceRange(5, 5)])
        XCTAssertEqual((0..<35).filter(lookup.contains), Array(10..<20) + [30])
        XCTAssertFalse(RangeLookup([]).contains(0))
    }

    func testMatchByKeyThenBySameness() {
        let (here, there) = AlignedSections.match(
            ["a", "B", "c", "x"], ["b", "a", "y", "c"], key: { $0 },
            same: { $0.lowercased() == $1.lowercased() })
        XCTAssertEqual(here, ["x"])
        XCTAssertEqual(there, ["y"])
    }

    func testItemsMovedToAnotherSectionAreLeftOut() {
        let left = AlignedSections.withoutMoved(
            [(here: ["a", "b"], there: ["c"]), (here: ["c"], there: ["a", "d"]), (here: [], there: ["b"])], key: { $0 })
        XCTAssertEqual(left.map(\.here), [[], [], []])
        XCTAssertEqual(left.map(\.there), [[], ["d"], []])
    }

    /// Thousands of items that all differ: matched by key, then compared within the budget only.
    func testMatchingManyDifferentItemsStaysBounded() {
        let here = (0..<20_000).map { "here \($0)" }
        let there = (0..<20_000).map { "there \($0)" }
        var comparisons = 0
        let (left, rest) = AlignedSections.match(
            here, there, key: { $0 },
            same: { _, _ in
                comparisons += 1
                return false
            })
        XCTAssertEqual(left.count, 20_000)
        XCTAssertEqual(rest.count, 20_000)
        XCTAssertLessThanOrEqual(comparisons, AlignedSections.comparisonBudget)
    }
}
