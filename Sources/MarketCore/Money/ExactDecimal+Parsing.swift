extension ExactDecimal: LosslessStringConvertible {
    /// Parses strictly: `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most `maxScale` fractional digits.
    /// No exponent, no spaces, no '+', no thousands separators. The scale is the number of fractional digits
    /// written (`"1.50"` has scale 2).
    public static func parse(_ text: String, maxScale: Int = ExactDecimal.maxScale) throws(DecimalParseError)
        -> ExactDecimal {
        let allowed = min(max(maxScale, 0), Self.maxScale)
        let bytes = text.utf8
        guard !bytes.isEmpty else { throw .empty }

        var index = bytes.startIndex
        var negative = false
        switch bytes[index] {
        case UInt8(ascii: "+"): throw .leadingPlus
        case UInt8(ascii: "-"):
            negative = true
            index = bytes.index(after: index)
        default: break
        }

        var mantissa: Int128 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        var leadingZero = false
        var overflow = false

        while index < bytes.endIndex {
            let c = bytes[index]
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits > allowed {
                        throw .tooManyFractionDigits(found: Self.countFractionDigits(text), allowed: allowed)
                    }
                } else {
                    if leadingZero { throw .leadingZero }
                    if integerDigits == 0, c == UInt8(ascii: "0") { leadingZero = true }
                    integerDigits += 1
                }
                if !overflow {
                    let (shifted, o1) = mantissa.multipliedReportingOverflow(by: 10)
                    let (next, o2) = shifted.addingReportingOverflow(Int128(c - UInt8(ascii: "0")))
                    if o1 || o2 { overflow = true } else { mantissa = next }
                }
            case UInt8(ascii: "."):
                if seenPoint { throw .multipleDecimalPoints }
                if integerDigits == 0 { throw .missingIntegerDigits }
                seenPoint = true
            default:
                throw Self.classify(text, at: index)
            }
            index = bytes.index(after: index)
        }
        if integerDigits == 0 { throw .missingIntegerDigits }
        if seenPoint, fractionDigits == 0 { throw .missingFractionDigits }
        // Checked after the scan so that a malformed string reports its malformation, not its length.
        if overflow { throw .outOfRange }
        return ExactDecimal(unchecked: negative ? -mantissa : mantissa, scale: fractionDigits)
    }

    /// `ExactDecimal("12.5")`; nil for anything `parse` refuses.
    public init?(_ description: String) {
        guard let value = try? Self.parse(description) else { return nil }
        self = value
    }

    private static func classify(_ text: String, at index: String.UTF8View.Index) -> DecimalParseError {
        guard let scalarIndex = index.samePosition(in: text.unicodeScalars) else { return .invalidCharacter("?") }
        let scalar = text.unicodeScalars[scalarIndex]
        let character = Character(scalar)
        if scalar.properties.isWhitespace { return .whitespace }
        switch scalar {
        case "e", "E": return .exponent
        case "+": return .invalidCharacter("+")
        case ",", "_", "'", "\u{2019}", "\u{00A0}", "\u{202F}": return .separator(character)
        default: return .invalidCharacter(character)
        }
    }

    private static func countFractionDigits(_ text: String) -> Int {
        guard let point = text.utf8.firstIndex(of: UInt8(ascii: ".")) else { return 0 }
        return text.utf8[text.utf8.index(after: point)...].prefix { $0 >= 48 && $0 <= 57 }.count
    }
}
