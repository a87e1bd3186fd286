/// 128-bit integer steps with a 256-bit intermediate, shared by `ExactDecimal` and `Money`.
///
/// Every product is taken full width (`multipliedFullWidth`) and divided back (`dividingFullWidth`) with one
/// rounding, so `a × b / d` is exact up to that single rounding and cannot overflow silently.
/// Mantissas are kept in `-Int128.max ... Int128.max` (never `Int128.min`), so negation never traps.
enum WideArithmetic {
    /// 10^0 ... 10^38 (10^38 < 2^127 ≈ 1.7e38).
    static let powersOfTen: [Int128] = {
        var table: [Int128] = [1]
        for _ in 1...38 { table.append(table[table.count - 1] * 10) }
        return table
    }()

    static func powerOfTen(_ exponent: Int) -> Int128? {
        guard exponent >= 0, exponent < powersOfTen.count else { return nil }
        return powersOfTen[exponent]
    }

    /// `value × 10^exponent`, nil on overflow.
    static func scaleUp(_ value: Int128, by exponent: Int) -> Int128? {
        guard exponent > 0 else { return exponent == 0 ? value : nil }
        guard let factor = powerOfTen(exponent) else { return value == 0 ? 0 : nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow, product != .min else { return nil }
        return product
    }

    /// `round(a × b / d)` with one rounding by `rule`; nil when `d == 0` or the result leaves ±Int128.max.
    static func multiplyDivide(_ a: Int128, _ b: Int128, _ d: Int128, rule: RoundingRule) -> Int128? {
        guard d != 0 else { return nil }
        if a == 0 || b == 0 { return 0 }
        let negative = ((a < 0) != (b < 0)) != (d < 0)
        let divisor = d.magnitude
        let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
        // dividingFullWidth traps when the quotient does not fit: high < divisor rules that out.
        guard product.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        guard let rounded = round(quotient, remainder: remainder, divisor: divisor, rule: rule),
              rounded <= UInt128(Int128.max) else { return nil }
        return negative ? -Int128(rounded) : Int128(rounded)
    }

    /// `round(n / d)` with one rounding by `rule`; nil when `d == 0`.
    static func divide(_ n: Int128, by d: Int128, rule: RoundingRule) -> Int128? {
        multiplyDivide(n, 1, d, rule: rule)
    }

    /// Rounds the magnitude `quotient + remainder/divisor`; all supported rules are symmetric about zero.
    private static func round(_ quotient: UInt128, remainder: UInt128, divisor: UInt128,
                              rule: RoundingRule) -> UInt128? {
        guard remainder != 0 else { return quotient }
        let up: Bool
        switch rule {
        case .towardZero:
            up = false
        case .awayFromZero:
            up = true
        case .halfEven:
            let rest = divisor - remainder   // compare remainder with divisor/2 without overflow
            up = remainder > rest || (remainder == rest && quotient & 1 == 1)
        }
        guard up else { return quotient }
        let (next, overflow) = quotient.addingReportingOverflow(1)
        return overflow ? nil : next
    }
}
