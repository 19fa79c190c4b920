import Foundation
import TWCCore

/// Applies fixes as byte-range edits: every byte outside an edit is kept. Files are written by
/// `FileReplacement` (temporary file created exclusively beside the file, then an atomic exchange or
/// rename; hard-linked files rewritten in place), only inside the site root, never over a file that
/// changed since it was read.
public enum Fixer {
    public struct Outcome: Sendable, Equatable {
        /// Files changed, relative paths.
        public var changedFiles: [String]
        /// Number of diagnostics whose fix was applied.
        public var appliedFixes: Int
        /// Fixes skipped because they overlapped an earlier one (applied on the next run).
        public var skippedFixes: Int
        /// Files that were not written, each with the reason; their fixes are not applied.
        public var failures: [FixError] = []
        /// The findings whose fixes were applied.
        public var applied: [Diagnostic] = []
    }

    public struct Options: Sendable {
        /// Also write files without write permission for the user (by default they are refused).
        public var fixReadOnly: Bool
        /// For tests: where the replacement can be observed or disturbed.
        var hooks = Hooks()

        public init(fixReadOnly: Bool = false) {
            self.fixReadOnly = fixReadOnly
        }
    }

    /// Points where tests step into a replacement (each receives the absolute path written).
    struct Hooks: Sendable {
        /// The temporary file's name for a file name; nil: the random name.
        var temporaryName: (@Sendable (String) -> String?)?
        /// After the temporary file is complete, before the last comparison with what was read.
        var beforeFinalCheck: (@Sendable (String) -> Void)?
        /// After the last comparison, just before the exchange, rename or in-place write.
        var beforeReplace: (@Sendable (String) -> Void)?
        /// Just after the exchange, while the new file holds the page's name.
        var afterExchange: (@Sendable (String) -> Void)?
        /// Without the exchange: after the last metadata comparison, just before the rename.
        var beforeRename: (@Sendable (String) -> Void)?
        /// False: use a plain rename, as on file systems without an atomic exchange.
        var exchange = true
    }

    public enum FixError: Error, CustomStringConvertible, Sendable, Equatable {
        case cannotWrite(String, String)
        /// The file differs from what twc-lint read; the second value names where an edit made
        /// while the file was being replaced was kept, if one was.
        case changedOnDisk(String, keptAt: String?)
        /// A symbolic link (the page) to a file outside the site root (the resolved target).
        case linkOutsideSite(String, target: String, root: String)
        /// A page that resolves to a path outside the site root (contentDir or a folder link).
        case outsideSite(String, resolved: String, root: String)
        case readOnly(String)

        /// The site-relative path of the file.
        public var file: String {
            switch self {
            case .cannotWrite(let file, _), .changedOnDisk(let file, _), .linkOutsideSite(let file, _, _),
                .outsideSite(let file, _, _), .readOnly(let file):
                file
            }
        }

        public var description: String {
            switch self {
            case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
            case .changedOnDisk(let path, let kept):
                "\(path) changed on disk since twc-lint read it; not fixed, run twc-lint again"
                    + (kept.map { " (an edit made while it was being replaced is kept in \($0))" } ?? "")
            case .linkOutsideSite(let path, let target, let root):
                "\(path) is a symbolic link to \(target), outside the site root \(root); not fixed"
            case .outsideSite(let path, let resolved, let root):
                "\(path) resolves to \(resolved), outside the site root \(root); not fixed"
            case .readOnly(let path):
                "\(path) is read-only; not fixed (--fix-read-only fixes it anyway)"
            }
        }
    }

    /// Computes the new bytes of each file from the safe fixes of `diagnostics`.
    /// `original` gives the bytes each edit's offsets refer to.
    public static func plan(_ diagnostics: [Diagnostic], original: (String) -> [UInt8]?) -> (
        files: [String: [UInt8]], applied: Int, skipped: Int
    ) {
        let planned = planWithFixes(diagnostics, original: original)
        return (planned.files, planned.applied.count, planned.skipped)
    }

    /// `plan`, with the diagnostics whose fixes it applies.
    public static func planWithFixes(_ diagnostics: [Diagnostic], original: (String) -> [UInt8]?) -> (
        files: [String: [UInt8]], applied: [Diagnostic], skipped: Int
    ) {
        var editsByFile: [String: [(edit: TextEdit, fix: Int)]] = [:]
        let fixed = diagnostics.filter { $0.fix?.safe == true }
        let fixes = fixed.map { $0.fix! }
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
        let applied = fixes.indices.filter { !rejected.contains($0) }.map { fixed[$0] }
        return (result, applied, rejected.count)
    }

    /// Writes `edits` (byte-range edits of files under `root`, each file as `original` holds it)
    /// the way fixes are written: atomically, only inside the site, never over a file that
    /// changed since it was read (`twc-lint sync`'s front matter edits).
    public static func write(
        _ edits: [TextEdit], summary: String, root: String, original: [String: [UInt8]], options: Options = Options()
    ) -> Outcome {
        guard let first = edits.first else { return Outcome(changedFiles: [], appliedFixes: 0, skippedFixes: 0) }
        let carrier = Diagnostic(
            ruleID: "edit", severity: .info, span: first.span, message: summary,
            fix: Fix(safe: true, summary: summary, edits: edits))
        return apply([carrier], root: root, original: original, options: options)
    }

    /// Applies the safe fixes to the files under `root`. `original` holds the bytes each file had
    /// when it was read: a file whose bytes differ now is not written. A file that cannot be written
    /// is listed in `failures` and the others are still written.
    public static func apply(
        _ diagnostics: [Diagnostic], root: String, original: [String: [UInt8]], options: Options = Options()
    ) -> Outcome {
        let planned = planWithFixes(diagnostics, original: { original[$0] })
        var changed: [String] = []
        var failures: [FixError] = []
        var replacement = FileReplacement(root: root, options: options)
        for (file, bytes) in planned.files.sorted(by: { $0.key < $1.key }) {
            do {
                try replacement.replace(file, read: original[file] ?? [], with: bytes)
                changed.append(file)
            } catch {
                failures.append(error)
            }
        }
        var applied = planned.applied
        if !failures.isEmpty {
            // The fixes of the files not written are not applied.
            let failed = Set(failures.map(\.file))
            let kept = diagnostics.filter { !($0.fix?.edits.contains { failed.contains($0.span.file) } ?? false) }
            applied = planWithFixes(kept, original: { original[$0] }).applied
        }
        var outcome = Outcome(
            changedFiles: changed, appliedFixes: applied.count, skippedFixes: planned.skipped, failures: failures)
        outcome.applied = applied
        return outcome
    }
}
