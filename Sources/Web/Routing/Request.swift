import HTTPServer

/// What a handler sees: the HTTP request plus what routing learned about it.
public struct Request: Sendable {
    public let http: HTTPRequest
    /// Path parameters by name, percent-decoded (`/v1/orders/{id}` -> `id`).
    public let parameters: [String: String]
    public let language: Language
    public let requestID: String
    /// The route pattern that matched ("/v1/orders/{id}"), for logs and metrics.
    public let routePattern: String

    public init(
        http: HTTPRequest, parameters: [String: String] = [:], language: Language = .en,
        requestID: String = "test", routePattern: String = ""
    ) {
        self.http = http
        self.parameters = parameters
        self.language = language
        self.requestID = requestID
        self.routePattern = routePattern
    }

    public var method: HTTPMethod { http.head.method }
    public var path: String { http.head.path }
    public var headers: HTTPHeaders { http.head.headers }
    public var body: [UInt8] { http.body }
    public var remoteAddress: String { http.head.remoteAddress }

    public func header(_ name: String) -> String? { http.head.headers[name] }

    /// A path parameter; routing guarantees it exists for the parameters in the pattern.
    public func parameter(_ name: String) -> String { parameters[name] ?? "" }

    public var query: QueryParameters { QueryParameters(http.head.query) }

    /// The media type of the body without parameters, lowercased ("application/json").
    public var contentType: String? {
        guard let value = header("Content-Type") else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingSpaces.lowercased() }
        return type
    }

    /// The body as JSON: 415 unless it is declared JSON, 400 when it does not parse.
    public func json() throws(APIError) -> JSON {
        guard let type = contentType, type == "application/json" || type.hasSuffix("+json") else {
            throw APIError.unsupportedMediaType(expected: "application/json")
        }
        do {
            return try JSONParser.parse(http.body)
        } catch {
            throw APIError.malformedJSON(error.description)
        }
    }

    /// The body as a JSON object; a top-level array or scalar is a 422 naming the body itself.
    public func jsonObject() throws(APIError) -> JSONObject {
        let value = try json()
        guard case .object(let object) = value else {
            throw APIError.validation(field: "body", "expected a JSON object, got \(value.kindName)")
        }
        return object
    }

    /// Whether the client prefers a media type given in `Accept` (exact match only; `*/*` never wins).
    public func accepts(_ mediaType: String) -> Bool {
        guard let accept = header("Accept")?.lowercased() else { return false }
        return accept.split(separator: ",").contains { part in
            part.split(separator: ";").first.map { $0.trimmingSpaces } == mediaType
        }
    }
}
