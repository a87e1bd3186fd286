/// One order line to price: its total (already rounded) and the rule selected for it, with the rule's fees
/// already in the line's currency.
public struct CommissionLine: Sendable, Hashable {
    public let lineTotal: Money
    public let rule: FeeRule

    public init(lineTotal: Money, rule: FeeRule) {
        self.lineTotal = lineTotal
        self.rule = rule
    }
}
