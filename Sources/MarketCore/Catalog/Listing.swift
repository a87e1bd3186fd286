import Web

/// A supplier's listing: one row of `products`, as the catalog reads and writes it.
public struct Listing: Sendable, Equatable {
    public var id: String
    public var sellerID: String
    public var sku: String
    public var title: LocalizedPair
    public var description: LocalizedPair
    public var categoryID: String?
    public var unit: String
    public var currency: Currency
    /// Per unit in `currency`, up to six decimals.
    public var unitPrice: ExactDecimal
    public var priceTiers: [PriceTier]
    public var minOrderQuantity: Int64
    public var stock: Int64
    public var leadTimeDays: Int64
    public var attributes: JSONObject
    public var status: ListingStatus
    /// Buyer organizations allowed to see the listing; nil means everyone.
    public var visibleTo: [String]?
    public var version: Int64
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: String, sellerID: String, sku: String, title: LocalizedPair, description: LocalizedPair = LocalizedPair(),
        categoryID: String?, unit: String = Listing.defaultUnit, currency: Currency, unitPrice: ExactDecimal,
        priceTiers: [PriceTier] = [], minOrderQuantity: Int64 = 1, stock: Int64 = 0, leadTimeDays: Int64 = 0,
        attributes: JSONObject = JSONObject(), status: ListingStatus = .active, visibleTo: [String]? = nil,
        version: Int64 = 1, createdAt: String, updatedAt: String
    ) {
        self.id = id
        self.sellerID = sellerID
        self.sku = sku
        self.title = title
        self.description = description
        self.categoryID = categoryID
        self.unit = unit
        self.currency = currency
        self.unitPrice = unitPrice
        self.priceTiers = priceTiers
        self.minOrderQuantity = minOrderQuantity
        self.stock = stock
        self.leadTimeDays = leadTimeDays
        self.attributes = attributes
        self.status = status
        self.visibleTo = visibleTo
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static let defaultUnit = "piece"
    public static let idPrefix = "prd"

    /// The ETag value for this version (sent quoted: `"v3"`).
    public var etag: String { "v\(version)" }

    /// The unit price in the API's text form: at least the currency's minor-unit digits (`"9.00"` USD,
    /// `"1500"` KRW, `"0.125"` USD).
    public var unitPriceText: String { Self.priceText(unitPrice, currency) }

    /// `unitPrice` in millionths, for range filters and sorting in SQL.
    public var unitPriceMicros: Int64 { Self.micros(unitPrice) }

    static func priceText(_ price: ExactDecimal, _ currency: Currency) -> String {
        (try? UnitPrice(amount: price, currency: currency))?.amountString ?? price.description
    }

    /// Validation caps prices at `ListingRules.maxUnitPrice` (10^12), so millionths fit an Int64.
    static func micros(_ price: ExactDecimal) -> Int64 {
        guard let scaled = try? price.rounded(toScale: 6), let value = Int64(exactly: scaled.mantissa) else { return 0 }
        return value
    }

    /// Whether the texts search reads differ (so the FTS row must be rewritten).
    func hasSameSearchText(as other: Listing) -> Bool {
        title == other.title && description == other.description && sku == other.sku && attributes == other.attributes
    }
}
