/// Checked arithmetic: mixing currencies throws `.currencyMismatch`, overflow throws `.overflow`; nothing traps.
extension Money {
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        try requireSameCurrency(other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: sum, currency: currency)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        try requireSameCurrency(other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: difference, currency: currency)
    }

    /// Throws only for `Int64.min` minor units, whose negation does not exist.
    public func negated() throws(MoneyError) -> Money {
        guard minorUnits != .min else { throw .overflow }
        return Money(minorUnits: -minorUnits, currency: currency)
    }

    public func multiplied(by factor: Int64) throws(MoneyError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: product, currency: currency)
    }

    /// The sum of `amounts`, all in `currency` (zero for none).
    public static func sum(_ amounts: some Sequence<Money>, currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// Orders two amounts of one currency: -1, 0 or 1.
    public func compare(to other: Money) throws(MoneyError) -> Int {
        try requireSameCurrency(other)
        return minorUnits == other.minorUnits ? 0 : (minorUnits < other.minorUnits ? -1 : 1)
    }

    public func isLess(than other: Money) throws(MoneyError) -> Bool {
        try compare(to: other) < 0
    }

    /// The smaller of two amounts of one currency.
    public func minimum(_ other: Money) throws(MoneyError) -> Money {
        try compare(to: other) <= 0 ? self : other
    }

    /// The larger of two amounts of one currency.
    public func maximum(_ other: Money) throws(MoneyError) -> Money {
        try compare(to: other) >= 0 ? self : other
    }

    public func requireSameCurrency(_ other: Money) throws(MoneyError) {
        guard other.currency == currency else {
            throw .currencyMismatch(expected: currency.code, found: other.currency.code)
        }
    }
}
