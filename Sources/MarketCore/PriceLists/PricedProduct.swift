/// What pricing needs of a listing: its id, currency, base price and quantity tiers. Built from a
/// `Listing` (catalog) or straight from a `products` row (checkout), so both price the same way.
public struct PricedProduct: Sendable, Equatable {
    public var id: String
    public var currency: Currency
    /// The listing's base unit price in `currency`.
    public var unitPrice: ExactDecimal
    public var priceTiers: [PriceTier]

    public init(id: String, currency: Currency, unitPrice: ExactDecimal, priceTiers: [PriceTier]) {
        self.id = id
        self.currency = currency
        self.unitPrice = unitPrice
        self.priceTiers = priceTiers
    }

    public init(_ listing: Listing) {
        self.init(id: listing.id, currency: listing.currency, unitPrice: listing.unitPrice, priceTiers: listing.priceTiers)
    }

    /// The public (list) price for `quantity`: the listing's tier.
    public func listPrice(quantity: Int64) -> ExactDecimal {
        TierPricing.unitPrice(base: unitPrice, tiers: priceTiers, quantity: quantity)
    }
}
