/// A line priced in the order currency. Pure: the same inputs always give the same minor units.
public struct LinePrice: Sendable, Hashable {
    /// The price the listing or quote stated (tier applied), in its own currency.
    public let sourceUnitPrice: UnitPrice
    /// Source → order currency, as found at checkout.
    public let fx: FXQuote
    /// The unit price in the order currency, at most 6 decimals.
    public let unitPrice: UnitPrice
    public let quantity: Int64
    /// `round_half_even(unitPrice × quantity)` to the order currency's minor unit.
    public let lineTotal: Money
}

/// How one line gets its price in the order currency (API.md, money): the unit price is converted at the
/// rate in force and rounded half-to-even to 6 decimals (the most a unit price may carry); the line total
/// is that unit price times the quantity, rounded once, half-to-even, to the minor unit. Order totals are
/// sums of these rounded lines.
///
/// Converting the unit price (rather than the line total) keeps `unit_price × quantity = line_total`
/// checkable on every stored line. The 6-decimal unit price limits the drift against converting the
/// total directly to half a millionth of a unit per unit: 100 × 9.00 EUR at 1/0.9 gives 10.000000 USD
/// and 1000.00 USD either way.
public enum LinePricing {
    public static func price(_ source: UnitPrice, quantity: Int64, fx: FXQuote) throws(MoneyError) -> LinePrice {
        guard source.currency == fx.from else {
            throw .currencyMismatch(expected: fx.from.code, found: source.currency.code)
        }
        let converted: ExactDecimal
        if fx.method == .identity {
            converted = source.amount
        } else {
            do {
                converted = try source.amount.multiplied(by: fx.rate, scale: UnitPrice.maxFractionDigits)
            } catch {
                throw .overflow
            }
        }
        let unit = try UnitPrice(amount: converted, currency: fx.to)
        let total = try unit.lineTotal(quantity: quantity)
        return LinePrice(sourceUnitPrice: source, fx: fx, unitPrice: unit, quantity: quantity, lineTotal: total)
    }
}
