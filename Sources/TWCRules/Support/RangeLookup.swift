import TWCCore

/// Whether an offset lies in any of a page's ranges (hidden text, what shortcodes enclose), in
/// logarithmic time: a page with thousands of such ranges and thousands of nodes stays linear.
struct RangeLookup {
    /// Range starts in order, and for each the largest end of the ranges up to it.
    private let starts: [Int]
    private let reach: [Int]

    init(_ ranges: [SourceRange]) {
        let sorted = ranges.filter { $0.start < $0.end }.sorted { $0.start < $1.start }
        starts = sorted.map(\.start)
        var farthest = Int.min
        reach = sorted.map { range in
            farthest = max(farthest, range.end)
            return farthest
        }
    }

    var isEmpty: Bool { starts.isEmpty }

    /// Whether some range holds `offset` (`start <= offset < end`).
    func contains(_ offset: Int) -> Bool {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low > 0 && reach[low - 1] > offset
    }
}
