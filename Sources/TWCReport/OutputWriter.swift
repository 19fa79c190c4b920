#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Writes text to a file descriptor (standard output or error) with `write(2)`, remembering the
/// first failure instead of trapping (as `FileHandle.write(_:)` does on a full device or a closed
/// pipe); after a failure, later text is dropped.
public final class OutputWriter: @unchecked Sendable {
    public let descriptor: Int32
    /// Why writing failed (`strerror`), nil while every write succeeded.
    public private(set) var failure: String?

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func write(_ text: String) {
        guard failure == nil else { return }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                systemWrite(descriptor, $0.baseAddress! + offset, bytes.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            offset += count
        }
    }
}

/// `write(2)`, named apart from `OutputWriter.write`.
@inline(__always)
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
        return Darwin.write(descriptor, buffer, count)
    #elseif canImport(Glibc)
        return Glibc.write(descriptor, buffer, count)
    #else
        return Musl.write(descriptor, buffer, count)
    #endif
}
