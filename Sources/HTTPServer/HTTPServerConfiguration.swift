/// Limits and sizing of the server. Every limit is a defence: a client can never make the server hold
/// more than these bounds, or hold a connection longer than the timeouts.
public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 asks the kernel for a free port (tests); the bound port is reported by `HTTPServer.port`.
    public var port: Int = 8080
    /// One epoll loop per core by default.
    public var eventLoops: Int = 0
    /// Threads that run blocking handlers.
    public var workerThreads: Int = 16
    /// Open connections across all loops. Beyond it a new connection is accepted and closed at once, so the
    /// client learns immediately and the kernel backlog never fills with connections that will not be served.
    public var maxConnections: Int = 16_384
    /// Request line plus all header fields.
    public var maxHeaderBytes: Int = 16 * 1024
    public var maxRequestTargetBytes: Int = 8 * 1024
    public var maxHeaderCount: Int = 100
    /// Time allowed to receive a complete request head once its first byte arrived.
    public var headerTimeoutSeconds: Double = 10
    /// Time allowed between body bytes.
    public var bodyTimeoutSeconds: Double = 30
    /// Time an idle keep-alive connection is kept.
    public var idleTimeoutSeconds: Double = 75
    /// Time in-flight requests get to finish after SIGTERM before connections are closed anyway.
    public var shutdownGraceSeconds: Double = 10
    public var listenBacklog: Int32 = 4096

    public init() {}
}
