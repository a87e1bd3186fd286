import Store
import Web

// MARK: - Reading and writing `products` rows

extension Listing {
    /// The `products` columns `init(row:)` reads, for `SELECT \(Listing.columns) FROM products p`.
    public static let columns = """
        p.id, p.seller_id, p.sku, p.title_en, p.title_ko, p.description_en, p.description_ko, p.category_id, p.unit, \
        p.currency, p.unit_price, p.price_tiers, p.min_order_quantity, p.stock, p.lead_time_days, p.attributes, p.status, \
        p.visible_to, p.version, p.created_at, p.updated_at
        """

    /// A listing from a row selected with `Listing.columns`; nil for a row the catalog could not have
    /// written (unknown currency or status, unreadable price), which callers treat as absent.
    public init?(row: Row) {
        guard let id = row.string("id"), let sellerID = row.string("seller_id"), let sku = row.string("sku"),
            let currency = row.string("currency").flatMap(Currency.init(code:)),
            let price = row.string("unit_price").flatMap({ try? ExactDecimal.parse($0, maxScale: 6) }),
            let status = row.string("status").flatMap(ListingStatus.init(rawValue:))
        else { return nil }
        let attributes = row.string("attributes").flatMap { try? JSONParser.parse($0) }?.objectValue ?? JSONObject()
        let visibleTo = row.string("visible_to").flatMap { try? JSONParser.parse($0) }?.arrayValue?.compactMap(\.stringValue)
        self.init(
            id: id, sellerID: sellerID, sku: sku,
            title: LocalizedPair(en: row.string("title_en"), ko: row.string("title_ko")),
            description: LocalizedPair(en: row.string("description_en"), ko: row.string("description_ko")),
            categoryID: row.string("category_id"), unit: row.string("unit") ?? Listing.defaultUnit, currency: currency,
            unitPrice: price, priceTiers: PriceTier.decodeList(row.string("price_tiers")),
            minOrderQuantity: row.int64("min_order_quantity") ?? 1, stock: row.int64("stock") ?? 0,
            leadTimeDays: row.int64("lead_time_days") ?? 0, attributes: attributes, status: status, visibleTo: visibleTo,
            version: row.int64("version") ?? 1, createdAt: row.string("created_at") ?? "",
            updatedAt: row.string("updated_at") ?? "")
    }

    /// Tier prices written like the unit price (at least the currency's minor-unit digits).
    var priceTiersText: String {
        guard !priceTiers.isEmpty else { return "[]" }
        let tiers = priceTiers.sorted { $0.minQuantity < $1.minQuantity }.map { tier -> JSON in
            ["min_quantity": .int(tier.minQuantity), "unit_price": .string(Self.priceText(tier.unitPrice, currency))]
        }
        return JSONSerializer.string(.array(tiers))
    }

    var visibleToText: String? {
        visibleTo.map { JSONSerializer.string(.array($0.map(JSON.string))) }
    }

    /// Values for the `products` columns in `ListingStore.insertSQL` order.
    var rowValues: [SQLValue] {
        [
            .text(id), .text(sellerID), .text(sku), title.en.map(SQLValue.text) ?? .null,
            title.ko.map(SQLValue.text) ?? .null, description.en.map(SQLValue.text) ?? .null,
            description.ko.map(SQLValue.text) ?? .null, categoryID.map(SQLValue.text) ?? .null, .text(unit),
            .text(currency.code), .text(unitPriceText), .integer(unitPriceMicros), .text(priceTiersText),
            .integer(minOrderQuantity), .integer(stock), .integer(leadTimeDays),
            .text(JSONSerializer.string(.object(attributes))), .text(status.rawValue),
            visibleToText.map(SQLValue.text) ?? .null, .integer(version), .text(createdAt), .text(updatedAt),
        ]
    }
}
