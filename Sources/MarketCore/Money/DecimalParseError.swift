/// Why a decimal string was refused. The grammar is JSON's number grammar without exponent or '+':
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`. Each case names the rule broken, for the `errors[].message` of a 422.
public enum DecimalParseError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case leadingPlus
    case whitespace
    case exponent
    /// ',', '_', '\'' or similar: thousands separators and decimal commas are not accepted.
    case separator(Character)
    case invalidCharacter(Character)
    /// No digit before the decimal point ("-", ".5", "-.5").
    case missingIntegerDigits
    /// A decimal point with no digit after it ("5.").
    case missingFractionDigits
    case multipleDecimalPoints
    /// "01", "-007.5": only "0" may start with a zero.
    case leadingZero
    case tooManyFractionDigits(found: Int, allowed: Int)
    /// More digits than the 128-bit mantissa holds.
    case outOfRange

    public var description: String {
        switch self {
        case .empty: "is empty"
        case .leadingPlus: "must not start with '+'"
        case .whitespace: "must not contain spaces"
        case .exponent: "must not use an exponent; write all digits"
        case .separator(let c): "must not contain '\(c)'; use '.' as the decimal point and no thousands separators"
        case .invalidCharacter(let c): "contains '\(c)', which is not a digit"
        case .missingIntegerDigits: "needs at least one digit before the decimal point"
        case .missingFractionDigits: "needs at least one digit after the decimal point"
        case .multipleDecimalPoints: "has more than one decimal point"
        case .leadingZero: "must not have leading zeros"
        case .tooManyFractionDigits(let found, let allowed):
            "has \(found) decimal places; at most \(allowed) allowed"
        case .outOfRange: "is out of range"
        }
    }
}
