/// Why a request cannot be served, as the status the server answers with and a short detail for the
/// problem+json body. Every parse error closes the connection: after a framing error the server can no
/// longer know where the next request starts (RFC 9112 §6.3, §11.2).
public struct HTTPParseError: Error, Sendable, Equatable {
    public var status: HTTPStatus
    public var detail: String

    public init(_ status: HTTPStatus, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    static func badRequest(_ detail: String) -> HTTPParseError { HTTPParseError(.badRequest, detail) }
}
