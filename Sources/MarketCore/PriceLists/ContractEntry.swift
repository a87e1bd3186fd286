/// One listing's terms on one price list, as pricing applies them.
public struct ContractEntry: Sendable, Equatable {
    public enum Terms: Sendable, Equatable {
        /// A fixed unit price in the listing's currency.
        case unitPrice(ExactDecimal)
        /// A percent off the listing's price (0 < percent < 100).
        case discountPercent(ExactDecimal)
    }

    public var priceListID: String
    public var productID: String
    /// The listing's currency when the entry was written; the entry applies only while it still is.
    public var currency: Currency
    public let terms: Terms
    /// The entry's own quantity tiers (unit prices), ascending; empty for none.
    public var tiers: [PriceTier]
    /// For a discount, `(100 − percent) / 100`, exact (a percent has at most four decimals, so six
    /// suffice); computed once, since search prices every hit of a page with it.
    private let remainingFraction: ExactDecimal?

    public init(priceListID: String, productID: String, currency: Currency, terms: Terms, tiers: [PriceTier] = []) {
        self.priceListID = priceListID
        self.productID = productID
        self.currency = currency
        self.terms = terms
        self.tiers = tiers
        if case .discountPercent(let percent) = terms, percent.isPositive, percent < .hundred,
            let remaining = try? ExactDecimal.hundred.subtracting(percent),
            let fraction = try? remaining.divided(by: .hundred, scale: PriceListRules.maxPercentDecimals + 2)
        {
            remainingFraction = fraction
        } else {
            remainingFraction = nil
        }
    }

    /// The entry's unit price for `quantity` of `product`, or nil when it cannot apply (another listing, a
    /// currency that has changed since, a discount out of range).
    ///
    /// - own tiers given: the highest tier not above the quantity, else the entry's base — the fixed
    ///   price, or the discount applied to the listing's base price;
    /// - no tiers, fixed price: that price at every quantity;
    /// - no tiers, discount: the discount applied to the listing's tier price for the quantity, so the
    ///   listing's volume breaks carry through.
    /// Discounted prices keep six decimals (half-to-even), like every unit price; line totals round later.
    public func unitPrice(for product: PricedProduct, quantity: Int64) -> ExactDecimal? {
        guard product.id == productID, product.currency == currency else { return nil }
        switch terms {
        case .unitPrice(let fixed):
            return tiers.isEmpty ? fixed : TierPricing.unitPrice(base: fixed, tiers: tiers, quantity: quantity)
        case .discountPercent:
            if tiers.isEmpty { return discounted(product.listPrice(quantity: quantity)) }
            guard let base = discounted(product.unitPrice) else { return nil }
            return TierPricing.unitPrice(base: base, tiers: tiers, quantity: quantity)
        }
    }

    /// `price × (100 − percent) / 100`, rounded once to six decimals, half-to-even.
    private func discounted(_ price: ExactDecimal) -> ExactDecimal? {
        guard let remainingFraction,
            let result = try? price.multiplied(by: remainingFraction, scale: UnitPrice.maxFractionDigits)
        else { return nil }
        return result.normalized()
    }
}
