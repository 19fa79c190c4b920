import TWCCore
import TWCSite

/// `frontmatter-syntax`: front matter that cannot be parsed.
public struct FrontmatterSyntaxRule: Rule {
    public init() {}
    public let id = "frontmatter-syntax"
    public let severity = Severity.error
    public let summary = "Front matter that cannot be parsed (YAML, TOML or JSON); the body is still linted."
    public let rationale = "Hugo refuses to build a page whose front matter it cannot read; the error says what was expected where."
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample("A page starting with a shortcode is read as JSON front matter", triggers: true, at: "content/p.md:1",
                    files: [("content/p.md", "{{< button href=\"join\" >}}\nJoin\n{{< /button >}}\n")]),
        RuleExample("Valid YAML", triggers: false, files: [("content/p.md", "---\ntitle: \"Over ons\"\n---\n")]),
        RuleExample("Unterminated string", triggers: true, at: "content/p.md:2", files: [("content/p.md", "---\ntitle: \"Over ons\n---\n")]),
        RuleExample("No closing delimiter", triggers: true, at: "content/p.md:1", files: [("content/p.md", "---\ntitle: Over\n\nText.\n")]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard let error = page.parsed.frontmatterError else { return }
        let prefix = page.parsed.frontmatterBlock.map { "\($0.format.rawValue.uppercased()) front matter: " } ?? ""
        diagnostics.append(diagnostic(page, error.range, prefix + error.message))
    }
}

/// `shortcode-syntax`: a shortcode tag Hugo cannot lex or pair.
public struct ShortcodeSyntaxRule: Rule {
    public init() {}
    public let id = "shortcode-syntax"
    public let severity = Severity.error
    public let summary = "A malformed or unmatched shortcode tag (`{{< x >}}`, `{{% x %}}`, closing and comment forms)."
    public let rationale = """
        Hugo fails the build on these; the message is Hugo's, with the exact position. Whether a \
        shortcode must be closed is decided by its template (does it use `.Inner`?), read from the \
        project's and theme's `layouts/shortcodes/` and Hugo's built-ins; with a theme that is not on \
        disk (a Hugo module) only the syntax is checked.
        """
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        // (A page must not start with `{`: Hugo would read it as JSON front matter.)
        RuleExample("Paired button", triggers: false, files: [("content/p.md", "Hi\n\n{{< button href=\"join\" >}}\nJoin\n{{</button >}}\n")]),
        RuleExample("Unterminated parameter", triggers: true, at: "content/p.md:3", files: [("content/p.md", "Hi\n\n{{< button href=\"join >}}\n")]),
        RuleExample("Closing tag without opening tag", triggers: true, at: "content/p.md:2", files: [("content/p.md", "Text\n{{< /button >}}\n")]),
        RuleExample("A paired built-in shortcode never closed", triggers: true, at: "content/p.md:3", files: [("content/p.md", "Text\n\n{{< details summary=\"More\" >}}\nHidden.\n")]),
        RuleExample("A standalone built-in shortcode given a closing tag", triggers: true, at: "content/p.md:3",
                    files: [("content/p.md", "Text\n\n{{< youtube abc >}}{{< /youtube >}}\n")]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        for problem in page.parsed.problems {
            diagnostics.append(diagnostic(page, problem.range, problem.message))
        }
        // Pairing needs the templates (hugo-semantics §5.2): known when the project and its themes are on disk.
        guard let templates = site.config.shortcodeTemplates else { return }
        for shortcode in page.parsed.shortcodes where !shortcode.isComment {
            let name = shortcode.name.lowercased()
            guard let usesInner = templates[name] ?? (name.hasSuffix(".inline") ? true : nil) else {
                if !shortcode.isClosing {
                    diagnostics.append(diagnostic(page, shortcode.range,
                        "template for shortcode \"\(shortcode.name)\" not found (looked in layouts/shortcodes/, layouts/_shortcodes/ and the theme's)"))
                }
                continue
            }
            if shortcode.isClosing, !usesInner {
                diagnostics.append(diagnostic(page, shortcode.range,
                    "shortcode \"\(shortcode.name)\" does not evaluate .Inner, yet a closing tag was provided; remove the closing tag"))
            } else if !shortcode.isClosing, !shortcode.isSelfClosing, usesInner, shortcode.partner == nil {
                diagnostics.append(diagnostic(page, shortcode.range,
                    "shortcode \"\(shortcode.name)\" must be closed or self-closed: add {{\(shortcode.delimiter.rawValue) /\(shortcode.name) \(shortcode.delimiter == .angle ? ">" : "%")}}"))
            }
        }
    }
}

/// `invalid-utf8`: bytes that are not UTF-8.
public struct InvalidUTF8Rule: Rule {
    public init() {}
    public let id = "invalid-utf8"
    public let severity = Severity.error
    public let summary = "Bytes that are not valid UTF-8 (a file saved in another encoding)."
    public let rationale = "Hugo reads content as UTF-8; other bytes show up as replacement characters on the site."
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        // A triggering example needs invalid bytes, which a Swift string cannot hold: see InvalidUTF8RuleTests.
        RuleExample("UTF-8", triggers: false, files: [("content/p.md", "Café\n")]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        let bytes = page.source.bytes
        var index = 0
        var reported = 0
        while index < bytes.count, reported < 20 {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length = MojibakeScanner.scalarLength(at: index, in: bytes)
            if length > 1, index + length <= bytes.count, String(validating: bytes[index..<index + length], as: UTF8.self) != nil {
                index += length
                continue
            }
            // U+FFFD itself is valid UTF-8; only undecodable bytes get here.
            var end = index + 1
            while end < bytes.count, bytes[end] >= 0x80, MojibakeScanner.decode(at: end, in: bytes) == nil { end += 1 }
            let hex = bytes[index..<min(end, index + 4)].map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            diagnostics.append(diagnostic(page, SourceRange(index, end),
                                          "invalid UTF-8 (bytes \(hex)); save the file as UTF-8"))
            reported += 1
            index = end
        }
    }
}
