/// One client connection. Owned by exactly one event loop and touched only on its thread, so it needs no
/// lock; other threads refer to it by `(fd, id)` and the loop checks the pair is still current.
final class Connection {
    enum State {
        /// Waiting for (the rest of) a request head; also the idle keep-alive state.
        case readingHead
        case readingBody
        /// The handler runs on the worker pool; pipelined bytes wait in `inbound`.
        case handling
        /// A streamed body is being produced on the worker pool.
        case streaming
        /// The last response is being flushed; then the write side is shut down.
        case closing
        /// Write side shut; input is discarded until the peer closes (so our last response is not lost to
        /// a reset caused by unread input), bounded by a short deadline.
        case lingering
    }

    let fd: Int32
    let id: UInt64
    let remoteAddress: String
    var state: State = .readingHead
    var isClosed = false
    var parser: HTTPRequestParser

    /// Received bytes not yet consumed. Empty (no allocation) whenever the connection is idle: reads go to
    /// the loop's shared buffer and only an incomplete remainder is copied here.
    var inbound: [UInt8] = []
    /// `inbound` ends in an incomplete head or body: processing it again needs more bytes first.
    var inboundNeedsMore = false
    /// Edge-triggered epoll reported input that was not read yet (we stopped reading on purpose).
    var socketMayHaveData = false
    /// The peer shut its write side (EPOLLRDHUP or a read of 0).
    var peerShutWrite = false

    /// Bytes queued for the socket; `outboundSent` of them are already written.
    var outbound: [UInt8] = []
    var outboundSent = 0
    var outboundPending: Int { outbound.count - outboundSent }

    /// When the current phase times out (monotonic ms); `.max` when no timer runs.
    var deadline: UInt64 = .max
    /// When a blocked write gives up (monotonic ms); `.max` when nothing waits for the socket.
    var writeDeadline: UInt64 = .max
    /// The first byte of the current head arrived (the header timeout runs from then, never extended).
    var headStarted = false

    // MARK: - The request in progress
    var requestHead: HTTPRequestHead?
    var plan: HTTPHandlingPlan?
    var keepAlive = true
    var isHeadRequest = false
    var version: HTTPVersion = .http1_1
    var body: [UInt8] = []
    var bodyRemaining = 0
    var chunkedDecoder: HTTPChunkedDecoder?
    /// The producer of a streamed body, while it runs.
    var writer: StreamingBodyWriter?
    var streamIsChunked = false
    var closeAfterStream = false
    /// Bytes discarded while lingering, bounded so a client cannot keep us reading forever.
    var lingerDiscarded = 0

    init(fd: Int32, id: UInt64, remoteAddress: String, limits: HTTPParserLimits) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.parser = HTTPRequestParser(limits: limits)
    }

    var isReading: Bool { state == .readingHead || state == .readingBody }

    /// Drops the per-request state so an idle connection holds no buffers.
    func clearRequest() {
        requestHead = nil
        plan = nil
        body = []
        bodyRemaining = 0
        chunkedDecoder = nil
        writer = nil
        isHeadRequest = false
    }
}
