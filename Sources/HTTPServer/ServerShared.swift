import Synchronization

/// What every event loop of one server shares: configuration, the responder, the worker pool and the
/// process-wide counters. Immutable apart from atomics.
final class ServerShared: Sendable {
    let configuration: HTTPServerConfiguration
    let limits: HTTPParserLimits
    let responder: any HTTPResponder
    let pool: WorkerPool
    /// Open connections across all loops, checked against `maxConnections` at accept.
    let openConnections = Atomic<Int>(0)
    let stopping = Atomic<Bool>(false)
    /// Pending output above which a connection stops reading requests / a producer blocks.
    let highWater = 256 * 1024

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.limits = HTTPParserLimits(
            maxHeaderBytes: configuration.maxHeaderBytes,
            maxRequestTargetBytes: configuration.maxRequestTargetBytes,
            maxHeaderCount: configuration.maxHeaderCount)
        self.responder = responder
        self.pool = WorkerPool(threads: configuration.workerThreads)
    }
}
