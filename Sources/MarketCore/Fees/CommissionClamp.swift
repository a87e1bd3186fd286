/// What bounded a line's commission.
public enum CommissionClamp: String, Sendable, Hashable, Codable {
    case none = "none"
    /// Raised to the rule's `min_fee`.
    case minFee = "min_fee"
    /// Lowered to the rule's `max_fee`.
    case maxFee = "max_fee"
    /// Lowered to the line total: a line never pays more commission than it is worth.
    case lineTotal = "line_total"
}
