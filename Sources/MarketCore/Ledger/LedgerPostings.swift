/// The journal entries of the marketplace's money events, as pure functions of the business facts. The
/// store (`LedgerOrderObserver`, `SettlementRun`) and the model-based tests post exactly these.
///
/// All order postings are in the ORDER currency; only settlement converts (through FX clearing).
public enum LedgerPostings {
    /// What the ledger needs of an order.
    public struct Order: Sendable, Hashable {
        public var id: String
        public var buyerID: String
        public var sellerID: String
        /// Gross: the order total the buyer owes (lines and shipping).
        public var total: Money
        /// The marketplace's commission, fixed fee included; never above `total`.
        public var commission: Money

        public init(id: String, buyerID: String, sellerID: String, total: Money, commission: Money) {
            self.id = id
            self.buyerID = buyerID
            self.sellerID = sellerID
            self.total = total
            self.commission = commission
        }
    }

    /// What the ledger needs of a return.
    public struct Return: Sendable, Hashable {
        public var id: String
        public var orderID: String
        public var buyerID: String
        public var sellerID: String
        public var refund: Money
        /// Commission given back (the fixed fee included on a full return).
        public var commissionReversed: Money
        /// The order already appeared on a settlement statement: the supplier's share comes back through
        /// `supplier_receivable` and the next statement deducts it.
        public var afterSettlement: Bool

        public init(id: String, orderID: String, buyerID: String, sellerID: String, refund: Money, commissionReversed: Money,
                    afterSettlement: Bool) {
            self.id = id
            self.orderID = orderID
            self.buyerID = buyerID
            self.sellerID = sellerID
            self.refund = refund
            self.commissionReversed = commissionReversed
            self.afterSettlement = afterSettlement
        }
    }

    public static let deliveredKind = "order_delivered"
    public static let returnedKind = "order_returned"
    /// A return after its order was settled: the supplier's share goes to `supplier_receivable`.
    public static let returnedAfterSettlementKind = "order_returned_after_settlement"
    public static let settlementKind = "settlement"
    public static let payoutKind = "payout"

    /// Delivery recognizes the sale: Dr buyer receivable (gross) / Cr supplier payable (net) / Cr
    /// commission revenue (commission). Nil for an order of zero total.
    public static func delivered(_ order: Order) throws -> JournalEntry? {
        var entry = JournalEntryBuilder(key: "\(deliveredKind):\(order.id)", kind: deliveredKind, sourceType: "order", sourceID: order.id)
        let net = try order.total.subtracting(order.commission)
        try entry.debit(.buyerReceivable(order.buyerID, order.total.currency), order.total)
        try entry.credit(.supplierPayable(order.sellerID, net.currency), net)
        try entry.credit(.commissionRevenue(order.commission.currency), order.commission)
        return entry.isEmpty ? nil : try entry.build()
    }

    /// A return reverses in proportion: Cr buyer receivable (refund) / Dr commission reversals (commission
    /// given back) / Dr supplier payable — or supplier receivable after settlement — (the rest).
    public static func returned(_ item: Return) throws -> JournalEntry? {
        let kind = item.afterSettlement ? returnedAfterSettlementKind : returnedKind
        var entry = JournalEntryBuilder(key: "\(returnedKind):\(item.id)", kind: kind, sourceType: "return", sourceID: item.id)
        let supplierShare = try item.refund.subtracting(item.commissionReversed)
        let currency = item.refund.currency
        try entry.credit(.buyerReceivable(item.buyerID, currency), item.refund)
        try entry.debit(.commissionReversals(currency), item.commissionReversed)
        let supplier: LedgerAccount = item.afterSettlement
            ? .supplierReceivable(item.sellerID, currency) : .supplierPayable(item.sellerID, currency)
        try entry.debit(supplier, supplierShare)
        return entry.isEmpty ? nil : try entry.build()
    }

    /// Paying a statement: Dr supplier payout due / Cr cash, in the statement's currency. Nil for a zero net.
    public static func payout(settlementID: String, supplierID: String, net: Money, reference: String) throws -> JournalEntry? {
        var entry = JournalEntryBuilder(key: "\(payoutKind):\(settlementID)", kind: payoutKind, sourceType: "settlement",
                                        sourceID: settlementID, memo: reference)
        try entry.debit(.supplierPayoutDue(supplierID, net.currency), net)
        try entry.credit(.cash(net.currency), net)
        return entry.isEmpty ? nil : try entry.build()
    }
}
