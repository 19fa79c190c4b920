import TWCCore

/// Finds runs of Windows-1252 mis-decoded UTF-8, byte by byte.
public enum MojibakeScanner {
    public struct Run: Equatable, Sendable {
        public var range: SourceRange
        public var repaired: String
    }

    public static func runs(in bytes: [UInt8], skipping skipped: [SourceRange] = []) -> [Run] {
        var result: [Run] = []
        var skipIndex = 0
        let sortedSkips = skipped.sorted { $0.start < $1.start }
        var index = 0
        var current: (start: Int, end: Int, bytes: [UInt8], sequences: Int, needsCompany: Bool)?
        func flush() {
            if let run = current, !(run.needsCompany && run.sequences < 2) {
                result.append(
                    Run(range: SourceRange(run.start, run.end), repaired: String(decoding: run.bytes, as: UTF8.self)))
            }
            current = nil
        }
        while index < bytes.count {
            while skipIndex < sortedSkips.count, sortedSkips[skipIndex].end <= index { skipIndex += 1 }
            if skipIndex < sortedSkips.count, sortedSkips[skipIndex].start <= index {
                flush()
                index = sortedSkips[skipIndex].end
                continue
            }
            if bytes[index] < 0x80 {
                flush()
                index += 1
                continue
            }
            if let sequence = sequence(at: index, in: bytes) {
                if current == nil || current!.end != index {
                    flush()
                    current = (index, index, [], 0, true)
                }
                current!.end = sequence.end
                current!.bytes += sequence.original
                current!.sequences += 1
                if !sequence.needsCompany { current!.needsCompany = false }
                index = sequence.end
            } else {
                flush()
                index += scalarLength(at: index, in: bytes)
            }
        }
        flush()
        return result
    }

    /// One mis-decoded character starting at `start`: its end, the original UTF-8 bytes, and
    /// whether it only counts next to another one (scripts where a lone match is too weak).
    static func sequence(at start: Int, in bytes: [UInt8]) -> (end: Int, original: [UInt8], needsCompany: Bool)? {
        guard let (leadScalar, leadLength) = decode(at: start, in: bytes), let lead = windows1252Byte(leadScalar) else {
            return nil
        }
        let continuationCount: Int
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0...0xEF: continuationCount = 2
        case 0xF0...0xF4: continuationCount = 3
        default: return nil
        }
        var original = [lead]
        var position = start + leadLength
        for _ in 0..<continuationCount {
            guard let (scalar, length) = decode(at: position, in: bytes), let byte = windows1252Byte(scalar),
                byte >= 0x80, byte <= 0xBF
            else { return nil }
            original.append(byte)
            position += length
        }
        guard let decoded = String(validating: original, as: UTF8.self), let scalar = decoded.unicodeScalars.first
        else { return nil }
        let value = scalar.value
        switch lead {
        case 0xC2: return (0xA0...0xBF).contains(value) ? (position, original, false) : nil
        case 0xC3, 0xC4, 0xC5: return (position, original, false)
        case 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3: return (position, original, true)
        case 0xE2:
            let plausible =
                (0x2000...0x206F).contains(value) || (0x20A0...0x20CF).contains(value)
                || (0x2100...0x214F).contains(value)
            return plausible ? (position, original, false) : nil
        case 0xE3...0xEF: return (position, original, true)
        case 0xF0: return value >= 0x1F000 ? (position, original, false) : nil
        default: return nil
        }
    }

    /// The Windows-1252 byte a scalar comes from (Latin-1 for the bytes Windows-1252 leaves undefined).
    static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value >= 0x80 && value <= 0xFF { return UInt8(value) }
        return windows1252Specials[value]
    }

    static let windows1252Specials: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// Decodes one UTF-8 scalar; nil for ASCII or invalid bytes.
    static func decode(at index: Int, in bytes: [UInt8]) -> (Unicode.Scalar, Int)? {
        guard index < bytes.count, bytes[index] >= 0x80 else { return nil }
        let length = scalarLength(at: index, in: bytes)
        guard length > 1, index + length <= bytes.count,
            let text = String(validating: bytes[index..<index + length], as: UTF8.self),
            let scalar = text.unicodeScalars.first
        else { return nil }
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
