/// The record of a currency exchange inside a journal entry: `from` left through the source currency's
/// FX clearing account and `to` arrived through the target's, at `rate` (1 unit of `from` = `rate` units
/// of `to`). When several items were converted one by one and rounded each (settlement lines), `from`
/// and `to` are their sums and `itemCount` says how many — `to` then equals the sum of the rounded
/// conversions, which may differ by rounding from converting the sum.
public struct FXConversion: Sendable, Hashable {
    public let from: Money
    public let to: Money
    public let rate: ExactDecimal
    public let itemCount: Int

    public init(from: Money, to: Money, rate: ExactDecimal, itemCount: Int = 1) {
        self.from = from
        self.to = to
        self.rate = rate
        self.itemCount = itemCount
    }
}
