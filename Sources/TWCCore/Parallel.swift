import Dispatch

/// `(0..<count).map(transform)` run on all cores; results in index order.
public func concurrentMap<T>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        let output = UnsafeSendableBuffer(buffer)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            output.buffer[index] = transform(index)
        }
    }
    return results.map { $0! }
}

/// Lets concurrent workers write disjoint elements of one buffer.
private struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
