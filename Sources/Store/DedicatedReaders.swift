import Synchronization

/// Reader connections that each belong to one thread for good, opened on the thread's first call.
///
/// For the few threads that must never wait for the reader pool — the HTTP event loops, when they answer a
/// point read inline instead of handing it to a worker thread (a hand-off costs two thread wake-ups, about
/// as much CPU as the read itself). A thread's connection is found through its thread-local table, so using
/// it takes no wait; the mutex is only held to mark it in use, so that `close` never closes a connection
/// under the thread using it (that thread closes it when it is done, as with the pool).
final class DedicatedReaders: Sendable {
    private struct Entry: Sendable {
        let pooled: PooledConnection
        var inUse: Bool
    }

    private struct State: Sendable {
        var entries: [Int: Entry] = [:]
        var nextKey = 0
        var isClosed = false
    }

    /// Unique for the process's lifetime (unlike an object's address), so a thread's table can never take
    /// the connection of a closed database for one opened later at the same address.
    private static let instances = Atomic<Int>(0)
    private let instance = DedicatedReaders.instances.add(1, ordering: .relaxed).newValue
    private let state = Mutex(State())
    private let open: ConnectionPool.Opener

    init(open: @escaping ConnectionPool.Opener) {
        self.open = open
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// Runs `body` with the calling thread's own connection.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let (key, connection) = try take()
        defer { giveBack(key) }
        return try body(connection)
    }

    private func take() throws -> (Int, Connection) {
        if let key = ThreadLeases.dedicatedKey(of: instance) {
            let connection: Connection? = state.withLock { state in
                guard !state.isClosed, var entry = state.entries[key] else { return nil }
                entry.inUse = true
                state.entries[key] = entry
                return entry.pooled.connection
            }
            guard let connection else { throw StoreError.misuse("the database is closed") }
            return (key, connection)
        }
        guard !state.withLock({ $0.isClosed }) else { throw StoreError.misuse("the database is closed") }
        let connection = try open()
        let key: Int? = state.withLock { state in
            guard !state.isClosed else { return nil }
            let key = state.nextKey
            state.nextKey += 1
            state.entries[key] = Entry(pooled: PooledConnection(connection: connection), inUse: true)
            return key
        }
        guard let key else {
            connection.close()
            throw StoreError.misuse("the database is closed")
        }
        ThreadLeases.setDedicatedKey(key, of: instance)
        return (key, connection)
    }

    private func giveBack(_ key: Int) {
        let closeNow: Connection? = state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            if state.isClosed {
                state.entries[key] = nil
                return entry.pooled.connection
            }
            entry.inUse = false
            state.entries[key] = entry
            return nil
        }
        closeNow?.close()
    }

    /// Refuses new use and closes the connections not in use; those in use close when their thread is done.
    func close() {
        let idle: [Connection] = state.withLock { state in
            state.isClosed = true
            let idle = state.entries.filter { !$0.value.inUse }
            for key in idle.keys { state.entries[key] = nil }
            return idle.values.map(\.pooled.connection)
        }
        for connection in idle { connection.close() }
    }
}
