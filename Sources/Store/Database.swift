import Foundation

/// The database: one writer connection and a pool of reader connections over one file in WAL mode,
/// so reads run in parallel with each other and with the single writer (https://www.sqlite.org/wal.html).
///
/// Callers are plain threads; every method blocks until its body has run.
///
/// Reentrancy, on the same thread:
/// - `write` inside `write` runs as a savepoint on the same writer connection: the inner work commits
///   with the outer transaction, and an inner throw undoes only the inner work.
/// - `read` inside `write` runs on the writer connection refusing statements that write, so it sees the
///   writes not yet committed (a reader connection would not) and cannot write.
/// - `read` inside `read` reuses the same reader and snapshot.
/// - `write` inside `read` uses the writer as usual: it does not change the outer read's snapshot.
public final class Database: Sendable {
    public let configuration: StoreConfiguration
    private let writer: ConnectionPool
    private let readers: ConnectionPool
    private let groupCommit: GroupCommit
    private let dedicatedReaders: DedicatedReaders

    public var path: String { configuration.path }

    /// Opens the writer (creating the file and its directory if needed, switching to WAL and verifying it),
    /// then the first reader; the other readers open when concurrent reads need them.
    public init(configuration: StoreConfiguration) throws {
        let path = configuration.path
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file::memory:") else {
            throw StoreError.misuse("a pool of connections needs a database file, not \"\(path)\"")
        }
        guard configuration.readerCount >= 1 else {
            throw StoreError.misuse("readerCount must be at least 1")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let writerConnection = try Connection(path: path, role: .writer, configuration: configuration)
        let firstReader: Connection
        do {
            firstReader = try Connection(path: path, role: .reader, configuration: configuration)
        } catch {
            writerConnection.close()
            throw error
        }
        self.configuration = configuration
        self.writer = ConnectionPool(
            name: "writer", initial: [writerConnection], capacity: 1,
            waitMilliseconds: configuration.busyTimeoutMilliseconds,
            open: { throw StoreError.misuse("the writer pool never opens a second connection") })
        // Readers beyond the first open on demand (ConnectionPool), configured exactly like it.
        self.readers = ConnectionPool(
            name: "reader", initial: [firstReader], capacity: configuration.readerCount,
            waitMilliseconds: configuration.busyTimeoutMilliseconds,
            open: { try Connection(path: path, role: .reader, configuration: configuration) })
        self.groupCommit = GroupCommit(writer: writer, waitMilliseconds: configuration.busyTimeoutMilliseconds)
        self.dedicatedReaders = DedicatedReaders(open: { try Connection(path: path, role: .reader, configuration: configuration) })
    }

    /// Reader connections open now: one at start, more as concurrent reads need them.
    public var openReaderCount: Int { readers.openCount + dedicatedReaders.count }

    deinit {
        close()
    }

    // MARK: - Reading

    /// Runs `body` on a reader connection inside a deferred read transaction: every statement in the body
    /// sees the same snapshot, the last data committed before its first read.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        if let writerConnection = writer.connectionOfCurrentThread() {
            return try writerConnection.queryOnly {
                if writerConnection.isInTransaction { return try body(writerConnection) }
                return try writerConnection.transaction(.deferred) { try body(writerConnection) }
            }
        }
        return try readers.withConnection { connection, isNested in
            if isNested { return try body(connection) }
            try Self.discardStaleTransaction(connection)
            return try connection.transaction(.deferred) { try body(connection) }
        }
    }

    /// Runs `body` inside a read transaction on a reader connection of the calling thread's own, opened on
    /// its first call and kept for the next (`DedicatedReaders`): it never waits for the reader pool. Reads
    /// in `body` (`read`) share that connection and snapshot. Meant for a few long-lived threads that must
    /// not block on the pool, such as the HTTP event loops answering point reads inline; `body` must not
    /// write. Inside another read or write it is a plain nested read.
    public func readOnThreadConnection<T>(_ body: () throws -> T) throws -> T {
        if writer.connectionOfCurrentThread() != nil || readers.connectionOfCurrentThread() != nil {
            return try read { _ in try body() }
        }
        return try dedicatedReaders.withConnection { connection in
            try readers.lending(connection) {
                try Self.discardStaleTransaction(connection)
                return try connection.transaction(.deferred) { try body() }
            }
        }
    }

    // MARK: - Writing

    /// Runs `body` on the writer inside a write transaction (BEGIN IMMEDIATE … COMMIT) and returns once it
    /// committed. On a throw its work is undone and the body's error rethrown; a failing rollback never
    /// replaces it. SQLITE_BUSY can only happen at BEGIN, after busy_timeout, and reaches the caller as
    /// `StoreError.isBusy`, as does waiting longer than the busy timeout for the writer.
    ///
    /// Concurrent callers share one transaction, each in its own savepoint (`GroupCommit`): one COMMIT, one
    /// WAL sync, for the group, with the outcome of a transaction of its own for each.
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        if let held = writer.connectionOfCurrentThread() {
            if held.isInTransaction { return try held.savepoint { try body(held) } }
            // Inside `writeWithoutTransaction`: a transaction of its own, on the connection already held.
            return try held.transaction(.immediate) { try body(held) }
        }
        var result: T?
        try groupCommit.perform { connection in result = try body(connection) }
        guard let result else { throw StoreError.misuse("a write returned without running its body") }
        return result
    }

    /// Writes committed since the database was opened, the COMMITs that stored them (fewer under
    /// concurrency: group commit), and the writes waiting for the writer now.
    public var writeStatistics: (writes: Int, commits: Int, waiting: Int) {
        (groupCommit.committedWrites.load(ordering: .relaxed), groupCommit.commits.load(ordering: .relaxed),
         groupCommit.waitingCount)
    }

    /// Runs `body` on the writer with no transaction around it: pragmas, VACUUM, checkpoints. A
    /// transaction the body leaves open is rolled back and reported as an error.
    public func writeWithoutTransaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try writer.withConnection { connection, isNested in
            if isNested { return try body(connection) }
            try Self.discardStaleTransaction(connection)
            let result: T
            do {
                result = try body(connection)
            } catch {
                connection.rollbackIgnoringErrors()
                throw error
            }
            guard !connection.isInTransaction else {
                connection.rollbackIgnoringErrors()
                throw StoreError.misuse("writeWithoutTransaction left a transaction open; it was rolled back")
            }
            return result
        }
    }

    /// A connection is handed out with no transaction open. One can only remain if a ROLLBACK itself failed
    /// (e.g. an I/O error); it is rolled back now rather than silently extended by the next caller.
    private static func discardStaleTransaction(_ connection: Connection) throws {
        guard connection.isInTransaction else { return }
        try connection.execute("ROLLBACK TRANSACTION")
    }

    // MARK: - Closing

    /// Checkpoints the WAL into the database file and closes every connection, readers first so the
    /// writer's close is the last one and removes the WAL file. Meant for shutdown: later calls throw.
    public func close() {
        dedicatedReaders.close()
        readers.close()
        writer.close { connection in
            // TRUNCATE leaves a zero-length WAL (https://www.sqlite.org/pragma.html#pragma_wal_checkpoint).
            try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}
