/// How a settlement run batches its line writes (`SettlementLineWriter`). Tests pass small sizes so that a
/// handful of orders goes through every path: several flushes, full multi-row INSERTs and the remainder.
public struct SettlementLineBatching: Sendable {
    public let linesPerFlush: Int
    public let rowsPerInsert: Int

    public init(linesPerFlush: Int, rowsPerInsert: Int) {
        self.linesPerFlush = max(1, linesPerFlush)
        // 19 parameters a row: 64 rows stay far below SQLite's default limit of 32,766 parameters
        // (https://www.sqlite.org/limits.html#max_variable_number).
        self.rowsPerInsert = min(max(1, rowsPerInsert), 256)
    }

    /// Measured on a million lines: 16 Ki and 32 Ki lines a flush were no slower than 64 Ki, 256 Ki was slower
    /// (a flush is written by statement, not by order id, so a bigger one leaves `settlement_lines_order` less
    /// append-like); about 150 bytes a held line.
    public static let standard = SettlementLineBatching(linesPerFlush: 16_384, rowsPerInsert: 64)
}
