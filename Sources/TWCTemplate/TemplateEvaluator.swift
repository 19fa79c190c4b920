/// What the evaluator asks of its host: Hugo's objects (pages, resources, the site), the
/// functions that need the site (`relURL`, `ref`, `resources.Get` ...) and the partial templates.
public protocol TemplateHost {
    /// A field (`arguments` empty) or method of a host object; `.unknown` when not modelled.
    func member(_ object: TemplateObject, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue
    /// A function of the host; nil when the host has no function of that name.
    func function(_ name: String, _ arguments: [TemplateValue]) -> TemplateValue?
    /// A partial template by the name a `partial` call gives (`picture.html`, `utils/icon`).
    func partial(_ name: String) -> TemplateFile?
    /// What printing an object writes.
    func print(_ object: TemplateObject) -> TemplateOutputSegment
    /// The elements `range` gives for an object that is a collection (`hugo.Sites`); nil when it
    /// is not one or they are not known.
    func elements(_ object: TemplateObject) -> [TemplateValue]?
}

extension TemplateHost {
    public func elements(_ object: TemplateObject) -> [TemplateValue]? { nil }
}

/// The result of executing a template.
public struct TemplateResult: Sendable, Equatable {
    /// What the template wrote.
    public var output: TemplateOutput
    /// The value of a `return` (partials that return a value).
    public var returned: TemplateValue?
    /// False when evaluation stopped early (its budget spent, a construct it does not follow):
    /// then the output ends in an unknown segment.
    public var complete: Bool
}

/// Executes a parsed template as Go's text/template (with Hugo's functions) does, over values
/// that may be unknown. Conditions on known values take their branch; a condition on an unknown
/// value runs both branches and keeps only what they agree on (output, variables). Nothing is
/// guessed: a function or field the evaluator and its host do not model is unknown, and so is
/// everything that depends on it.
///
/// Work is bounded: `budget` nodes per execution (partials included), partials nested at most
/// `maxDepth` deep, ranges of at most `iterationLimit` items.
public struct TemplateEvaluator {
    public let host: any TemplateHost
    public var budget: Int
    /// The most items a `range` runs over (`maxIterations` unless the caller raises it: a
    /// template over every page of a site).
    public var iterationLimit = TemplateEvaluator.maxIterations
    /// The first thing that made a value unknown: `function resources.GetRemote`, `field .Width`,
    /// `partial picture.html` ... (nil when everything was known).
    public private(set) var unknownCause: String?
    public static let maxDepth = 16
    public static let maxIterations = 1000

    public init(host: any TemplateHost, budget: Int = 100_000) {
        self.host = host
        self.budget = budget
    }

    /// Runs `file`'s template with `dot` as its data.
    public mutating func execute(_ file: TemplateFile, dot: TemplateValue) -> TemplateResult {
        execute(file, template: file.template(named: file.name)?.root ?? file.root, dot: dot, depth: 0)
    }

    mutating func execute(_ file: TemplateFile, template: TemplateNode, dot: TemplateValue, depth: Int)
        -> TemplateResult
    {
        var frame = Frame(file: file, depth: depth, scopes: [["$": dot]])
        var output = TemplateOutput()
        let flow = run(template, dot: dot, frame: &frame, output: &output)
        switch flow {
        case .normal, .breakLoop, .continueLoop:
            return TemplateResult(output: output, returned: nil, complete: true)
        case .returned(let value):
            return TemplateResult(output: output, returned: value, complete: true)
        case .aborted:
            if budget < 0 { noteUnknown("more work than the evaluation budget") }
            output.append(.unknown)
            return TemplateResult(output: output, returned: nil, complete: false)
        }
    }

    // MARK: state

    struct Frame {
        let file: TemplateFile
        let depth: Int
        var scopes: [[String: TemplateValue]]

        func lookup(_ name: String) -> TemplateValue {
            for scope in scopes.reversed() { if let value = scope[name] { return value } }
            return .unknown
        }

        mutating func declare(_ name: String, _ value: TemplateValue) { scopes[scopes.count - 1][name] = value }

        mutating func assign(_ name: String, _ value: TemplateValue) {
            for index in scopes.indices.reversed() where scopes[index][name] != nil {
                scopes[index][name] = value
                return
            }
        }
    }

    enum Flow: Equatable {
        case normal, breakLoop, continueLoop
        case returned(TemplateValue)
        case aborted
    }

    // MARK: statements

    mutating func run(_ node: TemplateNode, dot: TemplateValue, frame: inout Frame, output: inout TemplateOutput)
        -> Flow
    {
        budget -= 1
        if budget < 0 { return .aborted }
        switch node.record.tag {
        case .list:
            for index in 0..<node.childCount {
                guard let child = node.child(index) else { break }
                let flow = run(child, dot: dot, frame: &frame, output: &output)
                if flow != .normal { return flow }
            }
            return .normal
        case .text:
            if case .text(let text) = node.kind { output.append(.text(text)) }
            return .normal
        case .comment:
            return .normal
        case .action:
            guard let pipe = node.pipe else { return .normal }
            let (value, flow) = evaluatePipe(pipe, dot: dot, frame: &frame)
            if let flow { return flow }
            if !pipe.hasDeclarations { write(value, to: &output) }
            return .normal
        case .if, .with:
            return runBranch(node, dot: dot, frame: &frame, output: &output)
        case .range:
            return runRange(node, dot: dot, frame: &frame, output: &output)
        case .template:
            guard case .template(let name) = node.kind else { return .normal }
            var argument = TemplateValue.null
            if let pipe = node.pipe {
                let (value, flow) = evaluatePipe(pipe, dot: dot, frame: &frame)
                if let flow { return flow }
                argument = value
            }
            guard let called = frame.file.template(named: name), frame.depth < Self.maxDepth else {
                noteUnknown("template " + name)
                output.append(.unknown)
                return .normal
            }
            let result = execute(frame.file, template: called.root, dot: argument, depth: frame.depth + 1)
            output.append(contentsOf: result.output)
            return result.complete ? .normal : .aborted
        case .break:
            return .breakLoop
        case .continue:
            return .continueLoop
        default:
            return .normal
        }
    }

    /// `if` and `with` (and their `else if`/`else with` chains, which are branches in the else list).
    mutating func runBranch(_ node: TemplateNode, dot: TemplateValue, frame: inout Frame, output: inout TemplateOutput)
        -> Flow
    {
        guard let pipe = node.pipe else { return .aborted }
        frame.scopes.append([:])
        defer { frame.scopes.removeLast() }
        let (value, flow) = evaluatePipe(pipe, dot: dot, frame: &frame)
        if let flow { return flow }
        let isWith = node.record.tag == .with
        let innerDot = isWith ? value : dot
        switch value.truth {
        case true?:
            guard let list = node.list else { return .normal }
            return run(list, dot: innerDot, frame: &frame, output: &output)
        case false?:
            guard let elseList = node.elseList else { return .normal }
            return run(elseList, dot: dot, frame: &frame, output: &output)
        case nil:
            // Both ways: keep what they agree on.
            var thenFrame = frame
            var thenOutput = TemplateOutput()
            let thenFlow = node.list.map { run($0, dot: innerDot, frame: &thenFrame, output: &thenOutput) } ?? .normal
            var elseFrame = frame
            var elseOutput = TemplateOutput()
            let elseFlow = node.elseList.map { run($0, dot: dot, frame: &elseFrame, output: &elseOutput) } ?? .normal
            return merge(
                (thenFrame, thenOutput, thenFlow), (elseFrame, elseOutput, elseFlow), into: &frame, output: &output)
        }
    }

    mutating func merge(
        _ first: (Frame, TemplateOutput, Flow), _ second: (Frame, TemplateOutput, Flow), into frame: inout Frame,
        output: inout TemplateOutput
    ) -> Flow {
        for index in frame.scopes.indices {
            for (name, _) in frame.scopes[index] {
                let a = first.0.scopes[index][name] ?? .unknown
                let b = second.0.scopes[index][name] ?? .unknown
                frame.scopes[index][name] = a == b ? a : .unknown
            }
        }
        if first.1 == second.1 {
            output.append(contentsOf: first.1)
        } else {
            output.append(.unknown)
        }
        if first.2 == second.2 { return first.2 }
        if case .returned = first.2 { return .returned(.unknown) }
        if case .returned = second.2 { return .returned(.unknown) }
        return .aborted
    }

    mutating func runRange(_ node: TemplateNode, dot: TemplateValue, frame: inout Frame, output: inout TemplateOutput)
        -> Flow
    {
        guard let pipe = node.pipe, let list = node.list else { return .aborted }
        frame.scopes.append([:])
        defer { frame.scopes.removeLast() }
        // The declarations take each key and element, not the pipeline's value.
        let declared = pipe.declarations.compactMap { declaration -> String? in
            if case .variable(let words) = declaration.kind { return words.first }
            return nil
        }
        let (value, flow) = evaluatePipe(pipe, dot: dot, frame: &frame, declare: false)
        if let flow { return flow }
        var items: [(key: TemplateValue, element: TemplateValue)]
        switch value {
        case .slice(let elements):
            items = elements.enumerated().map { (.int($0.offset), $0.element) }
        case .map(let entries):
            items = entries.keys.sorted().map { (.string($0), entries[$0]!) }
        case .int(let count) where count >= 0:
            items = (0..<min(count, iterationLimit + 1)).map { (.int($0), .int($0)) }
        case .object(let object) where host.elements(object) != nil:
            items = host.elements(object)!.enumerated().map { (.int($0.offset), $0.element) }
        case .query(let entries):
            items = entries.keys.sorted().map { (.string($0), .slice(entries[$0]!.map { .string($0) })) }
        case .null:
            items = []
        default:
            // Unknown items: the body runs once on unknown values, and what it assigns is unknown.
            var bodyFrame = frame
            for name in declared { bodyFrame.declare(name, .unknown) }
            var bodyOutput = TemplateOutput()
            let bodyFlow = run(list, dot: .unknown, frame: &bodyFrame, output: &bodyOutput)
            var elseFrame = frame
            var elseOutput = TemplateOutput()
            let elseFlow = node.elseList.map { run($0, dot: dot, frame: &elseFrame, output: &elseOutput) } ?? .normal
            for index in frame.scopes.indices {
                for (name, old) in frame.scopes[index] {
                    if bodyFrame.scopes[index][name] != old || elseFrame.scopes[index][name] != old {
                        frame.scopes[index][name] = .unknown
                    }
                }
            }
            output.append(.unknown)
            if case .returned = bodyFlow { return .returned(.unknown) }
            if case .returned = elseFlow { return .returned(.unknown) }
            return bodyFlow == .aborted || elseFlow == .aborted ? .aborted : .normal
        }
        if items.count > iterationLimit {
            noteUnknown("a range over more than \(iterationLimit) items")
            return .aborted
        }
        if items.isEmpty {
            guard let elseList = node.elseList else { return .normal }
            return run(elseList, dot: dot, frame: &frame, output: &output)
        }
        for item in items {
            if declared.count == 1 {
                frame.declare(declared[0], item.element)
            } else if declared.count == 2 {
                frame.declare(declared[0], item.key)
                frame.declare(declared[1], item.element)
            }
            let flow = run(list, dot: item.element, frame: &frame, output: &output)
            switch flow {
            case .normal, .continueLoop: continue
            case .breakLoop: return .normal
            default: return flow
            }
        }
        return .normal
    }

    func write(_ value: TemplateValue, to output: inout TemplateOutput) {
        switch value {
        case .html(let html): output.append(contentsOf: html)
        case .opaque: output.append(.opaque)
        case .object(let object): output.append(host.print(object))
        default:
            if let text = GoFormat.print(value) { output.append(.value(text)) } else { output.append(.unknown) }
        }
    }

    // MARK: pipelines

    /// The pipeline's value, and a flow when it stops the template (`return`, an abort).
    mutating func evaluatePipe(_ pipe: TemplateNode, dot: TemplateValue, frame: inout Frame, declare: Bool = true)
        -> (TemplateValue, Flow?)
    {
        var value: TemplateValue?
        for command in pipe.commands {
            budget -= 1
            if budget < 0 { return (.unknown, .aborted) }
            let arguments = command.arguments
            if case .identifier("return")? = arguments.first?.kind {
                var returned = value ?? .null
                if arguments.count > 1 { returned = evaluateArgument(arguments[1], dot: dot, frame: &frame) }
                return (returned, .returned(returned))
            }
            value = evaluateCommand(command, dot: dot, frame: &frame, piped: value)
        }
        let result = value ?? .unknown
        if declare {
            for declaration in pipe.declarations {
                guard case .variable(let words) = declaration.kind, let name = words.first else { continue }
                if pipe.isAssignment { frame.assign(name, result) } else { frame.declare(name, result) }
            }
        }
        return (result, nil)
    }

    mutating func evaluateCommand(
        _ command: TemplateNode, dot: TemplateValue, frame: inout Frame, piped: TemplateValue?
    )
        -> TemplateValue
    {
        let nodes = command.arguments
        guard let first = nodes.first else { return .unknown }
        // `and` and `or` evaluate their arguments lazily.
        if case .identifier(let name) = first.kind, name == "and" || name == "or" {
            return andOr(name == "and", Array(nodes.dropFirst()), piped: piped, dot: dot, frame: &frame)
        }
        var arguments: [TemplateValue] = []
        for node in nodes.dropFirst() { arguments.append(evaluateArgument(node, dot: dot, frame: &frame)) }
        if let piped { arguments.append(piped) }
        switch first.kind {
        case .identifier(let name):
            return call(name, arguments, dot: dot, frame: &frame)
        case .field(let names):
            return fields(dot, names[...], arguments: arguments)
        case .variable(let words):
            let value = frame.lookup(words[0])
            if words.count == 1 { return arguments.isEmpty ? value : .unknown }
            return fields(value, words.dropFirst(), arguments: arguments)
        case .chain(let names):
            guard let term = first.term else { return .unknown }
            if case .identifier(let namespace) = term.kind, GoFunctions.namespaces.contains(namespace) {
                if names.count == 1 { return call(namespace + "." + names[0], arguments, dot: dot, frame: &frame) }
                let value = call(namespace + "." + names[0], [], dot: dot, frame: &frame)
                return fields(value, names.dropFirst(), arguments: arguments)
            }
            let value = evaluateArgument(term, dot: dot, frame: &frame)
            return fields(value, names[...], arguments: arguments)
        default:
            return arguments.isEmpty ? evaluateArgument(first, dot: dot, frame: &frame) : .unknown
        }
    }

    mutating func andOr(
        _ isAnd: Bool, _ nodes: [TemplateNode], piped: TemplateValue?, dot: TemplateValue, frame: inout Frame
    ) -> TemplateValue {
        var last = TemplateValue.null
        var sawUnknown = false
        let count = nodes.count + (piped == nil ? 0 : 1)
        for position in 0..<count {
            let value =
                position < nodes.count ? evaluateArgument(nodes[position], dot: dot, frame: &frame) : piped!
            last = value
            switch value.truth {
            case nil: sawUnknown = true
            case true?: if !isAnd { return sawUnknown ? .unknown : value }
            case false?: if isAnd { return sawUnknown ? .unknown : value }
            }
        }
        return sawUnknown ? .unknown : last
    }

    mutating func evaluateArgument(_ node: TemplateNode, dot: TemplateValue, frame: inout Frame) -> TemplateValue {
        budget -= 1
        if budget < 0 { return .unknown }
        switch node.kind {
        case .dot: return dot
        case .nil: return .null
        case .bool(let value): return .bool(value)
        case .string(let value): return .string(value)
        case .number(let number): return number.templateValue
        case .field(let names): return fields(dot, names[...], arguments: [])
        case .variable(let words):
            let value = frame.lookup(words[0])
            return words.count == 1 ? value : fields(value, words.dropFirst(), arguments: [])
        case .pipe:
            let (value, flow) = evaluatePipe(node, dot: dot, frame: &frame)
            return flow == nil ? value : .unknown
        case .identifier(let name):
            return call(name, [], dot: dot, frame: &frame)
        case .chain(let names):
            guard let term = node.term else { return .unknown }
            if case .identifier(let namespace) = term.kind, GoFunctions.namespaces.contains(namespace) {
                let value = call(namespace + "." + names[0], [], dot: dot, frame: &frame)
                return fields(value, names.dropFirst(), arguments: [])
            }
            return fields(evaluateArgument(term, dot: dot, frame: &frame), names[...], arguments: [])
        default:
            return .unknown
        }
    }

    /// A chain of fields; the last one receives the arguments (a method call).
    mutating func fields(_ receiver: TemplateValue, _ names: ArraySlice<String>, arguments: [TemplateValue])
        -> TemplateValue
    {
        var value = receiver
        for (offset, name) in names.enumerated() {
            let isLast = offset == names.count - 1
            let known = value != .unknown
            value = field(value, name, isLast ? arguments : [])
            if value == .unknown {
                if known { noteUnknown("field ." + name) }
                return .unknown
            }
        }
        return value
    }

    mutating func noteUnknown(_ cause: String) {
        if unknownCause == nil { unknownCause = cause }
    }

    func field(_ receiver: TemplateValue, _ name: String, _ arguments: [TemplateValue]) -> TemplateValue {
        switch receiver {
        case .map(let entries):
            guard arguments.isEmpty else { return .unknown }
            return entries[name] ?? entries[name.lowercased()] ?? .null
        case .url(let url):
            return GoFunctions.urlMember(url, name, arguments)
        case .query(let values):
            switch name {
            case "Get": return .string(arguments.first?.stringValue.flatMap { values[$0]?.first } ?? "")
            case "Has": return arguments.first?.stringValue.map { .bool(values[$0] != nil) } ?? .unknown
            default: return .unknown
            }
        case .object(let object):
            return host.member(object, name, arguments)
        case .null:
            // A missing map key has no value, and neither has any field of it (Go's evalField
            // returns the zero Value for an invalid receiver: `site.Params.missing.x` is empty).
            return arguments.isEmpty ? .null : .unknown
        default:
            return .unknown
        }
    }

    // MARK: functions

    mutating func call(_ name: String, _ arguments: [TemplateValue], dot: TemplateValue, frame: inout Frame)
        -> TemplateValue
    {
        switch name {
        case "partial", "partialCached", "partials.Include", "partials.IncludeCached":
            guard let partialName = arguments.first?.stringValue else { return .unknown }
            guard frame.depth < Self.maxDepth else {
                noteUnknown("partial " + partialName)
                return .unknown
            }
            let context = arguments.count > 1 ? arguments[1] : .null
            let result: TemplateResult
            if let inline = Self.inlinePartial(partialName, in: frame.file) {
                result = execute(frame.file, template: inline, dot: context, depth: frame.depth + 1)
            } else if let file = host.partial(partialName) {
                result = execute(
                    file, template: file.template(named: file.name)?.root ?? file.root, dot: context,
                    depth: frame.depth + 1)
            } else {
                noteUnknown("partial " + partialName)
                return .unknown
            }
            if let returned = result.returned { return result.complete ? returned : .unknown }
            return .html(result.output)
        case "where", "collections.Where":
            return whereFunction(arguments)
        case "sort", "collections.Sort":
            return sortFunction(arguments)
        case "len" where arguments.count == 1:
            if case .object(let object) = arguments[0] {
                return host.elements(object).map { .int($0.count) } ?? .unknown
            }
            return GoFunctions.call(name, arguments) ?? .unknown
        default:
            if let value = GoFunctions.call(name, arguments) {
                if value == .unknown { noteUnknown("function " + name) }
                return value
            }
            let value = host.function(name, arguments) ?? .unknown
            if value == .unknown { noteUnknown("function " + name) }
            return value
        }
    }
}

extension TemplateEvaluator {
    /// The elements of a collection argument (a slice, or a host collection); nil when unknown.
    func elements(_ value: TemplateValue) -> [TemplateValue]? {
        switch value {
        case .slice(let values): return values
        case .null: return []
        case .object(let object): return host.elements(object)
        default: return nil
        }
    }

    /// The value at a `where`/`sort` key path (`Lang`, `.Params.weight`, `Size`) of an element.
    mutating func value(at path: String, of element: TemplateValue) -> TemplateValue {
        let names = path.split(separator: ".").map(String.init)
        return names.isEmpty ? element : fields(element, names[...], arguments: [])
    }

    /// Hugo's `where COLLECTION KEY [OPERATOR] MATCH` (collections.Where), for the operators that
    /// compare values (`=`, `!=`, `in`, `not in`, `<` ...); unknown when any element's value is.
    mutating func whereFunction(_ arguments: [TemplateValue]) -> TemplateValue {
        guard arguments.count == 3 || arguments.count == 4, let items = elements(arguments[0]),
            let path = arguments[1].stringValue
        else { return .unknown }
        var operation = "="
        if arguments.count == 4 {
            guard let given = arguments[2].stringValue else { return .unknown }
            operation = given
        }
        let match = arguments[arguments.count - 1]
        var kept: [TemplateValue] = []
        for item in items {
            let value = value(at: path, of: item)
            let keep: Bool?
            switch operation {
            case "", "=", "==", "eq": keep = GoFunctions.equal(value, match)
            case "!=", "<>", "ne": keep = GoFunctions.equal(value, match).map { !$0 }
            case "in", "not in":
                guard case .slice(let candidates) = match else { return .unknown }
                var found: Bool? = false
                for candidate in candidates {
                    switch GoFunctions.equal(value, candidate) {
                    case true?: found = true
                    case nil where found == false: found = nil
                    default: break
                    }
                    if found == true { break }
                }
                keep = operation == "in" ? found : found.map { !$0 }
            case ">", ">=", "<", "<=":
                guard let order = GoFunctions.compare(value, match) else { return .unknown }
                switch operation {
                case ">": keep = order > 0
                case ">=": keep = order >= 0
                case "<": keep = order < 0
                default: keep = order <= 0
                }
            default:
                return .unknown
            }
            guard let keep else { return .unknown }
            if keep { kept.append(item) }
        }
        return .slice(kept)
    }

    /// Hugo's `sort COLLECTION [KEY] [asc|desc]` (collections.Sort, a stable sort) of a slice by
    /// its elements or a key path of them; unknown when two values cannot be compared.
    mutating func sortFunction(_ arguments: [TemplateValue]) -> TemplateValue {
        guard (1...3).contains(arguments.count), let items = elements(arguments[0]) else { return .unknown }
        var path = ""
        if arguments.count >= 2 {
            guard let key = arguments[1].stringValue else { return .unknown }
            path = key == "value" ? "" : key
        }
        var descending = false
        if arguments.count == 3 {
            guard let order = arguments[2].stringValue?.lowercased(), order == "asc" || order == "desc" else {
                return .unknown
            }
            descending = order == "desc"
        }
        var keys: [TemplateValue] = []
        for item in items { keys.append(value(at: path, of: item)) }
        // Every key must compare with the others (numbers with numbers, strings with strings).
        for key in keys.dropFirst() where GoFunctions.compare(keys[0], key) == nil { return .unknown }
        // Equal keys keep their order (Go's sort.Stable).
        let order = items.indices.sorted { a, b in
            let comparison = GoFunctions.compare(keys[a], keys[b]) ?? 0
            if comparison == 0 { return a < b }
            return descending ? comparison > 0 : comparison < 0
        }
        return .slice(order.map { items[$0] })
    }

    /// An inline partial of the file: `{{ define "_partials/name.html" }}` (Hugo 0.146+) or
    /// `{{ define "partials/name.html" }}`, called as `partial "name.html"` or `partial "name"`.
    static func inlinePartial(_ name: String, in file: TemplateFile) -> TemplateNode? {
        var name = Substring(name)
        while name.hasPrefix("/") { name = name.dropFirst() }
        for prefix in ["_partials/", "partials/"] where name.hasPrefix(prefix) { name = name.dropFirst(prefix.count) }
        for prefix in ["_partials/", "partials/"] {
            for candidate in [prefix + name, prefix + name + ".html"] {
                if let template = file.template(named: candidate) { return template.root }
            }
        }
        return nil
    }
}

extension TemplateNumber {
    /// The constant as a value (an integer when it is one, else a float).
    var templateValue: TemplateValue {
        if isComplex && imaginary != 0 { return .unknown }
        if isInt { return .int(Int(int64)) }
        if isFloat { return .float(float64) }
        return .unknown
    }
}
