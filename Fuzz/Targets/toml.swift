// libFuzzer target: the TOML parser.
import TWCCore
import TWCFrontmatter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    do {
        checkValue(try TOMLParser.parse(bytes, range: 0..<bytes.count), within: bytes.count)
    } catch {
        checkRange(error.range, within: bytes.count, "error")
    }
    return 0
}
