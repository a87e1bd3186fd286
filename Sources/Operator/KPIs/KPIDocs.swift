import MarketCore
import Web

/// OpenAPI for the KPI report.
enum KPIDocs {
    static let money = Schema.ref("Money")
    static let ratio = Schema.string(pattern: "^[0-9]+\\.[0-9]{4}$", example: "0.0700")
    static let count = Schema.integer(minimum: 0)

    static let report = OpenAPIOperation(
        summary: "Marketplace KPIs over a window",
        description: """
            Window `[from, to)` (RFC 3339 or a date; a date as `to` includes that day; default the last 30 days, at \
            most 366 days). An order counts when it was placed in the window and is not cancelled (orders waiting \
            for approval or rejected were never placed). `gmv`: Σ order totals before returns (`refunds` beside it); \
            `commission`: Σ commission as priced (`commission_reversed` beside it); `average_order_value` = gmv / \
            orders; `take_rate` = commission / gmv; `active_buyers` / `active_sellers`: distinct organizations with \
            such an order; `repeat_buyer_rate`: share of active buyers with two or more; `rfqs`: RFQs created in the \
            window, `rfq_award_rate`: the share of them awarded. Ratios are decimal strings with 4 places. Money is \
            converted into `currency` (default the operator's base currency) at the rates in force NOW, so windows \
            compare in today's terms: each day's sum per order currency is converted and rounded half-to-even once, \
            and totals are the sums of the daily `series` figures. A currency no rate converts is left out of the \
            money figures and named in `notes`.
            """,
        tags: ["Operator: KPIs"],
        parameters: [
            OpenAPIParameter("from", in: .query, schema: Schema.string(example: "2026-10-01")),
            OpenAPIParameter("to", in: .query, schema: Schema.string(example: "2026-10-31")),
            OpenAPIParameter("currency", in: .query, schema: Schema.string(pattern: "^[A-Z]{3}$")),
        ],
        responses: [
            OpenAPIResponse(200, "The figures", schema: Schema.object(
                [
                    ("from", Schema.dateTime), ("to", Schema.dateTime), ("currency", Schema.string()), ("rates_at", Schema.dateTime),
                    ("gmv", money), ("orders", count), ("average_order_value", money), ("commission", money), ("take_rate", ratio),
                    ("refunds", money), ("commission_reversed", money), ("rfqs", count), ("rfqs_awarded", count),
                    ("rfq_award_rate", ratio), ("active_buyers", count), ("active_sellers", count), ("repeat_buyers", count),
                    ("repeat_buyer_rate", ratio),
                    ("series", Schema.array(Schema.object(
                        [("date", Schema.string(format: "date")), ("orders", count), ("gmv", money), ("commission", money)]))),
                    ("notes", Schema.array(Schema.string())),
                ], required: ["gmv", "orders", "average_order_value", "commission", "take_rate", "rfqs", "rfq_award_rate",
                              "active_buyers", "active_sellers", "repeat_buyer_rate", "series"])),
            OpenAPIResponse(422, "Invalid window or currency", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])
}
