import MarketCore
import Web

/// OpenAPI for the FX-rate routes.
enum FXRateDocs {
    static let currency = Schema.string(pattern: "^[A-Z]{3}$", example: "USD")

    static let rate: JSON = Schema.object(
        [
            ("id", Schema.string()), ("base", currency), ("quote", currency),
            ("rate", Schema.string(pattern: "^[0-9]+(\\.[0-9]{1,10})?$", example: "1350.25")),
            ("effective_from", Schema.dateTime), ("created_at", Schema.dateTime), ("created_by", Schema.string()),
            ("status", Schema.string(enum: ["scheduled", "in_force", "superseded"])),
        ], required: ["id", "base", "quote", "rate", "effective_from"])

    static func registerComponents() {
        MarketDocs.addComponent("FXRate", rate)
    }

    static let create = OpenAPIOperation(
        summary: "Add an exchange rate",
        description: "1 `base` = `rate` `quote` from `effective_from` (default now). `rate` is a positive decimal string with up to 10 decimals. History is kept: a newer rate for the pair supersedes from its own date. Conversions use the direct rate, else the inverse, else a cross rate through the operator's base currency.",
        tags: ["Operator: FX"],
        parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [("base", currency), ("quote", currency), ("rate", Schema.decimal), ("effective_from", Schema.dateTime)],
                required: ["base", "quote", "rate"]),
            example: ["base": "USD", "quote": "KRW", "rate": "1350.25", "effective_from": "2026-12-01T00:00:00Z"]),
        responses: [
            OpenAPIResponse(201, "The stored rate", schema: Schema.ref("FXRate")),
            OpenAPIResponse(409, "Idempotency-Key in use by a request still running", contentType: "application/problem+json",
                            schema: Schema.ref("Problem")),
        ])

    static let list = OpenAPIOperation(
        summary: "List exchange rates (history)",
        description: "Every stored rate, oldest first, each marked `scheduled`, `in_force` or `superseded` for its pair at `at` (default now).",
        tags: ["Operator: FX"],
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("base", in: .query, schema: currency), OpenAPIParameter("quote", in: .query, schema: currency),
            OpenAPIParameter("at", in: .query, schema: Schema.dateTime),
        ],
        responses: [
            OpenAPIResponse(200, "A page of rates", schema: Schema.page(Schema.ref("FXRate"))),
            OpenAPIResponse(422, "Invalid filter", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let convert = OpenAPIOperation(
        summary: "Convert an amount at the rate in force",
        description: "Shows the rate used and how it was found: `identity`, `direct`, `inverse` or `cross` (through `via`, the operator's base currency). Rounded half-to-even to the target's minor unit.",
        tags: ["Operator: FX"],
        parameters: [
            OpenAPIParameter("amount", in: .query, required: true, schema: Schema.decimal),
            OpenAPIParameter("from", in: .query, required: true, schema: currency),
            OpenAPIParameter("to", in: .query, required: true, schema: currency),
            OpenAPIParameter("at", in: .query, schema: Schema.dateTime),
        ],
        responses: [
            OpenAPIResponse(200, "The conversion", schema: Schema.object(
                [
                    ("at", Schema.dateTime), ("amount", Schema.ref("Money")), ("converted", Schema.ref("Money")),
                    ("rate", Schema.decimal), ("method", Schema.string(enum: ["identity", "direct", "inverse", "cross"])),
                    ("rate_ids", Schema.array(Schema.string())), ("via", Schema.nullable(currency)),
                ], required: ["amount", "converted", "rate", "method"])),
            OpenAPIResponse(422, "Invalid parameters, or no rate converts the pair at that time",
                            contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])
}
