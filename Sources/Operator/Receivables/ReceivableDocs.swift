import MarketCore
import Web

/// OpenAPI for the receivables report.
enum ReceivableDocs {
    static let money = Schema.ref("Money")

    static let buckets: JSON = Schema.object(AgingBucket.allCases.map { ($0.rawValue, money) })

    static let invoice: JSON = Schema.object(
        [("id", Schema.string()), ("number", Schema.string()), ("order_id", Schema.string()), ("amount_due", money),
         ("amount_due_converted", Schema.nullable(money)), ("due_at", Schema.dateTime), ("days_overdue", Schema.integer(minimum: 0)),
         ("bucket", Schema.string(enum: AgingBucket.allCases.map(\.rawValue)))])

    static let report: JSON = Schema.object(
        [
            ("as_of", Schema.dateTime), ("currency", Schema.string()), ("rates_at", Schema.dateTime),
            ("buckets", Schema.array(Schema.string(enum: AgingBucket.allCases.map(\.rawValue)))),
            ("totals", Schema.object([("buckets", buckets), ("total", money), ("invoice_count", Schema.integer(minimum: 0))])),
            ("buyers", Schema.array(Schema.object(
                [("buyer", Schema.object([("id", Schema.string()), ("name", Schema.string())])),
                 ("invoice_count", Schema.integer(minimum: 0)), ("buckets", buckets), ("total", money),
                 ("invoices", Schema.array(invoice))]))),
            ("unconverted", Schema.array(invoice)),
        ], required: ["as_of", "currency", "totals", "buyers"])

    static let aging = OpenAPIOperation(
        summary: "Receivables: open invoices by buyer, aged",
        description: """
            Open net-terms invoices per buyer with aging buckets — `current` (not yet due), `days_1_30`, `days_31_60`, \
            `days_61_90`, `days_90_plus` (whole days past the due date; any part of a day counts) — and totals. As of \
            `as_of` (RFC 3339; a date alone means the end of that UTC day; default: now): invoices issued by then, with the \
            amount due at that instant (returns, payments and refunds dated up to it). Converted into `currency` (default: \
            the operator's base currency) at the rates in force now, per invoice, half-to-even; totals are sums of the \
            converted invoices. Invoices whose currency has no rate to `currency` are listed under `unconverted` in their \
            own currency and left out of the totals. `buyer_id` narrows to one buyer.
            """,
        tags: ["Operator: Receivables"],
        parameters: [
            OpenAPIParameter("currency", in: .query, schema: Schema.string(pattern: "^[A-Z]{3}$")),
            OpenAPIParameter("as_of", in: .query, schema: Schema.string()),
            OpenAPIParameter("buyer_id", in: .query),
        ],
        responses: [
            OpenAPIResponse(200, "The aged receivables", schema: report),
            OpenAPIResponse(422, "Invalid currency or as_of", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])
}
