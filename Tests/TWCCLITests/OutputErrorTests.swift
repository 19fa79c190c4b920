import Foundation
import TWCReport
import XCTest

/// A report that cannot be written (a full device) is an error with status 2, never a trap.
final class OutputErrorTests: XCTestCase {
    /// Output that cannot be written is remembered, not a trap.
    func testOutputWriterReportsFailures() throws {
        let readOnly = open("/dev/null", O_RDONLY)
        defer { close(readOnly) }
        let writer = OutputWriter(descriptor: readOnly)
        writer.write("report\n")
        XCTAssertEqual(writer.failure, String(cString: strerror(EBADF)))
        writer.write("more\n")
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let full = open("/dev/full", O_WRONLY)
            defer { close(full) }
            let writer = OutputWriter(descriptor: full)
            writer.write("report\n")
            XCTAssertEqual(writer.failure, String(cString: strerror(ENOSPC)))
        }
    }

    /// `twc-lint ... > /dev/full`: a clear error and status 2 (the built program).
    func testTheProgramReportsAFullDevice() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/dev/full"), "no /dev/full on this system")
        let program = productsDirectory.appendingPathComponent("twc-lint")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: program.path), "build the package first")
        for arguments in [["rules"], [Paths.seedSite, "--format", "json"]] {
            let process = Process()
            process.executableURL = program
            process.arguments = arguments
            process.standardOutput = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit)
            XCTAssertEqual(process.terminationStatus, 2, text)
            XCTAssertEqual(text, "twc-lint: error: cannot write the output: \(String(cString: strerror(ENOSPC)))\n")
        }
    }

    private var productsDirectory: URL {
        #if os(macOS)
            for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
                return bundle.bundleURL.deletingLastPathComponent()
            }
        #endif
        return Bundle.main.bundleURL
    }
}
