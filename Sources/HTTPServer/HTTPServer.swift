import Dispatch
import Glibc
import Synchronization

/// A strict HTTP/1.1 server on epoll: one event loop thread per core, each with its own SO_REUSEPORT
/// listening socket, plus a worker pool for handlers that block.
///
/// ```swift
/// let server = HTTPServer(configuration: config, responder: router)
/// try server.start()
/// server.shutdownOnSignals()
/// server.waitUntilStopped()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let state = Mutex(RunState())
    /// Left once per loop thread when it ends.
    private let running = DispatchGroup()

    private struct RunState {
        var shared: ServerShared?
        var loops: [EventLoop] = []
        var port = 0
        var started = false
        var signalSources: [SignalSource] = []
    }

    /// A dispatch signal source; kept alive for the server's lifetime.
    struct SignalSource: @unchecked Sendable {
        // Only created and cancelled under the server's lock.
        let source: DispatchSourceSignal
    }

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }

    /// Binds, listens and starts the loop threads, then returns.
    public func start() throws {
        try state.withLock { s in
            guard !s.started else { return }
            Socket.raiseFileLimit()
            // Belt and braces with MSG_NOSIGNAL: no write path may ever kill the process with SIGPIPE.
            signal(SIGPIPE, SIG_IGN)

            let count = configuration.eventLoops > 0 ? configuration.eventLoops : OSThread.processorCount
            var listeners: [Int32] = []
            var port = configuration.port
            do {
                for _ in 0..<max(1, count) {
                    // The first bind may ask for an ephemeral port; the others join the port it got.
                    let (fd, bound) = try Socket.listen(
                        host: configuration.host, port: port, backlog: configuration.listenBacklog, reusePort: true)
                    listeners.append(fd)
                    port = bound
                }
            } catch {
                for fd in listeners { _ = Glibc.close(fd) }
                throw error
            }
            let shared = ServerShared(configuration: configuration, responder: responder)
            var loops: [EventLoop] = []
            for (i, fd) in listeners.enumerated() {
                do {
                    loops.append(try EventLoop(index: i, shared: shared, listenFD: fd))
                } catch {
                    for fd in listeners[i...] { _ = Glibc.close(fd) }
                    shared.pool.stop()
                    throw error
                }
            }
            s.shared = shared
            s.loops = loops
            s.port = port
            s.started = true
            for loop in loops {
                running.enter()
                let group = running
                OSThread.start {
                    loop.run()
                    group.leave()
                }
            }
            // Workers stop once every loop has ended (queued jobs still run; their results are dropped).
            running.notify(queue: .global()) { shared.pool.stop() }
        }
    }

    /// The bound port (the ephemeral one when the configuration asked for port 0); 0 before `start()`.
    public var port: Int { state.withLock { $0.port } }

    /// Graceful shutdown: stop accepting, close idle connections, let in-flight requests finish within
    /// `shutdownGraceSeconds`, then close the rest. Returns at once; safe from any thread.
    public func shutdown() {
        let (shared, loops) = state.withLock { ($0.shared, $0.loops) }
        guard let shared else { return }
        shared.stopping.store(true, ordering: .relaxed)
        for loop in loops { loop.inbox.wake() }
    }

    /// Blocks until every loop has stopped (returns at once if the server never started).
    public func waitUntilStopped() {
        running.wait()
    }

    /// Counters summed over all loops.
    public var stats: HTTPServerStats {
        let loops = state.withLock { $0.loops }
        var stats = HTTPServerStats()
        for loop in loops {
            stats.openConnections += loop.counters.open.load(ordering: .relaxed)
            stats.acceptedTotal += loop.counters.accepted.load(ordering: .relaxed)
            stats.requestsTotal += loop.counters.requests.load(ordering: .relaxed)
        }
        return stats
    }

    /// Calls `shutdown()` on SIGTERM or SIGINT. The default actions are ignored first so the signals reach
    /// the dispatch sources instead of killing the process.
    public func shutdownOnSignals() {
        state.withLock { s in
            guard s.signalSources.isEmpty else { return }
            for sig in [SIGTERM, SIGINT] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { [weak self] in self?.shutdown() }
                source.resume()
                s.signalSources.append(SignalSource(source: source))
            }
        }
    }
}
