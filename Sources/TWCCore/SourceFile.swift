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
    /// Byte offset of the first byte of each line. `lineStarts[0] == 0`. A line ends with LF,
    /// CR LF or a lone CR, as editors show it (positions are for people; what a parser takes for
    /// a line is the parser's business).
    public let lineStarts: [Int]
    /// Number of scalars (non-continuation bytes) before each 1024-byte block, so that a column
    /// on a very long line costs O(1024), not O(line length).
    private let scalarCheckpoints: [Int]
    private static let blockSize = 1024

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count {
                let byte = buffer[index]
                if byte == 0x0A || (byte == 0x0D && (index + 1 == buffer.count || buffer[index + 1] != 0x0A)) {
                    starts.append(index + 1)
                }
            }
        }
        self.lineStarts = starts
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / Self.blockSize + 1)
        var scalars = 0
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count {
                if index % Self.blockSize == 0 { checkpoints.append(scalars) }
                if buffer[index] & 0xC0 != 0x80 { scalars += 1 }
            }
        }
        checkpoints.append(scalars)
        self.scalarCheckpoints = checkpoints
    }

    /// Number of scalars that start before byte `offset`.
    func scalarCount(before offset: Int) -> Int {
        let block = offset / Self.blockSize
        var count = scalarCheckpoints[min(block, scalarCheckpoints.count - 1)]
        var position = block * Self.blockSize
        while position < offset {
            if bytes[position] & 0xC0 != 0x80 { count += 1 }
            position += 1
        }
        return count
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
        // Columns count scalars: bytes that are not UTF-8 continuation bytes.
        let column = scalarCount(before: clamped) - scalarCount(before: lineStarts[index]) + 1
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

    /// Longest source line excerpt kept in a span, in bytes.
    public static let excerptLimit = 400

    public func span(_ range: SourceRange) -> SourceSpan {
        let start = location(of: range.start)
        let end = location(of: range.end)
        var line = lineRange(start.line)
        var excerptColumn = 1
        var continues = false
        if line.count > Self.excerptLimit {
            // Keep a window around the span so that a 10 MB line is not copied into every finding.
            var from = max(line.start, range.start - Self.excerptLimit / 4)
            while from > line.start, bytes[from] & 0xC0 == 0x80 { from -= 1 }
            var to = min(line.end, from + Self.excerptLimit)
            while to < line.end, bytes[to] & 0xC0 == 0x80 { to += 1 }
            excerptColumn = location(of: from).column
            continues = to < line.end
            line = SourceRange(from, to)
        }
        var span = SourceSpan(
            file: path, range: range, start: start, end: end,
            sourceLine: text(line), sourceLineColumn: excerptColumn)
        span.sourceLineContinues = continues
        return span
    }
}

/// A located range in a named file, with the text of its first line so that reporters can show
/// it without reading the file again.
public struct SourceSpan: Sendable, Hashable, Codable {
    public var file: String
    public var range: SourceRange
    public var start: SourceLocation
    public var end: SourceLocation
    /// The start line's text, or for a very long line a window of it.
    public var sourceLine: String
    /// Column of the first scalar of `sourceLine` (1 unless it is a window of a long line).
    public var sourceLineColumn: Int
    /// Whether the line goes on after `sourceLine` (a window of a long line).
    public var sourceLineContinues = false

    public init(
        file: String, range: SourceRange, start: SourceLocation, end: SourceLocation, sourceLine: String,
        sourceLineColumn: Int = 1
    ) {
        self.file = file
        self.range = range
        self.start = start
        self.end = end
        self.sourceLine = sourceLine
        self.sourceLineColumn = sourceLineColumn
    }
}
