/// How the heading outline of a translation lines up with its source page.
public struct SectionAlignment: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        /// Source heading `source` corresponds to translation heading `translation`.
        case matched(source: Int, translation: Int)
        /// Same place in the outline, different heading level.
        case levelChanged(source: Int, translation: Int)
        /// The source has a heading the translation lacks.
        case missing(source: Int)
        /// The translation has a heading the source lacks.
        case extra(translation: Int)
    }

    /// Steps in document order.
    public let steps: [Step]

    /// Translation heading index for each source heading that has a counterpart.
    public func translationHeading(forSource index: Int) -> Int? {
        for step in steps {
            switch step {
            case .matched(let source, let translation), .levelChanged(let source, let translation):
                if source == index { return translation }
            default: continue
            }
        }
        return nil
    }

    public func sourceHeading(forTranslation index: Int) -> Int? {
        for step in steps {
            switch step {
            case .matched(let source, let translation), .levelChanged(let source, let translation):
                if translation == index { return source }
            default: continue
            }
        }
        return nil
    }

    /// Aligns two outlines: a maximum-weight alignment where a pair of equal-level headings weighs
    /// 1 and a pair of different-level headings 0.4, each plus how alike the two sections look
    /// (same explicit ID, same heading text, shared links). Unmatched source/translation headings
    /// left in the same gap between pairs are then paired as level changes.
    static func align(source: Page, translation: Page) -> SectionAlignment {
        align(sourceLevels: source.headings.map(\.level), translationLevels: translation.headings.map(\.level),
              similarity: { i, j in similarity(source: source, i, translation: translation, j) })
    }

    static func align(sourceLevels: [Int], translationLevels: [Int], similarity: (Int, Int) -> Double) -> SectionAlignment {
        let n = sourceLevels.count, m = translationLevels.count
        func pairWeight(_ i: Int, _ j: Int) -> Double {
            let alike = similarity(i, j)
            return sourceLevels[i] == translationLevels[j] ? 1 + alike : 0.4 + alike / 2
        }
        // score[i][j]: best alignment of the first i source and first j translation headings.
        var score = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n {
            for j in 0...m {
                if i == 0 && j == 0 { continue }
                var best = -Double.infinity
                if i > 0 { best = max(best, score[i - 1][j]) }
                if j > 0 { best = max(best, score[i][j - 1]) }
                if i > 0, j > 0 { best = max(best, score[i - 1][j - 1] + pairWeight(i - 1, j - 1)) }
                score[i][j] = best
            }
        }
        var reversed: [Step] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            if i > 0, j > 0, score[i][j] == score[i - 1][j - 1] + pairWeight(i - 1, j - 1) {
                reversed.append(sourceLevels[i - 1] == translationLevels[j - 1]
                    ? .matched(source: i - 1, translation: j - 1) : .levelChanged(source: i - 1, translation: j - 1))
                i -= 1; j -= 1
            } else if j > 0, score[i][j] == score[i][j - 1] {
                reversed.append(.extra(translation: j - 1)); j -= 1
            } else {
                reversed.append(.missing(source: i - 1)); i -= 1
            }
        }
        // Within each gap between pairs, pair missing and extra headings one to one, in order.
        var steps: [Step] = []
        var gapMissing: [Int] = []
        var gapExtra: [Int] = []
        func flushGap() {
            let paired = min(gapMissing.count, gapExtra.count)
            for k in 0..<paired { steps.append(.levelChanged(source: gapMissing[k], translation: gapExtra[k])) }
            for source in gapMissing.dropFirst(paired) { steps.append(.missing(source: source)) }
            for translation in gapExtra.dropFirst(paired) { steps.append(.extra(translation: translation)) }
            gapMissing = []
            gapExtra = []
        }
        for step in reversed.reversed() {
            switch step {
            case .missing(let source): gapMissing.append(source)
            case .extra(let translation): gapExtra.append(translation)
            default: flushGap(); steps.append(step)
            }
        }
        flushGap()
        return SectionAlignment(steps: steps)
    }

    /// 0 ..< 1: how alike two sections look regardless of language.
    static func similarity(source: Page, _ i: Int, translation: Page, _ j: Int) -> Double {
        let a = source.headings[i], b = translation.headings[j]
        if a.explicitID, b.explicitID, a.anchor == b.anchor { return 0.9 }
        var score = 0.0
        let textA = comparable(a.text), textB = comparable(b.text)
        if !textA.isEmpty, textA == textB { score += 0.5 }
        let linksA = Set(source.links.filter { $0.section == i + 1 && $0.destination.contains("://") }.map(\.destination))
        let linksB = Set(translation.links.filter { $0.section == j + 1 && $0.destination.contains("://") }.map(\.destination))
        if !linksA.isEmpty || !linksB.isEmpty {
            score += 0.4 * Double(linksA.intersection(linksB).count) / Double(linksA.union(linksB).count)
        }
        return score
    }

    /// Letters and digits of a heading, lower-cased: `FAQ` = `faq`, `Team!` = `team`.
    static func comparable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }
}
