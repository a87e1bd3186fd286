import MarketCore
import Web

/// OpenAPI for settlements (operator side; the supplier side reuses the schemas).
enum SettlementDocs {
    static let money = Schema.ref("Money")

    static func registerComponents() { SettlementSchemas.register() }

    static let rules = """
        One statement per supplier and payout currency for everything delivered up to `period_end` (a date means that \
        whole UTC day; a period never ends after now) and not settled before. Each order is one line: its gross, \
        commission, refunds and commission reversed, each converted from the order currency into the payout currency \
        at the rate the order LOCKED at checkout (later rate changes never alter it) and rounded half-to-even at the \
        line; net = gross − commission − refunds + commission reversed; statement totals are the sums of the lines. \
        Returns made after an order was settled are deducted on the supplier's next statement as `adjustment` lines \
        (negative net) at the same rate, oldest first, as far as that statement's earnings cover them — a statement \
        never has a negative net; the rest is listed under `carried_forward`. An order that locked no rate is \
        converted at the rate in force at the run (`rate_method` `at_settlement`); without any rate it waits \
        (`waiting_orders`). Each statement posts one balanced journal entry (supplier payable → FX clearing → \
        supplier payout due) and publishes `settlement.created` to the supplier. Naturally idempotent: an order \
        is settled once, so running again finds nothing new (200 with no settlements); `Idempotency-Key` replays too.
        """

    static let create = OpenAPIOperation(
        summary: "Run a settlement",
        description: rules,
        tags: ["Operator: Settlements"],
        parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object([("period_end", Schema.string(example: "2026-10-31"))], required: ["period_end"]),
            example: ["period_end": "2026-10-31T23:59:59Z"]),
        responses: [
            OpenAPIResponse(201, "Statements issued", schema: runResult),
            OpenAPIResponse(200, "Nothing left to settle up to that time (no statement issued)", schema: runResult),
            OpenAPIResponse(409, "Idempotency-Key in use by a request still running", contentType: "application/problem+json",
                            schema: Schema.ref("Problem")),
        ])

    static let runResult: JSON = Schema.object(
        [
            ("run_id", Schema.nullable(Schema.string())), ("period_end", Schema.dateTime), ("requested_period_end", Schema.dateTime),
            ("settlements", Schema.array(Schema.ref("Settlement"))),
            ("carried_forward", Schema.array(Schema.object(
                [("supplier_id", Schema.string()), ("currency", Schema.string()), ("adjustments", Schema.integer(minimum: 0)), ("net", money)]))),
            ("waiting_orders", Schema.object([("count", Schema.integer(minimum: 0)), ("sample", Schema.array(Schema.string()))])),
        ], required: ["run_id", "period_end", "settlements"])

    static let list = OpenAPIOperation(
        summary: "List settlement statements",
        description: "Newest first. Filters: `supplier_id`, `run_id`, `currency`, `status` (`issued`: not paid yet, `paid`).",
        tags: ["Operator: Settlements"],
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("supplier_id", in: .query), OpenAPIParameter("run_id", in: .query),
            OpenAPIParameter("currency", in: .query, schema: Schema.string(pattern: "^[A-Z]{3}$")),
            OpenAPIParameter("status", in: .query, schema: Schema.string(enum: ["issued", "paid"])),
        ],
        responses: [
            OpenAPIResponse(200, "A page of statements", schema: Schema.page(Schema.ref("Settlement"))),
            OpenAPIResponse(422, "Invalid filter", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let detail = OpenAPIOperation(
        summary: "One statement with its lines",
        description: "JSON: the statement and a page of its lines (`limit`, `cursor` page through the lines). " + SettlementSchemas.csvDescription,
        tags: ["Operator: Settlements"],
        parameters: [OpenAPIParameter("id", in: .path)] + CommonSchemas.pageParameters,
        responses: [
            OpenAPIResponse(200, "The statement", schema: SettlementSchemas.detail),
            OpenAPIResponse(404, "No such statement", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let paid = OpenAPIOperation(
        summary: "Mark a statement paid",
        description: "Records the payout `{\"reference\"}` (bank transfer reference) and posts it: Dr supplier payout due / Cr cash, in the statement currency. Once only.",
        tags: ["Operator: Settlements"],
        parameters: [OpenAPIParameter("id", in: .path), CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object([("reference", Schema.string(minLength: 1, maxLength: 200))], required: ["reference"]),
                                        example: ["reference": "WIRE-2026-11-0042"]),
        responses: [
            OpenAPIResponse(200, "The paid statement", schema: Schema.ref("Settlement")),
            OpenAPIResponse(404, "No such statement", contentType: "application/problem+json", schema: Schema.ref("Problem")),
            OpenAPIResponse(409, "Already paid (or Idempotency-Key in use)", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])
}
