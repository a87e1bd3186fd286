/// A request head as parsed, before its body is read. The responder sees it first to decide
/// where the request runs and how much body it accepts.
public struct HTTPRequestHead: Sendable {
    public var method: HTTPMethod
    /// The raw request-target as sent (origin-form: path and optional query).
    public var target: String
    /// The path part of the target, still percent-encoded.
    public var path: String
    /// The query part after `?` (without it), still percent-encoded; empty when absent.
    public var query: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The peer as "ip:port" ("test" for requests that never touched a socket).
    public var remoteAddress: String

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(), remoteAddress: String = "test"
    ) {
        self.method = method
        self.target = target
        if let q = target.firstIndex(of: "?") {
            path = String(target[..<q])
            query = String(target[target.index(after: q)...])
        } else {
            path = target
            query = ""
        }
        self.version = version
        self.headers = headers
        self.remoteAddress = remoteAddress
    }
}

/// A complete request: head plus the whole (de-chunked) body, bounded by the route's body limit.
public struct HTTPRequest: Sendable {
    public var head: HTTPRequestHead
    public var body: [UInt8]

    public init(head: HTTPRequestHead, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }

    public var method: HTTPMethod { head.method }
    public var path: String { head.path }
    public var query: String { head.query }
    public var headers: HTTPHeaders { head.headers }
}
