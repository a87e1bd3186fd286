/// One line of an NDJSON stream: its bytes without the line end, and its 1-based line number in the stream.
public struct NDJSONLine: Sendable, Hashable {
    public var line: Int
    public var bytes: [UInt8]

    public init(line: Int, bytes: [UInt8]) {
        self.line = line
        self.bytes = bytes
    }
}
