import Web

/// OpenAPI component schemas of statements, shared by the operator's and the supplier's routes.
public enum SettlementSchemas {
    static let money = Schema.ref("Money")

    public static let settlement: JSON = Schema.object(
        [
            ("id", Schema.string()), ("run_id", Schema.string()), ("supplier_id", Schema.string()),
            ("supplier_name", Schema.nullable(Schema.string())), ("currency", Schema.string(pattern: "^[A-Z]{3}$")),
            ("period_end", Schema.dateTime), ("status", Schema.string(enum: ["issued", "paid"])),
            ("gross", money), ("commission", money), ("refunds", money), ("commission_reversed", money), ("net", money),
            ("order_count", Schema.integer(minimum: 0)), ("adjustment_count", Schema.integer(minimum: 0)),
            ("line_count", Schema.integer(minimum: 0)), ("journal_entry_id", Schema.nullable(Schema.string())),
            ("created_at", Schema.dateTime), ("paid_at", Schema.nullable(Schema.dateTime)),
            ("payout_reference", Schema.nullable(Schema.string())), ("payout_entry_id", Schema.nullable(Schema.string())),
        ], required: ["id", "supplier_id", "currency", "status", "gross", "commission", "refunds", "net"])

    public static let line: JSON = Schema.object(
        [
            ("position", Schema.integer(minimum: 0)), ("kind", Schema.string(enum: ["order", "adjustment"])),
            ("order_id", Schema.string()), ("return_id", Schema.nullable(Schema.string())), ("occurred_at", Schema.dateTime),
            ("order_currency", Schema.string()), ("rate", Schema.decimal),
            ("rate_method", Schema.string(enum: ["identity", "locked", "at_settlement"])),
            ("order_amounts", Schema.object([("gross", money), ("commission", money), ("refunds", money), ("commission_reversed", money)])),
            ("gross", money), ("commission", money), ("refunds", money), ("commission_reversed", money), ("net", money),
        ], required: ["kind", "order_id", "gross", "commission", "refunds", "commission_reversed", "net"])

    /// A statement with a page of its lines.
    public static let detail: JSON = [
        "allOf": [
            Schema.ref("Settlement"),
            Schema.object([("lines", Schema.array(Schema.ref("SettlementLine"))), ("lines_next_cursor", Schema.nullable(Schema.string()))]),
        ],
    ]

    public static func register() {
        MarketDocs.addComponent("Settlement", settlement)
        MarketDocs.addComponent("SettlementLine", line)
    }

    public static let csvDescription = "`Accept: text/csv`: every line as CSV (\(SettlementView.csvColumns.joined(separator: ", ")))."
}
