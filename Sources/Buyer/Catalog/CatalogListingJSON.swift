import Foundation
import MarketCore
import Store
import Web

/// The buyer's view of listings: search hits and the product page, with the seller and prices in the
/// listing's currency and, when the buyer asks for one, converted.
enum CatalogListingJSON {
    /// Columns for hits and pages: the listing, its seller and the seller's rating, in one statement
    /// (no query per hit).
    static let columns = """
        \(Listing.columns), o.name AS seller_name, o.status AS seller_status, s.bayesian_rating_milli AS seller_rating
        """
    static let from = """
        products p JOIN organizations o ON o.id = p.seller_id
        LEFT JOIN supplier_scorecards s ON s.supplier_id = p.seller_id
        """

    /// `Listing.columns` without what a hit does not show (descriptions, attributes): a page of hits
    /// neither copies those texts out of SQLite nor parses the attributes' JSON, for every search, cached
    /// or not.
    static let hitColumns = Listing.columns
        .replacingOccurrences(of: "p.description_en,", with: "NULL AS description_en,")
        .replacingOccurrences(of: "p.description_ko,", with: "NULL AS description_ko,")
        .replacingOccurrences(of: "p.attributes,", with: "'{}' AS attributes,")

    /// What a hit shows of its supplier.
    struct Seller: Sendable {
        let name: String?
        let ratingMilli: Int64?

        init(name: String?, ratingMilli: Int64?) {
            self.name = name
            self.ratingMilli = ratingMilli
        }

        /// From a row selected with `columns`.
        init(row: Row) {
            self.init(name: row.string("seller_name"), ratingMilli: row.int64("seller_rating"))
        }
    }

    /// Where a hit's listing row is: its `products` rowid, and its id to check that rowid against.
    struct Location: Sendable {
        let doc: Int64
        let rowID: Int64
        let productID: String
    }

    /// A page's hits located, and their suppliers.
    struct Located: Sendable {
        let locations: [Location]
        let sellers: [String: Seller]
    }

    /// The locations of `docs`' rows and their suppliers, kept with a search result
    /// (`CatalogSearchCache`) so that showing a cached page seeks each hit's row by rowid, one B-tree
    /// descent, instead of through `listing_docs` and the `products` id index, three, and reads no
    /// supplier. At a million listings those descents are cache misses (the pages are spread over a
    /// gigabyte) and were most of a cached search's time. Suppliers kept this way are current: what a
    /// hit shows of them (name, rating, being active) changes the listing generation (CatalogSchema).
    static func locate(_ db: Connection, docs: [Int64]) throws -> Located {
        guard !docs.isEmpty else { return Located(locations: [], sellers: [:]) }
        var locations: [Location] = []
        locations.reserveCapacity(docs.count)
        var sellerIDs = Set<String>()
        try db.forEach(
            """
            SELECT ld.doc, p.rowid, p.id, p.seller_id FROM json_each(?) j CROSS JOIN listing_docs ld CROSS JOIN products p
            WHERE ld.doc = j.value AND p.id = ld.product_id
            """,
            [.text(JSONSerializer.string(.array(docs.map { .int($0) })))]
        ) { row in
            if let doc = row.int64(0), let rowID = row.int64(1), let id = row.string(2) {
                locations.append(Location(doc: doc, rowID: rowID, productID: id))
            }
            if let seller = row.string(3) { sellerIDs.insert(seller) }
        }
        return Located(locations: locations, sellers: try sellers(db, ids: sellerIDs))
    }

    /// The hits' rows (`hitColumns`), in the order of `docs`, and their suppliers by id.
    ///
    /// With `located` (from `locate`, at the same generation), rows are read by rowid and each is
    /// checked to still be the listing located (a VACUUM may renumber rowids), and its suppliers are
    /// used; without it, or when a check fails, rows come through `listing_docs`. Suppliers are read
    /// once each: a page of 20 hits usually has a handful, and two more B-tree seeks per hit cost a
    /// fifth of a cached search.
    static func rows(_ db: Connection, docs: [Int64], located: Located? = nil) throws -> (rows: [Row], sellers: [String: Seller]) {
        guard !docs.isEmpty else { return ([], [:]) }
        let found = try located.flatMap { try self.located(db, docs: docs, locations: $0.locations) } ?? throughDocs(db, docs: docs)
        let sellerIDs = Set(found.compactMap { $0.string("seller_id") })
        if let known = located?.sellers, sellerIDs.allSatisfy({ known[$0] != nil }) { return (found, known) }
        return (found, try sellers(db, ids: sellerIDs))
    }

    /// `docs`' rows through `listing_docs`, in order.
    private static func throughDocs(_ db: Connection, docs: [Int64]) throws -> [Row] {
        var byDoc: [Int64: Row] = [:]
        try db.forEach(
            """
            SELECT ld.doc AS doc, \(hitColumns) FROM json_each(?) j CROSS JOIN listing_docs ld CROSS JOIN products p
            WHERE ld.doc = j.value AND p.id = ld.product_id
            """,
            [.text(JSONSerializer.string(.array(docs.map { .int($0) })))]
        ) { row in
            if let doc = row.int64(0) { byDoc[doc] = row }
        }
        return docs.compactMap { byDoc[$0] }
    }

    /// `docs`' rows by their located rowids, in order; nil when a location no longer holds its listing.
    private static func located(_ db: Connection, docs: [Int64], locations: [Location]) throws -> [Row]? {
        var byRowID: [Int64: Row] = [:]
        try db.forEach(
            "SELECT p.rowid AS located_rowid, \(hitColumns) FROM json_each(?) j CROSS JOIN products p WHERE p.rowid = j.value",
            [.text(JSONSerializer.string(.array(locations.map { .int($0.rowID) })))]
        ) { row in
            if let rowID = row.int64(0) { byRowID[rowID] = row }
        }
        let byDoc = Dictionary(locations.map { ($0.doc, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [Row] = []
        rows.reserveCapacity(docs.count)
        for doc in docs {
            // A doc without a location had no row when located: it has none now either (same generation).
            guard let location = byDoc[doc] else { continue }
            guard let row = byRowID[location.rowID], row.string("id") == location.productID else { return nil }
            rows.append(row)
        }
        return rows
    }

    /// Suppliers by id, each read once.
    private static func sellers(_ db: Connection, ids sellerIDs: Set<String>) throws -> [String: Seller] {
        var sellers: [String: Seller] = [:]
        guard !sellerIDs.isEmpty else { return sellers }
        try db.forEach(
            """
            SELECT o.id, o.name, s.bayesian_rating_milli FROM json_each(?) j CROSS JOIN organizations o
            LEFT JOIN supplier_scorecards s ON s.supplier_id = o.id WHERE o.id = j.value
            """,
            [.text(JSONSerializer.string(.array(sellerIDs.map(JSON.string))))]
        ) { row in
            if let id = row.string(0) { sellers[id] = Seller(name: row.string(1), ratingMilli: row.int64(2)) }
        }
        return sellers
    }

    /// A rating in thousandths as a JSON number with up to three decimals (4800 → 4.8); null for none.
    static func rating(_ milli: Int64?) -> JSON {
        guard let milli, milli >= 0, let value = try? ExactDecimal(mantissa: Int128(milli), scale: 3) else { return .null }
        return .number(value.normalized().description)
    }

    static func price(_ amount: ExactDecimal, _ currency: Currency) -> JSON {
        ["amount": .string((try? UnitPrice(amount: amount, currency: currency))?.amountString ?? amount.description),
         "currency": .string(currency.code)]
    }

    /// One hit: what a result list shows.
    static func hit(_ listing: Listing, seller: Seller, language: Language, rates: inout CatalogRates?) -> JSONObject {
        var object: JSONObject = [
            "id": .string(listing.id), "sku": .string(listing.sku), "title": listing.title.json,
            "display_title": .optional(listing.title.text(language)), "category_id": .optional(listing.categoryID),
            "unit": .string(listing.unit), "unit_price": price(listing.unitPrice, listing.currency),
        ]
        if rates != nil {
            object["converted_unit_price"] = converted(listing.unitPrice, from: listing.currency, rates: &rates)
        }
        object["price_tiers"] = listing.tiersJSON
        object["min_order_quantity"] = .int(listing.minOrderQuantity)
        object["in_stock"] = .bool(listing.stock > 0)
        object["stock"] = .int(listing.stock)
        object["lead_time_days"] = .int(listing.leadTimeDays)
        object["seller"] = [
            "id": .string(listing.sellerID), "name": .optional(seller.name), "rating": rating(seller.ratingMilli),
        ]
        object["restricted"] = .bool(listing.visibleTo != nil)
        object["created_at"] = .string(listing.createdAt)
        return object
    }

    /// `{"amount","currency"}` in the requested currency, or null when no rate applies.
    static func converted(_ amount: ExactDecimal, from currency: Currency, rates: inout CatalogRates?) -> JSON {
        guard var table = rates else { return .null }
        defer { rates = table }
        guard let quote = table.quote(from: currency), let value = CatalogRates.convertedUnitPrice(amount, quote: quote) else {
            return .null
        }
        return price(value, table.target)
    }
}
