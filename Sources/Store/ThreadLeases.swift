import Foundation

/// The connections the calling thread holds, one entry per pool, in thread-local storage.
///
/// Every `Database.read` first asks whether its thread already holds the writer (a read nested in a write
/// must see that transaction's uncommitted rows) and then whether it holds a reader (reentrancy). Asked of
/// a shared, locked dictionary, those two questions cost two lock round trips per read and contend between
/// worker threads; asked of the thread's own table they cost a `pthread_getspecific` and a scan of at most
/// a few entries, with no lock at all, because no other thread ever touches the table.
///
/// One process-wide key (not one per pool): pthread keys are a scarce resource (PTHREAD_KEYS_MAX is 1024
/// on glibc), and a process — a test run especially — may open many databases.
enum ThreadLeases {
    /// The table of one thread. Only ever used by that thread, so it needs no lock; it is freed by the
    /// key's destructor when the thread exits.
    final class Table {
        var entries: [(pool: ObjectIdentifier, connection: Connection)] = []
        /// `DedicatedReaders` instance → the key of this thread's own connection there.
        var dedicated: [(instance: Int, key: Int)] = []
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        // Fails only when the process has used up PTHREAD_KEYS_MAX keys: nothing to recover from.
        let status = pthread_key_create(&key) { raw in
            guard let raw else { return }
            Unmanaged<Table>.fromOpaque(raw).release()
        }
        precondition(status == 0, "pthread_key_create failed (\(status)): the process has no thread-local keys left")
        return key
    }()

    /// The calling thread's table, if it has one yet.
    private static var existingTable: Table? {
        pthread_getspecific(key).map { Unmanaged<Table>.fromOpaque($0).takeUnretainedValue() }
    }

    /// The calling thread's table, created on first use.
    private static var table: Table {
        if let table = existingTable { return table }
        let table = Table()
        pthread_setspecific(key, Unmanaged.passRetained(table).toOpaque())
        return table
    }

    /// The connection the calling thread holds from `pool`, if any.
    static func held(in pool: ObjectIdentifier) -> Connection? {
        existingTable?.entries.first { $0.pool == pool }?.connection
    }

    static func record(_ connection: Connection, in pool: ObjectIdentifier) {
        table.entries.append((pool, connection))
    }

    static func forget(_ pool: ObjectIdentifier) {
        existingTable?.entries.removeAll { $0.pool == pool }
    }

    /// The key of the calling thread's own connection in the `DedicatedReaders` numbered `instance`.
    static func dedicatedKey(of instance: Int) -> Int? {
        existingTable?.dedicated.first { $0.instance == instance }?.key
    }

    static func setDedicatedKey(_ dedicatedKey: Int, of instance: Int) {
        table.dedicated.append((instance, dedicatedKey))
    }
}
