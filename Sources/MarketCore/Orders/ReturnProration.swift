/// How much of a line a return refunds, and how much commission it reverses. Pure.
///
/// Cumulative pro-rating: after `returned` of `quantity` units have come back, the line has refunded
/// `round_half_even(line_total × returned / quantity)` in all, so one return refunds that figure minus what
/// earlier returns refunded. Each return is still the pro-rated, half-even share of what it brings back,
/// and however the units come back the refunds add up to exactly the line total once all are returned —
/// never a minor unit more or less. The commission reversed follows the same rule on the line's commission.
public enum ReturnProration {
    public struct Share: Sendable, Hashable {
        public let refund: Money
        public let commissionReversed: Money
    }

    /// - Parameters:
    ///   - alreadyReturned: units returned before this return.
    ///   - returning: units this return brings back (`1...quantity - alreadyReturned`).
    public static func share(lineTotal: Money, commission: Money, quantity: Int64, alreadyReturned: Int64, returning: Int64)
        throws(MoneyError) -> Share
    {
        let before = alreadyReturned
        let after = alreadyReturned + returning
        let refund = try lineTotal.prorated(numerator: after, denominator: quantity)
            .subtracting(lineTotal.prorated(numerator: before, denominator: quantity))
        let reversed = try commission.prorated(numerator: after, denominator: quantity)
            .subtracting(commission.prorated(numerator: before, denominator: quantity))
        return Share(refund: refund, commissionReversed: reversed)
    }
}
