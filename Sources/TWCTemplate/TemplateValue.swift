/// A value while a template is evaluated (`TemplateEvaluator`). What the evaluator cannot know is
/// `.unknown`, never a guess: a condition on an unknown value, a function it does not model, a
/// field of an object the host does not describe.
public indirect enum TemplateValue: Sendable, Equatable {
    /// Not known to the evaluator.
    case unknown
    /// Go's `nil` (a missing map key, `nil`, a page `GetPage` did not find).
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    /// A string (also `template.HTML`, `template.URL` ...: safe types print the same).
    case string(String)
    case slice([TemplateValue])
    /// A `map[string]any` (`dict`, params).
    case map([String: TemplateValue])
    /// A `*url.URL` (`urls.Parse`).
    case url(GoURL)
    /// `url.Values` (`$u.Query`): keys to values.
    case query([String: [String]])
    /// Text whose content does not matter to the evaluator's questions (a link's rendered text):
    /// printed as an opaque segment; whether it is empty, when known.
    case opaque(empty: Bool?)
    /// An object of the host (a page, a resource, the site): its fields and methods are the host's.
    case object(TemplateObject)
    /// HTML written as it is (`safeHTML`, a partial's output): printed as template text.
    case html(TemplateOutput)

    /// Go's truth of a value (`if`, `with`, `and`, `or`, `not`); nil when it is not known.
    public var truth: Bool? {
        switch self {
        case .unknown: return nil
        case .null: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .float(let value): return value != 0
        case .string(let value): return !value.isEmpty
        case .slice(let values): return !values.isEmpty
        case .map(let values): return !values.isEmpty
        case .url: return true
        case .query(let values): return !values.isEmpty
        case .opaque(let empty): return empty.map { !$0 }
        case .object(let object): return object.truth
        case .html(let output):
            if output.segments.isEmpty { return false }
            return output.isKnown && !output.segments.contains(.opaque) ? output.joined.map { !$0.isEmpty } : nil
        }
    }

    /// The string a value is when a function wants a string (Hugo casts with `cast.ToString`);
    /// nil when that is not known or the value is not a string-like value.
    public var stringValue: String? {
        switch self {
        case .string(let value): return value
        case .int(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .float(let value): return GoFormat.float(value)
        case .url(let url): return url.string
        case .null: return ""
        case .html(let output): return output.joined
        default: return nil
        }
    }
}

/// An object of the evaluator's host: `kind` says what it is (`page`, `resource`, `site` ...),
/// `id` and `text` which one (a page index, a resource's URL).
public struct TemplateObject: Sendable, Hashable {
    public var kind: String
    public var id: Int
    public var text: String
    /// Go's truth of the object (a non-nil pointer is true).
    public var truth: Bool

    public init(kind: String, id: Int = 0, text: String = "", truth: Bool = true) {
        self.kind = kind
        self.id = id
        self.text = text
        self.truth = truth
    }
}

/// A segment of what a template writes.
public enum TemplateOutputSegment: Sendable, Equatable {
    /// Text of the template itself.
    case text(String)
    /// A value an action printed.
    case value(String)
    /// Something printed that does not matter to the evaluator's questions (a link's text).
    case opaque
    /// Output the evaluator could not compute (an unknown value printed, a branch on an unknown
    /// condition whose branches print different things, a template it could not follow).
    case unknown
}

/// What a template wrote, as segments.
public struct TemplateOutput: Sendable, Equatable {
    public var segments: [TemplateOutputSegment] = []

    public init(segments: [TemplateOutputSegment] = []) { self.segments = segments }

    mutating func append(_ segment: TemplateOutputSegment) {
        switch (segments.last, segment) {
        case (.text(let a)?, .text(let b)):
            segments[segments.count - 1] = .text(a + b)
        case (.value(let a)?, .value(let b)):
            segments[segments.count - 1] = .value(a + b)
        case (.unknown?, .unknown):
            return
        default:
            segments.append(segment)
        }
    }

    mutating func append(contentsOf other: TemplateOutput) {
        for segment in other.segments { append(segment) }
    }

    /// Whether everything written is known.
    public var isKnown: Bool { !segments.contains(.unknown) }

    /// All that was written, when it is known and holds no opaque text.
    public var joined: String? {
        var text = ""
        for segment in segments {
            switch segment {
            case .text(let part), .value(let part): text += part
            case .opaque, .unknown: return nil
            }
        }
        return text
    }

    /// The value of the first attribute `name` (`href`, `src`) of any HTML tag written, with its
    /// character references decoded; nil when there is none, `.unknown` when the value, or
    /// output before it that might hold the attribute, is not known.
    ///
    /// Only the template's own text opens and closes the attribute: a printed value cannot end it
    /// (html/template escapes quotes in attribute values).
    public func attribute(_ name: String) -> AttributeValue? {
        let wanted = Array(name.lowercased().utf8)
        var valueParts: [String]? = nil
        var quote: UInt8 = 0
        for segment in segments {
            switch segment {
            case .unknown:
                return .unknown
            case .opaque:
                if valueParts != nil { return .unknown }
            case .value(let text):
                // Printed values are escaped by html/template: outside an attribute they cannot
                // open one, inside it they are not character references.
                if valueParts != nil { valueParts!.append(text) }
            case .text(let text):
                let bytes = Array(text.utf8)
                var index = 0
                if valueParts != nil {
                    if let end = bytes.firstIndex(of: quote) {
                        valueParts!.append(HTMLText.unescape(String(decoding: bytes[..<end], as: UTF8.self)))
                        return .known(valueParts!.joined())
                    }
                    valueParts!.append(HTMLText.unescape(text))
                    continue
                }
                while let found = Self.findAttribute(wanted, in: bytes, from: index) {
                    index = found.valueStart
                    if found.quote == 0 {
                        // An unquoted value that starts in what follows: not followed.
                        if index == bytes.count { return .unknown }
                        // An unquoted value: up to white space or `>`.
                        var end = index
                        while end < bytes.count, !Self.isSpace(bytes[end]), bytes[end] != UInt8(ascii: ">") {
                            end += 1
                        }
                        if end == bytes.count { return .unknown }
                        return .known(HTMLText.unescape(String(decoding: bytes[index..<end], as: UTF8.self)))
                    }
                    if let end = bytes[index...].firstIndex(of: found.quote) {
                        return .known(HTMLText.unescape(String(decoding: bytes[index..<end], as: UTF8.self)))
                    }
                    valueParts = [HTMLText.unescape(String(decoding: bytes[index...], as: UTF8.self))]
                    quote = found.quote
                    break
                }
            }
        }
        return valueParts == nil ? nil : .unknown
    }

    /// What the written HTML links and names, where known (`htmlReferences()`).
    public struct HTMLReferences: Sendable, Equatable {
        /// The `href` of every `<a>` and the `src` of every `<img>`, with character references
        /// decoded: element name and value.
        public var links: [HTMLLink] = []
        /// Every `id` attribute (and `<a name>`), decoded.
        public var ids: [String] = []
        /// Whether an element may have an id that is not known: an `id` whose value, or output in
        /// a tag where an attribute may stand, is not known.
        public var unknownIDs = false
    }

    public struct HTMLLink: Sendable, Equatable {
        public var element: String
        public var value: String
    }

    /// The links and ids of the HTML written. Printed values are read as html/template writes
    /// them (escaped: they cannot open a tag or end a value); an attribute whose value is not
    /// known in full is left out, and so is a link of a tag with unknown output before it (that
    /// output could hold the attribute).
    public func htmlReferences() -> HTMLReferences {
        let marker: UInt8 = 0x01
        var bytes: [UInt8] = []
        for segment in segments {
            switch segment {
            case .text(let text): bytes += text.utf8
            case .value(let text): bytes += HTMLText.escape(text).utf8
            case .opaque, .unknown: bytes.append(marker)
            }
        }
        func isNameByte(_ byte: UInt8) -> Bool {
            !Self.isSpace(byte) && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "/") && byte != UInt8(ascii: "=")
                && byte != marker && byte != UInt8(ascii: "<")
        }
        var result = HTMLReferences()
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            var position = index + 1
            // Comments, doctypes and closing tags have no attributes.
            guard position < bytes.count, (bytes[position] | 0x20) >= UInt8(ascii: "a"),
                (bytes[position] | 0x20) <= UInt8(ascii: "z")
            else {
                index = position
                continue
            }
            while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
            let element = String(decoding: bytes[(index + 1)..<position], as: UTF8.self).lowercased()
            let wanted = element == "a" ? "href" : element == "img" ? "src" : ""
            var sawUnknown = false
            var linked = false
            while position < bytes.count {
                while position < bytes.count, Self.isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") {
                    position += 1
                }
                guard position < bytes.count, bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "<")
                else { break }
                if bytes[position] == marker {
                    // Output in attribute position: it may be any attribute.
                    sawUnknown = true
                    result.unknownIDs = true
                    position += 1
                    continue
                }
                let nameStart = position
                while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
                let name = String(decoding: bytes[nameStart..<position], as: UTF8.self).lowercased()
                while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
                guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                    if position == nameStart { position += 1 }
                    continue
                }
                position += 1
                while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
                guard position < bytes.count else { break }
                let value: ArraySlice<UInt8>
                let quote = bytes[position]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    let start = position + 1
                    let end = bytes[start...].firstIndex(of: quote) ?? bytes.count
                    value = bytes[start..<end]
                    position = min(end + 1, bytes.count)
                } else {
                    let start = position
                    while position < bytes.count, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
                        position += 1
                    }
                    value = bytes[start..<position]
                }
                let known = !value.contains(marker)
                let decoded = known ? HTMLText.unescape(String(decoding: value, as: UTF8.self)) : ""
                if name == "id" || (name == "name" && element == "a") {
                    if known { result.ids.append(decoded) } else { result.unknownIDs = true }
                } else if name == wanted, !linked {
                    // The first attribute of a name is the element's.
                    linked = true
                    if known, !sawUnknown { result.links.append(HTMLLink(element: element, value: decoded)) }
                }
            }
            index = max(index + 1, position)
        }
        return result
    }

    public enum AttributeValue: Sendable, Equatable {
        case known(String)
        case unknown
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    /// The next ` name=` (any case, spaces around `=` allowed) inside a tag of `bytes` at or after
    /// `from`: where its value starts and its quote (0 when unquoted).
    static func findAttribute(_ name: [UInt8], in bytes: [UInt8], from: Int) -> (valueStart: Int, quote: UInt8)? {
        var index = from
        while index + name.count < bytes.count {
            defer { index += 1 }
            guard index > 0, isSpace(bytes[index - 1]) else { continue }
            var matches = true
            for (offset, byte) in name.enumerated() where bytes[index + offset] | 0x20 != byte {
                matches = false
                break
            }
            guard matches else { continue }
            var position = index + name.count
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { continue }
            position += 1
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
            if position == bytes.count { return (position, 0) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return (position + 1, byte) }
            return (position, 0)
        }
        return nil
    }
}

/// HTML character references in attribute values (what html/template writes: `&amp;`, `&#34;`,
/// `&#39;`, `&lt;`, `&gt;`, `&quot;`, `&#43;`).
enum HTMLText {
    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(10).firstIndex(of: ";") else {
                output += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16),
                    let scalar = Unicode.Scalar(code)
                {
                    replacement = String(Character(scalar))
                } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                    replacement = String(Character(scalar))
                }
            }
            if let replacement {
                output += replacement
                rest = after[after.index(after: semicolon)...]
            } else {
                output += "&"
                rest = after
            }
        }
        output += rest
        return output
    }

    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&#34;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
