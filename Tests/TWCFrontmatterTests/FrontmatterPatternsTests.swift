import Foundation
import TWCCore
import TWCTestSupport
import XCTest

@testable import TWCFrontmatter

/// Front matter written for the patterns multilingual Hugo sites use, compared value by value with
/// a reference parser.
///
/// fixtures/frontmatter-patterns/<style>/content/... hold front matter blocks (delimiters included,
/// no body) that we wrote for an imaginary workers' coalition site, one folder per site style, with
/// the page paths, language suffixes and content directories such sites have
/// (fixtures/frontmatter-patterns/README.md says which patterns each folder covers):
///   yaml-docs      glossary terms in 16 languages, a handbook home (menu, cards, HTML), a section index
///   yaml-glossary  glossary terms and home in 18 languages (flow sequences with empty strings)
///   toml-theme     a theme's chapters, bulletins and section tree, en/nl/nl-be by file name (TOML)
///   yaml-learn     file-name translations (timestamps with offsets, block scalars, `--- ` closing)
/// The reference is scripts/reference-frontmatter.py: Hugo's block detection, PyYAML with a YAML 1.2
/// core schema loader, Python's tomllib, json. .ci/run installs PyYAML; python3 must be 3.11+.
final class FrontmatterPatternsTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = packageRoot + "/fixtures/frontmatter-patterns"

    /// Pages per folder when the fixtures were written: a file silently dropped (or a folder lost) fails.
    static let pageFloors: [String: Int] = [
        "toml-theme": 49,
        "yaml-docs": 41,
        "yaml-glossary": 25,
        "yaml-learn": 11,
    ]

    func testFrontmatterPatternsAgreeWithReferenceParser() throws {
        let pages = try Self.pageFiles()
        var perStyle: [String: Int] = [:]
        for page in pages { perStyle[page.style, default: 0] += 1 }
        for (style, floor) in Self.pageFloors.sorted(by: { $0.key < $1.key }) {
            XCTAssertGreaterThanOrEqual(
                perStyle[style] ?? 0, floor, "fixtures/frontmatter-patterns/\(style): fewer pages than recorded")
        }
        XCTAssertGreaterThanOrEqual(pages.count, Self.pageFloors.values.reduce(0, +))
        XCTAssertEqual(Set(perStyle.keys), Set(Self.pageFloors.keys), "every folder has a page floor")

        let (agree, problems) = try Self.compareWithReference(
            pages.map { ("\($0.style)/\($0.relative)", $0.path) }, errorsAgree: false)
        let styles = perStyle.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("front matter patterns: \(pages.count) pages, \(agree) agree (\(styles))")
        XCTAssertEqual(agree, pages.count, "front matter disagreements:\n" + problems.joined(separator: "\n"))
    }

    /// Inputs that the fixture pages do not have (CRLF, BOM, YAML 1.1 booleans and numbers, other
    /// timestamp spellings, TOML value types, JSON, tags, anchors, merge keys, errors): checks the
    /// reference's YAML 1.2 reading and its block detection against ours on the cases the pages do not
    /// reach.
    func testOddInputsAgreeWithReferenceParser() throws {
        let directory = NSTemporaryDirectory() + "twc-odd-frontmatter-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var files: [(String, String)] = []
        for (name, text) in Self.oddInputs {
            let path = directory + "/" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            files.append((name, path))
        }
        let (agree, problems) = try Self.compareWithReference(files, errorsAgree: true)
        print("odd inputs: \(files.count) files, \(agree) agree")
        XCTAssertEqual(agree, files.count, "front matter disagreements:\n" + problems.joined(separator: "\n"))
    }

    /// The comparison is strict: a kind, a key or an element that differs is reported.
    func testComparisonReportsDifferences() throws {
        let b = bytes("a: 1\nb: 2025-01-02\nc: [x]\nd: 1.5\n")
        let ours = try YAMLParser.parse(b, range: 0..<b.count)
        let reference: [String: Any] = [
            "$table": [
                ["a", ["$float": "1.0"]], ["b", "2025-01-02"], ["c", ["x", "y"]], ["d", ["$float": "1.5"]],
                ["e", NSNull()],
            ]
        ]
        var differences: [String] = []
        Self.compare(ours, reference, at: "", into: &differences)
        XCTAssertEqual(
            differences,
            [
                ".a: ours integer 1, reference float 1.0",
                ".b: ours datetime 2025-01-02, reference string \"2025-01-02\"",
                ".c: ours array of 1, reference array of 2",
                ".e: ours has no such key, reference null",
            ])
    }

    static let oddInputs: [(String, String)] = [
        ("crlf.md", "---\r\ntitle: x\r\ntags:\r\n- a\r\n- b\r\n---\r\nbody"),
        ("cr.md", "---\rtitle: x\r---\rbody"),
        ("bom.md", "\u{FEFF}---\ntitle: x\n---\n"),
        ("leading-space.md", "\n\n  \t\n---\na: 1\n---\n"),
        ("empty.md", "---\n---\n"),
        ("yaml11-bools.md", "---\na: yes\nb: No\nc: on\nd: OFF\ne: y\nf: True\ng: FALSE\n---\n"),
        (
            "yaml11-numbers.md",
            "---\na: 0777\nb: 0o17\nc: 0x1F\nd: 1e3\ne: 1_000\nf: 190:20:30\ng: .5\nh: -.inf\n"
                + "i: .NaN\nj: +12\nk: 1.\nl: 0b101\nm: -0\nn: 1.5E-3\no: 12e\n---\n"
        ),
        (
            "timestamps.md",
            "---\na: 2001-12-14t21:59:43.10-05:00\nb: 2002-12-14\nc: 2001-12-14 21:59:43.10 -5\n"
                + "d: '2002-12-14'\ne: 2002-1-4\nf: 2002-12-14T07:00:00Z\n---\n"
        ),
        ("nulls.md", "---\na:\nb: ~\nc: Null\nd: null\ne: NULL\n---\n"),
        ("scalar-keys.md", "---\n1: x\ntrue: y\nnull: z\n\"q\": w\n'r': v\n---\n"),
        (
            "tags.md",
            "---\na: !!str 123\nb: !!int '12'\nc: !!float 1\nd: !!str\ne: !!null ''\n"
                + "f: !!timestamp 2001-12-14\n---\n"
        ),
        (
            "scalars.md",
            "---\na: one\n  two   \n\n  three\nb: >\n  folded\n  text\n\n  para  \nc: |-\n  lit\n   eral\n"
                + "d: 'it''s'\ne: \"tab\\tq\\u00e9\"\n---\n"
        ),
        ("anchors.md", "---\na: &x 1\nb: *x\nc: &m {k: v}\nd: *m\n---\n"),
        ("merge.md", "---\nbase: &b\n  x: 1\nderived:\n  <<: *b\n  y: 2\n---\n"),
        (
            "merge-list.md",
            "---\na: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  x: 0\n  <<: [*a, *b]\n"
                + "d: {<<: *b, q: 1}\ne:\n  \"<<\": *a\n---\n"
        ),
        ("merge-scalar.md", "---\na: &s 1\nb:\n  <<: *s\n---\n"),
        ("merge-twice.md", "---\na: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n---\n"),
        ("comments.md", "---\n# c\ntitle: x # trailing\nurl: http://a#b\n---\n"),
        ("flow.md", "---\ntags: [\"a\", b, 'c', \"\"]\nm: {a: 1, b: [x, y]}\n---\n"),
        ("document-end.md", "---\ntitle: x\n...\n---\n"),
        ("dashes-in-value.md", "---\ntitle: a --- b\n---\n"),
        ("duplicate-key.md", "---\na: 1\na: 2\n---\n"),
        ("no-closing.md", "---\ntitle: x\n"),
        ("no-front-matter.md", "just text\n---\n"),
        ("toml-crlf.md", "+++\r\ntitle = \"x\"\r\n[params]\r\nd = 1979-05-27\r\n+++\r\n"),
        (
            "toml-types.md",
            "+++\na = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00.999999-07:00\nc = 07:32:00\n"
                + "d = 1979-05-27T07:32:00\ne = 'lit\\eral'\nf = \"\"\"\nmulti\\\n  line\"\"\"\ng = { x = 1, y = [1, 2] }\n"
                + "[[h]]\nn = 1\n[[h]]\nn = 2\n[i.j]\nk = +inf\nl = 1_000\nm = 0o17\nn2 = -0.0\no = 0x_1\n+++\n"
        ),
        ("toml-bad-date.md", "+++\nd = 1979-13-27\n+++\n"),
        ("json.md", "{\n\"title\": \"x\", \"n\": 1.5, \"i\": 3, \"a\": [1, true, null], \"s\": \"q\\\"}\"\n}\nbody"),
    ]

    // MARK: fixtures

    struct Page {
        var style: String
        var relative: String
        var path: String
    }

    /// Every file under fixtures/frontmatter-patterns/<style>/ (the README beside the folders describes them).
    static func pageFiles() throws -> [Page] {
        let fm = FileManager.default
        var pages: [Page] = []
        for style in try fm.contentsOfDirectory(atPath: fixtures).sorted() {
            var isDirectory: ObjCBool = false
            let root = fixtures + "/" + style
            guard fm.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let enumerator = fm.enumerator(atPath: root)
            while let relative = enumerator?.nextObject() as? String {
                let path = root + "/" + relative
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                pages.append(Page(style: style, relative: relative, path: path))
            }
        }
        return pages.sorted { $0.path < $1.path }
    }

    // MARK: reference parser

    /// Parses each (name, path) with our parser and the reference and compares them. With
    /// `errorsAgree`, a block both reject (or neither finds) counts as agreement.
    static func compareWithReference(
        _ files: [(name: String, path: String)], errorsAgree: Bool
    ) throws -> (agree: Int, problems: [String]) {
        let reference = try runReference(files.map(\.path))
        XCTAssertEqual(reference.count, files.count, "the reference printed a value for every file")
        var agree = 0
        var problems: [String] = []
        for (name, path) in files {
            guard let expected = reference[path] else {
                problems.append("\(name): the reference printed nothing")
                continue
            }
            let refObject = expected as? [String: Any]
            let ours: FrontmatterValue
            do {
                let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
                guard let block = try FrontmatterParser.detect(bytes) else {
                    if errorsAgree && refObject?["$none"] != nil {
                        agree += 1
                        continue
                    }
                    problems.append("\(name): no front matter found by our parser; reference \(describe(expected))")
                    continue
                }
                ours = try FrontmatterParser.parse(bytes, block: block)
            } catch let error as FrontmatterError {
                if errorsAgree && refObject?["$error"] != nil {
                    agree += 1
                    continue
                }
                let failure = "\(error.message) at \(error.range.start)"
                problems.append("\(name): our parser fails: \(failure); reference \(describe(expected))")
                continue
            }
            var differences: [String] = []
            compare(ours, expected, at: "", into: &differences)
            if differences.isEmpty {
                agree += 1
            } else {
                problems.append(contentsOf: differences.map { "\(name): \($0)" })
            }
        }
        return (agree, problems)
    }

    static func runReference(_ paths: [String]) throws -> [String: Any] {
        // Python 3.11+ (tomllib) with PyYAML: skipped without them, failed under CI.
        let python = try ExternalTool.pythonWithPyYAML()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [packageRoot + "/scripts/reference-frontmatter.py"] + paths
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 {
            throw ExternalTool.Unavailable(description: errorText.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard process.terminationStatus == 0 else {
            XCTFail("reference-frontmatter.py exited with \(process.terminationStatus): \(errorText)")
            return [:]
        }
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: comparison

    /// Compares strictly: a kind must match the reference's (an integer is not a float, a date-time
    /// is not a string). Tables compare as key sets; key order is not part of the value.
    static func compare(_ ours: FrontmatterValue, _ ref: Any, at path: String, into differences: inout [String]) {
        func differ() {
            let place = path.isEmpty ? "(front matter)" : path
            differences.append("\(place): ours \(describe(ours)), reference \(describe(ref))")
        }
        if let object = ref as? [String: Any] {
            if let entries = object["$table"] as? [[Any]] {
                guard case .table(let ourEntries) = ours.kind else { return differ() }
                var theirs: [String: Any] = [:]
                for pair in entries where pair.count == 2 {
                    if let key = pair[0] as? String { theirs[key] = pair[1] }
                }
                var mine: [String: FrontmatterValue] = [:]
                for entry in ourEntries {
                    if mine[entry.key] != nil {
                        differences.append("\(path + "." + entry.key): key twice in our table")
                    }
                    mine[entry.key] = entry.value
                }
                for key in Set(mine.keys).union(theirs.keys).sorted() {
                    let keyPath = path + "." + key
                    switch (mine[key], theirs[key]) {
                    case (let a?, let b?): compare(a, b, at: keyPath, into: &differences)
                    case (let a?, nil): differences.append("\(keyPath): ours \(describe(a)), reference has no such key")
                    case (nil, let b?): differences.append("\(keyPath): ours has no such key, reference \(describe(b))")
                    case (nil, nil): break
                    }
                }
                return
            }
            if let text = object["$int"] as? String {
                guard case .integer(let i) = ours.kind, String(i) == text else { return differ() }
                return
            }
            if let text = object["$float"] as? String {
                guard case .float(let d) = ours.kind else { return differ() }
                let same: Bool
                switch text {
                case "nan": same = d.isNaN
                case "inf": same = d == .infinity
                case "-inf": same = d == -.infinity
                default: same = Double(text) == d
                }
                if !same { differ() }
                return
            }
            if let text = object["$datetime"] as? String {
                guard case .datetime(let s) = ours.kind, s == text else { return differ() }
                return
            }
            return differ()  // $error, $none
        }
        if let items = ref as? [Any] {
            guard case .array(let ourItems) = ours.kind, ourItems.count == items.count else { return differ() }
            for (index, (a, b)) in zip(ourItems, items).enumerated() {
                compare(a, b, at: "\(path)[\(index)]", into: &differences)
            }
            return
        }
        if let text = ref as? String {
            guard case .string(let s) = ours.kind, s == text else { return differ() }
            return
        }
        if ref is NSNull {
            guard case .null = ours.kind else { return differ() }
            return
        }
        if let flag = ref as? Bool {
            guard case .bool(let b) = ours.kind, b == flag else { return differ() }
            return
        }
        differ()
    }

    static func describe(_ value: FrontmatterValue) -> String {
        switch value.kind {
        case .string(let s): return "string \(quoted(s))"
        case .integer(let i): return "integer \(i)"
        case .float(let d): return "float \(d)"
        case .bool(let b): return "bool \(b)"
        case .null: return "null"
        case .datetime(let s): return "datetime \(s)"
        case .array(let items): return "array of \(items.count)"
        case .table(let entries): return "table of \(entries.count)"
        }
    }

    static func describe(_ ref: Any) -> String {
        if let object = ref as? [String: Any] {
            if let entries = object["$table"] as? [Any] { return "table of \(entries.count)" }
            if let text = object["$int"] as? String { return "integer \(text)" }
            if let text = object["$float"] as? String { return "float \(text)" }
            if let text = object["$datetime"] as? String { return "datetime \(text)" }
            if let text = object["$error"] as? String { return "error \(quoted(text))" }
            if object["$none"] != nil { return "no front matter" }
        }
        if let items = ref as? [Any] { return "array of \(items.count)" }
        if let text = ref as? String { return "string \(quoted(text))" }
        if ref is NSNull { return "null" }
        if let flag = ref as? Bool { return "bool \(flag)" }
        return "\(ref)"
    }

    static func quoted(_ s: String) -> String {
        "\""
            + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r") + "\""
    }
}
