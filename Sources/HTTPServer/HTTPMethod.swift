/// A request method token (RFC 9110 §9). Unknown tokens are representable so the server can answer 501.
public struct HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let get = HTTPMethod("GET")
    public static let head = HTTPMethod("HEAD")
    public static let post = HTTPMethod("POST")
    public static let put = HTTPMethod("PUT")
    public static let patch = HTTPMethod("PATCH")
    public static let delete = HTTPMethod("DELETE")
    public static let options = HTTPMethod("OPTIONS")
    public static let trace = HTTPMethod("TRACE")
    /// The safe method with a body (draft-ietf-httpbis-safe-method-w-body; an operation kind in OpenAPI 3.2).
    public static let query = HTTPMethod("QUERY")

    /// Methods this server recognizes; anything else is answered with 501 (RFC 9110 §9.1). TRACE and QUERY
    /// are standard methods the server knows but no resource allows, so the router answers 405 with
    /// `Allow` (RFC 9110 §15.5.6), a client error, rather than a 5xx; TRACE is never echoed back
    /// (RFC 9110 §9.3.8, cross-site tracing).
    public static let implemented: Set<HTTPMethod> = [.get, .head, .post, .put, .patch, .delete, .options, .trace, .query]
}
