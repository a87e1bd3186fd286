/// The column names of one prepared statement, built once and shared by every row it produces,
/// so a row is an array of values plus one reference — no dictionary per row.
final class ColumnTable: Sendable {
    let names: [String]
    private let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        index.reserveCapacity(names.count)
        // The first column with a name wins, as in SQLite's own lookups of duplicate result names.
        for (position, name) in names.enumerated() where index[name] == nil {
            index[name] = position
        }
        self.indexByName = index
    }

    /// SQLite identifiers are case-insensitive (https://www.sqlite.org/lang_keywords.html),
    /// so an exact match is tried first and an ASCII case-insensitive scan second.
    func index(of name: String) -> Int? {
        if let position = indexByName[name] { return position }
        let lowered = name.lowercased()
        return names.firstIndex { $0.lowercased() == lowered }
    }

    static let empty = ColumnTable(names: [])
}
