/// Everything needed to place one checkout: the buyer's cart (`POST /v1/buyer/orders`), an RFQ award,
/// a requisition list or a reorder all become one of these and go through `Checkout.place`.
public struct CheckoutRequest: Sendable {
    public var buyerID: String
    /// The user placing it: recorded on every order, and the one user who may not approve them.
    public var placedBy: String
    /// The currency every order of the checkout is priced in.
    public var currency: Currency
    public var lines: [CheckoutLine]
    public var shippingAddress: ShippingAddress
    public var paymentTerms: PaymentTerms
    public var poNumber: String?
    public var source: CheckoutSource
    /// A shipping charge per supplier id (RFQ quotes carry one), in any currency: converted into
    /// `currency` like prices and added to that supplier's order total. Not commissioned.
    public var shipping: [String: Money]

    public init(buyerID: String, placedBy: String, currency: Currency, lines: [CheckoutLine],
                shippingAddress: ShippingAddress, paymentTerms: PaymentTerms = .prepaid, poNumber: String? = nil,
                source: CheckoutSource = .cart, shipping: [String: Money] = [:]) {
        self.buyerID = buyerID
        self.placedBy = placedBy
        self.currency = currency
        self.lines = lines
        self.shippingAddress = shippingAddress
        self.paymentTerms = paymentTerms
        self.poNumber = poNumber
        self.source = source
        self.shipping = shipping
    }
}

/// One requested line: a listing at its tier price, or an item at a price a supplier quoted.
public struct CheckoutLine: Sendable {
    public enum Item: Sendable {
        /// A catalog listing: must be active, of an active supplier, visible to the buyer; tier price by
        /// quantity; at least its minimum order quantity; stock reserved.
        case listing(productID: String)
        /// A quoted price (RFQ award): the supplier's price in its currency; stock is reserved only when a
        /// listing is named (which must belong to that supplier). No minimum order quantity applies.
        case quoted(QuotedItem)
    }

    public var item: Item
    public var quantity: Int64
    /// The JSON path errors about this line name, such as `lines[2]` (then `lines[2].quantity`).
    public var field: String

    public init(item: Item, quantity: Int64, field: String) {
        self.item = item
        self.quantity = quantity
        self.field = field
    }

    public static func listing(_ productID: String, quantity: Int64, field: String) -> CheckoutLine {
        CheckoutLine(item: .listing(productID: productID), quantity: quantity, field: field)
    }
}

/// An item priced by a supplier's quote rather than by a listing.
public struct QuotedItem: Sendable {
    public var sellerID: String
    /// The quoted unit price in the quote's currency.
    public var unitPrice: UnitPrice
    public var productID: String?
    public var title: String
    public var categoryID: String?
    public var unit: String
    public var leadTimeDays: Int
    /// The RFQ item this line fulfils, kept on the order line.
    public var rfqItemID: String?

    public init(sellerID: String, unitPrice: UnitPrice, productID: String? = nil, title: String,
                categoryID: String? = nil, unit: String = "piece", leadTimeDays: Int = 0, rfqItemID: String? = nil) {
        self.sellerID = sellerID
        self.unitPrice = unitPrice
        self.productID = productID
        self.title = title
        self.categoryID = categoryID
        self.unit = unit
        self.leadTimeDays = leadTimeDays
        self.rfqItemID = rfqItemID
    }
}

/// What started a checkout, stored on it (`checkouts.source`, `source_id`).
public struct CheckoutSource: Sendable, Hashable {
    public var kind: String
    public var id: String?

    public init(kind: String, id: String? = nil) {
        self.kind = kind
        self.id = id
    }

    public static let cart = CheckoutSource(kind: "cart")
    public static func rfqAward(_ rfqID: String) -> CheckoutSource { CheckoutSource(kind: "rfq_award", id: rfqID) }
    public static func requisitionList(_ listID: String) -> CheckoutSource { CheckoutSource(kind: "list", id: listID) }
    public static func reorder(_ orderID: String) -> CheckoutSource { CheckoutSource(kind: "reorder", id: orderID) }
    public static func recurring(_ scheduleID: String) -> CheckoutSource { CheckoutSource(kind: "recurring", id: scheduleID) }
}
