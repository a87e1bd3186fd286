/// An exact signed decimal: `mantissa × 10^-scale`, for prices, rates and percentages. Never `Double`.
///
/// Why `Int128`: Swift 6 has a native `Int128` on Linux and macOS 15 (SE-0425) with overflow-reporting
/// arithmetic and full-width multiply/divide, which gives 38 significant digits and an exact 256-bit
/// intermediate for `a × b / c` (see `WideArithmetic`) without hand-written carries over a pair of `Int64`.
/// That covers the widest value this marketplace needs (a B2B total in a 0-decimal currency times an
/// 18-decimal cross rate) with room to spare.
///
/// Equality and ordering are numeric across scales (`1.5 == 1.50`); `description` keeps the scale
/// (`"1.50"`). The mantissa never equals `Int128.min`, so negation never overflows.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The most fractional digits a value may carry.
    public static let maxScale = 18

    public let mantissa: Int128
    /// The number of fractional digits, `0...maxScale`.
    public let scale: Int

    public static let zero = ExactDecimal(unchecked: 0, scale: 0)
    public static let one = ExactDecimal(unchecked: 1, scale: 0)
    public static let hundred = ExactDecimal(unchecked: 100, scale: 0)

    /// `mantissa × 10^-scale`; throws for a scale outside `0...maxScale` or `Int128.min`.
    public init(mantissa: Int128, scale: Int) throws(DecimalError) {
        guard (0...Self.maxScale).contains(scale) else { throw .scaleOutOfRange(scale) }
        guard mantissa != .min else { throw .overflow }
        self.mantissa = mantissa
        self.scale = scale
    }

    public init(_ integer: Int64) {
        self.init(unchecked: Int128(integer), scale: 0)
    }

    public init(_ integer: Int) {
        self.init(unchecked: Int128(integer), scale: 0)
    }

    /// For values already known to be in range.
    init(unchecked mantissa: Int128, scale: Int) {
        self.mantissa = mantissa
        self.scale = scale
    }

    public var isZero: Bool { mantissa == 0 }
    public var isNegative: Bool { mantissa < 0 }
    public var isPositive: Bool { mantissa > 0 }
    /// -1, 0 or 1.
    public var signum: Int { mantissa == 0 ? 0 : (mantissa < 0 ? -1 : 1) }

    public func negated() -> ExactDecimal {
        ExactDecimal(unchecked: -mantissa, scale: scale)
    }

    public var magnitude: ExactDecimal {
        ExactDecimal(unchecked: mantissa < 0 ? -mantissa : mantissa, scale: scale)
    }

    /// The same value with trailing fractional zeros removed (`1.500` → `1.5`, `2.00` → `2`).
    public func normalized() -> ExactDecimal {
        var m = mantissa
        var s = scale
        while s > 0, m % 10 == 0 {
            m /= 10
            s -= 1
        }
        return ExactDecimal(unchecked: m, scale: s)
    }

    /// Number of fractional digits once trailing zeros are removed.
    public var significantScale: Int { normalized().scale }

    // MARK: - Formatting

    /// Canonical form: optional '-', the integer digits (no leading zeros), and exactly `scale` fractional
    /// digits: `"1234.50"`, `"-0.5"`, `"7"`. Zero is never negative. `parse(description)` gives the value back
    /// with the same scale.
    public var description: String {
        var digits = String(mantissa.magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return mantissa < 0 ? "-" + digits : digits
    }

    // MARK: - Comparison across scales

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) == 0
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }

    public func hash(into hasher: inout Hasher) {
        let canonical = normalized()
        hasher.combine(canonical.mantissa)
        hasher.combine(canonical.scale)
    }

    /// -1, 0, 1. Both sides are brought to the larger scale in 256 bits, so no scale combination overflows.
    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.scale == b.scale { return a.mantissa == b.mantissa ? 0 : (a.mantissa < b.mantissa ? -1 : 1) }
        if a.signum != b.signum { return a.signum < b.signum ? -1 : 1 }
        if a.signum == 0 { return 0 }
        let scale = max(a.scale, b.scale)
        let left = a.mantissa.magnitude.multipliedFullWidth(by: UInt128(WideArithmetic.powersOfTen[scale - a.scale]))
        let right = b.mantissa.magnitude.multipliedFullWidth(by: UInt128(WideArithmetic.powersOfTen[scale - b.scale]))
        let magnitudeOrder: Int
        if left.high != right.high {
            magnitudeOrder = left.high < right.high ? -1 : 1
        } else if left.low != right.low {
            magnitudeOrder = left.low < right.low ? -1 : 1
        } else {
            magnitudeOrder = 0
        }
        return a.signum < 0 ? -magnitudeOrder : magnitudeOrder
    }
}
