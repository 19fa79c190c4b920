import TWCCore
import TWCMarkdown
import XCTest

/// hugo-behaviour §5.1 lexer vectors (from Hugo's pageparser tests).
final class ShortcodeLexerTests: XCTestCase {
    func lex(_ text: String) -> ShortcodeLexer.Result {
        let bytes = Array(text.utf8)
        return ShortcodeLexer.lex(bytes, range: 0..<bytes.count)
    }

    func testValidForms() {
        for text in ["{{< sc1 >}}", "{{% sc1 %}}", "{{<     sc1     >}}", "{{< sc1 \n >}}"] {
            let result = lex(text)
            XCTAssertEqual(result.problems, [], text)
            XCTAssertEqual(result.shortcodes.map(\.name), ["sc1"], text)
        }
        XCTAssertEqual(lex("{{< sc/sub >}}").shortcodes.first?.name, "sc/sub")
        XCTAssertEqual(lex("{{< sc1 3.14 >}}").shortcodes.first?.parameters.map(\.value), ["3.14"])
        for text in ["{{< sc1 param1=3.14 >}}", "{{< sc1 param1= 3.14 >}}"] {
            let parameter = lex(text).shortcodes.first?.parameters.first
            XCTAssertEqual(parameter?.name, "param1", text)
            XCTAssertEqual(parameter?.value, "3.14", text)
        }
        XCTAssertEqual(lex("{{< sc1 param1=`Hello World` >}}").shortcodes.first?.parameters.first?.value, "Hello World")
        XCTAssertEqual(
            lex("{{< sc1 \"param nr. 1\" \"param nr. 2\" >}}").shortcodes.first?.parameters.map(\.value),
            ["param nr. 1", "param nr. 2"])
        XCTAssertEqual(
            lex("{{< sc1 param1=\"Hello \\\"escaped\\\" World\" >}}").shortcodes.first?.parameters.first?.value,
            "Hello \"escaped\" World")
        let selfClosing = lex("{{< sc1 />}}{{< sc1 />}}")
        XCTAssertEqual(selfClosing.shortcodes.map(\.isSelfClosing), [true, true])
        XCTAssertEqual(selfClosing.problems, [])
        for closing in ["{{< /sc >}}", "{{</sc>}}", "{{</ sc >}}", "{{< / sc >}}"] {
            let result = lex("{{< sc >}}x" + closing)
            XCTAssertEqual(result.problems, [], closing)
            XCTAssertEqual(result.shortcodes.last?.isClosing, true, closing)
            XCTAssertEqual(result.shortcodes.first?.partner, 1, closing)
        }
        XCTAssertEqual(
            lex("{{% sc %}}x{{< /sc >}}").shortcodes.first?.partner, 1, "a closing tag may use the other delimiter")
        let comment = lex("{{</* sc1 */>}}")
        XCTAssertEqual(comment.shortcodes.first?.isComment, true)
        XCTAssertEqual(comment.problems, [])
    }

    func testErrors() {
        let cases: [(String, String)] = [
            ("{{< /sc1 >}}", "but none is open"),
            ("{{< sc1 >}}{{< /another >}}", "closing tag for shortcode 'another' does not match start tag"),
            ("{{< sc1 >}}{{< /sc1 keyword>}}", "unclosed shortcode"),
            ("{{< sc1 param1=\"Hello World\" p2 >}}", "Cannot mix named and positional parameters"),
            ("{{< sc1 param1 param2=\"Hello World\">}}", "Cannot mix named and positional parameters"),
            ("{{< sc1 param1=\"Hello World\" \"And Universe\" >}}", "Cannot mix named and positional parameters"),
            ("{{< sc1 param2=\"Hello World>}}", "unterminated quoted string"),
            ("{{< sc1`Hello World >}}", "unterminated raw string"),
            ("{{</* sc1 >}}", "comment must be closed"),
            ("{{< sc1.Inline >}}", "period in shortcode name only allowed for inline identifiers"),
            ("{{< sc1 %}}", "unrecognized character"),
            ("{{< >}}", "shortcode has no name"),
        ]
        for (text, message) in cases {
            let problems = lex(text).problems
            XCTAssertTrue(problems.contains { $0.message.contains(message) }, "\(text): \(problems.map(\.message))")
            for problem in problems { XCTAssertLessThanOrEqual(problem.range.end, text.utf8.count, text) }
        }
    }

    /// A closing tag whose name the page used before closes the innermost open shortcode, whatever
    /// its name (Hugo 0.168 builds `{{% lead %}}A{{% /lead %}} {{% section %}}B{{% /lead %}}`, seen
    /// by hand and on opentelemetry.io); a name never seen is an error.
    func testAClosingTagOfANameSeenBeforeClosesTheInnermost() {
        let result = lex("{{% lead %}}A{{% /lead %}} {{% section %}}B{{% /lead %}}")
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.shortcodes.map(\.partner), [1, 0, 3, 2])
        XCTAssertEqual(
            lex("{{% section %}}B{{% /lead %}}").problems.map(\.message),
            ["closing tag for shortcode 'lead' does not match start tag 'section'"])
    }

    /// A comment runs to the next `*/>}}` wherever it is, as Hugo's lexer reads it: across lines
    /// and over other tags (`{{</* math >}}x{{< /math */>}}` is one comment).
    func testCommentSpansToTheNextCommentClose() {
        let spanning = lex("a {{</* math display=true >}}\nx^2\n{{< /math */>}} b {{< sc >}}")
        XCTAssertEqual(spanning.problems, [])
        XCTAssertEqual(spanning.shortcodes.map(\.isComment), [true, false])
        XCTAssertEqual(spanning.shortcodes.first?.range, SourceRange(2, 49))
        XCTAssertEqual(spanning.shortcodes.first?.name, "math")
        XCTAssertEqual(lex("{{%/* a %}}b{{% /a */%}}").shortcodes.map(\.isComment), [true])
        // The close must match the delimiter: `*/%}}` does not close `{{</*`.
        XCTAssertEqual(lex("{{</* a */%}} b").problems.count, 1)
        // Many unclosed comments: each is one problem, found in linear time.
        let many = String(repeating: "{{</* x >}} ", count: 20_000)
        XCTAssertEqual(lex(many).problems.count, 20_000)
    }
}
