import CSQLite

/// The one error type of the store: SQLite's extended result code, its message, and the SQL that failed.
///
/// Arguments are deliberately not kept: they may hold secrets and this error ends up in logs.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The extended result code (https://www.sqlite.org/rescode.html), e.g. 2067 for a UNIQUE violation.
    public var code: Int32
    public var message: String
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of `code`).
    public var primaryCode: Int32 { ResultCode.primary(code) }

    /// SQLITE_BUSY or SQLITE_LOCKED, including a pool that stayed exhausted past the busy timeout:
    /// the request may succeed if retried later, so the web layer answers 503 with Retry-After, never 500.
    public var isBusy: Bool { primaryCode == ResultCode.busy || primaryCode == ResultCode.locked }

    public var isConstraintViolation: Bool { primaryCode == ResultCode.constraint }

    /// A UNIQUE or PRIMARY KEY constraint: both reject a duplicate key.
    public var isUniqueViolation: Bool {
        code == ResultCode.constraintUnique || code == ResultCode.constraintPrimaryKey
    }

    public var isForeignKeyViolation: Bool { code == ResultCode.constraintForeignKey }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " — while executing `\(sql)`" }
        return text
    }
}

// MARK: - Construction

extension StoreError {
    /// The error SQLite reports on `connection` for a call that returned `code`.
    /// `sqlite3_errmsg` describes the most recent failure on the connection, so this must be called right after it.
    init(code: Int32, connection: OpaquePointer?, sql: String?) {
        let message: String
        if let connection, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        self.init(code: code, message: message, sql: sql)
    }

    /// A misuse of this module's API; it never comes from input.
    static func misuse(_ message: String, sql: String? = nil) -> StoreError {
        StoreError(code: ResultCode.misuse, message: message, sql: sql)
    }

    /// A pool that could not hand out a connection within the busy timeout.
    static func busy(_ message: String) -> StoreError {
        StoreError(code: ResultCode.busy, message: message)
    }
}
