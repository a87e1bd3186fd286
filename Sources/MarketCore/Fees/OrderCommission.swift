/// The commission on one order: per-line commissions, the fixed fee charged once, and the total, which never
/// exceeds `cap` (the order total).
public struct OrderCommission: Sendable, Hashable {
    public let lines: [LineCommission]
    /// The fixed fee before the cap: the largest `fixed_fee` among the rules of the order's lines (zero if none).
    public let fixedFeeBeforeCap: Money
    /// The rule that supplied the fixed fee, if any.
    public let fixedFeeRuleID: String?
    /// The fixed fee charged, after the cap.
    public let fixedFee: Money
    /// The most the order may pay: the order total.
    public let cap: Money
    /// True when the cap reduced the fixed fee or any line.
    public let capApplied: Bool
    /// `Σ lines.commission + fixedFee`.
    public let total: Money
}
