import TWCCore

/// One node of a parsed template: one of the node kinds of Go's text/template/parse package.
/// Nodes are handles into the flat storage of their file (no recursion when a deep tree is
/// released); every node knows its bytes in the source (`range`) and the byte offset Go records
/// for it (`position`).
public struct TemplateNode: Sendable, Hashable {
    /// What a node is, with the values Go's node holds.
    public enum Kind: Sendable, Equatable {
        /// A sequence of nodes: a template's body, or the body of a branch.
        case list
        /// Text outside actions, as Go keeps it (what trim markers removed is not part of it).
        case text(String)
        /// A comment, `/* ... */` (the tree keeps comments, as Go's `ParseComments` mode does).
        case comment(String)
        /// An action that is not a control structure, such as `{{ .Title | upper }}`.
        case action
        /// A pipeline: declarations, then commands separated by `|`.
        case pipe
        /// A command of a pipeline: its arguments.
        case command
        /// A function name (functions are not checked: any identifier is a function).
        case identifier(String)
        /// A variable, `$`, `$x`, or `$x.Field.Field`: the variable's name and the field names.
        case variable([String])
        /// The cursor, `.`.
        case dot
        /// The untyped `nil`.
        case `nil`
        /// A field chain of dot, `.A.B`: the field names.
        case field([String])
        /// Fields of a term that is not dot or a variable: `(pipeline).A.B`, `strings.TrimSpace`.
        case chain([String])
        /// `true` or `false`.
        case bool(Bool)
        /// A number or character constant.
        case number(TemplateNumber)
        /// A string constant: its value (escapes resolved).
        case string(String)
        /// `{{if}}`, with an optional else list; `{{else if}}` is an if in the else list.
        case `if`
        /// `{{range}}`, with an optional else list.
        case range
        /// `{{with}}`, with an optional else list; `{{else with}}` is a with in the else list.
        case with
        /// `{{template "name" pipeline}}` (a `{{block}}` is a definition plus this call).
        case template(name: String)
        /// `{{break}}` in a range.
        case `break`
        /// `{{continue}}` in a range.
        case `continue`
    }

    let storage: TemplateStorage
    let id: Int32

    var record: TemplateRecord { storage.records[Int(id)] }

    /// What the node is.
    public var kind: Kind { storage.kind(of: id) }
    /// The node's bytes: delimiters and trim markers included for actions and control structures,
    /// parentheses for a parenthesised pipeline.
    public var range: SourceRange { SourceRange(record.start, record.end) }
    /// The byte offset Go's parser records for the node (`Node.Position()`), which Go's messages
    /// count lines and columns from. It is not always the start of `range`: a branch is at its
    /// pipeline, `.A.B` at `.B`, a chain at its first field.
    public var position: Int { record.position }

    /// The node's children, in source order: a list's nodes; an action's pipeline; a pipeline's
    /// declarations then commands; a command's arguments; a chain's term; a branch's pipeline,
    /// list and else list; a template call's pipeline.
    public var children: [TemplateNode] {
        let record = self.record
        let start = Int(record.childStart)
        return (start..<start + Int(record.childCount)).map { TemplateNode(storage: storage, id: storage.children[$0]) }
    }

    /// How many children the node has (`children.count`, without building the array).
    var childCount: Int { Int(record.childCount) }

    func child(_ index: Int) -> TemplateNode? {
        let record = self.record
        guard index < Int(record.childCount) else { return nil }
        return TemplateNode(storage: storage, id: storage.children[Int(record.childStart) + index])
    }

    /// Actions, branches and template calls: the pipeline (nil for `{{template "x"}}`).
    public var pipe: TemplateNode? {
        switch record.tag {
        case .action, .if, .range, .with, .template: return child(0)
        default: return nil
        }
    }

    /// Branches: the list run when the pipeline's value is not empty.
    public var list: TemplateNode? { record.tag.isBranch ? child(1) : nil }

    /// Branches: the list after `{{else}}` (nil when there is none).
    public var elseList: TemplateNode? { record.tag.isBranch ? child(2) : nil }

    /// Pipelines: the variables declared (`$x :=`) or assigned (`$x =`).
    public var declarations: [TemplateNode] {
        let record = self.record
        guard record.tag == .pipe, record.declarations > 0 else { return [] }
        let start = Int(record.childStart)
        return (start..<start + Int(record.declarations)).map {
            TemplateNode(storage: storage, id: storage.children[$0])
        }
    }

    /// Pipelines: the commands.
    public var commands: [TemplateNode] {
        let record = self.record
        guard record.tag == .pipe else { return [] }
        let start = Int(record.childStart)
        return (start + Int(record.declarations)..<start + Int(record.childCount)).map {
            TemplateNode(storage: storage, id: storage.children[$0])
        }
    }

    /// Pipelines: whether the pipeline declares or assigns variables.
    var hasDeclarations: Bool { record.tag == .pipe && record.declarations > 0 }

    /// Pipelines: whether the variables are assigned (`=`) rather than declared (`:=`).
    public var isAssignment: Bool { record.tag == .pipe && record.flag }

    /// Commands: the arguments (the first is the function, method or value).
    public var arguments: [TemplateNode] { record.tag == .command ? children : [] }

    /// Chains: the term the fields apply to (a parenthesised pipeline, a function name...).
    public var term: TemplateNode? { record.tag == .chain ? child(0) : nil }

    /// The text of the node's bytes in the source.
    public var sourceText: String {
        let record = self.record
        return String(decoding: storage.source[record.start..<record.end], as: UTF8.self)
    }

    /// Depth-first, pre-order walk of this node and its descendants, without recursion. Return
    /// `false` from `visit` to skip a node's children.
    public func walk(_ visit: (TemplateNode) throws -> Bool) rethrows {
        var stack: [Int32] = [id]
        while let current = stack.popLast() {
            let node = TemplateNode(storage: storage, id: current)
            guard try visit(node) else { continue }
            let record = node.record
            var index = Int(record.childStart) + Int(record.childCount) - 1
            while index >= Int(record.childStart) {
                stack.append(storage.children[index])
                index -= 1
            }
        }
    }

    /// The same node of the same parse.
    public static func == (left: TemplateNode, right: TemplateNode) -> Bool {
        left.storage === right.storage && left.id == right.id
    }

    /// Hashes the node's identity (its parse and its place in it).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(storage))
        hasher.combine(id)
    }
}

/// A template of a file's template set: the file's own top-level template, or one that a
/// `{{define}}` or `{{block}}` in it defines.
public struct TemplateDefinition: Sendable {
    /// Where the template comes from.
    public enum Origin: Sendable, Equatable {
        /// The file's top-level template (named by the name the file was parsed with).
        case file
        /// `{{define "name"}} ... {{end}}`.
        case define
        /// `{{block "name" pipeline}} ... {{end}}`.
        case block
    }

    /// The template's name.
    public var name: String { String(decoding: nameBytes, as: UTF8.self) }
    /// The name's bytes (Go's names are byte strings; a name may hold invalid UTF-8).
    let nameBytes: [UInt8]
    /// Where the template comes from.
    public let origin: Origin
    /// The whole definition, from `{{define` or `{{block` to the end of its `{{end}}` (the whole
    /// file for the file's template).
    public let range: SourceRange
    /// The quoted name in the `{{define}}` or `{{block}}` action (nil for the file's template).
    public let nameRange: SourceRange?
    /// The template's body: a list node.
    public let root: TemplateNode
}

/// A parsed template file: its top-level list and its template set, as Go's `parse.Parse`
/// returns them.
public struct TemplateFile: Sendable {
    /// The name the file was parsed with (the name of its top-level template).
    public let name: String
    /// The file's top-level list, `{{define}}` actions excluded (a `{{block}}` leaves a template
    /// call in it).
    public let root: TemplateNode
    /// The template set, as Go builds it: one template per name, in source order, the file's
    /// own first. Go keeps a template with a body over an empty one of the same name (so
    /// `{{define "x"}}{{end}}` does not replace an earlier "x", and a file whose top level is
    /// only space and definitions leaves its name to a definition of that name, if any).
    public let templates: [TemplateDefinition]
    /// Index of each name in `templates`.
    private let index: [String: Int]

    init(name: String, root: TemplateNode, templates: [TemplateDefinition]) {
        self.name = name
        self.root = root
        self.templates = templates
        var index: [String: Int] = [:]
        for (position, template) in templates.enumerated() where index[template.name] == nil {
            index[template.name] = position
        }
        self.index = index
    }

    /// The template of the set with that name.
    public func template(named name: String) -> TemplateDefinition? {
        index[name].map { templates[$0] }
    }

    /// The templates defined by `{{define}}` and `{{block}}` that the set holds.
    public var definitions: [TemplateDefinition] { templates.filter { $0.origin != .file } }

    /// The source bytes the file was parsed from.
    public var bytes: [UInt8] { root.storage.source }
}

// MARK: storage

/// Node tags, one per Go node type.
enum TemplateTag: UInt8, Sendable {
    case list, text, comment, action, pipe, command, identifier, variable, dot, `nil`, field, chain, bool, number,
        string, `if`, range, with, template, `break`, `continue`

    var isBranch: Bool { self == .if || self == .range || self == .with }
}

/// One node in the flat storage.
struct TemplateRecord: Sendable {
    var tag: TemplateTag
    /// Pipelines: assignment. Bools: the value.
    var flag: Bool
    var start: Int
    var end: Int
    var position: Int
    var childStart: Int32
    var childCount: Int32
    /// Pipelines: how many of the children are declarations.
    var declarations: Int32
    /// Index into the payloads, or -1.
    var payload: Int32
}

/// The values some nodes carry.
enum TemplatePayload: Sendable {
    case word(String)
    case words([String])
    case number(TemplateNumber)
    case bytes([UInt8])
}

/// All nodes of one parsed file.
final class TemplateStorage: Sendable {
    let source: [UInt8]
    let records: [TemplateRecord]
    let children: [Int32]
    let payloads: [TemplatePayload]
    /// Each node's kind, decoded once: the evaluator asks for kinds (texts, names, fields) of
    /// the same nodes for every link a hook renders.
    private let kinds: [TemplateNode.Kind]

    init(source: [UInt8], builder: TemplateTreeBuilder) {
        self.source = source
        self.records = builder.records
        self.children = builder.children
        self.payloads = builder.payloads
        var kinds: [TemplateNode.Kind] = []
        kinds.reserveCapacity(builder.records.count)
        for record in builder.records {
            kinds.append(Self.decodeKind(record, source: source, payloads: builder.payloads))
        }
        self.kinds = kinds
    }

    func payload(of record: TemplateRecord) -> TemplatePayload? {
        record.payload >= 0 ? payloads[Int(record.payload)] : nil
    }

    func kind(of id: Int32) -> TemplateNode.Kind { kinds[Int(id)] }

    private static func decodeKind(_ record: TemplateRecord, source: [UInt8], payloads: [TemplatePayload])
        -> TemplateNode.Kind
    {
        func payload(of record: TemplateRecord) -> TemplatePayload? {
            record.payload >= 0 ? payloads[Int(record.payload)] : nil
        }
        func words(of record: TemplateRecord) -> [String] {
            if case .words(let words)? = payload(of: record) { return words }
            return []
        }
        func word(of record: TemplateRecord) -> String {
            if case .word(let word)? = payload(of: record) { return word }
            return ""
        }
        switch record.tag {
        case .list: return .list
        case .text: return .text(String(decoding: source[record.start..<record.end], as: UTF8.self))
        case .comment:
            if case .bytes(let bytes)? = payload(of: record) { return .comment(String(decoding: bytes, as: UTF8.self)) }
            return .comment("")
        case .action: return .action
        case .pipe: return .pipe
        case .command: return .command
        case .identifier: return .identifier(word(of: record))
        case .variable: return .variable(words(of: record))
        case .dot: return .dot
        case .nil: return .nil
        case .field: return .field(words(of: record))
        case .chain: return .chain(words(of: record))
        case .bool: return .bool(record.flag)
        case .number:
            if case .number(let number)? = payload(of: record) { return .number(number) }
            return .number(TemplateNumber(text: ""))
        case .string:
            if case .bytes(let bytes)? = payload(of: record) { return .string(String(decoding: bytes, as: UTF8.self)) }
            return .string("")
        case .if: return .if
        case .range: return .range
        case .with: return .with
        case .template:
            guard case .bytes(let bytes)? = payload(of: record) else { return .template(name: "") }
            return .template(name: String(decoding: bytes, as: UTF8.self))
        case .break: return .break
        case .continue: return .continue
        }
    }
}

/// Collects nodes bottom-up while parsing: a node is added once its children are.
struct TemplateTreeBuilder {
    var records: [TemplateRecord] = []
    var children: [Int32] = []
    var payloads: [TemplatePayload] = []

    /// Adds a node whose children were the last `count` added to `children`.
    private mutating func record(
        _ tag: TemplateTag, _ range: Range<Int>, position: Int, count: Int, flag: Bool,
        declarations: Int, payload: TemplatePayload?
    ) -> Int32 {
        var payloadIndex: Int32 = -1
        if let payload {
            payloadIndex = Int32(payloads.count)
            payloads.append(payload)
        }
        records.append(
            TemplateRecord(
                tag: tag, flag: flag, start: range.lowerBound, end: range.upperBound,
                position: position, childStart: Int32(children.count - count),
                childCount: Int32(count), declarations: Int32(declarations),
                payload: payloadIndex))
        return Int32(records.count - 1)
    }

    /// Adds a node with these children.
    mutating func add(
        _ tag: TemplateTag, _ range: Range<Int>, position: Int, children nodes: [Int32] = [],
        flag: Bool = false, payload: TemplatePayload? = nil
    ) -> Int32 {
        children.append(contentsOf: nodes)
        return record(
            tag, range, position: position, count: nodes.count, flag: flag, declarations: 0,
            payload: payload)
    }

    /// Adds a node with one child.
    mutating func add(
        _ tag: TemplateTag, _ range: Range<Int>, position: Int, child: Int32,
        payload: TemplatePayload? = nil
    ) -> Int32 {
        children.append(child)
        return record(tag, range, position: position, count: 1, flag: false, declarations: 0, payload: payload)
    }

    /// Adds a node whose children are `pending[base...]`, which are taken off `pending`.
    mutating func add(
        _ tag: TemplateTag, _ range: Range<Int>, position: Int, pending: inout [Int32], from base: Int,
        flag: Bool = false, declarations: Int = 0
    ) -> Int32 {
        children.append(contentsOf: pending[base...])
        let count = pending.count - base
        pending.removeSubrange(base...)
        return record(
            tag, range, position: position, count: count, flag: flag, declarations: declarations,
            payload: nil)
    }
}

extension TemplateNode {
    /// Strings: the value's bytes (it may hold invalid UTF-8, from `\xff` or a raw string).
    /// Comments: the comment's bytes, `/* ... */`. Template calls: the name's bytes.
    public var valueBytes: [UInt8]? {
        let record = self.record
        guard record.tag == .string || record.tag == .comment || record.tag == .template,
            case .bytes(let bytes)? = storage.payload(of: record)
        else { return nil }
        return bytes
    }
}
