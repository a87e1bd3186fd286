import Foundation

/// A commission rule: `percent` of each line, clamped to `[minFee, maxFee]` per line when set, plus `fixedFee`
/// once per order. Rules are never edited in place: a new rule supersedes an old one from its
/// `effectiveFrom`, and an order keeps the rule that was in force when it was placed.
public struct FeeRule: Sendable, Hashable, Identifiable {
    public let id: String
    public let scope: FeeScope
    /// Required for `category` and `sellerCategory`.
    public let categoryID: String?
    /// Required for `seller` and `sellerCategory`.
    public let sellerID: String?
    /// Percent of the line total, `0...100` (`8.5` means 8.5 %).
    public let percent: ExactDecimal
    public let fixedFee: Money?
    public let minFee: Money?
    public let maxFee: Money?
    public let effectiveFrom: Date
    /// Breaks ties between rules of equal specificity and equal `effectiveFrom`: the later one wins.
    public let createdAt: Date

    public init(id: String, scope: FeeScope, categoryID: String? = nil, sellerID: String? = nil,
                percent: ExactDecimal, fixedFee: Money? = nil, minFee: Money? = nil, maxFee: Money? = nil,
                effectiveFrom: Date, createdAt: Date) {
        self.id = id
        self.scope = scope
        self.categoryID = categoryID
        self.sellerID = sellerID
        self.percent = percent
        self.fixedFee = fixedFee
        self.minFee = minFee
        self.maxFee = maxFee
        self.effectiveFrom = effectiveFrom
        self.createdAt = createdAt
    }

    /// A copy with other fee amounts (same identity and dates); used to express the fees in a line's currency.
    public func withFees(fixedFee: Money?, minFee: Money?, maxFee: Money?) -> FeeRule {
        FeeRule(id: id, scope: scope, categoryID: categoryID, sellerID: sellerID, percent: percent,
                fixedFee: fixedFee, minFee: minFee, maxFee: maxFee, effectiveFrom: effectiveFrom,
                createdAt: createdAt)
    }
}
