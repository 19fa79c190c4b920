import TWCCore

/// Stable identities of findings for code-review tools (SARIF `partialFingerprints`, GitLab Code
/// Quality `fingerprint`), which match a finding with the same finding of an earlier run to tell
/// new findings from old ones.
///
/// A fingerprint is a hash of the rule, the path as the report shows it, the message and the
/// finding's occurrence among findings with the same three in report order (0 for the first), so
/// that it survives lines added above the finding, while identical findings in one file still
/// get distinct fingerprints. It is 128 bits written as 32 lowercase hexadecimal digits: two 64-bit
/// FNV-1a hashes from different offset bases, each finished with MurmurHash3's `fmix64` so that
/// every digit depends on every input byte. Not a cryptographic hash: it only names findings.
enum Fingerprint {
    /// The hash of `fields`, each length-prefixed so that ("ab", "c") and ("a", "bc") differ.
    static func hex128(_ fields: [String]) -> String {
        var first = FNV1a(basis: 0xcbf2_9ce4_8422_2325)
        var second = FNV1a(basis: 0x6c62_272e_07bb_0142)
        for field in fields {
            let bytes = Array(String(field.utf8.count).utf8) + [UInt8(ascii: ":")] + Array(field.utf8)
            first.add(bytes)
            second.add(bytes)
        }
        return hex(fmix64(first.value)) + hex(fmix64(second.value))
    }

    /// 16 lowercase hexadecimal digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    struct FNV1a {
        var value: UInt64

        init(basis: UInt64) { value = basis }

        mutating func add(_ bytes: [UInt8]) {
            for byte in bytes {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01b3
            }
        }
    }

    static func fmix64(_ input: UInt64) -> UInt64 {
        var value = input
        value ^= value >> 33
        value = value &* 0xff51_afd7_ed55_8ccd
        value ^= value >> 33
        value = value &* 0xc4ce_b9fe_1a85_ec53
        value ^= value >> 33
        return value
    }

    /// Fingerprints of `diagnostics` (in the order given, which should be report order), each
    /// with its path as the report shows it.
    static func of(_ diagnostics: [Diagnostic], paths: [String]) -> [String] {
        var seen: [[String]: Int] = [:]
        return zip(diagnostics, paths).map { diagnostic, path in
            let key = [diagnostic.ruleID, path, diagnostic.message]
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            return hex128(key + [String(occurrence)])
        }
    }
}

/// Paths written as URI references (SARIF `artifactLocation.uri`).
enum URIReference {
    /// `path` percent-encoded byte by byte: every byte but the unreserved characters (letters,
    /// digits, `-._~`) and `/` is written `%XX`, so spaces, non-ASCII letters, `%`, `#`, `?` and
    /// a `:` that would read as a scheme are all encoded. An absolute path becomes a `file:` URI.
    static func encode(_ path: String) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.append(byte)
            default:
                output += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        let encoded = String(decoding: output, as: UTF8.self)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
