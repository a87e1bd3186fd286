/// An ISO 4217 currency: its alphabetic code and its minor-unit exponent (USD 2, JPY 0, KWD 3, CLF 4).
///
/// Only codes in `Currency.iso4217` exist; `Currency(code:)` is the one way in from outside, so an amount can
/// never be paired with a made-up currency or a wrong exponent.
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Three upper-case letters, e.g. `"USD"`.
    public let code: String
    /// The number of digits after the decimal point in one major unit (ISO 4217 "minor unit").
    public let minorUnits: Int

    /// The currency with this exact code (case-sensitive: `"usd"` is not a code); nil if unknown.
    public init?(code: String) {
        guard let exponent = Self.iso4217[code] else { return nil }
        self.init(known: code, minorUnits: exponent)
    }

    private init(known code: String, minorUnits: Int) {
        self.code = code
        self.minorUnits = minorUnits
    }

    public var description: String { code }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    /// Every supported currency, ordered by code.
    public static let all: [Currency] = iso4217.keys.sorted().compactMap { Currency(code: $0) }

    // Frequently named currencies. Values come from the table, so they cannot disagree with it.
    public static let usd = Currency(known: "USD", minorUnits: 2)
    public static let eur = Currency(known: "EUR", minorUnits: 2)
    public static let gbp = Currency(known: "GBP", minorUnits: 2)
    public static let jpy = Currency(known: "JPY", minorUnits: 0)
    public static let krw = Currency(known: "KRW", minorUnits: 0)
    public static let kwd = Currency(known: "KWD", minorUnits: 3)
    public static let clf = Currency(known: "CLF", minorUnits: 4)
}
