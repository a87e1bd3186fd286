import CSQLite

/// A prepared statement owned by one connection. Not thread-safe, like its connection.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    /// Set while a caller steps through it, so a nested use of the same SQL gets its own statement
    /// instead of resetting the outer one under its feet.
    var isInUse = false
    /// When the connection last handed it out (its own counter), to evict the least recently used.
    var lastUsed: UInt64 = 0

    private var columnTable: ColumnTable?
    private var columnTableReprepareCount: Int32 = 0

    /// Prepares exactly one statement; trailing SQL other than whitespace or comments is a misuse
    /// (use `Connection.executeScript` for many statements).
    init(connection: OpaquePointer, sql: String, persistent: Bool) throws {
        // SQLITE_PREPARE_PERSISTENT: "a hint to the query planner that the prepared statement will be
        // retained for a long time and probably reused many times" (https://www.sqlite.org/c3ref/prepare.html).
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        var statement: OpaquePointer?
        var trailingStatement: OpaquePointer?
        let code: Int32 = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, text, -1, flags, &statement, &tail)
            guard code == SQLITE_OK, let tail, tail.pointee != 0 else { return code }
            // Comments and whitespace compile to no statement at all.
            let tailCode = sqlite3_prepare_v3(connection, tail, -1, 0, &trailingStatement, nil)
            return tailCode
        }
        if let trailingStatement {
            sqlite3_finalize(trailingStatement)
            if let statement { sqlite3_finalize(statement) }
            throw StoreError.misuse("one statement expected; use executeScript for several", sql: sql)
        }
        guard code == SQLITE_OK else {
            let error = StoreError(code: code, connection: connection, sql: sql)
            if let statement { sqlite3_finalize(statement) }
            throw error
        }
        guard let statement else {
            throw StoreError.misuse("no SQL statement", sql: sql)
        }
        self.handle = statement
        self.sql = sql
    }

    func finalize() {
        sqlite3_finalize(handle)
    }

    // MARK: - Binding

    func bind(_ arguments: [SQLValue]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == arguments.count else {
            throw StoreError(
                code: ResultCode.range,
                message: "statement expects \(expected) argument(s), got \(arguments.count)",
                sql: sql)
        }
        for (offset, value) in arguments.enumerated() {
            let code = bind(value, at: Int32(offset + 1))
            guard code == SQLITE_OK else {
                throw StoreError(code: code, connection: sqlite3_db_handle(handle), sql: sql)
            }
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .text(let string):
            // Explicit length keeps embedded NULs; SQLITE_TRANSIENT makes SQLite copy the bytes,
            // because the Swift buffer does not outlive this call.
            var string = string
            return string.withUTF8 { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(handle, index, $0, Int32(bytes.count), csqlite_transient())
                }
            }
        case .blob(let bytes):
            // A NULL pointer would bind SQL NULL, so an empty blob is a zero-length zeroblob.
            guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), csqlite_transient())
            }
        }
    }

    /// Makes the statement ready for its next use: "sqlite3_reset() does not change the values of any
    /// bindings", so bindings are cleared too, releasing copies of large texts and blobs.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: - Stepping

    /// One step: true when a row is available, false when done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw StoreError(code: code, connection: sqlite3_db_handle(handle), sql: sql)
        }
    }

    // MARK: - Columns

    /// Column names are read once per statement and re-read only if SQLite re-prepared it after a
    /// schema change (a `SELECT *` may then have new columns).
    func columns() -> ColumnTable {
        let reprepares = sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
        if let columnTable, reprepares == columnTableReprepareCount { return columnTable }
        let count = sqlite3_column_count(handle)
        var names: [String] = []
        names.reserveCapacity(Int(count))
        for index in 0..<count {
            names.append(sqlite3_column_name(handle, index).map { String(cString: $0) } ?? "")
        }
        let table = count == 0 ? ColumnTable.empty : ColumnTable(names: names)
        columnTable = table
        columnTableReprepareCount = reprepares
        return table
    }

    /// Copies the current row out of the statement.
    func row(columns: ColumnTable) -> Row {
        let count = Int32(columns.names.count)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for index in 0..<count {
            values.append(value(at: index))
        }
        return Row(values: values, columns: columns)
    }

    func value(at index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // column_text before column_bytes, as https://www.sqlite.org/c3ref/column_blob.html advises.
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let length = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            guard let blob = sqlite3_column_blob(handle, index) else { return .blob([]) }
            let length = Int(sqlite3_column_bytes(handle, index))
            return .blob([UInt8](UnsafeRawBufferPointer(start: blob, count: length)))
        default:
            return .null
        }
    }
}
