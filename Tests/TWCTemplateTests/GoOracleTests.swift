import Foundation
import TWCTemplate
import TWCTestSupport
import XCTest

/// Differential test against Go's own text/template/parse package: scripts/go-template-tree
/// (standard library only, run with `go run`) dumps the trees Go builds for every template of
/// fixtures/templates, or Go's error, and the same dump is made from TWCTemplate's trees.
///
/// Go is Debian's golang package (.ci/run installs it). Hugo parses with a fork of a newer Go's
/// parser; templates whose parse changed since an older Go sit in `fixtures/templates/goX.Y/` and
/// are compared only when the installed Go is X.Y or newer (the unit tests cover them otherwise).
///
/// `TWC_TEMPLATE_CORPUS=DIR[:DIR...]` also compares every `.html` file under those directories
/// (for measuring on real themes, which are not part of the repository).
final class GoOracleTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = packageRoot + "/fixtures/templates"
    static let program = packageRoot + "/scripts/go-template-tree/main.go"
    /// Templates compared when the fixtures were written (Go 1.19 compares all but the go1.20 and
    /// go1.23 directories): fewer means templates were lost.
    static let floor = 280

    func testFixturesAgreeWithGo() throws {
        let go = try Self.requireGo()
        let templates = try Self.files(under: Self.fixtures) { $0.hasSuffix(".tmpl") || $0.hasSuffix(".html") }
        var compared: [String] = []
        var tooNew: [String: Int] = [:]
        for path in templates {
            if let needed = Self.minimumGo(of: path), Self.version(go.version, isBefore: needed) {
                tooNew["go\(needed.0).\(needed.1)", default: 0] += 1
            } else {
                compared.append(path)
            }
        }
        let (agree, differences) = try Self.compare(compared, in: Self.fixtures, go: go.path)
        let skipped = tooNew.sorted { $0.key < $1.key }.map { "\($0.value) need \($0.key)" }.joined(separator: ", ")
        print(
            "Go template oracle (\(go.version)): \(agree)/\(compared.count) templates agree"
                + (skipped.isEmpty ? "" : " (not compared: \(skipped))"))
        XCTAssertEqual(agree, compared.count, "disagreements with Go:\n" + differences.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(compared.count, Self.floor, "fixtures/templates: fewer templates than recorded")
    }

    // MARK: running Go

    struct Go {
        var path: String
        var version: String
    }

    /// The `go` command and its version; skips (fails when CI is set) when there is none.
    static func requireGo() throws -> Go {
        let path = try ExternalTool.go()
        let output = try run(path, ["version"], in: packageRoot)
        print(output.trimmingCharacters(in: .whitespacesAndNewlines))
        // "go version go1.19.8 linux/amd64"
        let words = output.split(separator: " ")
        guard words.count >= 3 else { throw OracleError("unexpected output of go version: \(output)") }
        return Go(path: path, version: String(words[2]))
    }

    struct OracleError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func run(
        _ executable: String, _ arguments: [String], in directory: String,
        input: String = ""
    ) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        // Standard library only: never download a module or another toolchain.
        environment["GOTOOLCHAIN"] = "local"
        environment["GOPROXY"] = "off"
        if environment["GOCACHE"] == nil && environment["HOME"] == nil && environment["XDG_CACHE_HOME"] == nil {
            environment["GOCACHE"] = NSTemporaryDirectory() + "twc-go-build-cache"
        }
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        // Read both pipes while writing, so that neither side blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        DispatchQueue.global().async(group: group) { out = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = stderr.fileHandleForReading.readDataToEndOfFile() }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 else {
            throw OracleError(
                "\(executable) \(arguments.joined(separator: " ")) failed: "
                    + String(decoding: err, as: UTF8.self))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Files under `directory` (relative paths, sorted) whose names pass `include`.
    static func files(under directory: String, include: (String) -> Bool) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw OracleError("cannot read \(directory)")
        }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = directory + "/" + relative
            if include(relative), FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                paths.append(relative)
            }
        }
        return paths.sorted()
    }

    /// The Go version a fixture needs, from a `goX.Y` directory in its path.
    static func minimumGo(of path: String) -> (Int, Int)? {
        for component in path.split(separator: "/") where component.hasPrefix("go") {
            let numbers = component.dropFirst(2).split(separator: ".").compactMap { Int($0) }
            if numbers.count == 2 { return (numbers[0], numbers[1]) }
        }
        return nil
    }

    /// Whether `go1.19.8` (or `go1.22`, `go1.23rc1`) is older than `needed`.
    static func version(_ version: String, isBefore needed: (Int, Int)) -> Bool {
        let digits = version.dropFirst(2).split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 2 else { return true }
        return (digits[0], digits[1]) < needed
    }

    /// Parses each template with Go and with TWCTemplate (named by its relative path) and
    /// compares the dumps: the number that agree, and a description of each disagreement.
    static func compare(_ paths: [String], in directory: String, go: String) throws -> (Int, [String]) {
        let output = try run(go, ["run", program], in: directory, input: paths.joined(separator: "\n") + "\n")
        var goDumps: [String: String] = [:]
        var current: String?
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("== ") {
                current = String(line.dropFirst(3))
                goDumps[current!] = ""
            } else if let path = current {
                goDumps[path]! += line + "\n"
            }
        }
        var agree = 0
        var differences: [String] = []
        for path in paths {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: directory + "/" + path)))
            let result: Result<TemplateFile, TemplateParseError>
            do {
                result = .success(try TemplateParser.parse(bytes, name: path))
            } catch {
                result = .failure(error)
            }
            let ours = TemplateDump.dump(result)
            guard let theirs = goDumps[path] else {
                differences.append("\(path): no output from Go")
                continue
            }
            if ours == theirs {
                agree += 1
            } else {
                differences.append("\(path): " + firstDifference(go: theirs, ours: ours))
            }
        }
        return (agree, differences)
    }

    static func firstDifference(go: String, ours: String) -> String {
        let goLines = go.split(separator: "\n", omittingEmptySubsequences: false)
        let ourLines = ours.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(goLines.count, ourLines.count) {
            let left = index < goLines.count ? String(goLines[index]) : "(end)"
            let right = index < ourLines.count ? String(ourLines[index]) : "(end)"
            if left != right { return "line \(index + 1): Go `\(left)`, ours `\(right)`" }
        }
        return "(same lines?)"
    }
}
