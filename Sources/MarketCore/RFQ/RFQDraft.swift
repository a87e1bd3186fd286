import Foundation

/// A buyer's request for quotation after its shape was validated (types, lengths, ranges), before the
/// checks that need the database (listings, categories, invited suppliers: `RFQCreation.problems`).
public struct RFQDraft: Sendable {
    public struct Item: Sendable {
        public var productID: String?
        public var description: String?
        /// Nil only when a listing is named: its category is used.
        public var categoryID: String?
        public var quantity: Int64
        /// Nil only when a listing is named: its unit is used.
        public var unit: String?
        /// In the RFQ currency.
        public var targetUnitPrice: ExactDecimal?

        public init(productID: String?, description: String?, categoryID: String?, quantity: Int64, unit: String?,
                    targetUnitPrice: ExactDecimal?) {
            self.productID = productID
            self.description = description
            self.categoryID = categoryID
            self.quantity = quantity
            self.unit = unit
            self.targetUnitPrice = targetUnitPrice
        }
    }

    public var title: String
    public var currency: Currency
    public var respondBy: Date
    public var deliveryCountry: String
    /// Where the awarded orders go, if already known (its country is `deliveryCountry`).
    public var shippingAddress: ShippingAddress?
    public var items: [Item]
    /// Duplicates removed, first occurrence kept (indexes in errors refer to the request's list).
    public var invitedSellerIDs: [String]
    public var broadcast: Bool
    public var sealed: Bool

    public init(title: String, currency: Currency, respondBy: Date, deliveryCountry: String,
                shippingAddress: ShippingAddress? = nil, items: [Item],
                invitedSellerIDs: [String], broadcast: Bool, sealed: Bool) {
        self.title = title
        self.currency = currency
        self.respondBy = respondBy
        self.deliveryCountry = deliveryCountry
        self.shippingAddress = shippingAddress
        self.items = items
        self.invitedSellerIDs = invitedSellerIDs
        self.broadcast = broadcast
        self.sealed = sealed
    }
}
