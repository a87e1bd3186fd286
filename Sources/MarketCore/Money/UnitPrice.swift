/// A price per unit: up to six decimals whatever the currency (API: "unit prices may carry up to 6
/// decimals"), never negative. Only line totals become `Money`, rounded half-to-even at the line.
public struct UnitPrice: Sendable, Hashable, CustomStringConvertible {
    public static let maxFractionDigits = 6

    public let amount: ExactDecimal
    public let currency: Currency

    public init(amount: ExactDecimal, currency: Currency) throws(MoneyError) {
        guard !amount.isNegative else { throw .negativeNotAllowed }
        guard amount.significantScale <= Self.maxFractionDigits else {
            throw .tooManyFractionDigits(currency: currency.code, found: amount.significantScale,
                                         allowed: Self.maxFractionDigits)
        }
        self.amount = amount.scale > Self.maxFractionDigits ? amount.normalized() : amount
        self.currency = currency
    }

    public static func parse(amount: String, currency code: String) throws(MoneyError) -> UnitPrice {
        guard let currency = Currency(code: code) else { throw .unknownCurrency(code) }
        return try parse(amount: amount, currency: currency)
    }

    public static func parse(amount: String, currency: Currency) throws(MoneyError) -> UnitPrice {
        let value: ExactDecimal
        do {
            value = try ExactDecimal.parse(amount, maxScale: maxFractionDigits)
        } catch .tooManyFractionDigits(let found, let allowed) {
            throw .tooManyFractionDigits(currency: currency.code, found: found, allowed: allowed)
        } catch {
            throw .invalidAmount(error)
        }
        return try UnitPrice(amount: value, currency: currency)
    }

    /// At least the currency's minor-unit digits, more only where the price has them:
    /// `"9.00"` EUR, `"0.125"` USD, `"1500"` KRW, `"12.5"` KRW.
    public var amountString: String {
        let trimmed = amount.normalized()
        let digits = max(trimmed.scale, currency.minorUnits)
        return ((try? trimmed.rounded(toScale: digits)) ?? amount).description
    }

    public var description: String { "\(amountString) \(currency.code)" }

    /// `round_half_even(unit price × quantity)` to the minor unit.
    public func lineTotal(quantity: Int64) throws(MoneyError) -> Money {
        try Money.lineTotal(unitPrice: amount, quantity: quantity, currency: currency)
    }
}
