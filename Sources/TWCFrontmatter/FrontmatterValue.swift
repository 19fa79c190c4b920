import TWCCore

public enum FrontmatterFormat: String, Sendable, Equatable {
    case yaml, toml, json
}

/// How a scalar was written in the source, so that edits can keep the style.
public enum ScalarStyle: Sendable, Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded,  // YAML (TOML/JSON strings map to these too)
        multilineBasic, multilineLiteral,  // TOML """ and '''
        none  // collections
}

/// A parsed frontmatter / config value with the byte range it came from (absolute file offsets).
public struct FrontmatterValue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case bool(Bool)
        case null
        /// A date/time written as a typed value: an unquoted YAML timestamp or a TOML
        /// date-time / local date / local time. Holds the source text exactly.
        case datetime(String)
        case array([FrontmatterValue])
        case table([FrontmatterEntry])
    }

    public var kind: Kind
    /// The value's bytes (for a quoted string: including the quotes).
    public var range: SourceRange
    public var style: ScalarStyle

    public init(kind: Kind, range: SourceRange, style: ScalarStyle = .none) {
        self.kind = kind
        self.range = range
        self.style = style
    }

    /// Table lookup, case-insensitive as Hugo matches front matter keys.
    public subscript(key: String) -> FrontmatterValue? { entry(key)?.value }

    public func entry(_ key: String) -> FrontmatterEntry? {
        guard case .table(let entries) = kind else { return nil }
        let lowered = key.lowercased()
        return entries.last { $0.key.lowercased() == lowered }
    }

    public var entries: [FrontmatterEntry] {
        if case .table(let entries) = kind { return entries }
        return []
    }

    public var stringValue: String? {
        switch kind {
        case .string(let s), .datetime(let s): return s
        default: return nil
        }
    }
}

public struct FrontmatterEntry: Sendable, Equatable {
    public var key: String
    public var keyRange: SourceRange
    public var value: FrontmatterValue

    public init(key: String, keyRange: SourceRange, value: FrontmatterValue) {
        self.key = key
        self.keyRange = keyRange
        self.value = value
    }
}

/// A located parse error: what was expected, where.
public struct FrontmatterError: Error, Sendable, Equatable {
    public var message: String
    public var range: SourceRange

    public init(message: String, range: SourceRange) {
        self.message = message
        self.range = range
    }
}

/// Where the front matter block of a page is.
public struct FrontmatterBlock: Sendable, Equatable {
    public var format: FrontmatterFormat
    /// Whole block including delimiters (and the newline after the closing delimiter).
    public var range: SourceRange
    /// The bytes between the delimiters (for JSON: the whole object).
    public var contentRange: SourceRange
    /// Offset where the Markdown body begins.
    public var bodyStart: Int

    public init(format: FrontmatterFormat, range: SourceRange, contentRange: SourceRange, bodyStart: Int) {
        self.format = format
        self.range = range
        self.contentRange = contentRange
        self.bodyStart = bodyStart
    }
}
