/// The seam between the HTTP server and whatever answers requests (the Web layer's router).
///
/// The server calls `plan(for:)` on the event loop as soon as a request head is parsed, before it reads any
/// body byte: the plan says how large a body is acceptable (413 without reading it otherwise) and where the
/// handler runs. Handlers that may block (SQLite, password hashing) run on the worker pool; trivial ones
/// (health, metrics, static files) may run on the event loop to save the thread hop.
public protocol HTTPResponder: Sendable {
    func plan(for head: HTTPRequestHead) -> HTTPHandlingPlan
}

public struct HTTPHandlingPlan: Sendable {
    public enum Placement: Sendable {
        case eventLoop
        case workerPool
    }

    public var maxBodyBytes: Int
    public var placement: Placement
    public var handle: @Sendable (HTTPRequest) -> HTTPResponse

    public init(
        maxBodyBytes: Int, placement: Placement = .workerPool,
        handle: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.placement = placement
        self.handle = handle
    }
}
