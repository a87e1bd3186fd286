/// One statement line in the payout currency: each amount converted from the order currency on its own
/// and rounded half-to-even at the line (API.md, money), and the net derived from the rounded amounts,
/// so `net = gross − commission − refunds + commission_reversed` holds exactly on every line and
/// therefore on every statement total.
public struct SettlementLine: Sendable, Hashable {
    public let item: SettlementItem
    public let gross: Money
    public let commission: Money
    public let refunds: Money
    public let commissionReversed: Money
    public let net: Money
    /// The same net in the order currency: what leaves the supplier's payable (orders) or receivable
    /// (adjustments, negative) for this line.
    public let sourceNet: Money

    public init(converting item: SettlementItem) throws {
        let source = item.sourceCurrency
        let target = item.payoutCurrency
        func convert(_ minor: Int64) throws -> Money {
            let money = Money(minorUnits: minor, currency: source)
            return source == target ? Money(minorUnits: minor, currency: target) : try money.converted(to: target, rate: item.rate)
        }
        self.item = item
        gross = try convert(item.gross)
        commission = try convert(item.commission)
        refunds = try convert(item.refunds)
        commissionReversed = try convert(item.commissionReversed)
        net = try gross.subtracting(commission).subtracting(refunds).adding(commissionReversed)
        sourceNet = try Money(minorUnits: item.gross, currency: source)
            .subtracting(Money(minorUnits: item.commission, currency: source))
            .subtracting(Money(minorUnits: item.refunds, currency: source))
            .adding(Money(minorUnits: item.commissionReversed, currency: source))
    }
}
