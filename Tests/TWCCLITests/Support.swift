import Foundation
import TWCCLI
import XCTest

/// Runs the command in-process and captures its output.
struct ToolRun {
    var status: Int32
    var output: String
    var errors: String

    static func run(
        _ arguments: [String], environment: [String: String] = [:], terminal: Bool = false,
        directory: String = FileManager.default.currentDirectoryPath
    ) -> ToolRun {
        final class Box: @unchecked Sendable {
            var output = ""
            var errors = ""
        }
        let box = Box()
        let tool = CommandLineTool(
            standardOutput: { box.output += $0 }, standardError: { box.errors += $0 },
            environment: environment, isTerminal: terminal, currentDirectory: directory)
        let status = tool.run(arguments)
        return ToolRun(status: status, output: box.output, errors: box.errors)
    }

    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any]
    }
}

enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let seedSite = packageRoot + "/fixtures/twc-site"

    /// A fresh copy of a fixture site in a temporary directory.
    static func copyOfSite(_ source: String = seedSite) throws -> String {
        let destination = NSTemporaryDirectory() + "twc-lint-test-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        return destination
    }

    static func allFiles(under root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                result[relative] = FileManager.default.contents(atPath: root + "/" + relative)
            }
        }
        return result
    }
}
