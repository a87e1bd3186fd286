/// Why an amount of money was refused or could not be computed. Each case reads as the `message` of a
/// validation error.
public enum MoneyError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownCurrency(String)
    case invalidAmount(DecimalParseError)
    /// "12.345" USD: more decimals than the currency's minor unit (or than a unit price allows).
    case tooManyFractionDigits(currency: String, found: Int, allowed: Int)
    case negativeNotAllowed
    /// The amount does not fit 64-bit minor units, or an intermediate overflowed.
    case overflow
    case currencyMismatch(expected: String, found: String)
    case divisionByZero
    /// Allocation weights that are negative or sum to zero.
    case invalidWeights

    public var description: String {
        switch self {
        case .unknownCurrency(let code): "'\(code)' is not an ISO 4217 currency code"
        case .invalidAmount(let reason): "amount \(reason)"
        case .tooManyFractionDigits(let currency, let found, let allowed):
            "\(currency) amounts take at most \(allowed) decimal places, got \(found)"
        case .negativeNotAllowed: "amount must not be negative"
        case .overflow: "amount is out of range"
        case .currencyMismatch(let expected, let found): "expected an amount in \(expected), got \(found)"
        case .divisionByZero: "division by zero"
        case .invalidWeights: "allocation weights must be non-negative and not all zero"
        }
    }
}
