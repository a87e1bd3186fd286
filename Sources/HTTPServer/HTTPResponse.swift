/// A response. The server adds `Content-Length` (or chunked framing for streams), `Date` and
/// `Connection` itself; handlers set everything else.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: Body

    public enum Body: Sendable {
        case bytes([UInt8])
        /// Produced on a worker thread, sent with chunked transfer coding. The closure writes chunks
        /// through the writer; `write` blocks while the connection's output buffer is above its
        /// high-water mark, so a large export never sits in memory whole.
        case stream(@Sendable (HTTPBodyWriter) throws -> Void)
    }

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), stream: @escaping @Sendable (HTTPBodyWriter) throws -> Void) {
        self.status = status
        self.headers = headers
        self.body = .stream(stream)
    }

    /// The body bytes when buffered; a stream is drained into memory (tests and the in-process client only).
    public func collectBody() throws -> [UInt8] {
        switch body {
        case .bytes(let bytes): return bytes
        case .stream(let produce):
            let sink = CollectingBodyWriter()
            try produce(sink)
            return sink.collected
        }
    }
}

/// Where a streamed body goes.
public protocol HTTPBodyWriter: AnyObject, Sendable {
    /// Sends one chunk; throws when the peer has gone so the producer can stop early.
    func write(_ bytes: [UInt8]) throws
}

/// Collects a streamed body in memory.
public final class CollectingBodyWriter: HTTPBodyWriter, @unchecked Sendable {
    // Only one producer writes at a time by construction, so no lock is needed.
    public private(set) var collected: [UInt8] = []
    public init() {}
    public func write(_ bytes: [UInt8]) throws { collected.append(contentsOf: bytes) }
}
