import TWCCore
import TWCRules
import TWCSite
import XCTest

final class MojibakeTests: XCTestCase {
    /// Correct text in several languages and scripts: no finding.
    func testNoFalseAlarmsOnCorrectText() {
        let corpus = [
            "Heeft je werkplek überhaupt een ondernemingsraad? Israël, één, reünie, coördinatie, café’s.",
            "Workers’ rights — “together” we win… € 5,– · 50% off; naïve façade, résumé.",
            "Größe, Straße, Übermut, Ärger, Öl: «Grüße» und „Anführungszeichen“.",
            "Français : « À bientôt », élève, Noël, cœur, œuvre, ÉCOLE», CAFÉ’S, Ça va ?",
            "Español: ¿Qué tal? ¡Año nuevo! «ESPAÑA»; Português: NÃO, ação, coração.",
            "Ελληνικά κείμενα, Русский текст, Українська, 日本語の見出し, 한국어, हिन्दी, עברית, العربية.",
            "Emoji 🚀✊🏽 and symbols © ® ™ ± × ÷ ° µ ¶ § ½ ¼ ¾ ² ³ ¹.",
            "Polski: zażółć gęślą jaźń; Čeština: příliš žluťoučký kůň; Türkçe: İstanbul, ığdır.",
        ]
        for text in corpus {
            XCTAssertEqual(MojibakeScanner.runs(in: Array(text.utf8)), [], text)
        }
    }

    /// Mojibake made the way it happens (UTF-8 bytes decoded as Windows-1252), repaired exactly.
    func testRepairsWhatWindows1252DecodingDid() {
        let originals = [
            "überhaupt", "Israël", "workers’ rights", "een — streep", "“quote”", "café", "€ 5",
            "Ελληνικά", "Русский", "日本語", "🚀 launch", "coördinatie", "ÀÉÎÕÜ", "straße", "Ça",
        ]
        for original in originals {
            let broken = windows1252Decode(Array(original.utf8))
            let runs = MojibakeScanner.runs(in: Array(broken.utf8))
            XCTAssertFalse(runs.isEmpty, "should find mojibake in \(broken)")
            var repaired = Array(broken.utf8)
            for run in runs.reversed() { repaired.replaceSubrange(run.range.range, with: Array(run.repaired!.utf8)) }
            XCTAssertEqual(String(decoding: repaired, as: UTF8.self), original, broken)
        }
    }

    func testSeedPageFinding() {
        let text = "Weet je wie er in je ondernemingsraad zit? (Heeft je werkplek Ã¼berhaupt een ondernemingsraad??)"
        let runs = MojibakeScanner.runs(in: Array(text.utf8))
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs.first?.repaired, "ü")
        XCTAssertEqual(runs.first.map { String(decoding: Array(text.utf8)[$0.range.range], as: UTF8.self) }, "Ã¼")
    }

    func testCodeIsNotChecked() throws {
        let site = try ExampleSite.build([("content/p.md", "Text `Ã¼` and\n\n```\nÃ¼\n```\n\nbut Ã¼ here.\n")])
        let found = Linter.run(site, rules: [MojibakeRule()])
        XCTAssertEqual(found.map(\.span.start.line), [7])
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

    private func windows1252Decode(_ bytes: [UInt8]) -> String {
        let specials: [UInt8: UInt32] = [
            0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
            0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
            0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
            0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
        ]
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(specials[byte] ?? UInt32(byte))!) }
        return String(scalars)
    }
}
