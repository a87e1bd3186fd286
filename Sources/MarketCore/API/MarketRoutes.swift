import HTTPServer
import Web

/// How role modules register routes: every route states its access rule and its documentation, and
/// gets authentication, authorization and the matching OpenAPI security and error responses from here.
public struct MarketRoutes: Sendable {
    public let router: Router<MarketContext>
    public let services: MarketServices
    let authenticator: Authenticator

    public init(router: Router<MarketContext>, services: MarketServices) {
        self.router = router
        self.services = services
        self.authenticator = Authenticator(services: services)
    }

    public func add(
        _ method: HTTPMethod, _ path: String, access: Access, options: RouteOptions = .standard,
        doc: OpenAPIOperation, _ handler: @escaping Handler<MarketContext>
    ) {
        var middleware: [any Middleware<MarketContext>] = [AccessControl(access: access, authenticator: authenticator)]
        if options.placement == .eventLoop { middleware.insert(InlineRead(database: services.database), at: 0) }
        router.add(
            method, path, options: options, doc: Self.document(doc, access: access, method: method, path: path),
            middleware: middleware, handler)
    }

    /// Adds what the access rule implies: security schemes, 401/403, and the problem responses every
    /// route can give.
    static func document(_ doc: OpenAPIOperation, access: Access, method: HTTPMethod, path: String = "") -> OpenAPIOperation {
        var doc = doc
        var codes = Set(doc.responses.map(\.status))
        func add(_ status: Int, _ description: String) {
            guard !codes.contains(status) else { return }
            codes.insert(status)
            doc.responses.append(OpenAPIResponse(status, description, contentType: "application/problem+json", schema: ["$ref": "#/components/schemas/Problem"]))
        }
        switch access {
        case .anyone:
            break
        case .signedIn:
            doc.security = ["bearerAuth", "apiKey"]
            add(401, "No valid credential")
        case .members(let kind, let roles):
            doc.security = ["bearerAuth", "apiKey"]
            add(401, "No valid credential")
            add(403, "Not a \(kind.rawValue) organization, or missing role")
            let names = roles.isEmpty ? "any role" : roles.sorted().map(\.rawValue).joined(separator: ", ")
            let note = "Access: \(kind.rawValue) organizations, roles: \(names)."
            doc.description = doc.description.map { "\($0)\n\n\(note)" } ?? note
        }
        // An id in the path may name nothing (or another organization's object, which reads the same).
        if path.contains("{") { add(404, "No such resource") }
        // Query parameters are validated like body fields: a bad value is a 422 naming the parameter.
        if doc.parameters.contains(where: { $0.location == .query }) { add(422, "Invalid query parameters") }
        if method == .post || method == .put || method == .patch {
            add(400, "Malformed JSON")
            add(413, "Body too large")
            add(415, "Wrong media type")
            add(422, "Invalid fields")
        }
        add(503, "Busy; retry after the given time")
        add(500, "A bug")
        return doc
    }
}
