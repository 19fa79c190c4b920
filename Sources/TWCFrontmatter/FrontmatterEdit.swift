import TWCCore

/// One step of a path into front matter: a key of a table or an index of an array.
/// Literals work: `["params", "author"]`, `["tags", 0]`.
public enum FrontmatterPathComponent: Sendable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral
{
    case key(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }

    public var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): "[\(index)]"
        }
    }
}

/// A path from the front matter table to one value.
public typealias FrontmatterPath = [FrontmatterPathComponent]

extension Array where Element == FrontmatterPathComponent {
    /// `params.author`, `tags[0]`: how messages name a path.
    public var pathDescription: String {
        var text = ""
        for component in self {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index: text += component.description
            }
        }
        return text.isEmpty ? "(front matter)" : text
    }
}

/// A value an edit writes. Dates are text because Hugo reads a date from a date literal and from a
/// string alike; the editor decides which of the two the page gets.
public enum FrontmatterScalar: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    /// A date, time or date-time such as `2025-03-23` or `2025-03-23T10:00:00+01:00`. Written as an
    /// unquoted date where the format has date literals (YAML, TOML) and the value it replaces was
    /// not a string; else as a string in the old value's quoting style.
    case date(String)

    /// The scalar a parsed value holds: a YAML timestamp or TOML date becomes `.date`. Nil for
    /// tables, arrays and null, which the editor does not write.
    public init?(_ value: FrontmatterValue) {
        switch value.kind {
        case .string(let s): self = .string(s)
        case .datetime(let s): self = .date(s)
        case .integer(let i): self = .integer(i)
        case .float(let d): self = .float(d)
        case .bool(let b): self = .bool(b)
        case .null, .array, .table: return nil
        }
    }
}

/// Byte-range replacements in a page: usually one; two when a YAML block scalar's header line keeps
/// a comment between the two changed parts (the comment's bytes are never rewritten).
public struct FrontmatterEdit: Sendable, Equatable {
    public struct Replacement: Sendable, Equatable {
        /// Absolute byte offsets into the page; empty for an insertion.
        public var range: SourceRange
        public var text: String

        public init(range: SourceRange, text: String) {
            self.range = range
            self.text = text
        }
    }

    /// In file order, not overlapping, not touching.
    public var replacements: [Replacement]

    public init(replacements: [Replacement]) {
        self.replacements = Self.merged(replacements)
    }

    /// The page's bytes with the replacements made.
    public func applied(to bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + replacements.reduce(0) { $0 + $1.text.utf8.count })
        var copied = 0
        for replacement in replacements {
            out.append(contentsOf: bytes[copied..<replacement.range.start])
            out.append(contentsOf: replacement.text.utf8)
            copied = replacement.range.end
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// How many bytes the page grows (negative: shrinks).
    public var byteDelta: Int {
        replacements.reduce(0) { $0 + $1.text.utf8.count - $1.range.count }
    }

    /// Sorts and joins touching replacements, so that one change is one replacement wherever the
    /// bytes between its parts are not kept.
    static func merged(_ replacements: [Replacement]) -> [Replacement] {
        var out: [Replacement] = []
        for replacement in replacements.sorted(by: { $0.range.start < $1.range.start }) {
            if let last = out.last, last.range.end == replacement.range.start {
                out[out.count - 1] = Replacement(
                    range: SourceRange(last.range.start, replacement.range.end),
                    text: last.text + replacement.text)
            } else {
                out.append(replacement)
            }
        }
        return out
    }
}

/// Why the editor could not compute an edit. Paths are those given to the editor, cut after the
/// step that failed.
public enum FrontmatterEditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The page has no front matter block.
    case noFrontmatter
    /// The front matter does not parse; nothing is edited in a page whose structure is unknown.
    case invalidFrontmatter(FrontmatterError)
    case emptyPath
    /// A key is missing or an index is out of range.
    case notFound(FrontmatterPath)
    /// The value to replace is a table or an array.
    case notAScalar(FrontmatterPath)
    /// A key step (or the parent of an added key) is not a table.
    case notATable(FrontmatterPath)
    /// An index step is not an array.
    case notAnArray(FrontmatterPath)
    /// The key to add is already there (keys match without regard to case, as in Hugo).
    case keyExists(FrontmatterPath)
    /// A shape the editor does not change, such as a value reached through a YAML alias.
    case unsupported(FrontmatterPath, String)
    /// No spelling of the value parsed back to it without changing another value.
    case cannotWrite(FrontmatterPath, String)

    public var description: String {
        switch self {
        case .noFrontmatter: "the page has no front matter"
        case .invalidFrontmatter(let error): "the front matter does not parse: \(error.message)"
        case .emptyPath: "no key given"
        case .notFound(let path): "'\(path.pathDescription)' is not in the front matter"
        case .notAScalar(let path): "'\(path.pathDescription)' is a table or an array, not a single value"
        case .notATable(let path): "'\(path.pathDescription)' is not a table"
        case .notAnArray(let path): "'\(path.pathDescription)' is not an array"
        case .keyExists(let path): "'\(path.pathDescription)' is already in the front matter"
        case .unsupported(let path, let reason): "cannot edit '\(path.pathDescription)': \(reason)"
        case .cannotWrite(let path, let reason): "cannot write '\(path.pathDescription)': \(reason)"
        }
    }
}
