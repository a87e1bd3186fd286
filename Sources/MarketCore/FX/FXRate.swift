import Foundation

/// One stored exchange rate: from `effectiveFrom` on, 1 `base` = `rate` `quote` (USD/EUR 0.9: 1 USD buys
/// 0.90 EUR). Rates are never edited; a newer rate for the same pair supersedes from its own date, and the
/// history stays so that any past instant can be answered.
public struct FXRate: Sendable, Hashable, Identifiable {
    public let id: String
    public let base: Currency
    public let quote: Currency
    public let rate: ExactDecimal
    public let effectiveFrom: Date
    /// Where the rate came from ("operator", a feed name, a user id) for the audit trail.
    public let source: String

    public init(id: String, base: Currency, quote: Currency, rate: ExactDecimal, effectiveFrom: Date,
                source: String = "") throws(FXRateError) {
        guard base != quote else { throw .sameCurrency }
        guard rate.isPositive else { throw .nonPositiveRate }
        self.id = id
        self.base = base
        self.quote = quote
        self.rate = rate
        self.effectiveFrom = effectiveFrom
        self.source = source
    }
}
