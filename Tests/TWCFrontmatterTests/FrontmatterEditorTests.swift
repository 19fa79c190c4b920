import Foundation
import TWCCore
import XCTest

@testable import TWCFrontmatter

// MARK: helpers

/// The page after the edit, checked for the round-trip property on the way (see `assertRoundTrip`).
private func edited(
    _ page: String, _ make: (FrontmatterEditor) throws -> FrontmatterEdit,
    path: FrontmatterPath, value: FrontmatterScalar, adding: Bool,
    file: StaticString = #filePath, line: UInt = #line
) -> String? {
    let before = bytes(page)
    do {
        let editor = try FrontmatterEditor(bytes: before)
        let edit = try make(editor)
        let after = edit.applied(to: before)
        assertRoundTrip(before, after, edit, path: path, value: value, adding: adding, file: file, line: line)
        return String(decoding: after, as: UTF8.self)
    } catch {
        XCTFail("edit failed: \(error)", file: file, line: line)
        return nil
    }
}

private func assertReplace(
    _ before: String, _ path: FrontmatterPath, _ value: FrontmatterScalar, _ expected: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    let after = edited(
        before, { try $0.editReplacingValue(at: path, with: value) }, path: path, value: value, adding: false,
        file: file, line: line)
    XCTAssertEqual(after, expected, file: file, line: line)
}

private func assertAdd(
    _ before: String, _ path: FrontmatterPath, _ value: FrontmatterScalar, _ expected: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    let after = edited(
        before, { try $0.editAddingKey(at: path, value: value) }, path: path, value: value, adding: true,
        file: file, line: line)
    XCTAssertEqual(after, expected, file: file, line: line)
}

/// The error the edit throws; nil (a test failure where one is expected) when it succeeds.
private func editError(_ page: String, _ make: (FrontmatterEditor) throws -> FrontmatterEdit) -> FrontmatterEditError? {
    do {
        let editor = try FrontmatterEditor(bytes: bytes(page))
        _ = try make(editor)
        return nil
    } catch {
        return error as? FrontmatterEditError
    }
}

/// Every node of a value with its path, for comparing two parses.
private func flatten(
    _ value: FrontmatterValue, _ path: FrontmatterPath = [],
    into nodes: inout [(path: FrontmatterPath, keyRange: SourceRange?, value: FrontmatterValue)],
    keyRange: SourceRange? = nil
) {
    nodes.append((path, keyRange, value))
    switch value.kind {
    case .table(let entries):
        for entry in entries { flatten(entry.value, path + [.key(entry.key)], into: &nodes, keyRange: entry.keyRange) }
    case .array(let items):
        for (i, item) in items.enumerated() { flatten(item, path + [.index(i)], into: &nodes) }
    default:
        break
    }
}

/// Paths compare keys without regard to case, as the editor looks them up.
private func samePath(_ a: FrontmatterPath, _ b: FrontmatterPath) -> Bool {
    a.count == b.count
        && zip(a, b).allSatisfy { x, y in
            switch (x, y) {
            case (.key(let k), .key(let l)): return k.lowercased() == l.lowercased()
            case (.index(let i), .index(let j)): return i == j
            default: return false
            }
        }
}

private func readsAs(_ value: FrontmatterValue, _ scalar: FrontmatterScalar) -> Bool {
    switch (scalar, value.kind) {
    case (.string(let s), .string(let read)):
        return read == s || read.replacingOccurrences(of: "\r\n", with: "\n") == s
    case (.date(let s), .datetime(let read)), (.date(let s), .string(let read)): return read == s
    case (.integer(let i), .integer(let read)): return i == read
    case (.float(let d), .float(let read)): return d == read || (d.isNaN && read.isNaN)
    case (.bool(let b), .bool(let read)): return b == read
    default: return false
    }
}

/// The round-trip property: the bytes outside the edit are the old bytes; parsed again, the path
/// holds the new value; every other key and value is the same data with the same range, shifted
/// by the edit's size when it lies after the edit. (Collections on the path may grow.)
private func assertRoundTrip(
    _ before: [UInt8], _ after: [UInt8], _ edit: FrontmatterEdit, path: FrontmatterPath,
    value: FrontmatterScalar, adding: Bool, file: StaticString, line: UInt
) {
    guard let first = edit.replacements.first, let last = edit.replacements.last else {
        return XCTFail("empty edit", file: file, line: line)
    }
    let editStart = first.range.start
    let editEnd = last.range.end
    let delta = edit.byteDelta
    XCTAssertEqual(after.count, before.count + delta, file: file, line: line)
    XCTAssertEqual(
        Array(after[..<editStart]), Array(before[..<editStart]), "bytes before the edit", file: file, line: line)
    XCTAssertEqual(
        Array(after[(editEnd + delta)...]), Array(before[editEnd...]), "bytes after the edit", file: file, line: line)
    guard let oldBlock = try? FrontmatterParser.detect(before),
        let oldRoot = try? FrontmatterParser.parse(before, block: oldBlock)
    else {
        return XCTFail("the page before does not parse", file: file, line: line)
    }
    let newBlock: FrontmatterBlock?
    let newRoot: FrontmatterValue
    do {
        newBlock = try FrontmatterParser.detect(after)
        newRoot = try FrontmatterParser.parse(after, block: XCTUnwrap(newBlock))
    } catch {
        return XCTFail(
            "the edited page does not parse: \(error)\n\(String(decoding: after, as: UTF8.self))", file: file,
            line: line)
    }
    XCTAssertEqual(newBlock?.format, oldBlock.format, file: file, line: line)
    XCTAssertEqual(newBlock?.bodyStart, oldBlock.bodyStart + delta, file: file, line: line)
    guard let written = FrontmatterEditor.lookup(path[...], in: newRoot) else {
        return XCTFail("nothing at \(path.pathDescription) after the edit", file: file, line: line)
    }
    XCTAssertTrue(
        readsAs(written, value), "\(path.pathDescription) reads back as \(written.kind), not \(value)", file: file,
        line: line)
    var oldNodes: [(path: FrontmatterPath, keyRange: SourceRange?, value: FrontmatterValue)] = []
    var newNodes = oldNodes
    flatten(oldRoot, into: &oldNodes)
    flatten(newRoot, into: &newNodes)
    if adding { newNodes.removeAll { $0.path.starts(with: path) } }
    let newByPath = Dictionary(newNodes.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    XCTAssertEqual(newNodes.count, oldNodes.count, "number of keys and values", file: file, line: line)
    func shifted(_ range: SourceRange) -> SourceRange? {
        if range.end <= editStart && !(range.isEmpty && range.start == editStart) { return range }
        if range.start >= editEnd { return SourceRange(range.start + delta, range.end + delta) }
        return nil
    }
    for old in oldNodes {
        guard let new = newByPath[old.path] else {
            XCTFail("\(old.path.pathDescription) is gone", file: file, line: line)
            continue
        }
        if let oldKey = old.keyRange, let expected = shifted(oldKey) {
            XCTAssertEqual(new.keyRange, expected, "key range of \(old.path.pathDescription)", file: file, line: line)
        }
        let onPath = samePath(Array(path.prefix(old.path.count)), old.path)
        if onPath { continue }  // the edited value and the collections holding it
        XCTAssertTrue(sameValue(old.value, new.value), "\(old.path.pathDescription) changed", file: file, line: line)
        XCTAssertEqual(old.value.style, new.value.style, "style of \(old.path.pathDescription)", file: file, line: line)
        if let expected = shifted(old.value.range) {
            XCTAssertEqual(new.value.range, expected, "range of \(old.path.pathDescription)", file: file, line: line)
        }
    }
}

// MARK: YAML

final class YAMLEditTests: XCTestCase {
    func testPlainStaysPlainAndCommentStays() {
        assertReplace(
            "---\ntitle: Hello   # the title\nx: 1\n---\nBody\n", ["title"], .string("Goodbye, world"),
            "---\ntitle: Goodbye, world   # the title\nx: 1\n---\nBody\n")
    }

    func testPlainGetsQuotedWhenItMustStayAString() {
        let cases: [(String, String)] = [
            ("true", "\"true\""), ("null", "\"null\""), ("~", "\"~\""), ("123", "\"123\""), ("1.5", "\"1.5\""),
            ("2025-03-23", "\"2025-03-23\""), ("a: b", "\"a: b\""), ("ends with:", "\"ends with:\""),
            ("x #y", "\"x #y\""), ("#tag", "\"#tag\""), ("- item", "\"- item\""), ("[a]", "\"[a]\""),
            ("{a}", "\"{a}\""), ("&anchor", "\"&anchor\""), ("*alias", "\"*alias\""), ("!tag", "\"!tag\""),
            ("|pipe", "\"|pipe\""), (">gt", "\">gt\""), ("'q'", "\"'q'\""), ("\"dq\"", "\"\\\"dq\\\"\""),
            ("%p", "\"%p\""), ("@at", "\"@at\""), ("`tick`", "\"`tick`\""), ("", "\"\""), (" lead", "\" lead\""),
            ("trail ", "\"trail \""), ("two\nlines", "\"two\\nlines\""), ("tab\there", "\"tab\\there\""),
            ("yes", "\"yes\""), ("Off", "\"Off\""), ("1:20", "\"1:20\""), ("0x1F", "\"0x1F\""),
            ("bell\u{7}", "\"bell\\a\""),
            ("nbsp\u{FEFF}", "\"nbsp\\uFEFF\""), ("c1\u{85}", "\"c1\\N\""),
        ]
        for (text, written) in cases {
            assertReplace("---\ntitle: old # c\n---\n", ["title"], .string(text), "---\ntitle: \(written) # c\n---\n")
        }
        // Fine as plain: indicators inside, a colon not followed by a space, a # not after a space.
        for text in [
            "a-b", "C#", "http://example.com/a?b=c", "-x", "Ünïcödé ✓", "rock 'n' roll", "key:value", "50%",
            "back\\slash \"q\"", "-foo",
        ] {
            assertReplace("---\ntitle: old\n---\n", ["title"], .string(text), "---\ntitle: \(text)\n---\n")
        }
    }

    func testQuotedStylesAreKept() {
        assertReplace(
            "---\ntitle: \"old\"\n---\n", ["title"], .string("He said \"hi\" \\o/"),
            "---\ntitle: \"He said \\\"hi\\\" \\\\o/\"\n---\n")
        assertReplace(
            "---\ntitle: 'old'\n---\n", ["title"], .string("rock 'n' roll"), "---\ntitle: 'rock ''n'' roll'\n---\n")
        assertReplace("---\ntitle: 'old'\n---\n", ["title"], .string("true"), "---\ntitle: 'true'\n---\n")
        // Single quotes have no escapes: a line break or a control character needs double quotes.
        assertReplace("---\ntitle: 'old'\n---\n", ["title"], .string("a\nb"), "---\ntitle: \"a\\nb\"\n---\n")
        assertReplace("---\ntitle: \"old\"\n---\n", ["title"], .string("plain"), "---\ntitle: \"plain\"\n---\n")
        // A quoted value spread over lines becomes one line.
        assertReplace(
            "---\ntitle: \"one\n  two\"\nx: 1\n---\n", ["title"], .string("new"), "---\ntitle: \"new\"\nx: 1\n---\n")
    }

    func testDates() {
        // The page's quoting is kept: a quoted date stays quoted, an unquoted one unquoted.
        assertReplace(
            "---\ndate: \"2025-01-02\"\n---\n", ["date"], .date("2025-03-23"), "---\ndate: \"2025-03-23\"\n---\n")
        assertReplace("---\ndate: '2025-01-02'\n---\n", ["date"], .date("2025-03-23"), "---\ndate: '2025-03-23'\n---\n")
        assertReplace(
            "---\ndate: 2025-01-02\n---\n", ["date"], .date("2025-03-23T10:00:00+01:00"),
            "---\ndate: 2025-03-23T10:00:00+01:00\n---\n")
        // Not a YAML timestamp: written as a string (plain, since it reads back as one).
        assertReplace(
            "---\ndate: 2025-01-02\n---\n", ["date"], .date("March 23, 2025"), "---\ndate: March 23, 2025\n---\n")
        // A string that looks like a date must stay a string.
        assertReplace(
            "---\ndate: 2025-01-02\n---\n", ["date"], .string("2025-03-23"), "---\ndate: \"2025-03-23\"\n---\n")
    }

    func testTypedValuesAreWrittenUnquoted() {
        assertReplace("---\nweight: \"20\"\n---\n", ["weight"], .integer(10), "---\nweight: 10\n---\n")
        assertReplace("---\nweight: 20\n---\n", ["weight"], .integer(-7), "---\nweight: -7\n---\n")
        assertReplace("---\nratio: 1\n---\n", ["ratio"], .float(2), "---\nratio: 2.0\n---\n")
        assertReplace("---\nratio: 1\n---\n", ["ratio"], .float(-.infinity), "---\nratio: -.inf\n---\n")
        assertReplace("---\nratio: 1\n---\n", ["ratio"], .float(.nan), "---\nratio: .nan\n---\n")
        assertReplace("---\ndraft: 'yes'\n---\n", ["draft"], .bool(true), "---\ndraft: true\n---\n")
        assertReplace("---\ntitle: hello\n---\n", ["title"], .integer(5), "---\ntitle: 5\n---\n")
    }

    func testEmptyValue() {
        assertReplace(
            "---\nsummary:\nx: 1\n---\n", ["summary"], .string("now set"), "---\nsummary: now set\nx: 1\n---\n")
        assertReplace(
            "---\nsummary: # later\nx: 1\n---\n", ["summary"], .integer(1), "---\nsummary: 1 # later\nx: 1\n---\n")
        assertReplace("---\nsummary: ~\n---\n", ["summary"], .bool(false), "---\nsummary: false\n---\n")
    }

    func testNestedKeysAndArrayElements() {
        assertReplace(
            "---\nparams:\n  author: Ann # who\n  nested:\n    deep: 'x'\nz: 1\n---\n", ["params", "author"],
            .string("Bob"),
            "---\nparams:\n  author: Bob # who\n  nested:\n    deep: 'x'\nz: 1\n---\n")
        assertReplace(
            "---\nparams:\n  nested:\n    deep: 'x'\n---\n", ["params", "nested", "deep"], .string("it's"),
            "---\nparams:\n  nested:\n    deep: 'it''s'\n---\n")
        assertReplace(
            "---\ntags:\n  - one\n  - two # second\n---\n", ["tags", 1], .string("zwei"),
            "---\ntags:\n  - one\n  - zwei # second\n---\n")
        assertReplace(
            "---\nitems:\n- name: a\n  size: 1\n---\n", ["items", 0, "size"], .integer(2),
            "---\nitems:\n- name: a\n  size: 2\n---\n")
        // Inside a flow collection a comma or bracket needs quotes.
        assertReplace("---\ntags: [a, b]\n---\n", ["tags", 0], .string("x, y"), "---\ntags: [\"x, y\", b]\n---\n")
        assertReplace("---\ntags: [a, b]\n---\n", ["tags", 1], .string("c"), "---\ntags: [a, c]\n---\n")
        assertReplace(
            "---\nmap: {k: v, n: 1}\n---\n", ["map", "k"], .string("w]"), "---\nmap: {k: \"w]\", n: 1}\n---\n")
        // Keys match without regard to case, as in Hugo.
        assertReplace("---\nTitle: a\n---\n", ["title"], .string("b"), "---\nTitle: b\n---\n")
    }

    func testCRLFStaysCRLF() {
        assertReplace(
            "---\r\ntitle: a # c\r\ndate: \"2025-01-01\"\r\n---\r\nBody\r\n", ["date"], .date("2025-03-23"),
            "---\r\ntitle: a # c\r\ndate: \"2025-03-23\"\r\n---\r\nBody\r\n")
        assertReplace(
            "---\r\ntext: |\r\n  one\r\n  two\r\nx: 1\r\n---\r\n", ["text"], .string("three\nfour\nfive\n"),
            "---\r\ntext: |\r\n  three\r\n  four\r\n  five\r\nx: 1\r\n---\r\n")
        assertAdd("---\r\ntitle: a\r\n---\r\n", ["draft"], .bool(true), "---\r\ntitle: a\r\ndraft: true\r\n---\r\n")
    }

    func testLiteralBlockScalar() {
        let page = "---\nsummary: |  # keep me\n  line one\n  line two\nnext: x\n---\n"
        assertReplace(
            page, ["summary"], .string("new one\nnew two\n"),
            "---\nsummary: |  # keep me\n  new one\n  new two\nnext: x\n---\n")
        // No final line break: strip chomping.
        assertReplace(page, ["summary"], .string("only"), "---\nsummary: |-  # keep me\n  only\nnext: x\n---\n")
        // Empty lines inside are written without indentation.
        assertReplace(page, ["summary"], .string("a\n\nb\n"), "---\nsummary: |  # keep me\n  a\n\n  b\nnext: x\n---\n")
        // The old content indentation is kept.
        assertReplace(
            "---\nparams:\n  desc: |-\n      deep\n  x: 1\n---\n", ["params", "desc"], .string("p\nq"),
            "---\nparams:\n  desc: |-\n      p\n      q\n  x: 1\n---\n")
        // A first line starting with a space needs an indentation indicator.
        assertReplace(
            "---\ntext: |\n  old\n---\n", ["text"], .string("  indented\nnot\n"),
            "---\ntext: |2\n    indented\n  not\n---\n")
        // An explicit indicator is kept, with its indentation.
        assertReplace("---\ntext: |1\n  old\n---\n", ["text"], .string(" a\n"), "---\ntext: |1\n  a\n---\n")
        // The empty string.
        assertReplace(page, ["summary"], .string(""), "---\nsummary: |-  # keep me\nnext: x\n---\n")
        // A block with no content lines yet.
        assertReplace(
            "---\nsummary: |\nnext: x\n---\n", ["summary"], .string("filled\n"),
            "---\nsummary: |\n  filled\nnext: x\n---\n")
        // In a sequence entry.
        assertReplace(
            "---\nlist:\n  - |\n    a\n---\n", ["list", 0], .string("b\nc\n"), "---\nlist:\n  - |\n    b\n    c\n---\n")
    }

    func testFoldedBlockScalar() {
        let page = "---\ndescription: >\n  some folded\n  text\nx: 1\n---\n"
        // A single line break in the text is an empty line in folded style.
        assertReplace(
            page, ["description"], .string("one two\nthree\n"), "---\ndescription: >\n  one two\n\n  three\nx: 1\n---\n"
        )
        assertReplace(page, ["description"], .string("a\n\nb"), "---\ndescription: >-\n  a\n\n\n  b\nx: 1\n---\n")
        // Indented lines would not fold back to the same text: literal style instead.
        assertReplace(page, ["description"], .string("a\n  b\n"), "---\ndescription: |\n  a\n    b\nx: 1\n---\n")
    }

    func testBlockScalarFallsBackToQuotes() {
        let page = "---\nsummary: | # c\n  old\nx: 1\n---\n"
        // Several final line breaks, a control character, a lone line break: double quotes; the comment stays.
        assertReplace(page, ["summary"], .string("a\n\n"), "---\nsummary: \"a\\n\\n\" # c\nx: 1\n---\n")
        assertReplace(page, ["summary"], .string("bell\u{7}"), "---\nsummary: \"bell\\a\" # c\nx: 1\n---\n")
        assertReplace(page, ["summary"], .string("\n"), "---\nsummary: \"\\n\" # c\nx: 1\n---\n")
        // A typed value replaces the block.
        assertReplace(page, ["summary"], .integer(3), "---\nsummary: 3 # c\nx: 1\n---\n")
        assertReplace(
            "---\nsummary: >-\n  old\n---\n", ["summary"], .date("2025-03-23"), "---\nsummary: >-\n  2025-03-23\n---\n")
    }

    func testAddKey() {
        assertAdd(
            "---\ntitle: x\ndate: 2025-01-01 # d\n---\nBody\n", ["draft"], .bool(true),
            "---\ntitle: x\ndate: 2025-01-01 # d\ndraft: true\n---\nBody\n")
        assertAdd(
            "---\nparams:\n  a: 1\n# about other\nother: 2\n---\n", ["params", "b"], .string("x y"),
            "---\nparams:\n  a: 1\n  b: x y\n# about other\nother: 2\n---\n")
        assertAdd(
            "---\nparams:\n    a: |\n      text\n---\n", ["params", "b"], .integer(1),
            "---\nparams:\n    a: |\n      text\n    b: 1\n---\n")
        assertAdd("---\n---\nBody\n", ["title"], .string("New"), "---\ntitle: New\n---\nBody\n")
        assertAdd("---\n# only a comment\n---\n", ["title"], .string("New"), "---\n# only a comment\ntitle: New\n---\n")
        assertAdd("---\nparams: {a: 1}\n---\n", ["params", "b"], .string("two"), "---\nparams: {a: 1, b: two}\n---\n")
        assertAdd("---\nparams: {}\n---\n", ["params", "b"], .integer(2), "---\nparams: {b: 2}\n---\n")
        assertAdd(
            "---\nitems:\n  - name: a\n    size: 1\n---\n", ["items", 0, "color"], .string("red"),
            "---\nitems:\n  - name: a\n    size: 1\n    color: red\n---\n")
        // The keep-chomped block's trailing empty line stays with it.
        assertAdd("---\ntext: |+\n  a\n\n---\n", ["x"], .integer(1), "---\ntext: |+\n  a\n\nx: 1\n---\n")
        // Written like the neighbours: quoted strings, quoted dates.
        assertAdd("---\ntitle: \"x\"\n---\n", ["author"], .string("Ann"), "---\ntitle: \"x\"\nauthor: \"Ann\"\n---\n")
        assertAdd(
            "---\ntitle: 'x'\ndate: '2025-01-01'\n---\n", ["publishDate"], .date("2025-03-23"),
            "---\ntitle: 'x'\ndate: '2025-01-01'\npublishDate: '2025-03-23'\n---\n")
        assertAdd("---\ntitle: x\n---\n", ["date"], .date("2025-03-23"), "---\ntitle: x\ndate: 2025-03-23\n---\n")
        // Keys that cannot be plain are quoted.
        assertAdd("---\ntitle: x\n---\n", ["a: b"], .integer(1), "---\ntitle: x\n\"a: b\": 1\n---\n")
    }

    func testTagsAndAnchorsStay() {
        // The tag stays (the text is quoted as if it were not there); an anchor without aliases stays on its value.
        assertReplace("---\nid: !!str 123\n---\n", ["id"], .string("456"), "---\nid: !!str \"456\"\n---\n")
        assertReplace("---\nid: !!str 123\n---\n", ["id"], .string("abc"), "---\nid: !!str abc\n---\n")
        assertReplace("---\nbase: &b 1\n---\n", ["base"], .integer(2), "---\nbase: &b 2\n---\n")
        // A tag the new value contradicts is an error, not a silent change of type.
        guard
            case .cannotWrite(["id"], _)? = editError(
                "---\nid: !!str 123\n---\n", { try $0.editReplacingValue(at: ["id"], with: .integer(5)) })
        else {
            return XCTFail("!!str 5 is not the integer 5")
        }
    }

    func testErrors() {
        XCTAssertEqual(
            editError("---\ntitle: x\n---\n") { try $0.editReplacingValue(at: ["nope"], with: .integer(1)) },
            .notFound(["nope"]))
        XCTAssertEqual(
            editError("---\nparams:\n  a: 1\n---\n") { try $0.editReplacingValue(at: ["params"], with: .integer(1)) },
            .notAScalar(["params"]))
        XCTAssertEqual(
            editError("---\ntitle: x\n---\n") { try $0.editReplacingValue(at: ["title", "a"], with: .integer(1)) },
            .notATable(["title"]))
        XCTAssertEqual(
            editError("---\ntitle: x\n---\n") { try $0.editReplacingValue(at: ["title", 0], with: .integer(1)) },
            .notAnArray(["title"]))
        XCTAssertEqual(
            editError("---\ntags: [a]\n---\n") { try $0.editReplacingValue(at: ["tags", 3], with: .integer(1)) },
            .notFound(["tags", 3]))
        XCTAssertEqual(
            editError("---\ntitle: x\n---\n") { try $0.editReplacingValue(at: [], with: .integer(1)) }, .emptyPath)
        XCTAssertEqual(
            editError("---\ntitle: x\n---\n") { try $0.editAddingKey(at: ["Title"], value: .integer(1)) },
            .keyExists(["Title"]))
        XCTAssertEqual(
            editError("---\ntitle: x\n---\n") { try $0.editAddingKey(at: ["title", "sub"], value: .integer(1)) },
            .notATable(["title"]))
        XCTAssertEqual(
            editError("---\ntags: [a]\n---\n") { try $0.editAddingKey(at: ["tags", 1], value: .integer(1)) },
            .unsupported(["tags", 1], "only keys can be added, not array elements"))
        XCTAssertEqual(
            editError("# no front matter\n") { try $0.editReplacingValue(at: ["a"], with: .integer(1)) }, .noFrontmatter
        )
        guard
            case .invalidFrontmatter(let parseError)? = editError(
                "---\ntitle: [x\n---\n", { try $0.editReplacingValue(at: ["title"], with: .integer(1)) })
        else {
            return XCTFail("a broken front matter is an error")
        }
        XCTAssertTrue(parseError.message.contains("flow sequence"), parseError.message)
        guard
            case .invalidFrontmatter? = editError(
                "---\ntitle: x\n", { try $0.editReplacingValue(at: ["title"], with: .integer(1)) })
        else {
            return XCTFail("an unclosed front matter is an error")
        }
        // Through an alias: the anchored value would change too.
        XCTAssertEqual(
            editError("---\nbase: &b {a: 1}\ncopy: *b\n---\n") {
                try $0.editReplacingValue(at: ["copy", "a"], with: .integer(2))
            },
            .unsupported(["copy"], "it is a YAML alias (*name); edit the anchored value instead"))
        // An anchored value with an alias elsewhere: editing it would change the alias too.
        guard
            case .cannotWrite(["base"], let reason)? = editError(
                "---\nbase: &b 1\ncopy: *b\n---\n", { try $0.editReplacingValue(at: ["base"], with: .integer(2)) })
        else {
            return XCTFail("editing an aliased value is refused")
        }
        XCTAssertTrue(reason.contains("other values"), reason)
        // The error messages name the path.
        XCTAssertEqual(
            FrontmatterEditError.notFound(["params", "x"]).description, "'params.x' is not in the front matter")
        XCTAssertEqual(
            FrontmatterEditError.notAScalar(["tags", 2, "a"]).description,
            "'tags[2].a' is a table or an array, not a single value")
    }

    func testSetValueReplacesOrAdds() throws {
        let page = bytes("---\ntitle: x\n---\n")
        let editor = try FrontmatterEditor(bytes: page)
        let replace = try editor.editSettingValue(at: ["title"], to: .string("new"))
        XCTAssertEqual(String(decoding: replace.applied(to: page), as: UTF8.self), "---\ntitle: new\n---\n")
        // YAML 1.1 reads y and n as booleans.
        let yes = try editor.editSettingValue(at: ["title"], to: .string("y"))
        XCTAssertEqual(String(decoding: yes.applied(to: page), as: UTF8.self), "---\ntitle: \"y\"\n---\n")
        let add = try editor.editSettingValue(at: ["draft"], to: .bool(false))
        XCTAssertEqual(String(decoding: add.applied(to: page), as: UTF8.self), "---\ntitle: x\ndraft: false\n---\n")
        XCTAssertThrowsError(try editor.editSettingValue(at: ["params", "a"], to: .bool(false))) { error in
            XCTAssertEqual(error as? FrontmatterEditError, .notFound(["params"]))
        }
    }
}

// MARK: TOML

final class TOMLEditTests: XCTestCase {
    func testStringStyles() {
        assertReplace(
            "+++\ntitle = \"a\" # c\n+++\n", ["title"], .string("b \"q\" \\ \t"),
            "+++\ntitle = \"b \\\"q\\\" \\\\ \\t\" # c\n+++\n")
        assertReplace("+++\ntitle = 'a'\n+++\n", ["title"], .string("C:\\path"), "+++\ntitle = 'C:\\path'\n+++\n")
        // A literal string cannot hold ' or a line break: basic string with escapes.
        assertReplace("+++\ntitle = 'a'\n+++\n", ["title"], .string("it's"), "+++\ntitle = \"it's\"\n+++\n")
        assertReplace("+++\ntitle = 'a'\n+++\n", ["title"], .string("x\ny"), "+++\ntitle = \"x\\ny\"\n+++\n")
        assertReplace(
            "+++\ntitle = \"a\"\n+++\n", ["title"], .string("ctl\u{1}\u{7F}"),
            "+++\ntitle = \"ctl\\u0001\\u007F\"\n+++\n")
        // Key quoting and spacing stay.
        assertReplace(
            "+++\n\"my key\"   =   \"a\"\n+++\n", ["my key"], .string("b"), "+++\n\"my key\"   =   \"b\"\n+++\n")
    }

    func testMultilineStrings() {
        assertReplace(
            "+++\ndescription = \"\"\"\nold\ntext\"\"\"\nx = 1\n+++\n", ["description"], .string("new\nlines\n"),
            "+++\ndescription = \"\"\"\nnew\nlines\n\"\"\"\nx = 1\n+++\n")
        // Quotes that would close the string early, and backslashes, are escaped.
        assertReplace(
            "+++\nd = \"\"\"old\"\"\"\n+++\n", ["d"], .string("say \"\"\"hi\" \\"),
            "+++\nd = \"\"\"say \\\"\\\"\"hi\" \\\\\"\"\"\n+++\n")
        // A text starting with a line break gets the trimmed break first.
        assertReplace("+++\nd = \"\"\"old\"\"\"\n+++\n", ["d"], .string("\nx"), "+++\nd = \"\"\"\n\nx\"\"\"\n+++\n")
        assertReplace(
            "+++\nd = '''\nold'''\n+++\n", ["d"], .string("raw \\n\nline"), "+++\nd = '''\nraw \\n\nline'''\n+++\n")
        // ''' inside or a final ' cannot be written literally.
        assertReplace(
            "+++\nd = '''\nold'''\n+++\n", ["d"], .string("a '''b'''\n"), "+++\nd = \"\"\"\na '''b'''\n\"\"\"\n+++\n")
        // CRLF page: the line breaks are written as CRLF.
        assertReplace(
            "+++\r\nd = \"\"\"\r\nold\"\"\"\r\n+++\r\n", ["d"], .string("a\nb"),
            "+++\r\nd = \"\"\"\r\na\r\nb\"\"\"\r\n+++\r\n")
    }

    func testDatesAndTypes() {
        assertReplace(
            "+++\ndate = 2025-01-01\n+++\n", ["date"], .date("2025-03-23T10:00:00+01:00"),
            "+++\ndate = 2025-03-23T10:00:00+01:00\n+++\n")
        assertReplace(
            "+++\ndate = \"2025-01-01\"\n+++\n", ["date"], .date("2025-03-23"), "+++\ndate = \"2025-03-23\"\n+++\n")
        assertReplace(
            "+++\ndate = '2025-01-01'\n+++\n", ["date"], .date("2025-03-23"), "+++\ndate = '2025-03-23'\n+++\n")
        // Not a TOML date (no colon in the offset): a string.
        assertReplace(
            "+++\ndate = 2025-01-01\n+++\n", ["date"], .date("2025-03-23T10:00:00+0100"),
            "+++\ndate = \"2025-03-23T10:00:00+0100\"\n+++\n")
        assertReplace("+++\nweight = \"3\"\n+++\n", ["weight"], .integer(4), "+++\nweight = 4\n+++\n")
        assertReplace("+++\nratio = 1.5\n+++\n", ["ratio"], .float(.infinity), "+++\nratio = inf\n+++\n")
        assertReplace("+++\nratio = 1.5\n+++\n", ["ratio"], .float(1e-7), "+++\nratio = 1e-07\n+++\n")
        assertReplace("+++\ndraft = true\n+++\n", ["draft"], .string("no"), "+++\ndraft = \"no\"\n+++\n")
    }

    func testTablesArraysAndCRLF() {
        let page =
            "+++\ntitle = \"t\"\ntags = [\"a\", 'b']\ninline = { a = 1, b = \"x\" }\nsocial.handle = \"me\"\n\n[params]\nauthor = \"Ann\"\n\n[params.sub]\ndeep = 1\n\n[[items]]\nname = \"one\"\n\n[[items]]\nname = \"two\"\n+++\n"
        assertReplace(
            page, ["params", "author"], .string("Bob"), page.replacingOccurrences(of: "\"Ann\"", with: "\"Bob\""))
        assertReplace(
            page, ["params", "sub", "deep"], .integer(2), page.replacingOccurrences(of: "deep = 1", with: "deep = 2"))
        assertReplace(
            page, ["items", 1, "name"], .string("zwei"), page.replacingOccurrences(of: "\"two\"", with: "\"zwei\""))
        assertReplace(page, ["tags", 1], .string("c"), page.replacingOccurrences(of: "'b'", with: "'c'"))
        assertReplace(
            page, ["inline", "b"], .string("y"), page.replacingOccurrences(of: "b = \"x\"", with: "b = \"y\""))
        assertReplace(
            page, ["social", "handle"], .string("you"), page.replacingOccurrences(of: "\"me\"", with: "\"you\""))
        assertReplace(
            "+++\r\ntitle = \"a\"\r\n[params]\r\nx = 1\r\n+++\r\n", ["params", "x"], .integer(2),
            "+++\r\ntitle = \"a\"\r\n[params]\r\nx = 2\r\n+++\r\n")
    }

    func testAddKey() {
        // Top-level keys go before the first table header, after the last top-level key.
        assertAdd(
            "+++\ntitle = \"x\"\n\n# the params\n[params]\na = 1\n+++\n", ["date"], .date("2025-03-23"),
            "+++\ntitle = \"x\"\ndate = 2025-03-23\n\n# the params\n[params]\na = 1\n+++\n")
        assertAdd("+++\n[params]\na = 1\n+++\n", ["title"], .string("T"), "+++\ntitle = \"T\"\n[params]\na = 1\n+++\n")
        assertAdd("+++\ntitle = 'x'\n+++\n", ["author"], .string("Ann"), "+++\ntitle = 'x'\nauthor = 'Ann'\n+++\n")
        // Into a table: after its last key, before the next header; its indentation and spacing.
        assertAdd(
            "+++\n[params]\n  a   = 1 # one\n[params.sub]\nb = 2\n+++\n", ["params", "c"], .bool(true),
            "+++\n[params]\n  a   = 1 # one\n  c   = true\n[params.sub]\nb = 2\n+++\n")
        assertAdd(
            "+++\n[params]\n[other]\nx = 1\n+++\n", ["params", "y"], .integer(1),
            "+++\n[params]\ny = 1\n[other]\nx = 1\n+++\n")
        assertAdd(
            "+++\n[[items]]\nname = \"a\"\n[[items]]\nname = \"b\"\n+++\n", ["items", 0, "size"], .integer(3),
            "+++\n[[items]]\nname = \"a\"\nsize = 3\n[[items]]\nname = \"b\"\n+++\n")
        // A dotted-key table gets a dotted key; an inline table an entry.
        assertAdd(
            "+++\nsocial.a = 1\ntitle = \"x\"\n+++\n", ["social", "b"], .integer(2),
            "+++\nsocial.a = 1\nsocial.b = 2\ntitle = \"x\"\n+++\n")
        assertAdd(
            "+++\n[params]\nsocial.a = 1\n+++\n", ["params", "social", "my key"], .integer(2),
            "+++\n[params]\nsocial.a = 1\nsocial.\"my key\" = 2\n+++\n")
        assertAdd("+++\np = { a = 1 }\n+++\n", ["p", "b"], .string("x"), "+++\np = { a = 1, b = \"x\" }\n+++\n")
        assertAdd("+++\np = {}\n+++\n", ["p", "b"], .integer(1), "+++\np = {b = 1}\n+++\n")
        assertAdd(
            "+++\r\ntitle = \"x\"\r\n[p]\r\n+++\r\n", ["p", "b"], .integer(1),
            "+++\r\ntitle = \"x\"\r\n[p]\r\nb = 1\r\n+++\r\n")
    }

    func testEmptyFrontMatterAndBOM() {
        assertAdd("+++\n+++\nBody\n", ["title"], .string("T"), "+++\ntitle = \"T\"\n+++\nBody\n")
        assertAdd("\u{FEFF}+++\r\n+++\r\n", ["draft"], .bool(true), "\u{FEFF}+++\r\ndraft = true\r\n+++\r\n")
        assertReplace("\u{FEFF}+++\ntitle = \"a\"\n+++\n", ["title"], .string("b"), "\u{FEFF}+++\ntitle = \"b\"\n+++\n")
    }

    func testErrors() {
        guard
            case .unsupported(["a"], let reason)? = editError(
                "+++\n[a.b]\nx = 1\n+++\n", { try $0.editAddingKey(at: ["a", "y"], value: .integer(1)) })
        else {
            return XCTFail("a table only implied by [a.b] has no section to add to")
        }
        XCTAssertTrue(reason.contains("header"), reason)
        guard
            case .invalidFrontmatter? = editError(
                "+++\ntitle = \n+++\n", { try $0.editReplacingValue(at: ["title"], with: .integer(1)) })
        else {
            return XCTFail("a broken front matter is an error")
        }
        XCTAssertEqual(
            editError("+++\n[params]\n+++\n") { try $0.editReplacingValue(at: ["params"], with: .integer(1)) },
            .notAScalar(["params"]))
    }
}

// MARK: JSON

final class JSONEditTests: XCTestCase {
    func testReplace() {
        let page = "{\n  \"title\": \"a\",\n  \"count\": 1,\n  \"params\": {\"author\": \"Ann\"}\n}\nBody\n"
        assertReplace(
            page, ["title"], .string("say \"hi\"\n\t\u{1}/"),
            "{\n  \"title\": \"say \\\"hi\\\"\\n\\t\\u0001/\",\n  \"count\": 1,\n  \"params\": {\"author\": \"Ann\"}\n}\nBody\n"
        )
        assertReplace(
            page, ["count"], .string("one"), page.replacingOccurrences(of: "\"count\": 1", with: "\"count\": \"one\""))
        assertReplace(
            page, ["params", "author"], .date("2025-03-23"),
            page.replacingOccurrences(of: "\"Ann\"", with: "\"2025-03-23\""))
        assertReplace(
            page, ["count"], .float(0.25), page.replacingOccurrences(of: "\"count\": 1", with: "\"count\": 0.25"))
        assertReplace("{\"tags\": [\"a\", \"b\"]}\r\n", ["tags", 1], .bool(false), "{\"tags\": [\"a\", false]}\r\n")
    }

    func testAddKey() {
        assertAdd(
            "{\n  \"title\": \"a\"\n}\n", ["draft"], .bool(true), "{\n  \"title\": \"a\",\n  \"draft\": true\n}\n")
        assertAdd(
            "{\r\n\t\"title\": \"a\",\r\n\t\"n\": 1\r\n}\r\n", ["x"], .string("y"),
            "{\r\n\t\"title\": \"a\",\r\n\t\"n\": 1,\r\n\t\"x\": \"y\"\r\n}\r\n")
        assertAdd("{\"title\": \"a\", \"n\": 1}\n", ["x"], .integer(2), "{\"title\": \"a\", \"n\": 1, \"x\": 2}\n")
        assertAdd("{\"title\":\"a\"}\n", ["x"], .integer(2), "{\"title\":\"a\", \"x\":2}\n")
        assertAdd(
            "{\n  \"params\": {\n    \"a\": [1, 2]\n  }\n}\n", ["params", "b"], .string("c"),
            "{\n  \"params\": {\n    \"a\": [1, 2],\n    \"b\": \"c\"\n  }\n}\n")
        assertAdd("{}\n", ["title"], .string("T"), "{\"title\": \"T\"}\n")
        assertAdd("{\n}\n", ["title"], .string("T"), "{\n  \"title\": \"T\"\n}\n")
        assertAdd("{\"p\": {}}\n", ["p", "q"], .integer(1), "{\"p\": {\"q\": 1}}\n")
    }

    func testErrors() {
        guard
            case .cannotWrite(["n"], let reason)? = editError(
                "{\"n\": 1}\n", { try $0.editReplacingValue(at: ["n"], with: .float(.nan)) })
        else {
            return XCTFail("JSON has no NaN")
        }
        XCTAssertTrue(reason.contains("NaN"), reason)
        XCTAssertEqual(
            editError("{\"n\": 1}\n") { try $0.editAddingKey(at: ["N"], value: .integer(1)) }, .keyExists(["N"]))
        guard
            case .invalidFrontmatter? = editError(
                "{\"n\": 1,}\n", { try $0.editReplacingValue(at: ["n"], with: .integer(1)) })
        else {
            return XCTFail("a broken front matter is an error")
        }
    }
}

// MARK: round trip over many values

/// Every scalar of a page with every kind of value: the edit must parse back to the value and
/// leave every other key and value as it was (`assertRoundTrip`), in LF and CRLF pages.
final class FrontmatterEditRoundTripTests: XCTestCase {
    static let strings = [
        "plain", "two words", "", " ", " lead", "trail ", "a: b", "a:b", "x #y", "C#", "#x", "- x", "-x", "? q", ":x",
        "x:",
        "[a]", "{b}", "a, b", "&x", "*x", "!x", "|x", ">x", "%x", "@x", "`x`", "'q'", "\"dq\"", "it's", "a''b",
        "say \"hi\"",
        "back\\slash", "\\n", "line\nbreak", "two\n\nbreaks", "\nlead break", "trail break\n", "trail breaks\n\n", "\n",
        "cr\rhere",
        "crlf\r\nhere", "tab\there", "\ttab", "bell\u{7}", "nul\u{0}", "del\u{7F}", "c1\u{85}\u{9F}", "bom\u{FEFF}",
        "ls\u{2028}ps\u{2029}",
        "Ünïcödé ✓", "emoji 🎉", "true", "False", "null", "~", "yes", "off", "123", "-4", "1.5", ".5", "1e3", "0x1F",
        "0o17",
        "1_000", "1:20", ".inf", ".nan", "inf", "nan", "2025-03-23", "2025-03-23T10:00:00Z", "---", "...", "'''",
        "\"\"\"",
        "a '''b", "ends'", "ends\"", "  indented\nfirst", "a\n  b", "x # not a comment\ny",
    ]

    static let others: [FrontmatterScalar] = [
        .integer(0), .integer(-42), .integer(.max), .integer(.min), .float(0.5), .float(-2), .float(1e-7),
        .float(1e300),
        .float(.infinity), .float(-.infinity), .float(.nan), .bool(true), .bool(false),
        .date("2025-03-23"), .date("2025-03-23T10:00:00Z"), .date("2025-03-23T10:00:00+01:00"),
        .date("2025-03-23 10:00:00"),
        .date("10:30:00"), .date("23 March 2025"),
    ]

    static var values: [FrontmatterScalar] { strings.map { .string($0) } + others }

    static let yaml = """
        ---
        # leading comment
        title: Plain title # trailing
        quoted: "double \\"q\\""
        single: 'single ''q'''
        date: 2025-03-23
        count: 3
        ratio: 1.5
        draft: false
        empty:
        block: |
          line one
          line two
        folded: >-
          folded
          text
        kept: |+
          kept

        params:
          author: Ann
          nested:
            deep: 'x'
        tags:
          - one
          - "two"
          - |
            block item
        flow: [a, "b", 3]
        map: {k: v, n: 1}
        ---
        Body

        """

    static let toml = """
        +++
        # comment
        title = "Plain" # trailing
        lit = 'literal'
        ml = \"\"\"
        multi
        line\"\"\"
        mll = '''raw
        text'''
        date = 2025-03-23T10:00:00Z
        local = 2025-03-23
        count = 3
        ratio = 1.5
        draft = false
        tags = ["one", 'two', 3]
        inline = { a = "x", b = 2 }
        dotted.x = "dx"

        [params]
        author = "Ann"
          indented = 'i'

        [params.sub]
        deep = "d"

        [[items]]
        name = "first"

        [[items]]
        name = "second"
        +++
        Body

        """

    static let json = """
        {
          "title": "Plain",
          "count": 3,
          "ratio": 1.5,
          "draft": false,
          "tags": ["one", "two"],
          "params": {
            "author": "Ann",
            "empty": {}
          }
        }
        Body

        """

    /// Paths of all scalars and all tables of a page.
    func paths(_ page: String) throws -> (scalars: [FrontmatterPath], tables: [FrontmatterPath]) {
        let editor = try FrontmatterEditor(bytes: bytes(page))
        var nodes: [(path: FrontmatterPath, keyRange: SourceRange?, value: FrontmatterValue)] = []
        flatten(editor.root, into: &nodes)
        var scalars: [FrontmatterPath] = []
        var tables: [FrontmatterPath] = []
        for node in nodes {
            switch node.value.kind {
            case .table: tables.append(node.path)
            case .array: break
            default: scalars.append(node.path)
            }
        }
        return (scalars, tables)
    }

    func check(_ page: String, format: FrontmatterFormat, file: StaticString = #filePath, line: UInt = #line) throws {
        let (scalars, tables) = try paths(page)
        XCTAssertGreaterThan(scalars.count, 6, file: file, line: line)
        let editor = try FrontmatterEditor(bytes: bytes(page))
        var edits = 0
        for value in Self.values {
            let unwritable: Bool
            if format == .json, case .float(let d) = value, !d.isFinite {
                unwritable = true
            } else {
                unwritable = false
            }
            for path in scalars {
                do {
                    let edit = try editor.editReplacingValue(at: path, with: value)
                    XCTAssertFalse(unwritable, "\(value) in JSON", file: file, line: line)
                    assertRoundTrip(
                        bytes(page), edit.applied(to: bytes(page)), edit, path: path, value: value, adding: false,
                        file: file, line: line)
                    edits += 1
                } catch {
                    if !unwritable { XCTFail("\(path.pathDescription) = \(value): \(error)", file: file, line: line) }
                }
            }
            for table in tables {
                let path = table + [.key("added key")]
                do {
                    let edit = try editor.editAddingKey(at: path, value: value)
                    assertRoundTrip(
                        bytes(page), edit.applied(to: bytes(page)), edit, path: path, value: value, adding: true,
                        file: file, line: line)
                    edits += 1
                } catch {
                    // [params] holds [params.sub] only through its own header, so all tables take keys.
                    if !unwritable {
                        XCTFail("add \(path.pathDescription) = \(value): \(error)", file: file, line: line)
                    }
                }
            }
        }
        XCTAssertGreaterThan(edits, Self.values.count * scalars.count, file: file, line: line)
    }

    func testYAML() throws {
        try check(Self.yaml, format: .yaml)
        try check(Self.yaml.replacingOccurrences(of: "\n", with: "\r\n"), format: .yaml)
    }

    func testTOML() throws {
        try check(Self.toml, format: .toml)
        try check(Self.toml.replacingOccurrences(of: "\n", with: "\r\n"), format: .toml)
    }

    func testJSON() throws {
        try check(Self.json, format: .json)
        try check(Self.json.replacingOccurrences(of: "\n", with: "\r\n"), format: .json)
    }
}
