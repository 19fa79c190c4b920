import TWCCore
import TWCReport
import TWCSite

/// `twc-lint status` written out: text, JSON, Markdown (here) and HTML (`StatusReport+HTML`).
struct StatusReport {
    let site: SiteModel
    let status: TranslationStatus
    /// The site as the report names it (its folder's name).
    let name: String
    /// Whether `translation-outdated` ran: when not, outdated counts are not shown as numbers.
    let outdatedKnown: Bool
    /// Lines the report starts with (`outdated: not known …`).
    let notes: [String]
    /// A page's file as the report shows it (relative to the current folder or `--relative-to`).
    let file: (Page) -> String

    /// The states in the order of the tables and lists; `notRequired` only when a language has
    /// such pages.
    var states: [TranslationStatus.State] {
        let all = TranslationStatus.State.allCases
        return status.languages.contains { $0.total.notRequired > 0 } ? all : all.filter { $0 != .notRequired }
    }

    /// The states whose pages are listed: those a translator works on.
    static let listedStates: [TranslationStatus.State] = [.outdated, .draft, .missing]

    static func label(_ state: TranslationStatus.State) -> String {
        state == .notRequired ? "not required" : state.rawValue
    }

    /// A count as the tables show it: outdated counts are unknown without the rule.
    func count(_ counts: TranslationStatus.Counts, _ state: TranslationStatus.State, unknown: String) -> String {
        state == .outdated && !outdatedKnown ? unknown : String(counts[state])
    }

    /// `part` of `whole` as a whole percentage that never rounds to 0% or 100% when it is not.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        if part == whole { return "100%" }
        if part == 0 { return "0%" }
        let value = Double(part) * 100 / Double(whole)
        if value < 1 { return "<1%" }
        if value > 99 { return ">99%" }
        return "\(Int(value.rounded()))%"
    }

    /// "nl (Nederlands)", or "nl".
    func languageName(_ key: String, label: String?) -> String {
        guard let label, !label.isEmpty, label != key else { return key }
        return "\(key) (\(label))"
    }

    /// One line: "6 of 7 translated (86%), 0 outdated, 0 draft, 1 missing".
    func summary(_ language: TranslationStatus.Language) -> String {
        let total = language.total
        var parts = [
            "\(total.translated) of \(total.total) translated (\(Self.percent(total.translated, of: total.total)))"
        ]
        for state in states where state != .translated && (state != .outdated || outdatedKnown) {
            parts.append("\(total[state]) \(Self.label(state))")
        }
        return parts.joined(separator: ", ")
    }

    func title(_ page: Page) -> String? { TranslationStatus.title(of: page) }

    var heading: String {
        let pages = status.sourcePages.count
        return
            "source language "
            + languageName(status.sourceLanguage, label: site.config.language(status.sourceLanguage)?.label)
            + ": \(pages) page\(pages == 1 ? "" : "s"), "
            + "\(status.languages.count) other language\(status.languages.count == 1 ? "" : "s")"
    }

    // MARK: text

    /// An aligned table per language, then the pages to work on.
    func text() -> String {
        let visible = { (text: String) in TerminalText.visible(text) }
        var output = "Translation status of \(visible(name)): \(heading)\n"
        for note in notes { output += "note: \(visible(note))\n" }
        for language in status.languages {
            output += "\n\(visible(languageName(language.key, label: language.label))): \(summary(language))\n\n"
            var rows = [["section"] + states.map(Self.label) + ["total"]]
            for (section, counts) in language.sections {
                rows.append(
                    [visible(section)] + states.map { count(counts, $0, unknown: "-") } + [String(counts.total)])
            }
            rows.append(
                ["total"] + states.map { count(language.total, $0, unknown: "-") } + [String(language.total.total)])
            output += Self.table(rows)
            for state in Self.listedStates {
                let entries = language.entries(state)
                guard !entries.isEmpty else { continue }
                output += "\n  \(Self.label(state)) (\(entries.count)):\n"
                for entry in entries {
                    let source = site.pages[entry.source]
                    output += "    \(visible(file(source)))"
                    if let title = title(source) { output += "  \"\(visible(title))\"" }
                    output += "\n"
                    if let translation = entry.translation.map({ site.pages[$0] }) {
                        output += "      \(language.key): \(visible(file(translation)))"
                        if let reason = translation.publishState.reason { output += ", \(visible(reason))" }
                        output += "\n"
                    }
                }
            }
        }
        if status.languages.isEmpty { output += "\nThe site has no other language.\n" }
        return output
    }

    /// Rows with the first column left-aligned and the others right-aligned, indented by two.
    static func table(_ rows: [[String]]) -> String {
        let width = { (text: String) in text.reduce(0) { $0 + TerminalText.displayWidth($1) } }
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], width(cell)) }
        }
        return rows.map { row in
            var line = "  "
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - width(cell))
                line += column == 0 ? cell + padding : "  " + padding + cell
            }
            return line + "\n"
        }.joined()
    }

    // MARK: JSON

    /// The object documented in the README (Translation status): stable keys, every source page
    /// with its state in each language.
    func json() -> String {
        func counts(_ counts: TranslationStatus.Counts) -> [(String, JSONValue)] {
            TranslationStatus.State.allCases.map { ($0.rawValue, .int(counts[$0])) } + [("total", .int(counts.total))]
        }
        func page(_ page: Page) -> JSONValue {
            .object([
                ("file", .string(file(page))), ("title", title(page).map { .string($0) } ?? .null),
                ("url", page.isPublished ? .string(page.url) : .null),
                ("published", .bool(page.isPublished)),
                ("reason", page.publishState.reason.map { .string($0) } ?? .null),
            ])
        }
        let languages = status.languages.map { language -> JSONValue in
            .object([
                ("language", .string(language.key)), ("label", language.label.map { .string($0) } ?? .null),
                ("total", .object(counts(language.total))),
                (
                    "sections",
                    .array(
                        language.sections.map { section, values in
                            .object([("section", .string(section))] + counts(values))
                        })
                ),
                (
                    "pages",
                    .array(
                        language.entries.map { entry in
                            .object([
                                ("state", .string(entry.state.rawValue)), ("section", .string(entry.section)),
                                ("source", page(site.pages[entry.source])),
                                ("translation", entry.translation.map { page(site.pages[$0]) } ?? .null),
                            ])
                        })
                ),
            ])
        }
        return JSONValue.object([
            ("version", .int(1)), ("site", .string(name)), ("sourceLanguage", .string(status.sourceLanguage)),
            ("sourcePages", .int(status.sourcePages.count)), ("outdatedKnown", .bool(outdatedKnown)),
            ("notes", .array(notes.map { .string($0) })), ("languages", .array(languages)),
        ]).serialized(pretty: true) + "\n"
    }

    // MARK: Markdown

    /// Tables and lists in GitHub-flavoured Markdown, for a wiki page or a pull request comment.
    func markdown() -> String {
        let md = Self.markdownText
        var output = "## Translation status of \(md(name))\n\n"
        output += md(heading.prefix(1).uppercased() + heading.dropFirst()) + ".\n"
        for note in notes { output += "\n> **Note:** \(md(note))\n" }
        if status.languages.isEmpty { output += "\nThe site has no other language.\n" }
        for language in status.languages {
            output += "\n### \(md(languageName(language.key, label: language.label)))\n\n"
            output += md(summary(language)) + ".\n\n"
            output +=
                "| Section | " + states.map { Self.label($0).capitalizedFirst }.joined(separator: " | ")
                + " | Total |\n"
            output += "|:--|" + String(repeating: "--:|", count: states.count + 1) + "\n"
            for (section, counts) in language.sections {
                output +=
                    "| `\(Self.codeText(section, inTable: true))` | "
                    + states.map { count(counts, $0, unknown: "–") }.joined(separator: " | ") + " | \(counts.total) |\n"
            }
            output +=
                "| **Total** | "
                + states.map { "**\(count(language.total, $0, unknown: "–"))**" }.joined(separator: " | ")
                + " | **\(language.total.total)** |\n"
            for state in Self.listedStates {
                let entries = language.entries(state)
                guard !entries.isEmpty else { continue }
                output += "\n<details><summary>\(Self.label(state).capitalizedFirst) (\(entries.count))</summary>\n\n"
                for entry in entries {
                    let source = site.pages[entry.source]
                    output += "- " + (title(source).map { md($0) + " — " } ?? "") + "`\(Self.codeText(file(source)))`"
                    if let translation = entry.translation.map({ site.pages[$0] }) {
                        output += " → `\(Self.codeText(file(translation)))`"
                        if let reason = translation.publishState.reason { output += ", \(md(reason))" }
                    }
                    output += "\n"
                }
                output += "\n</details>\n"
            }
        }
        return output
    }

    /// Text from pages as Markdown shows it literally: punctuation that could start markup
    /// backslash-escaped, line breaks as spaces.
    static func markdownText(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~", "$":
                result += "\\" + String(character)
            case "\n", "\r", "\r\n", "\t": result += " "
            default:
                result +=
                    character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
                    ? "\u{FFFD}" : String(character)
            }
        }
        return result
    }

    /// Text for a code span: a backtick would end the span, a line break the list item, and in a
    /// table cell a `|` the cell (GitHub reads `\|` as `|` there, also in code).
    static func codeText(_ text: String, inTable: Bool = false) -> String {
        var result = ""
        for character in text {
            switch character {
            case "`": result += "'"
            case "|" where inTable: result += "\\|"
            case "\n", "\r", "\r\n", "\t": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}

extension String {
    /// The text with its first letter upper-cased ("not required" → "Not required").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
