/// The answer of the fee-rule preview (`POST /v1/admin/fee-rules/preview`): the rule that applies to an
/// amount and every step from the percent part to the total.
public struct CommissionBreakdown: Sendable, Hashable {
    public let rule: FeeRule
    public let amount: Money
    public let percent: ExactDecimal
    /// `round_half_even(amount × percent / 100)`.
    public let percentPart: Money
    public let clamp: CommissionClamp
    /// The percent part after clamping to `[min_fee, max_fee]` and to the amount.
    public let clampedPercentPart: Money
    /// The fixed fee charged (after the cap).
    public let fixedFee: Money
    /// True when the total was cut to keep it within the amount.
    public let capApplied: Bool
    public let total: Money

    init(rule: FeeRule, order: OrderCommission) {
        let line = order.lines[0]
        self.rule = rule
        amount = line.lineTotal
        percent = line.percent
        percentPart = line.percentPart
        clamp = line.clamp
        clampedPercentPart = line.clamped
        fixedFee = order.fixedFee
        capApplied = order.capApplied
        total = order.total
    }
}
