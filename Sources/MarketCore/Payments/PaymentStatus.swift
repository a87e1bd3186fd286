/// Where an order stands with the buyer's money (`orders.payment_status`, API.md). Derived, never set by
/// hand: every payment, refund, return or cancellation recomputes it from the order's figures.
public enum PaymentStatus: String, Sendable, Hashable, CaseIterable {
    case unpaid
    case partiallyPaid = "partially_paid"
    case paid
    case refunded

    /// - Parameters:
    ///   - owed: what the buyer owes for the order now (total − returns; zero once cancelled or rejected).
    ///   - paid: what the marketplace holds from the buyer for it (payments − refunds).
    ///   - refunded: what was sent back to the buyer so far.
    ///
    /// A partial refund (some goods returned from a paid order) leaves the order `paid`: the buyer has paid
    /// everything it still owes, and the refund shows as `refunded_to_buyer`. `refunded` means every unit of
    /// money received went back.
    public static func derive(owed: Int64, paid: Int64, refunded: Int64) -> PaymentStatus {
        guard paid > 0 else { return refunded > 0 ? .refunded : .unpaid }
        return paid >= owed ? .paid : .partiallyPaid
    }
}
