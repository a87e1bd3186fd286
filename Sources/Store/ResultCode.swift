import CSQLite

/// SQLite result codes that the C header defines as expression macros, which Swift does not import
/// (`SQLITE_CONSTRAINT_UNIQUE` is `(SQLITE_CONSTRAINT | (8<<8))`). Values from
/// https://www.sqlite.org/rescode.html.
enum ResultCode {
    static let ok = SQLITE_OK
    static let row = SQLITE_ROW
    static let done = SQLITE_DONE
    static let busy = SQLITE_BUSY
    static let locked = SQLITE_LOCKED
    static let abort = SQLITE_ABORT
    static let misuse = SQLITE_MISUSE
    static let range = SQLITE_RANGE
    static let constraint = SQLITE_CONSTRAINT
    static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)

    /// The primary code is the low byte of an extended code.
    static func primary(_ code: Int32) -> Int32 { code & 0xFF }
}
