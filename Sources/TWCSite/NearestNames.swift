import Foundation
import TWCCore

/// Names grouped by length, for "did you mean" searches with a bounded edit distance. A search
/// compares only names whose length is within the limit of the wanted one, nearest lengths first,
/// and at most `budget` of them: each search costs a bounded number of comparisons, however many
/// names there are, so that suggestions for many broken links stay linear in their number.
struct NearestNames: Sendable {
    /// The names of one length, stored end to end (no array per name to retain while searching).
    private struct Bucket: Sendable {
        var scalars: [Unicode.Scalar] = []
        var ids: [Int] = []
    }

    /// Names by length (in Unicode scalars), each with its id, in the order given.
    private var byLength: [Int: Bucket] = [:]

    /// Comparisons one search may make; past it the search ends with what it found so far.
    static let budget = 1024

    init() {}

    init(_ names: [(name: [Unicode.Scalar], id: Int)]) {
        for entry in names {
            byLength[entry.name.count, default: Bucket()].scalars += entry.name
            byLength[entry.name.count, default: Bucket()].ids.append(entry.id)
        }
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
            guard let bucket = byLength[length + offset] else { continue }
            let size = length + offset
            let stop = bucket.scalars.withUnsafeBufferPointer { scalars -> Bool in
                for (slot, id) in bucket.ids.enumerated() where id != excluding {
                    guard compared < budget else { return true }
                    compared += 1
                    let name = UnsafeBufferPointer(rebasing: scalars[slot * size..<(slot + 1) * size])
                    let distance = wanted.distance(to: name, limit: best)
                    if distance < best {
                        best = distance
                        found = [id]
                    } else if distance == best {
                        found.insert(id)
                    }
                }
                return false
            }
            if stop { break search }
        }
        return found.isEmpty ? nil : (best, found.sorted())
    }
}
