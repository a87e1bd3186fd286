import HTTPServer

/// Handlers and middleware receive the context `inout`: middleware fills it (the authenticated caller)
/// and the application still sees what was learned once the handler returns (for the access log).
public typealias Handler<Context: RequestContext> = @Sendable (Request, inout Context) throws -> HTTPResponse

/// Code that wraps a handler: it may refuse the request, enrich the context, or change the response.
/// Middleware is folded into each route's handler when the route is registered, so a request pays for
/// the middleware of its group and nothing else.
public protocol Middleware<Context>: Sendable {
    associatedtype Context: RequestContext
    func handle(_ request: Request, context: inout Context, next: Handler<Context>) throws -> HTTPResponse
}

/// Middleware written as a closure.
public struct ClosureMiddleware<Context: RequestContext>: Middleware {
    let body: @Sendable (Request, inout Context, Handler<Context>) throws -> HTTPResponse

    public init(_ body: @escaping @Sendable (Request, inout Context, Handler<Context>) throws -> HTTPResponse) {
        self.body = body
    }

    public func handle(_ request: Request, context: inout Context, next: Handler<Context>) throws -> HTTPResponse {
        try body(request, &context, next)
    }
}

extension Array {
    /// Folds middleware around a handler; the first element is the outermost.
    func folded<Context>(around handler: @escaping Handler<Context>) -> Handler<Context>
    where Element == any Middleware<Context> {
        reversed().reduce(handler) { next, middleware in
            { request, context in try middleware.handle(request, context: &context, next: next) }
        }
    }
}
