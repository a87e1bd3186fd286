import CSQLite

/// One SQLite connection. Not thread-safe: it has exactly one owner at a time, which `Database` enforces
/// by handing it out to one thread at a time. Opened with SQLITE_OPEN_NOMUTEX for that reason
/// (https://www.sqlite.org/threadsafe.html, "multi-thread" mode).
public final class Connection {
    enum Role: Sendable {
        case writer
        case reader
    }

    let handle: OpaquePointer
    let role: Role
    let path: String

    private var statements: [String: Statement] = [:]
    private var useCounter: UInt64 = 0
    private let statementCacheCapacity: Int
    private(set) var isOpen = true
    /// Whether statements that write are refused: always for readers (which also have `PRAGMA query_only`
    /// and a read-only handle), and for the writer while it serves a read nested in a write.
    var isQueryOnly = false

    /// Opens and configures a connection; the configuration itself lives in Connection+Setup.swift.
    init(path: String, role: Role, configuration: StoreConfiguration) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch role {
        case .writer: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .reader: flags |= SQLITE_OPEN_READONLY
        }
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            // "Whether or not an error occurs when it is opened, resources associated with the database
            // connection handle should be released by passing it to sqlite3_close()."
            let error = StoreError(code: code, connection: handle, sql: nil)
            if let handle { sqlite3_close_v2(handle) }
            throw error
        }
        self.handle = handle
        self.role = role
        self.path = path
        self.statementCacheCapacity = max(configuration.statementCacheCapacity, 1)
        do {
            try configure(configuration)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Finalizes every cached statement, then closes. `sqlite3_close_v2` defers the close if a statement
    /// somehow remains, instead of leaking the connection.
    func close() {
        guard isOpen else { return }
        isOpen = false
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    // MARK: - State

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// True between BEGIN (or an outermost SAVEPOINT) and COMMIT/ROLLBACK.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// How many prepared statements this connection keeps for reuse.
    public var cachedStatementCount: Int { statements.count }

    // MARK: - Statement cache

    /// Runs `body` with the cached statement for `sql`, prepared on first use, and leaves it reset with
    /// its bindings cleared. A statement already in use (the same SQL run again inside a `forEach`) is
    /// prepared afresh for this use only.
    func withStatement<T>(_ sql: String, cached: Bool = true, _ body: (Statement) throws -> T) throws -> T {
        guard isOpen else { throw StoreError.misuse("the connection is closed", sql: sql) }
        let statement: Statement
        let isTemporary: Bool
        if cached, let existing = statements[sql], !existing.isInUse {
            statement = existing
            isTemporary = false
        } else if cached, statements[sql] == nil {
            statement = try Statement(connection: handle, sql: sql, persistent: true)
            evictIfFull()
            statements[sql] = statement
            isTemporary = false
        } else {
            statement = try Statement(connection: handle, sql: sql, persistent: false)
            isTemporary = true
        }
        do { try refuseWriteInNestedRead(statement.handle) } catch {
            if isTemporary { statement.finalize() }
            throw error
        }
        statement.isInUse = true
        useCounter &+= 1
        statement.lastUsed = useCounter
        defer {
            if isTemporary {
                statement.finalize()
            } else {
                statement.reset()
                statement.isInUse = false
            }
        }
        return try body(statement)
    }

    /// The writer serving a read nested in a write refuses statements that write, here, per statement,
    /// rather than with `PRAGMA query_only`: changing that pragma expires every prepared statement of the
    /// connection (flag pragmas emit OP_Expire), so each nested read cost a re-parse of every statement
    /// the writer ran next. `sqlite3_stmt_readonly` is exact: true only for statements that do not write
    /// the database file (BEGIN, COMMIT, SAVEPOINT and RELEASE count as read-only). Readers need no check:
    /// their handle is read-only.
    func refuseWriteInNestedRead(_ statement: OpaquePointer) throws {
        guard isQueryOnly, role == .writer, sqlite3_stmt_readonly(statement) == 0 else { return }
        throw StoreError(
            code: SQLITE_READONLY, message: "attempt to write a readonly database (a read nested in a write)",
            sql: sqlite3_sql(statement).map { String(cString: $0) })
    }

    /// Bounds the cache when callers build SQL dynamically: the least recently used idle statement makes
    /// room, so a burst of one-off SQL does not throw away every hot statement at once (each would then be
    /// parsed again).
    private func evictIfFull() {
        guard statements.count >= statementCacheCapacity else { return }
        var oldest: (sql: String, lastUsed: UInt64)?
        for (sql, statement) in statements where !statement.isInUse {
            if let current = oldest, current.lastUsed <= statement.lastUsed { continue }
            oldest = (sql, statement.lastUsed)
        }
        guard let oldest, let statement = statements.removeValue(forKey: oldest.sql) else { return }
        statement.finalize()
    }
}
