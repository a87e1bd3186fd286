/// How the request body is delimited (RFC 9112 §6.3). A request with neither Content-Length nor
/// Transfer-Encoding has no body: requests are never close-delimited.
public enum HTTPBodyFraming: Sendable, Equatable {
    case none
    case contentLength(Int)
    case chunked
}
