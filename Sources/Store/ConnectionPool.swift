import Dispatch
import Synchronization

/// A fixed set of connections handed to one thread at a time: the writer is a pool of one, the readers a
/// pool of `readerCount`. A thread that already holds a connection of this pool gets the same one back
/// (reentrancy), so nested calls never wait for themselves.
final class ConnectionPool: Sendable {
    private struct State: Sendable {
        var idle: [PooledConnection]
        var leases: [ThreadIdentity: PooledConnection] = [:]
        var isClosed = false
    }

    let name: String
    private let state: Mutex<State>
    /// Counts idle connections; callers block here, not inside the mutex.
    private let available: DispatchSemaphore
    private let waitMilliseconds: Int

    init(name: String, connections: [Connection], waitMilliseconds: Int32) {
        self.name = name
        self.state = Mutex(State(idle: connections.map(PooledConnection.init)))
        self.available = DispatchSemaphore(value: connections.count)
        self.waitMilliseconds = Int(max(waitMilliseconds, 0))
    }

    /// The connection the calling thread holds from this pool, if any.
    func connectionOfCurrentThread() -> Connection? {
        let thread = ThreadIdentity.current
        return state.withLock { $0.leases[thread] }?.connection
    }

    /// Runs `body` with a connection of its own; `isNested` is true when the thread already held it.
    /// Waits at most the busy timeout for a connection, then throws a busy error.
    func withConnection<T>(_ body: (_ connection: Connection, _ isNested: Bool) throws -> T) throws -> T {
        let thread = ThreadIdentity.current
        if let held = state.withLock({ $0.leases[thread] }) {
            return try body(held.connection, true)
        }
        guard available.wait(timeout: .now() + .milliseconds(waitMilliseconds)) == .success else {
            throw StoreError.busy("no \(name) connection became free within \(waitMilliseconds) ms")
        }
        let leased: PooledConnection? = state.withLock { state in
            guard !state.isClosed, let connection = state.idle.popLast() else { return nil }
            state.leases[thread] = connection
            return connection
        }
        guard let leased else {
            available.signal()
            throw StoreError.misuse("the database is closed")
        }
        defer { giveBack(leased, from: thread) }
        return try body(leased.connection, false)
    }

    private func giveBack(_ pooled: PooledConnection, from thread: ThreadIdentity) {
        let closeNow: Bool = state.withLock { state in
            state.leases[thread] = nil
            if state.isClosed { return true }
            state.idle.append(pooled)
            return false
        }
        // A connection out on lease when the pool closed is closed by its holder, here.
        if closeNow { pooled.connection.close() }
        available.signal()
    }

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
