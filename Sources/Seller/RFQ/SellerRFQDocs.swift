import MarketCore
import Web

/// OpenAPI descriptions of the supplier's RFQ routes.
enum SellerRFQDocs {
    static let tag = ["Seller: RFQs"]
    static let id = OpenAPIParameter("id", in: .path, required: true)

    static func failure(_ status: Int, _ description: String) -> OpenAPIResponse {
        OpenAPIResponse(status, description, contentType: "application/problem+json", schema: Schema.ref("Problem"))
    }

    static let list = OpenAPIOperation(
        summary: "Your RFQ inbox: the RFQs you were invited to, newest first", tags: tag,
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("status", in: .query, schema: Schema.string(enum: RFQStatus.allCases.map(\.rawValue))),
            OpenAPIParameter("response", in: .query, schema: Schema.string(enum: ["pending", "quoted", "declined"]),
                             description: "Your own answer"),
        ],
        responses: [OpenAPIResponse(200, "A page of RFQs (with `item_count` instead of items)", schema: Schema.page(Schema.ref("SupplierRFQ")))])

    static let detail = OpenAPIOperation(
        summary: "One RFQ you were invited to, with your answer and current quote",
        description: "Any RFQ you were not invited to is a 404. You never see other recipients or their quotes.",
        tags: tag, parameters: [id],
        responses: [OpenAPIResponse(200, "The RFQ", schema: Schema.ref("SupplierRFQ")), failure(404, "Not invited")])

    static let history = OpenAPIOperation(
        summary: "Every revision of your quote on an RFQ, newest first", tags: tag, parameters: [id],
        responses: [OpenAPIResponse(200, "Your revisions", schema: Schema.page(Schema.ref("Quote"))), failure(404, "Not invited")])

    static let quote = OpenAPIOperation(
        summary: "Quote on an RFQ (again: a new revision)",
        description: """
            In the currency you choose (`shipping`, if any, in the same currency). Partial quotes are allowed: at least \
            one line, each RFQ item at most once; line totals are `round_half_even(unit_price × the item's quantity)`. \
            Posting again before `respond_by` creates the next revision, which supersedes the previous one (history \
            kept: `GET .../quotes`). After `respond_by`, an award or a cancel: 409. A quote after your decline replaces \
            the decline. The answer estimates what you would earn if awarded as is: `estimated_commission` and \
            `estimated_net_payout` in your payout currency (each line converted at the rate in force now, priced by \
            the fee rule in force for you and the item's category — named in `estimate.rules`; shipping is paid out, \
            not commissioned). They are null, with `estimate.unavailable_reason`, when no exchange rate applies.
            """,
        tags: tag, parameters: [id, CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [
                    ("currency", Schema.string(pattern: "^[A-Z]{3}$")),
                    ("lines", Schema.array(Schema.object(
                        [("item_id", Schema.string()), ("unit_price", Schema.decimal),
                         ("lead_time_days", Schema.integer(minimum: 0, maximum: 3650))],
                        required: ["item_id", "unit_price", "lead_time_days"]), minItems: 1, maxItems: 200)),
                    ("shipping", Schema.ref("Money")), ("valid_until", Schema.dateTime),
                    ("notes", Schema.string(maxLength: 4000)),
                ], required: ["currency", "lines", "valid_until"]),
            example: [
                "currency": "EUR", "lines": [["item_id": "rqi_…", "unit_price": "0.071", "lead_time_days": 21]],
                "shipping": ["amount": "350.00", "currency": "EUR"], "valid_until": "2026-12-31T00:00:00Z",
                "notes": "FOB Busan",
            ]),
        responses: [
            OpenAPIResponse(201, "The new revision with the payout estimate", schema: Schema.object(
                RFQDocs.quoteProperties + [
                    ("estimated_commission", Schema.nullable(Schema.ref("Money"))),
                    ("estimated_net_payout", Schema.nullable(Schema.ref("Money"))),
                    ("estimate", Schema.ref("QuoteEstimate")),
                ])),
            failure(403, "Your organization is not active"),
            failure(404, "Not invited"),
            failure(409, "Deadline passed, awarded or cancelled"),
        ])

    static let decline = OpenAPIOperation(
        summary: "Decline an RFQ",
        description: """
            Counts as your response (RFQ response rate). 409 after you quoted (a quote is an offer the buyer may rely \
            on), when already declined, and after the deadline, an award or a cancel. You may still quote after a \
            decline, before the deadline.
            """,
        tags: tag, parameters: [id, CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object([("reason", Schema.string(minLength: 1, maxLength: 1000))], required: ["reason"])),
        responses: [
            OpenAPIResponse(200, "Declined", schema: Schema.ref("SupplierRFQ")),
            failure(403, "Your organization is not active"),
            failure(404, "Not invited"),
            failure(409, "Already quoted or declined, deadline passed, awarded or cancelled"),
        ])
}
