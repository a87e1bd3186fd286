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
    public var terms: Terms
    /// The entry's own quantity tiers (unit prices), ascending; empty for none.
    public var tiers: [PriceTier]

    public init(priceListID: String, productID: String, currency: Currency, terms: Terms, tiers: [PriceTier] = []) {
        self.priceListID = priceListID
        self.productID = productID
        self.currency = currency
        self.terms = terms
        self.tiers = tiers
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
        case .discountPercent(let percent):
            if tiers.isEmpty { return Self.discounted(product.listPrice(quantity: quantity), percent: percent) }
            guard let base = Self.discounted(product.unitPrice, percent: percent) else { return nil }
            return TierPricing.unitPrice(base: base, tiers: tiers, quantity: quantity)
        }
    }

    /// `price × (100 − percent) / 100` to six decimals, half-to-even.
    static func discounted(_ price: ExactDecimal, percent: ExactDecimal) -> ExactDecimal? {
        guard percent.isPositive, percent < .hundred,
            let remaining = try? ExactDecimal.hundred.subtracting(percent),
            let product = try? price.multiplied(by: remaining),
            let result = try? product.divided(by: .hundred, scale: UnitPrice.maxFractionDigits)
        else { return nil }
        return result.normalized()
    }
}
