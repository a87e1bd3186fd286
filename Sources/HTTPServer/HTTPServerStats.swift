/// A snapshot of the server's counters (for Prometheus metrics).
public struct HTTPServerStats: Sendable, Equatable {
    /// Connections currently open.
    public var openConnections: Int
    /// Connections accepted since start (including those closed at once for exceeding `maxConnections`).
    public var acceptedTotal: Int
    /// Responses sent to requests that reached a handler or were refused by the server since start.
    public var requestsTotal: Int

    public init(openConnections: Int = 0, acceptedTotal: Int = 0, requestsTotal: Int = 0) {
        self.openConnections = openConnections
        self.acceptedTotal = acceptedTotal
        self.requestsTotal = requestsTotal
    }
}
