/// Splits a byte stream fed in chunks into the lines of NDJSON (newline-delimited JSON: one JSON text per
/// line, separated by LF with an optional CR before it), numbered from 1 as an editor shows them.
///
/// Blank lines (empty or only spaces, tabs and CR) are skipped but counted, so line numbers stay right.
/// A leading UTF-8 byte order mark is dropped. Lines are bounded by `maxLineLength` so that one endless
/// line cannot exhaust memory; decoding each line's JSON is the caller's business.
public struct NDJSONLineSplitter: Sendable {
    public let maxLineLength: Int

    private var bom = LeadingByteOrderMark()
    private var current: [UInt8] = []
    private var line = 1
    private var completed: [NDJSONLine] = []
    private var failure: NDJSONError?

    public init(maxLineLength: Int = 1 << 20) {
        self.maxLineLength = maxLineLength
    }

    /// Reads the next chunk and returns the non-blank lines it completes, in order.
    /// After an error, every later call throws the same error.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(NDJSONError) -> [NDJSONLine] {
        if let failure { throw failure }
        var caught: NDJSONError?
        let wasContiguous: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(NDJSONError) { try self.consume(buffer) } catch { caught = error }
        }
        if wasContiguous == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { buffer in
                do throws(NDJSONError) { try self.consume(buffer) } catch { caught = error }
            }
        }
        if let caught {
            failure = caught
            throw caught
        }
        defer { completed.removeAll(keepingCapacity: true) }
        return completed
    }

    /// Ends the input: returns the last line when the stream does not end with a line end.
    public mutating func finish() throws(NDJSONError) -> NDJSONLine? {
        if let failure { throw failure }
        do throws(NDJSONError) {
            let replay = bom.finish()
            if !replay.isEmpty {
                try replay.withUnsafeBufferPointer { buffer throws(NDJSONError) in try process(buffer) }
            }
            try endLine()
        } catch {
            failure = error
            throw error
        }
        defer { completed.removeAll() }
        return completed.last
    }

    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    private mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>) throws(NDJSONError) {
        let (replay, start) = bom.consume(chunk)
        if !replay.isEmpty {
            try replay.withUnsafeBufferPointer { buffer throws(NDJSONError) in try process(buffer) }
        }
        if start < chunk.count {
            try process(UnsafeBufferPointer(rebasing: chunk[start...]))
        }
    }

    private mutating func process(_ buffer: UnsafeBufferPointer<UInt8>) throws(NDJSONError) {
        var start = 0
        while start < buffer.count {
            var end = start
            while end < buffer.count && buffer[end] != Self.lf { end += 1 }
            // One byte of slack for the CR that may come before the LF.
            if current.count + (end - start) > maxLineLength + 1 {
                throw NDJSONError(line: line, reason: .lineTooLong(limit: maxLineLength))
            }
            current.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end]))
            guard end < buffer.count else { return }
            try endLine()
            line += 1
            start = end + 1
        }
    }

    private mutating func endLine() throws(NDJSONError) {
        if current.last == Self.cr { current.removeLast() }
        if current.count > maxLineLength {
            throw NDJSONError(line: line, reason: .lineTooLong(limit: maxLineLength))
        }
        let isBlank = current.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == Self.cr }
        if !isBlank {
            completed.append(NDJSONLine(line: line, bytes: current))
        }
        current.removeAll(keepingCapacity: true)
    }
}
