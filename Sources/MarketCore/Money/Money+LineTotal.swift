extension Money {
    /// A line total: `round_half_even(unitPrice × quantity)` to `currency`'s minor unit, computed exactly before
    /// the one rounding.
    public static func lineTotal(unitPrice: ExactDecimal, quantity: Int64, currency: Currency) throws(MoneyError)
        -> Money {
        let shift = unitPrice.scale - currency.minorUnits
        let result: Int128?
        if shift >= 0 {
            result = WideArithmetic.powerOfTen(shift).flatMap {
                WideArithmetic.multiplyDivide(unitPrice.mantissa, Int128(quantity), $0, rule: .halfEven)
            }
        } else {
            result = WideArithmetic.multiplyDivide(unitPrice.mantissa, Int128(quantity), 1, rule: .halfEven)
                .flatMap { WideArithmetic.scaleUp($0, by: -shift) }
        }
        guard let minor = result, let units = Int64(exactly: minor) else { throw .overflow }
        return Money(minorUnits: units, currency: currency)
    }
}
