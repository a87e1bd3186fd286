/// A small blocking HTTP/1.1 client over plain TCP, for tests and outgoing webhooks. Each call opens a
/// connection, sends one request with `Connection: close` and reads the response; use
/// `HTTPClientConnection` to send several requests over one keep-alive connection.
public enum HTTPClient {
    public typealias Response = (status: Int, headers: HTTPHeaders, body: [UInt8])

    /// Sends to an `http://host[:port]/path` URL.
    public static func send(
        method: HTTPMethod = .get, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        timeoutSeconds: Double = 10
    ) throws -> Response {
        let (host, port, path) = try split(url)
        return try send(
            method: method, host: host, port: port, path: path, headers: headers, body: body,
            timeoutSeconds: timeoutSeconds)
    }

    public static func send(
        method: HTTPMethod = .get, host: String, port: Int, path: String, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], timeoutSeconds: Double = 10
    ) throws -> Response {
        let connection = try HTTPClientConnection(host: host, port: port, timeoutSeconds: timeoutSeconds)
        defer { connection.close() }
        var headers = headers
        if !headers.contains("Connection") { headers.add("Connection", "close") }
        return try connection.send(method: method, path: path, headers: headers, body: body)
    }

    /// Splits "http://host:port/path?query" (no TLS, no userinfo).
    static func split(_ url: String) throws -> (host: String, port: Int, path: String) {
        guard url.hasPrefix("http://") else { throw HTTPClientError.invalidURL(url) }
        let rest = url.dropFirst("http://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = slash == rest.endIndex ? "/" : String(rest[slash...])
        var host = String(authority)
        var port = 80
        if authority.hasPrefix("[") {
            // IPv6 literal: [::1]:8080
            guard let close = authority.firstIndex(of: "]") else { throw HTTPClientError.invalidURL(url) }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()) else { throw HTTPClientError.invalidURL(url) }
                port = p
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let p = Int(authority[authority.index(after: colon)...]) else { throw HTTPClientError.invalidURL(url) }
            port = p
        }
        guard !host.isEmpty, (1...65535).contains(port) else { throw HTTPClientError.invalidURL(url) }
        return (host, port, path)
    }
}
