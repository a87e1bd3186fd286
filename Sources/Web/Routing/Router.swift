import HTTPServer
import Synchronization

/// Routes requests to handlers. Register everything before the server starts; the router is read-only
/// afterwards (registration after `freeze()` is a programmer error).
public final class Router<Context: RequestContext>: Sendable {
    let trie = RouteTrie<Context>()
    private let frozen = Atomic<Bool>(false)

    public init() {}

    /// A group of routes sharing a path prefix and middleware (outermost first).
    public func group(_ prefix: String, middleware: [any Middleware<Context>] = []) -> RouteGroup<Context> {
        RouteGroup(router: self, prefix: prefix, middleware: middleware)
    }

    public func add(
        _ method: HTTPMethod, _ pattern: String, options: RouteOptions = .standard,
        doc: OpenAPIOperation? = nil, middleware: [any Middleware<Context>] = [],
        _ handler: @escaping Handler<Context>
    ) {
        precondition(!frozen.load(ordering: .acquiring), "routes must be registered before the server starts")
        trie.insert(
            Route(method: method, pattern: pattern, options: options, documentation: doc,
                  handler: middleware.folded(around: handler)))
    }

    public func freeze() { frozen.store(true, ordering: .releasing) }

    public var routes: [Route<Context>] { trie.allRoutes() }
}

/// A prefix plus middleware; groups nest (`/v1` → `/v1/admin`).
public struct RouteGroup<Context: RequestContext>: Sendable {
    let router: Router<Context>
    public let prefix: String
    let middleware: [any Middleware<Context>]

    public func group(_ prefix: String, middleware: [any Middleware<Context>] = []) -> RouteGroup<Context> {
        RouteGroup(router: router, prefix: self.prefix + prefix, middleware: self.middleware + middleware)
    }

    public func add(
        _ method: HTTPMethod, _ path: String, options: RouteOptions = .standard,
        doc: OpenAPIOperation? = nil, _ handler: @escaping Handler<Context>
    ) {
        router.add(method, prefix + path, options: options, doc: doc, middleware: middleware, handler)
    }

    public func get(_ path: String, options: RouteOptions = .standard, doc: OpenAPIOperation? = nil, _ handler: @escaping Handler<Context>) {
        add(.get, path, options: options, doc: doc, handler)
    }
    public func post(_ path: String, options: RouteOptions = .standard, doc: OpenAPIOperation? = nil, _ handler: @escaping Handler<Context>) {
        add(.post, path, options: options, doc: doc, handler)
    }
    public func put(_ path: String, options: RouteOptions = .standard, doc: OpenAPIOperation? = nil, _ handler: @escaping Handler<Context>) {
        add(.put, path, options: options, doc: doc, handler)
    }
    public func patch(_ path: String, options: RouteOptions = .standard, doc: OpenAPIOperation? = nil, _ handler: @escaping Handler<Context>) {
        add(.patch, path, options: options, doc: doc, handler)
    }
    public func delete(_ path: String, options: RouteOptions = .standard, doc: OpenAPIOperation? = nil, _ handler: @escaping Handler<Context>) {
        add(.delete, path, options: options, doc: doc, handler)
    }
}
