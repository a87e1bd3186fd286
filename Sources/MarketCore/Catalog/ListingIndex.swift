import Store
import Web

/// Keeps a listing's search rows — `listing_docs`, `listing_index`, `listing_search` (FTS5) and
/// `listing_visibility` — equal to its `products` row. Called by `ListingStore` inside the transaction of
/// every listing write, so search can never see a listing the table does not have, or miss one it has
/// (see CatalogSchema for the columns other modules change, kept by triggers).
enum ListingIndex {
    /// Writes the index rows for `listing` as it now is in `products`. `previous` is the listing before
    /// this write (nil for a new one); its text decides whether the FTS row needs rewriting. `columns`,
    /// when made ahead (imports) and still fitting the listing, saves making them here.
    /// `batch`: new index rows and FTS writes are held there and written in runs (bulk writes, see
    /// `ListingIndexBatch`).
    static func sync(
        _ db: Connection, _ listing: Listing, previous: Listing?, columns: ListingSearchColumns? = nil,
        batch: ListingIndexBatch? = nil
    ) throws {
        // New and archived listings have no doc: skip the lookup (it matters for imports).
        let existingDoc: Int64? =
            previous == nil || previous?.status == .archived
            ? nil : try db.scalar("SELECT doc FROM listing_docs WHERE product_id = ?", [.text(listing.id)]).int64Value
        // A doc whose rows are still held is written out before it is changed.
        if let batch, let existingDoc, batch.holds(existingDoc) { try batch.flush(db) }
        if listing.status == .archived {
            guard let doc = existingDoc else { return }
            for table in ["listing_visibility", "listing_index", "listing_docs"] {
                try db.execute("DELETE FROM \(table) WHERE doc = ?", [.integer(doc)])
            }
            if let batch { try batch.deleteSearchRow(db, doc: doc) } else { try db.execute("DELETE FROM listing_search WHERE rowid = ?", [.integer(doc)]) }
            return
        }
        let values: [SQLValue] = [
            .integer(try categoryKey(db, listing.categoryID)), .integer(listing.status == .active ? 1 : 0),
            .integer(listing.visibleTo == nil ? 0 : 1), .integer(listing.stock > 0 ? 1 : 0), .text(listing.currency.code),
            .integer(listing.unitPriceMicros),
        ]
        let doc: Int64
        if let existingDoc {
            doc = existingDoc
            try db.execute(
                """
                UPDATE listing_index SET category_key = ?, active = ?, restricted = ?, in_stock = ?, currency = ?, price_micros = ?
                WHERE doc = ?
                """, values + [.integer(doc)])
        } else {
            try db.execute("INSERT INTO listing_docs (product_id, seller_id) VALUES (?, ?)", [.text(listing.id), .text(listing.sellerID)])
            doc = db.lastInsertRowID
            if let batch {
                try batch.insertIndexRow(db, doc: doc, sellerID: listing.sellerID, values: values)
            } else {
                try db.execute(
                    """
                    INSERT INTO listing_index (doc, category_key, active, restricted, in_stock, currency, price_micros,
                        seller_active, seller_rating)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.integer(doc)] + values + (try sellerColumns(db, sellerID: listing.sellerID)))
            }
        }
        if existingDoc == nil || previous.map({ !listing.hasSameSearchText(as: $0) }) ?? true {
            let columns = columns.flatMap { $0.fits(listing) ? $0 : nil } ?? ListingSearchColumns(listing)
            if let batch {
                if existingDoc != nil { try batch.deleteSearchRow(db, doc: doc) }
                try batch.insertSearchRow(db, doc: doc, title: columns.title, body: columns.body)
            } else {
                if existingDoc != nil { try db.execute("DELETE FROM listing_search WHERE rowid = ?", [.integer(doc)]) }
                try db.execute(
                    "INSERT INTO listing_search (rowid, title, body) VALUES (?, ?, ?)",
                    [.integer(doc), .text(columns.title), .text(columns.body)])
            }
        }
        if existingDoc == nil || previous?.visibleTo != listing.visibleTo {
            if existingDoc != nil { try db.execute("DELETE FROM listing_visibility WHERE doc = ?", [.integer(doc)]) }
            for buyer in listing.visibleTo ?? [] {
                try db.execute(
                    "INSERT OR IGNORE INTO listing_visibility (buyer_id, doc) VALUES (?, ?)", [.text(buyer), .integer(doc)])
            }
        }
    }

    /// `seller_active` and `seller_rating` of a new `listing_index` row (the triggers in CatalogSchema keep
    /// them current afterwards).
    static func sellerColumns(_ db: Connection, sellerID: String) throws -> [SQLValue] {
        let row = try db.queryOne(
            """
            SELECT coalesce((SELECT status = 'active' FROM organizations WHERE id = ?1), 0),
                coalesce((SELECT bayesian_rating_milli FROM supplier_scorecards WHERE supplier_id = ?1), -1)
            """, [.text(sellerID)])
        return [.integer(row?.int64(0) ?? 0), .integer(row?.int64(1) ?? -1)]
    }

    /// The small integer standing for a category in `listing_index` (0 for none), made on first use.
    static func categoryKey(_ db: Connection, _ categoryID: String?) throws -> Int64 {
        guard let categoryID else { return 0 }
        if let key = try db.scalar("SELECT key FROM listing_category_keys WHERE category_id = ?", [.text(categoryID)]).int64Value {
            return key
        }
        try db.execute("INSERT INTO listing_category_keys (category_id) VALUES (?)", [.text(categoryID)])
        return db.lastInsertRowID
    }
}
