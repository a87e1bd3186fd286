/// The answer to "how many `to` for one `from`?": the rate used and how it was obtained, so every conversion
/// can report (and an order can lock) exactly the rate it applied.
public struct FXQuote: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable {
        /// Same currency: rate 1, no stored rate.
        case identity
        /// A stored `from/to` rate as is.
        case direct
        /// A stored `to/from` rate, inverted.
        case inverse
        /// Through the base currency: `from → base` and `base → to`, each direct or inverse.
        case cross
    }

    public let from: Currency
    public let to: Currency
    /// 1 `from` = `rate` `to`. Derived rates (inverse, cross) carry `FXRateTable.derivedRateScale` decimals.
    public let rate: ExactDecimal
    public let method: Method
    /// The stored rates used, in order (`from → base` first for a cross rate); empty for identity.
    public let rateIDs: [String]
    /// The currency a cross rate went through; nil otherwise.
    public let via: Currency?

    public init(from: Currency, to: Currency, rate: ExactDecimal, method: Method, rateIDs: [String],
                via: Currency? = nil) {
        self.from = from
        self.to = to
        self.rate = rate
        self.method = method
        self.rateIDs = rateIDs
        self.via = via
    }

    /// Converts `money` (which must be in `from`) at this quote's rate, half-to-even to `to`'s minor unit.
    public func convert(_ money: Money) throws(MoneyError) -> Money {
        guard money.currency == from else {
            throw .currencyMismatch(expected: from.code, found: money.currency.code)
        }
        if method == .identity { return money }
        return try money.converted(to: to, rate: rate)
    }
}
