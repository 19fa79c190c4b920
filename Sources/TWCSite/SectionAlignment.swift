import Foundation
import TWCCore
import TWCMarkdown

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

    /// Whether the page has a paragraph before its first heading.
    static func hasIntroduction(_ page: Page) -> Bool {
        let end = page.headings.first?.range.start ?? Int.max
        for child in page.parsed.body.children {
            if child.range.start >= end { break }
            if case .paragraph = child.kind { return true }
        }
        return false
    }

    /// Aligns two outlines: a maximum-weight alignment where a pair of equal-level headings weighs
    /// 1 and a pair of different-level headings 0.4, each plus how alike the two sections look
    /// (same explicit ID, same heading text, shared links). Unmatched source/translation headings
    /// left in the same gap between pairs are then paired as level changes.
    static func align(source: Page, translation: Page) -> SectionAlignment {
        align(source: source, sourceFeatures: SectionFeatures.of(source), translation: translation)
    }

    /// The same with the source's features computed once for all its translations.
    /// `unpaired`: translation headings left without a counterpart (a language's own heading).
    static func align(
        source: Page, sourceFeatures: [SectionFeatures], translation: Page, unpaired: Set<Int> = []
    ) -> SectionAlignment {
        let translationFeatures = SectionFeatures.of(translation)
        var unpaired = unpaired
        // A translation that puts the source's introduction under a heading of its own (cncf/glossary's
        // translations open with "What it is", which its English pages dropped): that heading is
        // the introduction's, not the counterpart of the source's first section.
        if let first = translation.headings.first, translation.headings.count > source.headings.count,
            hasIntroduction(source), !hasIntroduction(translation),
            first.level == translation.headings.map(\.level).min()
        {
            unpaired.insert(0)
        }
        return align(
            sourceLevels: source.headings.map(\.level), translationLevels: translation.headings.map(\.level),
            similarity: { i, j in sourceFeatures[i].similarity(to: translationFeatures[j]) }, unpaired: unpaired)
    }

    static func align(
        sourceLevels: [Int], translationLevels: [Int], similarity: (Int, Int) -> Double, unpaired: Set<Int> = []
    ) -> SectionAlignment {
        let n = sourceLevels.count
        let m = translationLevels.count
        func pairWeight(_ i: Int, _ j: Int) -> Double {
            if unpaired.contains(j) { return -1_000 }
            let alike = similarity(i, j)
            // Between otherwise equal choices, headings at the same relative place in their page
            // pair up: of `One Two Three` against `Een Drie`, `Two` is the missing one.
            let place = 0.01 * (1 - abs((Double(i) + 0.5) / Double(n) - (Double(j) + 0.5) / Double(m)))
            return (sourceLevels[i] == translationLevels[j] ? 1 + alike : 0.4 + alike / 2) + place
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
        var i = n
        var j = m
        while i > 0 || j > 0 {
            if i > 0, j > 0, score[i][j] == score[i - 1][j - 1] + pairWeight(i - 1, j - 1) {
                reversed.append(
                    sourceLevels[i - 1] == translationLevels[j - 1]
                        ? .matched(source: i - 1, translation: j - 1) : .levelChanged(source: i - 1, translation: j - 1)
                )
                i -= 1
                j -= 1
            } else if j > 0, score[i][j] == score[i][j - 1] {
                reversed.append(.extra(translation: j - 1))
                j -= 1
            } else {
                reversed.append(.missing(source: i - 1))
                i -= 1
            }
        }
        // Within each gap between pairs, pair missing and extra headings one to one, in order.
        var steps: [Step] = []
        var gapMissing: [Int] = []
        var gapExtra: [Int] = []
        func flushGap() {
            let unpairedHere = gapExtra.filter { unpaired.contains($0) }
            gapExtra.removeAll { unpaired.contains($0) }
            for translation in unpairedHere { steps.append(.extra(translation: translation)) }
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
            default:
                flushGap()
                steps.append(step)
            }
        }
        flushGap()
        return SectionAlignment(steps: steps)
    }

}

/// What a section looks like regardless of language, computed once per heading.
struct SectionFeatures {
    var explicitID: String?
    /// The heading's ID, explicit or generated.
    var anchor: String?
    /// Letters and digits of the heading, lower-cased: `FAQ` = `faq`, `Team!` = `team`.
    var comparableText: String
    /// The same without diacritics, for cognates (`Especificación`, `Specification`).
    var folded: [Unicode.Scalar]
    /// The section's links: external URLs, and the site's paths without the page's language
    /// prefix (`/it/nodes/` as `/nodes`).
    var links: Set<String>
    /// What the section is made of, in any language: paragraphs, list items, code blocks,
    /// tables, images, subsections.
    var shape: [Int]

    static func of(_ page: Page) -> [SectionFeatures] {
        var links = [Set<String>](repeating: [], count: page.headings.count + 1)
        let prefix = "/" + page.language + "/"
        for link in page.links where link.kind != .image {
            var destination = link.destination.lowercased()
            if destination.hasPrefix(prefix) { destination.removeFirst(prefix.count - 1) }
            if destination.count > 1, destination.hasSuffix("/") { destination.removeLast() }
            guard destination.rangeOfSchemeSeparator() != nil || destination.hasPrefix("/") else { continue }
            links[link.section].insert(destination)
        }
        var shapes = [[Int]](repeating: [0, 0, 0, 0, 0, 0], count: page.headings.count + 1)
        page.parsed.body.walk { node in
            if node.isText { return false }
            let slot: Int
            switch node.kind {
            case .paragraph: slot = 0
            case .listItem: slot = 1
            case .codeBlock: slot = 2
            case .table: slot = 3
            case .image: slot = 4
            case .document, .list, .blockQuote, .definitionList, .definitionDescription, .footnoteDefinition:
                return true
            default: return false
            }
            shapes[PageHeading.section(at: node.range.start, headings: page.headings)][slot] += 1
            return slot == 0 || slot == 1
        }
        // Subsections, for the shape: `Basic Usage` with three `###` under it is not `Overview`.
        for (index, heading) in page.headings.enumerated() {
            var next = index + 1
            while next < page.headings.count, page.headings[next].level > heading.level {
                if page.headings[next].level == heading.level + 1 { shapes[index + 1][5] += 1 }
                next += 1
            }
        }
        return page.headings.enumerated().map { index, heading in
            let text = String(
                String.UnicodeScalarView(
                    heading.text.lowercased().unicodeScalars.filter {
                        // ASCII letters and digits decided without the property tables.
                        $0.isASCII
                            ? (0x61...0x7A).contains($0.value) || (0x30...0x39).contains($0.value)
                                || (0x41...0x5A).contains($0.value)
                            : $0.properties.isAlphabetic || $0.properties.numericType != nil
                    }))
            let folded =
                text.utf8.allSatisfy { $0 < 0x80 }
                ? Array(text.unicodeScalars)
                : text.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                    $0.properties.generalCategory != .nonspacingMark
                }
            return SectionFeatures(
                explicitID: heading.explicitID ? heading.anchor : nil, anchor: heading.anchor, comparableText: text,
                folded: Array(folded), links: links[index + 1], shape: shapes[index + 1])
        }
    }

    /// 0 ..< 1: how alike two sections look (`self`: the source's, `other`: the translation's).
    func similarity(to other: SectionFeatures) -> Double {
        if let explicitID, explicitID == other.explicitID { return 0.9 }
        // A translation often keeps the source's ID (`## Contexto {#context}`).
        if let id = other.explicitID, id == anchor { return 0.9 }
        var score = 0.0
        if !comparableText.isEmpty, comparableText == other.comparableText {
            score += 0.5
        } else if folded.count >= 5, other.folded.count >= 5 {
            let limit = max(folded.count, other.folded.count) / 4
            if EditDistance.levenshtein(folded, other.folded, limit: limit) <= limit { score += 0.4 }
        }
        if !links.isEmpty || !other.links.isEmpty {
            score += 0.4 * Double(links.intersection(other.links).count) / Double(links.union(other.links).count)
        }
        // Sections made of the same blocks (three paragraphs; a list of six items and a table).
        let total = zip(shape, other.shape).reduce(0) { $0 + $1.0 + $1.1 }
        if total > 0 {
            let apart = zip(shape, other.shape).reduce(0) { $0 + abs($1.0 - $1.1) }
            score += 0.3 * (1 - Double(apart) / Double(total))
        }
        return score
    }
}

extension SiteModel {
    /// The heading of `target` aligned with heading `heading` of `other`, another language's
    /// version of the same page: through the section alignments with their source page.
    public func alignedHeading(_ heading: Int, of other: Page, in target: Page) -> Int? {
        let source = sourcePage(of: target)
        if source?.index == other.index {
            return alignment(of: target)?.translationHeading(forSource: heading)
        }
        if source?.index == target.index {
            return alignment(of: other)?.sourceHeading(forTranslation: heading)
        }
        guard let sourceHeading = alignment(of: other)?.sourceHeading(forTranslation: heading) else { return nil }
        return alignment(of: target)?.translationHeading(forSource: sourceHeading)
    }
}
