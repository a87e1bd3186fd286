/// Exact arithmetic. Sums and exact products never round; every rounding is explicit (`scale:` and `rule:`)
/// and defaults to half-to-even. Overflow throws `DecimalError.overflow`, never traps.
extension ExactDecimal {
    public func adding(_ other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        let scale = max(self.scale, other.scale)
        guard let a = WideArithmetic.scaleUp(mantissa, by: scale - self.scale),
              let b = WideArithmetic.scaleUp(other.mantissa, by: scale - other.scale) else { throw .overflow }
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow, sum != .min else { throw .overflow }
        return ExactDecimal(unchecked: sum, scale: scale)
    }

    public func subtracting(_ other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        try adding(other.negated())
    }

    /// The exact product, with `scale = self.scale + other.scale`. If that exceeds `maxScale` only trailing
    /// zeros may be dropped; otherwise `.precisionExceeded` (use `multiplied(by:scale:rule:)`).
    public func multiplied(by other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: other.mantissa)
        guard !overflow, product != .min else { throw .overflow }
        var m = product
        var s = scale + other.scale
        while s > Self.maxScale, m % 10 == 0 {
            m /= 10
            s -= 1
        }
        guard s <= Self.maxScale else { throw .precisionExceeded }
        return ExactDecimal(unchecked: m, scale: s)
    }

    /// The product rounded once to `scale` fractional digits.
    public func multiplied(by other: ExactDecimal, scale: Int, rule: RoundingRule = .halfEven) throws(DecimalError)
        -> ExactDecimal {
        try Self.checkScale(scale)
        let exactScale = self.scale + other.scale
        if exactScale >= scale {
            guard let divisor = WideArithmetic.powerOfTen(exactScale - scale),
                  let m = WideArithmetic.multiplyDivide(mantissa, other.mantissa, divisor, rule: rule)
            else { throw .overflow }
            return ExactDecimal(unchecked: m, scale: scale)
        }
        guard let product = WideArithmetic.multiplyDivide(mantissa, other.mantissa, 1, rule: rule),
              let m = WideArithmetic.scaleUp(product, by: scale - exactScale)
        else { throw .overflow }
        return ExactDecimal(unchecked: m, scale: scale)
    }

    /// `self / divisor` rounded once to `scale` fractional digits (FX inverse rates, pro-rating).
    public func divided(by divisor: ExactDecimal, scale: Int, rule: RoundingRule = .halfEven) throws(DecimalError)
        -> ExactDecimal {
        try Self.checkScale(scale)
        guard !divisor.isZero else { throw .divisionByZero }
        // result mantissa = self.m × 10^(scale + divisor.scale − self.scale) / divisor.m
        let exponent = scale + divisor.scale - self.scale
        if exponent >= 0 {
            guard let factor = WideArithmetic.powerOfTen(exponent),
                  let m = WideArithmetic.multiplyDivide(mantissa, factor, divisor.mantissa, rule: rule)
            else { throw .overflow }
            return ExactDecimal(unchecked: m, scale: scale)
        }
        guard let denominator = WideArithmetic.scaleUp(divisor.mantissa, by: -exponent) else {
            // |divisor.m × 10^k| > 2^127 ≥ |self.m| and is a multiple of 5, so the quotient is below one half
            // of a unit: zero, except for `awayFromZero`.
            let unit: Int128 = (rule == .awayFromZero && !isZero) ? 1 : 0
            return ExactDecimal(unchecked: signum * divisor.signum < 0 ? -unit : unit, scale: scale)
        }
        guard let m = WideArithmetic.divide(mantissa, by: denominator, rule: rule) else { throw .overflow }
        return ExactDecimal(unchecked: m, scale: scale)
    }

    /// The value with exactly `scale` fractional digits: rounded by `rule` when digits are dropped, padded with
    /// zeros when added (which throws only if the padded mantissa overflows).
    public func rounded(toScale scale: Int, rule: RoundingRule = .halfEven) throws(DecimalError) -> ExactDecimal {
        try Self.checkScale(scale)
        if scale >= self.scale {
            guard let m = WideArithmetic.scaleUp(mantissa, by: scale - self.scale) else { throw .overflow }
            return ExactDecimal(unchecked: m, scale: scale)
        }
        guard let divisor = WideArithmetic.powerOfTen(self.scale - scale),
              let m = WideArithmetic.divide(mantissa, by: divisor, rule: rule) else { throw .overflow }
        return ExactDecimal(unchecked: m, scale: scale)
    }

    /// The mantissa at `scale` if no digit is lost (used to read a decimal as minor units); nil otherwise.
    func exactMantissa(atScale scale: Int) -> Int128? {
        if scale >= self.scale { return WideArithmetic.scaleUp(mantissa, by: scale - self.scale) }
        guard let divisor = WideArithmetic.powerOfTen(self.scale - scale), mantissa % divisor == 0 else { return nil }
        return mantissa / divisor
    }

    private static func checkScale(_ scale: Int) throws(DecimalError) {
        guard (0...maxScale).contains(scale) else { throw .scaleOutOfRange(scale) }
    }
}
