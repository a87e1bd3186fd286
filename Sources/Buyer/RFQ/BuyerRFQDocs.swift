import MarketCore
import Web

/// OpenAPI descriptions of the buyer's RFQ routes.
enum BuyerRFQDocs {
    static let tag = ["Buyer: RFQs"]
    static let problem = Schema.ref("Problem")
    static let id = OpenAPIParameter("id", in: .path, required: true)

    static func failure(_ status: Int, _ description: String) -> OpenAPIResponse {
        OpenAPIResponse(status, description, contentType: "application/problem+json", schema: problem)
    }

    static let create = OpenAPIOperation(
        summary: "Create an RFQ and send it to suppliers",
        description: """
            Items name a listing (`product_id`: an active listing you can see; its category and unit are the defaults) \
            or describe the goods (`description` with `category_id`). `broadcast: true` invites every ACTIVE supplier \
            that declared one of the items' categories or an ancestor of one (a supplier of "Fasteners" is asked about \
            "Hex bolts"); `invite_seller_ids` (active suppliers; any other id is a 422 naming its index) and the sellers \
            of named listings are invited as well. Pending and suspended suppliers are never invited. The answer gives \
            the recipient count only: you see the suppliers you named, never who broadcast reached. \
            `sealed: true` hides every quote from you until `respond_by`. `shipping_address` (optional; its country \
            must be `delivery_country`) is where awarded orders go unless the award gives another.
            """,
        tags: tag, parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [
                    ("title", Schema.string(minLength: 1, maxLength: 200)), ("currency", Schema.string(pattern: "^[A-Z]{3}$")),
                    ("respond_by", Schema.dateTime),
                    ("items", Schema.array(Schema.object(
                        [
                            ("product_id", Schema.string()), ("description", Schema.string(maxLength: 2000)),
                            ("category_id", Schema.string()), ("quantity", Schema.integer(minimum: 1, maximum: 1_000_000_000)),
                            ("unit", Schema.string(maxLength: 32)), ("target_unit_price", Schema.decimal),
                        ], required: ["quantity"]), minItems: 1, maxItems: 200)),
                    ("delivery_country", Schema.string(pattern: "^[A-Z]{2}$")), ("shipping_address", Schema.anyObject),
                    ("invite_seller_ids", Schema.array(Schema.string(), maxItems: 1000)), ("broadcast", Schema.boolean),
                    ("sealed", Schema.boolean),
                ], required: ["title", "currency", "respond_by", "items", "delivery_country"]),
            example: [
                "title": "M8 hex bolts for Q1", "currency": "USD", "respond_by": "2026-12-01T00:00:00Z",
                "items": [["description": "Hex bolt M8x40, zinc plated", "category_id": "cat_…", "quantity": 50000,
                           "unit": "piece", "target_unit_price": "0.08"]],
                "delivery_country": "KR", "invite_seller_ids": [], "broadcast": true, "sealed": false,
            ]),
        responses: [OpenAPIResponse(201, "Created and sent", schema: Schema.ref("RFQ"))])

    static let list = OpenAPIOperation(
        summary: "Your organization's RFQs, newest first", tags: tag,
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("status", in: .query, schema: Schema.string(enum: RFQStatus.allCases.map(\.rawValue)),
                             description: "`closed`: the deadline passed, not yet awarded or cancelled"),
        ],
        responses: [OpenAPIResponse(200, "A page of RFQs (with `item_count` instead of items)", schema: Schema.page(Schema.ref("RFQ")))])

    static let detail = OpenAPIOperation(
        summary: "One of your RFQs with its items, counts and awards", tags: tag, parameters: [id],
        responses: [OpenAPIResponse(200, "The RFQ", schema: Schema.ref("RFQ")), failure(404, "Not one of your RFQs")])

    static let quotes = OpenAPIOperation(
        summary: "Compare the quotes on an RFQ",
        description: """
            The current revision of each quote still valid (valid_until not passed) of a still active supplier. Each \
            line and the shipping are converted to `currency` (default: the RFQ's) at the rate in force now, the way \
            checkout would price them (the rate is shown); `converted_total` is the sum of the rounded converted lines \
            plus shipping. Each quote carries its supplier's scorecard (`rating`, `on_time_delivery_rate`, \
            `rfq_response_rate`: null when there is no data) and its longest lead time; the list is sorted by \
            converted total ascending (quotes with no exchange rate last). Partial quotes say `complete: false`; \
            `best_per_item` names the cheapest converted line per item for a per-line award. A sealed RFQ answers an \
            empty list and `sealed_until` before `respond_by`. Not paginated: one RFQ's quotes are bounded by its recipients.
            """,
        tags: tag,
        parameters: [id, OpenAPIParameter("currency", in: .query, schema: Schema.string(pattern: "^[A-Z]{3}$"))],
        responses: [
            OpenAPIResponse(200, "The comparison", schema: Schema.object(
                [
                    ("data", Schema.array(Schema.ref("ComparedQuote"))), ("next_cursor", Schema.nullable(Schema.string())),
                    ("currency", Schema.string()), ("rfq_status", RFQDocs.status), ("sealed", Schema.boolean),
                    ("sealed_until", Schema.nullable(Schema.dateTime)),
                    ("best_per_item", Schema.array(Schema.object([
                        ("item_id", Schema.string()), ("quote_id", Schema.string()), ("supplier_id", Schema.string()),
                        ("converted_unit_price", Schema.decimal), ("converted_line_total", Schema.ref("Money")),
                        ("lead_time_days", Schema.integer(minimum: 0)),
                    ]))),
                ])),
            failure(404, "Not one of your RFQs"),
        ])

    static let award = OpenAPIOperation(
        summary: "Award an RFQ: a whole quote, or item by item across quotes",
        description: """
            `{"quote_id"}` awards every line of one quote; `{"awards":[{"item_id","quote_id"}]}` awards item by item \
            (each item once; items may stay unawarded). One order per awarded supplier at the quoted prices, placed \
            through checkout: approval rules, commission, net-terms credit, and stock where the item names that \
            supplier's listing. Orders are priced in `currency` (default: the RFQ's) at the rate in force and go to \
            `shipping_address` (else the RFQ's; its country must be the RFQ's delivery country), with `payment_terms` \
            (default `prepaid`) and `po_number`. A quote's shipping is charged once on its supplier's order. The RFQ \
            becomes `awarded`. 409: the RFQ is awarded or cancelled, sealed before its deadline, a quote was superseded \
            by a newer revision (`quote_superseded`) or expired (`quote_expired`), or stock is short.
            """,
        tags: tag, parameters: [id, CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object(
            [
                ("quote_id", Schema.string()),
                ("awards", Schema.array(Schema.object([("item_id", Schema.string()), ("quote_id", Schema.string())],
                                                      required: ["item_id", "quote_id"]), minItems: 1, maxItems: 200)),
                ("shipping_address", Schema.anyObject),
                ("payment_terms", Schema.string(enum: ["prepaid", "net_30", "net_60"])),
                ("po_number", Schema.string(maxLength: 100)), ("currency", Schema.string(pattern: "^[A-Z]{3}$")),
            ])),
        responses: [
            OpenAPIResponse(201, "Awarded; the orders created", schema: Schema.object(
                [
                    ("rfq_id", Schema.string()), ("status", Schema.string(enum: ["awarded"])), ("checkout_id", Schema.string()),
                    ("awards", Schema.array(RFQDocs.award)), ("orders", Schema.array(Schema.ref("Order"))),
                ])),
            failure(404, "Not one of your RFQs"),
            failure(409, "Awarded, cancelled, sealed, quote superseded or expired, or stock short"),
        ])

    static let cancel = OpenAPIOperation(
        summary: "Cancel an RFQ without award", description: "Open or closed RFQs; 409 when awarded or already cancelled.",
        tags: tag, parameters: [id, CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object([("reason", Schema.string(maxLength: 1000))]), required: false),
        responses: [
            OpenAPIResponse(200, "Cancelled", schema: Schema.ref("RFQ")), failure(404, "Not one of your RFQs"),
            failure(409, "Already awarded or cancelled"),
        ])
}
