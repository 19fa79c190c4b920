import TWCCore

/// Finds text that was UTF-8 once and was misread as a single-byte code page (mojibake), and
/// works out what it said.
///
/// How it decides, in one pass per line:
/// 1. A *sequence* is a run of characters whose bytes in some code page form one valid UTF-8
///    character: `Ã¼` is C3 BC in Windows-1252, which is `ü`. Lines without a character that can
///    start one are skipped after a byte-level check.
/// 2. Correct text forms such sequences too (`Він` is C2 B3 in Windows-1251, which is `³`), so
///    each sequence is weighed: letters followed by symbols, currency or C1 controls inside a
///    word, case changing in mid-word, box drawings against letters, score; same-script letters
///    and punctuation that ends words do not. What it stands for must be a character text uses.
/// 3. A sequence with strong evidence is accepted on its own; weaker ones only on a line that
///    has a strong one in the same code page. The code page that explains most of the line wins.
/// 4. The repaired text is scanned again, up to three times, for text misread twice or thrice.
/// Lossy variants (a non-breaking space that became a space, a byte that became `?` or U+FFFD)
/// are recognised only next to convincing evidence, and their repair is never called exact.
/// C1 controls left over from Windows-1252 read as ISO-8859-1 are reported on their own.
public enum MojibakeScanner {
    typealias Tables = MojibakeTables

    public struct Run: Equatable, Sendable {
        /// The bytes of the broken text in the scanned buffer.
        public var range: SourceRange
        /// What the text said, or nil when bytes were lost and it cannot be known.
        public var repaired: String?
        /// True when the repair is exact: misreading it again gives back the broken text.
        public var exact: Bool
        /// How the text was mixed up: "UTF-8 read as Windows-1252", "… twice", "…, then as …".
        public var explanation: String
    }

    public static func runs(in bytes: [UInt8], skipping skipped: [SourceRange] = []) -> [Run] {
        var result: [Run] = []
        let sortedSkips = skipped.sorted { $0.start < $1.start }
        var skipIndex = 0
        var lineStart = 0
        var scratch = LineScratch()
        while lineStart < bytes.count {
            var lineEnd = lineStart
            var hasHigh = false
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A {
                if bytes[lineEnd] >= 0x80 { hasHigh = true }
                lineEnd += 1
            }
            if hasHigh {
                // Split the line around skipped ranges (code).
                var segmentStart = lineStart
                while segmentStart < lineEnd {
                    while skipIndex < sortedSkips.count, sortedSkips[skipIndex].end <= segmentStart { skipIndex += 1 }
                    var segmentEnd = lineEnd
                    if skipIndex < sortedSkips.count {
                        let skip = sortedSkips[skipIndex]
                        if skip.start <= segmentStart {
                            segmentStart = min(skip.end, lineEnd)
                            continue
                        }
                        segmentEnd = min(skip.start, lineEnd)
                    }
                    scan(bytes, segmentStart, segmentEnd, scratch: &scratch, into: &result)
                    segmentStart = segmentEnd
                }
            }
            lineStart = lineEnd + 1
        }
        return result
    }

    // MARK: - One line

    struct LineScratch {
        var scalars: [UInt32] = []
        var offsets: [Int] = []
    }

    static func scan(_ bytes: [UInt8], _ start: Int, _ end: Int, scratch: inout LineScratch, into result: inout [Run]) {
        scratch.scalars.removeAll(keepingCapacity: true)
        scratch.offsets.removeAll(keepingCapacity: true)
        var index = start
        var candidate = false
        var previousLeads: UInt32 = 0
        let tables = Tables.shared
        while index < end {
            let byte = bytes[index]
            var scalar = UInt32(byte)
            var length = 1
            if byte >= 0x80 {
                if let (decoded, decodedLength) = decode(at: index, in: bytes), index + decodedLength <= end {
                    scalar = decoded.value
                    length = decodedLength
                } else {
                    scalar = 0xFFFF_FFFF  // invalid UTF-8: the invalid-utf8 rule reports it
                }
            }
            scratch.scalars.append(scalar)
            scratch.offsets.append(index)
            if !candidate {
                let slot = tables.slot(scalar)
                if slot >= 0 {
                    if previousLeads & tables.contMask[slot] != 0 || (0x80...0x9F).contains(scalar) { candidate = true }
                    previousLeads = tables.leadMask[slot]
                } else if previousLeads != 0, scalar == 0x20 || scalar == 0x3F || scalar == 0xFFFD {
                    candidate = true
                } else {
                    previousLeads = 0
                }
            }
            index += length
        }
        guard candidate else { return }
        scratch.offsets.append(end)
        let line = Line(scalars: scratch.scalars)
        for found in line.repairs() {
            let range = SourceRange(scratch.offsets[found.start], scratch.offsets[found.end])
            result.append(
                Run(
                    range: range, repaired: found.replacement.map(string(from:)), exact: found.exact,
                    explanation: found.explanation))
        }
    }

    static func string(from scalars: [UInt32]) -> String {
        var text = String.UnicodeScalarView()
        for value in scalars { if let scalar = Unicode.Scalar(value) { text.append(scalar) } }
        return String(text)
    }

    /// A repair of `scalars[start..<end]`.
    struct Repair {
        var start: Int
        var end: Int
        var replacement: [UInt32]?
        var exact: Bool
        var explanation: String
    }

    /// One sequence: characters `start..<end` whose bytes in `page` are the UTF-8 of `value`.
    struct Sequence {
        var start: Int
        var end: Int
        var value: [UInt32]  // one scalar; empty when a byte was lost
        var lossy: Bool  // a byte was guessed (a space for a non-breaking space) or lost
        var lost: Bool  // a byte was lost (`?`, U+FFFD): the value is unknown
        var evidence: Int
        /// The evidence of the characters themselves, without their neighbours.
        var internalEvidence: Int
        var rare: Bool
        /// Another code page reads the characters as another plausible character.
        var ambiguous = false
    }

    struct Line {
        let scalars: [UInt32]

        /// The repairs of this line: accepted sequences, grouped, repaired up to three times,
        /// then the C1 controls left.
        func repairs() -> [Repair] {
            // Each character of the current text knows the original characters it comes from.
            var current = scalars
            var origin: [Range<Int>] = scalars.indices.map { $0..<$0 + 1 }
            // How many readings were undone for each character of the current text.
            var depth = [Int](repeating: 0, count: scalars.count)
            var touches: [(range: Range<Int>, level: Int, page: String, exact: Bool, lost: Bool)] = []
            for level in 0..<3 {
                // A later reading undoes only what the one before it produced.
                var consumed = depth.map { $0 != level }
                let found = Line(scalars: current).shallowRepairs(consumed: &consumed)
                guard !found.isEmpty else { break }
                var next: [UInt32] = []
                var nextOrigin: [Range<Int>] = []
                var nextDepth: [Int] = []
                var position = 0
                var lost = false
                for repair in found {
                    next += current[position..<repair.start]
                    nextOrigin += origin[position..<repair.start]
                    nextDepth += depth[position..<repair.start]
                    let range = origin[repair.start].lowerBound..<origin[repair.end - 1].upperBound
                    touches.append((range, level, repair.explanation, repair.exact, repair.replacement == nil))
                    if let replacement = repair.replacement {
                        next += replacement
                        nextOrigin += [Range<Int>](repeating: range, count: replacement.count)
                        nextDepth += [Int](repeating: level + 1, count: replacement.count)
                    } else {
                        next += current[repair.start..<repair.end]
                        nextOrigin += origin[repair.start..<repair.end]
                        nextDepth += depth[repair.start..<repair.end]
                        lost = true
                    }
                    position = repair.end
                }
                next += current[position...]
                nextOrigin += origin[position...]
                nextDepth += depth[position...]
                current = next
                origin = nextOrigin
                depth = nextDepth
                if lost { break }
            }
            // Overlapping touches are one repair; its text is what the last reading made of it.
            touches.sort { $0.range.lowerBound < $1.range.lowerBound }
            var merged: [(range: Range<Int>, touches: [Int])] = []
            for (index, touch) in touches.enumerated() {
                if let last = merged.last, touch.range.lowerBound < last.range.upperBound {
                    merged[merged.count - 1].range =
                        last.range.lowerBound..<max(last.range.upperBound, touch.range.upperBound)
                    merged[merged.count - 1].touches.append(index)
                } else {
                    merged.append((touch.range, [index]))
                }
            }
            var repairs: [Repair] = []
            var covered = [Bool](repeating: false, count: scalars.count)
            var cursor = 0
            for group in merged {
                var text: [UInt32] = []
                var depths = Set<Int>()
                while cursor < current.count, origin[cursor].lowerBound < group.range.upperBound {
                    if origin[cursor].lowerBound >= group.range.lowerBound {
                        text.append(current[cursor])
                        if current[cursor] >= 0x80 { depths.insert(depth[cursor]) }
                    }
                    cursor += 1
                }
                let parts = group.touches.map { touches[$0] }.sorted { $0.level < $1.level }
                let lost = parts.contains { $0.lost }
                if text.contains(where: { (0x80...0x9F).contains($0) }) && !lost { continue }
                if !lost && text[...] == scalars[group.range] { continue }
                var pages: [String] = []
                var lastLevel = -1
                for part in parts where part.level != lastLevel {
                    pages.append(part.page)
                    lastLevel = part.level
                }
                // Readings through different code pages, or a repair that still looks broken,
                // are guesses.
                // Characters undone a different number of times: part of the text is still broken.
                var exact = !lost && parts.allSatisfy(\.exact) && Set(pages).count == 1 && depths.count <= 1
                if exact {
                    var consumed = [Bool](repeating: false, count: text.count)
                    if !Line(scalars: text).shallowRepairs(consumed: &consumed).isEmpty { exact = false }
                }
                for index in group.range { covered[index] = true }
                repairs.append(
                    Repair(
                        start: group.range.lowerBound, end: group.range.upperBound, replacement: lost ? nil : text,
                        exact: exact, explanation: Self.explain(pages)))
            }
            // C1 controls no sequence explains: Windows-1252 text read as ISO-8859-1.
            var index = 0
            while index < scalars.count {
                guard !covered[index], (0x80...0x9F).contains(scalars[index]) else {
                    index += 1
                    continue
                }
                // A C1 control Windows-1252 leaves undefined (81, 8D, 8F, 90, 9D) is no character of
                // it: nothing says which text it was.
                if Tables.shared.decode(UInt8(scalars[index]), .windows1252) == scalars[index] {
                    index += 1
                    continue
                }
                var end = index
                var replacement: [UInt32] = []
                var exact = true
                let nextToLoss =
                    (index > 0 && isLossMarker(scalars[index - 1]))
                while end < scalars.count, !covered[end], (0x80...0x9F).contains(scalars[end]) {
                    let decoded = Tables.shared.decode(UInt8(scalars[end]), .windows1252)
                    if decoded == scalars[end] { break }
                    replacement.append(decoded)
                    end += 1
                }
                // Next to a `?` or U+FFFD, the controls are what is left of a longer sequence; next
                // to other non-ASCII characters, perhaps of a sequence this scan did not accept.
                if nextToLoss || (end < scalars.count && isLossMarker(scalars[end])) { exact = false }
                let before = index > 0 ? scalars[index - 1] : 0x20
                let after = end < scalars.count ? scalars[end] : 0x20
                let guess = before >= 0x80 || after >= 0x80
                repairs.append(
                    Repair(
                        start: index, end: end, replacement: exact ? replacement : nil, exact: exact && !guess,
                        explanation: "Windows-1252 text read as ISO-8859-1"))
                index = end
            }
            return repairs.sorted { $0.start < $1.start }
        }

        /// The repairs of one reading, the explanation being the code page's name.
        func shallowRepairs(consumed: inout [Bool]) -> [Repair] {
            var repairs: [Repair] = []
            var triedPages: [CodePage] = []
            for _ in 0..<3 {
                guard let (page, found) = bestPage(consumed: consumed) else { break }
                // A second code page on one line only where its text stands apart from the first's.
                let accepted =
                    repairs.isEmpty
                    ? found
                    : found.filter { sequence in
                        // Not characters a code page already tried has: they are its text.
                        if triedPages.contains(where: { page in
                            (sequence.start..<sequence.end).allSatisfy { Tables.shared.byte(scalars[$0], page) != nil }
                        }) {
                            return false
                        }
                        let before = sequence.start - 1
                        let after = sequence.end
                        return (before < 0 || (!consumed[before] && !isLossMarker(scalars[before])))
                            && (after >= scalars.count || (!consumed[after] && !isLossMarker(scalars[after])))
                    }
                if accepted.isEmpty { break }
                triedPages.append(page)
                for sequence in accepted { for index in sequence.start..<sequence.end { consumed[index] = true } }
                repairs += group(accepted, page: page)
            }
            return repairs.sorted { $0.start < $1.start }
        }

        /// The code page whose accepted sequences explain the line best, and those sequences.
        func bestPage(consumed: [Bool]) -> (CodePage, [Sequence])? {
            var best: (page: CodePage, accepted: [Sequence], score: Int)?
            var scored: [(accepted: [Sequence], score: Int)] = []
            var pages: UInt32 = 0
            let tables = Tables.shared
            for (index, scalar) in scalars.enumerated() where !consumed[index] {
                let slot = tables.slot(scalar)
                if slot >= 0 { pages |= tables.leadMask[slot] }
            }
            for page in CodePage.allCases where pages & (1 << UInt32(page.rawValue)) != 0 {
                let accepted = acceptedSequences(page, consumed: consumed)
                guard !accepted.isEmpty else { continue }
                var covered = [Bool](repeating: false, count: scalars.count)
                for sequence in accepted { for index in sequence.start..<sequence.end { covered[index] = true } }
                var score = accepted.reduce(0) {
                    $0 + 2 * ($1.end - $1.start) + min($1.evidence, 4) - ($1.rare ? 3 : 0) + fit($1, covered: covered)
                }
                // Non-ASCII characters left over right next to a repair: a worse explanation.
                for index in scalars.indices where !covered[index] && scalars[index] >= 0x80 {
                    if (index > 0 && covered[index - 1]) || (index + 1 < scalars.count && covered[index + 1]) {
                        score -= 2
                    }
                }
                scored.append((accepted, score))
                if best == nil || score > best!.score { best = (page, accepted, score) }
            }
            guard let best else { return nil }
            let page = best.page
            let bestScore = best.score
            var accepted = best.accepted
            // Competing readings: pages that explain the line about as well (half the score or more).
            let alternatives = scored.filter { 2 * $0.score >= bestScore }.map(\.accepted)
            var cursors = [Int](repeating: 0, count: alternatives.count)
            // Another code page reading the same characters as another plausible character makes
            // the repair a guess: `ÃŒ` is `Ì` in Windows-1252 but `ü` in ISO-8859-15.
            for index in accepted.indices where !accepted[index].lost {
                let sequence = accepted[index]
                // A sequence another code page accepted over some of the same characters, reading
                // something else (`вЂ` as `Ң` in ISO-8859-5 where Windows-1252 read `вЂ ` as `†`).
                for alternative in alternatives.indices {
                    let other = alternatives[alternative]
                    // Both lists are in text order: advance past what ends before this sequence.
                    while cursors[alternative] < other.count, other[cursors[alternative]].end <= sequence.start {
                        cursors[alternative] += 1
                    }
                    var position = cursors[alternative]
                    while position < other.count, other[position].start < sequence.end {
                        if other[position].value != sequence.value && !other[position].lost
                            && (!other[position].rare || sequence.rare)
                        {
                            accepted[index].ambiguous = true
                        }
                        position += 1
                    }
                }
                for other in CodePage.allCases where other != page && pages & (1 << UInt32(other.rawValue)) != 0 {
                    // (An alternative counts when it is at least as plausible as the chosen one.)
                    if let value = value(of: sequence.start..<sequence.end, in: other), value != sequence.value.first,
                        Tables.plausibility(value) == .plausible
                            || (sequence.rare && Tables.plausibility(value) == .rare)
                    {
                        accepted[index].ambiguous = true
                        break
                    }
                }
            }
            return (page, accepted)
        }

        /// The character `range` encodes as one UTF-8 sequence in `page`, if it does.
        func value(of range: Range<Int>, in page: CodePage) -> UInt32? {
            var bytes: [UInt8] = []
            for index in range {
                guard let byte = Tables.shared.byte(scalars[index], page) else { return nil }
                bytes.append(byte)
            }
            guard bytes[0] >= 0xC2, bytes[0] <= 0xF4, bytes.dropFirst().allSatisfy({ $0 >= 0x80 && $0 <= 0xBF }),
                bytes.count == (bytes[0] >= 0xF0 ? 4 : bytes[0] >= 0xE0 ? 3 : 2)
            else { return nil }
            return utf8Value(bytes, lenient: false)
        }

        /// How well a sequence's repair fits the letters around it: the same script and a
        /// plausible case score, another script or an upper-case letter after a lower-case one cost.
        func fit(_ sequence: Sequence, covered: [Bool]) -> Int {
            guard let value = sequence.value.first else { return 0 }
            let kind = Tables.kind(value)
            guard let script = kind.script else { return 0 }
            var score = 0
            for neighbour in [sequence.start - 1, sequence.end]
            where neighbour >= 0 && neighbour < scalars.count && !covered[neighbour] {
                let other = scalars[neighbour]
                let otherScript: Tables.Script? =
                    Tables.isASCIILetter(other) ? .latin : Tables.kind(other).script
                guard let otherScript else { continue }
                score += otherScript == script ? 1 : -1
            }
            if case .upper = kind, sequence.start > 0, case .lower = Tables.kind(scalars[sequence.start - 1]) {
                score -= 1
            }
            if case .upper = kind, sequence.start > 0, (0x61...0x7A).contains(scalars[sequence.start - 1]) {
                score -= 1
            }
            return score
        }

        /// Sequences of `page` on this line that pass the evidence test.
        func acceptedSequences(_ page: CodePage, consumed: [Bool]) -> [Sequence] {
            let found = sequences(page, consumed: consumed)
            var all = found
            guard !all.isEmpty else { return [] }
            // A lone Chinese, Japanese or Korean character in other text needs more evidence.
            // (Not lone: another sequence or character of that script within a few characters.)
            for index in all.indices {
                guard let value = all[index].value.first, Tables.needsCompany(value) else { continue }
                let near = 8
                var company =
                    (index > 0 && all[index - 1].end == all[index].start)
                    || (index + 1 < all.count && all[index + 1].start == all[index].end)
                // (Armenian needs its company touching: `Õ°` in a kaomoji is not Armenian.)
                let armenian = (0x531...0x58A).contains(value)
                for other in [index - 1, index + 1] where other >= 0 && other < all.count && !armenian {
                    let distance =
                        other < index ? all[index].start - all[other].end : all[other].start - all[index].end
                    if distance <= near, let otherValue = all[other].value.first,
                        Tables.sameRareScript(otherValue, value)
                    {
                        company = true
                    }
                }
                let before = max(0, all[index].start - near)..<all[index].start
                let after = all[index].end..<min(scalars.count, all[index].end + near)
                if !company, !armenian,
                    before.contains(where: { Tables.sameRareScript(scalars[$0], value) })
                        || after.contains(where: { Tables.sameRareScript(scalars[$0], value) })
                {
                    company = true
                }
                if !company { all[index].rare = true }
            }
            // Strong: evidence 2, or 3 for a rare character, which also needs some of its own
            // (not only its neighbours': `┼┐` between letters of ASCII art is not `ſ`).
            // Box drawings on a line that no strong sequence explains are a drawing: then a sequence
            // of box drawings alone is not strong for sitting between letters (`a├┤b` in a tree).
            var supported = [Bool](repeating: false, count: scalars.count)
            for sequence in all where sequence.evidence >= 2 {
                for index in sequence.start..<sequence.end { supported[index] = true }
            }
            let drawing = scalars.indices.contains { Tables.kind(scalars[$0]) == .box && !supported[$0] }
            func isStrong(_ sequence: Sequence) -> Bool {
                if drawing, sequence.internalEvidence == 0,
                    (sequence.start..<sequence.end).allSatisfy({ Tables.kind(scalars[$0]) == .box })
                {
                    return false
                }
                return !sequence.lossy
                    && (sequence.rare
                        ? sequence.evidence >= 3 && sequence.internalEvidence >= 1 : sequence.evidence >= 2)
            }
            let strongSequences = all.filter(isStrong)
            // The non-ASCII characters outside any sequence: correct text next to the broken one.
            var inSequence = [Bool](repeating: false, count: scalars.count)
            for sequence in all { for index in sequence.start..<sequence.end { inSequence[index] = true } }
            var accepted = all.map(isStrong)
            // Three or more touching sequences with some evidence each are one broken stretch:
            // `–Ç–û–†–Ç–ï` (Serbian capitals through MacRoman).
            var chainStart = 0
            for index in all.indices {
                if index > chainStart,
                    all[index - 1].end != all[index].start || all[index].evidence < 1
                        || all[index].lossy || all[index].rare
                {
                    chainStart = index
                }
                if all[index].evidence < 1 || all[index].lossy || all[index].rare { chainStart = index + 1 }
                if index - chainStart >= 2 { for member in chainStart...index { accepted[member] = true } }
            }
            // Three or more touching sequences that all repair to letters of one script other than
            // the characters' own: `–Ö–í–ï–ó–î–ê` is `ЅВЕЗДА`.
            var scriptStart = 0
            for index in all.indices {
                let script = all[index].value.first.flatMap { Tables.kind($0).script }
                let ownScript = Tables.kind(scalars[all[index].start]).script
                let fits = script != nil && script != .latin && script != ownScript && !all[index].rare
                if !fits
                    || (index > scriptStart
                        && (all[index - 1].end != all[index].start
                            || all[index - 1].value.first.flatMap { Tables.kind($0).script } != script))
                {
                    scriptStart = fits ? index : index + 1
                }
                if fits, index - scriptStart >= 2 { for member in scriptStart...index { accepted[member] = true } }
            }
            // Sequences touching an accepted one belong to the same broken stretch.
            var changed = true
            while changed {
                changed = false
                for (index, sequence) in all.enumerated() where !accepted[index] && !sequence.rare && !sequence.lost {
                    let touches =
                        (index > 0 && accepted[index - 1] && all[index - 1].end == sequence.start)
                        || (index + 1 < all.count && accepted[index + 1] && all[index + 1].start == sequence.end)
                    if touches {
                        accepted[index] = true
                        changed = true
                    }
                }
            }
            let strong = all.indices.filter { accepted[$0] }.map { all[$0] }
            if strong.isEmpty && strongSequences.isEmpty {
                // Alone on its line, a lossy sequence needs strong evidence of its own (`вЂ ` for `†`).
                return all.filter {
                    isLoneAGrave($0, page) || ($0.lossy && !$0.lost && $0.internalEvidence >= 3)
                        || ($0.lost && ($0.start..<$0.end).contains(where: { scalars[$0] == 0xFFFD }))
                }
            }
            return all.enumerated().compactMap { index, sequence -> Sequence? in
                if accepted[index] {
                    // Accepted for touching a strong one, yet not a letter: a guess (`ТО` is not `¾`).
                    var member = sequence
                    if !isStrong(sequence), let value = sequence.value.first, !Tables.kind(value).isLetter {
                        member.ambiguous = true
                    }
                    // A rare character (IPA, an archaic letter, a lone Indic letter) is a guess too.
                    if sequence.rare { member.ambiguous = true }
                    return member
                }
                // U+FFFD after a lead: a character lost on the way (`Ã�`), reported without a repair.
                if sequence.lost, (sequence.start..<sequence.end).contains(where: { scalars[$0] == 0xFFFD }) {
                    return sequence
                }
                guard acceptsWeak(sequence) else { return nil }
                var guessed = sequence
                guessed.ambiguous = true  // not strong on its own: accepted for the company it keeps
                return guessed
            }

            func acceptsWeak(_ sequence: Sequence) -> Bool {
                if sequence.rare { return false }
                if sequence.lossy { return sequence.internalEvidence >= 2 || isLoneAGrave(sequence, page) }
                // Weak, and apart from the strong ones: accepted on the line's word, but a guess.
                if sequence.evidence >= 1 {
                    return true
                }
                if let value = sequence.value.first, !fitsBetweenNeighbours(value, sequence) { return false }
                // Evidence 0: accept it when nothing correct stands between it and the nearest
                // strong one on either side: a short gap (a space, a comma), not a sentence away.
                var low = 0
                var high = strong.count
                while low < high {
                    let middle = (low + high) / 2
                    if strong[middle].start < sequence.end { low = middle + 1 } else { high = middle }
                }
                for other in [low - 1, low] where other >= 0 && other < strong.count {
                    let (from, to) =
                        strong[other].start < sequence.start
                        ? (strong[other].end, sequence.start) : (sequence.end, strong[other].start)
                    var outside = 0
                    var position = from
                    while position < to, outside <= 3 {
                        if !inSequence[position] {
                            if scalars[position] >= 0x80 || Self.sentenceEnds.contains(scalars[position]) { break }
                            outside += 1
                        }
                        position += 1
                    }
                    if position >= to && outside <= 3 { return true }
                }
                return false
            }
        }

        /// Whether the repair of a weak sequence suits the characters around it: a symbol does
        /// not touch letters (`Він` is not `³н`), an opening quote starts a word, a closing one
        /// ends it.
        func fitsBetweenNeighbours(_ value: UInt32, _ sequence: Sequence) -> Bool {
            let kind = Tables.kind(value)
            if kind.isLetter || kind == .mark { return true }
            let letterBefore = sequence.start > 0 && Tables.isWordCharacter(scalars[sequence.start - 1])
            let letterAfter = sequence.end < scalars.count && Tables.isWordCharacter(scalars[sequence.end])
            switch kind {
            case .closing, .ellipsis, .dash, .space: return !letterAfter || kind == .dash
            case .opening: return !letterBefore
            default: return !letterBefore && !letterAfter
            }
        }

        /// `s` or `quele`, `quela`, `quilo` (and plurals) as a word at `index`: `às`, `àquele`.
        func isAGraveContraction(at index: Int) -> Bool {
            for word in ["s", "quele", "queles", "quela", "quelas", "quilo", "quilos"] {
                let letters = word.unicodeScalars.map(\.value)
                guard index + letters.count <= scalars.count,
                    Array(scalars[index..<index + letters.count]) == letters
                else { continue }
                let after = index + letters.count
                if after == scalars.count || !Tables.isWordCharacter(scalars[after]) { return true }
            }
            return false
        }

        /// ASCII that may stand between two broken words of one repair: letters, digits, spaces,
        /// and `-`, `'`, `,`, `.`.
        static func joinsWords(_ scalar: UInt32) -> Bool {
            Tables.isASCIILetter(scalar) || (0x30...0x39).contains(scalar) || scalar == 0x20 || scalar == 0x2D
                || scalar == 0x27 || scalar == 0x2C || scalar == 0x2E
        }

        static let sentenceEnds: Set<UInt32> = [0x2E, 0x21, 0x3F, 0x3A, 0x3B, 0x7C]

        func isLossMarker(_ scalar: UInt32) -> Bool { scalar == 0x3F || scalar == 0xFFFD }

        /// `Ã ` for `à` whose non-breaking space became a space, standing alone or ending a
        /// lower-case word (`voilÃ le`, `Ã s`): the one lossy form common enough to trust alone.
        func isLoneAGrave(_ sequence: Sequence, _ page: CodePage) -> Bool {
            guard sequence.lossy, !sequence.lost, sequence.start + 1 < scalars.count,
                Tables.shared.byte(scalars[sequence.start], page) == 0xC3, scalars[sequence.start + 1] == 0x20,
                Tables.kind(scalars[sequence.start]) == .upper(.latin)  // `Ã`, `Ă`, not Cyrillic `У` or `Г`
            else { return false }
            // A word follows (`Ã la`, `Ã s`), not a list of letters (`Ă ă`).
            let next = sequence.start + 2
            guard next < scalars.count, (0x61...0x7A).contains(scalars[next]) else { return false }
            if sequence.start == 0 { return true }
            let before = scalars[sequence.start - 1]
            return before == 0x20 || (0x61...0x7A).contains(before)
        }

        /// All sequences of `page`, left to right, not overlapping.
        func sequences(_ page: CodePage, consumed: [Bool]) -> [Sequence] {
            let tables = Tables.shared
            var found: [Sequence] = []
            var index = 0
            let hasNBSP = tables.decode(0xA0, page) == 0xA0
            while index < scalars.count {
                guard !consumed[index], let lead = tables.byte(scalars[index], page), lead >= 0xC2, lead <= 0xF4
                else {
                    index += 1
                    continue
                }
                let count = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
                var bytes = [lead]
                var lossy = false
                var lost = false
                var position = index + 1
                var ok = true
                for _ in 0..<count {
                    guard position < scalars.count, !consumed[position] else {
                        ok = false
                        break
                    }
                    let scalar = scalars[position]
                    if let byte = tables.byte(scalar, page), byte >= 0x80, byte <= 0xBF {
                        bytes.append(byte)
                    } else if scalar == 0x20, hasNBSP {
                        bytes.append(0xA0)
                        lossy = true
                    } else if scalar == 0x3F || scalar == 0xFFFD {
                        bytes.append(0x80)
                        lossy = true
                        lost = true
                    } else {
                        ok = false
                        break
                    }
                    position += 1
                }
                guard ok, var value = utf8Value(bytes, lenient: lost) else {
                    index += 1
                    continue
                }
                var end = position
                // CESU-8: a surrogate pair encoded as two three-byte sequences.
                if (0xD800...0xDBFF).contains(value) {
                    guard let low = cesuLowSurrogate(at: end, page) else {
                        index += 1
                        continue
                    }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low.value - 0xDC00)
                    end = low.end
                } else if (0xDC00...0xDFFF).contains(value) {
                    index += 1
                    continue
                }
                var plausibility = lost ? Plausibility.plausible : Tables.plausibility(value)
                // A combining accent after a Latin letter: decomposed text (`CafeÃÅ` is `Café`).
                if Tables.isCommonCombiningAccent(value), index > 0, Tables.isASCIILetter(scalars[index - 1]) {
                    plausibility = .plausible
                }
                // A mark right after a sequence that repairs to a letter (or mark) of its script:
                // Hebrew points, Arabic vowel marks, Cyrillic and Greek accents.
                if plausibility == .rare, let previous = found.last, previous.end == index,
                    let base = previous.value.first,
                    Tables.kind(base).isLetter || Tables.kind(base) == .mark,
                    Tables.kind(value) == .mark
                {
                    plausibility = .plausible
                }
                guard plausibility != .invalid || lost else {
                    index += 1
                    continue
                }
                let (evidence, internalEvidence) = self.evidence(
                    index, end, value: lost ? nil : value, lead: lead, second: bytes[1])
                // `Ã` and a space for `à`: the space was its non-breaking second byte, and also the
                // space after it when text collapsed the two (`voilÃ le` is `voilà le`), but not in
                // `às` or `àquele`, nor when a second space follows.
                if lossy, !lost, count == 1, lead == 0xC3, scalars[index + 1] == 0x20,
                    end < scalars.count, scalars[end] != 0x20, !isAGraveContraction(at: end)
                {
                    end = index + 1
                }
                // Next to a `?` or U+FFFD, bytes were lost around it: its reading is a guess.
                let besideLoss =
                    (index > 0 && isLossMarker(scalars[index - 1]))
                    || (end < scalars.count && isLossMarker(scalars[end]))
                found.append(
                    Sequence(
                        start: index, end: end, value: lost ? [] : [value], lossy: lossy, lost: lost,
                        evidence: evidence, internalEvidence: internalEvidence, rare: plausibility == .rare,
                        ambiguous: besideLoss))
                index = end
            }
            return found
        }

        func cesuLowSurrogate(at start: Int, _ page: CodePage) -> (value: UInt32, end: Int)? {
            let tables = Tables.shared
            guard start + 2 < scalars.count, tables.byte(scalars[start], page) == 0xED else { return nil }
            var bytes: [UInt8] = [0xED]
            for offset in 1...2 {
                guard let byte = tables.byte(scalars[start + offset], page), byte >= 0x80, byte <= 0xBF else {
                    return nil
                }
                bytes.append(byte)
            }
            guard let value = utf8Value(bytes, lenient: false), (0xDC00...0xDFFF).contains(value) else { return nil }
            return (value, start + 3)
        }

        /// How strongly characters `start..<end` look like mojibake rather than text.
        func evidence(_ start: Int, _ end: Int, value: UInt32?, lead: UInt8, second: UInt8) -> (Int, Int) {
            var score = 0
            let wordEnd = end >= scalars.count || !Tables.isWordCharacter(scalars[end])
            // From which character on the sequence is punctuation that ends the word (`е……`).
            var trailingFrom = end
            while wordEnd, trailingFrom > start + 1, Tables.isTrailingPunctuation(scalars[trailingFrom - 1]) {
                trailingFrom -= 1
            }
            for index in start..<(end - 1) {
                let a = scalars[index]
                let b = scalars[index + 1]
                if a == 0x20 || b == 0x20 || b == 0x3F || b == 0xFFFD || a == 0x3F || a == 0xFFFD { continue }
                score += Tables.pairScore(a, b, trailing: index + 1 >= trailingFrom)
            }
            // A ™ or ® ending a lower-case word is no brand: `siÄ™` is Polish `się`.
            if wordEnd, end - start == 2, scalars[end - 1] == 0x2122 || scalars[end - 1] == 0xAE, start > 0,
                (0x61...0x7A).contains(scalars[start - 1]) || Tables.kind(scalars[start - 1]).isLowercaseLetter
            {
                score += 2
            }
            // The signature of the commonest mojibake: U+2000–U+20FF punctuation (’ “ ” – … €).
            if lead == 0xE2, second == 0x80 || second == 0x82 || second == 0x84, let value,
                Tables.isCommonPunctuation(value)
            {
                score += 2
            }
            // Other symbols of U+2000–U+27BF through their lead byte E2 (`‚àö` for `√`, `‚îÄ` for `─`).
            if lead == 0xE2, let value, (0x2000...0x27BF).contains(value), !Tables.isCommonPunctuation(value) {
                score += 1
            }
            if let value, value >= 0x1F000 { score += 1 }
            // A non-breaking space inside a word (`Å\u{A0}veitsi` for `Šveitsi`).
            if end < scalars.count, scalars[end - 1] == 0xA0, end - start == 2, Tables.isWordCharacter(scalars[end]),
                Tables.kind(scalars[start]).isLetter
            {
                score += 1
            }
            let internalScore = score
            // Lower case ASCII running into an upper-case accented letter: `cafÃ©`.
            if start > 0, (0x61...0x7A).contains(scalars[start - 1]), Tables.isUpperLetter(scalars[start]) {
                score += 1
            }
            // Greek, Cyrillic, Hebrew or Arabic letters against a Latin word (`Гјber`), box drawings
            // inside one (`Espa├▒ol`; a diagram has them against words on one side only).
            let letterBefore = start > 0 && Tables.isASCIILetter(scalars[start - 1])
            let letterAfter = end < scalars.count && Tables.isASCIILetter(scalars[end])
            if letterBefore, Tables.isForeignToLatin(scalars[start], boxes: letterAfter) { score += 2 }
            if letterAfter, Tables.isForeignToLatin(scalars[end - 1], boxes: letterBefore) { score += 2 }
            return (min(score, 9), internalScore)
        }

        /// Groups accepted sequences into repairs: neighbours separated only by a few ASCII
        /// characters become one.
        func group(_ sequences: [Sequence], page: CodePage) -> [Repair] {
            var repairs: [Repair] = []
            for sequence in sequences.sorted(by: { $0.start < $1.start }) {
                // Words of one broken stretch join; Markdown syntax and lost bytes separate.
                if var last = repairs.last, last.replacement != nil, !sequence.lost, sequence.start - last.end <= 16,
                    last.exact == (!sequence.lossy && !sequence.ambiguous),
                    (last.end..<sequence.start).allSatisfy({ Self.joinsWords(scalars[$0]) })
                {
                    if let replacement = last.replacement, !sequence.lost {
                        last.replacement = replacement + scalars[last.end..<sequence.start] + sequence.value
                    } else {
                        last.replacement = nil
                    }
                    last.exact = last.exact && !sequence.lossy && !sequence.ambiguous
                    last.end = sequence.end
                    repairs[repairs.count - 1] = last
                } else {
                    repairs.append(
                        Repair(
                            start: sequence.start, end: sequence.end, replacement: sequence.lost ? nil : sequence.value,
                            exact: !sequence.lossy && !sequence.ambiguous, explanation: page.name))
                }
            }
            return repairs
        }

        /// "UTF-8 read as Windows-1252", "… twice", "UTF-8 read as Windows-1252, then as MacRoman".
        /// `pages` lists the readings from the last to the first.
        static func explain(_ pages: [String]) -> String {
            let order = Array(pages.reversed())
            if Set(order).count == 1 {
                let times = order.count == 1 ? "" : order.count == 2 ? " twice" : " three times"
                return "UTF-8 read as \(order[0])\(times)"
            }
            return "UTF-8 read as "
                + order.enumerated().map { $0.offset == 0 ? $0.element : "then as \($0.element)" }
                .joined(separator: ", ")
        }
    }

    /// The scalar UTF-8 `bytes` encode, allowing encoded surrogates (for CESU-8); with `lenient`,
    /// continuation bytes are not checked (one was lost).
    static func utf8Value(_ bytes: [UInt8], lenient: Bool) -> UInt32? {
        let lead = bytes[0]
        if !lenient, bytes.count > 1 {
            let second = bytes[1]
            switch lead {
            case 0xE0: if second < 0xA0 { return nil }
            case 0xF0: if second < 0x90 { return nil }
            case 0xF4: if second > 0x8F { return nil }
            default: break
            }
        }
        switch bytes.count {
        case 2: return UInt32(lead & 0x1F) << 6 | UInt32(bytes[1] & 0x3F)
        case 3: return UInt32(lead & 0x0F) << 12 | UInt32(bytes[1] & 0x3F) << 6 | UInt32(bytes[2] & 0x3F)
        case 4:
            return UInt32(lead & 0x07) << 18 | UInt32(bytes[1] & 0x3F) << 12 | UInt32(bytes[2] & 0x3F) << 6
                | UInt32(bytes[3] & 0x3F)
        default: return nil
        }
    }

    /// Decodes one UTF-8 scalar; nil for ASCII or invalid bytes.
    @inline(__always)
    static func decode(at index: Int, in bytes: [UInt8]) -> (Unicode.Scalar, Int)? {
        guard index < bytes.count else { return nil }
        let lead = bytes[index]
        let length = scalarLength(at: index, in: bytes)
        guard lead >= 0x80, length > 1, index + length <= bytes.count else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        switch length {
        case 3: guard value >= 0x800, !(0xD800...0xDFFF).contains(value) else { return nil }
        case 4: guard value >= 0x10000, value <= 0x10FFFF else { return nil }
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    static func scalarLength(at index: Int, in bytes: [UInt8]) -> Int {
        switch bytes[index] {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 1
        }
    }
}

extension MojibakeScanner {
    /// For each code page with candidate sequences in `text`, the sequences with their evidence
    /// and what they repair to (for `twc-bench mojibake --explain` and for tuning).
    public static func explainLine(_ text: String) -> String {
        let line = Line(scalars: text.unicodeScalars.map(\.value))
        let consumed = [Bool](repeating: false, count: line.scalars.count)
        var lines: [String] = []
        for page in CodePage.allCases {
            let all = line.sequences(page, consumed: consumed)
            guard !all.isEmpty else { continue }
            let accepted = Set(line.acceptedSequences(page, consumed: consumed).map(\.start))
            let shown = all.map { sequence -> String in
                let original = string(from: Array(line.scalars[sequence.start..<sequence.end]))
                let mark = accepted.contains(sequence.start) ? "+" : "-"
                return
                    "\(mark)'\(original)'→'\(string(from: sequence.value))' e\(sequence.evidence)/\(sequence.internalEvidence)\(sequence.rare ? " rare" : "")\(sequence.lossy ? " lossy" : "")"
            }
            lines.append("\(page.name): " + shown.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
