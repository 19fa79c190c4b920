/// `--diff`: what fixes would change, as a unified diff (`diff -u`, `git apply`-able) with three
/// lines of context. Lines are compared with Myers' algorithm, whose cost grows with the number
/// of changed lines, which fixes keep small.
public enum UnifiedDiff {
    /// The diff of one file, or "" when the bytes are equal. `oldName`/`newName` follow the
    /// `a/`/`b/` convention of git.
    /// `firstLines`: the line numbers of the texts' first lines (for a part of a file).
    public static func diff(
        old: [UInt8], new: [UInt8], oldName: String, newName: String, context: Int = 3,
        firstLines: (old: Int, new: Int) = (1, 1)
    ) -> String {
        guard old != new else { return "" }
        let a = lines(old)
        let b = lines(new)
        let script = edits(a, b)
        // Group the changes into hunks whose contexts touch.
        let changes = script.indices.filter { if case .keep = script[$0].kind { return false } else { return true } }
        var hunks: [ArraySlice<Operation>] = []
        var first = 0
        for index in changes.indices {
            let isLast = index == changes.count - 1
            if isLast || changes[index + 1] - changes[index] - 1 > 2 * context {
                let from = max(0, changes[first] - context)
                let to = min(script.count - 1, changes[index] + context)
                hunks.append(script[from...to])
                first = index + 1
            }
        }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks {
            let oldCount = hunk.filter { if case .insert = $0.kind { return false } else { return true } }.count
            let newCount = hunk.filter { if case .delete = $0.kind { return false } else { return true } }.count
            let oldStart = (hunk.first.map { $0.oldIndex + (oldCount == 0 ? 0 : 1) } ?? 0) + firstLines.old - 1
            let newStart = (hunk.first.map { $0.newIndex + (newCount == 0 ? 0 : 1) } ?? 0) + firstLines.new - 1
            output += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for operation in hunk {
                switch operation.kind {
                case .keep: output += " " + text(a[operation.oldIndex])
                case .delete: output += "-" + text(a[operation.oldIndex])
                case .insert: output += "+" + text(b[operation.newIndex])
                }
            }
        }
        return output
    }

    static func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }

    /// A line with its terminator, or with the marker diff writes for a missing final newline.
    static func text(_ line: ArraySlice<UInt8>) -> String {
        let string = String(decoding: line, as: UTF8.self)
        return line.last == 0x0A ? string : string + "\n\\ No newline at end of file\n"
    }

    /// The lines of `bytes`, each with its line break.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            result.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    struct Operation {
        enum Kind { case keep, delete, insert }
        var kind: Kind
        /// The line in the old file (for an insert: the old line before which it goes).
        var oldIndex: Int
        /// The line in the new file (for a delete: the new line before which it was).
        var newIndex: Int
    }

    /// The shortest edit script from `a` to `b` (Myers 1986, with the trace kept for backtracking).
    static func edits(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Operation] {
        let n = a.count
        let m = b.count
        let maximum = n + m
        var v = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...maximum {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[maximum + k - 1] < v[maximum + k + 1]) {
                    x = v[maximum + k + 1]
                } else {
                    x = v[maximum + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[maximum + k] = x
                if x >= n && y >= m {
                    found = true
                    break
                }
            }
            if found { break }
        }
        // Backtrack from (n, m) through the saved frontiers.
        var operations: [Operation] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && v[maximum + k - 1] < v[maximum + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : v[maximum + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
                operations.append(Operation(kind: .keep, oldIndex: x, newIndex: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    operations.append(Operation(kind: .insert, oldIndex: x, newIndex: y))
                } else {
                    x -= 1
                    operations.append(Operation(kind: .delete, oldIndex: x, newIndex: y))
                }
            }
        }
        return operations.reversed()
    }
}
