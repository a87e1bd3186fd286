import MarketCore
import Web

/// OpenAPI descriptions of the supplier's order routes.
enum SellerOrderDocs {
    static let tag = ["Seller orders"]
    static let idParameter = OpenAPIParameter("id", in: .path, required: true)

    static func problemResponse(_ status: Int, _ description: String) -> OpenAPIResponse {
        OpenAPIResponse(status, description, contentType: "application/problem+json", schema: Schema.ref("Problem"))
    }

    static let list = OpenAPIOperation(
        summary: "Orders placed with you, newest first",
        description: "Orders waiting for the buyer's internal approval are not shown until approved.",
        tags: tag,
        parameters: CommonSchemas.pageParameters + [OpenAPIParameter("status", in: .query, schema: Schema.string(enum: OrderStatus.allCases.map(\.rawValue)))],
        responses: [OpenAPIResponse(200, "A page of orders", schema: Schema.page(Schema.ref("OrderSummary")))])

    static let detail = OpenAPIOperation(
        summary: "One of your orders, with the commission frozen on each line and the locked payout rate", tags: tag,
        parameters: [idParameter],
        responses: [OpenAPIResponse(200, "The order", schema: Schema.ref("Order")), problemResponse(404, "Not your order")])

    static func action(_ summary: String, _ description: String, body: JSON? = nil) -> OpenAPIOperation {
        OpenAPIOperation(
            summary: summary, description: description, tags: tag, parameters: [idParameter, CommonSchemas.idempotencyKey],
            requestBody: OpenAPIRequestBody(body ?? Schema.object([("reason", Schema.string(maxLength: 1000))]), required: body != nil),
            responses: [
                OpenAPIResponse(200, "The order after the change", schema: Schema.ref("Order")),
                problemResponse(404, "Not your order"),
                problemResponse(409, "Illegal transition (`illegal_transition`, with `current_status` and `action`)"),
            ])
    }

    static let confirm = action("Confirm an order", "From `placed` to `confirmed`.")
    static let ship = action(
        "Ship an order", "From `confirmed` to `shipped`; opens the shipment shown on the tracking page.",
        body: Schema.object([("carrier", Schema.string(minLength: 1, maxLength: 100)), ("tracking_number", Schema.string(minLength: 1, maxLength: 100))],
                            required: ["carrier", "tracking_number"]))
    static let deliver = action("Mark an order delivered", "From `shipped` to `delivered`; net-terms orders get their invoice (due 30 or 60 days after delivery).")
    static let cancel = action("Cancel an order before shipment", "From `placed` or `confirmed`; the reserved stock returns to your listings.")

    static let shipmentEvent = OpenAPIOperation(
        summary: "Add a tracking event to a shipped order", tags: tag, parameters: [idParameter, CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object(
            [("status", Schema.string(enum: ShipmentEventStatus.allowed)), ("location", Schema.string(maxLength: 100)),
             ("description", Schema.string(maxLength: 500))], required: ["status"])),
        responses: [
            OpenAPIResponse(201, "The order with the new event", schema: Schema.ref("Order")),
            problemResponse(404, "Not your order"), problemResponse(409, "The order is not shipped"),
        ])
}
