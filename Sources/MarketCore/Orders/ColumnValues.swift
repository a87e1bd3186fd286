import Store
import Synchronization

/// Values of one row to insert, by column name, in the order they are set: the INSERT is generated from
/// the names (so a value can never land in the wrong column), and the same names and values are then read
/// back by name (`reader`), so `OrderView` shapes what was written exactly as it shapes a row it reads.
struct ColumnValues: Sendable {
    private(set) var names: [String] = []
    private(set) var values: [SQLValue] = []

    init() {
        names.reserveCapacity(48)
        values.reserveCapacity(48)
    }

    /// Sets a column once; setting one twice is a programming error.
    subscript(name: String) -> SQLValue {
        get { names.firstIndex(of: name).map { values[$0] } ?? .null }
        set {
            assert(!names.contains(name), "column \(name) set twice")
            names.append(name)
            values.append(newValue)
        }
    }

    /// `INSERT INTO table (names…) VALUES (?, …)` for the columns set so far. The text is the same for the
    /// same columns, so the connection's statement cache (keyed by text) prepares it once; it is built once
    /// per table and column list and remembered, since it is asked for on the single writer thread.
    func insertSQL(into table: String) -> String {
        if let known = Self.insertStatements.withLock({ $0[table] }), known.names == names { return known.sql }
        var sql = "INSERT INTO \(table) (" + names.joined(separator: ", ") + ") VALUES (?"
        for _ in names.dropFirst() { sql += ", ?" }
        sql += ")"
        let built = sql
        Self.insertStatements.withLock { $0[table] = (names, built) }
        return built
    }

    private static let insertStatements = Mutex<[String: (names: [String], sql: String)]>([:])

    /// The values read by column name, through an index of the names built once per `shape` (a name for
    /// the column list, e.g. the table) and kept: a `Row` would index its names again for every answer.
    func reader(shape: String) -> ColumnValuesReader {
        if let known = Self.indexes.withLock({ $0[shape] }), known.names == names {
            return ColumnValuesReader(index: known, values: values)
        }
        let index = ColumnIndex(names: names)
        Self.indexes.withLock { $0[shape] = index }
        return ColumnValuesReader(index: index, values: values)
    }

    private static let indexes = Mutex<[String: ColumnIndex]>([:])
}

/// Column positions by name, shared by every `ColumnValues` of the same columns.
final class ColumnIndex: Sendable {
    let names: [String]
    let positions: [String: Int]

    init(names: [String]) {
        self.names = names
        var positions = [String: Int](minimumCapacity: names.count)
        for (position, name) in names.enumerated() where positions[name] == nil { positions[name] = position }
        self.positions = positions
    }
}

/// `ColumnValues` read like a `Row`: an unknown column reads as NULL.
struct ColumnValuesReader: ColumnReading {
    let index: ColumnIndex
    let values: [SQLValue]

    func string(_ column: String) -> String? { index.positions[column].flatMap { values[$0].stringValue } }
    func int64(_ column: String) -> Int64? { index.positions[column].flatMap { values[$0].int64Value } }
}
