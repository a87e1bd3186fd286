import MarketCore
import Web

/// OpenAPI for payments received (operator) and the payment provider's callback.
enum PaymentDocs {
    static let money = Schema.ref("Money")
    static let problem = Schema.ref("Problem")

    static let payment: JSON = Schema.object(
        [
            ("id", Schema.string()), ("order_id", Schema.string()),
            ("invoice", Schema.nullable(Schema.object([("id", Schema.string()), ("number", Schema.string())]))),
            ("buyer", Schema.object([("id", Schema.string()), ("name", Schema.string())])),
            ("amount", money), ("method", Schema.string(enum: PaymentMethod.allCases.map(\.rawValue))),
            ("source", Schema.string(enum: ["operator", "provider"])), ("status", Schema.string(enum: ["succeeded", "failed"])),
            ("reference", Schema.string()), ("ledger_entry_id", Schema.nullable(Schema.string())),
            ("recorded_by", Schema.nullable(Schema.string())), ("created_at", Schema.dateTime),
            ("order", Schema.object(
                [("id", Schema.string()), ("status", Schema.string()), ("payment_terms", Schema.string()),
                 ("payment_status", Schema.string(enum: PaymentStatus.allCases.map(\.rawValue))), ("total", money), ("paid", money),
                 ("amount_due", money)])),
        ], required: ["id", "order_id", "amount", "method", "source", "status", "reference", "created_at"])

    static func registerComponents() {
        MarketDocs.addComponent("Payment", payment)
    }

    static let rules = """
        A payment received from a buyer, in the order's currency (422 `currency_mismatch` otherwise), positive, partial \
        allowed, never above what is still due — total − returns − paid (422 `overpayment`, with `amount_due`). Name the \
        order (`order_id`) or its net-terms invoice (`invoice_id`). In one transaction: the payment, the ledger posting \
        (Dr cash / Cr buyer receivable, order currency), the order's `paid` and `payment_status` (`partially_paid`, \
        `paid`), the invoice's paid amount and status, the net-terms credit it frees (the payment converted at the rate \
        the order locked; all of it once nothing is due) and the audit record. A bank or card reference is recorded once \
        (409 `duplicate_reference`); cancelled or rejected orders take no payment (409 `order_not_payable`). A prepaid \
        order ships only once paid in full.
        """

    static let create = OpenAPIOperation(
        summary: "Record a payment received",
        description: rules,
        tags: ["Operator: Payments"],
        parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [("order_id", Schema.string()), ("invoice_id", Schema.string()), ("amount", money),
                 ("method", Schema.string(enum: PaymentMethod.allCases.map(\.rawValue))), ("reference", Schema.string(minLength: 1, maxLength: 200))],
                required: ["amount", "method", "reference"]),
            example: ["order_id": "ord_01jd0v6x8m2q4s6t8v0x2z4b6d", "amount": ["amount": "1250.00", "currency": "USD"],
                      "method": "bank_transfer", "reference": "WIRE-2026-11-0042"]),
        responses: [
            OpenAPIResponse(201, "Recorded", schema: Schema.ref("Payment")),
            OpenAPIResponse(404, "No such order or invoice", contentType: "application/problem+json", schema: problem),
            OpenAPIResponse(409, "Order cancelled or rejected, reference already recorded, or Idempotency-Key in use",
                            contentType: "application/problem+json", schema: problem),
        ])

    static let list = OpenAPIOperation(
        summary: "List payments",
        description: "Newest first; provider attempts that failed are listed with `status` `failed`. Filters: `order_id`, `invoice_id`, `buyer_id`, `status`, `source`.",
        tags: ["Operator: Payments"],
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("order_id", in: .query), OpenAPIParameter("invoice_id", in: .query), OpenAPIParameter("buyer_id", in: .query),
            OpenAPIParameter("status", in: .query, schema: Schema.string(enum: ["succeeded", "failed"])),
            OpenAPIParameter("source", in: .query, schema: Schema.string(enum: ["operator", "provider"])),
        ],
        responses: [
            OpenAPIResponse(200, "A page of payments", schema: Schema.page(Schema.ref("Payment"))),
        ])

    static let detail = OpenAPIOperation(
        summary: "One payment",
        tags: ["Operator: Payments"],
        parameters: [OpenAPIParameter("id", in: .path)],
        responses: [
            OpenAPIResponse(200, "The payment", schema: Schema.ref("Payment")),
            OpenAPIResponse(404, "No such payment", contentType: "application/problem+json", schema: problem),
        ])

    static let callback = OpenAPIOperation(
        summary: "Payment provider callback",
        description: """
            Called by the payment provider, not by users: `{"order_id","amount":MONEY,"status":"succeeded"/"failed",\
            "reference","method"?}` (method defaults to `card`). Authenticated by `Marketplace-Signature: t=UNIX,v1=HEX` where \
            HEX = HMAC-SHA256(provider secret, "t.body") over the raw body; a missing, malformed or forged signature, or a \
            timestamp more than 5 minutes from the server's clock (either way), is 401 and changes nothing. `succeeded` \
            records the payment with the same rules as `POST /v1/admin/payments`; `failed` records the attempt only. \
            Replay-safe: each provider (reference, status) is processed once, under a UNIQUE key; the same body again \
            answers the stored answer (200, `Idempotent-Replayed: true`, no change), a different body under a processed \
            reference is 409 `reference_conflict`. A callback refused on its merits (unknown order 404, wrong currency or \
            overpayment 422, cancelled order 409) is not stored and is refused again if resent. Without a configured \
            secret (`MARKETPLACE_PAYMENT_PROVIDER_SECRET`) the route answers 503 `not_configured`.
            """,
        tags: ["Payments: Provider"],
        parameters: [OpenAPIParameter("Marketplace-Signature", in: .header, required: true,
                                      schema: Schema.string(pattern: "^t=[0-9]+,v1=[0-9a-fA-F]+"))],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [("order_id", Schema.string()), ("amount", money), ("status", Schema.string(enum: ["succeeded", "failed"])),
                 ("reference", Schema.string(minLength: 1, maxLength: 200)),
                 ("method", Schema.string(enum: PaymentMethod.allCases.map(\.rawValue)))],
                required: ["order_id", "amount", "status", "reference"]),
            example: ["order_id": "ord_01jd0v6x8m2q4s6t8v0x2z4b6d", "amount": ["amount": "99.00", "currency": "USD"],
                      "status": "succeeded", "reference": "pi_3Q0abc"]),
        responses: [
            OpenAPIResponse(200, "Processed (or a replay of a processed callback)", schema: Schema.object(
                [("received", Schema.boolean), ("result", Schema.string(enum: ["payment_recorded", "attempt_recorded"])),
                 ("payment", Schema.ref("Payment"))])),
            OpenAPIResponse(401, "Missing, forged or stale signature", contentType: "application/problem+json", schema: problem),
            OpenAPIResponse(404, "No such order", contentType: "application/problem+json", schema: problem),
            OpenAPIResponse(409, "Reference already processed with a different body, or order not payable",
                            contentType: "application/problem+json", schema: problem),
        ])
}
