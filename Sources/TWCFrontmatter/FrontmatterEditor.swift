import TWCCore

/// Computes byte-range edits that change one front matter value, or add one key, and keep every
/// other byte of the page: comments, indentation, the spelling of keys and of other values, and
/// the line endings.
///
/// A replaced value keeps its quoting style where that style can hold the new value and still
/// reads back as the same type; a string that cannot stay plain, or a `'…'` string that needs an
/// escape, falls back to a double-quoted one. An added key is written the way its neighbours are.
///
/// Every edit is checked before it is returned: the front matter is parsed again with the edit
/// applied, the path must hold the new value, and every other value must be the same data as
/// before. A spelling that fails the check gives way to the next, more general one; when none
/// passes, the editor throws instead of returning an edit that would change the page's meaning.
public struct FrontmatterEditor: Sendable {
    public let bytes: [UInt8]
    public let block: FrontmatterBlock
    public let root: FrontmatterValue
    /// New lines are written with the line ending the front matter already uses.
    let lineEnding: [UInt8]

    var format: FrontmatterFormat { block.format }

    /// Finds and parses the page's front matter.
    public init(bytes: [UInt8]) throws(FrontmatterEditError) {
        let found: FrontmatterBlock?
        do { found = try FrontmatterParser.detect(bytes) } catch { throw .invalidFrontmatter(error) }
        guard let block = found else { throw .noFrontmatter }
        let root: FrontmatterValue
        do { root = try FrontmatterParser.parse(bytes, block: block) } catch { throw .invalidFrontmatter(error) }
        self.init(bytes: bytes, block: block, root: root)
    }

    /// For a page already parsed (as `ParsedPage` holds it): `block` and `root` must come from
    /// `FrontmatterParser` on these same bytes.
    public init(bytes: [UInt8], block: FrontmatterBlock, root: FrontmatterValue) {
        self.bytes = bytes
        self.block = block
        self.root = root
        var lineEnding: [UInt8] = [Bytes.lf]
        var i = block.range.start
        while i < block.range.end {
            if bytes[i] == Bytes.lf {
                if i > 0 && bytes[i - 1] == Bytes.cr { lineEnding = [Bytes.cr, Bytes.lf] }
                break
            }
            i += 1
        }
        self.lineEnding = lineEnding
    }

    /// The value at `path`, or nil.
    public func value(at path: FrontmatterPath) -> FrontmatterValue? {
        Self.lookup(path[...], in: root)
    }

    /// The edit that gives the scalar at `path` the value `newValue`.
    public func editReplacingValue(at path: FrontmatterPath, with newValue: FrontmatterScalar)
        throws(FrontmatterEditError) -> FrontmatterEdit
    {
        guard !path.isEmpty else { throw .emptyPath }
        let located = try locate(path)
        switch located.value.kind {
        case .table, .array: throw .notAScalar(path)
        default: break
        }
        let candidates = try replacementCandidates(newValue, located: located, path: path)
        return try firstVerified(candidates, path: path, expecting: newValue, adding: false)
    }

    /// The edit that adds the key `path.last` with `value` to the table at `path.dropLast()`
    /// (the front matter itself for a one-step path). YAML: a `key: value` line after the
    /// table's last entry, at its keys' indentation. TOML: a `key = value` line after the last
    /// key of the table's section (top-level keys before the first `[table]` header; keys of a
    /// dotted table as dotted keys). JSON and other `{…}` tables: `, "key": value` after the
    /// last entry, on a new line when the entries are one per line.
    public func editAddingKey(at path: FrontmatterPath, value: FrontmatterScalar) throws(FrontmatterEditError)
        -> FrontmatterEdit
    {
        guard let last = path.last else { throw .emptyPath }
        guard case .key(let key) = last else { throw .unsupported(path, "only keys can be added, not array elements") }
        let parentPath = Array(path.dropLast())
        let parent = try locate(parentPath)
        guard case .table(let entries) = parent.value.kind else { throw .notATable(parentPath) }
        if Self.entryIndex(key, in: entries) != nil { throw .keyExists(path) }
        let candidates: [FrontmatterEdit]
        switch format {
        case .yaml: candidates = try yamlAddition(key, value, parent: parent, path: path)
        case .toml: candidates = try tomlAddition(key, value, parent: parent, path: path)
        case .json:
            let texts = try valueTexts(
                value, style: .doubleQuoted, oldWasString: true, inFlow: true,
                breakAfterOpening: false, path: path)
            candidates = flowAddition(
                into: parent.value, statements: flowStatements(parent.value),
                key: ScalarWriter.jsonString(key), valueTexts: texts,
                defaultKeySeparator: Array(": ".utf8))
        }
        return try firstVerified(candidates, path: path, expecting: value, adding: true)
    }

    /// Replaces the value at `path` when it is there, else adds the key.
    public func editSettingValue(at path: FrontmatterPath, to value: FrontmatterScalar) throws(FrontmatterEditError)
        -> FrontmatterEdit
    {
        do throws(FrontmatterEditError) {
            return try editReplacingValue(at: path, with: value)
        } catch {
            guard case .notFound(let missing) = error, missing.count == path.count else { throw error }
            return try editAddingKey(at: path, value: value)
        }
    }

    // MARK: finding values

    /// What a path leads to.
    struct Located {
        var value: FrontmatterValue
        /// The entry holding `value` when the path's last step is a key.
        var entry: FrontmatterEntry?
        /// The collections from the root down to the one holding `value`.
        var ancestors: [FrontmatterValue]

        /// The root, the collections on the way and the value itself, one per path step plus one.
        var chain: [FrontmatterValue] { ancestors + [value] }
    }

    func locate(_ path: FrontmatterPath) throws(FrontmatterEditError) -> Located {
        var located = Located(value: root, entry: nil, ancestors: [])
        var walked: FrontmatterPath = []
        for component in path {
            let parent = located.value
            // An alias's entries carry the ranges of the anchored node: an edit there would
            // change the anchor and every other alias of it.
            if format == .yaml, !walked.isEmpty, !parent.range.isEmpty, bytes[parent.range.start] == UInt8(ascii: "*") {
                throw .unsupported(walked, "it is a YAML alias (*name); edit the anchored value instead")
            }
            walked.append(component)
            switch component {
            case .key(let key):
                guard case .table(let entries) = parent.kind else { throw .notATable(Array(walked.dropLast())) }
                guard let index = Self.entryIndex(key, in: entries) else { throw .notFound(walked) }
                located = Located(
                    value: entries[index].value, entry: entries[index], ancestors: located.ancestors + [parent])
            case .index(let index):
                guard case .array(let items) = parent.kind else { throw .notAnArray(Array(walked.dropLast())) }
                guard items.indices.contains(index) else { throw .notFound(walked) }
                located = Located(value: items[index], entry: nil, ancestors: located.ancestors + [parent])
            }
        }
        return located
    }

    static func lookup(_ path: ArraySlice<FrontmatterPathComponent>, in value: FrontmatterValue) -> FrontmatterValue? {
        guard let step = path.first else { return value }
        switch (step, value.kind) {
        case (.key(let key), .table(let entries)):
            guard let index = entryIndex(key, in: entries) else { return nil }
            return lookup(path.dropFirst(), in: entries[index].value)
        case (.index(let index), .array(let items)):
            guard items.indices.contains(index) else { return nil }
            return lookup(path.dropFirst(), in: items[index])
        default:
            return nil
        }
    }

    /// The entry a key names: the last one spelled exactly so, else the last one equal without
    /// regard to case (Hugo lower-cases front matter keys, as `FrontmatterValue.entry` does).
    static func entryIndex(_ key: String, in entries: [FrontmatterEntry]) -> Int? {
        if let exact = entries.lastIndex(where: { $0.key == key }) { return exact }
        let lowered = key.lowercased()
        return entries.lastIndex { $0.key.lowercased() == lowered }
    }

    // MARK: replacing

    func replacementCandidates(_ newValue: FrontmatterScalar, located: Located, path: FrontmatterPath)
        throws(FrontmatterEditError) -> [FrontmatterEdit]
    {
        let old = located.value
        let oldWasString: Bool
        if case .string = old.kind { oldWasString = true } else { oldWasString = false }
        if format == .yaml && (old.style == .literal || old.style == .folded) {
            let scalar = yamlBlockScalar(old)
            var candidates: [FrontmatterEdit] = []
            switch newValue {
            case .string(let text), .date(let text):
                if let edit = yamlBlockEdit(text, scalar, folded: old.style == .folded, located: located) {
                    candidates.append(edit)
                }
            default:
                break
            }
            let texts = try valueTexts(
                newValue, style: .doubleQuoted, oldWasString: true, inFlow: false,
                breakAfterOpening: false, path: path)
            return candidates + texts.map { inlineReplacingBlock(scalar, with: $0) }
        }
        let inFlow = format == .yaml && located.ancestors.contains(where: isFlowCollection)
        let texts = try valueTexts(
            newValue, style: old.style, oldWasString: oldWasString, inFlow: inFlow,
            breakAfterOpening: breakAfterOpeningQuotes(old), path: path)
        return texts.map { text in
            // An empty YAML value (`key:`) is a null at the colon: the new value needs a space.
            let spaced = old.range.isEmpty ? [0x20] + text : text
            return FrontmatterEdit(replacements: [.init(range: old.range, text: Self.string(spaced))])
        }
    }

    /// Spellings of `value` to try, best first, for a place whose old value had `style`.
    func valueTexts(
        _ value: FrontmatterScalar, style: ScalarStyle, oldWasString: Bool, inFlow: Bool,
        breakAfterOpening: Bool, path: FrontmatterPath
    ) throws(FrontmatterEditError) -> [[UInt8]] {
        switch value {
        case .integer(let i):
            return [ScalarWriter.integer(i)]
        case .bool(let b):
            return [ScalarWriter.bool(b)]
        case .float(let d):
            switch format {
            case .yaml: return [ScalarWriter.yamlFloat(d)]
            case .toml: return [ScalarWriter.tomlFloat(d)]
            case .json:
                guard let text = ScalarWriter.jsonFloat(d) else {
                    throw .cannotWrite(path, "JSON has no NaN or infinity")
                }
                return [text]
            }
        case .string(let text):
            return stringTexts(text, style: style, inFlow: inFlow, breakAfterOpening: breakAfterOpening)
        case .date(let text):
            let strings = stringTexts(text, style: style, inFlow: inFlow, breakAfterOpening: breakAfterOpening)
            // A quoted date stays a quoted date: Hugo reads both, and the page chose quotes.
            guard !oldWasString && style == .plain else { return strings }
            let literal = Array(text.utf8)
            switch format {
            case .yaml where YAMLResolve.isTimestamp(literal): return [literal] + strings
            case .toml where TOMLImpl.isDateTime(literal): return [literal] + strings
            default: return strings
            }
        }
    }

    func stringTexts(_ text: String, style: ScalarStyle, inFlow: Bool, breakAfterOpening: Bool) -> [[UInt8]] {
        var texts: [[UInt8]?] = []
        switch format {
        case .yaml:
            switch style {
            case .plain: texts.append(ScalarWriter.yamlPlain(text, inFlow: inFlow))
            case .singleQuoted: texts.append(ScalarWriter.yamlSingleQuoted(text))
            default: break
            }
            texts.append(ScalarWriter.yamlDoubleQuoted(text))
        case .toml:
            switch style {
            case .singleQuoted:
                texts.append(ScalarWriter.tomlLiteral(text))
            case .multilineLiteral:
                texts.append(
                    ScalarWriter.tomlMultilineLiteral(
                        text, breakAfterOpening: breakAfterOpening, lineEnding: lineEnding))
                texts.append(
                    ScalarWriter.tomlMultilineBasic(text, breakAfterOpening: breakAfterOpening, lineEnding: lineEnding))
            case .multilineBasic:
                texts.append(
                    ScalarWriter.tomlMultilineBasic(text, breakAfterOpening: breakAfterOpening, lineEnding: lineEnding))
            default:
                break
            }
            texts.append(ScalarWriter.tomlBasic(text))
        case .json:
            texts.append(ScalarWriter.jsonString(text))
        }
        return texts.compactMap { $0 }
    }

    /// Whether a TOML multi-line string starts its text on the line after the opening quotes.
    func breakAfterOpeningQuotes(_ value: FrontmatterValue) -> Bool {
        guard format == .toml, value.style == .multilineBasic || value.style == .multilineLiteral else { return false }
        let p = value.range.start + 3
        return p < value.range.end && (bytes[p] == Bytes.lf || bytes[p] == Bytes.cr)
    }

    func isFlowCollection(_ value: FrontmatterValue) -> Bool {
        guard !value.range.isEmpty else { return false }
        let c = bytes[value.range.start]
        switch value.kind {
        case .table: return c == UInt8(ascii: "{")
        case .array: return c == UInt8(ascii: "[")
        default: return false
        }
    }

    // MARK: YAML block scalars

    /// The parts of a YAML block scalar (`|`, `>-`, `|2+` …) that an edit keeps or replaces.
    struct YAMLBlockScalar {
        /// The `|` or `>`.
        var start: Int
        /// After the indentation and chomping indicators; a comment may follow on the line.
        var headerEnd: Int
        /// The line break that ends the header line.
        var headerLineEnd: Int
        /// The first line after the header, nil when the scalar has no content lines.
        var contentStart: Int?
        /// The end of the last content line.
        var end: Int
        var indentationIndicator: Int?
        /// `+`: trailing empty lines after `end` belong to the value.
        var keepsTrailingLines: Bool
        /// Spaces before the first non-empty content line.
        var contentIndent: Int?
    }

    func yamlBlockScalar(_ value: FrontmatterValue) -> YAMLBlockScalar {
        let limit = block.contentRange.end
        var p = value.range.start + 1
        var indicator: Int?
        var keeps = false
        while p < value.range.start + 3 && p < limit {
            let c = bytes[p]
            if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") {
                indicator = Int(c - UInt8(ascii: "0"))
            } else if c == UInt8(ascii: "+") {
                keeps = true
            } else if c != UInt8(ascii: "-") {
                break
            }
            p += 1
        }
        let headerEnd = p
        while p < limit && bytes[p] != Bytes.lf && bytes[p] != Bytes.cr { p += 1 }
        let headerLineEnd = p
        var contentStart: Int?
        var contentIndent: Int?
        if value.range.end > headerEnd {
            let start = startOfNextLine(after: headerLineEnd)
            contentStart = start
            var q = start
            while q < value.range.end {
                let lineStart = q
                while q < value.range.end && bytes[q] == 0x20 { q += 1 }
                if q < value.range.end && bytes[q] != Bytes.lf && bytes[q] != Bytes.cr {
                    contentIndent = q - lineStart
                    break
                }
                q = startOfNextLine(after: q)
            }
        }
        return YAMLBlockScalar(
            start: value.range.start, headerEnd: headerEnd, headerLineEnd: headerLineEnd,
            contentStart: contentStart, end: value.range.end, indentationIndicator: indicator,
            keepsTrailingLines: keeps, contentIndent: contentIndent)
    }

    /// The text as a block scalar in place of `scalar`, or nil when block style cannot hold it
    /// (characters that need escapes, several final line breaks, a leading space with no way to
    /// state the indentation). The header's comment stays; the chomping indicator follows the
    /// text's final line break; content lines keep the old indentation. A folded scalar whose
    /// text has indented lines or starts with a line break becomes a literal one, since folding
    /// would change those.
    func yamlBlockEdit(_ text: String, _ scalar: YAMLBlockScalar, folded: Bool, located: Located) -> FrontmatterEdit? {
        if text.unicodeScalars.contains(where: {
            ($0.value < 0x20 && $0.value != 0x09 && $0.value != 0x0A) || ScalarWriter.isUnprintable($0.value)
        }) {
            return nil
        }
        var content = Array(text.utf8)
        var chomping = "-"
        if content.last == Bytes.lf {
            content.removeLast()
            chomping = ""
            if content.isEmpty || content.last == Bytes.lf { return nil }
        }
        var lines: [ArraySlice<UInt8>] =
            content.isEmpty ? [] : content.split(separator: Bytes.lf, omittingEmptySubsequences: false)
        var isFolded = folded
        if isFolded && (lines.first?.isEmpty == true || lines.contains { $0.first == 0x20 || $0.first == Bytes.tab }) {
            isFolded = false
        }
        if isFolded && !lines.isEmpty {
            // A single break between two lines folds into a space, so each break of the text
            // is written as one more empty line.
            var unfolded: [ArraySlice<UInt8>] = [lines[0]]
            for line in lines.dropFirst() {
                unfolded.append([])
                if !line.isEmpty { unfolded.append(line) }
            }
            lines = unfolded
        }
        let parentIndent = yamlParentIndent(located)
        let indent: Int
        var indicator: Int?
        if let stated = scalar.indentationIndicator {
            guard let parentIndent else { return nil }
            indent = parentIndent + stated
            indicator = stated
        } else if let existing = scalar.contentIndent {
            indent = existing
        } else {
            indent = (parentIndent ?? lineIndent(scalar.start).count) + 2
        }
        // A first line that starts with a space would be taken for deeper indentation.
        if indicator == nil, let first = lines.first(where: { !$0.isEmpty }), first.first == 0x20 {
            guard let parentIndent, indent - parentIndent >= 1, indent - parentIndent <= 9 else { return nil }
            indicator = indent - parentIndent
        }
        let header = (isFolded ? ">" : "|") + (indicator.map(String.init) ?? "") + chomping
        var body: [UInt8] = []
        for (i, line) in lines.enumerated() {
            if i > 0 { body += lineEnding }
            if !line.isEmpty {
                body += repeatElement(UInt8(0x20), count: indent)
                body += line
            }
        }
        var replacements = [
            FrontmatterEdit.Replacement(range: SourceRange(scalar.start, scalar.headerEnd), text: header)
        ]
        if let contentStart = scalar.contentStart {
            if lines.isEmpty {
                replacements.append(.init(range: SourceRange(scalar.headerLineEnd, scalar.end), text: ""))
            } else {
                replacements.append(.init(range: SourceRange(contentStart, scalar.end), text: Self.string(body)))
            }
        } else if !lines.isEmpty {
            replacements.append(
                .init(
                    range: SourceRange(scalar.headerLineEnd, scalar.headerLineEnd), text: Self.string(lineEnding + body)
                ))
        }
        return FrontmatterEdit(replacements: replacements)
    }

    /// A one-line value in place of a block scalar: the header becomes the value and the content
    /// lines go; a comment on the header line stays.
    func inlineReplacingBlock(_ scalar: YAMLBlockScalar, with text: [UInt8]) -> FrontmatterEdit {
        var replacements = [
            FrontmatterEdit.Replacement(range: SourceRange(scalar.start, scalar.headerEnd), text: Self.string(text))
        ]
        if scalar.contentStart != nil {
            replacements.append(.init(range: SourceRange(scalar.headerLineEnd, scalar.end), text: ""))
        }
        return FrontmatterEdit(replacements: replacements)
    }

    /// The column a block scalar's indentation indicator counts from: its key's, or the `-` of
    /// its sequence entry.
    func yamlParentIndent(_ located: Located) -> Int? {
        if let entry = located.entry { return column(entry.keyRange.start) }
        var p = located.value.range.start
        let start = lineStart(p)
        while p > start && (bytes[p - 1] == 0x20 || bytes[p - 1] == Bytes.tab) { p -= 1 }
        return p > start && bytes[p - 1] == UInt8(ascii: "-") ? column(p - 1) : nil
    }

    // MARK: adding keys

    /// Where a `key: value` / `key = value` sits, for copying the separators around it.
    struct Statement {
        var keyStart: Int
        var keyEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    func yamlAddition(_ key: String, _ value: FrontmatterScalar, parent: Located, path: FrontmatterPath)
        throws(FrontmatterEditError) -> [FrontmatterEdit]
    {
        let table = parent.value
        let inFlow = parent.chain.contains(where: isFlowCollection)
        let texts = try valueTexts(
            value, style: neighbourStyle(for: value, in: table), oldWasString: false, inFlow: inFlow,
            breakAfterOpening: false, path: path)
        let keyText = ScalarWriter.yamlKey(key, inFlow: inFlow)
        if isFlowCollection(table) {
            return flowAddition(
                into: table, statements: flowStatements(table), key: keyText, valueTexts: texts,
                defaultKeySeparator: Array(": ".utf8))
        }
        guard let first = table.entries.first, let last = table.entries.last else {
            // Only the front matter itself can be an empty block mapping: it has no key yet.
            return texts.map { lineInsertion(at: block.contentRange.end, keyText + Array(": ".utf8) + $0) }
        }
        var position = startOfNextLine(after: max(last.keyRange.end, last.value.range.end))
        if last.value.style == .literal || last.value.style == .folded, yamlBlockScalar(last.value).keepsTrailingLines {
            // The empty lines after a `|+` scalar are part of its value.
            while position < block.contentRange.end && isBlankLine(at: position) {
                position = startOfNextLine(after: position)
            }
        }
        let indent = [UInt8](repeating: 0x20, count: column(first.keyRange.start))
        return texts.map { lineInsertion(at: position, indent + keyText + Array(": ".utf8) + $0) }
    }

    func tomlAddition(_ key: String, _ value: FrontmatterScalar, parent: Located, path: FrontmatterPath)
        throws(FrontmatterEditError) -> [FrontmatterEdit]
    {
        let texts = try valueTexts(
            value, style: neighbourStyle(for: value, in: parent.value), oldWasString: false, inFlow: false,
            breakAfterOpening: false, path: path)
        // A table made by dotted keys (`social.x = 1`) gets its new key as one more dotted key,
        // written in the table that holds the dotted keys.
        let chain = parent.chain
        var dotted = 0
        while dotted < chain.count - 1 && isTOMLDotted(chain[chain.count - 1 - dotted]) { dotted += 1 }
        var keyText: [UInt8] = []
        for component in path.dropLast().suffix(dotted) {
            if case .key(let name) = component { keyText += ScalarWriter.tomlKey(name) + [UInt8(ascii: ".")] }
        }
        keyText += ScalarWriter.tomlKey(key)
        let holder = chain[chain.count - 1 - dotted]
        if isTOMLInline(holder) {
            return flowAddition(
                into: holder, statements: tomlStatements(in: holder).statements, key: keyText,
                valueTexts: texts, defaultKeySeparator: Array(" = ".utf8))
        }
        let everything = tomlStatements(in: root)
        let anchor: Statement?
        let fallbackPosition: Int
        let fallbackIndent: [UInt8]
        if dotted > 0 {
            anchor = tomlStatements(in: parent.value).statements.last
            fallbackPosition = block.contentRange.end
            fallbackIndent = []
        } else if chain.count == 1 {
            // Top-level keys go before the first `[table]` header.
            let firstHeader = everything.headers.min() ?? block.contentRange.end
            anchor = everything.statements.last { $0.keyStart < firstHeader }
            fallbackPosition = block.contentRange.start
            fallbackIndent = []
        } else {
            let table = parent.value
            if table.entries.contains(where: { $0.value.range == table.range }) {
                throw .unsupported(
                    Array(path.dropLast()),
                    "the table is only implied by a longer header such as [\(Array(path.dropLast()).pathDescription).x]; give it a header of its own first"
                )
            }
            let sectionEnd = everything.headers.filter { $0 > table.range.start }.min() ?? block.contentRange.end
            anchor = everything.statements.last { $0.keyStart > table.range.end && $0.keyStart < sectionEnd }
            fallbackPosition = startOfNextLine(after: table.range.end)
            fallbackIndent = lineIndent(table.range.start)
        }
        let position = anchor.map { startOfNextLine(after: $0.valueEnd) } ?? fallbackPosition
        let indent = anchor.map { lineIndent($0.keyStart) } ?? fallbackIndent
        let separator = anchor.flatMap { keySeparator($0, symbol: UInt8(ascii: "=")) } ?? Array(" = ".utf8)
        return texts.map { lineInsertion(at: position, indent + keyText + separator + $0) }
    }

    /// Adds an entry to a `{…}` table (JSON object, YAML flow mapping, TOML inline table) after
    /// its last entry. The separator between entries and the spacing around `:` / `=` are copied
    /// from the table's own entries; entries one per line get the new one on a line of its own.
    func flowAddition(
        into table: FrontmatterValue, statements: [Statement], key: [UInt8], valueTexts: [[UInt8]],
        defaultKeySeparator: [UInt8]
    ) -> [FrontmatterEdit] {
        let open = table.range.start
        let close = table.range.end - 1
        guard let last = statements.last else {
            let inner = bytes[(open + 1)..<close]
            if inner.contains(where: { $0 == Bytes.lf || $0 == Bytes.cr }) {
                let indent = lineIndent(open) + Array("  ".utf8)
                return valueTexts.map { insertion(at: open + 1, lineEnding + indent + key + defaultKeySeparator + $0) }
            }
            let pad: [UInt8] = inner.isEmpty ? [] : [0x20]
            return valueTexts.map {
                FrontmatterEdit(replacements: [
                    .init(
                        range: SourceRange(open + 1, close),
                        text: Self.string(pad + key + defaultKeySeparator + $0 + pad))
                ])
            }
        }
        var separator = Array(", ".utf8)
        if statements.count >= 2,
            let copied = entrySeparator(from: statements[statements.count - 2].valueEnd, to: last.keyStart)
        {
            separator = copied
        } else if lineIndent(last.keyStart).count == last.keyStart - lineStart(last.keyStart) {
            separator = [UInt8(ascii: ",")] + lineEnding + lineIndent(last.keyStart)
        }
        let symbol = format == .toml ? UInt8(ascii: "=") : UInt8(ascii: ":")
        let keySeparator = keySeparator(last, symbol: symbol) ?? defaultKeySeparator
        return valueTexts.map { insertion(at: last.valueEnd, separator + key + keySeparator + $0) }
    }

    func flowStatements(_ table: FrontmatterValue) -> [Statement] {
        table.entries.map {
            Statement(
                keyStart: $0.keyRange.start, keyEnd: $0.keyRange.end, valueStart: $0.value.range.start,
                valueEnd: max($0.keyRange.end, $0.value.range.end))
        }
    }

    /// The `key = value` statements under a TOML table in file order, following dotted keys and
    /// headers, and where the `[table]` / `[[array]]` headers met on the way start.
    func tomlStatements(in table: FrontmatterValue) -> (statements: [Statement], headers: [Int]) {
        var statements: [Statement] = []
        var headers: [Int] = []
        func collect(_ table: FrontmatterValue) {
            for entry in table.entries {
                let value = entry.value
                if isTOMLHeader(value) {
                    headers.append(value.range.start)
                    collect(value)
                } else if case .array(let items) = value.kind, !items.isEmpty, items.allSatisfy(isTOMLHeader) {
                    for item in items {
                        headers.append(item.range.start)
                        collect(item)
                    }
                } else if isTOMLDotted(value) {
                    collect(value)
                } else {
                    statements.append(
                        Statement(
                            keyStart: entry.keyRange.start, keyEnd: entry.keyRange.end,
                            valueStart: value.range.start, valueEnd: value.range.end))
                }
            }
        }
        collect(table)
        return (statements.sorted { $0.keyStart < $1.keyStart }, headers)
    }

    /// A TOML table opened by a `[header]` (or `[[header]]`) line: the parser gives it the
    /// header's range. The root table is never asked.
    func isTOMLHeader(_ value: FrontmatterValue) -> Bool {
        guard case .table = value.kind, !value.range.isEmpty, bytes[value.range.start] == UInt8(ascii: "[") else {
            return false
        }
        return lineIndent(value.range.start).count == value.range.start - lineStart(value.range.start)
    }

    func isTOMLInline(_ value: FrontmatterValue) -> Bool {
        guard case .table = value.kind, !value.range.isEmpty else { return false }
        return bytes[value.range.start] == UInt8(ascii: "{")
    }

    /// A TOML table made by dotted keys: the parser gives it the range of its key part.
    func isTOMLDotted(_ value: FrontmatterValue) -> Bool {
        guard case .table = value.kind, !value.range.isEmpty, value.range != block.contentRange else { return false }
        return !isTOMLHeader(value) && !isTOMLInline(value)
    }

    /// How the table's neighbours spell the kind of value being added, so that the new line looks
    /// like them: for a date, the style of another date (an unquoted date when there is none);
    /// for a string, the style of the nearest string.
    func neighbourStyle(for value: FrontmatterScalar, in table: FrontmatterValue) -> ScalarStyle {
        let neighbours = table.entries.reversed() + root.entries.reversed()
        let quoting: [ScalarStyle] = [.plain, .singleQuoted, .doubleQuoted]
        switch value {
        case .date:
            for entry in neighbours {
                switch entry.value.kind {
                case .datetime: return .plain
                case .string(let text)
                where quoting.contains(entry.value.style) && YAMLResolve.isTimestamp(Array(text.utf8)):
                    return entry.value.style
                default: continue
                }
            }
            return .plain
        case .string:
            for entry in neighbours {
                if case .string = entry.value.kind, quoting.contains(entry.value.style) { return entry.value.style }
            }
            return format == .yaml ? .plain : .doubleQuoted
        default:
            return .plain
        }
    }

    // MARK: checking

    func firstVerified(
        _ candidates: [FrontmatterEdit], path: FrontmatterPath, expecting value: FrontmatterScalar,
        adding: Bool
    ) throws(FrontmatterEditError) -> FrontmatterEdit {
        var changedOthers = false
        for candidate in candidates {
            switch readBack(candidate, path: path, expecting: value, adding: adding) {
            case .holdsValue: return candidate
            case .changesOtherValues: changedOthers = true
            case .wrongValue: continue
            }
        }
        throw .cannotWrite(
            path,
            changedOthers
                ? "the edit would change other values too (a YAML alias of this value?)"
                : "no spelling of the value reads back as that value here")
    }

    enum ReadBack { case holdsValue, wrongValue, changesOtherValues }

    /// Parses the front matter with the edit applied.
    func readBack(_ edit: FrontmatterEdit, path: FrontmatterPath, expecting value: FrontmatterScalar, adding: Bool)
        -> ReadBack
    {
        let edited = edit.applied(to: bytes)
        guard let found = try? FrontmatterParser.detect(edited), found.format == block.format,
            edited[found.bodyStart...] == bytes[block.bodyStart...],
            let newRoot = try? FrontmatterParser.parse(edited, block: found),
            let written = Self.lookup(path[...], in: newRoot), Self.holds(written, value)
        else { return .wrongValue }
        return Self.sameExcept(root, newRoot, path[...], adding: adding) ? .holdsValue : .changesOtherValues
    }

    /// Whether a parsed value is the scalar written. A TOML multi-line string reads back with the
    /// file's CRLF line endings, which stand for the text's line feeds.
    static func holds(_ value: FrontmatterValue, _ scalar: FrontmatterScalar) -> Bool {
        switch (scalar, value.kind) {
        case (.string(let text), .string(let read)):
            return read == text || (!text.utf8.contains(Bytes.cr) && withLineFeeds(read) == text)
        case (.date(let text), .datetime(let read)), (.date(let text), .string(let read)):
            return read == text
        case (.integer(let i), .integer(let read)):
            return i == read
        case (.float(let d), .float(let read)):
            return d == read || (d.isNaN && read.isNaN)
        case (.bool(let b), .bool(let read)):
            return b == read
        default:
            return false
        }
    }

    static func withLineFeeds(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for (i, c) in utf8.enumerated() where !(c == Bytes.cr && i + 1 < utf8.count && utf8[i + 1] == Bytes.lf) {
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `new` holds the same data as `old` everywhere but at `path`: the replaced value,
    /// or for `adding` the key added at its end.
    static func sameExcept(
        _ old: FrontmatterValue, _ new: FrontmatterValue, _ path: ArraySlice<FrontmatterPathComponent>,
        adding: Bool
    ) -> Bool {
        guard let step = path.first else { return true }
        let rest = path.dropFirst()
        switch (step, old.kind, new.kind) {
        case (.key(let key), .table(let oldEntries), .table(var newEntries)):
            if adding && rest.isEmpty {
                guard let added = entryIndex(key, in: newEntries) else { return false }
                newEntries.remove(at: added)
                return sameEntries(oldEntries, newEntries)
            }
            guard let target = entryIndex(key, in: oldEntries), oldEntries.count == newEntries.count else {
                return false
            }
            for i in oldEntries.indices {
                guard oldEntries[i].key == newEntries[i].key else { return false }
                let same =
                    i == target
                    ? sameExcept(oldEntries[i].value, newEntries[i].value, rest, adding: adding)
                    : sameData(oldEntries[i].value, newEntries[i].value)
                if !same { return false }
            }
            return true
        case (.index(let index), .array(let oldItems), .array(let newItems)):
            guard oldItems.count == newItems.count, oldItems.indices.contains(index) else { return false }
            for i in oldItems.indices {
                let same =
                    i == index
                    ? sameExcept(oldItems[i], newItems[i], rest, adding: adding)
                    : sameData(oldItems[i], newItems[i])
                if !same { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Whether two values are the same data, wherever and however they are written.
    static func sameData(_ a: FrontmatterValue, _ b: FrontmatterValue) -> Bool {
        switch (a.kind, b.kind) {
        case (.string(let x), .string(let y)), (.datetime(let x), .datetime(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { sameData($0, $1) }
        case (.table(let x), .table(let y)): return sameEntries(x, y)
        default: return false
        }
    }

    static func sameEntries(_ x: [FrontmatterEntry], _ y: [FrontmatterEntry]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && sameData($0.value, $1.value) }
    }

    // MARK: bytes and lines

    static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func insertion(at position: Int, _ text: [UInt8]) -> FrontmatterEdit {
        FrontmatterEdit(replacements: [.init(range: SourceRange(position, position), text: Self.string(text))])
    }

    /// Inserts `line` as a line of its own at `position`, a line start; when the front matter's
    /// last line has no line break, the line goes after a new one.
    func lineInsertion(at position: Int, _ line: [UInt8]) -> FrontmatterEdit {
        let atLineStart = position == 0 || bytes[position - 1] == Bytes.lf || bytes[position - 1] == Bytes.cr
        return insertion(at: position, atLineStart ? line + lineEnding : lineEnding + line)
    }

    func lineStart(_ offset: Int) -> Int {
        var p = offset
        while p > 0 && bytes[p - 1] != Bytes.lf && bytes[p - 1] != Bytes.cr { p -= 1 }
        return p
    }

    func column(_ offset: Int) -> Int { offset - lineStart(offset) }

    /// The spaces and tabs that start the line holding `offset`.
    func lineIndent(_ offset: Int) -> [UInt8] {
        var p = lineStart(offset)
        var indent: [UInt8] = []
        while p < bytes.count && (bytes[p] == 0x20 || bytes[p] == Bytes.tab) {
            indent.append(bytes[p])
            p += 1
        }
        return indent
    }

    /// The start of the line after the one holding `offset`, at most the end of the front matter.
    func startOfNextLine(after offset: Int) -> Int {
        let end = block.contentRange.end
        var p = offset
        while p < end && bytes[p] != Bytes.lf && bytes[p] != Bytes.cr { p += 1 }
        if p < end && bytes[p] == Bytes.cr { p += 1 }
        if p < end && bytes[p] == Bytes.lf { p += 1 }
        return p
    }

    func isBlankLine(at offset: Int) -> Bool {
        var p = offset
        while p < bytes.count && (bytes[p] == 0x20 || bytes[p] == Bytes.tab) { p += 1 }
        return p < bytes.count && (bytes[p] == Bytes.lf || bytes[p] == Bytes.cr)
    }

    /// The bytes between two entries of a `{…}` table when they are only a comma and white space.
    func entrySeparator(from valueEnd: Int, to keyStart: Int) -> [UInt8]? {
        guard valueEnd <= keyStart else { return nil }
        let between = Array(bytes[valueEnd..<keyStart])
        let isWhite: (UInt8) -> Bool = { $0 == 0x20 || $0 == Bytes.tab || $0 == Bytes.lf || $0 == Bytes.cr }
        guard between.filter({ $0 == UInt8(ascii: ",") }).count == 1,
            between.allSatisfy({ $0 == UInt8(ascii: ",") || isWhite($0) })
        else { return nil }
        return between
    }

    /// The bytes between a key and its value when they are only `symbol` (`:` or `=`) and spaces
    /// on one line.
    func keySeparator(_ statement: Statement, symbol: UInt8) -> [UInt8]? {
        guard statement.keyEnd <= statement.valueStart else { return nil }
        let between = Array(bytes[statement.keyEnd..<statement.valueStart])
        guard between.filter({ $0 == symbol }).count == 1,
            between.allSatisfy({ $0 == symbol || $0 == 0x20 || $0 == Bytes.tab })
        else { return nil }
        return between
    }
}
