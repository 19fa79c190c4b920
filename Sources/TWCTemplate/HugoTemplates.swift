/// Analyses Hugo makes of parsed templates (Hugo's tpl/tplimpl/templatetransform.go).
public enum HugoTemplates {
    /// Whether Hugo takes a shortcode template for one that "uses .Inner": such a shortcode must
    /// be closed or self-closed in content, and a closing tag of any other is an error.
    ///
    /// Hugo walks the shortcode's tree: lists, the pipeline of actions, the pipeline, list and
    /// else list of `if`, `with` and `range`, and the template a `{{template "name"}}` calls (each
    /// name once; a `{{block}}` calls its template; the call's own argument is not searched). In
    /// every command of a pipeline, an argument that is a field (`.Inner`, `.Page.Inner`) or a
    /// variable (`$.Inner`, `$x.InnerDeindent`) naming `Inner` or `InnerDeindent` decides;
    /// parenthesised pipelines among the arguments are searched too. Chains (`(x).Inner`),
    /// strings, comments, text and definitions that are never called do not count. Hugo's rewrite
    /// of `{{with (templates.Defer ...)}}` moves the with's list out of the template (it is not
    /// searched), and of `{{with partial ...}}` keeps only the first command of a parenthesised
    /// argument.
    ///
    /// - Parameters:
    ///   - file: the shortcode's parsed file; the walk starts at its template (the file's
    ///     top-level template, or a definition of the file's own name that replaced it).
    ///   - lookup: the body (a list node) of a template defined elsewhere, by name. Names defined
    ///     in `file` are found there first (Hugo looks names up in the one namespace of all
    ///     templates, where a later definition of a name may replace an earlier one).
    public static func usesInner(_ file: TemplateFile, lookup: (String) -> TemplateNode? = { _ in nil }) -> Bool {
        var visited = Set<String>()
        var stack = [file.template(named: file.name)?.root ?? file.root]
        while let node = stack.popLast() {
            switch node.record.tag {
            case .list:
                stack.append(contentsOf: node.children)
            case .action:
                if let pipe = node.pipe { stack.append(pipe) }
            case .if, .range:
                stack.append(contentsOf: node.children)
            case .with:
                let (pipeArguments, searchList) = withRewrite(node)
                if let pipeArguments {
                    if containsInner(pipeArguments, pipes: &stack) { return true }
                } else if let pipe = node.pipe {
                    stack.append(pipe)
                }
                if searchList, let list = node.list { stack.append(list) }
                if let elseList = node.elseList { stack.append(elseList) }
            case .template:
                guard case .template(let name) = node.kind, visited.insert(name).inserted else { continue }
                if let called = file.template(named: name)?.root ?? lookup(name) { stack.append(called) }
            case .pipe:
                stack.append(contentsOf: node.commands)
            case .command:
                if containsInner(node.arguments, pipes: &stack) { return true }
            default:
                continue
            }
        }
        return false
    }

    /// Hugo's test of one command's arguments; parenthesised pipelines among them are pushed to be
    /// searched.
    private static func containsInner(_ arguments: [TemplateNode], pipes: inout [TemplateNode]) -> Bool {
        for argument in arguments {
            switch argument.kind {
            case .field(let names), .variable(let names):
                if names.contains("Inner") || names.contains("InnerDeindent") { return true }
            case .pipe:
                pipes.append(argument)
            default:
                continue
            }
        }
        return false
    }

    /// How Hugo rewrites a `with` before walking it: for `{{with partial ...}}`, the arguments its
    /// single command is left with (nil: the pipeline is walked as it is); and whether its list
    /// stays in the template (not for `{{with (templates.Defer ...)}}`).
    private static func withRewrite(_ with: TemplateNode) -> (pipeArguments: [TemplateNode]?, searchList: Bool) {
        guard let pipe = with.pipe else { return (nil, true) }
        let commands = pipe.commands
        guard commands.count == 1 else { return (nil, true) }
        let arguments = commands[0].arguments
        if isPartialCall(arguments) {
            guard let list = with.list, !hasBreakOrContinueOutsideRange(list) else { return (nil, true) }
            if let first = arguments.first, first.record.tag == .pipe, let inner = first.commands.first {
                return (inner.arguments, true)
            }
            return (arguments, true)
        }
        // {{with (templates.Defer (dict ...))}}: the list becomes a deferred template of its own.
        guard let first = arguments.first, first.record.tag == .pipe else { return (nil, true) }
        let inner = first.commands
        guard inner.count == 1 else { return (nil, true) }
        let deferArguments = inner[0].arguments
        guard deferArguments.count == 2, isNamespaceCall(deferArguments[0], "templates", ["Defer"]) else {
            return (nil, true)
        }
        return (nil, false)
    }

    /// `partial`, `partialCached`, `partials.Include`, `partials.IncludeCached` as the first
    /// argument, possibly inside parentheses.
    private static func isPartialCall(_ arguments: [TemplateNode]) -> Bool {
        var arguments = arguments
        while let first = arguments.first {
            switch first.kind {
            case .pipe:
                guard let command = first.commands.first else { return false }
                arguments = command.arguments
            case .identifier(let name):
                return name == "partial" || name == "partialCached"
            case .chain:
                return isNamespaceCall(first, "partials", ["Include"])
                    || isNamespaceCall(first, "partials", ["IncludeCached"])
            default:
                return false
            }
        }
        return false
    }

    /// A chain such as `templates.Defer`: a function name followed by exactly these fields.
    private static func isNamespaceCall(_ node: TemplateNode, _ namespace: String, _ fields: [String]) -> Bool {
        guard case .chain(let names) = node.kind, names == fields, let term = node.term,
            case .identifier(let name) = term.kind
        else { return false }
        return name == namespace
    }

    /// Hugo's `hasBreakOrContinueOutsideRange`: a break or continue in the list, or in the lists of
    /// its ifs and withs, not inside a range.
    private static func hasBreakOrContinueOutsideRange(_ list: TemplateNode) -> Bool {
        var stack = [list]
        while let node = stack.popLast() {
            for child in node.children {
                switch child.record.tag {
                case .break, .continue:
                    return true
                case .if, .with:
                    if let list = child.list { stack.append(list) }
                    if let elseList = child.elseList { stack.append(elseList) }
                default:
                    continue
                }
            }
        }
        return false
    }
}
