extension Money {
    /// Parses the API's `{"amount": "1234.50", "currency": "USD"}` parts.
    ///
    /// The amount follows `ExactDecimal.parse` (no exponent, spaces, '+', or separators) and may have fewer
    /// decimals than the currency's minor unit (`"1000"` USD is 1000.00) but never more: `"12.345"` USD and
    /// `"1000.0"` KRW are refused rather than rounded, since the client meant something we cannot hold.
    public static func parse(amount: String, currency code: String) throws(MoneyError) -> Money {
        guard let currency = Currency(code: code) else { throw .unknownCurrency(code) }
        return try parse(amount: amount, currency: currency)
    }

    public static func parse(amount: String, currency: Currency) throws(MoneyError) -> Money {
        let value: ExactDecimal
        do {
            value = try ExactDecimal.parse(amount, maxScale: currency.minorUnits)
        } catch .tooManyFractionDigits(let found, let allowed) {
            throw .tooManyFractionDigits(currency: currency.code, found: found, allowed: allowed)
        } catch {
            throw .invalidAmount(error)
        }
        return try Money(exactly: value, currency: currency)
    }

    /// The amount `value` in `currency`, which must be representable without rounding.
    public init(exactly value: ExactDecimal, currency: Currency) throws(MoneyError) {
        guard value.scale <= currency.minorUnits || value.significantScale <= currency.minorUnits else {
            throw .tooManyFractionDigits(currency: currency.code, found: value.significantScale,
                                         allowed: currency.minorUnits)
        }
        guard let minor = value.exactMantissa(atScale: currency.minorUnits),
              let units = Int64(exactly: minor) else { throw .overflow }
        self.init(minorUnits: units, currency: currency)
    }

    /// `value` rounded to the currency's minor unit by `rule` (half-to-even unless told otherwise).
    public init(rounding value: ExactDecimal, currency: Currency, rule: RoundingRule = .halfEven)
        throws(MoneyError) {
        let rounded: ExactDecimal
        do {
            rounded = try value.rounded(toScale: currency.minorUnits, rule: rule)
        } catch {
            throw .overflow
        }
        guard let units = Int64(exactly: rounded.mantissa) else { throw .overflow }
        self.init(minorUnits: units, currency: currency)
    }
}
