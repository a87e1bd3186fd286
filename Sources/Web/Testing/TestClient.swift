import HTTPServer

/// A response as a test sees it.
public struct TestResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON, or `.null` when it is not JSON (tests then fail on the field they read).
    public var json: JSON { (try? JSONParser.parse(body)) ?? .null }
}

/// How a test client reaches the application.
public protocol TestTransport: Sendable {
    func send(_ head: HTTPRequestHead, body: [UInt8]) throws -> TestResponse
}

/// One client API for two kinds of test: in-process (through the router, no socket: fast unit tests of
/// routes) and live (a real server on a loopback port: end-to-end tests of the whole stack).
public struct TestClient: Sendable {
    public let transport: any TestTransport
    /// Headers sent with every request (an Authorization token, Accept-Language…).
    public var defaultHeaders: HTTPHeaders

    public init(transport: any TestTransport, defaultHeaders: HTTPHeaders = HTTPHeaders()) {
        self.transport = transport
        self.defaultHeaders = defaultHeaders
    }

    public init(responder: any HTTPResponder) {
        self.init(transport: InProcessTransport(responder: responder))
    }

    /// A copy that sends `Authorization: Bearer <token>`.
    public func authorized(_ token: String) -> TestClient {
        var copy = self
        copy.defaultHeaders.set("Authorization", "Bearer \(token)")
        return copy
    }

    @discardableResult
    public func send(
        _ method: HTTPMethod, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) throws -> TestResponse {
        var all = defaultHeaders
        for field in headers { all.set(field.name, field.value) }
        if !all.contains("Host") { all.add("Host", "localhost") }
        if !body.isEmpty || method == .post || method == .put || method == .patch {
            all.set("Content-Length", String(body.count))
        }
        return try transport.send(HTTPRequestHead(method: method, target: target, headers: all), body: body)
    }

    @discardableResult
    public func send(_ method: HTTPMethod, _ target: String, json: JSON, headers: HTTPHeaders = HTTPHeaders()) throws -> TestResponse {
        var all = headers
        all.set("Content-Type", "application/json")
        return try send(method, target, headers: all, body: JSONSerializer.serialize(json))
    }

    @discardableResult
    public func get(_ target: String, headers: HTTPHeaders = HTTPHeaders()) throws -> TestResponse {
        try send(.get, target, headers: headers)
    }

    @discardableResult
    public func post(_ target: String, json: JSON, headers: HTTPHeaders = HTTPHeaders()) throws -> TestResponse {
        try send(.post, target, json: json, headers: headers)
    }

    @discardableResult
    public func put(_ target: String, json: JSON, headers: HTTPHeaders = HTTPHeaders()) throws -> TestResponse {
        try send(.put, target, json: json, headers: headers)
    }

    @discardableResult
    public func patch(_ target: String, json: JSON, headers: HTTPHeaders = HTTPHeaders()) throws -> TestResponse {
        try send(.patch, target, json: json, headers: headers)
    }

    @discardableResult
    public func delete(_ target: String, headers: HTTPHeaders = HTTPHeaders()) throws -> TestResponse {
        try send(.delete, target, headers: headers)
    }
}

/// Runs requests straight through a responder, applying the same body limit the server would.
public struct InProcessTransport: TestTransport {
    public let responder: any HTTPResponder

    public init(responder: any HTTPResponder) { self.responder = responder }

    public func send(_ head: HTTPRequestHead, body: [UInt8]) throws -> TestResponse {
        let plan = responder.plan(for: head)
        if body.count > plan.maxBodyBytes {
            return TestResponse(status: 413, headers: ["Content-Type": "application/problem+json"], body: [])
        }
        let response = plan.handle(HTTPRequest(head: head, body: body))
        let bytes = head.method == .head ? [] : try response.collectBody()
        return TestResponse(status: response.status.code, headers: response.headers, body: bytes)
    }
}
