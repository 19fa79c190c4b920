import Foundation
import TWCCore
import TWCRules
import TWCSite
import XCTest

final class MojibakeTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Floors for the clean corpora, so that a corpus that went missing fails the test.
    static let cleanLineFloor = 560
    static let fixturePageFloor = 800
    static let specExampleFloor = 1000

    /// Zero findings on correct text: the clean corpus (every language and the look-alikes),
    /// every Markdown file of the fixtures (but the seed page's one known `Ã¼`), and the
    /// CommonMark and GFM spec examples.
    func testNoFindingsOnCorrectText() throws {
        var lines = 0
        var findings: [String] = []
        let clean = Self.packageRoot + "/fixtures/mojibake/clean"
        for name in try FileManager.default.contentsOfDirectory(atPath: clean).sorted() where name.hasSuffix(".txt") {
            let text = try String(contentsOfFile: clean + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") {
                lines += 1
                for run in MojibakeScanner.runs(in: Array(line.utf8)) {
                    findings.append("\(name): \(line) -> \(run.repaired ?? "?")")
                }
            }
        }
        var pages = 0
        let fixtures = Self.packageRoot + "/fixtures"
        let enumerator = FileManager.default.enumerator(atPath: fixtures)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".md") || path.hasSuffix(".html") || path.hasSuffix(".toml") else { continue }
            guard let data = FileManager.default.contents(atPath: fixtures + "/" + path) else { continue }
            pages += 1
            for run in MojibakeScanner.runs(in: [UInt8](data)) {
                let text = String(decoding: [UInt8](data)[run.range.range], as: UTF8.self)
                if text == "Ã¼" && path.hasSuffix("content/about/index.nl.md") { continue }
                findings.append("\(path): '\(text)' -> \(run.repaired ?? "?")")
            }
        }
        var examples = 0
        for spec in ["commonmark-0.31.2.json", "gfm-extensions.json"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/conformance/" + spec))
            let cases = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            for example in cases {
                for key in ["markdown", "html"] {
                    guard let text = example[key] as? String else { continue }
                    examples += 1
                    for run in MojibakeScanner.runs(in: Array(text.utf8)) {
                        findings.append("\(spec): '\(text)' -> \(run.repaired ?? "?")")
                    }
                }
            }
        }
        print(
            "mojibake clean corpora: \(lines) lines, \(pages) fixture files, \(examples) spec texts, \(findings.count) findings"
        )
        XCTAssertEqual(findings, [])
        XCTAssertGreaterThanOrEqual(lines, Self.cleanLineFloor)
        XCTAssertGreaterThanOrEqual(pages, Self.fixturePageFloor)
        XCTAssertGreaterThanOrEqual(examples, Self.specExampleFloor)
    }

    /// Correct text that looks like mojibake: a finding on any of these is a false alarm.
    func testLookAlikesAreNotMojibake() {
        let lookAlikes = [
            "NÃO, AÇÃO, IRMÃ… «IRMÃ» “AMANHÔ MAÇÃ! CAPITÃ? IRMÃ E EU, MÃE",
            "Åse på Ærø, Øresund, blåbær, ÅR, ØL, Å ja; 10 Å, 5 Å resolution",
            "25 °C, ±0,5 %, × 10³, 5 µs, µ-law, Ω, √π ≈ 1,7725, ∑µ",
            "Він, Її, Сім'я, Європа, М’ясо, П’ять, В’ячеслав; ЂОРЂЕ, ЉУБАВ, ЅВЕЗДА, ЃОРЃИЈА, ЌЕРКА",
            "ИЗЛОЖБА „ЉУБАВ И РАД“ ОТВОРЕНА; «СССР…», «РЖД»; 50 м², 3 см³",
            "ÞJÓÐ” ÍSLAND; STRAẞE, Maße; »REILUA TYÖTÄ«; Ç’a été; L’été",
            "Nestlé®, Citroën™, Möbius©, Nº 5, 1.ª, 2.º, Élevé•••",
            "слово\u{A0}— слово; «\u{A0}Bonjour\u{A0}»; 1\u{202F}000\u{A0}€; е……",
            "می‌خواهیم همهٔ صفحه‌ها; لتثبيت البرنامج، نزّل الملف؛",
            "( ͡° ͜ʖ ͡°) ¯\\_(ツ)_/¯ (╯°□°)╯︵ ┻━┻ ʕ•ᴥ•ʔ",
            "│            └────────┤           └─────────┘",
            "Ёлка, ещё, объём; ΟΔΗΓΙΕΣ ΕΓΚΑΤΑΣΤΑΣΗΣ; עברית: הפגישה",
        ]
        for text in lookAlikes {
            XCTAssertEqual(MojibakeScanner.runs(in: Array(text.utf8)).map(\.repaired), [], text)
        }
    }

    /// One misreading through each code page, repaired exactly and named.
    func testEachCodePageIsRepairedAndNamed() throws {
        let cases: [(original: String, broken: String, name: String)] = [
            ("überhaupt", "Ã¼berhaupt", "Windows-1252"),
            ("Workers’ rights", "Workers\u{E2}\u{80}\u{99} rights", "ISO-8859-1"),
            ("gâteaux, weiß", "g√¢teaux, wei√ü", "MacRoman"),
            ("Liège", "LiĂ¨ge", "Windows-1250"),
            ("дороге", "РґРѕСЂРѕРіРµ", "Windows-1251"),
            ("Ελληνικά", "Ξ•Ξ»Ξ»Ξ·Ξ½ΞΉΞΊΞ¬", "Windows-1253"),
            ("пра", "╨┐╤А╨░", "code page 866"),
            ("Español", "Espa├▒ol", "code page 437"),
            ("Привет", "п÷я─п╦п╡п╣я┌", "KOI8-R"),
            ("🚀 launch", "ðŸš€ launch", "Windows-1252"),
        ]
        for item in cases {
            let runs = MojibakeScanner.runs(in: Array(item.broken.utf8))
            XCTAssertEqual(Self.apply(runs, to: item.broken), item.original, item.broken)
            XCTAssertEqual(runs.first?.explanation, "UTF-8 read as \(item.name)", item.broken)
            XCTAssertEqual(runs.map(\.exact), runs.map { _ in true }, item.broken)
        }
    }

    /// Text misread two and three times; CESU-8; lossy variants; mixed with correct text.
    func testDepthLossAndMixedText() {
        let twice = "MÃƒÂ¼nchen"
        XCTAssertEqual(Self.apply(MojibakeScanner.runs(in: Array(twice.utf8)), to: twice), "München")
        XCTAssertEqual(
            MojibakeScanner.runs(in: Array(twice.utf8)).first?.explanation, "UTF-8 read as Windows-1252 twice")
        let thrice = "MÃƒÆ’Ã‚Â¼nchen"
        XCTAssertEqual(Self.apply(MojibakeScanner.runs(in: Array(thrice.utf8)), to: thrice), "München")
        XCTAssertEqual(
            MojibakeScanner.runs(in: Array(thrice.utf8)).first?.explanation, "UTF-8 read as Windows-1252 three times")

        // CESU-8: 😀 as the surrogate pair ED A0 BD ED B8 80, read as Windows-1252.
        let cesu = "Smile \u{ED}\u{A0}\u{BD}\u{ED}\u{B8}\u{20AC} please"
        let cesuRuns = MojibakeScanner.runs(in: Array(cesu.utf8))
        XCTAssertEqual(Self.apply(cesuRuns, to: cesu), "Smile 😀 please")

        // A non-breaking space that became a space: an unsafe repair; `às` keeps no space.
        for (broken, original) in [
            ("Et voilÃ le travail", "Et voilà le travail"), ("Vamos Ã s cinco", "Vamos às cinco"),
        ] {
            let runs = MojibakeScanner.runs(in: Array(broken.utf8))
            XCTAssertEqual(Self.apply(runs, to: broken), original)
            XCTAssertEqual(runs.map(\.exact), [false], broken)
        }
        // A byte lost as `?` or U+FFFD: reported, no repair.
        for broken in ["Workersâ€? rights and â€œmoreâ€?", "the â€œquoteâ€\u{FFFD} here"] {
            let runs = MojibakeScanner.runs(in: Array(broken.utf8))
            XCTAssertTrue(runs.contains { $0.repaired == nil }, broken)
            XCTAssertTrue(runs.contains { $0.repaired == "“" }, broken)
        }
        // Correct and broken text on one line: only the broken part changes.
        let mixed = "Café « naïve » — Ã¼berhaupt, Ελληνικά, РґРѕСЂРѕРіРµ"
        let runs = MojibakeScanner.runs(in: Array(mixed.utf8))
        XCTAssertEqual(Self.apply(runs, to: mixed), "Café « naïve » — überhaupt, Ελληνικά, дороге")
        // C1 controls: Windows-1252 read as ISO-8859-1.
        let c1 = "He said \u{93}yes\u{94} \u{97} twice"
        XCTAssertEqual(Self.apply(MojibakeScanner.runs(in: Array(c1.utf8)), to: c1), "He said “yes” — twice")
    }

    /// The same characters read as different plausible text by two code pages: a guess.
    func testAmbiguousCodePagesGiveAnUnsafeRepair() {
        let broken = "ÃŒberhaupt"  // Ì in Windows-1252, ü in ISO-8859-15
        let runs = MojibakeScanner.runs(in: Array(broken.utf8))
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs.first?.exact, false)
    }

    func testSeedPageFinding() {
        let text = "Weet je wie er in je ondernemingsraad zit? (Heeft je werkplek Ã¼berhaupt een ondernemingsraad??)"
        let runs = MojibakeScanner.runs(in: Array(text.utf8))
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs.first?.repaired, "ü")
        XCTAssertEqual(runs.first?.exact, true)
        XCTAssertEqual(runs.first.map { String(decoding: Array(text.utf8)[$0.range.range], as: UTF8.self) }, "Ã¼")
    }

    /// Headings, link text, alt text and front matter values are checked; code is not.
    func testWhereTheRuleLooks() throws {
        let page =
            "---\ntitle: \"Ã¼ber\"\n---\n\n## KÃ¶ln\n\n[SchÃ¶n](x.md) ![GrÃ¼n](y.png)\n\nText `Ã¼` and\n\n```\nÃ¼\n```\n\nbut Ã¼ here.\n"
        let site = try ExampleSite.build([("content/p.md", page)])
        let found = Linter.run(site, rules: [MojibakeRule()])
        XCTAssertEqual(found.map(\.span.start.line), [2, 5, 7, 7, 15])
    }

    func testInvalidUTF8IsLocated() throws {
        var bytes = Array("---\ntitle: Caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes += Array("\n---\n\nText\n".utf8)
        let site = try ExampleSite.build(bytes: [("content/p.md", bytes)])
        let found = Linter.run(site, rules: [InvalidUTF8Rule()])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.span.start.line, 2)
        XCTAssertEqual(found.first?.span.start.column, 11)
        XCTAssertEqual(found.first?.span.range, SourceRange(14, 15))
    }

    /// Linear time: a long line of mojibake and a long line of correct text with many
    /// candidate characters scan without blowing up (sizes, not timings, are asserted).
    func testLongLinesScanInOnePass() {
        let broken = String(repeating: "Ã¼berhaupt Ð¿Ñ€Ð¸ ", count: 20_000)
        let runs = MojibakeScanner.runs(in: Array(broken.utf8))
        XCTAssertEqual(Self.apply(runs, to: broken), String(repeating: "überhaupt при ", count: 20_000))
        let clean = String(repeating: "Він каже «ТОВ» — Ελληνικά ", count: 20_000)
        XCTAssertEqual(MojibakeScanner.runs(in: Array(clean.utf8)).count, 0)
    }

    static func apply(_ runs: [MojibakeScanner.Run], to text: String) -> String {
        var bytes = Array(text.utf8)
        for run in runs.reversed() {
            if let repaired = run.repaired { bytes.replaceSubrange(run.range.range, with: Array(repaired.utf8)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
