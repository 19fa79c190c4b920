// libFuzzer target: the YAML parser (a stream of documents).
import TWCCore
import TWCFrontmatter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    do {
        for document in try YAMLParser.parseStream(bytes, range: 0..<bytes.count) {
            checkValue(document, within: bytes.count)
        }
    } catch {
        checkRange(error.range, within: bytes.count, "error")
    }
    return 0
}
