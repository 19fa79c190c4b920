import TWCFrontmatter

/// One rule of the `permalinks` configuration (hugo-behaviour §2.9): the pages it applies to and
/// the pattern their URL path is made of (`/:year/:month/:slug/`).
public struct PermalinkRule: Sendable, Equatable {
    public var target: PageMatcher
    public var pattern: String

    public init(target: PageMatcher, pattern: String) {
        self.target = target
        self.pattern = pattern
    }

    /// The page kinds a `permalinks` table may be keyed by.
    static let kinds = ["page", "home", "section", "taxonomy", "term"]

    /// Hugo's `sectionToPathGlob`: the pages of a top-level section and everything below it;
    /// `/` (or an empty key) means the pages at the root.
    static func sectionGlob(_ section: String) -> HugoGlob {
        var trimmed = Substring(section)
        while let first = trimmed.first, first == " " || first == "/" { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == " " || last == "/" { trimmed = trimmed.dropLast() }
        return HugoGlob(trimmed.isEmpty ? "/*" : "/{\(trimmed),\(trimmed)/**}")
    }

    /// The rules of a `permalinks` value in any of its forms: the old flat table (`posts = "…"`,
    /// pages and terms of the section), the table per kind (`[permalinks.page]`), and (Hugo
    /// 0.161+) a list of `{pattern, target}` tried in order. Hugo reads a table in its map order,
    /// which is random; twc-lint takes the keys as written. What Hugo would refuse is not a rule,
    /// and is listed in `unmodelled`.
    static func decode(_ value: FrontmatterValue, unmodelled: inout [String], at name: String) -> [PermalinkRule] {
        var rules: [PermalinkRule] = []
        switch value.kind {
        case .table(let entries):
            for entry in entries where entry.key != "_merge" {
                let key = entry.key.lowercased()
                switch entry.value.kind {
                case .string(let pattern):
                    let glob = sectionGlob(key)
                    rules.append(
                        PermalinkRule(target: PageMatcher(kind: HugoGlob("page"), path: glob), pattern: pattern))
                    rules.append(
                        PermalinkRule(target: PageMatcher(kind: HugoGlob("term"), path: glob), pattern: pattern))
                case .table(let sections) where kinds.contains(key):
                    for section in sections where section.key != "_merge" {
                        guard case .string(let pattern) = section.value.kind else {
                            unmodelled.append("\(name).\(key).\(section.key): not a pattern string (Hugo refuses it)")
                            continue
                        }
                        rules.append(
                            PermalinkRule(
                                target: PageMatcher(kind: HugoGlob(key), path: sectionGlob(section.key.lowercased())),
                                pattern: pattern))
                    }
                default:
                    unmodelled.append("\(name).\(entry.key): not a pattern or a table of a page kind (Hugo refuses it)")
                }
            }
        case .array(let items):
            for (position, item) in items.enumerated() {
                guard case .string(let pattern)? = item["pattern"]?.kind else {
                    unmodelled.append("\(name)[\(position)]: no pattern string (Hugo refuses it)")
                    continue
                }
                var target = PageMatcher()
                if let table = item["target"] {
                    target = PageMatcher.decode(table, unmodelled: &unmodelled, at: "\(name)[\(position)].target")
                }
                rules.append(PermalinkRule(target: target, pattern: pattern))
            }
        default:
            unmodelled.append("\(name): neither a table nor a list (Hugo refuses it)")
        }
        for rule in rules where !PermalinkExpander.isValid(rule.pattern) {
            unmodelled.append(
                "\(name): the pattern \"\(rule.pattern)\" has a token Hugo does not know (Hugo refuses it)")
        }
        return rules.filter { PermalinkExpander.isValid($0.pattern) }
    }
}

/// What a permalink pattern is expanded with: the page as Hugo's `PermalinkExpander` sees it.
struct PermalinkSubject {
    /// `page`, `section`, `home`, `taxonomy`, `term`.
    var kind: String
    var logicalPath: String
    /// `.Date`, in the page's time zone; nil is Go's zero time.
    var date: HugoTime?
    /// `.Title` (front matter `title`, else Hugo's automatic title of a list page).
    var title: String
    /// `.Slug` (front matter `slug`, without leading and trailing `-`); empty when unset.
    var slug: String
    /// `.File.TranslationBaseName`, as written (`index` for a bundle); nil without a file.
    var translationBaseName: String?
    /// The folder name of a bundle, as written (what `:filename` gives for `index` files).
    var directoryName: String
    /// `.File.ContentBaseName` as written: the bundle's folder name, else the base name.
    var contentBaseName: String
    /// `.Section`: the first segment of the logical path (empty at the root).
    var section: String
    /// The logical path of `.CurrentSection` (`/` for the home page).
    var currentSection: String
    /// For each section from the first one down to the current section (home left out): its
    /// slug, else its title.
    var sectionSlugsOrTitles: [String]
}

/// Hugo 0.168's `PermalinkExpander` (resources/page/permalinks.go): the tokens of a pattern
/// replaced with what they stand for, each value urlized (lower-cased, through the path
/// sanitiser).
enum PermalinkExpander {
    static let tokens: Set<String> = [
        "year", "month", "monthname", "day", "weekday", "weekdayname", "yearday", "section", "sectionslug",
        "sections", "sectionslugs", "title", "slug", "slugorfilename", "filename", "contentbasename",
        "slugorcontentbasename",
    ]

    /// The `:token` or `:token[slice]` occurrences of a pattern (Hugo's `:\w+(\[.+?\])?`), with a
    /// `\:` escape left out.
    static func attributes(_ pattern: [Unicode.Scalar]) -> [(range: Range<Int>, name: String, slice: String?)] {
        var found: [(Range<Int>, String, String?)] = []
        var index = 0
        while index < pattern.count {
            if pattern[index] == "\\", index + 1 < pattern.count, pattern[index + 1] == ":" {
                index += 2
                continue
            }
            guard pattern[index] == ":" else {
                index += 1
                continue
            }
            var end = index + 1
            while end < pattern.count, isWord(pattern[end]) { end += 1 }
            guard end > index + 1 else {
                index += 1
                continue
            }
            let name = String(String.UnicodeScalarView(pattern[(index + 1)..<end]))
            var slice: String?
            if end + 1 < pattern.count, pattern[end] == "[",
                let close = pattern[(end + 2)...].firstIndex(of: "]")
            {
                slice = String(String.UnicodeScalarView(pattern[end...close]))
                end = close + 1
            }
            found.append((index..<end, name, slice))
            index = end
        }
        return found
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_": return true
        default: return false
        }
    }

    /// Whether Hugo knows every token of `pattern` (else it refuses the configuration): a slice
    /// only after `sections` and `sectionslugs`; a word that is no token may be a Go time layout.
    static func isValid(_ pattern: String) -> Bool {
        attributes(Array(pattern.unicodeScalars)).allSatisfy { attribute in
            guard let slice = attribute.slice else {
                return tokens.contains(attribute.name) || GoTimeFormat.isLayout(attribute.name)
            }
            return attribute.name == "sections" || attribute.name == "sectionslugs"
                || GoTimeFormat.isLayout(attribute.name + slice)
        }
    }

    /// The pattern with every token replaced (Hugo's `ExpandPattern`), not yet unescaped.
    static func expand(_ pattern: String, for subject: PermalinkSubject) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var result = String.UnicodeScalarView()
        var position = 0
        for attribute in attributes(scalars) {
            result.append(contentsOf: scalars[position..<attribute.range.lowerBound])
            result.append(contentsOf: value(attribute.name, attribute.slice, subject).unicodeScalars)
            position = attribute.range.upperBound
        }
        result.append(contentsOf: scalars[position...])
        // `\:` is a literal colon.
        return String(result).replacingOccurrences(of: "\\:", with: ":")
    }

    /// Hugo's `urlize`: lower-cased, through the path sanitiser.
    static func urlize(_ text: String) -> String { HugoPath.sanitize(HugoPath.lower(text)) }

    static func value(_ name: String, _ slice: String?, _ page: PermalinkSubject) -> String {
        let date = page.date.map(GoTimeFormat.Components.init) ?? .zero
        if let slice, name != "sections", name != "sectionslugs" { return GoTimeFormat.format(name + slice, date) }
        switch name {
        case "year": return String(date.year)
        case "month": return GoTimeFormat.twoDigits(date.month)
        case "monthname": return GoTimeFormat.months[date.month - 1]
        case "day": return GoTimeFormat.twoDigits(date.day)
        case "weekday": return String(date.weekday)
        case "weekdayname": return GoTimeFormat.weekdays[date.weekday]
        case "yearday": return String(date.yearDay)
        case "section": return page.section
        case "sectionslug": return page.sectionSlugsOrTitles.first.map(urlize) ?? ""
        case "sections":
            let entries = page.currentSection == "/" ? [] : page.currentSection.split(separator: "/").map(String.init)
            return sliced(entries, slice).joined(separator: "/")
        case "sectionslugs": return sliced(page.sectionSlugsOrTitles.map(urlize), slice).joined(separator: "/")
        case "title": return urlize(page.title)
        case "slug": return urlize(page.slug.isEmpty ? page.title : page.slug)
        case "slugorfilename": return page.slug.isEmpty ? filename(page) : urlize(page.slug)
        case "filename": return filename(page)
        case "contentbasename": return urlize(page.contentBaseName)
        case "slugorcontentbasename": return urlize(page.slug.isEmpty ? page.contentBaseName : page.slug)
        default: return GoTimeFormat.format(name, date)
        }
    }

    /// `:filename`: the translation base name, the folder's name for a bundle's `index`, nothing
    /// for an `_index`.
    static func filename(_ page: PermalinkSubject) -> String {
        guard let name = page.translationBaseName else { return "" }
        switch HugoPath.lower(name) {
        case "index": return urlize(page.directoryName)
        case "_index": return ""
        default: return urlize(name)
        }
    }

    /// Hugo's `toSliceFunc`: `[low:high]`, `[n]`, `[last]`, lenient about bounds.
    static func sliced(_ entries: [String], _ slice: String?) -> [String] {
        guard let slice else { return entries }
        let cut = slice.trimmingCharacters(in: .whitespaces).lowercased()
        if cut.isEmpty { return entries }
        guard cut.count >= 3, cut.hasPrefix("["), cut.hasSuffix("]") else { return [] }
        if entries.isEmpty { return [] }
        let inside = String(cut.dropFirst().dropLast())
        func bound(_ text: String, low: Bool) -> Int {
            if text.isEmpty { return low ? 0 : entries.count }
            if text == "last" { return entries.count - 1 }
            let number = max(0, Int(text) ?? 0)
            if number >= entries.count { return low ? -1 : entries.count }
            return number
        }
        let parts = inside.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            let index = bound(parts[0], low: true)
            if index < 0 { return [] }
            return entries[index].isEmpty ? [] : [entries[index]]
        }
        let low = bound(parts[0], low: true)
        let high = bound(parts[1], low: false)
        if low < 0 || high < 0 || low > high { return [] }
        return Array(entries[low..<high])
    }

    /// What Hugo does with an expanded pattern before it uses it (`url.QueryUnescape`): `%XX`
    /// decoded and `+` turned into a space; a broken escape gives the empty string.
    static func queryUnescape(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, HugoPath.isHex(bytes[index + 1]), HugoPath.isHex(bytes[index + 2]) else {
                    return ""
                }
                out.append(UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)!)
                index += 3
                continue
            }
            out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
