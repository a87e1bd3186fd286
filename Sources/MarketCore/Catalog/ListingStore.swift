import Store
import Web

/// Every write of a listing goes through here, so `products` and the search index change together in
/// the caller's transaction (`services.database.write`). Reads for other modules too: checkout and RFQs
/// read `products` directly, but should use `find` when they need a whole listing.
public enum ListingStore {
    /// A supplier's listing by id, archived ones excluded; nil for another supplier's listing.
    public static func find(_ db: Connection, sellerID: String, id: String) throws -> Listing? {
        try db.queryOne(
            "SELECT \(Listing.columns) FROM products p WHERE p.id = ? AND p.seller_id = ? AND p.status != 'archived'",
            [.text(id), .text(sellerID)]
        ).flatMap(Listing.init(row:))
    }

    /// A supplier's listing by SKU, archived ones included (a write by SKU brings an archived one back).
    public static func find(_ db: Connection, sellerID: String, sku: String) throws -> Listing? {
        try db.queryOne(
            "SELECT \(Listing.columns) FROM products p WHERE p.seller_id = ? AND p.sku = ?", [.text(sellerID), .text(sku)]
        ).flatMap(Listing.init(row:))
    }

    static let insertSQL = """
        INSERT INTO products (id, seller_id, sku, title_en, title_ko, description_en, description_ko, category_id, unit,
            currency, unit_price, unit_price_micros, price_tiers, min_order_quantity, stock, lead_time_days, attributes,
            status, visible_to, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Stores a new listing and indexes it. A taken SKU is a unique violation (409). `searchColumns`:
    /// the FTS text if already made (imports make it ahead, off the writer's thread). `indexBatch`: hold
    /// the index writes of a bulk write (flush it before the transaction ends).
    public static func insert(
        _ db: Connection, _ listing: Listing, searchColumns: ListingSearchColumns? = nil, indexBatch: ListingIndexBatch? = nil
    ) throws {
        try db.execute(insertSQL, listing.rowValues)
        try ListingIndex.sync(db, listing, previous: nil, columns: searchColumns, batch: indexBatch)
    }

    /// Stores every field of `listing` over `previous` (same id) and re-indexes what changed. The caller
    /// sets `version` and `updatedAt`.
    public static func update(
        _ db: Connection, _ listing: Listing, previous: Listing, searchColumns: ListingSearchColumns? = nil,
        indexBatch: ListingIndexBatch? = nil
    ) throws {
        var values = Array(listing.rowValues.dropFirst(2))  // id and seller never change
        values.append(.text(listing.id))
        try db.execute(
            """
            UPDATE products SET sku = ?, title_en = ?, title_ko = ?, description_en = ?, description_ko = ?,
                category_id = ?, unit = ?, currency = ?, unit_price = ?, unit_price_micros = ?, price_tiers = ?,
                min_order_quantity = ?, stock = ?, lead_time_days = ?, attributes = ?, status = ?, visible_to = ?,
                version = ?, created_at = ?, updated_at = ?
            WHERE id = ?
            """, values)
        try ListingIndex.sync(db, listing, previous: previous, columns: searchColumns, batch: indexBatch)
    }

    /// DELETE: the listing leaves every list, search and page, but its row stays for the orders, RFQ
    /// items and requisition lists that name it. Writing its SKU again brings it back.
    public static func archive(_ db: Connection, _ listing: Listing, at now: String) throws {
        var archived = listing
        archived.status = .archived
        archived.version += 1
        archived.updatedAt = now
        try update(db, archived, previous: listing)
    }
}
