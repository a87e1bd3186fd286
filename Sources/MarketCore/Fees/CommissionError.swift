/// Why a commission could not be computed. These are caller mistakes (the wrong currency passed in, an
/// invalid stored rule), never a reason to trap.
public enum CommissionError: Error, Sendable, Hashable, CustomStringConvertible {
    case noLines
    case negativeAmount
    /// A fee or total in another currency than the lines: convert the rule first (`FeeRule.converted`).
    case currencyMismatch(field: String, expected: String, found: String)
    case invalidPercent(ExactDecimal)
    case overflow

    public var description: String {
        switch self {
        case .noLines: "an order needs at least one line"
        case .negativeAmount: "amounts must not be negative"
        case .currencyMismatch(let field, let expected, let found): "\(field) is in \(found), expected \(expected)"
        case .invalidPercent(let percent): "percent \(percent) is outside 0...100"
        case .overflow: "amount is out of range"
        }
    }
}
