/// Edit distances for "did you mean" suggestions.
public enum EditDistance {
    /// Levenshtein distance over Unicode scalars; returns `limit + 1` as soon as it must exceed `limit`.
    public static func levenshtein(_ a: String, _ b: String, limit: Int) -> Int {
        levenshtein(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    /// The same over scalar arrays (for callers comparing one string with many). Strings of up to
    /// 64 scalars take Myers' bit-parallel algorithm (one pass over the other string); longer ones
    /// a dynamic programme limited to the band of width `2 * limit + 1` around the diagonal.
    public static func levenshtein(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int {
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return min(y.count, limit + 1) }
        if y.isEmpty { return min(x.count, limit + 1) }
        if x.count <= 64 { return min(bitParallel(pattern: x, text: y), limit + 1) }
        if y.count <= 64 { return min(bitParallel(pattern: y, text: x), limit + 1) }
        return banded(x, y, limit: limit)
    }

    /// Myers (1999) / Hyyrö: the edit distance of `pattern` (at most 64 scalars) and `text`.
    static func bitParallel(pattern: [Unicode.Scalar], text: [Unicode.Scalar]) -> Int {
        Matcher(pattern).bitParallel(text)
    }

    /// One string compared with many (`closestPage`): its match masks are computed once.
    public struct Matcher: Sendable {
        public let pattern: [Unicode.Scalar]
        /// Bit i set where `pattern[i]` is the ASCII scalar of the index.
        var asciiMasks: [UInt64]
        var otherScalars: [Unicode.Scalar] = []
        var otherMasks: [UInt64] = []

        public init(_ pattern: [Unicode.Scalar]) {
            self.pattern = pattern
            asciiMasks = [UInt64](repeating: 0, count: 128)
            for (index, scalar) in pattern.prefix(64).enumerated() {
                let bit: UInt64 = 1 << UInt64(index)
                if scalar.isASCII {
                    asciiMasks[Int(scalar.value)] |= bit
                } else if let slot = otherScalars.firstIndex(of: scalar) {
                    otherMasks[slot] |= bit
                } else {
                    otherScalars.append(scalar)
                    otherMasks.append(bit)
                }
            }
        }

        /// `EditDistance.levenshtein(pattern, text, limit:)`.
        public func distance(to text: [Unicode.Scalar], limit: Int) -> Int {
            text.withUnsafeBufferPointer { distance(to: $0, limit: limit) }
        }

        /// The same for scalars stored in a larger buffer (`NearestNames` keeps names flat).
        public func distance(to text: UnsafeBufferPointer<Unicode.Scalar>, limit: Int) -> Int {
            if abs(pattern.count - text.count) > limit { return limit + 1 }
            if pattern.isEmpty { return min(text.count, limit + 1) }
            if text.isEmpty { return min(pattern.count, limit + 1) }
            if pattern.count <= 64 { return min(bitParallel(text), limit + 1) }
            return EditDistance.levenshtein(pattern, Array(text), limit: limit)
        }

        func bitParallel(_ text: [Unicode.Scalar]) -> Int {
            text.withUnsafeBufferPointer { bitParallel($0) }
        }

        func bitParallel(_ text: UnsafeBufferPointer<Unicode.Scalar>) -> Int {
            let last: UInt64 = 1 << UInt64(pattern.count - 1)
            var positive: UInt64 = ~0
            var negative: UInt64 = 0
            var score = pattern.count
            for scalar in text {
                let equal: UInt64 =
                    scalar.isASCII
                    ? asciiMasks[Int(scalar.value)]
                    : otherScalars.firstIndex(of: scalar).map { otherMasks[$0] } ?? 0
                let diagonal = (((equal & positive) &+ positive) ^ positive) | equal | negative
                var horizontalPositive = negative | ~(diagonal | positive)
                var horizontalNegative = positive & diagonal
                if horizontalPositive & last != 0 { score += 1 }
                if horizontalNegative & last != 0 { score -= 1 }
                horizontalPositive = (horizontalPositive << 1) | 1
                horizontalNegative <<= 1
                positive = horizontalNegative | ~(diagonal | horizontalPositive)
                negative = horizontalPositive & diagonal
            }
            return score
        }
    }

    /// Levenshtein limited to the diagonal band; `limit + 1` when the distance exceeds `limit`.
    static func banded(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int {
        let outside = limit + 1
        var previous = [Int](repeating: outside, count: y.count + 1)
        var current = [Int](repeating: outside, count: y.count + 1)
        for j in 0...min(y.count, limit) { previous[j] = j }
        for i in 1...x.count {
            let low = max(1, i - limit)
            let high = min(y.count, i + limit)
            current[low - 1] = low == 1 ? (i <= limit ? i : outside) : outside
            var rowMinimum = current[low - 1]
            if low <= high {
                for j in low...high {
                    let cost = x[i - 1] == y[j - 1] ? 0 : 1
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, outside)
                    rowMinimum = min(rowMinimum, current[j])
                }
            }
            if high < y.count { current[high + 1] = outside }
            if rowMinimum > limit { return outside }
            swap(&previous, &current)
        }
        return min(previous[y.count], outside)
    }
}
