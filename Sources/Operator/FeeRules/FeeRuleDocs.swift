import MarketCore
import Web

/// OpenAPI for the fee-rule routes.
enum FeeRuleDocs {
    static let scopes = FeeScope.allCases.map(\.rawValue)
    static let money = Schema.ref("Money")
    static let nullableMoney = Schema.nullable(Schema.ref("Money"))

    static let feeRule: JSON = Schema.object(
        [
            ("id", Schema.string()), ("scope", Schema.string(enum: scopes)),
            ("category_id", Schema.nullable(Schema.string())), ("seller_id", Schema.nullable(Schema.string())),
            ("percent", Schema.decimal), ("fixed_fee", nullableMoney), ("min_fee", nullableMoney),
            ("max_fee", nullableMoney), ("effective_from", Schema.dateTime), ("created_at", Schema.dateTime),
            ("status", Schema.string(enum: ["scheduled", "in_force", "superseded"])),
        ], required: ["id", "scope", "percent", "effective_from"])

    static let breakdown: JSON = Schema.object(
        [
            ("percent", Schema.decimal), ("percent_part", money), ("min_fee", nullableMoney), ("max_fee", nullableMoney),
            ("clamp", Schema.string(enum: ["none", "min_fee", "max_fee", "line_total"])),
            ("clamped_percent_part", money), ("fixed_fee", money), ("cap_applied", Schema.boolean),
            ("commission", money), ("net_to_seller", money),
        ], required: ["percent", "percent_part", "clamp", "fixed_fee", "commission", "net_to_seller"])

    static let previewAnswer: JSON = Schema.object(
        [
            ("at", Schema.dateTime), ("seller_id", Schema.string()), ("category_id", Schema.nullable(Schema.string())),
            ("category_path", Schema.array(Schema.string())), ("amount", money),
            ("rule", Schema.nullable(Schema.ref("FeeRule"))), ("breakdown", Schema.ref("CommissionBreakdown")),
        ], required: ["amount", "rule", "breakdown"])

    static func registerComponents() {
        MarketDocs.addComponent("FeeRule", feeRule)
        MarketDocs.addComponent("CommissionBreakdown", breakdown)
    }

    static let create = OpenAPIOperation(
        summary: "Add a commission rule",
        description: """
            Most specific rule wins: seller_category > seller > category (nearest ancestor of the line's \
            category) > default. Rules are never edited: a new rule supersedes the previous one for the same \
            target from its `effective_from` (default: now). `percent` is a decimal string 0–100 with up to 4 \
            decimals; `min_fee` and `max_fee` clamp each line's percent part; `fixed_fee` is charged once per \
            order. Fees share one currency and are converted to the order's currency at the rate in force.
            """,
        tags: ["Operator: fees"],
        parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [
                    ("scope", Schema.string(enum: scopes)), ("category_id", Schema.string()), ("seller_id", Schema.string()),
                    ("percent", Schema.string(pattern: "^[0-9]{1,3}(\\.[0-9]{1,4})?$", example: "8.5")),
                    ("fixed_fee", money), ("min_fee", money), ("max_fee", money), ("effective_from", Schema.dateTime),
                ], required: ["scope", "percent"]),
            example: ["scope": "category", "category_id": "cat_...", "percent": "8.5",
                      "min_fee": ["amount": "1.00", "currency": "USD"], "effective_from": "2026-12-01T00:00:00Z"]),
        responses: [
            OpenAPIResponse(201, "The rule, with its status at the time of creation", schema: Schema.ref("FeeRule")),
            OpenAPIResponse(409, "Idempotency-Key in use by a request still running", contentType: "application/problem+json",
                            schema: Schema.ref("Problem")),
        ])

    static let list = OpenAPIOperation(
        summary: "List commission rules",
        description: "Every rule ever added, oldest first, each marked `scheduled`, `in_force` or `superseded` at `at` (default now) among the rules for the same target.",
        tags: ["Operator: fees"],
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("scope", in: .query, schema: Schema.string(enum: scopes)),
            OpenAPIParameter("seller_id", in: .query),
            OpenAPIParameter("category_id", in: .query),
            OpenAPIParameter("at", in: .query, schema: Schema.dateTime, description: "Instant at which `status` is judged"),
        ],
        responses: [
            OpenAPIResponse(200, "A page of rules", schema: Schema.page(Schema.ref("FeeRule"))),
            OpenAPIResponse(422, "Invalid filter", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let preview = OpenAPIOperation(
        summary: "Preview the commission on an amount",
        description: "The rule a line of `seller_id` in `category_id` would pay under at `at` (default now), and the breakdown: percent part, min/max clamp, fixed fee, commission, net to the seller. `rule` is null when no rule applies (no commission).",
        tags: ["Operator: fees"],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [("seller_id", Schema.string()), ("category_id", Schema.string()), ("amount", money), ("at", Schema.dateTime)],
                required: ["seller_id", "amount"]),
            example: ["seller_id": "org_...", "category_id": "cat_...", "amount": ["amount": "1250.00", "currency": "USD"]]),
        responses: [OpenAPIResponse(200, "The rule and the breakdown", schema: previewAnswer)])
}
