import Store

/// How fast a supplier answers RFQs: the median of `rfq_recipients.response_seconds` (invitation to first
/// quote or decline, written by `QuoteSubmission`). Read when shown rather than stored: a median cannot be
/// kept by increments, and the partial index `rfq_recipients_response_time` makes this two index walks.
public enum RFQResponseTimes {
    /// The median in whole seconds (the two middle values averaged half-to-even); nil before any answer.
    public static func medianSeconds(_ db: Connection, supplierID: String) throws -> Int64? {
        let count = try db.scalar(
            "SELECT count(*) FROM rfq_recipients WHERE supplier_id = ? AND response_seconds IS NOT NULL", [.text(supplierID)]
        ).int64Value ?? 0
        guard count > 0 else { return nil }
        let middle = try db.query(
            """
            SELECT response_seconds FROM rfq_recipients WHERE supplier_id = ? AND response_seconds IS NOT NULL
            ORDER BY response_seconds LIMIT ? OFFSET ?
            """, [.text(supplierID), .integer(count % 2 == 0 ? 2 : 1), .integer((count - 1) / 2)]
        ).compactMap { $0.int64("response_seconds") }
        return ScorecardMath.median(middle)
    }
}
