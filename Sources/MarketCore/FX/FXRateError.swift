/// Why a rate cannot be stored.
public enum FXRateError: Error, Sendable, Hashable, CustomStringConvertible {
    case sameCurrency
    case nonPositiveRate

    public var description: String {
        switch self {
        case .sameCurrency: "base and quote must be different currencies"
        case .nonPositiveRate: "rate must be greater than zero"
        }
    }
}
