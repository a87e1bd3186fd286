import Foundation

/// A supplier's contract prices for chosen buyer organizations over a period (API.md, Seller:
/// price-lists). Entries name the supplier's own listings; prices are in each listing's currency.
public struct PriceList: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var productID: String
        /// Filled when read back (the listing's SKU, for people reading the list).
        public var sku: String?
        public var currency: Currency
        public var terms: ContractEntry.Terms
        public var tiers: [PriceTier]

        public init(productID: String, sku: String? = nil, currency: Currency, terms: ContractEntry.Terms, tiers: [PriceTier] = []) {
            self.productID = productID
            self.sku = sku
            self.currency = currency
            self.terms = terms
            self.tiers = tiers
        }
    }

    public var id: String
    public var sellerID: String
    public var name: String
    public var buyerIDs: [String]
    /// `Timestamp.format` text, like the columns (fixed width, so text order is time order).
    public var validFrom: String
    /// Exclusive; nil for open-ended.
    public var validTo: String?
    public var entries: [Entry]
    public var version: Int64
    public var createdBy: String
    public var createdAt: String
    public var updatedAt: String

    public var etag: String { "v\(version)" }

    /// Whether the list prices anything at `instant`.
    public func isValid(at instant: Date) -> Bool {
        let now = Timestamp.format(instant)
        return validFrom <= now && (validTo.map { now < $0 } ?? true)
    }
}
