import Web

/// Component schemas of orders, shared by the buyer and seller documentation.
public enum OrderDocs {
    public static func registerComponents() {
        MarketDocs.addComponent("ShippingAddress", shippingAddress)
        MarketDocs.addComponent("OrderSummary", summary)
        MarketDocs.addComponent("Order", order)
        MarketDocs.addComponent("OrderReturn", orderReturn)
    }

    static let unitPrice = Schema.object([("amount", Schema.string(pattern: "^[0-9]+(\\.[0-9]{1,6})?$")), ("currency", Schema.string())])
    static let fx = Schema.object(
        [("from", Schema.string()), ("to", Schema.string()), ("rate", Schema.decimal),
         ("method", Schema.string(enum: ["identity", "direct", "inverse", "cross"])), ("rate_ids", Schema.array(Schema.string())),
         ("via", Schema.nullable(Schema.string()))])

    static let shippingAddress = Schema.object(
        [("recipient", Schema.string(maxLength: 200)), ("company", Schema.string(maxLength: 200)), ("line1", Schema.string(maxLength: 200)),
         ("line2", Schema.string(maxLength: 200)), ("city", Schema.string(maxLength: 100)), ("region", Schema.string(maxLength: 100)),
         ("postal_code", Schema.string(maxLength: 20)), ("country", Schema.string(pattern: "^[A-Z]{2}$")), ("phone", Schema.string(maxLength: 40))],
        required: ["recipient", "line1", "city", "country"], additional: false)

    static let summaryProperties: [(String, JSON)] = [
        ("id", Schema.string()), ("checkout_id", Schema.string()), ("status", Schema.string(enum: OrderStatus.allCases.map(\.rawValue))),
        ("payment_status", Schema.string(enum: ["unpaid", "partially_paid", "paid", "refunded"])),
        ("payment_terms", Schema.string(enum: PaymentTerms.allCases.map(\.rawValue))), ("currency", Schema.string()),
        ("total", Schema.ref("Money")),
        // Payments (issue 14): paid = received − refunded to the buyer; amount_due = total − returns − paid (0 once cancelled).
        ("paid", Schema.ref("Money")), ("amount_due", Schema.ref("Money")),
        ("buyer", Schema.object([("id", Schema.string()), ("name", Schema.string())])),
        ("seller", Schema.object([("id", Schema.string()), ("name", Schema.string())])),
        ("po_number", Schema.nullable(Schema.string())), ("lead_time_days", Schema.integer(minimum: 0)),
        ("allowed_actions", Schema.array(Schema.string(enum: OrderAction.allCases.map(\.rawValue)))),
        ("created_at", Schema.dateTime), ("placed_at", Schema.nullable(Schema.dateTime)), ("updated_at", Schema.dateTime),
    ]

    static let summary = Schema.object(summaryProperties, required: ["id", "status", "payment_status", "total"])

    static let line = Schema.object(
        [("id", Schema.string()), ("product_id", Schema.nullable(Schema.string())), ("rfq_item_id", Schema.nullable(Schema.string())),
         ("sku", Schema.nullable(Schema.string())), ("title", Schema.object([("en", Schema.string()), ("ko", Schema.string())])),
         ("unit", Schema.string()), ("quantity", Schema.integer(minimum: 1)), ("unit_price", unitPrice), ("line_total", Schema.ref("Money")),
         ("source_unit_price", unitPrice), ("fx", fx), ("returned_quantity", Schema.integer(minimum: 0)), ("refunded", Schema.ref("Money")),
         ("commission", Schema.object([("rule_id", Schema.nullable(Schema.string())), ("percent", Schema.decimal),
                                       ("amount", Schema.ref("Money")), ("reversed", Schema.ref("Money"))]))])

    static let order = Schema.object(
        summaryProperties + [
            ("shipping_address", Schema.ref("ShippingAddress")), ("lines", Schema.array(line)),
            ("subtotal", Schema.ref("Money")), ("shipping", Schema.ref("Money")), ("refunded", Schema.ref("Money")),
            ("fx", Schema.array(fx)),
            ("payment_refunds", Schema.array(Schema.object(
                [("id", Schema.string()), ("cause", Schema.string(enum: ["return", "cancellation"])),
                 ("return_id", Schema.nullable(Schema.string())), ("amount", Schema.ref("Money")), ("method", Schema.string()),
                 ("created_at", Schema.dateTime)]))),
            ("commission", Schema.object([("total", Schema.ref("Money")), ("fixed_fee", Schema.ref("Money")), ("reversed", Schema.ref("Money"))])),
            ("approval", Schema.nullable(Schema.object([("required_role", Schema.string()), ("approved_by", Schema.nullable(Schema.string()))]))),
            ("tracking_token", Schema.string()), ("tracking_url", Schema.string()),
            ("status_history", Schema.array(Schema.object(
                [("from", Schema.nullable(Schema.string())), ("to", Schema.string()), ("action", Schema.string()),
                 ("actor", Schema.object([("party", Schema.string()), ("user_id", Schema.nullable(Schema.string()))])),
                 ("note", Schema.nullable(Schema.string())), ("at", Schema.dateTime)]))),
            ("shipment", Schema.nullable(Schema.object(
                [("carrier", Schema.string()), ("tracking_number", Schema.string()), ("shipped_at", Schema.dateTime),
                 ("delivered_at", Schema.nullable(Schema.dateTime)), ("events", Schema.array(Schema.anyObject))]))),
            ("returns", Schema.array(Schema.ref("OrderReturn"))),
            ("invoice", Schema.nullable(Schema.object(
                [("id", Schema.string()), ("number", Schema.string()), ("amount", Schema.ref("Money")), ("amount_due", Schema.ref("Money")),
                 ("status", Schema.string()), ("issued_at", Schema.dateTime), ("due_at", Schema.dateTime)]))),
        ],
        required: ["id", "status", "payment_status", "lines", "total", "tracking_token"])

    static let orderReturn = Schema.object(
        [("id", Schema.string()), ("order_id", Schema.string()), ("order_status", Schema.string()), ("reason", Schema.string()),
         ("refund", Schema.ref("Money")), ("commission_reversed", Schema.ref("Money")), ("restocked", Schema.boolean),
         ("lines", Schema.array(Schema.object([("line_id", Schema.string()), ("quantity", Schema.integer(minimum: 1)),
                                               ("refund", Schema.ref("Money")), ("commission_reversed", Schema.ref("Money"))]))),
         ("created_at", Schema.dateTime)])
}
