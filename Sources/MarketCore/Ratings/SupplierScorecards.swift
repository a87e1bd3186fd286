import Store
import Web

/// Writes to `supplier_scorecards`, always inside the transaction of the change being counted, so a
/// scorecard can never disagree with the reviews and orders behind it.
///
/// - Review figures (count, per-dimension sums, Bayesian rating) are RECOMPUTED from the visible
///   reviews on every review change (create, hide, unhide): an indexed aggregate over one supplier's
///   reviews, which also repairs any drift. Hidden reviews count nowhere.
/// - Order figures are counted on the order events (`ScorecardObserver`): `orders_total` when an order
///   reaches the supplier (placed), `orders_cancelled` when a placed or confirmed order is cancelled,
///   `deliveries` / `on_time_deliveries` on delivery.
/// - RFQ figures (`rfqs_invited`, `rfqs_answered`) are counted by the RFQ module (RFQInvitation,
///   QuoteSubmission); the median response time is read from `rfq_recipients` (`RFQResponseTimes`).
///
/// Rows are upserted: a supplier has no scorecard row until something happens to it.
public enum SupplierScorecards {
    /// Recomputes the review figures of `supplierID` from its visible reviews.
    public static func refreshReviews(_ db: Connection, supplierID: String, at now: String) throws {
        guard let row = try db.queryOne(
            """
            SELECT count(*) AS n, coalesce(sum(rating), 0) AS rating, coalesce(sum(quality), 0) AS quality,
                   coalesce(sum(delivery), 0) AS delivery, coalesce(sum(communication), 0) AS communication
            FROM reviews WHERE seller_id = ? AND hidden = 0
            """, [.text(supplierID)])
        else { throw APIError.internal() }
        let count = row.int64("n") ?? 0
        let ratingSum = row.int64("rating") ?? 0
        let bayesian = ScorecardMath.bayesianMilli(ratingSum: ratingSum, count: count)
        try db.execute(
            """
            INSERT INTO supplier_scorecards (supplier_id, review_count, rating_sum, quality_sum, delivery_sum,
                                             communication_sum, bayesian_rating_milli, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (supplier_id) DO UPDATE SET
                review_count = excluded.review_count, rating_sum = excluded.rating_sum, quality_sum = excluded.quality_sum,
                delivery_sum = excluded.delivery_sum, communication_sum = excluded.communication_sum,
                bayesian_rating_milli = excluded.bayesian_rating_milli, updated_at = excluded.updated_at
            """,
            [.text(supplierID), .integer(count), .integer(ratingSum), .integer(row.int64("quality") ?? 0),
             .integer(row.int64("delivery") ?? 0), .integer(row.int64("communication") ?? 0),
             bayesian.map { .integer($0) } ?? .null, .text(now)])
    }

    /// One more order that reached the supplier.
    static func countOrder(_ db: Connection, supplierID: String, at now: String) throws {
        try increment(db, supplierID: supplierID, columns: ["orders_total"], at: now)
    }

    /// One more order cancelled after it reached the supplier (before shipment, by either side).
    static func countCancellation(_ db: Connection, supplierID: String, at now: String) throws {
        try increment(db, supplierID: supplierID, columns: ["orders_cancelled"], at: now)
    }

    /// One more delivery, on time or late.
    static func countDelivery(_ db: Connection, supplierID: String, onTime: Bool, at now: String) throws {
        try increment(db, supplierID: supplierID, columns: onTime ? ["deliveries", "on_time_deliveries"] : ["deliveries"], at: now)
    }

    /// `column = column + 1` for each column (fixed names from this file, never from input).
    private static func increment(_ db: Connection, supplierID: String, columns: [String], at now: String) throws {
        let names = columns.joined(separator: ", ")
        let ones = columns.map { _ in "1" }.joined(separator: ", ")
        let updates = columns.map { "\($0) = \($0) + 1" }.joined(separator: ", ")
        try db.execute(
            """
            INSERT INTO supplier_scorecards (supplier_id, \(names), updated_at) VALUES (?, \(ones), ?)
            ON CONFLICT (supplier_id) DO UPDATE SET \(updates), updated_at = excluded.updated_at
            """, [.text(supplierID), .text(now)])
    }
}
