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

    /// The part of an order's fixed fee a return reverses: what is left of it when every unit has come back
    /// (a fully returned order earns the marketplace nothing); before that, only what the supplier's
    /// remaining earnings on the order no longer cover, so a return never leaves the supplier owing on an
    /// order. Example: 12 units at 1.00 with a 3.00 fixed fee and 0.84 of percentage commission; 11 come
    /// back (refund 11.00, 0.77 reversed): the supplier keeps 1.00 against 0.07 + 3.00 of commission, so
    /// 2.07 of the fixed fee is reversed.
    /// - Parameters:
    ///   - alreadyReversed: fixed fee reversed by earlier returns of the order.
    ///   - grossLeft: the order total minus every refund, this one included (minor units).
    ///   - commissionLeft: the order's commission minus every reversal, this return's line reversals
    ///     included but not the fixed fee it is about to reverse.
    public static func fixedFeeReversed(fixedFee: Int64, alreadyReversed: Int64, everything: Bool, grossLeft: Int64,
                                        commissionLeft: Int64) -> Int64 {
        let left = max(fixedFee - alreadyReversed, 0)
        if everything { return left }
        return min(max(commissionLeft - grossLeft, 0), left)
    }
}
