import TWCCore
import TWCSite

/// `invalid-utf8`: bytes that are not UTF-8.
public struct InvalidUTF8Rule: Rule {
    public init() {}
    public let id = "invalid-utf8"
    public let severity = Severity.error
    public let summary = "Bytes that are not valid UTF-8 (a file saved in another encoding)."
    public let rationale = "Hugo reads content as UTF-8; other bytes show up as replacement characters on the site."
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample("UTF-8", files: [("content/p.md", "Café\n")]),
        RuleExample(
            "A page saved as Latin-1",
            byteFiles: [
                (
                    "content/p.md",
                    Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n\nCaf".utf8) + [0xE9, 0x20, 0xE0]
                        + Array(" la carte\n".utf8)
                )
            ],
            findings: [
                .init("content/p.md:2:11", "invalid UTF-8 (bytes E9); save the file as UTF-8"),
                .init("content/p.md:5:4", "invalid UTF-8 (bytes E9); save the file as UTF-8"),
                .init("content/p.md:5:6", "invalid UTF-8 (bytes E0); save the file as UTF-8"),
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        let bytes = page.source.bytes
        var index = 0
        var reported = 0
        while index < bytes.count, reported < 20 {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = MojibakeScanner.scalarLength(at: index, in: bytes)
            if length > 1, index + length <= bytes.count,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            {
                index += length
                continue
            }
            // U+FFFD itself is valid UTF-8; only undecodable bytes get here.
            var end = index + 1
            while end < bytes.count, bytes[end] >= 0x80, MojibakeScanner.decode(at: end, in: bytes) == nil { end += 1 }
            let hex = bytes[index..<min(end, index + 4)].map { String($0, radix: 16, uppercase: true) }.joined(
                separator: " ")
            diagnostics.append(
                diagnostic(
                    page, SourceRange(index, end),
                    "invalid UTF-8 (bytes \(hex)); save the file as UTF-8"))
            reported += 1
            index = end
        }
    }
}
