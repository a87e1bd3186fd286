import Dispatch
import Synchronization

/// A set of connections handed to one thread at a time: the writer is a pool of one, the readers a pool
/// of up to `readerCount`. A thread that already holds a connection of this pool gets the same one back
/// (reentrancy), so nested calls never wait for themselves.
///
/// Connections beyond the first are opened on demand, when every open one is busy: an idle server keeps
/// one reader (a connection costs its schema and page cache), a busy one grows to the limit, which can
/// then match the number of worker threads so that a request never queues for a reader.
///
/// Which connection a thread holds is kept in the thread's own storage (`ThreadLeases`), so the reentrancy
/// check takes no lock; the mutex guards only the stack of idle connections, for a push or a pop.
final class ConnectionPool: Sendable {
    typealias Opener = @Sendable () throws -> Connection

    private struct State: Sendable {
        var idle: [PooledConnection]
        var opened: Int
        var isClosed = false
    }

    let name: String
    private let state: Mutex<State>
    private let open: Opener
    /// Counts connections free to take, open or not yet opened; callers block here, not inside the mutex.
    private let available: DispatchSemaphore
    private let waitMilliseconds: Int

    /// `initial` are open already (at least one, so a misconfigured file fails at start, not at the first
    /// request); up to `capacity` in all are opened with `open` when needed.
    init(name: String, initial: [Connection], capacity: Int, waitMilliseconds: Int32, open: @escaping Opener) {
        precondition(!initial.isEmpty && capacity >= initial.count, "a pool starts with at least one connection")
        self.name = name
        self.open = open
        self.state = Mutex(State(idle: initial.map(PooledConnection.init), opened: initial.count))
        self.available = DispatchSemaphore(value: capacity)
        self.waitMilliseconds = Int(max(waitMilliseconds, 0))
    }

    private var identity: ObjectIdentifier { ObjectIdentifier(self) }

    /// The connection the calling thread holds from this pool, if any.
    func connectionOfCurrentThread() -> Connection? {
        ThreadLeases.held(in: identity)
    }

    /// Runs `body` with a connection of its own; `isNested` is true when the thread already held it.
    /// Waits at most the busy timeout for a connection, then throws a busy error.
    func withConnection<T>(_ body: (_ connection: Connection, _ isNested: Bool) throws -> T) throws -> T {
        if let held = ThreadLeases.held(in: identity) {
            return try body(held, true)
        }
        guard available.wait(timeout: .now() + .milliseconds(waitMilliseconds)) == .success else {
            throw StoreError.busy("no \(name) connection became free within \(waitMilliseconds) ms")
        }
        let leased = try lease()
        ThreadLeases.record(leased.connection, in: identity)
        defer { giveBack(leased) }
        return try body(leased.connection, false)
    }

    /// An idle connection, or a new one when none is idle (the semaphore guarantees room for it).
    private func lease() throws -> PooledConnection {
        enum Choice { case closed, idle(PooledConnection), openNew }
        let choice: Choice = state.withLock { state in
            if state.isClosed { return .closed }
            if let connection = state.idle.popLast() { return .idle(connection) }
            state.opened += 1
            return .openNew
        }
        switch choice {
        case .idle(let connection):
            return connection
        case .closed:
            available.signal()
            throw StoreError.misuse("the database is closed")
        case .openNew:
            do {
                return PooledConnection(connection: try open())
            } catch {
                state.withLock { $0.opened -= 1 }
                available.signal()
                throw error
            }
        }
    }

    /// Runs `body` with `connection` — one from outside the pool — recorded as the calling thread's
    /// connection of this pool, so that reads nested in `body` reuse it instead of taking one.
    func lending<T>(_ connection: Connection, _ body: () throws -> T) throws -> T {
        ThreadLeases.record(connection, in: identity)
        defer { ThreadLeases.forget(identity) }
        return try body()
    }

    private func giveBack(_ pooled: PooledConnection) {
        ThreadLeases.forget(identity)
        let closeNow: Bool = state.withLock { state in
            if state.isClosed { return true }
            state.idle.append(pooled)
            return false
        }
        // A connection out on lease when the pool closed is closed by its holder, here.
        if closeNow { pooled.connection.close() }
        available.signal()
    }

    /// How many connections are open now (idle or leased).
    var openCount: Int { state.withLock { $0.opened } }

    /// Refuses new leases, then closes the idle connections after `beforeClosing` ran on each
    /// (e.g. a checkpoint). Connections on lease close when given back.
    func close(beforeClosing: (Connection) -> Void = { _ in }) {
        let idle: [PooledConnection] = state.withLock { state in
            guard !state.isClosed else { return [] }
            state.isClosed = true
            defer { state.idle.removeAll() }
            return state.idle
        }
        for pooled in idle {
            beforeClosing(pooled.connection)
            pooled.connection.close()
        }
    }
}
