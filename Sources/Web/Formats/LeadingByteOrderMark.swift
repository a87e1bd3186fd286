/// Drops a UTF-8 byte order mark (EF BB BF) from the very start of a byte stream fed in chunks of any size,
/// including chunks that split the mark. Spreadsheet programs write the mark to flag UTF-8 (RFC 3629 §6
/// allows it); it is not part of the first field or line.
struct LeadingByteOrderMark: Sendable {
    private static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private var matched = 0
    private var isDecided = false

    /// Consumes the start of `chunk`. Returns bytes held back from earlier chunks that turned out not to be
    /// a mark (to be processed first) and the index in `chunk` where ordinary data starts.
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>) -> (replay: [UInt8], start: Int) {
        if isDecided { return ([], 0) }
        var index = 0
        while index < chunk.count {
            if chunk[index] == Self.mark[matched] {
                matched += 1
                index += 1
                if matched == Self.mark.count {
                    isDecided = true
                    return ([], index)
                }
            } else {
                // Not a mark: the bytes held so far are data, and so is this byte.
                isDecided = true
                return (Array(Self.mark[0..<matched]), index)
            }
        }
        return ([], index)
    }

    /// At the end of the stream: bytes held back that were the start of a mark never completed.
    mutating func finish() -> [UInt8] {
        if isDecided { return [] }
        isDecided = true
        return Array(Self.mark[0..<matched])
    }
}
