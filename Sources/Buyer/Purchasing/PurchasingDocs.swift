import MarketCore
import Web

/// OpenAPI descriptions of requisition lists, quick order, reorder and recurring orders.
enum PurchasingDocs {
    static let tag = ["Buyer: buying again"]
    static let idParameter = OpenAPIParameter("id", in: .path, required: true)
    static let ifMatch = OpenAPIParameter(
        "If-Match", in: .header, description: "The ETag last read (`\"v3\"`); a stale one is refused with 412. Optional.")
    static let etagHeader: [String: JSON] = ["ETag": ["description": "`\"v{version}\"`", "schema": Schema.string()]]

    static func registerComponents() {
        MarketDocs.addComponent("RequisitionList", requisitionList)
        MarketDocs.addComponent("RecurringOrder", recurringOrder)
    }

    static func problem(_ status: Int, _ description: String) -> OpenAPIResponse {
        OpenAPIResponse(status, description, contentType: "application/problem+json", schema: Schema.ref("Problem"))
    }

    static let line = Schema.object(
        [("product_id", Schema.string()), ("quantity", Schema.integer(minimum: 1, maximum: ListingRules.maxQuantity))],
        required: ["product_id", "quantity"])

    static let orderFields: [(String, JSON)] = [
        ("currency", Schema.string(pattern: "^[A-Z]{3}$")),
        ("payment_terms", Schema.string(enum: PaymentTerms.allCases.map(\.rawValue))),
        ("shipping_address", Schema.ref("ShippingAddress")),
        ("po_number", Schema.string(maxLength: 64)),
    ]

    static let checkoutAnswer = OpenAPIResponse(201, "Orders created, as `POST /v1/buyer/orders` answers", schema: Schema.object(
        [("checkout_id", Schema.string()), ("orders", Schema.array(Schema.ref("Order")))], required: ["checkout_id", "orders"]))

    static let checkoutNote = """
        The orders go through checkout exactly like `POST /v1/buyer/orders`: each listing at this buyer's price for \
        the quantity (contract price lists included), converted to `currency`; approval rules, credit limits, minimum \
        order quantities and stock apply, and all orders are placed or none.
        """

    // MARK: - Requisition lists

    static let requisitionLine = Schema.object(
        [
            ("product_id", Schema.string()), ("quantity", Schema.integer()), ("available", Schema.boolean),
            ("sku", Schema.string()), ("title", Schema.anyObject), ("display_title", Schema.nullable(Schema.string())),
            ("seller", Schema.object([("id", Schema.string()), ("name", Schema.nullable(Schema.string()))])),
            ("in_stock", Schema.boolean), ("min_order_quantity", Schema.integer()),
            ("unit_price", Schema.ref("Money")), ("line_total", Schema.ref("Money")),
            ("price_source", Schema.string(enum: ["list", "contract"])),
        ], required: ["product_id", "quantity", "available"])

    static let requisitionList = Schema.object(
        [
            ("id", Schema.string()), ("name", Schema.string()), ("lines", Schema.array(requisitionLine)),
            ("line_count", Schema.integer()), ("created_by", Schema.string()), ("updated_by", Schema.string()),
            ("version", Schema.integer()), ("created_at", Schema.dateTime), ("updated_at", Schema.dateTime),
        ], required: ["id", "name", "version"])

    static let listInput = Schema.object(
        [("name", Schema.string(minLength: 1, maxLength: RequisitionList.maxNameLength)),
         ("lines", Schema.array(line, maxItems: PurchaseLine.maxLines))],
        required: ["name", "lines"])

    static let listLineNote = """
        Each line must name a listing your organization can order now (active, of an active supplier, offered to \
        you) at no less than its minimum order quantity, each listing once. Reading a list prices each line as it \
        would be ordered now; a listing withdrawn since shows `available: false` without details.
        """

    static let createList = OpenAPIOperation(
        summary: "Create a requisition list shared with your organization",
        description: listLineNote, tags: tag, parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(listInput, example: ["name": "Site B monthly", "lines": [["product_id": "prd_...", "quantity": 200]]]),
        responses: [OpenAPIResponse(201, "Created", schema: Schema.ref("RequisitionList"), headers: etagHeader)])

    static let lists = OpenAPIOperation(
        summary: "Your organization's requisition lists, newest first", tags: tag, parameters: CommonSchemas.pageParameters,
        responses: [OpenAPIResponse(200, "A page of lists (without lines; `line_count`)", schema: Schema.page(Schema.ref("RequisitionList")))])

    static let readList = OpenAPIOperation(
        summary: "One requisition list, each line priced for you now", tags: tag, parameters: [idParameter],
        responses: [
            OpenAPIResponse(200, "The list", schema: Schema.ref("RequisitionList"), headers: etagHeader),
            problem(404, "No such list in your organization"),
        ])

    static let replaceList = OpenAPIOperation(
        summary: "Replace a requisition list's name and lines", description: listLineNote, tags: tag,
        parameters: [idParameter, ifMatch], requestBody: OpenAPIRequestBody(listInput),
        responses: [
            OpenAPIResponse(200, "The list as replaced", schema: Schema.ref("RequisitionList"), headers: etagHeader),
            problem(404, "No such list in your organization"), problem(412, "The list changed since the ETag in If-Match"),
        ])

    static let deleteList = OpenAPIOperation(
        summary: "Delete a requisition list", tags: tag, parameters: [idParameter, ifMatch],
        responses: [
            OpenAPIResponse(204, "Deleted"), problem(404, "No such list in your organization"),
            problem(412, "The list changed since the ETag in If-Match"),
        ])

    static let orderList = OpenAPIOperation(
        summary: "Order a requisition list",
        description: "\(checkoutNote) Problems name the list's lines (`lines[i].product_id`, `lines[i].quantity`).",
        tags: tag, parameters: [idParameter, CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object(orderFields, required: ["currency", "shipping_address"])),
        responses: [
            checkoutAnswer, problem(404, "No such list in your organization"),
            problem(409, "Not enough stock (`insufficient_stock`), or the same Idempotency-Key is in flight"),
        ])

    // MARK: - Quick order

    static let quickOrder = OpenAPIOperation(
        summary: "Quick order from a pasted CSV of SKUs and quantities",
        description: """
            The body is `text/csv` with one line per item: `sku,quantity[,seller_id]`. A first row containing a cell \
            `sku` is a header naming the columns (`sku`, `quantity`, optional `seller_id`) in any order; without it the \
            columns are positional. RFC 4180 quoting, UTF-8 with or without BOM, blank lines ignored, cells trimmed, at \
            most \(PurchaseLine.maxLines) lines. The order's options are query parameters: `currency` (required), \
            `payment_terms`, `po_number`, and the shipping address as `shipping_address[recipient]`, \
            `shipping_address[line1]`, `shipping_address[city]`, `shipping_address[country]` (and the address's other \
            fields likewise).

            Alternatively send `application/json`: `{"csv": "sku,quantity\\nHB-M8,200", "currency", "payment_terms", \
            "shipping_address", "po_number"}`.

            Each SKU resolves to the one listing with that SKU you can order (active, of an active supplier, offered to \
            you); with `seller_id`, to that supplier's. \(checkoutNote)

            Any problem and nothing is ordered: the 422 (`quick_order_rejected`, or checkout's own codes) lists \
            **every** problem as `{"line","field","message"}`, `line` being the line in the file: an unknown SKU, a SKU \
            sold by several suppliers without `seller_id`, a bad quantity, a listing named twice, and then checkout's \
            problems (below the minimum order quantity; 409 `insufficient_stock`). Problems with the options have no \
            `line` and name the parameter (`currency`, `shipping_address.line1`).
            """,
        tags: tag,
        parameters: [
            CommonSchemas.idempotencyKey,
            OpenAPIParameter("currency", in: .query, schema: Schema.string(pattern: "^[A-Z]{3}$"), description: "Required with text/csv."),
            OpenAPIParameter("payment_terms", in: .query, schema: Schema.string(enum: PaymentTerms.allCases.map(\.rawValue))),
            OpenAPIParameter("po_number", in: .query, schema: Schema.string(maxLength: 64)),
            OpenAPIParameter("shipping_address[recipient]", in: .query, description: "Required with text/csv."),
            OpenAPIParameter("shipping_address[line1]", in: .query, description: "Required with text/csv."),
            OpenAPIParameter("shipping_address[city]", in: .query, description: "Required with text/csv."),
            OpenAPIParameter("shipping_address[country]", in: .query, description: "ISO 3166-1 alpha-2; required with text/csv."),
        ],
        requestBody: OpenAPIRequestBody(Schema.string(), contentType: "text/csv"),
        responses: [
            checkoutAnswer,
            OpenAPIResponse(422, "Nothing ordered: every problem listed", contentType: "application/problem+json", schema: Schema.object(
                [
                    ("type", Schema.string()), ("title", Schema.string()), ("status", Schema.integer()), ("detail", Schema.string()),
                    ("errors", Schema.array(Schema.object([("line", Schema.integer()), ("field", Schema.string()), ("message", Schema.string())]))),
                ])),
            problem(409, "Not enough stock (`insufficient_stock`, by line), or the same Idempotency-Key is in flight"),
        ])

    // MARK: - Reorder

    static let reorder = OpenAPIOperation(
        summary: "Order a past order's lines again, at today's prices",
        description: """
            The same listings and quantities as order `id`, priced today for you (not at the old prices). The body is \
            optional: by default the currency, payment terms and shipping address of the original order; send any of \
            them (or a `po_number`) to change it. \(checkoutNote) A listing no longer available is a 422 naming its \
            line in the original order (`lines[i].product_id`); an item bought on an RFQ quote without a listing \
            cannot be reordered (`lines[i]`).
            """,
        tags: tag, parameters: [idParameter, CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object(orderFields), required: false),
        responses: [
            checkoutAnswer, problem(404, "No such order in your organization"),
            problem(409, "Not enough stock (`insufficient_stock`), or the same Idempotency-Key is in flight"),
        ])

    // MARK: - Recurring orders

    static let run = Schema.object(
        [
            ("id", Schema.string()), ("scheduled_for", Schema.dateTime), ("status", Schema.string(enum: ["placed", "failed"])),
            ("checkout_id", Schema.nullable(Schema.string())), ("order_ids", Schema.array(Schema.string())),
            ("error", Schema.nullable(Schema.ref("Problem"))), ("ran_at", Schema.dateTime),
        ], required: ["id", "scheduled_for", "status", "order_ids"])

    static let recurringOrder = Schema.object(
        [
            ("id", Schema.string()), ("lines", Schema.array(line)), ("currency", Schema.string()),
            ("payment_terms", Schema.string()), ("shipping_address", Schema.ref("ShippingAddress")),
            ("po_number", Schema.nullable(Schema.string())), ("every", Schema.string(pattern: "^P[0-9]{1,3}[DWM]$")),
            ("next_run", Schema.dateTime), ("created_by", Schema.string()), ("created_at", Schema.dateTime),
            ("updated_at", Schema.dateTime), ("last_run", Schema.nullable(run)), ("runs", Schema.array(run)),
        ], required: ["id", "lines", "currency", "every", "next_run"])

    static let createRecurring = OpenAPIOperation(
        summary: "Schedule a recurring order",
        description: """
            `every` is an ISO 8601 duration of days, weeks or months (`P1D`..`P366D`, `P1W`..`P52W`, `P1M`..`P12M`); \
            `next_run` (RFC 3339, not in the past) is the first run, and run k is `next_run + k × every` in UTC (months \
            clamp to the month's last day without drifting). At each run the server places the lines through checkout as \
            the user who created the schedule: \(checkoutNote) Orders at or above an approval rule wait in \
            `pending_approval`, and the creator cannot approve them. Each run is recorded once — never placed twice, \
            also across a restart — with its orders or, when checkout refused it (stock, credit, a listing withdrawn), \
            its problem; a failed run is not retried, the next one runs on schedule. Runs missed while the server was \
            down are placed once, late, then the schedule continues on its grid. The lines and terms are checked when \
            the schedule is created as for an order.
            """,
        tags: tag, parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [("lines", Schema.array(line, minItems: 1, maxItems: PurchaseLine.maxLines))] + orderFields
                    + [("every", Schema.string(pattern: "^P[0-9]{1,3}[DWM]$", example: "P2W")), ("next_run", Schema.dateTime)],
                required: ["lines", "currency", "shipping_address", "every", "next_run"]),
            example: [
                "lines": [["product_id": "prd_...", "quantity": 500]], "currency": "KRW", "payment_terms": "net_30",
                "shipping_address": ["recipient": "Kim Minji", "line1": "12 Teheran-ro", "city": "Seoul", "country": "KR"],
                "every": "P2W", "next_run": "2026-11-02T00:00:00Z",
            ]),
        responses: [OpenAPIResponse(201, "Scheduled", schema: Schema.ref("RecurringOrder"))])

    static let recurringList = OpenAPIOperation(
        summary: "Your organization's recurring orders, newest first, each with its last run", tags: tag,
        parameters: CommonSchemas.pageParameters,
        responses: [OpenAPIResponse(200, "A page of recurring orders", schema: Schema.page(Schema.ref("RecurringOrder")))])

    static let readRecurring = OpenAPIOperation(
        summary: "One recurring order with its runs (newest first): placed with their orders, or failed with the problem",
        tags: tag, parameters: [idParameter],
        responses: [
            OpenAPIResponse(200, "The recurring order", schema: Schema.ref("RecurringOrder")),
            problem(404, "No such recurring order in your organization"),
        ])

    static let deleteRecurring = OpenAPIOperation(
        summary: "Stop a recurring order",
        description: "No further runs are placed; orders already placed are ordinary orders.",
        tags: tag, parameters: [idParameter],
        responses: [OpenAPIResponse(204, "Stopped"), problem(404, "No such recurring order in your organization")])
}
