import TWCCore
import TWCMarkdown
import TWCSite

/// `number-mismatch`: a number in the prose of a section of a translation that changed from the
/// source's aligned section (a percentage, a year, an amount, a count).
public struct NumberMismatchRule: Rule {
    public init() {}
    public let id = "number-mismatch"
    public let severity = Severity.warning
    public let summary =
        "A number in the prose of an aligned section differs from the source's: a percentage, a year, an amount or a count that changed."
    public let rationale = """
        Figures are facts: when the source's percentage, price, year or count is updated and the \
        translation keeps the old one, readers of that language are told something false. The \
        numbers of the text are compared (not those of code, links, HTML or shortcodes), as the \
        language writes them: `73,5` is `73.5`, `1.000`, `1,000` and `1 000` are `1000`, `53 %` is \
        `53%`, `1.5 million`, `150万` and `1,5 miljoen` are `1500000`, `12K` is `12000`, ordinals \
        and the parts of dates are plain numbers, a version (`2.26.0`) is compared whole. Times of \
        day (`7:30 pm`, `19.30 uur`), month numbers (`11月`), numbers with a leading zero and \
        numbers up to 10 (often written as words) are left out. Only a changed number is \
        reported: in a pair of aligned sections, as many source numbers without their equal in \
        the translation as translation numbers of the same kind (a year, a percentage, an amount, \
        another number) without their equal in the source, paired in order; a number the other \
        version has in another section (moved, or sections aligned by place alone) is not \
        changed.
        """
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "Numbers written the language's way, as words, in code",
            files: [
                (
                    "content/p.md",
                    "## Results\n\nIn 2024, 73.5% of our 1,250 members voted: the 1st vote passed with 12 votes "
                        + "and a budget of €2,500.50.\n"
                ),
                (
                    "content/p.nl.md",
                    "## Resultaten\n\nIn 2024 stemde 73,5 % van onze 1.250 leden: de 1e stemming haalde twaalf "
                        + "stemmen en een budget van € 2.500,50. Zie `poort 8080`.\n"
                ),
            ]),
        RuleExample(
            "Scales and times written another way, a number moved to another section",
            files: [
                (
                    "content/p.md",
                    "## Growth\n\nWe reached 1.5 million users, 12K stars and 300,000 downloads.\n\n"
                        + "## Meetings\n\nWe meet at 7:30 pm, in room 204.\n"
                ),
                (
                    "content/p.nl.md",
                    "## Groei\n\nWe bereikten 1,5 miljoen gebruikers, 12.000 sterren en 30 万 downloads. We zitten in "
                        + "zaal 204.\n\n## Bijeenkomsten\n\nWe komen samen om 19.30 uur.\n"
                ),
            ]),
        RuleExample(
            "The source's percentage was updated",
            files: [
                ("content/p.md", "## Results\n\nOf our members, 73.5% voted.\n"),
                ("content/p.nl.md", "## Resultaten\n\nVan onze leden stemde 75,3 %.\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:23",
                    "section \"Resultaten\" says 75,3 % where the en version says 73.5%; check the number"
                )
            ]),
        RuleExample(
            "A year and an amount that differ",
            files: [
                ("content/p.md", "## History\n\nFounded in 2019; membership costs $1,200 a year.\n"),
                ("content/p.nl.md", "## Geschiedenis\n\nOpgericht in 2018; lidmaatschap kost $ 1.500 per jaar.\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:14",
                    "section \"Geschiedenis\" says 2018 where the en version says 2019; check the number"
                ),
                .init(
                    "content/p.nl.md:3:38",
                    "section \"Geschiedenis\" says $ 1.500 where the en version says $1,200; check the number"
                ),
            ]),
    ]

    struct Number {
        enum Kind { case year, percentage, amount, other }
        /// Normalised: `1000`, `73.5`.
        var value: String
        var kind: Kind
        /// As written, with its `%` or currency.
        var written: String
        var range: SourceRange
    }

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        // A page of a file mounted for several languages is its source's file: nothing differs.
        guard let source = site.sourcePage(of: page), source.index != page.index, source.path != page.path,
            let alignment = site.alignment(of: page), site.config.lint.requires(page.language, page.logicalPath),
            AlignedSections.shortened(alignment, source: source) == nil
        else { return }
        let mine = Self.numbers(of: page)
        guard !mine.isEmpty else { return }
        let theirs = Self.numbers(of: source)
        guard !theirs.isEmpty else { return }
        let pairs = AlignedSections.pairs(alignment)
        let unaligned = AlignedSections.unaligned(pairs, source: source, translation: page)
        let unmatched =
            pairs.map { Self.unmatched(mine[$0.translation] ?? [], theirs[$0.source] ?? []) }
            + unaligned.source.map { ([], theirs[$0] ?? []) } + unaligned.translation.map { (mine[$0] ?? [], []) }
        // A number left in one section that another section of the other version has is not a
        // changed number (moved, or sections aligned by place alone).
        let left = AlignedSections.withoutMoved(unmatched, key: \.value)
        for ((_, translationSection), (changed, original)) in zip(pairs, left) {
            guard !changed.isEmpty, !original.isEmpty else { continue }
            let name = AlignedSections.name(of: translationSection, in: page)
            for kind in [Number.Kind.year, .percentage, .amount, .other] {
                let numbers = changed.filter { $0.kind == kind }
                let counterparts = original.filter { $0.kind == kind }
                // As many on each side: the same numbers, changed; otherwise the text differs more
                // (a sentence added or left out, numbers written as words).
                guard numbers.count == counterparts.count else { continue }
                for (number, counterpart) in zip(numbers, counterparts) {
                    diagnostics.append(
                        diagnostic(
                            page, number.range,
                            "\(name) says \(number.written) where the \(source.language) version says "
                                + "\(counterpart.written); check the number",
                            related: [note(source, counterpart.range, "the \(source.language) number")]))
                }
            }
        }
    }

    /// The numbers of each side without an equal on the other side, in order.
    static func unmatched(_ here: [Number], _ there: [Number]) -> (here: [Number], there: [Number]) {
        var hereCounts: [String: Int] = [:]
        for number in here { hereCounts[number.value, default: 0] += 1 }
        var thereCounts: [String: Int] = [:]
        for number in there { thereCounts[number.value, default: 0] += 1 }
        func left(_ numbers: [Number], _ counts: [String: Int]) -> [Number] {
            var counts = counts
            return numbers.filter { number in
                guard let count = counts[number.value], count > 0 else { return true }
                counts[number.value] = count - 1
                return false
            }
        }
        return (left(here, thereCounts), left(there, hereCounts))
    }

    /// Shortcodes whose inner content is code or data, not prose.
    static let codeShortcodes: Set<String> = [
        "highlight", "code", "codeblock", "code-block", "output", "terminal", "console", "command", "shell",
        "snippet", "readfile", "mermaid", "math", "katex", "chart", "echarts", "raw", "html", "svg", "diagram",
        "plantuml", "asciinema",
    ]

    /// The numbers of a page's prose by section, in order: one walk of the body, text only (code,
    /// HTML, shortcodes, images, autolinked URLs and what shortcodes of code enclose left out).
    static func numbers(of page: Page) -> [Int: [Number]] {
        var hidden = page.hiddenRanges
        let shortcodes = page.parsed.shortcodes
        for tag in shortcodes where !tag.isClosing && !tag.isComment {
            if let partner = tag.partner, codeShortcodes.contains(tag.name.lowercased()) {
                hidden.append(SourceRange(tag.range.end, shortcodes[partner].range.start))
            }
        }
        let skipped = RangeLookup(hidden)
        let bytes = page.source.bytes
        var found: [Number] = []
        // The run of text being gathered: pieces of text (a node's range and value) and
        // separators, decoded only when a piece has a digit.
        var pieces: [(range: SourceRange, value: ArraySlice<UInt8>?, separator: Unicode.Scalar)] = []
        var hasDigit = false
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        func flush() {
            defer {
                pieces.removeAll(keepingCapacity: true)
                hasDigit = false
            }
            guard hasDigit else { return }
            scalars.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            for piece in pieces {
                guard let value = piece.value else {
                    scalars.append(piece.separator)
                    offsets.append(-1)
                    continue
                }
                // Offsets into the file when the value is its source (no escapes or entities).
                var verbatim =
                    piece.range.end - piece.range.start == value.count
                    && bytes[piece.range.start..<piece.range.end].elementsEqual(value)
                var offset = piece.range.start
                var iterator = value.makeIterator()
                var decoder = UTF8()
                decoding: while true {
                    switch decoder.decode(&iterator) {
                    case .scalarValue(let scalar):
                        scalars.append(scalar)
                        offsets.append(offset)
                        if verbatim { offset += UTF8.width(scalar) }
                    case .error:
                        // Not UTF-8 (`invalid-utf8`'s): later offsets are no longer known exactly.
                        scalars.append("\u{FFFD}")
                        offsets.append(offset)
                        verbatim = false
                    case .emptyInput:
                        break decoding
                    }
                }
            }
            scan(scalars, offsets, into: &found)
        }
        func separate(_ separator: Unicode.Scalar = "\u{FFFC}") {
            pieces.append((SourceRange(0, 0), nil, separator))
        }
        var blocks: [MarkdownNode] = [page.parsed.body]
        while let block = blocks.popLast() {
            // A block without a digit in its source has no number.
            guard bytes[block.range.start..<block.range.end].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else {
                continue
            }
            // The inline content of a block is one run of text; blocks inside it are walked after.
            var inlines: [MarkdownNode] = block.children.reversed()
            while let node = inlines.popLast() {
                if let value = node.textBytes {
                    guard
                        !skipped.contains(node.range.start)
                    else {
                        separate()
                        continue
                    }
                    if !hasDigit { hasDigit = value.contains { $0 >= 0x30 && $0 <= 0x39 } }
                    pieces.append((node.range, value, " "))
                    continue
                }
                switch node.kind {
                case .softBreak, .hardBreak:
                    separate(" ")
                case .emphasis, .strong, .strikethrough:
                    inlines.append(contentsOf: node.children.reversed())
                case .link(_, _, let style):
                    if style == .autolink || style == .linkify {
                        separate()
                    } else {
                        inlines.append(contentsOf: node.children.reversed())
                    }
                case .codeSpan, .htmlInline, .image, .shortcode, .footnoteReference:
                    separate()
                case .codeBlock, .htmlBlock, .linkReferenceDefinition, .thematicBreak:
                    flush()
                default:
                    flush()
                    blocks.append(node)
                }
            }
            flush()
        }
        var result: [Int: [Number]] = [:]
        for number in found.sorted(by: { $0.range.start < $1.range.start }) {
            result[PageHeading.section(at: number.range.start, headings: page.headings), default: []].append(number)
        }
        return result
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value >= 0x41 && scalar.value <= 0x5A { return Unicode.Scalar(scalar.value + 0x20)! }
        if scalar.isASCII { return scalar }
        return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    /// A space, a no-break space, a narrow or thin no-break space.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\u{2009}"
    }

    /// A letter of a script that writes spaces between words (joined to a digit it makes a word:
    /// `v1`, `H2O`); CJK characters stand next to numbers in prose.
    static func isWordLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x2E80 && scalar.properties.isAlphabetic
    }

    static let currencySymbols: Set<Unicode.Scalar> = [
        "$", "€", "£", "¥", "₹", "₽", "₩", "₺", "₪", "₫", "฿", "₴", "₦", "₱", "₲", "₡",
    ]
    static let currencyCodes: Set<String> = [
        "EUR", "USD", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "INR", "CNY", "RMB", "BRL", "MXN", "SEK", "NOK",
        "DKK", "PLN", "CZK", "HUF", "RUB", "TRY", "ZAR", "KRW", "SGD", "HKD",
    ]
    static let percentWords = ["percent", "per cent", "procent", "prozent", "pour cent", "por ciento", "per cento"]

    /// Words (lower case) and signs that multiply a number: `1.5 million`, `150万`, `7.3K`, with
    /// the power of ten; longest first. Single letters only right after the digits.
    static let scales: [(word: String, exponent: Int)] = [
        ("milliarden", 9), ("milliarde", 9), ("milliards", 9), ("milliard", 9), ("миллионов", 6),
        ("millionen", 6), ("millones", 6), ("миллиона", 6), ("thousand", 3), ("billions", 9), ("millions", 6),
        ("миллион", 6), ("billion", 9), ("miljard", 9), ("miljoen", 6), ("million", 6), ("duizend", 3),
        ("tausend", 3), ("milhões", 6), ("milhão", 6), ("millón", 6), ("milione", 6), ("milioni", 6),
        ("crore", 7), ("mille", 3), ("lakh", 5), ("млрд", 9), ("mio", 6), ("mln", 6), ("mrd", 9), ("млн", 6),
        ("тыс", 3), ("mil", 3), ("bn", 9), ("百万", 6), ("万", 4), ("萬", 4), ("億", 8), ("亿", 8), ("千", 3),
    ]

    /// Words after a time of day: `19.30 uur`, `7 pm`.
    static let timeWords = [
        "a.m.", "p.m.", "heures", "heure", "horas", "hora", "uur", "uhr", "hrs", "am", "pm", "hr", "ore", "u", "h", "時",
        "点", "ч",
    ]
    /// Words between the two numbers of a range: `19.30 tot 20.30`, `500-600 thousand`.
    static let rangeWords = ["-", "–", "—", "~", "〜", "～", "to", "tot", "bis", "à", "a", "até", "до", "至"]

    /// A number as found in a run of text, before the scale of a range is settled.
    struct Found {
        var value: String
        var exponent: Int
        var kind: Number.Kind
        /// The digits (and the sign of a scale, a currency, a percentage) in the run.
        var span: Range<Int>
        /// Where the digits end.
        var digitsEnd: Int
        /// `1.2.3`: compared as written.
        var isVersion = false
    }

    /// The numbers of one run of text, appended to `numbers` (with their places in the file).
    static func scan(_ text: [Unicode.Scalar], _ offsets: [Int], into numbers: inout [Number]) {
        let count = text.count
        func digitsEnd(_ start: Int) -> Int {
            var end = start
            while end < count, isDigit(text[end]) { end += 1 }
            return end
        }
        /// The lower-case text at `index` is `word`, not followed by a letter.
        func word(_ word: String, at index: Int) -> Bool {
            var position = index
            for scalar in word.unicodeScalars {
                guard position < count, text[position] == scalar || lowercased(text[position]) == scalar else {
                    return false
                }
                position += 1
            }
            let ideographic = word.unicodeScalars.first.map { $0.value >= 0x2E80 } ?? false
            return ideographic || position >= count || !isWordLetter(text[position])
        }
        func skipSpace(_ index: Int) -> Int { index < count && isSpace(text[index]) ? index + 1 : index }
        /// `HH.MM` or `HH:MM` at `index`: where it ends.
        func clock(at index: Int) -> Int? {
            let end = digitsEnd(index)
            guard end > index, end - index <= 2, end + 2 < count, [":", ".", "h"].contains(text[end]),
                isDigit(text[end + 1]), isDigit(text[end + 2]), end + 3 >= count || !isDigit(text[end + 3]),
                let hours = Int(String(String.UnicodeScalarView(text[index..<end]))), hours <= 24,
                let minutes = Int(String(String.UnicodeScalarView(text[(end + 1)...(end + 2)]))), minutes <= 59
            else { return nil }
            return end + 3
        }
        /// A word of time follows (`uur`, `pm`), possibly after a range to another time.
        func timeFollows(_ index: Int) -> Bool {
            var position = skipSpace(index)
            if timeWords.contains(where: { word($0, at: position) }) { return true }
            guard let connector = rangeWords.first(where: { word($0, at: position) }) else { return false }
            position = skipSpace(position + connector.unicodeScalars.count)
            guard let end = clock(at: position) else { return false }
            position = skipSpace(end)
            return timeWords.contains(where: { word($0, at: position) })
        }
        var found: [Found] = []
        var index = 0
        while index < count {
            guard isDigit(text[index]) else {
                index += 1
                continue
            }
            // Digits in a word or an identifier (`v1.2`, `H2O`, `x86_64`, `COVID-19`) are not a number
            // of the prose.
            if index > 0,
                isWordLetter(text[index - 1]) || text[index - 1] == "_"
                    || ((text[index - 1] == "-" || text[index - 1] == ".") && index > 1
                        && isWordLetter(text[index - 2]))
            {
                while index < count,
                    isDigit(text[index]) || isWordLetter(text[index]) || "._-".unicodeScalars.contains(text[index])
                {
                    index += 1
                }
                continue
            }
            let firstEnd = digitsEnd(index)
            // Times of day (`7:30`, `19.30 uur`, `10h30`, `7 pm`), which languages write in other
            // ways, and month numbers (`11月`), which others write as names.
            if let end = clock(at: index), text[firstEnd] != "." || timeFollows(end) {
                index = end
                continue
            }
            if firstEnd - index <= 2, Int(String(String.UnicodeScalarView(text[index..<firstEnd])))! <= 24,
                timeWords.contains(where: { word($0, at: skipSpace(firstEnd)) })
            {
                index = firstEnd
                continue
            }
            if firstEnd < count, text[firstEnd] == "月" {
                index = firstEnd + 1
                continue
            }
            // Groups of digits and the separators between them: `1.234,5`, `1 000`, `12.05.2023`.
            var groups: [Range<Int>] = [index..<firstEnd]
            var separators: [Unicode.Scalar] = []
            var end = firstEnd
            while end + 1 < count, isDigit(text[end + 1]) {
                let separator = text[end]
                guard separator == "," || separator == "." || separator == "'" || isSpace(separator) else { break }
                let next = (end + 1)..<digitsEnd(end + 1)
                if isSpace(separator) || separator == "'" {
                    // Only as a thousands separator: `1 000`, `10 000 000`.
                    guard next.count == 3, groups[0].count <= 3,
                        separators.allSatisfy({ isSpace($0) || $0 == "'" })
                    else { break }
                }
                separators.append(separator)
                groups.append(next)
                end = next.upperBound
            }
            let digits = groups.map { Array(text[$0]) }
            // `0600`, `007`: a time or a code.
            if separators.isEmpty, digits[0].count > 1, digits[0][0] == "0" {
                index = end
                continue
            }
            guard let value = value(digits, separators: separators) else {
                let isDate =
                    groups.count == 3
                    && [digits[0], digits[2]].contains {
                        $0.count == 4 && (1900...2100).contains(Int(integer($0)) ?? 0)
                    }
                    && digits.filter { $0.count <= 2 }.count == 2
                if isDate {
                    // The parts of a date are numbers of their own.
                    for (group, part) in zip(groups, digits) {
                        let value = integer(part)
                        let kind: Number.Kind =
                            part.count == 4 && (1900...2100).contains(Int(value) ?? 0) ? .year : .other
                        found.append(
                            Found(value: value, exponent: 0, kind: kind, span: group, digitsEnd: group.upperBound))
                    }
                } else {
                    found.append(
                        Found(
                            value: digits.map(integer).joined(separator: "."), exponent: 0, kind: .other,
                            span: index..<end, digitsEnd: end, isVersion: true))
                }
                index = end
                continue
            }
            var start = index
            var kind: Number.Kind =
                separators.isEmpty && digits[0].count == 4 && (1900...2100).contains(Int(value) ?? 0) ? .year : .other
            // A currency or percent sign before (`$5`, `€ 5`, Turkish `%53`).
            var before = start - 1
            if before >= 0, isSpace(text[before]) { before -= 1 }
            if before >= 0, currencySymbols.contains(text[before]) {
                kind = .amount
                start = before
            } else if before >= 0, text[before] == "%" || text[before] == "％" {
                kind = .percentage
                start = before
            } else if before >= 2,
                currencyCodes.contains(String(String.UnicodeScalarView(text[(before - 2)...before])))
            {
                kind = .amount
            }
            let digitsEnd = end
            // A scale (`1.5 million`, `150万`, `12M`, `7.3K`).
            var exponent = 0
            if end < count, text[end] == "K" || text[end] == "k" || text[end] == "M",
                end + 1 >= count || !isWordLetter(text[end + 1])
            {
                exponent = text[end] == "M" ? 6 : 3
                end += 1
            } else if let scale = scales.first(where: { word($0.word, at: skipSpace(end)) }) {
                exponent = scale.exponent
                end = skipSpace(end) + scale.word.unicodeScalars.count
            }
            // A percent or currency sign or code after.
            let after = skipSpace(end)
            if after < count, text[after] == "%" || text[after] == "‰" || text[after] == "％" {
                kind = .percentage
                end = after + 1
            } else if after < count, currencySymbols.contains(text[after]) {
                kind = .amount
                end = after + 1
            } else if kind != .amount {
                let rest = String(String.UnicodeScalarView(text[after..<min(count, after + 10)]))
                if currencyCodes.contains(String(rest.prefix(3))),
                    rest.unicodeScalars.dropFirst(3).first.map({ !isWordLetter($0) }) ?? true
                {
                    kind = .amount
                } else if percentWords.contains(where: { rest.lowercased().hasPrefix($0) }) {
                    kind = .percentage
                }
            }
            found.append(Found(value: value, exponent: exponent, kind: kind, span: start..<end, digitsEnd: digitsEnd))
            index = max(end, index + 1)
        }
        // A range shares its scale: `500-600 thousand`, `1.5–2 million`.
        for position in found.indices.dropLast().reversed()
        where found[position].exponent == 0 && found[position + 1].exponent != 0 {
            let between = String(
                String.UnicodeScalarView(text[found[position].span.upperBound..<found[position + 1].span.lowerBound])
            ).trimmingSpaces.lowercased()
            if rangeWords.contains(between) { found[position].exponent = found[position + 1].exponent }
        }
        for number in found {
            let value = number.isVersion ? number.value : scaled(number.value, number.exponent)
            // Small counts are often written as words or are list numbers.
            if number.kind == .other, !number.isVersion, !value.contains("."), let small = Int(value), small <= 10 {
                continue
            }
            let located = text.indices[number.span].filter { offsets[$0] >= 0 }
            guard let first = located.first, let last = located.last else { continue }
            numbers.append(
                Number(
                    value: value, kind: number.kind, written: String(String.UnicodeScalarView(text[number.span])),
                    range: SourceRange(offsets[first], offsets[last] + UTF8.width(text[last]))))
        }
    }

    /// `value` (`1.5`) times ten to the `exponent` (`1500000`).
    static func scaled(_ value: String, _ exponent: Int) -> String {
        guard exponent > 0 else { return value }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Array(parts[0].unicodeScalars)
        var fraction = parts.count > 1 ? Array(parts[1].unicodeScalars) : []
        while fraction.count < exponent { fraction.append("0") }
        return decimal(whole + fraction[..<exponent], Array(fraction[exponent...]))
    }

    /// The value of a number written in groups of digits with `separators` between them: `1.000`,
    /// `1,000` and `1 000` are `1000` (a separator before exactly three digits is a thousands
    /// separator, unless the number starts with `0`), `73,5` is `73.5`, `1.234,5` is `1234.5`. Nil
    /// when the groups are not one number (`1.2.3`, `12.05.2023`).
    static func value(_ groups: [[Unicode.Scalar]], separators: [Unicode.Scalar]) -> String? {
        guard let first = groups.first else { return nil }
        if separators.isEmpty { return integer(first) }
        let thousandsGroups = groups.dropFirst().allSatisfy { $0.count == 3 }
        if Set(separators).count == 1 {
            let separator = separators[0]
            if thousandsGroups, first.count <= 3, first != ["0"] || isSpace(separator) || separator == "'" {
                return integer(groups.flatMap { $0 })
            }
            if groups.count == 2, separator == "," || separator == "." { return decimal(first, groups[1]) }
            return nil
        }
        // Thousands separators, then a decimal mark: `1.234,56`, `1,234.56`, `1 234,56`.
        guard let mark = separators.last, mark == "," || mark == ".", first.count <= 3,
            Set(separators.dropLast()).count == 1, separators.first != mark,
            groups.dropFirst().dropLast().allSatisfy({ $0.count == 3 })
        else { return nil }
        return decimal(groups.dropLast().flatMap { $0 }, groups[groups.count - 1])
    }

    static func integer(_ digits: [Unicode.Scalar]) -> String {
        let significant = digits.drop { $0 == "0" }
        return significant.isEmpty ? "0" : String(String.UnicodeScalarView(significant))
    }

    static func decimal(_ whole: [Unicode.Scalar], _ fraction: [Unicode.Scalar]) -> String {
        var fraction = fraction
        while fraction.last == "0" { fraction.removeLast() }
        return integer(whole) + (fraction.isEmpty ? "" : "." + String(String.UnicodeScalarView(fraction)))
    }
}
