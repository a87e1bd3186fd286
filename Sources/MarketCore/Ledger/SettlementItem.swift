/// Something a settlement statement pays for, as read from the orders: a delivered order not settled
/// before (`order`), or a return that came after its order was settled (`adjustment`, a deduction).
/// Amounts are in the ORDER currency (minor units); `rate` converts them to the payout currency.
public struct SettlementItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case order
        case adjustment
    }

    public var kind: Kind
    public var orderID: String
    /// The return an adjustment deducts.
    public var returnID: String?
    public var supplierID: String
    public var sourceCurrency: Currency
    public var payoutCurrency: Currency
    /// 1 order-currency unit = `rate` payout-currency units: the rate the order locked at checkout.
    public var rate: ExactDecimal
    public var rateMethod: SettlementRateMethod
    public var gross: Int64
    public var commission: Int64
    public var refunds: Int64
    public var commissionReversed: Int64
    /// When it happened: the delivery (orders) or the return (adjustments).
    public var occurredAt: String

    public init(kind: Kind, orderID: String, returnID: String? = nil, supplierID: String, sourceCurrency: Currency,
                payoutCurrency: Currency, rate: ExactDecimal, rateMethod: SettlementRateMethod, gross: Int64, commission: Int64,
                refunds: Int64, commissionReversed: Int64, occurredAt: String) {
        self.kind = kind
        self.orderID = orderID
        self.returnID = returnID
        self.supplierID = supplierID
        self.sourceCurrency = sourceCurrency
        self.payoutCurrency = payoutCurrency
        self.rate = rate
        self.rateMethod = rateMethod
        self.gross = gross
        self.commission = commission
        self.refunds = refunds
        self.commissionReversed = commissionReversed
        self.occurredAt = occurredAt
    }
}
