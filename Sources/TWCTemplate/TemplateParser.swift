import TWCCore

/// A template that Go's parser rejects: Go's message, and where Go stopped.
public struct TemplateParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Go's message, without its `template: NAME:LINE: ` prefix (`unexpected EOF`,
    /// `unexpected "}" in operand`, `unclosed action in action started at NAME:3` ...).
    public var message: String
    /// Byte offset of the token Go's parser had last read when it stopped: the line Go reports
    /// is this offset's line.
    public var offset: Int
    /// The 1-based line Go reports.
    public var line: Int

    /// Makes an error.
    public init(message: String, offset: Int, line: Int) {
        self.message = message
        self.offset = offset
        self.line = line
    }

    /// The message as Go (and so Hugo) prints it: `template: NAME:LINE: MESSAGE`.
    public func goMessage(name: String) -> String { "template: \(name):\(line): \(message)" }

    /// `LINE: MESSAGE`.
    public var description: String { "\(line): \(message)" }
}

/// Parses Go text/template source as Hugo's fork of Go's text/template/parse does (Go 1.23+:
/// `{{else with}}`, `{{break}}`, `{{continue}}`), with default delimiters, functions unchecked (Go's
/// `SkipFuncCheck`: any identifier is a function) and comments kept in the tree. Linear time; no
/// recursion over the nesting depth of the template.
public enum TemplateParser {
    /// Parses `bytes` as a template named `name` (the name of the file's top-level template, as
    /// Hugo names it: the path under `layouts/`, such as `_shortcodes/note.html`).
    public static func parse(_ bytes: [UInt8], name: String) throws(TemplateParseError) -> TemplateFile {
        var parser = Parser(bytes: bytes, name: name)
        return try parser.parseFile()
    }

    /// Parses a source file, named by its path.
    public static func parse(_ file: SourceFile) throws(TemplateParseError) -> TemplateFile {
        try parse(file.bytes, name: file.path)
    }
}

/// The deepest nesting of parenthesised pipelines Go accepts.
let maximumExpressionDepth = 10_000

private struct Parser {
    let bytes: [UInt8]
    let name: String
    var lexer: TemplateLexer
    var builder = TemplateTreeBuilder()
    /// The parse state of the template being parsed (Go's `*Tree`): a definition gets its own.
    var tree = TreeState()
    /// Go's tree set, by name (Go's names are byte strings).
    var treeSet: [[UInt8]: TreeEntry] = [:]
    /// The children of the nodes being parsed, innermost last: a list's nodes, a pipeline's
    /// declarations and commands, a command's arguments. Each frame knows where its own begin.
    var pending: [Int32] = []

    init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
        self.lexer = TemplateLexer(bytes: bytes)
        builder.records.reserveCapacity(bytes.count / 8)
        builder.children.reserveCapacity(bytes.count / 8)
    }

    /// What Go keeps per tree while parsing: the three-token look-ahead, the variables in scope,
    /// the range depth (for break and continue), the action being parsed and the paren depth.
    struct TreeState {
        var token0 = TemplateToken(kind: .error, start: 0, end: 0)
        var token1 = TemplateToken(kind: .error, start: 0, end: 0)
        var token2 = TemplateToken(kind: .error, start: 0, end: 0)
        var peekCount = 0
        var variables: [String] = ["$"]
        var variableCounts: [String: Int] = ["$": 1]
        var rangeDepth = 0
        /// Offset of the `{{` of the action being parsed (Go's `actionLine`), nil once an action
        /// has been completed.
        var actionStart: Int?
        var stackDepth = 0

        /// Go's `token[index]`.
        func token(_ index: Int) -> TemplateToken { index == 0 ? token0 : index == 1 ? token1 : token2 }

        mutating func declare(_ variable: String) {
            variables.append(variable)
            variableCounts[variable, default: 0] += 1
        }

        mutating func popVariables(to count: Int) {
            while variables.count > count {
                let variable = variables.removeLast()
                variableCounts[variable]! -= 1
            }
        }
    }

    struct TreeEntry {
        var name: [UInt8]
        var origin: TemplateDefinition.Origin
        var range: Range<Int>
        var nameRange: Range<Int>?
        var root: Int32
        var isEmpty: Bool
    }

    // MARK: tokens

    mutating func next() -> TemplateToken {
        if tree.peekCount > 0 {
            tree.peekCount -= 1
        } else {
            tree.token0 = lexer.next()
        }
        return tree.token(tree.peekCount)
    }

    mutating func backup() { tree.peekCount += 1 }

    /// Pushes back two tokens: `first`, then the one last read.
    mutating func backup2(_ first: TemplateToken) {
        tree.token1 = first
        tree.peekCount = 2
    }

    /// Pushes back three tokens: `first`, `second`, then the one last read.
    mutating func backup3(_ first: TemplateToken, _ second: TemplateToken) {
        tree.token1 = second
        tree.token2 = first
        tree.peekCount = 3
    }

    mutating func peek() -> TemplateToken {
        if tree.peekCount > 0 { return tree.token(tree.peekCount - 1) }
        tree.peekCount = 1
        tree.token0 = lexer.next()
        return tree.token0
    }

    mutating func nextNonSpace() -> TemplateToken {
        var token: TemplateToken
        repeat { token = next() } while token.kind == .space
        return token
    }

    mutating func peekNonSpace() -> TemplateToken {
        let token = nextNonSpace()
        backup()
        return token
    }

    func text(_ token: TemplateToken) -> String { String(decoding: bytes[token.range], as: UTF8.self) }

    // MARK: errors

    func line(of offset: Int) -> Int {
        var line = 1
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A { line += 1 }
        return line
    }

    /// Go's `errorf`: the message, at the token this tree read last.
    func fail(_ message: String) -> TemplateParseError {
        let offset = tree.token0.start
        return TemplateParseError(message: message, offset: offset, line: line(of: offset))
    }

    /// Go's `unexpected`: a lexer error as it is (naming the line of the action it is in, when that
    /// differs), anything else as "unexpected X in CONTEXT".
    func unexpected(_ token: TemplateToken, _ context: String) -> TemplateParseError {
        guard token.kind == .error else { return fail("unexpected \(token.goDescription(bytes)) in \(context)") }
        let message = lexer.message(of: token)
        var extra = ""
        if let actionStart = tree.actionStart, line(of: actionStart) != line(of: token.start) {
            extra = " in action started at \(name):\(line(of: actionStart))"
            if message.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
        }
        return fail(message + extra)
    }

    mutating func expect(_ kind: TemplateTokenKind, _ context: String) throws(TemplateParseError) -> TemplateToken {
        let token = nextNonSpace()
        guard token.kind == kind else { throw unexpected(token, context) }
        return token
    }

    // MARK: lists and control structures

    /// What `textOrAction` produced.
    enum Item {
        /// A node for the current list.
        case node(Int32)
        /// A control structure or block was opened: its frame is on the stack.
        case opened
        /// `{{else}}` (`end` nil: `{{else if}}` or `{{else with}}`, whose keyword is still pending).
        case elseAction(position: Int, delimiterStart: Int, end: Int?)
        /// `{{end}}`.
        case endAction(delimiterStart: Int, end: Int)
    }

    /// A list being parsed, and what it belongs to: Go's recursion over nested control structures,
    /// kept on an explicit stack.
    struct ListFrame {
        enum Owner {
            case file, define, block
            case branch(TemplateTag)
        }
        var owner: Owner
        /// Where the list's nodes start in `pending`.
        var base: Int
        var listPosition: Int
        var listStart: Int
        /// Where the owner's opening action starts.
        var actionStart = 0
        // Branches
        var pipe: Int32 = -1
        var mainList: Int32 = -1
        var inElse = false
        var elseListPosition = 0
        /// Opened by `{{else if}}` or `{{else with}}`: its end also ends the branch below it.
        var closesParent = false
        var variableCount = 0
        // Definitions and blocks
        var savedTree: TreeState?
        var templateName: [UInt8] = []
        var nameRange = 0..<0
        var namePosition = 0

        init(owner: Owner, base: Int, listPosition: Int, listStart: Int) {
            self.owner = owner
            self.base = base
            self.listPosition = listPosition
            self.listStart = listStart
        }
    }

    var frames: [ListFrame] = []

    mutating func parseFile() throws(TemplateParseError) -> TemplateFile {
        frames = [ListFrame(owner: .file, base: 0, listPosition: peek().start, listStart: 0)]
        while true {
            let top = frames.count - 1
            if case .file = frames[top].owner {
                if peek().kind == .eof { break }
                if peek().kind == .leftDelim {
                    let delimiter = next()
                    if nextNonSpace().kind == .define {
                        try beginDefinition(delimiter)
                        continue
                    }
                    backup2(delimiter)
                }
                switch try textOrAction() {
                case .node(let node): pending.append(node)
                case .opened: break
                case .elseAction: throw fail("unexpected {{else}}")
                case .endAction: throw fail("unexpected {{end}}")
                }
            } else {
                if peekNonSpace().kind == .eof { throw fail("unexpected EOF") }
                let item = try textOrAction()
                switch item {
                case .node(let node): pending.append(node)
                case .opened: break
                case .elseAction, .endAction: try endList(item)
                }
            }
        }
        let root = builder.add(.list, 0..<bytes.count, position: frames[0].listPosition, pending: &pending, from: 0)
        try addTree(Array(name.utf8), root: root, origin: .file, range: 0..<bytes.count, nameRange: nil)
        let storage = TemplateStorage(source: bytes, builder: builder)
        let templates = treeSet.values.map { entry in
            TemplateDefinition(
                nameBytes: entry.name, origin: entry.origin, range: SourceRange(entry.range),
                nameRange: entry.nameRange.map(SourceRange.init),
                root: TemplateNode(storage: storage, id: entry.root))
        }.sorted { left, right in
            if left.origin == .file || right.origin == .file { return left.origin == .file && right.origin != .file }
            return left.range.start < right.range.start
        }
        return TemplateFile(name: name, root: TemplateNode(storage: storage, id: root), templates: templates)
    }

    /// Go's `textOrAction`.
    mutating func textOrAction() throws(TemplateParseError) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .text:
            return .node(builder.add(.text, token.range, position: token.start))
        case .leftDelim:
            tree.actionStart = token.start
            let item = try action(token)
            if case .opened = item {} else { tree.actionStart = nil }
            return item
        case .comment:
            let text = Array(bytes[token.range])
            return .node(builder.add(.comment, token.outer, position: token.start, payload: .bytes(text)))
        default:
            throw unexpected(token, "input")
        }
    }

    /// Go's `action`: the left delimiter has been read.
    mutating func action(_ delimiter: TemplateToken) throws(TemplateParseError) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .block:
            return try blockControl(delimiter)
        case .break, .continue:
            let context = token.kind == .break ? "{{break}}" : "{{continue}}"
            let close = nextNonSpace()
            guard close.kind == .rightDelim else { throw unexpected(close, context) }
            guard tree.rangeDepth > 0 else { throw fail("\(context) outside {{range}}") }
            let tag: TemplateTag = token.kind == .break ? .break : .continue
            return .node(builder.add(tag, delimiter.start..<close.end, position: token.start))
        case .else:
            let following = peekNonSpace()
            if following.kind == .if || following.kind == .with {
                return .elseAction(position: following.start, delimiterStart: delimiter.start, end: nil)
            }
            let close = try expect(.rightDelim, "else")
            return .elseAction(position: close.start, delimiterStart: delimiter.start, end: close.end)
        case .end:
            let close = try expect(.rightDelim, "end")
            return .endAction(delimiterStart: delimiter.start, end: close.end)
        case .if:
            try openBranch(.if, actionStart: delimiter.start, closesParent: false)
            return .opened
        case .range:
            try openBranch(.range, actionStart: delimiter.start, closesParent: false)
            return .opened
        case .with:
            try openBranch(.with, actionStart: delimiter.start, closesParent: false)
            return .opened
        case .template:
            return try templateControl(delimiter)
        default:
            backup()
            let first = peek()
            let (pipe, close) = try pipeline(context: "command", end: .rightDelim)
            return .node(builder.add(.action, delimiter.start..<close.end, position: first.start, child: pipe))
        }
    }

    /// Go's `parseControl` up to the branch's list: the pipeline, then the list begins.
    mutating func openBranch(_ tag: TemplateTag, actionStart: Int, closesParent: Bool) throws(TemplateParseError) {
        let variableCount = tree.variables.count
        let context = tag == .if ? "if" : tag == .range ? "range" : "with"
        let (pipe, close) = try pipeline(context: context, end: .rightDelim)
        if tag == .range { tree.rangeDepth += 1 }
        var frame = ListFrame(
            owner: .branch(tag), base: pending.count, listPosition: peekNonSpace().start,
            listStart: close.end)
        frame.actionStart = actionStart
        frame.pipe = pipe
        frame.closesParent = closesParent
        frame.variableCount = variableCount
        frames.append(frame)
    }

    /// The current list ended at `{{else}}` or `{{end}}`.
    mutating func endList(_ item: Item) throws(TemplateParseError) {
        let top = frames.count - 1
        let delimiterStart: Int
        switch item {
        case .elseAction(_, let start, _), .endAction(let start, _): delimiterStart = start
        default: return
        }
        let frame = frames[top]
        let list = builder.add(
            .list, frame.listStart..<delimiterStart, position: frame.listPosition,
            pending: &pending, from: frame.base)
        switch frame.owner {
        case .file:
            return
        case .define:
            guard case .endAction(_, let end) = item else { throw fail("unexpected {{else}} in define clause") }
            try addTree(
                frame.templateName, root: list, origin: .define, range: frame.actionStart..<end,
                nameRange: frame.nameRange)
            tree = frame.savedTree!
            frames.removeLast()
        case .block:
            guard case .endAction(_, let end) = item else {
                tree = frame.savedTree!
                throw fail("unexpected {{else}} in block clause")
            }
            try addTree(
                frame.templateName, root: list, origin: .block, range: frame.actionStart..<end,
                nameRange: frame.nameRange)
            tree = frame.savedTree!
            frames.removeLast()
            let call = builder.add(
                .template, frame.actionStart..<end, position: frame.namePosition,
                child: frame.pipe, payload: .bytes(frame.templateName))
            tree.actionStart = nil
            pending.append(call)
        case .branch(let tag):
            if frame.inElse {
                guard case .endAction(_, let end) = item else { throw fail("expected end; found {{else}}") }
                try completeBranch(elseList: list, end: end)
                return
            }
            frames[top].mainList = list
            if tag == .range { tree.rangeDepth -= 1 }
            switch item {
            case .endAction(_, let end):
                try completeBranch(elseList: nil, end: end)
            case .elseAction(let position, let start, let end):
                if tag == .if && peek().kind == .if || tag == .with && peek().kind == .with {
                    // {{else if}} / {{else with}}: a branch of the same kind alone in the else list,
                    // whose {{end}} ends this one too.
                    _ = next()
                    frames[top].elseListPosition = position
                    try openBranch(tag, actionStart: start, closesParent: true)
                } else {
                    frames[top].inElse = true
                    frames[top].listStart = end ?? position
                    frames[top].listPosition = peekNonSpace().start
                }
            default:
                break
            }
        }
    }

    /// Go's `parseControl` returning: the branch node goes into the list below it.
    mutating func completeBranch(elseList: Int32?, end: Int) throws(TemplateParseError) {
        var elseList = elseList
        while true {
            let frame = frames.removeLast()
            guard case .branch(let tag) = frame.owner else { return }
            tree.popVariables(to: frame.variableCount)
            let children = elseList.map { [frame.pipe, frame.mainList, $0] } ?? [frame.pipe, frame.mainList]
            let pipePosition = builder.records[Int(frame.pipe)].position
            let branch = builder.add(tag, frame.actionStart..<end, position: pipePosition, children: children)
            if frame.closesParent {
                let parent = frames[frames.count - 1]
                elseList = builder.add(.list, frame.actionStart..<end, position: parent.elseListPosition, child: branch)
                continue
            }
            tree.actionStart = nil
            pending.append(branch)
            return
        }
    }

    /// Go's `parse` meeting `{{define`: the definition's name, then its list begins, in a tree of
    /// its own.
    mutating func beginDefinition(_ delimiter: TemplateToken) throws(TemplateParseError) {
        let saved = tree
        tree = TreeState()
        let nameToken = nextNonSpace()
        guard nameToken.kind == .string || nameToken.kind == .rawString else {
            throw unexpected(nameToken, "define clause")
        }
        guard let name = GoStrconv.unquote(bytes[nameToken.range]) else { throw fail("invalid syntax") }
        let close = try expect(.rightDelim, "define clause")
        var frame = ListFrame(
            owner: .define, base: pending.count, listPosition: peekNonSpace().start,
            listStart: close.end)
        frame.actionStart = delimiter.start
        frame.savedTree = saved
        frame.templateName = name
        frame.nameRange = nameToken.range
        frames.append(frame)
    }

    /// Go's `parseTemplateName`.
    mutating func templateName(_ token: TemplateToken, _ context: String) throws(TemplateParseError) -> [UInt8] {
        guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
        guard let name = GoStrconv.unquote(bytes[token.range]) else { throw fail("invalid syntax") }
        return name
    }

    /// Go's `blockControl` up to the block's list, which is parsed as a tree of its own.
    mutating func blockControl(_ delimiter: TemplateToken) throws(TemplateParseError) -> Item {
        let token = nextNonSpace()
        let name = try templateName(token, "block clause")
        let (pipe, close) = try pipeline(context: "block clause", end: .rightDelim)
        let saved = tree
        tree = TreeState()
        var frame = ListFrame(
            owner: .block, base: pending.count, listPosition: peekNonSpace().start,
            listStart: close.end)
        frame.actionStart = delimiter.start
        frame.savedTree = saved
        frame.templateName = name
        frame.nameRange = token.range
        frame.namePosition = token.start
        frame.pipe = pipe
        frames.append(frame)
        return .opened
    }

    /// Go's `templateControl`.
    mutating func templateControl(_ delimiter: TemplateToken) throws(TemplateParseError) -> Item {
        let token = nextNonSpace()
        let name = try templateName(token, "template clause")
        var close = nextNonSpace()
        guard close.kind == .rightDelim else {
            backup()
            let (pipe, pipeClose) = try pipeline(context: "template clause", end: .rightDelim)
            close = pipeClose
            return .node(
                builder.add(
                    .template, delimiter.start..<close.end, position: token.start, child: pipe,
                    payload: .bytes(name)))
        }
        return .node(builder.add(.template, delimiter.start..<close.end, position: token.start, payload: .bytes(name)))
    }

    /// Go's `add`: puts a tree in the set, where a template with a body is not replaced, and two
    /// with bodies are an error.
    mutating func addTree(
        _ name: [UInt8], root: Int32, origin: TemplateDefinition.Origin, range: Range<Int>,
        nameRange: Range<Int>?
    ) throws(TemplateParseError) {
        let isEmpty = isEmptyList(root)
        if let existing = treeSet[name], !existing.isEmpty {
            guard isEmpty else { throw fail("template: multiple definition of template " + GoText.quote(name)) }
            return
        }
        treeSet[name] = TreeEntry(
            name: name, origin: origin, range: range, nameRange: nameRange, root: root,
            isEmpty: isEmpty)
    }

    /// Go's `IsEmptyTree` for a list: only blank text and comments.
    func isEmptyList(_ list: Int32) -> Bool {
        let record = builder.records[Int(list)]
        for index in Int(record.childStart)..<Int(record.childStart + record.childCount) {
            let child = builder.records[Int(builder.children[index])]
            switch child.tag {
            case .comment: continue
            case .text where GoText.isBlank(bytes, child.start..<child.end): continue
            default: return false
            }
        }
        return true
    }

    // MARK: pipelines

    /// A pipeline being parsed, one per level of parentheses: Go's recursion through `term`
    /// kept on an explicit stack. Its declarations, commands and the current command's arguments
    /// are on `pending` from `base` on.
    struct PipeFrame {
        let context: String
        let end: TemplateTokenKind
        let position: Int
        /// Range start: the first token, or the opening parenthesis.
        let start: Int
        let base: Int
        var isAssignment = false
        var declarations = 0
        var commands = 0
        var lastCommandEnd = 0
        /// The first stage after the first whose command starts with a literal (Go rejects it
        /// once the pipeline is complete).
        var literalStage: Int?
        var inCommand = false
        var commandPosition = 0
        var argumentBase = 0
        var firstArgument = TemplateTag.dot
        var commandStart = 0
        var commandEnd = 0

        init(context: String, end: TemplateTokenKind, position: Int, start: Int, base: Int) {
            self.context = context
            self.end = end
            self.position = position
            self.start = start
            self.base = base
        }
    }

    /// An operand whose node is made once it is known whether fields follow it.
    struct Operand {
        enum Value {
            case node(Int32, TemplateTag)
            case field
            case variable
        }
        var value: Value
        var position: Int
        var range: Range<Int>
    }

    static func isOperandStart(_ kind: TemplateTokenKind) -> Bool {
        switch kind {
        case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nil, .rawString, .string,
            .variable, .leftParen:
            return true
        default:
            return false
        }
    }

    /// Go's `pipeline` (with `command`, `operand` and `term`): returns the pipe node and the token
    /// that ended it.
    mutating func pipeline(
        context: String,
        end: TemplateTokenKind
    ) throws(TemplateParseError) -> (Int32, TemplateToken) {
        var stack = [try beginPipeline(context: context, end: end, openParen: nil)]
        var nested: Operand?
        while true {
            let top = stack.count - 1
            if let operand = nested {
                nested = nil
                tree.stackDepth -= 1
                try completeOperand(operand, in: &stack[top])
                continue
            }
            if !stack[top].inCommand {
                let token = nextNonSpace()
                if token.kind == stack[top].end {
                    let frame = stack.removeLast()
                    if frame.commands == 0 { throw fail("missing value for \(frame.context)") }
                    if let stage = frame.literalStage {
                        throw fail("non executable command in pipeline stage \(stage)")
                    }
                    let isParenthesised = frame.end == .rightParen
                    let range = frame.start..<(isParenthesised ? token.end : frame.lastCommandEnd)
                    let pipe = builder.add(
                        .pipe, range, position: frame.position, pending: &pending, from: frame.base,
                        flag: frame.isAssignment, declarations: frame.declarations)
                    if stack.isEmpty { return (pipe, token) }
                    nested = Operand(value: .node(pipe, .pipe), position: frame.position, range: range)
                    continue
                }
                guard Self.isOperandStart(token.kind) else { throw unexpected(token, stack[top].context) }
                backup()
                stack[top].inCommand = true
                stack[top].commandPosition = peekNonSpace().start
                stack[top].argumentBase = pending.count
                continue
            }
            // Go's command loop: an operand (its term first), then what follows it.
            _ = peekNonSpace()
            let token = nextNonSpace()
            if token.kind == .leftParen {
                if tree.stackDepth >= maximumExpressionDepth { throw fail("max expression depth exceeded") }
                tree.stackDepth += 1
                stack.append(
                    try beginPipeline(
                        context: "parenthesized pipeline", end: .rightParen,
                        openParen: token.start))
                continue
            }
            let operand = try term(token)
            try completeOperand(operand, in: &stack[top])
        }
    }

    /// The start of Go's `pipeline`: its declarations, if any.
    mutating func beginPipeline(
        context: String, end: TemplateTokenKind,
        openParen: Int?
    ) throws(TemplateParseError) -> PipeFrame {
        let first = peekNonSpace()
        var frame = PipeFrame(
            context: context, end: end, position: first.start, start: openParen ?? first.start,
            base: pending.count)
        while peekNonSpace().kind == .variable {
            let variable = next()
            let afterVariable = peek()
            let following = peekNonSpace()
            if following.kind == .assign || following.kind == .declare {
                frame.isAssignment = following.kind == .assign
                _ = nextNonSpace()
                pending.append(declare(variable))
                frame.declarations += 1
            } else if following.kind == .char && text(following) == "," {
                _ = nextNonSpace()
                pending.append(declare(variable))
                frame.declarations += 1
                if context == "range" && frame.declarations < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen: continue  // the second variable of a range
                    default: throw fail("range can only initialize variables")
                    }
                }
                throw fail("too many declarations in \(context)")
            } else if afterVariable.kind == .space {
                backup3(variable, afterVariable)
            } else {
                backup2(variable)
            }
            break
        }
        return frame
    }

    mutating func declare(_ variable: TemplateToken) -> Int32 {
        let name = text(variable)
        tree.declare(name)
        return builder.add(.variable, variable.range, position: variable.start, payload: .words([name]))
    }

    /// Go's `term` for every token but `(`: nil when the token does not start an operand (it is
    /// pushed back).
    mutating func term(_ token: TemplateToken) throws(TemplateParseError) -> Operand? {
        let range = token.range
        func leaf(_ tag: TemplateTag, flag: Bool = false, payload: TemplatePayload? = nil) -> Operand {
            Operand(
                value: .node(builder.add(tag, range, position: token.start, flag: flag, payload: payload), tag),
                position: token.start, range: range)
        }
        switch token.kind {
        case .identifier:
            return leaf(.identifier, payload: .word(text(token)))
        case .dot:
            return leaf(.dot)
        case .nil:
            return leaf(.nil)
        case .variable:
            let name = text(token)
            guard tree.variableCounts[name, default: 0] > 0 else {
                throw fail("undefined variable " + GoText.quote(Array(name.utf8)))
            }
            return Operand(value: .variable, position: token.start, range: range)
        case .field:
            return Operand(value: .field, position: token.start, range: range)
        case .bool:
            return leaf(.bool, flag: text(token) == "true")
        case .charConstant, .complex, .number:
            let source: TemplateNumber.Source =
                token.kind == .charConstant
                ? .character
                : token.kind == .complex ? .complex : .number
            switch TemplateNumber.make(bytes[range], source: source) {
            case .success(let number): return leaf(.number, payload: .number(number))
            case .failure(let error): throw fail(error.message)
            }
        case .string, .rawString:
            guard let value = GoStrconv.unquote(bytes[range]) else { throw fail("invalid syntax") }
            return leaf(.string, payload: .bytes(value))
        default:
            backup()
            return nil
        }
    }

    /// The rest of Go's `operand` (fields after the term make a chain) and of the `command` loop
    /// (what follows the operand).
    mutating func completeOperand(_ operand: Operand?, in frame: inout PipeFrame) throws(TemplateParseError) {
        if let operand {
            let (node, tag) = try fieldsAfter(operand)
            if pending.count == frame.argumentBase {
                frame.commandStart = operand.range.lowerBound
                frame.firstArgument = tag
            }
            pending.append(node)
            frame.commandEnd = builder.records[Int(node)].end
        }
        let token = next()
        switch token.kind {
        case .space:
            return
        case .rightDelim, .rightParen:
            backup()
        case .pipe:
            break
        default:
            throw unexpected(token, "operand")
        }
        if pending.count == frame.argumentBase { throw fail("empty command") }
        let command = builder.add(
            .command, frame.commandStart..<frame.commandEnd, position: frame.commandPosition,
            pending: &pending, from: frame.argumentBase)
        pending.append(command)
        frame.commands += 1
        frame.lastCommandEnd = frame.commandEnd
        if frame.commands > 1 && frame.literalStage == nil {
            switch frame.firstArgument {
            case .bool, .dot, .nil, .number, .string: frame.literalStage = frame.commands
            default: break
            }
        }
        frame.inCommand = false
    }

    /// Makes the operand's node, with the fields that follow it: `.A` `.B` make the field
    /// `.A.B`, `$x` `.A` the variable `$x.A`, anything else with fields a chain.
    mutating func fieldsAfter(_ operand: Operand) throws(TemplateParseError) -> (Int32, TemplateTag) {
        var fields: [String] = []
        var chainPosition = 0
        var end = operand.range.upperBound
        if peek().kind == .field {
            chainPosition = peek().start
            while peek().kind == .field {
                let field = next()
                fields.append(String(text(field).dropFirst()))
                end = field.end
            }
        }
        let range = operand.range.lowerBound..<end
        switch operand.value {
        case .field:
            let position = fields.isEmpty ? operand.position : chainPosition
            let name = String(decoding: bytes[(operand.range.lowerBound + 1)..<operand.range.upperBound], as: UTF8.self)
            return (builder.add(.field, range, position: position, payload: .words([name] + fields)), .field)
        case .variable:
            let position = fields.isEmpty ? operand.position : chainPosition
            let name = String(decoding: bytes[operand.range], as: UTF8.self)
            return (builder.add(.variable, range, position: position, payload: .words([name] + fields)), .variable)
        case .node(let node, let tag):
            guard !fields.isEmpty else { return (node, tag) }
            switch tag {
            case .bool, .string, .number, .nil, .dot:
                let record = builder.records[Int(node)]
                let shown: String
                switch tag {
                case .bool: shown = record.flag ? "true" : "false"
                case .nil: shown = "nil"
                case .dot: shown = "."
                default: shown = String(decoding: bytes[record.start..<record.end], as: UTF8.self)
                }
                throw fail("unexpected . after term " + GoText.quote(Array(shown.utf8)))
            default:
                let chain = builder.add(.chain, range, position: chainPosition, child: node, payload: .words(fields))
                return (chain, .chain)
            }
        }
    }
}
