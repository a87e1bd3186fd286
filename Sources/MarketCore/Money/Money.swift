/// An amount of money: an integer count of the currency's minor units (cents, won, fils) and the currency.
///
/// Every stored and computed amount is a `Money`; there is no fractional minor unit. `Int64` holds
/// ±9.2 × 10^18 minor units: 92 trillion USD, or 9.2 quintillion KRW, far beyond any B2B order or settlement,
/// and every operation reports overflow instead of trapping.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    public var isZero: Bool { minorUnits == 0 }
    public var isNegative: Bool { minorUnits < 0 }
    public var isPositive: Bool { minorUnits > 0 }

    /// The amount in major units as an exact decimal with the currency's scale (`12.34` for 1234 cents).
    public var amount: ExactDecimal {
        ExactDecimal(unchecked: Int128(minorUnits), scale: currency.minorUnits)
    }

    /// The API's amount string, with exactly the currency's minor-unit digits:
    /// `"1000.00"` USD, `"1000"` KRW, `"1.000"` KWD, `"-5.00"` for a negative USD amount.
    public var amountString: String { amount.description }

    /// `"1000.00 USD"`, for logs and messages.
    public var description: String { "\(amountString) \(currency.code)" }
}
