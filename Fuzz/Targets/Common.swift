// Shared by the fuzz targets (compiled into each target by scripts/fuzz.sh).
import TWCCore

/// The input bytes of one libFuzzer call.
func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// A range a parser reported must lie inside its input: anything else is a bug, and the fuzzer
/// stops on the trap.
func checkRange(_ range: SourceRange, within count: Int, _ what: @autoclosure () -> String) {
    if range.start < 0 || range.end < range.start || range.end > count {
        fatalError("\(what()) range \(range) outside the input of \(count) bytes")
    }
}
