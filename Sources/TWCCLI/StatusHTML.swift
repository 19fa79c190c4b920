import TWCSite

/// `twc-lint status --format html`: one self-contained page (inline CSS, no script, nothing
/// loaded from elsewhere) to publish as a site's translation status page. Every text from the
/// site is escaped; links lead to the pages' own paths on the site.
extension StatusReport {
    func html() -> String {
        let h = Self.escape
        let states = self.states
        var body = ""
        body += "<header>\n<h1>Translation status</h1>\n"
        body += "<p class=\"meta\">\(h(name)) · \(h(heading))</p>\n"
        for note in notes { body += "<p class=\"note\" role=\"note\"><strong>Note:</strong> \(h(note))</p>\n" }
        body += "</header>\n<main>\n"
        if status.languages.isEmpty {
            body += "<p>The site has no other language.</p>\n"
        } else {
            body += overview(states)
        }
        for language in status.languages { body += section(language, states) }
        body +=
            "</main>\n<footer><p>Made by twc-lint \(h(HelpText.version)) (<code>twc-lint status</code>).</p></footer>\n"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta name="generator" content="twc-lint \(h(HelpText.version))">
            <title>Translation status: \(h(name))</title>
            <style>
            \(Self.css)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// The legend, then a row per language with its bar.
    func overview(_ states: [TranslationStatus.State]) -> String {
        let h = Self.escape
        var html = "<section aria-labelledby=\"overview\">\n<h2 id=\"overview\">Overview</h2>\n"
        html += legend(states)
        html += "<div class=\"scroll\">\n<table class=\"overview\">\n"
        html += "<caption>Pages of the source language (\(h(status.sourceLanguage))) in each language</caption>\n"
        html += "<thead><tr><th scope=\"col\">Language</th><th scope=\"col\" class=\"barcell\">Progress</th>"
        for state in states {
            html += "<th scope=\"col\" class=\"num\">\(h(Self.label(state).capitalizedFirst))</th>"
        }
        html += "<th scope=\"col\" class=\"num\">Total</th></tr></thead>\n<tbody>\n"
        for language in status.languages {
            html += "<tr><th scope=\"row\"><a href=\"#lang-\(Self.anchor(language.key))\">"
            html += "\(languageLabel(language))</a></th>"
            html += "<td class=\"barcell\"><div class=\"progress\">\(bar(language.total, name: language.key, states))"
            html += "<span class=\"share\">\(Self.percent(language.total.translated, of: language.total.total))</span>"
            html += "</div></td>"
            for state in states { html += "<td class=\"num\">\(cell(language.total, state))</td>" }
            html += "<td class=\"num\">\(language.total.total)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n</section>\n"
        return html
    }

    /// A language's section: its bar with the figures, a table per section, the pages to work on.
    func section(_ language: TranslationStatus.Language, _ states: [TranslationStatus.State]) -> String {
        let h = Self.escape
        let id = "lang-" + Self.anchor(language.key)
        var html = "<section id=\"\(id)\" aria-labelledby=\"\(id)-title\">\n"
        html += "<h2 id=\"\(id)-title\">\(languageLabel(language))</h2>\n"
        html += bar(language.total, name: language.key, states, large: true)
        html += "<ul class=\"figures\">"
        for state in states where state != .outdated || outdatedKnown {
            let count = language.total[state]
            html += "<li><span class=\"swatch \(Self.cssClass(state))\" aria-hidden=\"true\"></span>"
            html += "\(h(Self.label(state).capitalizedFirst)) <strong>\(count)</strong> "
            html += "<span class=\"pct\">(\(Self.percent(count, of: language.total.total)))</span></li>"
        }
        if !outdatedKnown {
            html +=
                "<li><span class=\"swatch outdated\" aria-hidden=\"true\"></span>Outdated <strong>not known</strong></li>"
        }
        html += "</ul>\n"
        html += "<div class=\"scroll\">\n<table class=\"sections\">\n"
        html += "<caption>By section</caption>\n"
        html += "<thead><tr><th scope=\"col\">Section</th><th scope=\"col\" class=\"barcell\">Progress</th>"
        for state in states {
            html += "<th scope=\"col\" class=\"num\">\(h(Self.label(state).capitalizedFirst))</th>"
        }
        html += "<th scope=\"col\" class=\"num\">Total</th></tr></thead>\n<tbody>\n"
        for (section, counts) in language.sections {
            html += "<tr><th scope=\"row\"><code>\(h(section))</code></th>"
            html += "<td class=\"barcell\">\(bar(counts, name: section, states))</td>"
            for state in states { html += "<td class=\"num\">\(cell(counts, state))</td>" }
            html += "<td class=\"num\">\(counts.total)</td></tr>\n"
        }
        html += "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th><td class=\"barcell\"></td>"
        for state in states { html += "<td class=\"num\">\(cell(language.total, state))</td>" }
        html += "<td class=\"num\">\(language.total.total)</td></tr></tfoot>\n</table>\n</div>\n"
        for state in Self.listedStates {
            let entries = language.entries(state)
            guard !entries.isEmpty else { continue }
            // Short lists open, long ones folded.
            html += "<details class=\"pages\"\(entries.count <= 12 ? " open" : "")>"
            html += "<summary><span class=\"swatch \(Self.cssClass(state))\" aria-hidden=\"true\"></span>"
            html += "\(h(Self.label(state).capitalizedFirst)) (\(entries.count))</summary>\n<ul>\n"
            for entry in entries {
                let source = site.pages[entry.source]
                html += "<li>\(link(source, language: status.sourceLanguage))"
                html += " <code class=\"file\">\(h(file(source)))</code>"
                if let translation = entry.translation.map({ site.pages[$0] }) {
                    html += "<br><span class=\"version\">\(h(language.key)): "
                    if translation.isPublished, title(translation) != nil {
                        html += link(translation, language: language.key) + " "
                    }
                    html += "<code class=\"file\">\(h(file(translation)))</code>"
                    if let reason = translation.publishState.reason {
                        html += "<span class=\"reason\">, \(h(reason))</span>"
                    }
                    html += "</span>"
                }
                html += "</li>\n"
            }
            html += "</ul>\n</details>\n"
        }
        html += "</section>\n"
        return html
    }

    /// "Nederlands (nl)", the label isolated (it may be written right to left).
    func languageLabel(_ language: TranslationStatus.Language) -> String {
        let h = Self.escape
        guard let label = language.label, !label.isEmpty, label != language.key else {
            return "<bdi>\(h(language.key))</bdi>"
        }
        // Written as the site's own (left-to-right) language menus show it: "اردو (Urdu)".
        return "<bdi dir=\"ltr\">\(h(label))</bdi> <span class=\"key\">(\(h(language.key)))</span>"
    }

    /// A page's title (its path when it has none), linked to its path on the site when published.
    func link(_ page: Page, language: String) -> String {
        let h = Self.escape
        let text = "<bdi lang=\"\(h(language))\">\(h(title(page) ?? page.logicalPath))</bdi>"
        let url = page.relPermalink
        guard page.isPublished, url.hasPrefix("/"), !url.hasPrefix("//") else { return text }
        return "<a href=\"\(h(url))\">\(text)</a>"
    }

    /// A table cell's count: outdated is "not known" without the rule.
    func cell(_ counts: TranslationStatus.Counts, _ state: TranslationStatus.State) -> String {
        if state == .outdated && !outdatedKnown {
            return "<span title=\"not known\" aria-label=\"not known\">–</span>"
        }
        return String(counts[state])
    }

    /// The horizontal stacked bar of `counts`: one segment per state, as wide as its share, with
    /// the figures as its accessible name and as tooltips.
    func bar(
        _ counts: TranslationStatus.Counts, name: String, _ states: [TranslationStatus.State], large: Bool = false
    ) -> String {
        let h = Self.escape
        let total = counts.total
        var described: [String] = []
        var segments = ""
        for state in states where counts[state] > 0 {
            let share = "\(counts[state]) of \(total) (\(Self.percent(counts[state], of: total)))"
            described.append("\(Self.label(state)) \(share)")
            let width = Double(counts[state]) * 100 / Double(max(total, 1))
            segments +=
                "<span class=\"seg \(Self.cssClass(state))\" style=\"width:\(Self.number(width))%\" "
                + "title=\"\(h(Self.label(state).capitalizedFirst)): \(h(share))\"></span>"
        }
        if described.isEmpty { described.append("no pages") }
        return "<div class=\"bar\(large ? " large" : "")\" role=\"img\" aria-label=\"\(h(name)): "
            + "\(h(described.joined(separator: ", ")))\">\(segments)</div>\n"
    }

    static func cssClass(_ state: TranslationStatus.State) -> String {
        state == .notRequired ? "not-required" : state.rawValue
    }

    /// A percentage for CSS, with at most three decimals.
    static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// A language key as an id fragment: letters, digits, `-` and `_` kept, others as `_`.
    static func anchor(_ key: String) -> String {
        String(
            key.unicodeScalars.map { scalar -> Character in
                let ascii = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
                return ascii || scalar == "-" || scalar == "_" ? Character(scalar) : "_"
            })
    }

    /// Text as HTML: `&`, `<`, `>`, quotes escaped; control characters (which HTML does not
    /// allow) shown as U+FFFD.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// The legend: each state's colour and pattern with its name.
    func legend(_ states: [TranslationStatus.State]) -> String {
        var html = "<ul class=\"legend\" aria-label=\"Legend\">"
        for state in states {
            html += "<li><span class=\"swatch \(Self.cssClass(state))\" aria-hidden=\"true\"></span>"
            html += "\(Self.escape(Self.label(state).capitalizedFirst))"
            html += "<span class=\"explain\"> — \(Self.escape(Self.meaning(state)))</span></li>"
        }
        return html + "</ul>\n"
    }

    static func meaning(_ state: TranslationStatus.State) -> String {
        switch state {
        case .translated: return "published in the language"
        case .outdated: return "published, behind its source page"
        case .draft: return "written, not published (draft, scheduled, expired)"
        case .missing: return "not translated yet"
        case .notRequired: return "not translated, and the language need not have it"
        }
    }

    static let css = """
        :root {
          --bg: #ffffff; --fg: #1c1d21; --muted: #5d6170; --line: #d8dae1; --soft: #f3f4f7;
          --link: #0b57d0; --note-bg: #fff6e0; --note-line: #e0b44c;
          --translated: #0f8a5f; --outdated: #d18b00; --draft: #6e56cf; --missing: #d2452f; --not-required: #a5a9b4;
          --stripe: rgba(255, 255, 255, 0.45);
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #141519; --fg: #e6e7eb; --muted: #a2a6b3; --line: #383b45; --soft: #1e2026;
            --link: #8ab4ff; --note-bg: #2e2712; --note-line: #8a6d1f;
            --translated: #2fbf84; --outdated: #f2b53c; --draft: #9d8cf2; --missing: #f0705a; --not-required: #6b6f7b;
            --stripe: rgba(0, 0, 0, 0.35);
          }
        }
        * { box-sizing: border-box; }
        body {
          margin: 0 auto; padding: 2rem 1.25rem 3rem; max-width: 64rem; background: var(--bg); color: var(--fg);
          font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
        }
        h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-top: 1rem; border-top: 1px solid var(--line); }
        a { color: var(--link); }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
        .meta, .key, .pct, .explain, .file, .reason, caption, footer { color: var(--muted); }
        .note { background: var(--note-bg); border-left: 4px solid var(--note-line); padding: .5rem .75rem; margin: 1rem 0; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        caption { text-align: left; font-size: .9rem; padding-bottom: .35rem; }
        th, td { padding: .4rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
        thead th { font-size: .85rem; font-weight: 600; color: var(--muted); border-bottom-width: 2px; white-space: nowrap; }
        tbody th { font-weight: 500; }
        tfoot th, tfoot td { font-weight: 700; border-bottom: none; border-top: 2px solid var(--line); }
        tbody tr:hover { background: var(--soft); }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .overview th[scope=row] { white-space: nowrap; }
        .barcell { width: 40%; min-width: 10rem; }
        .sections .barcell { width: 30%; }
        .progress { display: flex; align-items: center; gap: .6rem; }
        .progress .bar { flex: 1; min-width: 5rem; }
        .share { width: 3.2em; text-align: right; font-variant-numeric: tabular-nums; font-size: .9rem; }
        .bar {
          display: flex; height: .9rem; border-radius: 999px; overflow: hidden; background: var(--soft);
          box-shadow: inset 0 0 0 1px var(--line);
        }
        .bar.large { height: 1.6rem; border-radius: .4rem; margin: .5rem 0 .75rem; }
        .seg { display: block; height: 100%; min-width: 3px; }
        .seg + .seg { box-shadow: -1px 0 0 var(--bg); }
        .translated { background-color: var(--translated); }
        .outdated {
          background-color: var(--outdated);
          background-image: repeating-linear-gradient(45deg, var(--stripe) 0 3px, transparent 3px 8px);
        }
        .draft {
          background-color: var(--draft);
          background-image: radial-gradient(var(--stripe) 1.5px, transparent 1.8px);
          background-size: 6px 6px;
        }
        .missing { background-color: var(--missing); }
        .not-required {
          background-color: var(--not-required);
          background-image: repeating-linear-gradient(-45deg, var(--stripe) 0 2px, transparent 2px 6px);
        }
        .swatch {
          display: inline-block; width: .95rem; height: .95rem; border-radius: .2rem; margin-right: .4rem;
          vertical-align: -.15rem; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, .15);
        }
        .legend, .figures { list-style: none; padding: 0; margin: .5rem 0 1rem; display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; }
        .legend { font-size: .9rem; }
        .figures li { white-space: nowrap; }
        details.pages { margin: .5rem 0; border: 1px solid var(--line); border-radius: .4rem; padding: .4rem .75rem; }
        details.pages summary { cursor: pointer; font-weight: 600; }
        details.pages ul { margin: .5rem 0 .25rem; padding-left: 1.25rem; }
        details.pages li { margin: .3rem 0; overflow-wrap: anywhere; }
        .version { font-size: .9rem; }
        footer { margin-top: 3rem; font-size: .85rem; border-top: 1px solid var(--line); padding-top: .75rem; }
        @media (forced-colors: active) {
          .bar, .seg, .swatch { forced-color-adjust: none; }
        }
        @media (max-width: 40rem) {
          .explain { display: none; }
          .overview th[scope=row] { white-space: normal; }
          th, td { padding: .35rem .4rem; }
        }

        """
}
