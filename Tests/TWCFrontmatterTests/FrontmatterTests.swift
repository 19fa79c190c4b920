import Foundation
import TWCCore
import XCTest

@testable import TWCFrontmatter

final class DetectionTests: XCTestCase {
    func testYAML() throws {
        let b = bytes("---\ntitle: x\n---\nbody")
        let block = try XCTUnwrap(FrontmatterParser.detect(b))
        XCTAssertEqual(block.format, .yaml)
        XCTAssertEqual(slice(b, block.contentRange), "title: x\n")
        XCTAssertEqual(block.bodyStart, 17)
        XCTAssertEqual(slice(b, block.range), "---\ntitle: x\n---\n")
        XCTAssertEqual(try FrontmatterParser.parse(b, block: block)["title"]?.stringValue, "x")
    }

    func testTOMLAndJSONAndNone() throws {
        let t = bytes("+++\ntitle = \"x\"\n+++\nbody")
        let tb = try XCTUnwrap(FrontmatterParser.detect(t))
        XCTAssertEqual(tb.format, .toml)
        XCTAssertEqual(try FrontmatterParser.parse(t, block: tb)["title"]?.stringValue, "x")
        let j = bytes("{\"title\": \"a}b\", \"x\": {\"y\": \"\\\"}\"}}\nbody")
        let jb = try XCTUnwrap(FrontmatterParser.detect(j))
        XCTAssertEqual(jb.format, .json)
        XCTAssertEqual(String(decoding: j[jb.bodyStart...], as: UTF8.self), "body")
        XCTAssertEqual(try FrontmatterParser.parse(j, block: jb)["title"]?.stringValue, "a}b")
        XCTAssertNil(try FrontmatterParser.detect(bytes("# Title\n---\n")))
        XCTAssertNil(try FrontmatterParser.detect(bytes("")))
    }

    func testBOMCRLFAndEmpty() throws {
        let b: [UInt8] = [0xEF, 0xBB, 0xBF] + bytes("\n---\r\ntitle: x\r\n---\r\nbody")
        let block = try XCTUnwrap(FrontmatterParser.detect(b))
        XCTAssertEqual(block.range.start, 4)
        XCTAssertEqual(String(decoding: b[block.bodyStart...], as: UTF8.self), "body")
        XCTAssertEqual(try FrontmatterParser.parse(b, block: block)["title"]?.stringValue, "x")
        let e = bytes("---\n---\n")
        let eb = try XCTUnwrap(FrontmatterParser.detect(e))
        XCTAssertEqual(try FrontmatterParser.parse(e, block: eb).entries.count, 0)
        // Hugo's lexer consumes only the line break after the closing delimiter: the rest of the
        // line is the body's first line (Hugo 0.168 renders `<p>trailing\nbody</p>`).
        let trailing = bytes("---\na: 1\n--- trailing\nbody")
        XCTAssertEqual(try FrontmatterParser.detect(trailing)?.bodyStart, 12)
    }

    /// A quoted string whose next line is indented no deeper than its key: Hugo 0.168's reader
    /// accepts it when the string closes (seen with Hugo: `abc reproduire.`), and refuses a
    /// string that never closes; the spec (strict) refuses both.
    func testQuotedStringsOnLessIndentedLines() throws {
        let text = bytes("title: T\ndescription: \"abc\nreproduire.\"\nfoo: bar\n")
        let value = try YAMLParser.parse(text, range: 0..<text.count)
        XCTAssertEqual(value["description"]?.stringValue, "abc reproduire.")
        XCTAssertEqual(value["foo"]?.stringValue, "bar")
        XCTAssertThrowsError(try YAMLParser.parseStream(text, range: 0..<text.count, strict: true))
        let unclosed = bytes("title: \"abc\nfoo: bar\n")
        XCTAssertThrowsError(try YAMLParser.parse(unclosed, range: 0..<unclosed.count)) { error in
            XCTAssertTrue("\(error)".contains("is not closed on its line"), "\(error)")
        }
    }

    /// Lone `\r` line endings: Hugo's lexer ends front matter lines at `\r` too, and consumes one
    /// `\r` (then one `\n`) after each delimiter; JSON front matter likewise.
    func testLoneCarriageReturns() throws {
        let cr = bytes("---\rtitle: x\r---\r## Body\r")
        let block = try XCTUnwrap(FrontmatterParser.detect(cr))
        XCTAssertEqual(String(decoding: cr[block.bodyStart...], as: UTF8.self), "## Body\r")
        XCTAssertEqual(try FrontmatterParser.parse(cr, block: block)["title"]?.stringValue, "x")
        let twice = bytes("---\r\ntitle: x\r\n---\r\r## Body")
        XCTAssertEqual(try FrontmatterParser.detect(twice).map { twice.count - $0.bodyStart }, 8)
        let json = bytes("{\"title\": \"x\"}\r## Body")
        XCTAssertEqual(try FrontmatterParser.detect(json).map { json.count - $0.bodyStart }, 7)
    }

    /// Merge keys: goccy/go-yaml (Hugo's YAML reader) merges `<<` when it decodes a mapping.
    func testMergeKeys() throws {
        let src = """
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            c:
              x: 0
              <<: [*a, *b]
              w: 3
            d: {<<: *b, q: 1}
            e:
              "<<": *a
            f:
              !!merge <<: *a

            """
        let b = bytes(src)
        let v = try YAMLParser.parse(b, range: 0..<b.count)
        let c = try XCTUnwrap(v["c"])
        // the mapping's own key wins; of the merged mappings the earlier wins; merged keys sit where `<<` was
        XCTAssertEqual(c.entries.map(\.key), ["x", "y", "z", "w"])
        XCTAssertEqual(c.entries.map(\.value.kind), [.integer(0), .integer(1), .integer(2), .integer(3)])
        XCTAssertEqual(slice(b, c.entries[1].keyRange), "y")  // the key where it was written, in a's mapping
        XCTAssertEqual(v["d"]?.entries.map(\.key), ["y", "z", "q"])
        XCTAssertEqual(v["e"]?.entries.map(\.key), ["<<"])  // a quoted "<<" is an ordinary key
        XCTAssertEqual(v["f"]?.entries.map(\.key), ["x", "y"])
        func message(_ s: String) -> String? {
            let b = bytes(s)
            do {
                _ = try YAMLParser.parse(b, range: 0..<b.count)
                return nil
            } catch { return error.message }
        }
        XCTAssertEqual(
            message("a: &s 1\nb:\n  <<: *s\n"), "a merge key '<<' takes a mapping or a list of mappings, not a integer")
        XCTAssertEqual(
            message("a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n"), "duplicate merge key '<<' in the same mapping")
    }

    func testErrors() {
        func err(_ s: String) -> FrontmatterError? {
            do {
                _ = try FrontmatterParser.detect(bytes(s))
                return nil
            } catch { return error }
        }
        XCTAssertTrue(err("--\ntitle: x\n")?.message.contains("invalid YAML delimiter") ?? false)
        XCTAssertTrue(err("++ x")?.message.contains("invalid TOML delimiter") ?? false)
        let missing = err("---\ntitle: x\n...\n")
        XCTAssertTrue(missing?.message.contains("closing '---'") ?? false)
        XCTAssertEqual(missing?.range, SourceRange(0, 3))
        XCTAssertTrue(err("{\"a\": {\"b\": 1}\n")?.message.contains("JSON") ?? false)
    }
}

final class YAMLTests: XCTestCase {
    let page = """
        ---
        layout: single-resource
        title: About
        description: Who is Tech Werkers? About our mission and vision, what we want to
          achieve, and how we're going to achieve it.
        feature: twc-thenetherlands.png
        date: 2025-03-02
        lastmod: 2025-03-02
        tags: []
        ---

        """

    func testRealPage() throws {
        let b = bytes(page)
        let block = try XCTUnwrap(FrontmatterParser.detect(b))
        let v = try FrontmatterParser.parse(b, block: block)
        XCTAssertEqual(v.entries.map(\.key), ["layout", "title", "description", "feature", "date", "lastmod", "tags"])
        let d = try XCTUnwrap(v.entry("description"))
        XCTAssertEqual(
            d.value.kind,
            .string(
                "Who is Tech Werkers? About our mission and vision, what we want to achieve, and how we're going to achieve it."
            ))
        XCTAssertEqual(
            slice(b, d.value.range),
            "Who is Tech Werkers? About our mission and vision, what we want to\n  achieve, and how we're going to achieve it."
        )
        XCTAssertEqual(slice(b, d.keyRange), "description")
        XCTAssertEqual(v["date"]?.kind, .datetime("2025-03-02"))
        XCTAssertEqual(v["tags"]?.kind, .array([]))
        XCTAssertEqual(slice(b, v["tags"]!.range), "[]")
        XCTAssertEqual(v["title"]?.style, .plain)
    }

    func testQuotedRanges() throws {
        let b = bytes("title: \"Techwerkers voor Palestina\"\n'k': 'it''s'\n")
        let v = try YAMLParser.parse(b, range: 0..<b.count)
        let t = try XCTUnwrap(v.entry("title"))
        XCTAssertEqual(t.value.kind, .string("Techwerkers voor Palestina"))
        XCTAssertEqual(t.value.style, .doubleQuoted)
        XCTAssertEqual(slice(b, t.value.range), "\"Techwerkers voor Palestina\"")
        let k = try XCTUnwrap(v.entry("k"))
        XCTAssertEqual(slice(b, k.keyRange), "'k'")
        XCTAssertEqual(k.value.kind, .string("it's"))
        XCTAssertEqual(slice(b, k.value.range), "'it''s'")
    }

    func testCollectionsAndBlockScalars() throws {
        let src = """
            menu:
              main:
                - name: Home
                  weight: 1
                - name: "About"
            list:
            - a
            - b
            flow: {a: [1, 2], b: x}
            lit: |
              line 1
              line 2
            fold: >-
              one
              two
            after: yes
            n: ~
            f: 1.5
            i: 0x1F
            """
        let b = bytes(src)
        let v = try YAMLParser.parse(b, range: 0..<b.count)
        let main = try XCTUnwrap(v["menu"]?["main"])
        guard case .array(let items) = main.kind else { return XCTFail("not array") }
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0]["weight"]?.kind, .integer(1))
        XCTAssertEqual(slice(b, items[1]["name"]!.range), "\"About\"")
        guard case .array(let list) = v["list"]?.kind else { return XCTFail("list") }
        XCTAssertEqual(list.map(\.kind), [.string("a"), .string("b")])
        XCTAssertEqual(slice(b, v["list"]!.range), "- a\n- b")
        XCTAssertTrue(sameValue(v["flow"]!, try YAMLParser.parse(bytes("{a: [1, 2], b: x}"), range: 0..<17)))
        XCTAssertEqual(slice(b, v["flow"]!.range), "{a: [1, 2], b: x}")
        XCTAssertEqual(v["lit"]?.kind, .string("line 1\nline 2\n"))
        XCTAssertEqual(slice(b, v["lit"]!.range), "|\n  line 1\n  line 2")
        XCTAssertEqual(v["fold"]?.kind, .string("one two"))
        XCTAssertEqual(v["after"]?.kind, .string("yes"))
        XCTAssertEqual(v["n"]?.kind, .null)
        XCTAssertEqual(v["f"]?.kind, .float(1.5))
        XCTAssertEqual(v["i"]?.kind, .integer(31))
        XCTAssertEqual(slice(b, v["menu"]!.range).hasPrefix("main:"), true)
    }

    func testAnchorsTagsTimestamps() throws {
        let b = bytes("a: &x hello\nb: *x\nc: !!str 12\nd: 2025-08-15T00:00:00.000Z\ne: 2001-12-14 21:59:43.10 -5\n")
        let v = try YAMLParser.parse(b, range: 0..<b.count)
        XCTAssertEqual(v["b"]?.kind, .string("hello"))
        XCTAssertEqual(v["c"]?.kind, .string("12"))
        XCTAssertEqual(v["d"]?.kind, .datetime("2025-08-15T00:00:00.000Z"))
        XCTAssertEqual(v["e"]?.kind, .datetime("2001-12-14 21:59:43.10 -5"))
    }

    func testErrors() {
        func err(_ s: String) -> FrontmatterError? {
            let b = bytes(s)
            do {
                _ = try YAMLParser.parse(b, range: 0..<b.count)
                return nil
            } catch { return error }
        }
        let e1 = err("title: x\nfoo\n")
        XCTAssertEqual(e1?.message, "expected ':' after key \"foo\"")
        XCTAssertEqual(e1?.range, SourceRange(12, 12))
        let e2 = err("title: \"abc\n")
        XCTAssertTrue(e2?.message.contains("unterminated double-quoted string") ?? false)
        XCTAssertEqual(e2?.range.start, 7)
        let e3 = err("a: 1\na: 2\n")
        XCTAssertTrue(e3?.message.contains("duplicate key") ?? false)
        XCTAssertEqual(e3?.range, SourceRange(5, 6))
        let e4 = err("a:\n\tb: 1\n")
        XCTAssertTrue(e4?.message.contains("tab") ?? false)
        XCTAssertEqual(e4?.range, SourceRange(3, 4))
        XCTAssertNotNil(err("a: [1, 2\n"))
        XCTAssertNotNil(err("a: b: c\n"))
    }
}

final class TOMLTests: XCTestCase {
    func testHugoConfig() throws {
        let src = """
            baseURL = "https://example.org/"
            defaultContentLanguage = "en"
            [languages]
              [languages.en]
                weight = 1
                languageName = "English"
              [languages.nl]
                weight = 2
                contentDir = "content"
            [markup.goldmark.parser]
              autoHeadingIDType = "github"
            """
        let b = bytes(src)
        let v = try TOMLParser.parse(b, range: 0..<b.count)
        XCTAssertEqual(v["baseURL"]?.kind, .string("https://example.org/"))
        XCTAssertEqual(slice(b, v["baseURL"]!.range), "\"https://example.org/\"")
        XCTAssertEqual(v["languages"]?["en"]?["weight"]?.kind, .integer(1))
        XCTAssertEqual(v["languages"]?["nl"]?["contentDir"]?.kind, .string("content"))
        XCTAssertEqual(slice(b, v["languages"]!["nl"]!.range), "[languages.nl]")
        XCTAssertEqual(slice(b, v["languages"]!.entry("nl")!.keyRange), "nl")
        XCTAssertEqual(v["markup"]?["goldmark"]?["parser"]?["autoHeadingIDType"]?.kind, .string("github"))
    }

    func testValuesAndErrors() throws {
        let b = bytes("d = 1979-05-27 07:32:00Z\nn = 0x_1\n")
        XCTAssertThrowsError(try TOMLParser.parse(b, range: 0..<b.count))
        let c = bytes("d = 1979-05-27 07:32:00Z\nf = 1e3\nx = [1, 2,]\n[[p]]\nq = 1\n[[p]]\n")
        let v = try TOMLParser.parse(c, range: 0..<c.count)
        XCTAssertEqual(v["d"]?.kind, .datetime("1979-05-27 07:32:00Z"))
        XCTAssertEqual(v["f"]?.kind, .float(1000))
        guard case .array(let p) = v["p"]?.kind else { return XCTFail() }
        XCTAssertEqual(p.count, 2)
        do {
            let d = bytes("a = 1\na = 2\n")
            _ = try TOMLParser.parse(d, range: 0..<d.count)
            XCTFail("duplicate")
        } catch {
            XCTAssertTrue(error.message.contains("duplicate key"))
            XCTAssertEqual(error.range, SourceRange(6, 7))
        }
    }
}

final class JSONTests: XCTestCase {
    func testValues() throws {
        let b = bytes(#"{"a": "x\u00e9\ud83d\ude00", "n": 12, "f": 1.5, "big": 1e400, "l": [true, null]}"#)
        let v = try JSONParser.parse(b, range: 0..<b.count)
        XCTAssertEqual(v["a"]?.kind, .string("xé😀"))
        XCTAssertEqual(v["n"]?.kind, .integer(12))
        XCTAssertEqual(v["f"]?.kind, .float(1.5))
        XCTAssertEqual(slice(b, v.entry("n")!.keyRange), "\"n\"")
        XCTAssertEqual(slice(b, v["l"]!.range), "[true, null]")
        let e = bytes(#"{"a" 1}"#)
        XCTAssertThrowsError(try JSONParser.parse(e, range: 0..<e.count)) { error in
            XCTAssertEqual((error as? FrontmatterError)?.range, SourceRange(5, 6))
        }
    }
}

final class HugoDateTests: XCTestCase {
    let ams = TimeZone(identifier: "Europe/Amsterdam")!

    func iso(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    func testVectors() {
        XCTAssertEqual(HugoDate.parse("2025-03-23", timeZone: ams), iso("2025-03-23T00:00:00+01:00"))
        XCTAssertEqual(HugoDate.parse("2025-08-15T00:00:00.000Z", timeZone: ams), iso("2025-08-15T00:00:00Z"))
        XCTAssertEqual(HugoDate.parse("2025-08-15T10:30:00", timeZone: ams), iso("2025-08-15T10:30:00+02:00"))
        XCTAssertEqual(HugoDate.parse("2025-08-15 10:30:00", timeZone: ams), iso("2025-08-15T10:30:00+02:00"))
        XCTAssertEqual(HugoDate.parse("2025-08-15T10:30:00+02:00", timeZone: ams), iso("2025-08-15T10:30:00+02:00"))
        XCTAssertEqual(HugoDate.parse("2025-08-15T10:30:00-0700", timeZone: ams), iso("2025-08-15T10:30:00-07:00"))
        XCTAssertEqual(HugoDate.parse("15 Aug 2025", timeZone: ams), iso("2025-08-15T00:00:00+02:00"))
        XCTAssertEqual(
            HugoDate.parse(
                FrontmatterValue(kind: .datetime("2025-08-15 10:30:00Z"), range: SourceRange(0, 0)), timeZone: ams),
            iso("2025-08-15T10:30:00Z"))
        XCTAssertEqual(
            HugoDate.parse(FrontmatterValue(kind: .integer(1_700_000_000), range: SourceRange(0, 0)), timeZone: ams),
            iso("2023-11-14T22:13:20Z"))
        XCTAssertNil(HugoDate.parse("2025-08-15 10:30", timeZone: ams))
        XCTAssertNil(HugoDate.parse("2025-3-5", timeZone: ams))
        XCTAssertNil(HugoDate.parse("", timeZone: ams))
        XCTAssertNil(HugoDate.parse(FrontmatterValue(kind: .null, range: SourceRange(0, 0)), timeZone: ams))
        XCTAssertEqual(
            HugoDate.parse("Mon, 02 Jan 2006 15:04:05 -0700", timeZone: ams), iso("2006-01-02T15:04:05-07:00"))
        XCTAssertEqual(
            HugoDate.parse("2006-01-02T15:04:05.123456+01:00", timeZone: ams)?.timeIntervalSince1970 ?? 0,
            iso("2006-01-02T15:04:05+01:00").timeIntervalSince1970 + 0.123456, accuracy: 1e-6)
    }

    /// Go's layouts and cast's zone handling, as the Hugo oracle (HugoDateOracleTests) found them.
    func testGoLayoutQuirks() {
        func hugo(_ text: String, _ zone: TimeZone? = nil) -> String? {
            HugoDate.time(text, timeZone: zone ?? ams)?.formatted
        }
        // Zone abbreviations are ignored (RFC1123/RFC822/RFC850/UnixDate): the wall clock is in the
        // site zone, UTC and GMT included; GMT+h moves the wall clock h hours on.
        XCTAssertEqual(hugo("Fri, 15 Aug 2025 10:30:00 UTC"), "2025-08-15T10:30:00+02:00")
        XCTAssertEqual(hugo("Fri, 15 Aug 2025 10:30:00 PST"), "2025-08-15T10:30:00+02:00")
        XCTAssertEqual(hugo("Fri, 15 Aug 2025 23:30:00 GMT+3"), "2025-08-16T02:30:00+02:00")
        XCTAssertEqual(hugo("Fri Aug 15 10:30:00 GMT-2 2025"), "2025-08-15T08:30:00+02:00")
        XCTAssertEqual(hugo("Fri, 15 Aug 2025 10:30:00 +03"), "2025-08-15T10:30:00+02:00")
        XCTAssertEqual(hugo("15 Aug 69 10:30 MST"), "1969-08-15T10:30:00+01:00")
        XCTAssertNil(hugo("Fri, 15 Aug 2025 10:30:00 GMT+24"))
        XCTAssertNil(hugo("Fri, 15 Aug 2025 10:30:00 Cest"))
        // Time.String(): the numeric offset counts, unless the name is UTC.
        XCTAssertEqual(hugo("2025-08-15 10:30:00.5 +0200 CEST"), "2025-08-15T10:30:00.5+02:00")
        XCTAssertEqual(hugo("2025-08-15 10:30:00 +0200 UTC"), "2025-08-15T10:30:00Z")
        // Offsets up to 24 hours and 60 minutes; fractions after a comma, beyond nine digits cut.
        XCTAssertEqual(hugo("2025-08-15T10:30:00+24:00"), "2025-08-15T10:30:00+24:00")
        XCTAssertEqual(hugo("2025-08-15T10:30:00-23:60"), "2025-08-15T10:30:00-24:00")
        XCTAssertNil(hugo("2025-08-15T10:30:00+25:00"))
        XCTAssertEqual(hugo("2025-08-15T10:30:00,1234567891Z"), "2025-08-15T10:30:00.123456789Z")
        // A layout space takes a run of spaces; hours may have one digit; names any case.
        XCTAssertEqual(hugo("2025-08-15  10:30:00"), "2025-08-15T10:30:00+02:00")
        XCTAssertEqual(hugo("2025-08-15T9:30:00"), "2025-08-15T09:30:00+02:00")
        XCTAssertEqual(hugo("fri AUG  5 10:30:00 2025"), "2025-08-05T10:30:00+02:00")
        XCTAssertNil(hugo("5 Aug 2025"))
        // Time-only layouts (Kitchen, Stamp): year 0, UTC.
        XCTAssertEqual(hugo("3:04PM"), "0000-01-01T15:04:00Z")
        XCTAssertEqual(hugo("12:30AM"), "0000-01-01T00:30:00Z")
        XCTAssertNil(hugo("3:04pm"))
        XCTAssertEqual(hugo("Feb 29 10:30:00.5"), "0000-02-29T10:30:00.5Z")
        // DST: a skipped wall clock lands after the jump; a repeated one takes Go's offset.
        XCTAssertEqual(hugo("2025-03-30 02:30:00"), "2025-03-30T03:30:00+02:00")
        XCTAssertEqual(hugo("2025-10-26 02:30:00"), "2025-10-26T02:30:00+01:00")
        let newYork = TimeZone(identifier: "America/New_York")!
        XCTAssertEqual(hugo("2025-11-02T01:30:00", newYork), "2025-11-02T01:30:00-04:00")
        XCTAssertEqual(hugo("2025-03-09T02:30:00", newYork), "2025-03-09T01:30:00-05:00")
        XCTAssertNil(hugo("2025-02-29"))
        XCTAssertEqual(hugo("2024-02-29"), "2024-02-29T00:00:00+01:00")
        XCTAssertEqual(HugoDate.time("0001-01-01T00:00:00Z", timeZone: ams)?.isZero, true)
    }

    /// What each front matter format hands Hugo.
    func testFormatAwareReading() throws {
        func read(_ text: String) throws -> HugoDate.Reading {
            let b = bytes(text)
            let block = try XCTUnwrap(try FrontmatterParser.detect(b))
            let table = try FrontmatterParser.parse(b, block: block)
            return HugoDate.read(try XCTUnwrap(table.entries.first).value, format: block.format, timeZone: ams)
        }
        func formatted(_ reading: HugoDate.Reading) -> String? {
            if case .time(let time) = reading { return time.formatted }
            return nil
        }
        // TOML offset date-times lose the fraction (Hugo formats go-toml's time.Time as RFC 3339);
        // local ones keep it and are in the site zone; lower-case t/z are TOML.
        XCTAssertEqual(formatted(try read("+++\ndate = 2025-08-15T10:30:00.5Z\n+++\n")), "2025-08-15T10:30:00Z")
        XCTAssertEqual(formatted(try read("+++\ndate = 2025-08-15T10:30:00.5\n+++\n")), "2025-08-15T10:30:00.5+02:00")
        XCTAssertEqual(formatted(try read("+++\ndate = 2025-08-15t10:30:00z\n+++\n")), "2025-08-15T10:30:00Z")
        XCTAssertEqual(formatted(try read("+++\ndate = 2016-12-31T23:59:60Z\n+++\n")), "2017-01-01T00:00:00Z")
        XCTAssertEqual(try read("+++\ndate = 10:30:00\n+++\n"), .unparseable)
        // YAML keeps the fraction (a string to Hugo); lower case is not a layout.
        XCTAssertEqual(formatted(try read("---\ndate: 2025-08-15T10:30:00.5Z\n---\n")), "2025-08-15T10:30:00.5Z")
        XCTAssertEqual(try read("---\ndate: 2025-08-15t10:30:00z\n---\n"), .unparseable)
        // Numbers: YAML/TOML integers are Unix seconds; floats and JSON numbers are not dates.
        XCTAssertEqual(formatted(try read("---\ndate: 0x10\n---\n")), "1970-01-01T00:00:16Z")
        XCTAssertEqual(formatted(try read("+++\ndate = 1_700_000_000\n+++\n")), "2023-11-14T22:13:20Z")
        XCTAssertEqual(try read("---\ndate: 1700000000.5\n---\n"), .unparseable)
        XCTAssertEqual(try read("{\"date\": 1700000000}\n"), .unparseable)
        XCTAssertEqual(try read("---\ndate: \"1700000000\"\n---\n"), .unparseable)
        XCTAssertEqual(try read("---\npublished: false\n---\n"), .unparseable)
        XCTAssertEqual(try read("---\ndate: \"\"\n---\n"), .empty)
        XCTAssertEqual(try read("---\ndate: ~\n---\n"), .empty)
    }

    func testResolveChains() throws {
        func resolve(_ text: String) throws -> HugoDates {
            let b = bytes(text)
            let block = try XCTUnwrap(try FrontmatterParser.detect(b))
            return HugoDate.resolve(
                frontmatter: try FrontmatterParser.parse(b, block: block), format: block.format, timeZone: ams)
        }
        func keys(_ d: HugoDates) -> [String?] {
            [d.date, d.publishDate, d.lastmod, d.expiryDate].map { $0?.entry?.key }
        }
        XCTAssertEqual(
            keys(try resolve("---\nPublishDate: 2025-01-05\n---\n")),
            ["PublishDate", "PublishDate", "PublishDate", nil])
        XCTAssertEqual(
            keys(try resolve("---\nmodified: 2025-02-02\n---\n")), ["modified", "modified", "modified", nil])
        XCTAssertEqual(
            keys(try resolve("---\nmodified: 2025-03-02\npublished: 2025-01-30\nunpublishdate: 2030-01-01\n---\n")),
            ["published", "published", "modified", "unpublishdate"])
        XCTAssertEqual(
            keys(try resolve("---\ndate: \"\"\npubdate: 2025-01-05\n---\n")), ["pubdate", "pubdate", "pubdate", nil])
        // A `date` key, even empty, stands in the publish date chain where Hugo would put `.Date`.
        XCTAssertEqual(keys(try resolve("---\ndate:\nlastmod: 2025-02-01\n---\n")), ["lastmod", nil, "lastmod", nil])
        let broken = try resolve("---\ndate: tomorrow\npublishDate: 2025-01-05\n---\n")
        XCTAssertEqual(keys(broken), ["publishDate", "publishDate", "publishDate", nil])
        XCTAssertEqual(broken.unparseable.map(\.key), ["date"])
    }

    func testFormatting() {
        XCTAssertEqual(HugoTime(seconds: HugoDate.goZeroSeconds).formatted, "0001-01-01T00:00:00Z")
        XCTAssertEqual(
            HugoTime(seconds: -1, nanoseconds: 500_000_000, utcOffset: -19_800).formatted, "1969-12-31T18:29:59.5-05:30"
        )
        XCTAssertEqual(
            HugoTime(seconds: 0, nanoseconds: 120, utcOffset: 1172).formatted, "1970-01-01T00:19:32.00000012+00:19")
        XCTAssertEqual(
            HugoTime(seconds: 253_402_300_799, nanoseconds: 999_999_999).formatted, "9999-12-31T23:59:59.999999999Z")
        XCTAssertFalse(HugoTime(seconds: .min).formatted.isEmpty)
        XCTAssertFalse(HugoTime(seconds: .max).formatted.isEmpty)
    }
}

final class YAMLExtraTests: XCTestCase {
    func testFlowAcrossLinesAndLargeInput() throws {
        let b = bytes("tags: [\n  a,\n  b\n]\nx: 1\n")
        let v = try YAMLParser.parse(b, range: 0..<b.count)
        guard case .array(let t) = v["tags"]?.kind else { return XCTFail() }
        XCTAssertEqual(t.map(\.kind), [.string("a"), .string("b")])
        let big = bytes("k: [" + (0..<20000).map { "i\($0)" }.joined(separator: ", ") + "]\n")
        let start = Date()
        let w = try YAMLParser.parse(big, range: 0..<big.count)
        guard case .array(let items) = w["k"]?.kind else { return XCTFail() }
        XCTAssertEqual(items.count, 20000)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }
}
