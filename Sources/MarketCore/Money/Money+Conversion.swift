extension Money {
    /// This amount in `target` at `rate` (1 unit of this currency = `rate` units of `target`), rounded once,
    /// half-to-even, to the target's minor unit. The same arithmetic serves a fresh conversion and the replay
    /// of a rate an order locked, so both give the same minor units.
    public func converted(to target: Currency, rate: ExactDecimal, rule: RoundingRule = .halfEven)
        throws(MoneyError) -> Money {
        // minor_target = minor × rate × 10^(target.exp − source.exp); rate = rate.m × 10^−rate.scale
        let shift = currency.minorUnits + rate.scale - target.minorUnits
        let result: Int128?
        if shift >= 0 {
            result = WideArithmetic.powerOfTen(shift).flatMap {
                WideArithmetic.multiplyDivide(Int128(minorUnits), rate.mantissa, $0, rule: rule)
            }
        } else {
            result = WideArithmetic.multiplyDivide(Int128(minorUnits), rate.mantissa, 1, rule: rule)
                .flatMap { WideArithmetic.scaleUp($0, by: -shift) }
        }
        guard let minor = result, let units = Int64(exactly: minor) else { throw .overflow }
        return Money(minorUnits: units, currency: target)
    }
}
