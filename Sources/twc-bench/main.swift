// Benchmarks (release build): swift run -c release twc-bench [parse|scaling|corpus|parse-file] [MB]
//   parse    Markdown parse throughput over a realistic corpus (Hugo pages from fixtures/, and again
//            with the CommonMark spec examples mixed in), beside cmark's time on the same bytes.
//   scaling  Adversarial inputs at size n and 2n: the time ratio must stay near 2 (linear time).
//   corpus [MB]       writes the parse corpus to stdout (TWC_BENCH_CORPUS=site|spec).
//   parse-file FILE   parses FILE once (for instruction counts: scripts/parse-instructions.sh).
//   adversarial CASE BYTES  writes one scaling input (for scripts/scaling-instructions.sh).
import Foundation
import TWCCore
import TWCMarkdown
import TWCRules

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func best(of runs: Int, _ body: () -> Void) -> Double {
    (0..<runs).map { _ in seconds(body) }.min()!
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// Real pages (the seed site and fixture sites), with the CommonMark spec examples too when
/// `withSpec`, repeated to `megabytes`.
func corpus(megabytes: Int, withSpec: Bool) -> [UInt8] {
    var pieces: [[UInt8]] = []
    for site in ["twc-site", "hugo-anchors"] {
        let content = packageRoot + "/fixtures/\(site)/content"
        for path in (FileManager.default.enumerator(atPath: content)?.allObjects as? [String] ?? []).sorted()
        where path.hasSuffix(".md") {
            if let data = FileManager.default.contents(atPath: content + "/" + path) {
                pieces.append([UInt8](data) + [0x0A])
            }
        }
    }
    if withSpec,
        let data = FileManager.default.contents(atPath: packageRoot + "/fixtures/conformance/commonmark-0.31.2.json"),
        let examples = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    {
        for example in examples {
            if let markdown = example["markdown"] as? String { pieces.append(Array(markdown.utf8) + [0x0A]) }
        }
    }
    var bytes: [UInt8] = []
    let target = megabytes * 1_000_000
    while bytes.count < target { for piece in pieces { bytes += piece } }
    return bytes
}

func runCmark(_ bytes: [UInt8]) -> Double? {
    let candidates = ["/usr/bin/cmark", "/usr/local/bin/cmark"]
    guard let cmark = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let file = NSTemporaryDirectory() + "twc-bench-corpus.md"
    _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
    defer { try? FileManager.default.removeItem(atPath: file) }
    return best(of: 3) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cmark)
        process.arguments = [file]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try? process.run()
        process.waitUntilExit()
    }
}

func parseBenchmark(megabytes: Int, withSpec: Bool) {
    let bytes = corpus(megabytes: megabytes, withSpec: withSpec)
    print(withSpec ? "corpus: site pages + CommonMark spec examples" : "corpus: site pages")
    let mb = Double(bytes.count) / 1e6
    var nodes = 0
    MarkdownParser.parse(bytes, range: 0..<bytes.count).walk { _ in
        nodes += 1
        return true
    }
    // Timed: building the tree and releasing it.
    let parse = best(of: 3) { _ = MarkdownParser.parse(bytes, range: 0..<bytes.count) }
    print(String(format: "twc-lint parse: %.1f MB in %.3f s = %.1f MB/s (%d nodes)", mb, parse, mb / parse, nodes))
    if let cmark = runCmark(bytes) {
        print(
            String(
                format: "cmark (parse + HTML, process): %.3f s = %.1f MB/s; ratio twc/cmark time = %.2f", cmark,
                mb / cmark, parse / cmark))
    } else {
        print("cmark not installed (apt-get install cmark) — no comparison")
    }
}

/// Adversarial inputs of about n bytes.
let adversarialCases: [(String, (Int) -> String)] = [
    ("nested >", { String(repeating: ">", count: $0) + " x\n" }),
    ("nested -", { String(repeating: "- ", count: $0 / 2) + "x\n" }),
    ("unclosed [", { String(repeating: "[", count: $0) + "\n" }),
    ("unclosed *", { String(repeating: "*a ", count: $0 / 3) + "\n" }),
    ("backticks", { String(repeating: "`a", count: $0 / 2) + "\n" }),
    ("emphasis run", { String(repeating: "*", count: $0) + "a\n" }),
    ("nested emph", { String(repeating: "*a ", count: $0 / 6) + String(repeating: "b* ", count: $0 / 6) + "\n" }),
    ("link ref defs", { (0..<($0 / 20)).map { "[l\($0)]: /u\($0)\n" }.joined() + "[l1]\n" }),
    ("one long line", { String(repeating: "word *em* [l](/x) ", count: $0 / 18) + "\n" }),
    ("shortcodes", { String(repeating: "{{< x >}}", count: $0 / 9) + "\n" }),
    // Mojibake on one long line: strong sequences far apart, weak ones between (`Рё`), and
    // correct text with candidate characters everywhere.
    ("mojibake line", { String(repeating: "Ã¼ber Рё РёРј text Він «ТОВ» ", count: $0 / 44) + "\n" }),
    ("mojibake mixed", { String(repeating: "ÃƒÂ¼ РґРѕСЂРѕРіРµ ├▒ é•• ", count: $0 / 54) + "\n" }),
    // The shapes of cmark's pathological tests (test/pathological_tests.py), in our own generators,
    // and more of the same kind: each must parse in linear time.
    (
        "strong emph",
        { String(repeating: "*a **a ", count: $0 / 14) + "b" + String(repeating: " a** a*", count: $0 / 14) }
    ),
    ("emph closers", { String(repeating: "a_ ", count: $0 / 3) + "\n" }),
    ("emph openers", { String(repeating: "_a ", count: $0 / 3) + "\n" }),
    ("link closers", { String(repeating: "a]", count: $0 / 2) + "\n" }),
    ("link openers", { String(repeating: "[a", count: $0 / 2) + "\n" }),
    ("mismatched", { String(repeating: "*a_ ", count: $0 / 4) + "\n" }),
    ("multiple of 3", { "a**b" + String(repeating: "c* ", count: $0 / 3) + "\n" }),
    ("[ a_", { String(repeating: "[ a_", count: $0 / 4) + "\n" }),
    ("nested [ ]", { String(repeating: "[", count: $0 / 2) + "a" + String(repeating: "]", count: $0 / 2) + "\n" }),
    ("nested > a", { String(repeating: "> ", count: $0 / 2) + "a\n" }),
    (
        "nested lists",
        { n in (0..<Int(Double(n).squareRoot())).map { String(repeating: "  ", count: $0) + "* a\n" }.joined() }
    ),
    (
        "backtick runs",
        { n in (1..<Int((2 * Double(n)).squareRoot())).map { "e" + String(repeating: "`", count: $0) }.joined() }
    ),
    ("[a](<b", { String(repeating: "[a](<b", count: $0 / 6) + "\n" }),
    ("[a](b", { String(repeating: "[a](b", count: $0 / 5) + "\n" }),
    ("many refs", { n in (1...(n / 16)).map { "[\($0)]: u\n" }.joined() + String(repeating: "[0] ", count: n / 8) }),
    ("![[]()", { String(repeating: "![[]()", count: $0 / 6) + "\n" }),
    ("[\\]", { String(repeating: "[\\]", count: $0 / 4) + "\n" }),
    ("[\\", { String(repeating: "[\\", count: $0 / 3) + "\n" }),
    ("<a unclosed", { String(repeating: "<a ", count: $0 / 3) + "\n" }),
    ("<a href=\"", { String(repeating: "<a href=\"", count: $0 / 9) + "\n" }),
    ("<!-- open", { String(repeating: "a <!-- ", count: $0 / 7) + "\n" }),
    ("<? <![CDATA[", { String(repeating: "<? <![CDATA[ <!X ", count: $0 / 17) + "\n" }),
    ("<autolink", { String(repeating: "<http:", count: $0 / 6) + "\n" }),
    ("_a_ many", { String(repeating: "_a_ ", count: $0 / 4) + "\n" }),
    ("*a **a mixes", { String(repeating: "*a **a ***a _a __a ", count: $0 / 19) + "\n" }),
    ("~~ strike", { String(repeating: "~~a ~a ", count: $0 / 7) + "\n" }),
    ("![ images", { String(repeating: "![a", count: $0 / 3) + "\n" }),
    ("[a][b] refs", { String(repeating: "[a][b]", count: $0 / 6) + "\n[b]: /u\n" }),
    ("[a]( title", { String(repeating: "[a](/u \"t", count: $0 / 9) + "\n" }),
    ("entities", { String(repeating: "&a &#1 &#x", count: $0 / 10) + "\n" }),
    ("ref def lines", { String(repeating: "[a]: /u \"t\n", count: $0 / 11) + "\n" }),
    ("ref label open", { String(repeating: "[a\n", count: $0 / 3) + "]: /u\n" }),
    (
        "table columns",
        { n in "|" + String(repeating: "a|", count: n / 4) + "\n|" + String(repeating: "-|", count: n / 4) + "\n" }
    ),
    (
        "table padding",
        { n in
            "|" + String(repeating: "a|", count: n / 6) + "\n|" + String(repeating: "-|", count: n / 6) + "\n"
                + String(repeating: "x\n", count: n / 6)
        }
    ),
    ("table rows", { "|a|b|\n|-|-|\n" + String(repeating: "|a|b|\n", count: ($0 - 12) / 6) }),
    ("autolinks www", { String(repeating: "www.a www.", count: $0 / 10) + "\n" }),
    ("footnotes", { String(repeating: "[^a] [^", count: $0 / 7) + "\n\n[^a]: x\n" }),
    ("{{< unclosed", { String(repeating: "{{< a ", count: $0 / 6) + "\n" }),
    ("{{% unclosed", { String(repeating: "{{% a \"", count: $0 / 7) + "\n" }),
    ("heading attrs", { n in (0..<(n / 12)).map { _ in "# a {#b .c\n" }.joined() }),
    ("setext lines", { String(repeating: "a\n", count: $0 / 4) + "===\n" }),
    ("deflists", { String(repeating: "a\n: b\n", count: $0 / 7) }),
    ("html blocks", { String(repeating: "<div>\n", count: $0 / 6) }),
    ("fences", { String(repeating: "```\n", count: $0 / 4) }),
    ("lazy quotes", { String(repeating: "> a\nb\n", count: $0 / 6) }),
    ("ref title open", { "[a]: /u '\n" + String(repeating: "x\n", count: $0 / 2) }),
    ("ref no dest", { String(repeating: "[a]:\n", count: $0 / 5) }),
    ("url dots", { "http://" + String(repeating: "a.", count: $0 / 2) + "\n" }),
    ("email runs", { String(repeating: "a@b.", count: $0 / 4) + "\n" }),
    ("www underscores", { String(repeating: "www.a_b_", count: $0 / 8) + "\n" }),
    ("url parens", { "http://a.b/" + String(repeating: ")", count: $0) + "\n" }),
    (
        "url paren pairs",
        { "www.a.b/" + String(repeating: "()", count: $0 / 4) + String(repeating: ")", count: $0 / 2) }
    ),
    ("footnote defs", { String(repeating: "[^a]: ", count: $0 / 6) + "x\n" }),
    ("definitions", { "a\n" + String(repeating: ": ", count: $0 / 2) + "x\n" }),
    ("loose list", { String(repeating: "- a\n\n", count: $0 / 5) }),
    ("loose nested", { String(repeating: "- a\n\n  - b\n\n", count: $0 / 13) }),
    ("tabs", { String(repeating: ">\t-\t", count: $0 / 4) + "x\n" }),
    ("code in lists", { String(repeating: "-     code\n", count: $0 / 11) }),
]

@MainActor func scalingBenchmark(megabytes: Int) {
    let n = max(1, megabytes) * 250_000
    print("scaling: time(2n) / time(n), linear ≈ 2 (n = \(n) bytes)")
    let only = ProcessInfo.processInfo.environment["TWC_BENCH_CASE"]
    for (name, make) in adversarialCases where only == nil || only == name {
        let small = Array(make(n).utf8)
        let large = Array(make(2 * n).utf8)
        // As the linter reads a page: shortcodes lexed first, then Markdown.
        let t1 = best(of: 3) { _ = HugoMarkdown.parse(small, range: 0..<small.count) }
        let t2 = best(of: 3) { _ = HugoMarkdown.parse(large, range: 0..<large.count) }
        print(String(format: "  %-14@ n: %.4f s  2n: %.4f s  ratio %.2f", name as NSString, t1, t2, t2 / t1))
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "parse"
let size = arguments.dropFirst().first.flatMap(Int.init) ?? (mode == "parse" || mode == "corpus" ? 10 : 1)
switch mode {
case "parse":
    let which = ProcessInfo.processInfo.environment["TWC_BENCH_CORPUS"]
    if which != "spec" { parseBenchmark(megabytes: size, withSpec: false) }
    if which != "site" { parseBenchmark(megabytes: size, withSpec: true) }
case "scaling": scalingBenchmark(megabytes: size)
case "corpus":
    let bytes = corpus(megabytes: size, withSpec: ProcessInfo.processInfo.environment["TWC_BENCH_CORPUS"] == "spec")
    FileHandle.standardOutput.write(Data(bytes))
case "adversarial":
    // twc-bench adversarial CASE BYTES: writes that input (for scripts/scaling-instructions.sh)
    let rest = Array(arguments.dropFirst())
    guard rest.count == 2, let make = adversarialCases.first(where: { $0.0 == rest[0] })?.1, let bytes = Int(rest[1])
    else {
        print("usage: twc-bench adversarial CASE BYTES; cases: \(adversarialCases.map(\.0).joined(separator: ", "))")
        exit(2)
    }
    FileHandle.standardOutput.write(Data(make(bytes).utf8))
case "parse-file":
    guard let path = arguments.dropFirst().first, let data = FileManager.default.contents(atPath: path) else {
        print("usage: twc-bench parse-file FILE")
        exit(2)
    }
    let bytes = [UInt8](data)
    var nodes = 0
    let tree =
        ProcessInfo.processInfo.environment["TWC_BENCH_HUGO"] == nil
        ? MarkdownParser.parse(bytes, range: 0..<bytes.count) : HugoMarkdown.parse(bytes, range: 0..<bytes.count).tree
    tree.walk { _ in
        nodes += 1
        return true
    }
    // The linter also scans every page for mojibake.
    let runs = MojibakeScanner.runs(in: bytes).count
    print("\(bytes.count) bytes, \(nodes) nodes, \(runs) mojibake runs")
case "mojibake":
    // twc-bench mojibake FILE...: the mojibake scanner over each file (the whole file, code
    // included), its findings, and its throughput over all of them.
    var total = 0
    var files: [(String, [UInt8])] = []
    if arguments.dropFirst().first == "--repair" {
        // Each line of standard input (JSON strings, one per line) repaired with every fix, safe
        // and unsafe: {"runs": N, "safe": true|false, "text": "..."} per line.
        while let line = readLine(strippingNewline: true) {
            guard let data = line.data(using: .utf8),
                let text = (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) as? String
            else { continue }
            var bytes = Array(text.utf8)
            let runs = MojibakeScanner.runs(in: bytes)
            for run in runs.reversed() {
                if let repaired = run.repaired { bytes.replaceSubrange(run.range.range, with: Array(repaired.utf8)) }
            }
            let object: [String: Any] = [
                "runs": runs.count, "safe": runs.allSatisfy(\.exact), "text": String(decoding: bytes, as: UTF8.self),
            ]
            let json = try! JSONSerialization.data(withJSONObject: object)
            print(String(decoding: json, as: UTF8.self))
        }
        exit(0)
    }
    if arguments.dropFirst().first == "--explain" {
        for line in arguments.dropFirst(2) { print(MojibakeScanner.explainLine(line)) }
        exit(0)
    }
    for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        files.append((path, [UInt8](data)))
        total += data.count
    }
    for (path, bytes) in files {
        for run in MojibakeScanner.runs(in: bytes) {
            let text = String(decoding: bytes[run.range.range], as: UTF8.self)
            print(
                "\(path):\(run.range.start): '\(text)' -> '\(run.repaired ?? "?")' \(run.explanation)\(run.exact ? "" : " (guess)")"
            )
        }
    }
    let time = best(of: 3) { for (_, bytes) in files { _ = MojibakeScanner.runs(in: bytes) } }
    print(
        String(
            format: "mojibake: %d files, %.1f MB in %.4f s (%.0f MB/s)", files.count, Double(total) / 1e6, time,
            Double(total) / 1e6 / time))
default: print("usage: twc-bench [parse|scaling|corpus|parse-file|mojibake] [MB|FILE...]")
}
