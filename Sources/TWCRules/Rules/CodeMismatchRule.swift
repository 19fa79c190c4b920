import TWCCore
import TWCMarkdown
import TWCSite

/// `code-mismatch`: the code blocks of aligned sections differ between a translation and its
/// source: another number of blocks, or the same code with one or two numbers changed (a
/// version, a port; what translators change, comments, strings and words, is left out).
public struct CodeMismatchRule: Rule {
    public init() {}
    public let id = "code-mismatch"
    public let severity = Severity.warning
    public let summary =
        "The code blocks of aligned sections differ: a block in one version only, or code whose numbers (a version, a port) changed."
    public let rationale = """
        Code in a translation is the source's code: when the source's example is updated and the \
        translation keeps the old one, readers of that language copy outdated code. Translators \
        rightly translate comments, the text inside string literals and the words of markup and \
        values, and adapt examples, so the comparison keeps only the numbers of the code and \
        reports the same code with one or two numbers changed (a version, a port); blocks of plain \
        text or program output (`text`, `console` …) are compared by count only.
        """
    public let fixAvailability = FixAvailability.none
    public let fixBehavior: String? = nil
    public let examples: [RuleExample] = [
        RuleExample(
            "Translated comments and strings",
            files: [
                (
                    "content/p.md",
                    "## Run\n\n```sh\n# start the server\nhugo server --port 1313 # local\necho \"Ready\"\n```\n"
                ),
                (
                    "content/p.nl.md",
                    "## Starten\n\n```sh\n# start de server\nhugo server  --port 1313 # lokaal\necho \"Klaar\"\n```\n"
                ),
            ]),
        RuleExample(
            "The source's example was updated",
            files: [
                ("content/p.md", "## Run\n\n```sh\nhugo server --port 1414\n```\n"),
                ("content/p.nl.md", "## Starten\n\n```sh\nhugo server --port 1313\n```\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:1",
                    "code block 1 of section \"Starten\" differs from the en version's in its numbers (a version, a port, a size); bring the code in line with it"
                )
            ]),
        RuleExample(
            "A code block in the source only",
            files: [
                ("content/p.md", "## Run\n\n```sh\nhugo\n```\n\nOr:\n\n```sh\nhugo server\n```\n"),
                ("content/p.nl.md", "## Starten\n\n```sh\nhugo\n```\n"),
            ],
            findings: [
                .init(
                    "content/p.nl.md:3:1",
                    "section \"Starten\" has 1 code block here but 2 in the en version; add the missing one"
                )
            ]),
    ]

    struct Block {
        var range: SourceRange
        var info: String
        var code: String
    }

    public func check(page: Page, in site: SiteModel, into diagnostics: inout [Diagnostic]) {
        guard let source = site.sourcePage(of: page), source.index != page.index,
            let alignment = site.alignment(of: page), site.config.lint.requires(page.language, page.logicalPath),
            AlignedSections.shortened(alignment, source: source) == nil
        else { return }
        let mine = Self.blocks(of: page)
        let theirs = Self.blocks(of: source)
        guard !mine.isEmpty || !theirs.isEmpty else { return }
        for (sourceSection, translationSection) in AlignedSections.pairs(alignment) {
            let here = mine[translationSection] ?? []
            let there = theirs[sourceSection] ?? []
            let name = AlignedSections.name(of: translationSection, in: page)
            if here.count != there.count {
                let anchor =
                    translationSection == 0
                    ? SourceRange(page.parsed.bodyRange.lowerBound, page.parsed.bodyRange.lowerBound)
                    : page.headings[translationSection - 1].range
                let related =
                    there.first.map { [note(source, $0.range, "the \(source.language) code")] }
                    ?? [
                        note(
                            source, sourceSection == 0 ? SourceRange(0, 0) : source.headings[sourceSection - 1].range,
                            "the \(source.language) section")
                    ]
                diagnostics.append(
                    diagnostic(
                        page, here.first?.range ?? anchor,
                        "\(name) has \(Self.count(here.count)) here but "
                            + "\(there.count) in the \(source.language) version; "
                            + (here.count < there.count
                                ? "add the missing one" : "remove the extra one or add it there"),
                        related: related))
                continue
            }
            for (offset, (block, counterpart)) in zip(here, there).enumerated() {
                guard block.code != counterpart.code, Self.isCode(block.info) || Self.isCode(counterpart.info),
                    Self.changedNumbers(
                        Self.numbers(Self.normalized(block.code, info: block.info)),
                        Self.numbers(Self.normalized(counterpart.code, info: counterpart.info)))
                else { continue }
                diagnostics.append(
                    diagnostic(
                        page, block.range,
                        "code block \(offset + 1) of \(name) differs from the \(source.language) version's in its "
                            + "numbers (a version, a port, a size); bring the code in line with it",
                        related: [note(source, counterpart.range, "the \(source.language) code")]))
            }
        }
    }

    /// The numbers of normalised code, in order (`1.2.0` is 1, 2, 0; `8080`). What else
    /// translators adapt in examples (their structure, symbols) is too often deliberate to report.
    static func numbers(_ normalized: String) -> [Substring] {
        normalized.split(whereSeparator: { !$0.isASCII || !$0.isNumber })
    }

    /// The same code with one or two of its numbers changed: a version bumped, a port moved.
    /// Blocks whose numbers differ more (sample output: timestamps, ids, sizes) or whose numbers
    /// are not in the same places are not reported.
    static func changedNumbers(_ mine: [Substring], _ theirs: [Substring]) -> Bool {
        guard mine.count == theirs.count else { return false }
        let changed = zip(mine, theirs).filter { $0 != $1 }.count
        return changed >= 1 && changed <= 2 && changed * 4 <= max(mine.count, 4)
    }

    static func count(_ number: Int) -> String { number == 1 ? "1 code block" : "\(number) code blocks" }

    /// The code blocks of a page by section.
    static func blocks(of page: Page) -> [Int: [Block]] {
        var result: [Int: [Block]] = [:]
        page.parsed.body.walk { node in
            if node.isText { return false }
            if case .codeBlock(_, let info, let literal) = node.kind {
                let language = String(info.prefix { !$0.isWhitespace && $0 != "{" && $0 != "," }).lowercased()
                result[PageHeading.section(at: node.range.start, headings: page.headings), default: []].append(
                    Block(range: node.range, info: language, code: literal))
                return false
            }
            return true
        }
        return result
    }

    /// Blocks of text or output are not code: their words may be translated.
    static func isCode(_ info: String) -> Bool {
        !["", "text", "txt", "plaintext", "plain", "output", "log", "md", "markdown", "console"].contains(info)
    }

    /// The code with comments, the text of string literals, words and white space left out: its
    /// numbers, symbols and structure.
    static func normalized(_ code: String, info: String) -> String {
        let hashComments: Set<String> = [
            "sh", "bash", "shell", "zsh", "yaml", "yml", "python", "py", "toml", "ruby", "rb", "dockerfile", "make",
            "makefile", "ini", "properties", "r", "perl", "powershell", "ps1", "conf", "nginx", "hcl", "terraform",
        ]
        let slashComments: Set<String> = [
            "js", "javascript", "ts", "typescript", "jsx", "tsx", "java", "go", "c", "cpp", "c++", "cs", "csharp",
            "rust", "rs", "swift", "kotlin", "kt", "php", "scala", "json5", "jsonc", "dart", "groovy", "proto",
            "protobuf", "css", "scss",
        ]
        let dashComments: Set<String> = ["sql", "lua", "haskell", "hs"]
        let hash = hashComments.contains(info)
        let slash = slashComments.contains(info)
        let dash = dashComments.contains(info)
        var output: [Character] = []
        var characters = Array(code)
        characters.append("\n")
        var index = 0
        var atLineStart = true
        var afterSpace = true
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : "\n"
            // Comments to the end of the line.
            let lineComment =
                (hash && character == "#" && (atLineStart || afterSpace))
                || (slash && character == "/" && next == "/")
                || (dash && character == "-" && next == "-")
            if lineComment {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if (slash && character == "/" && next == "*")
                || (character == "<" && next == "!" && index + 3 < characters.count && characters[index + 2] == "-"
                    && characters[index + 3] == "-")
            {
                let end: [Character] = character == "/" ? ["*", "/"] : ["-", "-", ">"]
                index += 2
                while index < characters.count,
                    !(Array(characters[index..<min(index + end.count, characters.count)]) == end)
                {
                    index += 1
                }
                index += end.count
                continue
            }
            // String literals: kept as empty quotes.
            if character == "\"" || character == "'" || character == "`" {
                var end = index + 1
                while end < characters.count, characters[end] != character, characters[end] != "\n" {
                    if characters[end] == "\\" { end += 1 }
                    end += 1
                }
                if end < characters.count, characters[end] == character {
                    output.append(character)
                    output.append(character)
                    index = end + 1
                    atLineStart = false
                    afterSpace = false
                    continue
                }
            }
            if character.isWhitespace {
                if character == "\n" { atLineStart = true }
                afterSpace = true
                index += 1
                continue
            }
            // Words and sentence punctuation are left out: translators translate the text of
            // markup and values (`<strong>rendered as bold</strong>`, `description: the world's
            // largest platform.`); the numbers, symbols and structure of the code remain.
            if character.isLetter || character == "_" || !character.isASCII || ".,;:!?'\"".contains(character) {
                atLineStart = false
                afterSpace = false
                index += 1
                continue
            }
            output.append(character)
            atLineStart = false
            afterSpace = false
            index += 1
        }
        return String(output)
    }
}
