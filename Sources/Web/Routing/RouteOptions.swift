import HTTPServer

/// How the server treats a route before its handler runs.
public struct RouteOptions: Sendable {
    /// The largest body accepted; larger declared bodies are refused with 413 before they are read.
    public var maxBodyBytes: Int
    /// `.eventLoop` only for handlers that never block (no database, no hashing).
    public var placement: HTTPHandlingPlan.Placement

    public init(maxBodyBytes: Int = 1 << 20, placement: HTTPHandlingPlan.Placement = .workerPool) {
        self.maxBodyBytes = maxBodyBytes
        self.placement = placement
    }

    public static let standard = RouteOptions()
    /// Cheap handlers answered on the event loop without a thread hop.
    public static let inline = RouteOptions(maxBodyBytes: 0, placement: .eventLoop)
    /// Bulk uploads (CSV/NDJSON imports).
    public static let bulkUpload = RouteOptions(maxBodyBytes: 64 << 20)
}
