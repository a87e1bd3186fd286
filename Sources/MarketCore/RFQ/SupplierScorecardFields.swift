import Store
import Web

/// The scorecard figures a buyer sees next to a quote (kept current by the ratings issue, present now):
/// `rating` (the Bayesian average, `bayesian_rating_milli` / 1000), `on_time_delivery_rate`
/// (on-time deliveries / deliveries) and `rfq_response_rate` (RFQs answered / invited), each a decimal string,
/// null when there is no data yet — "no data" must never read as 0 %.
public struct SupplierScorecardFields: Sendable {
    public let rating: ExactDecimal?
    public let reviewCount: Int
    public let onTimeDeliveryRate: ExactDecimal?
    public let rfqResponseRate: ExactDecimal?

    /// Decimals of the rates (0.875 = 87.5 %), rounded half-to-even.
    public static let rateScale = 3

    /// Reads `bayesian_rating_milli`, `review_count`, `deliveries`, `on_time_deliveries`, `rfqs_invited`,
    /// `rfqs_answered` from a row that LEFT JOINed `supplier_scorecards` (all NULL when the supplier has none).
    public init(row: Row) {
        rating = row.int64("bayesian_rating_milli").flatMap { try? ExactDecimal(mantissa: Int128($0), scale: 3) }
        reviewCount = row.int("review_count") ?? 0
        onTimeDeliveryRate = Self.ratio(row.int64("on_time_deliveries"), row.int64("deliveries"))
        rfqResponseRate = Self.ratio(row.int64("rfqs_answered"), row.int64("rfqs_invited"))
    }

    /// The columns `init(row:)` reads, from `supplier_scorecards` aliased `alias`.
    public static func columns(_ alias: String) -> String {
        "\(alias).bayesian_rating_milli, \(alias).review_count, \(alias).deliveries, \(alias).on_time_deliveries, "
            + "\(alias).rfqs_invited, \(alias).rfqs_answered"
    }

    static func ratio(_ part: Int64?, _ whole: Int64?) -> ExactDecimal? {
        guard let whole, whole > 0 else { return nil }
        return try? ExactDecimal(part ?? 0).divided(by: ExactDecimal(whole), scale: rateScale)
    }

    public var json: JSONObject {
        [
            "rating": .optional(rating?.description), "review_count": .int(reviewCount),
            "on_time_delivery_rate": .optional(onTimeDeliveryRate?.description),
            "rfq_response_rate": .optional(rfqResponseRate?.description),
        ]
    }
}
