/// The commission on one line, with each step kept so it can be stored with the line and shown.
public struct LineCommission: Sendable, Hashable {
    public let ruleID: String
    public let percent: ExactDecimal
    public let lineTotal: Money
    /// `round_half_even(lineTotal × percent / 100)`.
    public let percentPart: Money
    public let clamp: CommissionClamp
    /// The percent part after `[min_fee, max_fee]` and the line-total cap.
    public let clamped: Money
    /// Taken off by the order-level cap (zero unless the order's commission would exceed the order total).
    public let orderReduction: Money
    /// What the line pays: `clamped − orderReduction`.
    public let commission: Money

    public init(ruleID: String, percent: ExactDecimal, lineTotal: Money, percentPart: Money, clamp: CommissionClamp,
                clamped: Money, orderReduction: Money, commission: Money) {
        self.ruleID = ruleID
        self.percent = percent
        self.lineTotal = lineTotal
        self.percentPart = percentPart
        self.clamp = clamp
        self.clamped = clamped
        self.orderReduction = orderReduction
        self.commission = commission
    }

    func reduced(by reduction: Money) -> LineCommission {
        LineCommission(ruleID: ruleID, percent: percent, lineTotal: lineTotal, percentPart: percentPart, clamp: clamp,
                       clamped: clamped, orderReduction: reduction,
                       commission: Money(minorUnits: clamped.minorUnits - reduction.minorUnits,
                                         currency: clamped.currency))
    }
}
