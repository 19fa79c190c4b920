import TWCCore
import TWCFrontmatter
import TWCMarkdown
import TWCSite

/// What changed in a page between an older version and the current one, section by section, in
/// the ways a translator must follow: text (compared block by block with white space and
/// emphasis markers left out, so that reflowing a paragraph or changing `*` to `_` is no
/// change), links, headings, and front matter values (but `lastmod` and translation pins).
public struct SourceChanges: Sendable {
    /// One section's change. Sections are numbered as `PageHeading.section(at:)` does: 0 the
    /// introduction, i + 1 the section under heading i.
    public struct Section: Sendable {
        public enum Kind: Sendable { case changed, added, removed }
        public var kind: Kind
        /// The section in the current version (nil: removed).
        public var current: Int?
        /// The section in the old version (nil: added).
        public var old: Int?
        /// Lines of text changed (the larger of lines added and lines removed).
        public var lines = 0
        /// Links added or removed.
        public var links = 0
        /// The heading's old text, when it changed.
        public var renamedFrom: String?
    }

    public var sections: [Section] = []
    /// Front matter keys whose value changed, was added or removed.
    public var frontmatterKeys: [String] = []

    /// Keys whose changes a translator need not follow (and each version's own:
    /// `TranslatableKeys.isPerLanguage`).
    static let ignoredKeys = Set(
        ["lastmod", "modified", "lastmodified"] + TranslationHistory.pinKeys.map { $0.lowercased() })

    public init(old: SourceVersion, current: Page) {
        let oldHeadings = old.headings
        let newHeadings = current.headings
        // Headings matched by anchor, then text, then in order at the same level.
        var newForOld = [Int?](repeating: nil, count: oldHeadings.count)
        var oldForNew = [Int?](repeating: nil, count: newHeadings.count)
        func match(_ same: (PageHeading, PageHeading) -> Bool) {
            for (o, oldHeading) in oldHeadings.enumerated() where newForOld[o] == nil {
                if let n = newHeadings.indices.first(where: {
                    oldForNew[$0] == nil && same(oldHeading, newHeadings[$0])
                }) {
                    newForOld[o] = n
                    oldForNew[n] = o
                }
            }
        }
        match { $0.anchor != nil && $0.anchor == $1.anchor }
        match { $0.text == $1.text }
        // Left over, in order between matched neighbours: renamed headings.
        var lastNew = -1
        for o in oldHeadings.indices {
            if let n = newForOld[o] {
                lastNew = n
                continue
            }
            let next = ((o + 1)..<oldHeadings.count).compactMap { newForOld[$0] }.first ?? newHeadings.count
            if let n = ((lastNew + 1)..<next).first(where: {
                oldForNew[$0] == nil && newHeadings[$0].level == oldHeadings[o].level
            }) {
                newForOld[o] = n
                oldForNew[n] = o
                lastNew = n
            }
        }
        let oldBlocks = Self.blocks(old.parsed, headings: oldHeadings)
        let newBlocks = Self.blocks(current.parsed, headings: newHeadings)
        let oldLinks = Self.links(old.links)
        let newLinks = Self.links(current.links)
        for section in 0...newHeadings.count {
            let oldSection: Int? = section == 0 ? 0 : oldForNew[section - 1].map { $0 + 1 }
            guard let oldSection else {
                sections.append(Section(kind: .added, current: section, old: nil))
                continue
            }
            var change = Section(kind: .changed, current: section, old: oldSection)
            let added = Self.changedLines(newBlocks[section] ?? [], oldBlocks[oldSection] ?? [])
            let removed = Self.changedLines(oldBlocks[oldSection] ?? [], newBlocks[section] ?? [])
            change.lines = max(added, removed)
            // A link whose address changed is one link changed. Without a change of text (the
            // address is in the text), links found apart are a parse of changed indentation.
            change.links =
                change.lines == 0
                ? 0
                : max(
                    Self.difference(newLinks[section] ?? [:], oldLinks[oldSection] ?? [:]),
                    Self.difference(oldLinks[oldSection] ?? [:], newLinks[section] ?? [:]))
            // A heading reworded, not a typo mended or its case changed (`Right alighment`).
            let before = oldHeadings.indices.contains(oldSection - 1) ? oldHeadings[oldSection - 1].text : ""
            if section > 0, before.lowercased() != newHeadings[section - 1].text.lowercased() {
                let after = newHeadings[section - 1].text
                let distance = EditDistance.levenshtein(before.lowercased(), after.lowercased(), limit: 64)
                if distance > max(2, max(before.count, after.count) / 5) { change.renamedFrom = before }
            }
            if change.lines > 0 || change.links > 0 || change.renamedFrom != nil { sections.append(change) }
        }
        for o in oldHeadings.indices where newForOld[o] == nil {
            sections.append(Section(kind: .removed, current: nil, old: o + 1))
        }
        frontmatterKeys = Self.changedKeys(old.parsed, current.parsed)
    }

    /// The changes `translation` does not follow yet: a front matter key the source removed
    /// that the translation lacks too, or set to the value the translation has, is followed.
    public func notFollowed(by translation: Page, current: Page) -> SourceChanges {
        var result = self
        let values = { (page: Page) -> [String: String] in
            var values: [String: String] = [:]
            for entry in page.frontmatter.entries {
                values[entry.key.lowercased()] = Self.normalized(
                    page.source.bytes[entry.value.range.start..<entry.value.range.end])
            }
            return values
        }
        let source = values(current)
        let translated = values(translation)
        result.frontmatterKeys = frontmatterKeys.filter { key in
            switch (source[key], translated[key]) {
            case (nil, nil): return false
            case (let now?, let there?) where now == there: return false
            default: return true
            }
        }
        return result
    }

    public var isEmpty: Bool { sections.isEmpty && frontmatterKeys.isEmpty }

    /// A block of text: its normalised text (reflow-proof) and its normalised lines.
    struct Block {
        var text: String
        var lines: [String]
        /// Prose (a paragraph, a table row, HTML), where a typo mended is no change; not code.
        var prose: Bool
    }

    /// Text blocks by section.
    static func blocks(_ page: ParsedPage, headings: [PageHeading]) -> [Int: [Block]] {
        var result: [Int: [Block]] = [:]
        let source = page.source
        page.body.walk { node in
            switch node.kind {
            case .paragraph, .codeBlock, .htmlBlock, .tableRow, .linkReferenceDefinition:
                let text = normalized(source.bytes[node.range.start..<node.range.end])
                // HTML comments are not on the page (`<!-- markdownlint-disable -->`).
                if case .htmlBlock = node.kind, text.hasPrefix("<!--"), text.hasSuffix("-->") { return false }
                var prose = false
                switch node.kind {
                case .paragraph, .tableRow, .htmlBlock: prose = true
                default: break
                }
                if !text.isEmpty {
                    let section = PageHeading.section(at: node.range.start, headings: headings)
                    let first = source.lineIndex(of: node.range.start)
                    let last = source.lineIndex(of: max(node.range.start, node.range.end - 1))
                    let lines = (first...last).map { index -> String in
                        let range = source.lineRange(index + 1)
                        return normalized(
                            source.bytes[max(range.start, node.range.start)..<min(range.end, node.range.end)])
                    }.filter { !$0.isEmpty }
                    result[section, default: []].append(Block(text: text, lines: lines, prose: prose))
                }
                return false
            default:
                return true
            }
        }
        return result
    }

    /// Lines of `a`'s blocks that `b` lacks: a block `b` has (reflowed or not) counts none, nor
    /// does prose where a typo was mended (two characters at most, no digit changed); a changed
    /// block counts its lines `b` lacks (at least one).
    static func changedLines(_ a: [Block], _ b: [Block]) -> Int {
        var texts: [String: Int] = [:]
        for block in b { texts[block.text, default: 0] += 1 }
        let lines = Set(b.flatMap(\.lines))
        var total = 0
        for block in a {
            if let count = texts[block.text], count > 0 {
                texts[block.text] = count - 1
                continue
            }
            if block.prose, b.contains(where: { $0.prose && isTypoMended($0.text, block.text) }) { continue }
            total += max(1, block.lines.filter { !lines.contains($0) }.count)
        }
        return total
    }

    /// Whether two texts differ only in letter case and at most two characters, none of them a
    /// digit (`Our Commitment` → `Our commitment`, `leveliing` → `leveling`).
    static func isTypoMended(_ a: String, _ b: String) -> Bool {
        let a = a.lowercased()
        let b = b.lowercased()
        guard abs(a.count - b.count) <= 2, a.filter(\.isNumber) == b.filter(\.isNumber) else { return false }
        return EditDistance.levenshtein(a, b, limit: 3) <= 2
    }

    /// Text without white space runs and emphasis markers: reflowing and restyling are no change.
    static func normalized(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in withoutNoticeMarkup(bytes) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: pendingSpace = !output.isEmpty
            case UInt8(ascii: "*"), UInt8(ascii: "_"): continue
            default:
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes without what only dresses a notice: blockquote markers at line starts, GitHub
    /// alert markers (`[!NOTE]`) and notice shortcode tags (`{{% alert title="Note" %}}`), so that
    /// a notice rewritten as an alert (or back) is no change.
    static func withoutNoticeMarkup(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        var lineStart = true
        while index < bytes.endIndex {
            let byte = bytes[index]
            if lineStart && (byte == UInt8(ascii: ">") || byte == 0x20 || byte == 0x09) {
                index += 1
                continue
            }
            lineStart = byte == 0x0A
            // `[!WORD]`
            if byte == UInt8(ascii: "["), index + 2 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "!") {
                var end = index + 2
                while end < bytes.endIndex, (0x41...0x5A).contains(bytes[end]) || (0x61...0x7A).contains(bytes[end]) {
                    end += 1
                }
                if end > index + 2, end < bytes.endIndex, bytes[end] == UInt8(ascii: "]") {
                    index = end + 1
                    continue
                }
            }
            // `{{% name … %}}`, `{{< /name >}}` of a notice shortcode.
            if byte == UInt8(ascii: "{"), index + 2 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "{"),
                bytes[index + 2] == UInt8(ascii: "%") || bytes[index + 2] == UInt8(ascii: "<")
            {
                let delimiter = bytes[index + 2]
                var cursor = index + 3
                while cursor < bytes.endIndex, bytes[cursor] == 0x20 || bytes[cursor] == UInt8(ascii: "/") {
                    cursor += 1
                }
                let nameStart = cursor
                while cursor < bytes.endIndex, bytes[cursor] != 0x20, bytes[cursor] != delimiter,
                    bytes[cursor] != UInt8(ascii: "}")
                {
                    cursor += 1
                }
                let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
                let last = name.split(separator: "/").last.map(String.init) ?? name
                if Notices.shortcodeNames.contains(last) {
                    var end = cursor
                    while end + 2 < bytes.endIndex,
                        !(bytes[end] == delimiter && bytes[end + 1] == UInt8(ascii: "}")
                            && bytes[end + 2] == UInt8(ascii: "}"))
                    {
                        end += 1
                    }
                    if end + 2 < bytes.endIndex {
                        index = end + 3
                        continue
                    }
                }
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    /// Link destinations by section, counted.
    static func links(_ links: [PageLink]) -> [Int: [String: (count: Int, lines: Int)]] {
        var result: [Int: [String: (count: Int, lines: Int)]] = [:]
        for link in links {
            var entry = result[link.section, default: [:]][link.destination] ?? (0, 1)
            entry.count += 1
            result[link.section, default: [:]][link.destination] = entry
        }
        return result
    }

    /// How many of `a`'s items `b` lacks, counting lines for blocks (1 per link).
    static func difference(_ a: [String: (count: Int, lines: Int)], _ b: [String: (count: Int, lines: Int)]) -> Int {
        var total = 0
        for (key, value) in a {
            let extra = value.count - (b[key]?.count ?? 0)
            if extra > 0 { total += extra * value.lines }
        }
        return total
    }

    /// Top-level front matter keys whose values differ (as written, white space aside).
    static func changedKeys(_ old: ParsedPage, _ current: ParsedPage) -> [String] {
        func values(_ page: ParsedPage) -> [String: String] {
            var result: [String: String] = [:]
            for entry in page.frontmatter.entries
            where !ignoredKeys.contains(entry.key.lowercased())
                && !TranslatableKeys.isPerLanguage(entry.key.lowercased())
            {
                result[entry.key.lowercased()] = normalized(
                    page.source.bytes[entry.value.range.start..<entry.value.range.end])
            }
            return result
        }
        let before = values(old)
        let after = values(current)
        return Set(before.keys).union(after.keys).filter { key in
            guard let was = before[key], let now = after[key] else { return true }
            return was != now && !isTypoMended(was, now)
        }.sorted()
    }
}
