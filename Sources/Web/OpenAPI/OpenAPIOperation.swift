/// The description of one route, registered together with the route so that no route exists without
/// its documentation (`OpenAPIDocument` is generated from the router, and a test compares both).
public struct OpenAPIOperation: Sendable {
    public var summary: String
    public var description: String?
    public var tags: [String]
    /// Security scheme names ("bearer", "apiKey"); empty for public routes.
    public var security: [String]
    public var parameters: [OpenAPIParameter]
    public var requestBody: OpenAPIRequestBody?
    public var responses: [OpenAPIResponse]

    public init(
        summary: String, description: String? = nil, tags: [String] = [], security: [String] = [],
        parameters: [OpenAPIParameter] = [], requestBody: OpenAPIRequestBody? = nil,
        responses: [OpenAPIResponse] = []
    ) {
        self.summary = summary
        self.description = description
        self.tags = tags
        self.security = security
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
    }
}

public struct OpenAPIParameter: Sendable {
    public enum Location: String, Sendable { case path, query, header }
    public var name: String
    public var location: Location
    public var required: Bool
    public var schema: JSON
    public var description: String?

    public init(_ name: String, in location: Location, required: Bool = false, schema: JSON = ["type": "string"], description: String? = nil) {
        self.name = name
        self.location = location
        self.required = required || location == .path
        self.schema = schema
        self.description = description
    }
}

public struct OpenAPIRequestBody: Sendable {
    public var contentType: String
    public var schema: JSON
    public var required: Bool
    public var example: JSON?

    public init(_ schema: JSON, contentType: String = "application/json", required: Bool = true, example: JSON? = nil) {
        self.contentType = contentType
        self.schema = schema
        self.required = required
        self.example = example
    }
}

public struct OpenAPIResponse: Sendable {
    public var status: Int
    public var description: String
    public var contentType: String?
    public var schema: JSON?
    public var headers: [String: JSON]

    public init(_ status: Int, _ description: String, contentType: String? = "application/json", schema: JSON? = nil, headers: [String: JSON] = [:]) {
        self.status = status
        self.description = description
        self.contentType = schema == nil && contentType == "application/json" ? nil : contentType
        self.schema = schema
        self.headers = headers
    }
}
