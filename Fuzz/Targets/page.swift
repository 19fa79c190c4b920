// libFuzzer target: a whole content file as the linter reads it: front matter (YAML, TOML or JSON),
// then shortcodes and Markdown in the body.
import TWCCore
import TWCMarkdown
import TWCSite

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let page = ParsedPage.parse(SourceFile(path: "content/fuzz.md", bytes: bytes))
    if page.bodyRange.lowerBound < 0 || page.bodyRange.upperBound > bytes.count { fatalError("body range") }
    checkTree(page.body, within: bytes.count)
    if let error = page.frontmatterError { checkRange(error.range, within: bytes.count, "error") }
    for problem in page.problems { checkRange(problem.range, within: bytes.count, "problem") }
    return 0
}
