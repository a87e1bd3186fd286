/// One result row, its values copied out of the statement so it outlives the next step.
///
/// A missing column or an index out of range reads as `.null`: a row never traps on a lookup.
public struct Row: Sendable {
    public let values: [SQLValue]
    let columns: ColumnTable

    init(values: [SQLValue], columns: ColumnTable) {
        self.values = values
        self.columns = columns
    }

    /// A row built by hand, for tests and fakes of code that reads rows.
    public init(columnNames: [String], values: [SQLValue]) {
        self.init(values: values, columns: ColumnTable(names: columnNames))
    }

    /// The result column names, shared by all rows of one statement.
    public var columnNames: [String] { columns.names }

    public var count: Int { values.count }

    public func hasColumn(_ column: String) -> Bool { columns.index(of: column) != nil }

    public subscript(_ index: Int) -> SQLValue {
        values.indices.contains(index) ? values[index] : .null
    }

    public subscript(_ column: String) -> SQLValue {
        guard let index = columns.index(of: column) else { return .null }
        return values[index]
    }
}

// MARK: - Typed accessors

extension Row {
    public func int(_ column: String) -> Int? { self[column].intValue }
    public func int64(_ column: String) -> Int64? { self[column].int64Value }
    public func string(_ column: String) -> String? { self[column].stringValue }
    public func bool(_ column: String) -> Bool? { self[column].boolValue }
    public func blob(_ column: String) -> [UInt8]? { self[column].blobValue }
    public func double(_ column: String) -> Double? { self[column].doubleValue }

    public func int(_ index: Int) -> Int? { self[index].intValue }
    public func int64(_ index: Int) -> Int64? { self[index].int64Value }
    public func string(_ index: Int) -> String? { self[index].stringValue }
    public func bool(_ index: Int) -> Bool? { self[index].boolValue }
    public func blob(_ index: Int) -> [UInt8]? { self[index].blobValue }
    public func double(_ index: Int) -> Double? { self[index].doubleValue }
}

// MARK: - Equality and description

extension Row: Equatable {
    public static func == (lhs: Row, rhs: Row) -> Bool {
        lhs.values == rhs.values && lhs.columnNames == rhs.columnNames
    }
}

extension Row: CustomStringConvertible {
    public var description: String {
        let pairs = zip(columnNames, values).map { "\($0.0): \($0.1)" }
        return "[" + pairs.joined(separator: ", ") + "]"
    }
}
