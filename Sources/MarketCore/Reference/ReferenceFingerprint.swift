import Store

/// Identifies the contents of an append-only table: its row count and the id of its newest row. Ids are
/// random (`ID.make`), so two different contents never share a fingerprint — even across databases, and
/// even after an insert that was rolled back and another that took its rowid.
struct ReferenceFingerprint: Hashable, Sendable {
    let count: Int64
    let lastID: String

    static func of(_ db: Connection, table: String) throws -> ReferenceFingerprint {
        // count(*) walks the table's smallest b-tree; these tables hold hundreds of rows, not millions.
        let row = try db.queryOne(
            "SELECT (SELECT count(*) FROM \(table)) AS n, (SELECT id FROM \(table) ORDER BY rowid DESC LIMIT 1) AS last")
        return ReferenceFingerprint(count: row?.int64("n") ?? 0, lastID: row?.string("last") ?? "")
    }
}
