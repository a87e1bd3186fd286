import HTTPServer
import Store
import Web

extension RouteOptions {
    /// A read-only route answered on the event loop that received it, with no hand-off to a worker
    /// thread: for point reads whose SQL costs about what the hand-off would (two thread wake-ups). The
    /// handler — authentication included — runs in one read transaction on the loop thread's own reader
    /// connection (`Database.readOnThreadConnection`), so it never waits for the reader pool and never
    /// blocks the loop on a busy writer (WAL readers do not wait for writers). Such a handler must not
    /// write and must stay cheap: a slow one delays every connection of its loop.
    public static let pointRead = RouteOptions(maxBodyBytes: 0, placement: .eventLoop)
}

/// What `MarketRoutes` puts before the access check of a `pointRead` route.
struct InlineRead: Middleware {
    let database: Database

    func handle(_ request: Request, context: inout MarketContext, next: Handler<MarketContext>) throws -> HTTPResponse {
        try database.readOnThreadConnection { try next(request, &context) }
    }
}
