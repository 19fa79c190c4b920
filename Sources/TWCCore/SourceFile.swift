/// A half-open byte range `[start, end)` into a file's UTF-8 bytes.
public struct SourceRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "SourceRange start \(start) after end \(end)")
        self.start = start
        self.end = end
    }

    public init(_ range: Range<Int>) { self.init(range.lowerBound, range.upperBound) }

    public var count: Int { end - start }
    public var isEmpty: Bool { start == end }
    public var range: Range<Int> { start..<end }
    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }
    public func contains(_ other: SourceRange) -> Bool { other.start >= start && other.end <= end }
    public var description: String { "\(start)..<\(end)" }
}

/// A point in a file: byte offset, 1-based line, 1-based column counted in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }
}

/// The bytes of one file and an index of its line starts. Immutable; cheap to share.
public final class SourceFile: Sendable {
    /// Path as shown to the user (relative to the site root where there is one).
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line. `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where buffer[index] == 0x0A {
                starts.append(index + 1)
            }
        }
        self.lineStarts = starts
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// 0-based index of the line containing `offset` (binary search).
    public func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let index = lineIndex(of: clamped)
        var column = 1
        var position = lineStarts[index]
        while position < clamped {
            // Count only bytes that start a scalar (not UTF-8 continuation bytes).
            if bytes[position] & 0xC0 != 0x80 { column += 1 }
            position += 1
        }
        return SourceLocation(offset: clamped, line: index + 1, column: column)
    }

    /// Byte range of 1-based line `line`, without its line terminator.
    public func lineRange(_ line: Int) -> SourceRange {
        let index = max(0, min(line - 1, lineStarts.count - 1))
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return SourceRange(start, end)
    }

    /// The text of a byte range, invalid UTF-8 replaced by U+FFFD.
    public func text(_ range: SourceRange) -> String {
        String(decoding: bytes[range.start..<range.end], as: UTF8.self)
    }

    public func span(_ range: SourceRange) -> SourceSpan {
        let start = location(of: range.start)
        let end = location(of: range.end)
        return SourceSpan(file: path, range: range, start: start, end: end,
                          sourceLine: text(lineRange(start.line)))
    }
}

/// A located range in a named file, with the text of its first line so that reporters can show
/// it without reading the file again.
public struct SourceSpan: Sendable, Hashable, Codable {
    public var file: String
    public var range: SourceRange
    public var start: SourceLocation
    public var end: SourceLocation
    public var sourceLine: String

    public init(file: String, range: SourceRange, start: SourceLocation, end: SourceLocation, sourceLine: String) {
        self.file = file
        self.range = range
        self.start = start
        self.end = end
        self.sourceLine = sourceLine
    }
}
