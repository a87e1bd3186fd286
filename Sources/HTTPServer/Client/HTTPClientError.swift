/// Why a client request failed.
public enum HTTPClientError: Error, Sendable, Equatable {
    case invalidURL(String)
    case connectFailed(host: String, port: Int, errno: Int32)
    case timedOut
    /// The server closed the connection before a complete response.
    case connectionClosed
    case malformedResponse(String)
    case responseTooLarge
    case socket(errno: Int32)
}
