import Dispatch
import Foundation

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

/// A value computed on the first request, once for all threads (site-wide facts rules and
/// templates ask for from several threads).
public final class ComputedOnce<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    public init() {}

    public func value(_ compute: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let computed = compute()
        value = computed
        return computed
    }
}
