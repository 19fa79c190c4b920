// libFuzzer target: the JSON parser, and Hugo's detection of a JSON front matter block.
import TWCCore
import TWCFrontmatter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    do {
        checkValue(try JSONParser.parse(bytes, range: 0..<bytes.count), within: bytes.count)
    } catch {
        checkRange(error.range, within: bytes.count, "error")
    }
    return 0
}
