// libFuzzer target: the Go text/template parser (as Hugo parses layouts) and Hugo's `.Inner` analysis.
import TWCCore
import TWCTemplate

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    do {
        let file = try TemplateParser.parse(bytes, name: "fuzz.html")
        file.root.walk { node in
            checkRange(node.range, within: bytes.count, "node")
            return true
        }
        _ = HugoTemplates.usesInner(file)
    } catch {
        if error.offset < 0 || error.offset > bytes.count {
            fatalError("error offset \(error.offset) outside the input")
        }
    }
    return 0
}
