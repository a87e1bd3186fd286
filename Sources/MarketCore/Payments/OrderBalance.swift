import Store

/// An order's money as accounts receivable sees it, read in the caller's transaction: what it costs, what
/// returns took off, what the buyer paid (net of refunds) and what went back.
///
///     owed = total − returned (0 once cancelled or rejected)     due = max(0, owed − paid)
///     excess = max(0, paid − owed): money to send back
public struct OrderBalance: Sendable, Hashable {
    public let orderID: String
    public let buyerID: String
    public let sellerID: String
    public let status: OrderStatus
    public let terms: PaymentTerms
    public let currency: Currency
    public let total: Int64
    /// Refunds of returns (`orders.refunded_minor`): what the buyer no longer owes.
    public let returned: Int64
    /// Payments received less refunds sent (`orders.paid_minor`).
    public let paid: Int64
    /// Money sent back to the buyer so far (`payment_refunds`).
    public let refundedToBuyer: Int64
    public let creditHeld: Int64
    public let creditCurrency: Currency?
    public let creditRate: ExactDecimal?

    public var isVoid: Bool { status == .cancelled || status == .rejected }
    public var owed: Int64 { isVoid ? 0 : max(0, total - returned) }
    public var due: Int64 { max(0, owed - paid) }
    public var excess: Int64 { max(0, paid - owed) }
    public var paymentStatus: PaymentStatus { .derive(owed: owed, paid: paid, refunded: refundedToBuyer) }

    public func money(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: currency) }

    /// The order, or nil when it does not exist (callers scope it first where tenancy matters).
    public static func load(_ db: Connection, orderID: String) throws -> OrderBalance? {
        guard let row = try db.queryOne(
            """
            SELECT id, buyer_id, seller_id, status, payment_terms, currency, total_minor, refunded_minor, paid_minor,
                   credit_held_minor, credit_currency, credit_rate,
                   (SELECT COALESCE(SUM(amount_minor), 0) FROM payment_refunds r WHERE r.order_id = orders.id) AS refunded_to_buyer
            FROM orders WHERE id = ?
            """, [.text(orderID)]),
            let id = row.string("id"), let buyerID = row.string("buyer_id"), let sellerID = row.string("seller_id"),
            let status = row.string("status").flatMap(OrderStatus.init(rawValue:)),
            let terms = row.string("payment_terms").flatMap(PaymentTerms.init(rawValue:)),
            let currency = row.string("currency").flatMap(Currency.init(code:))
        else { return nil }
        return OrderBalance(
            orderID: id, buyerID: buyerID, sellerID: sellerID, status: status, terms: terms, currency: currency,
            total: row.int64("total_minor") ?? 0, returned: row.int64("refunded_minor") ?? 0, paid: row.int64("paid_minor") ?? 0,
            refundedToBuyer: row.int64("refunded_to_buyer") ?? 0, creditHeld: row.int64("credit_held_minor") ?? 0,
            creditCurrency: row.string("credit_currency").flatMap(Currency.init(code:)),
            creditRate: row.string("credit_rate").flatMap { ExactDecimal($0) })
    }
}

extension OrderBalance {
    /// What is still due on an order row that carries `status`, `total_minor`, `refunded_minor` and
    /// `paid_minor` (the order views show it beside `paid` as `amount_due`).
    public static func due(status: String?, total: Int64?, returned: Int64?, paid: Int64?) -> Int64 {
        if status == OrderStatus.cancelled.rawValue || status == OrderStatus.rejected.rawValue { return 0 }
        return max(0, max(0, (total ?? 0) - (returned ?? 0)) - (paid ?? 0))
    }
}
