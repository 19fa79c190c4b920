import TWCCore
import TWCSite

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
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        // (A page must not start with `{`: Hugo would read it as JSON front matter.)
        RuleExample(
            "Paired button", files: [("content/p.md", "Hi\n\n{{< button href=\"join\" >}}\nJoin\n{{</button >}}\n")]),
        RuleExample(
            "A commented-out pair in a code block: the comment runs to the next */>}}",
            files: [
                (
                    "content/p.md",
                    "Write it like this:\n\n```\n{{</* details summary=\"More\" >}}\nHidden.\n{{< /details */>}}\n```\n"
                )
            ]),
        RuleExample(
            "Shortcodes of a theme imported as a Hugo module that is not on disk",
            files: [
                (
                    "hugo.toml",
                    ExampleSite.configuration + "[[module.imports]]\n  path = \"github.com/example/docs-theme\"\n"
                ),
                ("content/p.md", "Text\n\n{{< callout >}}\nUnknown to twc-lint, so not reported.\n{{< /callout >}}\n"),
            ]),
        RuleExample(
            "Hugo's built-in privacy variants of the embed shortcodes",
            files: [
                ("content/p.md", "Watch:\n\n{{< vimeo_simple 48912912 >}}\n\n{{< x_simple user=\"a\" id=\"1\" >}}\n")
            ]),
        RuleExample(
            "A template that mentions .Inner only in a comment",
            files: [
                ("layouts/shortcodes/note.html", "{{/* no .Inner here */}}<aside>{{ .Get \"text\" }}</aside>\n"),
                ("content/p.md", "Text\n\n{{< note text=\"Stands alone.\" >}}\n"),
            ]),
        RuleExample(
            "Unterminated parameter", files: [("content/p.md", "Hi\n\n{{< button href=\"join >}}\n")],
            findings: [
                .init("content/p.md:3:17", "unterminated quoted string in shortcode parameter: add the closing '\"'")
            ]),
        RuleExample(
            "Closing tag without opening tag", files: [("content/p.md", "Text\n{{< /button >}}\n")],
            findings: [
                .init("content/p.md:2:1", "got closing shortcode 'button', but none is open")
            ]),
        RuleExample(
            "A paired built-in shortcode never closed",
            files: [("content/p.md", "Text\n\n{{< details summary=\"More\" >}}\nHidden.\n")],
            findings: [
                .init("content/p.md:3:1", "shortcode \"details\" must be closed or self-closed: add {{< /details >}}")
            ]),
        RuleExample(
            "A standalone built-in shortcode given a closing tag",
            files: [("content/p.md", "Text\n\n{{< youtube abc >}}{{< /youtube >}}\n")],
            findings: [
                .init(
                    "content/p.md:3:20",
                    "shortcode \"youtube\" does not evaluate .Inner, yet a closing tag was provided; remove the closing tag"
                )
            ]),
    ]

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        for problem in page.parsed.problems {
            diagnostics.append(diagnostic(page, problem.range, problem.message))
        }
        // Pairing needs the templates (hugo-behaviour §5.2, §8.3), as the layouts component read them.
        let layouts = site.layouts
        for shortcode in page.parsed.shortcodes where !shortcode.isComment {
            let name = shortcode.name.lowercased()
            let usesInner: Bool
            if name.hasSuffix(".inline") {
                usesInner = true
            } else if let template = layouts.shortcode(name) {
                // A built-in may be overridden by a theme that is not on disk; an unreadable
                // template is unknown.
                guard template.file != nil || layouts.missingThemes.isEmpty, let known = template.usesInner else {
                    continue
                }
                usesInner = known
            } else {
                if !shortcode.isClosing, layouts.knowsAllTemplates {
                    let folders = layouts.folders.map { $0.path + "/" }.joined(separator: ", ")
                    diagnostics.append(
                        diagnostic(
                            page, shortcode.range,
                            "template for shortcode \"\(shortcode.name)\" not found (looked in shortcodes/ and _shortcodes/ of "
                                + "\(folders) and Hugo's built-in shortcodes); Hugo stops the build"))
                }
                continue
            }
            if shortcode.isClosing, !usesInner {
                diagnostics.append(
                    diagnostic(
                        page, shortcode.range,
                        "shortcode \"\(shortcode.name)\" does not evaluate .Inner, yet a closing tag was provided; remove the closing tag"
                    ))
            } else if !shortcode.isClosing, !shortcode.isSelfClosing, usesInner, shortcode.partner == nil {
                diagnostics.append(
                    diagnostic(
                        page, shortcode.range,
                        "shortcode \"\(shortcode.name)\" must be closed or self-closed: add {{\(shortcode.delimiter.rawValue) /\(shortcode.name) \(shortcode.delimiter == .angle ? ">" : "%")}}"
                    ))
            }
        }
    }
}
