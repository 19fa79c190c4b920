import Foundation
import TWCCore

/// Applies fixes as byte-range edits: every byte outside an edit is kept, files are replaced
/// atomically (write to a temporary file beside it, then rename).
public enum Fixer {
    public struct Outcome: Sendable, Equatable {
        /// Files changed, relative paths.
        public var changedFiles: [String]
        /// Number of diagnostics whose fix was applied.
        public var appliedFixes: Int
        /// Fixes skipped because they overlapped an earlier one (applied on the next run).
        public var skippedFixes: Int
    }

    public enum FixError: Error, CustomStringConvertible {
        case cannotWrite(String, String)
        case changedOnDisk(String)

        public var description: String {
            switch self {
            case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
            case .changedOnDisk(let path): "\(path) changed while twc-lint was running; run it again"
            }
        }
    }

    /// Computes the new bytes of each file from the safe fixes of `diagnostics`.
    /// `original` gives the bytes each edit's offsets refer to.
    public static func plan(_ diagnostics: [Diagnostic], original: (String) -> [UInt8]?) -> (
        files: [String: [UInt8]], applied: Int, skipped: Int
    ) {
        var editsByFile: [String: [(edit: TextEdit, fix: Int)]] = [:]
        let fixes = diagnostics.compactMap(\.fix).filter(\.safe)
        for (index, fix) in fixes.enumerated() {
            for edit in fix.edits { editsByFile[edit.span.file, default: []].append((edit, index)) }
        }
        var rejected = Set<Int>()
        // A fix whose edit overlaps an edit of an earlier fix is skipped entirely.
        for (_, edits) in editsByFile {
            let sorted = edits.sorted { ($0.edit.span.range.start, $0.fix) < ($1.edit.span.range.start, $1.fix) }
            var lastEnd = -1
            var lastFix = -1
            for item in sorted {
                if item.edit.span.range.start < lastEnd && item.fix != lastFix {
                    rejected.insert(max(item.fix, lastFix))
                } else {
                    lastEnd = max(lastEnd, item.edit.span.range.end)
                    lastFix = item.fix
                }
            }
        }
        var result: [String: [UInt8]] = [:]
        for (file, edits) in editsByFile {
            guard var bytes = original(file) else { continue }
            let accepted = edits.filter { !rejected.contains($0.fix) }
            // Identical edits from two findings are applied once.
            var seen = Set<String>()
            let unique = accepted.filter {
                seen.insert("\($0.edit.span.range.start):\($0.edit.span.range.end):\($0.edit.replacement)").inserted
            }
            for item in unique.sorted(by: { $0.edit.span.range.start > $1.edit.span.range.start }) {
                let range = item.edit.span.range
                guard range.end <= bytes.count else { continue }
                bytes.replaceSubrange(range.start..<range.end, with: Array(item.edit.replacement.utf8))
            }
            if bytes != original(file) { result[file] = bytes }
        }
        let applied = fixes.indices.filter { !rejected.contains($0) }.count
        return (result, applied, rejected.count)
    }

    /// Applies the safe fixes to the files under `root`.
    public static func apply(_ diagnostics: [Diagnostic], root: String, original: [String: [UInt8]]) throws -> Outcome {
        let planned = plan(diagnostics, original: { original[$0] })
        for (file, bytes) in planned.files.sorted(by: { $0.key < $1.key }) {
            let path = root + "/" + file
            // Refuse to overwrite a file that changed since it was read.
            if let current = FileManager.default.contents(atPath: path), [UInt8](current) != original[file] {
                throw FixError.changedOnDisk(file)
            }
            try writeAtomically(bytes, to: path, displayPath: file)
        }
        return Outcome(
            changedFiles: planned.files.keys.sorted(), appliedFixes: planned.applied, skippedFixes: planned.skipped)
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String, displayPath: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).twc-lint-\(ProcessInfo.processInfo.processIdentifier).tmp")
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        do {
            try Data(bytes).write(to: temporary)
            if let permissions = attributes?[.posixPermissions] {
                try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
            if rename(temporary.path, path) != 0 {
                throw FixError.cannotWrite(displayPath, String(cString: strerror(errno)))
            }
        } catch let error as FixError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FixError.cannotWrite(displayPath, error.localizedDescription)
        }
    }
}
