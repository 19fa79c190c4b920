import Foundation
import TWCCore

/// Names grouped by length, for "did you mean" searches with a bounded edit distance. A search
/// compares only names whose length is within the limit of the wanted one, nearest lengths first,
/// and at most `budget` of them: each search costs a bounded number of comparisons, however many
/// names there are, so that suggestions for many broken links stay linear in their number.
struct NearestNames: Sendable {
    /// Names by length (in Unicode scalars), each with its id, in the order given.
    private var byLength: [Int: [(name: [Unicode.Scalar], id: Int)]] = [:]

    /// Comparisons one search may make; past it the search ends with what it found so far.
    static let budget = 1024

    init() {}

    init(_ names: [(name: [Unicode.Scalar], id: Int)]) {
        for entry in names { byLength[entry.name.count, default: []].append(entry) }
    }

    /// The ids whose names are nearest to `wanted`, within `limit` edits (none when nothing is that
    /// close), with their distance; ids in ascending order, each once.
    func nearest(
        to wanted: EditDistance.Matcher, limit: Int, excluding: Int? = nil,
        budget: Int = NearestNames.budget
    ) -> (distance: Int, ids: [Int])? {
        let length = wanted.pattern.count
        var best = limit
        var found: Set<Int> = []
        var compared = 0
        var offsets = [0]
        if limit > 0 {
            for step in 1...limit { offsets += [-step, step] }
        }
        search: for offset in offsets where abs(offset) <= best {
            for entry in byLength[length + offset] ?? [] where entry.id != excluding {
                guard compared < budget else { break search }
                compared += 1
                let distance = wanted.distance(to: entry.name, limit: best)
                if distance < best {
                    best = distance
                    found = [entry.id]
                } else if distance == best {
                    found.insert(entry.id)
                }
            }
        }
        return found.isEmpty ? nil : (best, found.sorted())
    }
}
