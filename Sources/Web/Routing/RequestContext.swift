/// Per-request facts that middleware learns and handlers read, typed by the application
/// (the marketplace's context carries the authenticated principal). A fresh value per request.
public protocol RequestContext: Sendable {
    init()
}

/// A context with nothing in it, for tests and infrastructure routes.
public struct EmptyContext: RequestContext {
    public init() {}
}
