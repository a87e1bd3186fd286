import Store

/// Columns read by name: a `Row` from SQLite, or the values a checkout has just written
/// (`ColumnValues.reader`). `OrderView` shapes an order from either, with the same code.
protocol ColumnReading {
    func string(_ column: String) -> String?
    func int64(_ column: String) -> Int64?
}

extension Row: ColumnReading {}
