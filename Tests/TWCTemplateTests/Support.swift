import Foundation
import XCTest

@testable import TWCTemplate

/// Parses `text` (named "t"), failing the test on an error.
func parse(_ text: String, name: String = "t", file: StaticString = #filePath, line: UInt = #line) -> TemplateFile? {
    do {
        return try TemplateParser.parse(Array(text.utf8), name: name)
    } catch {
        XCTFail("unexpected parse error: \(error)", file: file, line: line)
        return nil
    }
}

/// The parse error of `text` (named "t"), failing the test when it parses.
func parseError(_ text: String, name: String = "t", file: StaticString = #filePath, line: UInt = #line)
    -> TemplateParseError?
{
    do {
        _ = try TemplateParser.parse(Array(text.utf8), name: name)
        XCTFail("expected a parse error for \(text.debugDescription)", file: file, line: line)
        return nil
    } catch {
        return error
    }
}

/// A compact rendering of a tree: `(list (text "a") (action (pipe (command (field A)))))`.
func sexp(_ node: TemplateNode) -> String {
    let head: String
    switch node.kind {
    case .list: head = "list"
    case .text(let text): head = "text " + text.debugDescription
    case .comment(let text): head = "comment " + text.debugDescription
    case .action: head = "action"
    case .pipe: head = node.declarations.isEmpty ? "pipe" : (node.isAssignment ? "pipe=" : "pipe:=")
    case .command: head = "command"
    case .identifier(let name): head = "identifier " + name
    case .variable(let names): head = "variable " + names.joined(separator: ".")
    case .dot: head = "dot"
    case .nil: head = "nil"
    case .field(let names): head = "field " + names.joined(separator: ".")
    case .chain(let names): head = "chain " + names.joined(separator: ".")
    case .bool(let value): head = "bool \(value)"
    case .number(let number): head = "number " + number.text
    case .string(let value): head = "string " + value.debugDescription
    case .if: head = "if"
    case .range: head = "range"
    case .with: head = "with"
    case .template(let name): head = "template " + name.debugDescription
    case .break: head = "break"
    case .continue: head = "continue"
    }
    let children = node.children.map(sexp)
    return "(" + ([head] + children).joined(separator: " ") + ")"
}

/// The tokens of `text`: `kind:text` (errors as `error:message`).
func tokens(_ text: String, comments: Bool = true) -> [String] {
    let bytes = Array(text.utf8)
    var lexer = TemplateLexer(bytes: bytes, emitComments: comments)
    var out: [String] = []
    while true {
        let token = lexer.next()
        switch token.kind {
        case .eof:
            out.append("eof")
            return out
        case .error:
            out.append("error:" + lexer.message(of: token) + "@\(token.start)")
            return out
        default:
            out.append("\(token.kind):" + String(decoding: bytes[token.range], as: UTF8.self))
        }
    }
}
