import MarketCore
import Store
import Web

/// `GET /v1/seller/products?status=&sku=&q=`: a supplier's own listings, newest first.
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

    /// `limit + 1` rows of `Listing.columns`, ids below the cursor (ids sort by creation time).
    func rows(_ db: Connection, sellerID: String, page: Pagination) throws -> [Row] {
        var sql = "SELECT \(Listing.columns) FROM products p WHERE p.seller_id = ? AND p.status != 'archived'"
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
            sql += """
                 AND p.id IN (SELECT ld.product_id FROM listing_search s JOIN listing_docs ld ON ld.doc = s.rowid
                              WHERE listing_search MATCH ? AND ld.seller_id = ?)
                """
            arguments += [.text(match), .text(sellerID)]
        }
        if let after = page.after {
            sql += " AND p.id < ?"
            arguments.append(.text(after))
        }
        sql += " ORDER BY p.id DESC LIMIT ?"
        arguments.append(.integer(Int64(page.limit + 1)))
        return try db.query(sql, arguments)
    }
}
