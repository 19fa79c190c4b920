import Foundation
import TWCCore

/// The findings a site had when it adopted twc-lint (`--write-baseline FILE`), left out of later
/// runs (`--baseline FILE`) so that only new findings are reported. A finding is known by its
/// rule, its file (relative to the baseline's folder) and its message, never its line: editing
/// above a known finding does not make it new. Each entry counts once: a third identical finding
/// where the baseline has two is new.
public struct Baseline: Sendable, Equatable {
    public struct Key: Sendable, Hashable, Comparable {
        public var rule: String
        public var file: String
        public var message: String

        public init(rule: String, file: String, message: String) {
            self.rule = rule
            self.file = file
            self.message = message
        }

        public static func < (a: Key, b: Key) -> Bool {
            (a.file, a.rule, a.message) < (b.file, b.rule, b.message)
        }
    }

    /// How many findings of each key are known.
    public var counts: [Key: Int]

    public init(counts: [Key: Int] = [:]) { self.counts = counts }

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a baseline written by `serialized()`.
    public static func read(_ bytes: [UInt8]) throws(ReadError) -> Baseline {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let findings = object["findings"] as? [[String: Any]]
        else {
            throw ReadError(description: "not a twc-lint baseline (a JSON object with a \"findings\" list)")
        }
        var counts: [Key: Int] = [:]
        for (index, finding) in findings.enumerated() {
            guard let rule = finding["rule"] as? String, let file = finding["file"] as? String,
                let message = finding["message"] as? String
            else {
                throw ReadError(description: "finding \(index + 1) lacks its rule, file or message")
            }
            counts[Key(rule: rule, file: file, message: message), default: 0] += (finding["count"] as? Int) ?? 1
        }
        return Baseline(counts: counts)
    }

    /// The baseline of `diagnostics`; `file` gives each one's path relative to the baseline's folder.
    public init(_ diagnostics: [Diagnostic], file: (Diagnostic) -> String) {
        var counts: [Key: Int] = [:]
        for diagnostic in diagnostics {
            counts[Key(rule: diagnostic.ruleID, file: file(diagnostic), message: diagnostic.message), default: 0] += 1
        }
        self.counts = counts
    }

    /// JSON, one finding per line in a stable order, so that a baseline diffs well in review.
    public func serialized() -> String {
        let entries = counts.keys.sorted().map { key -> String in
            var members: [(String, JSONValue)] = [
                ("file", .string(key.file)), ("rule", .string(key.rule)), ("message", .string(key.message)),
            ]
            if let count = counts[key], count > 1 { members.append(("count", .int(count))) }
            return "    " + JSONValue.object(members).serialized(pretty: false)
        }
        return "{\n  \"version\": 1,\n  \"tool\": \"twc-lint\",\n  \"findings\": [\n"
            + entries.joined(separator: ",\n") + (entries.isEmpty ? "" : "\n") + "  ]\n}\n"
    }

    /// `diagnostics` without those the baseline knows, and how many it left out.
    public func filter(_ diagnostics: [Diagnostic], file: (Diagnostic) -> String) -> (kept: [Diagnostic], known: Int) {
        var remaining = counts
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            let key = Key(rule: diagnostic.ruleID, file: file(diagnostic), message: diagnostic.message)
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
            } else {
                kept.append(diagnostic)
            }
        }
        return (kept, diagnostics.count - kept.count)
    }
}
