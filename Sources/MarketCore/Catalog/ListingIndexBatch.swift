import Store

/// The index writes of a bulk write (an import): new `listing_index` rows and FTS5 writes, held back and
/// written together a few hundred at a time, in order, still inside the caller's transaction.
///
/// Why: SQLite opens a statement journal — a savepoint — for each statement that may fail after writing
/// more than one row (https://sqlite.org/tempfiles.html §2.5), as every insert into `listing_index` may:
/// it has triggers. Two costs follow per statement:
/// - FTS5 writes the terms it holds in memory for the transaction out as a new segment whenever a
///   savepoint opens (SQLite 3.40 `fts5SavepointMethod`: "Flush the contents of the pending-terms table
///   to disk"). Written row by row, an import made one tiny segment per listing, and FTS5 then merged
///   100,000 of them: 2.8 s of a 100,000-row import's writer time (measured);
/// - the journal itself: one multi-row INSERT of 256 `listing_index` rows costs a quarter of 256
///   single-row ones, triggers included (measured: 3.8 µs against 15 µs a row).
///
/// The index is complete when the caller's transaction commits (`flush` is called before): nothing
/// outside the transaction can see the difference, and the writer never reads a held row before
/// flushing (`ListingIndex.sync` flushes first when a write touches a doc still held).
public final class ListingIndexBatch {
    enum SearchWrite {
        case delete(doc: Int64)
        case insert(doc: Int64, title: String, body: String)
    }

    /// New `listing_index` rows held before a multi-row INSERT (9 parameters each, far below SQLite's
    /// 32,766: https://sqlite.org/limits.html §9).
    public static let rowsPerInsert = 256

    private var indexRows: [(doc: Int64, sellerID: String, values: [SQLValue])] = []
    private var searchWrites: [SearchWrite] = []
    /// Docs with a held `listing_index` row.
    private var heldDocs: Set<Int64> = []

    public init() {}

    func holds(_ doc: Int64) -> Bool { heldDocs.contains(doc) }

    /// A new listing's `listing_index` row; `values`: category_key, active, restricted, in_stock, currency,
    /// price_micros.
    func insertIndexRow(_ db: Connection, doc: Int64, sellerID: String, values: [SQLValue]) throws {
        indexRows.append((doc, sellerID, values))
        heldDocs.insert(doc)
        if indexRows.count >= Self.rowsPerInsert { try flush(db) }
    }

    func deleteSearchRow(_ db: Connection, doc: Int64) throws {
        searchWrites.append(.delete(doc: doc))
        if searchWrites.count >= 2 * Self.rowsPerInsert { try flush(db) }
    }

    func insertSearchRow(_ db: Connection, doc: Int64, title: String, body: String) throws {
        searchWrites.append(.insert(doc: doc, title: title, body: body))
        if searchWrites.count >= 2 * Self.rowsPerInsert { try flush(db) }
    }

    /// Writes everything held. Call before the transaction ends.
    public func flush(_ db: Connection) throws {
        for write in searchWrites {
            switch write {
            case .delete(let doc):
                try db.execute("DELETE FROM listing_search WHERE rowid = ?", [.integer(doc)])
            case .insert(let doc, let title, let body):
                try db.execute(
                    "INSERT INTO listing_search (rowid, title, body) VALUES (?, ?, ?)", [.integer(doc), .text(title), .text(body)])
            }
        }
        searchWrites.removeAll(keepingCapacity: true)
        guard !indexRows.isEmpty else { return }
        // The seller's status and rating, once per seller per run (what the single-row INSERT reads per row).
        var sellers: [String: [SQLValue]] = [:]
        var arguments: [SQLValue] = []
        arguments.reserveCapacity(indexRows.count * 9)
        for row in indexRows {
            if sellers[row.sellerID] == nil { sellers[row.sellerID] = try ListingIndex.sellerColumns(db, sellerID: row.sellerID) }
            arguments.append(.integer(row.doc))
            arguments += row.values
            arguments += sellers[row.sellerID] ?? []
        }
        let placeholders = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: indexRows.count).joined(separator: ", ")
        try db.execute(
            """
            INSERT INTO listing_index (doc, category_key, active, restricted, in_stock, currency, price_micros,
                seller_active, seller_rating)
            VALUES \(placeholders)
            """, arguments)
        indexRows.removeAll(keepingCapacity: true)
        heldDocs.removeAll(keepingCapacity: true)
    }
}
