import CLinux
import Glibc

/// One epoll loop on its own thread, with its own listening socket (SO_REUSEPORT) and its own connections.
///
/// Connection sockets are registered once, edge-triggered, for input, output and peer shutdown, and never
/// re-armed: a connection that stops reading on purpose (a handler is running, or too much output is
/// pending) just remembers `socketMayHaveData`, so no `epoll_ctl` is made per request. Level-triggered
/// registration would either spin on pipelined bytes we decline to read or need an `epoll_ctl` on every
/// pause and resume. The listening socket is edge-triggered too and always drained to EAGAIN; the inbox
/// eventfd is level-triggered and read on every wake.
///
/// Everything here runs on the loop's thread; other threads reach the loop only through `inbox` and the
/// shared atomics, hence `@unchecked Sendable` (needed to hand the loop to its `Thread`).
final class EventLoop: @unchecked Sendable {
    let index: Int
    let shared: ServerShared
    let counters = LoopCounters()
    let inbox: EventLoopInbox
    let epollFD: Int32
    var listenFD: Int32

    /// Connections by descriptor: descriptors are small dense integers, so an array beats a dictionary.
    var connections: [Connection?] = []
    var connectionCount = 0
    var nextConnectionID: UInt64 = 0

    /// One read buffer for all connections of the loop: a read lands here, is parsed in place, and only an
    /// incomplete remainder is copied into the connection. Idle connections thus hold no buffer at all.
    let readBuffer: UnsafeMutableBufferPointer<UInt8>
    /// Output storage lent to whichever connection is writing, and taken back once its output is flushed,
    /// so the common case (response fits the socket buffer) allocates nothing per response.
    var spareOutput: [UInt8] = []
    var taskBuffer: [EventLoopInbox.Task] = []

    var date = HTTPDateCache()
    /// Monotonic ms, refreshed after each `epoll_wait`.
    var now: UInt64 = MonotonicClock.milliseconds()
    var nextTimerCheck: UInt64 = 0
    var acceptPaused = false
    var isStopping = false
    var graceDeadline: UInt64 = .max

    static let readBufferSize = 64 * 1024
    static let maxEvents: Int32 = 256
    static let timerInterval: UInt64 = 200
    static let lingerMilliseconds: UInt64 = 2000

    init(index: Int, shared: ServerShared, listenFD: Int32) throws {
        self.index = index
        self.shared = shared
        self.listenFD = listenFD
        let ep = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard ep >= 0 else { throw HTTPServerError("epoll_create1", errno: errno) }
        epollFD = ep
        inbox = try EventLoopInbox()
        readBuffer = .allocate(capacity: Self.readBufferSize)
        try register(inbox.eventFD, events: EPOLLIN.rawValue)
        try register(listenFD, events: EPOLLIN.rawValue | EPOLLET.rawValue)
    }

    deinit {
        readBuffer.deallocate()
    }

    func register(_ fd: Int32, events: UInt32) throws {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else { throw HTTPServerError("epoll_ctl", errno: errno) }
    }

    /// The thread body: returns once the loop has stopped and closed its connections.
    func run() {
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Int(Self.maxEvents))
        defer { events.deallocate() }
        while true {
            let n = epoll_wait(epollFD, events, Self.maxEvents, Int32(Self.timerInterval))
            now = MonotonicClock.milliseconds()
            if n < 0 {
                if errno == EINTR { continue }
                break
            }
            for i in 0..<Int(n) {
                let fd = events[i].data.fd
                let flags = events[i].events
                if fd == inbox.eventFD {
                    runInbox()
                } else if fd == listenFD {
                    acceptConnections()
                } else if fd >= 0, Int(fd) < connections.count, let connection = connections[Int(fd)] {
                    handle(connection, events: flags)
                }
            }
            if !isStopping && shared.stopping.load(ordering: .relaxed) { beginShutdown() }
            if now >= nextTimerCheck {
                nextTimerCheck = now + Self.timerInterval
                checkTimers()
            }
            if isStopping && connectionCount == 0 { break }
        }
        finish()
    }

    private func handle(_ connection: Connection, events: UInt32) {
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            // Reset, or both directions closed: nothing can be delivered any more.
            close(connection)
            return
        }
        if events & EPOLLRDHUP.rawValue != 0 { connection.peerShutWrite = true }
        if events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0 { connection.socketMayHaveData = true }
        pump(connection)
    }

    private func finish() {
        var fd = 0
        while fd < connections.count {
            if let connection = connections[fd] { close(connection) }
            fd += 1
        }
        if listenFD >= 0 {
            _ = Glibc.close(listenFD)
            listenFD = -1
        }
        inbox.close()
        _ = Glibc.close(epollFD)
    }
}
