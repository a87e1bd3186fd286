/// Why exact decimal arithmetic could not produce a result. Never a trap: every overflow is reported.
public enum DecimalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The result does not fit the 128-bit mantissa at the required scale.
    case overflow
    case divisionByZero
    /// A requested scale outside `0...ExactDecimal.maxScale`.
    case scaleOutOfRange(Int)
    /// An exact product needs more than `ExactDecimal.maxScale` fractional digits; round it instead.
    case precisionExceeded

    public var description: String {
        switch self {
        case .overflow: "the result is out of range"
        case .divisionByZero: "division by zero"
        case .scaleOutOfRange(let scale): "scale \(scale) is outside 0...\(ExactDecimal.maxScale)"
        case .precisionExceeded: "the exact result needs more than \(ExactDecimal.maxScale) fractional digits"
        }
    }
}
