/// Whether a character is one that text uses, for the character a sequence repairs to.
enum Plausibility {
    case plausible
    /// Assigned, but rare in text (IPA, archaic letters, Syriac…): needs more evidence.
    case rare
    case invalid
}

/// Lookup tables over the code pages, and the character classes the evidence test uses.
final class MojibakeTables: Sendable {
    static let shared = MojibakeTables()

    /// For scalars below `directLimit`: the slot of the scalar, or -1 when no code page has it.
    private let directSlots: [Int16]
    private let otherSlots: [UInt32: Int]
    /// Per slot: the code pages (bit = raw value) where it is a UTF-8 lead byte (C2–F4) / a
    /// continuation byte (80–BF).
    let leadMask: [UInt32]
    let contMask: [UInt32]
    /// `bytes[slot * pageCount + page]`: the byte of the slot's scalar in that page, 0 if none.
    private let bytes: [UInt8]
    private static let directLimit: UInt32 = 0x2600
    private static let pageCount = CodePage.allCases.count

    private init() {
        var scalars: [UInt32] = []
        var slotOf: [UInt32: Int] = [:]
        var pageBytes: [[UInt8]] = []
        for page in CodePage.allCases {
            for offset in 0..<128 {
                let value = UInt32(CodePage.highHalves[page.rawValue * 128 + offset])
                guard value != 0 else { continue }
                let slot: Int
                if let existing = slotOf[value] {
                    slot = existing
                } else {
                    slot = scalars.count
                    slotOf[value] = slot
                    scalars.append(value)
                    pageBytes.append([UInt8](repeating: 0, count: Self.pageCount))
                }
                if pageBytes[slot][page.rawValue] == 0 { pageBytes[slot][page.rawValue] = UInt8(0x80 + offset) }
            }
        }
        var direct = [Int16](repeating: -1, count: Int(Self.directLimit))
        var other: [UInt32: Int] = [:]
        var lead = [UInt32](repeating: 0, count: scalars.count)
        var cont = [UInt32](repeating: 0, count: scalars.count)
        var flat = [UInt8](repeating: 0, count: scalars.count * Self.pageCount)
        for (slot, value) in scalars.enumerated() {
            if value < Self.directLimit { direct[Int(value)] = Int16(slot) } else { other[value] = slot }
            for page in 0..<Self.pageCount {
                let byte = pageBytes[slot][page]
                flat[slot * Self.pageCount + page] = byte
                if byte >= 0xC2 && byte <= 0xF4 { lead[slot] |= 1 << UInt32(page) }
                if byte >= 0x80 && byte <= 0xBF { cont[slot] |= 1 << UInt32(page) }
            }
        }
        directSlots = direct
        otherSlots = other
        leadMask = lead
        contMask = cont
        bytes = flat
    }

    @inline(__always)
    func slot(_ scalar: UInt32) -> Int {
        if scalar < 0x80 { return -1 }
        if scalar < Self.directLimit { return Int(directSlots[Int(scalar)]) }
        return otherSlots[scalar] ?? -1
    }

    /// The byte `scalar` is in `page`, for non-ASCII scalars the page has.
    @inline(__always)
    func byte(_ scalar: UInt32, _ page: CodePage) -> UInt8? {
        let slot = slot(scalar)
        guard slot >= 0 else { return nil }
        let byte = bytes[slot * Self.pageCount + page.rawValue]
        return byte == 0 ? nil : byte
    }

    /// The scalar `byte` decodes to in `page` (0 when undefined).
    func decode(_ byte: UInt8, _ page: CodePage) -> UInt32 {
        byte < 0x80 ? UInt32(byte) : UInt32(CodePage.highHalves[page.rawValue * 128 + Int(byte) - 0x80])
    }

    // MARK: - Character classes

    enum Script: Equatable {
        case latin, greek, cyrillic, hebrew, arabic, other
    }

    enum Kind: Equatable {
        case upper(Script)
        case lower(Script)
        case caseless(Script)
        case mark, c1, space, softHyphen
        case opening, closing, dash, ellipsis, middleDot, bullet, joiner
        case superscriptTwoThree, numeric, currency, symbol, math, box, other

        var isLetter: Bool {
            switch self {
            case .upper, .lower, .caseless: return true
            default: return false
            }
        }
        var isLowercaseLetter: Bool {
            if case .lower = self { return true }
            return false
        }
        var script: Script? {
            switch self {
            case .upper(let script), .lower(let script), .caseless(let script): return script
            default: return nil
            }
        }
    }

    /// `classify` of every scalar below U+3000, computed once: the scanner asks for kinds of the
    /// letters around each candidate, and the general category behind them is costly to look up.
    private static let kinds: [Kind] = (0..<0x3000).map { classify(UInt32($0)) }

    static func kind(_ value: UInt32) -> Kind {
        value < 0x3000 ? kinds[Int(value)] : classify(value)
    }

    private static func classify(_ value: UInt32) -> Kind {
        switch value {
        case 0x80...0x9F: return .c1
        case 0xA0, 0x2007, 0x202F: return .space
        case 0xAD: return .softHyphen
        // „ ‚ ¡ ¿ only open; the other quotes close a word in some language (German „…“, »…«).
        case 0x201A, 0x201E, 0xA1, 0xBF: return .opening
        // (The acute accent `´` is typed as an apostrophe or closing quote: `lá´´`.)
        case 0x2018, 0x2019, 0x201C, 0x201D, 0xAB, 0xBB, 0x2039, 0x203A, 0xB4: return .closing
        case 0x60C, 0x61B, 0x61F, 0x6D4: return .closing  // Arabic comma, semicolon, question mark, full stop
        case 0x2013, 0x2014, 0x2015: return .dash
        case 0x2026: return .ellipsis
        case 0xB7, 0x2219: return .middleDot
        case 0x2022: return .bullet
        case 0x200B...0x200F: return .joiner
        case 0xB2, 0xB3: return .superscriptTwoThree
        case 0xB9, 0xBC, 0xBD, 0xBE, 0xB1, 0xD7, 0xF7, 0xB0, 0xB5, 0xAA, 0xBA, 0x2030, 0x2116, 0x207F: return .numeric
        case 0xA2, 0xA3, 0xA4, 0xA5, 0x20AC, 0x20A7, 0x20AA, 0x20AB, 0x20AF: return .currency
        case 0xA9, 0xAE, 0x2122, 0xA7, 0xB6, 0xA6, 0xA8, 0xAC, 0xAF, 0xB8, 0x192, 0x2C6, 0x2DC, 0x2C7, 0x2D8,
            0x2D9, 0x2DA, 0x2DB, 0x2DD, 0x2020, 0x2021, 0x25CA, 0x2044, 0xF8FF, 0x2017, 0x2310, 0x384, 0x385:
            return .symbol
        case 0x221A, 0x2202, 0x2206, 0x220F, 0x2211, 0x222B, 0x221E, 0x2248, 0x2260, 0x2264, 0x2265, 0x2261, 0x2229,
            0x2320, 0x2321:
            return .math
        case 0x2500...0x25FF: return .box
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return .other }
        let properties = scalar.properties
        let script = script(value)
        switch properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: return .upper(script)
        case .lowercaseLetter: return .lower(script)
        case .otherLetter, .modifierLetter: return .caseless(script)
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: return .other
        }
    }

    static func script(_ value: UInt32) -> Script {
        switch value {
        case 0xC0...0x24F, 0x1E00...0x1EFF, 0xFB00...0xFB06: return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F: return .cyrillic
        case 0x590...0x5FF: return .hebrew
        case 0x600...0x6FF: return .arabic
        default: return .other
        }
    }

    /// Letters that follow a lead character only in mojibake (`ÑŒ`, `Ãœ`, `Ñƒ`).
    static func isMojibakeLetterAfterLead(_ value: UInt32) -> Bool {
        switch value {
        case 0x160, 0x161, 0x152, 0x153, 0x17D, 0x17E, 0x178: return true
        default: return false
        }
    }

    /// The characters of bytes C2 and C3 in the Latin code pages (`Â` `Ã`, `Ā` `Ă` `Ć`): the leads of
    /// every Latin-1 character's mojibake, and never followed by symbols or accented letters in text.
    static func isAHat(_ value: UInt32) -> Bool {
        value == 0xC2 || value == 0xC3 || value == 0x100 || value == 0x102 || value == 0x106
    }

    /// Lead characters of Windows-1252 mojibake that text never follows with a non-ASCII letter.
    static func isMojibakeLead(_ value: UInt32) -> Bool {
        switch value {
        case 0xC2, 0xC3, 0xC4, 0xC5, 0xCE, 0xCF, 0xD0, 0xD1, 0xD8, 0xD9: return true
        default: return false
        }
    }

    /// How unlikely `a` directly followed by `b` is in correct text: 0 (common) to 3 (never).
    /// `wordEnd`: `b` ends the word.
    static func pairScore(_ a: UInt32, _ b: UInt32, trailing: Bool) -> Int {
        let first = kind(a)
        let second = kind(b)
        if first == .c1 || second == .c1 { return 3 }
        if first.isLetter {
            let upper: Bool
            if case .upper = first { upper = true } else { upper = false }
            switch second {
            case .upper(let script), .lower(let script), .caseless(let script):
                // `Ã`, `Â` before any accented letter; the Scandinavian, Cyrillic and Greek leads only
                // before letters their languages never put there (`HÅØYA` is Norwegian).
                if a == 0xC2 || a == 0xC3, b >= 0xC0 || isMojibakeLetterAfterLead(b) { return 2 }
                if isMojibakeLead(a) && isMojibakeLetterAfterLead(b) { return 2 }
                if script != first.script { return 2 }
                if case .upper = second, !upper { return 1 }
                return 0
            case .mark, .joiner: return 0
            // `Â` is never followed by an invisible space; `à` is common mojibake (`Ã` + NBSP).
            case .space: return a == 0xC2 ? 2 : isAHat(a) ? 1 : 0
            case .softHyphen: return isAHat(a) ? 2 : 0
            // A middle dot or a closing « does not end a word in `Ã` or `Â` (`Ã·` is `÷`, `ZoÃ«` `Zoë`).
            case .middleDot where isAHat(a): return 2
            case .closing where b == 0xAB && trailing: return 1
            // An apostrophe inside a word: `Ç’a`, `М’ясо`.
            case .closing where b == 0x2019 && !trailing: return 0
            case .closing, .dash, .ellipsis, .middleDot:
                if trailing { return a == 0xC2 ? 2 : 0 }
                return upper ? 2 : 1
            case .bullet: return 1
            // Units write `m²`, `м²`; accented Latin letters are not units (`à²` is Kannada mojibake).
            case .superscriptTwoThree: return upper || first.script == .latin ? 2 : 0
            // A brand's ™ or ® ends a word (`NICIODATĂ™`, `AHÅ™`); a pound sign after a capital
            // is stylised text (`MÄ£ÄM`) except after `Ã` and `Â`.
            case .symbol where (b == 0x2122 || b == 0xAE) && trailing: return 0
            case .currency where upper && !isAHat(a): return 1
            case .opening, .numeric, .currency, .symbol, .math, .box: return 2
            case .c1: return 3
            case .other: return 1
            }
        }
        switch first {
        case .box: return second == .box ? 0 : 2
        // `√π`, `∑µ` are mathematics; `√©`, `√º` are MacRoman mojibake.
        // `√π`, `∑µ` are mathematics; `√©`, `√º` are MacRoman mojibake (√ is its `Ã`); other
        // operators before a symbol are weaker (`∆°`).
        case .math: return second.script == .greek || b == 0xB5 ? 0 : a == 0x221A ? 2 : 1
        // `“×”`, `5×£35`, `¬´` in a text face: symbols together are weaker evidence.
        case .numeric, .currency, .symbol, .superscriptTwoThree:
            switch second {
            case .closing, .dash, .ellipsis: return trailing ? 0 : 1
            case .numeric, .currency, .symbol, .superscriptTwoThree: return 1
            default: return 2
            }
        case .mark, .joiner: return second.isLetter || second == .mark || second == .joiner ? 0 : 2
        case .bullet: return second == .bullet ? 0 : 2
        case .space:
            switch second {
            case .upper, .lower, .caseless, .mark, .joiner, .opening, .closing, .dash, .ellipsis, .space: return 0
            case .math, .box: return 2
            default: return 1
            }
        case .opening, .closing, .dash, .ellipsis, .middleDot, .softHyphen:
            switch second {
            case .upper, .lower, .caseless, .mark, .joiner: return 0
            case .opening, .closing, .dash, .ellipsis, .middleDot: return first == second ? 0 : 1
            case .math, .numeric, .currency, .symbol, .box: return 2
            default: return 1
            }
        default:
            return 1
        }
    }

    /// Punctuation that can end a word: closing quotes, dashes, ellipses, dots, bullets.
    static func isTrailingPunctuation(_ value: UInt32) -> Bool {
        if value == 0x2122 || value == 0xAE { return true }  // a brand's ™, ®
        switch kind(value) {
        case .closing, .dash, .ellipsis, .middleDot, .bullet, .space: return true
        default: return false
        }
    }

    /// The combining accents of decomposed (NFD) Latin text: grave, acute, circumflex, tilde,
    /// macron, breve, dot, diaeresis, hook, ring, double acute, caron, horn, dot below, cedilla, ogonek.
    static func isCommonCombiningAccent(_ value: UInt32) -> Bool {
        switch value {
        case 0x300...0x304, 0x306...0x30C, 0x31B, 0x323, 0x327, 0x328: return true
        default: return false
        }
    }

    /// Whether `neighbour` is written in the same East Asian or Armenian script as `value`.
    static func sameRareScript(_ neighbour: UInt32, _ value: UInt32) -> Bool {
        if isEastAsian(value) { return isEastAsian(neighbour) }
        if (0x531...0x58A).contains(value) { return (0x531...0x58A).contains(neighbour) }
        return neighbour >> 7 == value >> 7  // the same 128-character block (an Indic script, Thai…)
    }

    /// Scripts whose characters come in words, not alone among Latin text: Chinese, Japanese,
    /// Korean, Armenian, Hebrew, Arabic, the Indic and South-East Asian scripts, Georgian, Ethiopic.
    static func needsCompany(_ value: UInt32) -> Bool {
        switch value {
        case 0x531...0x58A, 0x5B0...0x6FF, 0x900...0x109F, 0x10A0...0x10FF, 0x1200...0x139F, 0x1780...0x17FF:
            return true
        default: return isEastAsian(value)
        }
    }

    /// Chinese, Japanese and Korean characters (what most three-byte sequences decode to).
    static func isEastAsian(_ value: UInt32) -> Bool {
        switch value {
        case 0x3000...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF: return true
        default: return false
        }
    }

    static func isASCIILetter(_ value: UInt32) -> Bool {
        (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    /// Characters that do not belong inside a word written in Latin letters.
    static func isForeignToLatin(_ value: UInt32, boxes: Bool) -> Bool {
        switch kind(value) {
        case .box, .math: return boxes
        case .upper(let script), .lower(let script), .caseless(let script):
            return script == .greek || script == .cyrillic || script == .hebrew || script == .arabic
        default: return false
        }
    }

    static func isUpperLetter(_ value: UInt32) -> Bool {
        if case .upper = kind(value) { return value >= 0x80 }
        return false
    }

    /// Letters, digits and marks: characters that continue a word.
    static func isWordCharacter(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        let kind = kind(value)
        return kind.isLetter || kind == .mark
    }

    /// The punctuation whose mojibake is most common: quotes, dashes, ellipsis, bullet, euro, ™.
    static func isCommonPunctuation(_ value: UInt32) -> Bool {
        switch value {
        case 0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030,
            0x2039, 0x203A, 0x20AC, 0x2122:
            return true
        default: return false
        }
    }

    /// Whether a repaired character is one text uses.
    static func plausibility(_ value: UInt32) -> Plausibility {
        guard let scalar = Unicode.Scalar(value) else { return .invalid }
        switch scalar.properties.generalCategory {
        case .unassigned: return .invalid
        // A Latin, Hebrew or Arabic combining mark alone: plausible only after a letter it belongs
        // to (see `sequences`). The vowel signs of Indic and South-East Asian scripts are not.
        case .nonspacingMark,
            .enclosingMark
        where value < 0x900 || (0x1AB0...0x1DFF).contains(value)
            || (0x20D0...0x20FF).contains(value) && value != 0x20E3 || (0xFE20...0xFE2F).contains(value):
            return .rare
        default: break
        }
        switch value {
        case 0x80...0x9F: return .plausible  // an intermediate step of text misread twice
        case 0x17F: return .rare  // long s
        case 0xA0...0x17E: return .plausible
        // ƒ, Vietnamese ơ ư, pinyin, Romanian ș ț, and the letters of Azerbaijani and African
        // orthographies (Ə ə Ɛ ɛ Ɔ ɔ Ɲ ɲ Ʒ ʒ).
        case 0x192, 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0x1CD...0x1DC, 0x218...0x21B, 0x18F, 0x259, 0x190, 0x25B, 0x186,
            0x254, 0x19D, 0x272, 0x1B7, 0x292:
            return .plausible
        case 0x180...0x2AF: return .rare
        case 0x2BB, 0x2BC, 0x2C6, 0x2C7, 0x2C8, 0x2CC, 0x2D0, 0x2D8...0x2DD: return .plausible
        case 0x2B0...0x2FF: return .rare
        case 0x300...0x36F: return .rare  // a combining accent: decomposed text, or a misreading
        case 0x384...0x3CE: return .plausible
        case 0x370...0x3FF: return .rare
        case 0x400...0x45F, 0x490...0x4FF: return .plausible
        case 0x460...0x48F, 0x500...0x52F: return .rare
        // Armenian, Hebrew points and letters, Arabic (not cantillation marks, Quranic signs).
        case 0x531...0x58A, 0x5B0...0x5F4, 0x60C...0x60F, 0x61B...0x6FF: return .plausible
        case 0x700...0x7FF: return .rare
        case 0x900...0xDFF, 0xE00...0xEFF, 0xF00...0xFFF, 0x1000...0x109F, 0x10A0...0x10FF, 0x1200...0x139F,
            0x1780...0x17FF:
            return .plausible
        case 0x1E00...0x1FFF, 0x2000...0x206F, 0x2070...0x209F, 0x20A0...0x20C0, 0x20E3, 0x2100...0x23FF,
            0x2460...0x27BF, 0x27F0...0x27FF, 0x2900...0x297F, 0x2B00...0x2BFF:
            return .plausible
        case 0x3000...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFB00...0xFB06,
            0xFE00...0xFE0F, 0xFE30...0xFE4F, 0xFF01...0xFFEF:
            return .plausible
        case 0xD800...0xDFFF, 0xE000...0xF8FF, 0xFDD0...0xFDEF, 0xFFFE, 0xFFFF: return .invalid
        case 0x1F000...0x1FAFF, 0xE0000...0xE007F: return .plausible
        case 0xF0000...: return .invalid
        default: return .rare
        }
    }
}
