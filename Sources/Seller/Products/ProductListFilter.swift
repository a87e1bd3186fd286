import MarketCore
import Store
import Web

/// `GET /v1/seller/products?status=&sku=&q=`: a supplier's own listings (every one not archived has a
/// catalog doc, drafts included), newest first.
struct ProductListFilter {
    var status: ListingStatus?
    var sku: String?
    /// An FTS5 MATCH expression from `q` (SearchText), over the supplier's drafts as well.
    var match: String?

    init(_ query: QueryParameters) throws(APIError) {
        let validation = Validation()
        if let text = query["status"] {
            if let value = ListingStatus(rawValue: text), ListingStatus.settable.contains(text) {
                status = value
            } else {
                validation.add("status", "must be one of: \(ListingStatus.settable.joined(separator: ", "))", ko: "active 또는 draft여야 합니다")
            }
        }
        if let text = query["sku"], !text.isEmpty {
            if text.count <= ListingRules.maxSKULength { sku = text } else {
                validation.add("sku", "must be at most \(ListingRules.maxSKULength) characters", ko: "최대 \(ListingRules.maxSKULength)자까지 가능합니다")
            }
        }
        if let text = query["q"] {
            if text.count > 200 {
                validation.add("q", "must be at most 200 characters", ko: "최대 200자까지 가능합니다")
            } else {
                match = SearchText.matchQuery(text)
            }
        }
        try validation.check()
    }

    /// `limit + 1` rows of `Listing.columns` and their `doc`, newest first: in the order listings entered
    /// the catalog (an import's rows in file order), docs below the cursor.
    func rows(_ db: Connection, sellerID: String, page: Pagination) throws -> [Row] {
        var sql = """
            SELECT ld.doc AS doc, \(Listing.columns) FROM listing_docs ld JOIN products p ON p.id = ld.product_id
            WHERE ld.seller_id = ?
            """
        var arguments: [SQLValue] = [.text(sellerID)]
        if let status {
            sql += " AND p.status = ?"
            arguments.append(.text(status.rawValue))
        }
        if let sku {
            sql += " AND p.sku = ?"
            arguments.append(.text(sku))
        }
        if let match {
            sql += " AND ld.doc IN (SELECT rowid FROM listing_search WHERE listing_search MATCH ?)"
            arguments.append(.text(match))
        }
        if let after = page.after {
            guard let doc = Int64(after) else {
                throw APIError.validation(field: "cursor", "is not a cursor this API issued", ko: "올바른 커서가 아닙니다")
            }
            sql += " AND ld.doc < ?"
            arguments.append(.integer(doc))
        }
        sql += " ORDER BY ld.doc DESC LIMIT ?"
        arguments.append(.integer(Int64(page.limit + 1)))
        return try db.query(sql, arguments)
    }
}
