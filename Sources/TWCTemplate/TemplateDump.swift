/// The canonical text dump of parsed templates that scripts/go-template-tree prints from Go's own
/// trees, so that the two can be compared line by line.
public enum TemplateDump {
    /// The dump of a parse: `error LINE MESSAGE`, or for each template of the set in name order
    /// (byte order) `tree "NAME"` and its nodes, one a line, indented two spaces a level, each
    /// with Go's byte position and its values (strings as Go's `%q`, floats as their bits).
    public static func dump(_ result: Result<TemplateFile, TemplateParseError>) -> String {
        switch result {
        case .failure(let error):
            return "error \(error.line) \(error.message)\n"
        case .success(let file):
            var out = ""
            let templates = file.templates.sorted { $0.nameBytes.lexicographicallyPrecedes($1.nameBytes) }
            for template in templates {
                out += "tree " + GoText.quote(template.nameBytes) + "\n"
                dump(template.root, into: &out)
            }
            return out
        }
    }

    private static func quote(_ text: String) -> String { GoText.quote(Array(text.utf8)) }

    private static func bits(_ value: Double) -> String {
        let digits = String(value.bitPattern, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// One node a line, pre-order, without recursion.
    static func dump(_ node: TemplateNode, into out: inout String) {
        var stack: [(TemplateNode, Int)] = [(node, 1)]
        while let (node, depth) = stack.popLast() {
            out += String(repeating: "  ", count: depth) + line(node) + "\n"
            for child in node.children.reversed() { stack.append((child, depth + 1)) }
        }
    }

    private static func line(_ node: TemplateNode) -> String {
        let position = node.position
        switch node.kind {
        case .list: return "list \(position)"
        case .text: return "text \(position) " + GoText.quote(node.storage.source[node.range.range])
        case .comment: return "comment \(position) " + GoText.quote(node.valueBytes ?? [])
        case .action: return "action \(position)"
        case .pipe: return "pipe \(position) decl=\(node.declarations.count) assign=\(node.isAssignment)"
        case .command: return "command \(position)"
        case .identifier(let name): return "identifier \(position) " + quote(name)
        case .variable(let names): return "variable \(position) " + names.map(quote).joined(separator: " ")
        case .dot: return "dot \(position)"
        case .nil: return "nil \(position)"
        case .field(let names): return "field \(position) " + names.map(quote).joined(separator: " ")
        case .chain(let names): return "chain \(position) " + names.map(quote).joined(separator: " ")
        case .bool(let value): return "bool \(position) \(value)"
        case .number(let number):
            var value = ""
            if number.isInt { value += " int=\(number.int64)" }
            if number.isUint { value += " uint=\(number.uint64)" }
            if number.isFloat { value += " float=" + bits(number.float64) }
            if number.isComplex { value += " complex=" + bits(number.real) + "," + bits(number.imaginary) }
            return "number \(position) " + quote(number.text) + value
        case .string:
            return "string \(position) " + GoText.quote(node.storage.source[node.range.range])
                + " " + GoText.quote(node.valueBytes ?? [])
        case .if: return "if \(position)"
        case .range: return "range \(position)"
        case .with: return "with \(position)"
        case .template: return "template \(position) " + GoText.quote(node.valueBytes ?? [])
        case .break: return "break \(position)"
        case .continue: return "continue \(position)"
        }
    }
}
