import MarketCore
import Store
import Web

/// `GET /v1/catalog/sellers/{id}`: what any visitor may know about an active supplier — who it is,
/// what it sells, and how it has done (its scorecard). Averages and rates are null until there is data
/// to compute them from.
enum SellerProfile {
    static func load(_ db: Connection, sellerID: String) throws -> JSON? {
        guard let row = try db.queryOne(
            """
            SELECT o.id, o.name, o.country, o.created_at, s.review_count, s.rating_sum, s.quality_sum, s.delivery_sum,
                   s.communication_sum, s.bayesian_rating_milli, s.deliveries, s.on_time_deliveries, s.rfqs_invited,
                   s.rfqs_answered, s.orders_total, s.orders_cancelled
            FROM organizations o LEFT JOIN supplier_scorecards s ON s.supplier_id = o.id
            WHERE o.id = ? AND o.kind = 'supplier' AND o.status = 'active'
            """, [.text(sellerID)])
        else { return nil }
        var categories: [JSON] = []
        try db.forEach("SELECT category_id FROM supplier_categories WHERE supplier_id = ? ORDER BY category_id", [.text(sellerID)]) {
            if let id = $0.string(0) { categories.append(.string(id)) }
        }
        let listings = try db.scalar(
            """
            SELECT count(*) FROM listing_docs ld JOIN listing_index d ON d.doc = ld.doc
            WHERE ld.seller_id = ? AND d.listed = 1 AND d.restricted = 0
            """, [.text(sellerID)]
        ).int64Value ?? 0
        let reviews = row.int64("review_count") ?? 0
        let scorecard: JSONObject = [
            "rating": CatalogListingJSON.rating(row.int64("bayesian_rating_milli")),
            "review_count": .int(reviews),
            "average_rating": ratio(row.int64("rating_sum"), reviews, scale: 2),
            "average_quality": ratio(row.int64("quality_sum"), reviews, scale: 2),
            "average_delivery": ratio(row.int64("delivery_sum"), reviews, scale: 2),
            "average_communication": ratio(row.int64("communication_sum"), reviews, scale: 2),
            "deliveries": .int(row.int64("deliveries") ?? 0),
            "on_time_delivery_rate": ratio(row.int64("on_time_deliveries"), row.int64("deliveries") ?? 0, scale: 3),
            "rfqs_invited": .int(row.int64("rfqs_invited") ?? 0),
            "rfq_response_rate": ratio(row.int64("rfqs_answered"), row.int64("rfqs_invited") ?? 0, scale: 3),
            "cancellation_rate": ratio(row.int64("orders_cancelled"), row.int64("orders_total") ?? 0, scale: 3),
            "median_rfq_response_seconds": .optional(try RFQResponseTimes.medianSeconds(db, supplierID: sellerID)),
        ]
        return [
            "id": .optional(row.string("id")), "name": .optional(row.string("name")), "country": .optional(row.string("country")),
            "member_since": .optional(row.string("created_at")), "category_ids": .array(categories),
            "listings": .int(listings), "scorecard": .object(scorecard),
            // The latest visible reviews (hidden ones count nowhere); more at /v1/catalog/sellers/{id}/reviews.
            "reviews": .array(try ReviewQueries.recentVisible(db, sellerID: sellerID)),
        ]
    }

    /// `part / whole` rounded half-to-even to `scale` decimals, as a JSON number; null when `whole` is 0.
    static func ratio(_ part: Int64?, _ whole: Int64, scale: Int) -> JSON {
        guard whole > 0, let part, let value = try? ExactDecimal(part).divided(by: ExactDecimal(whole), scale: scale) else {
            return .null
        }
        return .number(value.normalized().description)
    }
}
