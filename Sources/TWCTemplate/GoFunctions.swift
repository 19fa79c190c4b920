import TWCCore

/// The functions of Go's text/template and of Hugo that need no site (comparisons, strings,
/// paths, URLs, formatting), over `TemplateValue`s. Each is the function's own semantics
/// (argument order included: Hugo's `strings.TrimPrefix PREFIX STRING`); a function that is not
/// here is the host's or unknown.
public enum GoFunctions {
    /// Hugo's function namespaces (`strings.HasPrefix`): a chain on one of these names is a call.
    static let namespaces: Set<String> = [
        "cast", "collections", "compare", "crypto", "css", "data", "debug", "diagrams", "encoding", "fmt", "hash",
        "images", "inflect", "js", "lang", "math", "openapi3", "os", "partials", "path", "reflect", "resources",
        "safe", "strings", "templates", "time", "transform", "urls",
    ]

    /// The function's value; nil when the function is not one of these, `.unknown` when an
    /// argument it needs is not known (or Go would fail).
    public static func call(_ name: String, _ a: [TemplateValue]) -> TemplateValue? {
        func strings(_ count: Int) -> [String]? {
            guard a.count == count else { return nil }
            var result: [String] = []
            for value in a {
                guard let text = value.stringValue else { return nil }
                result.append(text)
            }
            return result
        }
        func unary(_ transform: (String) -> TemplateValue) -> TemplateValue {
            guard let s = strings(1) else { return .unknown }
            return transform(s[0])
        }
        func binary(_ transform: (String, String) -> TemplateValue) -> TemplateValue {
            guard let s = strings(2) else { return .unknown }
            return transform(s[0], s[1])
        }
        switch name {
        case "not":
            guard a.count == 1, let truth = a[0].truth else { return .unknown }
            return .bool(!truth)
        case "eq", "compare.Eq":
            guard a.count >= 2 else { return .unknown }
            var sawUnknown = false
            for other in a.dropFirst() {
                switch equal(a[0], other) {
                case true?: return .bool(true)
                case nil: sawUnknown = true
                case false?: continue
                }
            }
            return sawUnknown ? .unknown : .bool(false)
        case "ne", "compare.Ne":
            guard a.count == 2, let same = equal(a[0], a[1]) else { return .unknown }
            return .bool(!same)
        case "lt", "le", "gt", "ge", "compare.Lt", "compare.Le", "compare.Gt", "compare.Ge":
            guard a.count == 2, let order = compare(a[0], a[1]) else { return .unknown }
            switch name.hasPrefix("compare.") ? String(name.dropFirst(8)).lowercased() : name {
            case "lt": return .bool(order < 0)
            case "le": return .bool(order <= 0)
            case "gt": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case "len":
            guard a.count == 1 else { return .unknown }
            switch a[0] {
            case .string(let s): return .int(s.utf8.count)
            case .slice(let values): return .int(values.count)
            case .map(let values): return .int(values.count)
            case .null: return .int(0)
            default: return .unknown
            }
        case "index":
            guard var value = a.first else { return .unknown }
            for key in a.dropFirst() {
                switch (value, key) {
                case (.map(let entries), _):
                    guard let k = key.stringValue else { return .unknown }
                    value = entries[k] ?? .null
                case (.slice(let values), .int(let i)):
                    guard i >= 0 && i < values.count else { return .unknown }
                    value = values[i]
                default: return .unknown
                }
            }
            return value
        case "print", "fmt.Print":
            return sprint(a, spaces: false)
        case "println", "fmt.Println":
            return sprint(a, spaces: true).flatMapString { $0 + "\n" }
        case "printf", "fmt.Printf":
            guard let format = a.first?.stringValue else { return .unknown }
            return GoFormat.printf(format, Array(a.dropFirst())).map(TemplateValue.string) ?? .unknown
        case "dict", "collections.Dictionary":
            guard a.count % 2 == 0 else { return .unknown }
            var entries: [String: TemplateValue] = [:]
            for index in stride(from: 0, to: a.count, by: 2) {
                guard let key = a[index].stringValue else { return .unknown }
                entries[key] = a[index + 1]
            }
            return .map(entries)
        case "slice", "collections.Slice":
            return .slice(a)
        case "default", "compare.Default":
            guard a.count == 2 else { return .unknown }
            guard let set = isSet(a[1]) else { return .unknown }
            return set ? a[1] : a[0]
        case "cond", "compare.Conditional":
            guard a.count == 3, let truth = a[0].truth else { return .unknown }
            return truth ? a[1] : a[2]
        case "in", "collections.In":
            guard a.count == 2 else { return .unknown }
            switch a[0] {
            case .slice(let values):
                var sawUnknown = false
                for value in values {
                    switch equal(value, a[1]) {
                    case true?: return .bool(true)
                    case nil: sawUnknown = true
                    case false?: continue
                    }
                }
                return sawUnknown ? .unknown : .bool(false)
            case .string(let s):
                guard let item = a[1].stringValue else { return .unknown }
                return .bool(s.contains(item) || item.isEmpty)
            default: return .unknown
            }
        case "isset", "collections.IsSet":
            guard a.count == 2 else { return .unknown }
            switch (a[0], a[1]) {
            case (.map(let entries), _):
                guard let key = a[1].stringValue else { return .unknown }
                return .bool(entries[key] != nil || entries[key.lowercased()] != nil)
            case (.slice(let values), .int(let i)): return .bool(i >= 0 && i < values.count)
            default: return .unknown
            }
        case "hasPrefix", "strings.HasPrefix": return binary { .bool($0.hasPrefix($1)) }
        case "hasSuffix", "strings.HasSuffix": return binary { .bool($0.hasSuffix($1)) }
        case "strings.TrimPrefix": return binary { .string($1.hasPrefix($0) ? String($1.dropFirst($0.count)) : $1) }
        case "strings.TrimSuffix": return binary { .string($1.hasSuffix($0) ? String($1.dropLast($0.count)) : $1) }
        case "trim", "strings.Trim": return binary { .string(trim($0, $1, left: true, right: true)) }
        case "strings.TrimLeft": return binary { .string(trim($1, $0, left: true, right: false)) }
        case "strings.TrimRight": return binary { .string(trim($1, $0, left: false, right: true)) }
        case "strings.TrimSpace":
            return unary { .string(trim($0, " \t\n\r\u{0B}\u{0C}", left: true, right: true)) }
        case "strings.Contains": return binary { .bool($0.contains($1) || $1.isEmpty) }
        case "strings.ContainsAny": return binary { s, chars in .bool(s.contains { chars.contains($0) }) }
        case "lower", "strings.ToLower": return unary { .string($0.lowercased()) }
        case "upper", "strings.ToUpper": return unary { .string($0.uppercased()) }
        case "replace", "strings.Replace":
            guard a.count == 3, let s = strings(3) else { return .unknown }
            return .string(s[1].isEmpty ? s[0] : s[0].replacingBytes(s[1], with: s[2]))
        case "split", "strings.Split":
            return binary { s, separator in
                guard !separator.isEmpty else { return .unknown }
                return .slice(s.components(separatedBy: separator).map(TemplateValue.string))
            }
        case "delimit", "collections.Delimit":
            guard a.count == 2, case .slice(let values) = a[0], let separator = a[1].stringValue else {
                return .unknown
            }
            var parts: [String] = []
            for value in values {
                guard let text = value.stringValue else { return .unknown }
                parts.append(text)
            }
            return .string(parts.joined(separator: separator))
        case "path.Join":
            var parts: [String] = []
            for value in a {
                if case .slice(let values) = value {
                    for element in values {
                        guard let text = element.stringValue else { return .unknown }
                        parts.append(text)
                    }
                } else {
                    guard let text = value.stringValue else { return .unknown }
                    parts.append(text)
                }
            }
            return .string(GoPath.join(parts))
        case "path.Clean": return unary { .string(GoPath.clean($0)) }
        case "path.Dir": return unary { .string(GoPath.dir($0)) }
        case "path.Base": return unary { .string(GoPath.base($0)) }
        case "path.Ext": return unary { .string(GoPath.ext($0)) }
        case "urls.Parse":
            guard a.count == 1 else { return .unknown }
            if case .url = a[0] { return a[0] }
            guard let text = a[0].stringValue, let url = GoURL.parse(text) else { return .unknown }
            return .url(url)
        case "urls.JoinPath":
            var parts: [String] = []
            for value in a {
                guard let text = value.stringValue else { return .unknown }
                parts.append(text)
            }
            guard let first = parts.first, let url = GoURL.parse(first) else { return .unknown }
            return .string(GoPath.joinURL(url, Array(parts.dropFirst())).string)
        case "safeURL", "safeCSS", "safeJS", "safe.URL", "safe.CSS", "safe.JS", "safe.JSStr", "safeJSStr":
            return a.count == 1 ? a[0] : .unknown
        case "safeHTMLAttr", "safe.HTMLAttr":
            // Written as it is where html/template expects attributes (`<h2 {{ $attrs }}>`).
            guard a.count == 1 else { return .unknown }
            if case .html = a[0] { return a[0] }
            return a[0].stringValue.map { .html(TemplateOutput(segments: [.text($0)])) } ?? .unknown
        case "safeHTML", "safe.HTML":
            guard a.count == 1 else { return .unknown }
            switch a[0] {
            case .html, .opaque: return a[0]
            default: return a[0].stringValue.map { .html(TemplateOutput(segments: [.text($0)])) } ?? .unknown
            }
        case "htmlEscape", "transform.HTMLEscape": return unary { .string(HTMLText.escape($0)) }
        case "htmlUnescape", "transform.HTMLUnescape": return unary { .string(HTMLText.unescape($0)) }
        case "markdownify", "transform.Markdownify", "plainify", "transform.Plainify", "emojify",
            "transform.Emojify", "humanize", "inflect.Humanize", "T", "i18n", "lang.Translate", "title",
            "strings.Title":
            return .opaque(empty: nil)
        case "string", "cast.ToString":
            guard a.count == 1, let text = a[0].stringValue else { return .unknown }
            return .string(text)
        case "int", "cast.ToInt":
            guard a.count == 1 else { return .unknown }
            switch a[0] {
            case .int: return a[0]
            case .string(let s): return Int(s).map(TemplateValue.int) ?? .unknown
            case .bool(let b): return .int(b ? 1 : 0)
            default: return .unknown
            }
        case "add", "math.Add", "sub", "math.Sub", "mul", "math.Mul":
            guard a.count == 2, case .int(let x) = a[0], case .int(let y) = a[1] else { return .unknown }
            let (value, overflow) =
                name.hasSuffix("dd")
                ? x.addingReportingOverflow(y)
                : name.hasSuffix("ub") ? x.subtractingReportingOverflow(y) : x.multipliedReportingOverflow(by: y)
            return overflow ? .unknown : .int(value)
        case "div", "math.Div", "mod", "math.Mod":
            // Integer division truncates toward zero, as Go's; by zero Hugo fails.
            guard a.count == 2, case .int(let x) = a[0], case .int(let y) = a[1], y != 0, !(x == .min && y == -1) else {
                return .unknown
            }
            return .int(name.hasSuffix("iv") ? x / y : x % y)
        case "findRE", "strings.FindRE":
            // `findRE PATTERN INPUT [LIMIT]`: a pattern without regular-expression syntax matches
            // itself, so the matches are its occurrences; other patterns are not modelled.
            guard a.count == 2 || a.count == 3, let pattern = a[0].stringValue, let text = a[1].stringValue,
                !pattern.contains(where: { "\\.+*?()[]{}|^$".contains($0) })
            else { return .unknown }
            var limit = Int.max
            if a.count == 3 {
                guard case .int(let given) = a[2] else { return .unknown }
                if given >= 0 { limit = given }
            }
            var matches: [TemplateValue] = []
            if pattern.isEmpty {
                // The empty pattern matches before every character and at the end.
                matches = Array(repeating: .string(""), count: min(limit, text.unicodeScalars.count + 1))
            } else {
                var rest = Substring(text)
                while matches.count < limit, let found = rest.range(of: pattern) {
                    matches.append(.string(pattern))
                    rest = rest[found.upperBound...]
                }
            }
            return .slice(matches)
        case "warnf", "infof", "debugf", "warnidf", "infoidf", "fmt.Warnf", "fmt.Infof", "fmt.Debugf", "fmt.Warnidf",
            "fmt.Infoidf":
            return .string("")
        case "reflect.IsMap":
            guard a.count == 1 else { return .unknown }
            if case .map = a[0] { return .bool(true) }
            return a[0] == .unknown ? .unknown : .bool(false)
        case "reflect.IsSlice":
            guard a.count == 1 else { return .unknown }
            if case .slice = a[0] { return .bool(true) }
            return a[0] == .unknown ? .unknown : .bool(false)
        default:
            return nil
        }
    }

    /// Hugo's `compare.Eq` of two values: nil when it cannot be known.
    static func equal(_ x: TemplateValue, _ y: TemplateValue) -> Bool? {
        switch (x, y) {
        case (.unknown, _), (_, .unknown), (.opaque, _), (_, .opaque): return nil
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return Double(a) == b
        case (.float(let a), .float(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.kind == b.kind ? a == b : nil
        case (.html(let a), _): return a.joined.flatMap { text in y.stringValue.map { $0 == text } }
        case (_, .html): return equal(y, x)
        case (.string, _), (_, .string), (.bool, _), (_, .bool): return false
        default: return nil
        }
    }

    /// The order of two numbers or two strings.
    static func compare(_ x: TemplateValue, _ y: TemplateValue) -> Int? {
        switch (x, y) {
        case (.int(let a), .int(let b)): return a < b ? -1 : a == b ? 0 : 1
        case (.float, _), (_, .float):
            guard let a = number(x), let b = number(y) else { return nil }
            return a < b ? -1 : a == b ? 0 : 1
        case (.string(let a), .string(let b)): return a < b ? -1 : a == b ? 0 : 1
        default: return nil
        }
    }

    static func number(_ value: TemplateValue) -> Double? {
        switch value {
        case .int(let a): return Double(a)
        case .float(let a): return a
        default: return nil
        }
    }

    /// Hugo's `default`: whether the given value counts as set.
    static func isSet(_ value: TemplateValue) -> Bool? {
        switch value {
        case .unknown: return nil
        case .opaque(let empty): return empty.map { !$0 }
        case .null: return false
        case .bool: return true
        case .int(let a): return a != 0
        case .float(let a): return a != 0
        case .string(let s): return !s.isEmpty
        case .slice(let values): return !values.isEmpty
        case .map(let values): return !values.isEmpty
        case .query(let values): return !values.isEmpty
        case .url, .object: return true
        case .html: return value.truth
        }
    }

    /// `fmt.Sprint` (operands separated by a space when neither is a string) or `fmt.Sprintln`.
    static func sprint(_ values: [TemplateValue], spaces: Bool) -> TemplateValue {
        var output = ""
        for (index, value) in values.enumerated() {
            guard let text = GoFormat.print(value) else { return .unknown }
            if index > 0 {
                let isString: (TemplateValue) -> Bool = {
                    if case .string = $0 { return true }
                    return false
                }
                if spaces || (!isString(value) && !isString(values[index - 1])) { output += " " }
            }
            output += text
        }
        return .string(output)
    }

    static func trim(_ s: String, _ cutset: String, left: Bool, right: Bool) -> String {
        var scalars = Substring(s).unicodeScalars[...]
        let set = Set(cutset.unicodeScalars)
        if left { while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() } }
        if right { while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() } }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The fields and methods of a `*url.URL`.
    static func urlMember(_ url: GoURL, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        guard arguments.isEmpty else { return .unknown }
        switch name {
        case "Scheme": return .string(url.scheme)
        case "Opaque": return .string(url.opaque)
        case "Host": return .string(url.host)
        case "Path": return .string(url.path)
        case "RawPath": return .string(url.rawPath)
        case "RawQuery": return .string(url.rawQuery)
        case "Fragment": return .string(url.fragment)
        case "RawFragment": return .string(url.rawFragment)
        case "ForceQuery": return .bool(url.forceQuery)
        case "OmitHost": return .bool(url.omitHost)
        case "String": return .string(url.string)
        case "IsAbs": return .bool(url.isAbsolute)
        case "Query": return .query(url.query)
        case "Hostname": return .string(url.hostname)
        case "EscapedPath": return .string(url.escapedPath)
        case "EscapedFragment": return .string(url.escapedFragment)
        default: return .unknown
        }
    }
}

extension TemplateValue {
    fileprivate func flatMapString(_ transform: (String) -> String) -> TemplateValue {
        if case .string(let s) = self { return .string(transform(s)) }
        return self
    }
}

/// Go's `path` package.
public enum GoPath {
    /// `path.Join`.
    public static func join(_ elements: [String]) -> String {
        let parts = elements.filter { !$0.isEmpty }
        return parts.isEmpty ? "" : clean(parts.joined(separator: "/"))
    }

    /// `path.Clean`.
    public static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var output: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if let last = output.last, last != ".." {
                    output.removeLast()
                } else if !rooted {
                    output.append(part)
                }
                continue
            }
            output.append(part)
        }
        let joined = output.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path.Dir`.
    public static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return clean("") }
        return clean(String(path[...slash]))
    }

    /// `path.Base`.
    public static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.isEmpty { return "/" }
        if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
        return String(trimmed)
    }

    /// `path.Ext`.
    public static func ext(_ path: String) -> String {
        for index in path.indices.reversed() {
            if path[index] == "/" { break }
            if path[index] == "." { return String(path[index...]) }
        }
        return ""
    }

    /// `(*url.URL).JoinPath`.
    static func joinURL(_ url: GoURL, _ elements: [String]) -> GoURL {
        var all = [url.escapedPath] + elements
        var joined: String
        if !all[0].hasPrefix("/") {
            all[0] = "/" + all[0]
            joined = String(join(all).dropFirst())
        } else {
            joined = join(all)
        }
        if all[all.count - 1].hasSuffix("/") && !joined.hasSuffix("/") { joined += "/" }
        var result = url
        result.path = GoURL.unescape(Substring(joined), mode: .path) ?? joined
        result.rawPath = GoURL.escape(result.path, mode: .path) == joined ? "" : joined
        return result
    }
}

/// Go's `fmt` as templates use it.
public enum GoFormat {
    /// `%v` of a value; nil when not known.
    public static func print(_ value: TemplateValue) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .float(let f): return float(f)
        case .null: return ""
        case .url(let url): return url.string
        case .html(let output): return output.joined
        case .slice(let values):
            var parts: [String] = []
            for value in values {
                guard let text = print(value) else { return nil }
                parts.append(text)
            }
            return "[" + parts.joined(separator: " ") + "]"
        case .map(let entries):
            var parts: [String] = []
            for key in entries.keys.sorted() {
                guard let text = print(entries[key]!) else { return nil }
                parts.append(key + ":" + text)
            }
            return "map[" + parts.joined(separator: " ") + "]"
        case .unknown, .opaque, .object, .query: return nil
        }
    }

    /// `%v` of a float64 where it is plain (integral and below a million, or a short decimal);
    /// nil otherwise.
    static func float(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e6 { return String(Int(value)) }
        let text = "\(value)"
        return text.utf8.contains(UInt8(ascii: "e")) ? nil : text
    }

    /// `fmt.Sprintf` for the verbs templates use with URLs and text: `%s`, `%v`, `%d`, `%q`,
    /// `%t`, `%%`, with the flags `-` and `0`, a width and a precision (`%-35s` pads to 35
    /// characters, `%.3s` keeps 3); nil for anything else, or an argument that is not known.
    public static func printf(_ format: String, _ arguments: [TemplateValue]) -> String? {
        var output = ""
        var next = 0
        let characters = Array(format.unicodeScalars)
        var position = 0
        while position < characters.count {
            let character = characters[position]
            position += 1
            guard character == "%" else {
                output.unicodeScalars.append(character)
                continue
            }
            var leftAlign = false
            var zeroPad = false
            while position < characters.count, characters[position] == "-" || characters[position] == "0" {
                if characters[position] == "-" { leftAlign = true } else { zeroPad = true }
                position += 1
            }
            var width = 0
            func digit(_ at: Int) -> Int? {
                guard at < characters.count, ("0"..."9").contains(characters[at]) else { return nil }
                return Int(characters[at].value - 48)
            }
            while let value = digit(position) {
                width = min(width * 10 + value, 10_000)
                position += 1
            }
            var precision: Int? = nil
            if position < characters.count, characters[position] == "." {
                position += 1
                var value = 0
                while let next = digit(position) {
                    value = min(value * 10 + next, 10_000)
                    position += 1
                }
                precision = value
            }
            guard position < characters.count else { return nil }
            let verb = characters[position]
            position += 1
            if verb == "%" {
                output += "%"
                continue
            }
            guard next < arguments.count else { return nil }
            let argument = arguments[next]
            next += 1
            var text: String
            switch verb {
            case "s", "v":
                guard let printed = print(argument) else { return nil }
                text = printed
                if let precision, verb == "s" { text = String(text.unicodeScalars.prefix(precision)) }
            case "d":
                guard case .int(let i) = argument, precision == nil else { return nil }
                text = String(i)
            case "t":
                guard case .bool(let b) = argument else { return nil }
                text = b ? "true" : "false"
            case "q":
                guard let quoted = argument.stringValue, precision == nil else { return nil }
                text = GoText.quote(Array(quoted.utf8))
            default:
                return nil
            }
            // Go pads to the width in runes: spaces on the left (or right with `-`), zeros for
            // numbers with `0` (after the sign).
            let padding = width - text.unicodeScalars.count
            if padding > 0 {
                if leftAlign {
                    text += String(repeating: " ", count: padding)
                } else if zeroPad, verb == "d", text.hasPrefix("-") {
                    text = "-" + String(repeating: "0", count: padding) + text.dropFirst()
                } else {
                    text = String(repeating: zeroPad ? "0" : " ", count: padding) + text
                }
            }
            output += text
        }
        return next == arguments.count ? output : nil
    }
}
