import Web

/// OpenAPI component schemas of the RFQ area, shared by the buyer and seller routes.
public enum RFQDocs {
    public static func registerComponents() {
        MarketDocs.addComponent("RFQItem", item)
        MarketDocs.addComponent("RFQ", buyerRFQ)
        MarketDocs.addComponent("SupplierRFQ", supplierRFQ)
        MarketDocs.addComponent("Quote", quote)
        MarketDocs.addComponent("QuoteEstimate", estimate)
        MarketDocs.addComponent("ComparedQuote", comparedQuote)
        MarketDocs.addComponent("FXConversion", fx)
    }

    public static let status = Schema.string(enum: RFQStatus.allCases.map(\.rawValue))

    public static let item: JSON = Schema.object(
        [
            ("id", Schema.string()), ("position", Schema.integer(minimum: 0)), ("product_id", Schema.nullable(Schema.string())),
            ("description", Schema.nullable(Schema.string())), ("category_id", Schema.string()),
            ("quantity", Schema.integer(minimum: 1)), ("unit", Schema.string()),
            ("target_unit_price", Schema.nullable(Schema.decimal)),
        ], required: ["id", "category_id", "quantity", "unit"])

    public static let buyerRFQ: JSON = Schema.object(
        [
            ("id", Schema.string()), ("title", Schema.string()), ("status", status), ("currency", Schema.string()),
            ("respond_by", Schema.dateTime), ("delivery_country", Schema.string()), ("sealed", Schema.boolean),
            ("created_at", Schema.dateTime), ("shipping_address", Schema.nullable(Schema.anyObject)), ("broadcast", Schema.boolean),
            ("recipients", Schema.integer(minimum: 0)), ("invited_seller_ids", Schema.array(Schema.string())),
            ("quote_count", Schema.integer(minimum: 0)), ("decline_count", Schema.integer(minimum: 0)),
            ("items", Schema.array(Schema.ref("RFQItem"))), ("item_count", Schema.integer(minimum: 0)),
            ("sealed_until", Schema.nullable(Schema.dateTime)), ("created_by", Schema.string()),
            ("checkout_id", Schema.nullable(Schema.string())), ("awarded_at", Schema.nullable(Schema.dateTime)),
            ("awards", Schema.array(award)), ("cancelled_at", Schema.nullable(Schema.dateTime)),
            ("cancel_reason", Schema.nullable(Schema.string())), ("updated_at", Schema.dateTime),
        ], required: ["id", "title", "status", "currency", "respond_by", "recipients"])

    public static let award: JSON = Schema.object(
        [("item_id", Schema.string()), ("quote_id", Schema.string()), ("supplier_id", Schema.string()),
         ("order_id", Schema.string())])

    public static let supplierRFQ: JSON = Schema.object(
        [
            ("id", Schema.string()), ("title", Schema.string()), ("status", status), ("currency", Schema.string()),
            ("respond_by", Schema.dateTime), ("delivery_country", Schema.string()), ("sealed", Schema.boolean),
            ("created_at", Schema.dateTime),
            ("buyer", Schema.object([("id", Schema.string()), ("name", Schema.string()), ("country", Schema.string())])),
            ("items", Schema.array(Schema.ref("RFQItem"))), ("item_count", Schema.integer(minimum: 0)),
            ("invited_at", Schema.dateTime), ("invited_directly", Schema.boolean),
            ("response", Schema.string(enum: ["pending", "quoted", "declined"])),
            ("responded_at", Schema.nullable(Schema.dateTime)), ("decline_reason", Schema.nullable(Schema.string())),
            ("quote", Schema.nullable(Schema.ref("Quote"))), ("revisions", Schema.integer(minimum: 0)),
            ("awarded_to_you", Schema.array(award)),
        ], required: ["id", "title", "status", "respond_by", "response"])

    public static let quoteLine: JSON = Schema.object(
        [
            ("item_id", Schema.string()), ("unit_price", Schema.decimal), ("quantity", Schema.integer(minimum: 1)),
            ("line_total", Schema.ref("Money")), ("lead_time_days", Schema.integer(minimum: 0)),
        ], required: ["item_id", "unit_price", "quantity", "line_total", "lead_time_days"])

    public static let quoteProperties: [(String, JSON)] = [
        ("id", Schema.string()), ("rfq_id", Schema.string()), ("revision", Schema.integer(minimum: 1)),
        ("supersedes", Schema.nullable(Schema.string())), ("status", Schema.string(enum: ["current", "superseded"])),
        ("currency", Schema.string()), ("lines", Schema.array(quoteLine)), ("subtotal", Schema.ref("Money")),
        ("shipping", Schema.ref("Money")), ("total", Schema.ref("Money")), ("longest_lead_time_days", Schema.integer(minimum: 0)),
        ("valid_until", Schema.dateTime), ("notes", Schema.nullable(Schema.string())), ("submitted_by", Schema.string()),
        ("submitted_at", Schema.dateTime),
    ]

    public static let quote: JSON = Schema.object(quoteProperties, required: ["id", "revision", "currency", "lines", "total"])

    public static let fx: JSON = Schema.object(
        [
            ("from", Schema.string()), ("to", Schema.string()), ("rate", Schema.decimal),
            ("method", Schema.string(enum: ["identity", "direct", "inverse", "cross"])),
            ("rate_ids", Schema.array(Schema.string())), ("via", Schema.nullable(Schema.string())),
        ])

    public static let estimate: JSON = Schema.object(
        [
            ("payout_currency", Schema.string()), ("fx", Schema.nullable(Schema.ref("FXConversion"))),
            ("gross", Schema.nullable(Schema.ref("Money"))), ("commission", Schema.nullable(Schema.ref("Money"))),
            ("fixed_fee", Schema.nullable(Schema.ref("Money"))), ("net_payout", Schema.nullable(Schema.ref("Money"))),
            ("rules", Schema.array(Schema.object([
                ("rule_id", Schema.nullable(Schema.string())), ("scope", Schema.nullable(Schema.string())),
                ("category_id", Schema.nullable(Schema.string())), ("percent", Schema.decimal),
                ("item_ids", Schema.array(Schema.string())), ("commission", Schema.ref("Money")),
            ]))),
            ("unavailable_reason", Schema.nullable(Schema.string())),
        ])

    public static let comparedQuote: JSON = Schema.object(
        quoteProperties + [
            ("quote_id", Schema.string()),
            ("supplier", Schema.object([
                ("id", Schema.string()), ("name", Schema.string()), ("country", Schema.string()),
                ("rating", Schema.nullable(Schema.decimal)), ("review_count", Schema.integer(minimum: 0)),
                ("on_time_delivery_rate", Schema.nullable(Schema.decimal)),
                ("rfq_response_rate", Schema.nullable(Schema.decimal)),
            ])),
            ("fx", Schema.nullable(Schema.ref("FXConversion"))), ("converted_total", Schema.nullable(Schema.ref("Money"))),
            ("items_quoted", Schema.integer(minimum: 1)), ("complete", Schema.boolean),
        ], required: ["quote_id", "supplier", "total", "converted_total", "lines"])
}
