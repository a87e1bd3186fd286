import MarketCore
import Web

/// OpenAPI descriptions of the buyer's order routes and the tracking page.
enum BuyerOrderDocs {
    static let tag = ["Buyer orders"]
    static let idParameter = OpenAPIParameter("id", in: .path, required: true)
    static let problem = Schema.ref("Problem")

    static func problemResponse(_ status: Int, _ description: String) -> OpenAPIResponse {
        OpenAPIResponse(status, description, contentType: "application/problem+json", schema: problem)
    }

    static let create = OpenAPIOperation(
        summary: "Check out: one order per supplier",
        description: """
            Prices each line at its tier price for the quantity, converts it into `currency` at the rate in force \
            (unit prices half-even to 6 decimals, line totals half-even to the minor unit, totals = sums of lines), \
            freezes the commission rule on each line, applies the company's approval rules (`pending_approval`) and, \
            for net terms, the credit limit, and reserves stock — all in one transaction: every order or none.

            Errors: 422 for an unknown, inactive or restricted listing (`lines[i].product_id`), a quantity below the \
            minimum order quantity (`lines[i].quantity`), terms the operator has not allowed (`payment_terms`), no \
            exchange rate (`currency`); 422 `credit_limit_exceeded` beyond the open credit; 409 `insufficient_stock` \
            naming each line short of stock (`lines[i].quantity`) — nothing is ordered then.
            """,
        tags: tag, parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [
                    ("currency", Schema.string(pattern: "^[A-Z]{3}$")),
                    ("lines", Schema.array(Schema.object([("product_id", Schema.string()), ("quantity", Schema.integer(minimum: 1, maximum: 1_000_000_000))],
                                                         required: ["product_id", "quantity"]), minItems: 1, maxItems: 500)),
                    ("shipping_address", Schema.ref("ShippingAddress")),
                    ("payment_terms", Schema.string(enum: PaymentTerms.allCases.map(\.rawValue))),
                    ("po_number", Schema.string(maxLength: 64)),
                ], required: ["currency", "lines", "shipping_address"]),
            example: ["currency": "USD", "lines": [["product_id": "prd_01jd...", "quantity": 120]],
                      "shipping_address": ["recipient": "Kim Minji", "line1": "12 Teheran-ro", "city": "Seoul", "country": "KR"],
                      "payment_terms": "net_30", "po_number": "PO-2026-0042"]),
        responses: [
            OpenAPIResponse(201, "Orders created", schema: Schema.object(
                [("checkout_id", Schema.string()), ("orders", Schema.array(Schema.ref("Order")))], required: ["checkout_id", "orders"])),
            problemResponse(409, "Not enough stock (`insufficient_stock`), or the same Idempotency-Key is in flight"),
        ])

    static let list = OpenAPIOperation(
        summary: "Your organization's orders, newest first", tags: tag,
        parameters: CommonSchemas.pageParameters + [OpenAPIParameter("status", in: .query, schema: Schema.string(enum: OrderStatus.allCases.map(\.rawValue)))],
        responses: [OpenAPIResponse(200, "A page of orders", schema: Schema.page(Schema.ref("OrderSummary")))])

    static let detail = OpenAPIOperation(
        summary: "One order: lines, conversions, totals, status history, shipment, returns, invoice, tracking token",
        tags: tag, parameters: [idParameter],
        responses: [OpenAPIResponse(200, "The order", schema: Schema.ref("Order")), problemResponse(404, "No such order in your organization")])

    static func action(_ summary: String, _ description: String) -> OpenAPIOperation {
        OpenAPIOperation(
            summary: summary, description: description, tags: tag, parameters: [idParameter, CommonSchemas.idempotencyKey],
            requestBody: OpenAPIRequestBody(Schema.object([("reason", Schema.string(maxLength: 1000))]), required: false),
            responses: [
                OpenAPIResponse(200, "The order after the change", schema: Schema.ref("Order")),
                problemResponse(404, "No such order in your organization"),
                problemResponse(409, "Illegal transition (`illegal_transition`, with `current_status` and `action`)"),
            ])
    }

    static let approve = {
        var doc = action("Approve an order waiting for approval",
                         "Only from `pending_approval`. The user who placed the order gets 403 `self_approval`; the rule may require an admin. Stock stays reserved while the order waits.")
        doc.responses.append(problemResponse(403, "Self-approval, or the rule needs another role"))
        return doc
    }()
    static let reject = action("Reject an order waiting for approval", "Only from `pending_approval`; the reserved stock and credit are released.")
    static let cancel = action("Cancel an order before shipment",
                               "From `pending_approval`, `placed` or `confirmed`; the reserved stock returns to the listings and net-terms credit is released.")
    static let receive = action("Confirm receipt", "From `delivered` (or `partially_returned`) to `completed`.")

    static let createReturn = OpenAPIOperation(
        summary: "Return delivered goods",
        description: """
            After delivery. Quantities never exceed what was delivered minus what was already returned. Each line \
            refunds its pro-rated line total (half-even, cumulative so the refunds of a line sum exactly to its total), \
            and the supplier's commission is reversed in the same proportion. The order becomes `partially_returned` or \
            `returned`. Stock is not restocked automatically: the supplier inspects returned goods and edits the listing.
            """,
        tags: tag, parameters: [idParameter, CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object(
            [("lines", Schema.array(Schema.object([("line_id", Schema.string()), ("quantity", Schema.integer(minimum: 1))],
                                                  required: ["line_id", "quantity"]), minItems: 1)),
             ("reason", Schema.string(minLength: 1, maxLength: 1000))], required: ["lines", "reason"])),
        responses: [
            OpenAPIResponse(201, "The return", schema: Schema.ref("OrderReturn")),
            problemResponse(404, "No such order in your organization"),
            problemResponse(409, "The order is not delivered"),
        ])

    static let rulesSchema = Schema.array(Schema.object(
        [("min_total", Schema.ref("Money")), ("approver_role", Schema.string(enum: ["approver", "admin"]))], required: ["min_total"]))

    static let getRules = OpenAPIOperation(
        summary: "Approval rules of your organization", tags: tag,
        responses: [OpenAPIResponse(200, "The rules", schema: rulesSchema)])

    static let putRules = OpenAPIOperation(
        summary: "Replace the approval rules",
        description: "An order whose total, converted to a rule's currency at the rate in force, is at or above its `min_total` starts `pending_approval`. An empty list removes every rule.",
        tags: tag, requestBody: OpenAPIRequestBody(rulesSchema),
        responses: [OpenAPIResponse(200, "The rules now in force", schema: rulesSchema)])

    static let track = OpenAPIOperation(
        summary: "Public tracking page of an order",
        description: "No login. Status, when each status was reached, carrier, tracking number and shipment events; no prices, addresses or names.",
        tags: ["Tracking"], parameters: [OpenAPIParameter("token", in: .path, required: true)],
        responses: [
            OpenAPIResponse(200, "Tracking", schema: Schema.object(
                [("status", Schema.string(enum: OrderStatus.allCases.map(\.rawValue))),
                 ("status_history", Schema.array(Schema.object([("status", Schema.string()), ("at", Schema.dateTime)]))),
                 ("shipment", Schema.nullable(Schema.object([("carrier", Schema.string()), ("tracking_number", Schema.string()),
                                                             ("shipped_at", Schema.dateTime), ("delivered_at", Schema.dateTime),
                                                             ("events", Schema.array(Schema.object([("status", Schema.string()), ("location", Schema.string()), ("at", Schema.dateTime)])))])))])),
            problemResponse(404, "Unknown token"),
        ])
}
