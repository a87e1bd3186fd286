/// The bounds the request parser enforces while it reads a head. Kept apart from
/// `HTTPServerConfiguration` so the parser (and the fuzzer that compiles it alone) needs no server type.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Request line plus all header fields, CRLFs included (431 beyond).
    public var maxHeaderBytes: Int
    /// The request-target alone (414 beyond).
    public var maxRequestTargetBytes: Int
    /// Number of header field lines (431 beyond).
    public var maxHeaderCount: Int

    public init(maxHeaderBytes: Int = 16 * 1024, maxRequestTargetBytes: Int = 8 * 1024, maxHeaderCount: Int = 100) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxRequestTargetBytes = maxRequestTargetBytes
        self.maxHeaderCount = maxHeaderCount
    }
}
