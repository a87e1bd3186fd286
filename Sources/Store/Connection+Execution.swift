import CSQLite
import Foundation

// MARK: - Running SQL

extension Connection {
    /// Runs one statement (cached by its text). Rows it returns, e.g. from RETURNING or a pragma, are
    /// stepped through and dropped.
    public func execute(_ sql: String, _ arguments: [SQLValue] = []) throws {
        try withStatement(sql) { statement in
            try statement.bind(arguments)
            while try statement.step() {}
        }
    }

    /// Runs several statements separated by semicolons, uncached and without arguments: migrations and
    /// other one-off scripts. A failure names the statement that failed; earlier ones stay applied unless
    /// the caller's transaction rolls them back.
    public func executeScript(_ sql: String) throws {
        guard isOpen else { throw StoreError.misuse("the connection is closed", sql: sql) }
        try sql.withCString { start in
            var cursor: UnsafePointer<CChar>? = start
            while let current = cursor, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v3(handle, current, -1, 0, &statement, &tail)
                guard code == SQLITE_OK else {
                    let rest = String(cString: current).trimmingCharacters(in: .whitespacesAndNewlines)
                    let error = StoreError(code: code, connection: handle, sql: rest)
                    sqlite3_finalize(statement)
                    throw error
                }
                cursor = tail
                // Whitespace and comments between statements compile to nothing.
                guard let statement else { continue }
                defer { sqlite3_finalize(statement) }
                try refuseWriteInNestedRead(statement)
                var stepCode = sqlite3_step(statement)
                while stepCode == SQLITE_ROW { stepCode = sqlite3_step(statement) }
                guard stepCode == SQLITE_DONE else {
                    let text = sqlite3_sql(statement).map { String(cString: $0) }
                    throw StoreError(code: stepCode, connection: handle, sql: text)
                }
            }
        }
    }

    /// All rows, copied out.
    public func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [Row] {
        var rows: [Row] = []
        try forEach(sql, arguments) { rows.append($0) }
        return rows
    }

    /// The first row, or nil; the statement is not stepped further.
    public func queryOne(_ sql: String, _ arguments: [SQLValue] = []) throws -> Row? {
        try withStatement(sql) { statement in
            try statement.bind(arguments)
            guard try statement.step() else { return nil }
            return statement.row(columns: statement.columns())
        }
    }

    /// The first column of the first row, or `.null` when there is no row.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue {
        try withStatement(sql) { statement in
            try statement.bind(arguments)
            guard try statement.step(), sqlite3_column_count(statement.handle) > 0 else { return .null }
            return statement.value(at: 0)
        }
    }

    /// Streams rows to `body` one at a time without building an array. `body` may run other SQL on this
    /// connection, even the same SQL: a statement in use is never reset under it.
    public func forEach(_ sql: String, _ arguments: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        try withStatement(sql) { statement in
            try statement.bind(arguments)
            // Columns are read after the first step: a step may re-prepare the statement after a schema change.
            var columns: ColumnTable?
            while try statement.step() {
                let current = columns ?? statement.columns()
                columns = current
                try body(statement.row(columns: current))
            }
        }
    }
}
