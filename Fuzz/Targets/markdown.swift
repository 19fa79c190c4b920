// libFuzzer target: the Markdown parser (CommonMark, GFM and Goldmark extensions) with Hugo's
// shortcode lexer first, as the linter reads a page body. (Not the HTML renderer, a test utility:
// its output pads short table rows, so it can be quadratic in the input, as Goldmark's is.)
import TWCCore
import TWCMarkdown

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let document = HugoMarkdown.parse(bytes, range: 0..<bytes.count)
    checkTree(document.tree, within: bytes.count)
    for shortcode in document.shortcodes { checkRange(shortcode.range, within: bytes.count, "shortcode") }
    return 0
}
