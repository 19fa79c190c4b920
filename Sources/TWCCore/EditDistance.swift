/// Edit distances for "did you mean" suggestions.
public enum EditDistance {
    /// Levenshtein distance over Unicode scalars; returns `limit + 1` as soon as it must exceed `limit`.
    public static func levenshtein(_ a: String, _ b: String, limit: Int) -> Int {
        levenshtein(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    /// The same over scalar arrays (for callers comparing one string with many).
    public static func levenshtein(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int {
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(1, x.count) where !x.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in stride(from: 1, through: y.count, by: 1) {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return x.isEmpty ? y.count : previous[y.count]
    }
}
