import MarketCore
import Web

/// OpenAPI for the buyer's invoices.
enum InvoiceDocs {
    static let money = Schema.ref("Money")
    static let statuses = InvoiceStatus.allCases.map(\.rawValue)

    static let summaryProperties: [(String, JSON)] = [
        ("id", Schema.string()), ("number", Schema.string(example: "INV-00000042")), ("order_id", Schema.string()),
        ("po_number", Schema.nullable(Schema.string())), ("seller", Schema.object([("id", Schema.string()), ("name", Schema.string())])),
        ("currency", Schema.string()), ("payment_terms", Schema.string(enum: ["net_30", "net_60"])),
        ("issued_at", Schema.dateTime), ("due_at", Schema.dateTime), ("amount", money), ("credited", money), ("paid", money),
        ("amount_due", money), ("status", Schema.string(enum: statuses)), ("days_overdue", Schema.integer(minimum: 0)),
        ("updated_at", Schema.dateTime),
    ]

    static let summary: JSON = Schema.object(summaryProperties, required: ["id", "number", "amount_due", "status", "due_at"])

    static let detail: JSON = Schema.object(
        summaryProperties + [
            ("buyer", Schema.object([("id", Schema.string()), ("name", Schema.string()), ("country", Schema.string())])),
            ("shipping_address", Schema.anyObject), ("subtotal", money), ("shipping", money),
            ("lines", Schema.array(Schema.object(
                [("position", Schema.integer(minimum: 0)), ("sku", Schema.nullable(Schema.string())),
                 ("title", Schema.object([("en", Schema.nullable(Schema.string())), ("ko", Schema.nullable(Schema.string()))])),
                 ("unit", Schema.string()), ("quantity", Schema.integer(minimum: 1)), ("returned_quantity", Schema.integer(minimum: 0)),
                 ("unit_price", Schema.object([("amount", Schema.decimal), ("currency", Schema.string())])), ("line_total", money),
                 ("credited", money)]))),
            ("payments", Schema.array(Schema.object(
                [("id", Schema.string()), ("amount", money), ("method", Schema.string()), ("reference", Schema.string()),
                 ("created_at", Schema.dateTime)]))),
            ("refunds", Schema.array(Schema.anyObject)),
        ],
        required: ["id", "number", "amount_due", "status", "due_at", "lines"])

    static func registerComponents() {
        MarketDocs.addComponent("Invoice", summary)
        MarketDocs.addComponent("InvoiceDetail", detail)
    }

    static let rules = """
        Net-terms invoices, issued when the order is delivered, numbered without gaps (`INV-00000001`, …), due 30 or 60 \
        days later by the order's terms. `amount_due` = amount − credited (returns) − paid. `status`: `open`, \
        `partially_paid`, `paid` (nothing left to pay, by payments or returns), or `overdue` — computed when read: \
        something still due after `due_at`. Only the caller's company's invoices; another company's is 404.
        """

    static let list = OpenAPIOperation(
        summary: "List invoices",
        description: rules + " Newest first; `status` filters on the status as read now. `Accept: text/csv` gives every matching invoice as CSV (UTF-8 with BOM): "
            + InvoiceCSV.listColumns.joined(separator: ", ") + ".",
        tags: ["Buyer: Invoices"],
        parameters: CommonSchemas.pageParameters + [OpenAPIParameter("status", in: .query, schema: Schema.string(enum: statuses))],
        responses: [
            OpenAPIResponse(200, "A page of invoices (or CSV)", schema: Schema.page(Schema.ref("Invoice"))),
            OpenAPIResponse(422, "Invalid filter", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let detailOperation = OpenAPIOperation(
        summary: "One invoice",
        description: rules + " `Accept: text/html` gives a printable invoice in Korean and English; `Accept: text/csv` its lines as CSV: "
            + InvoiceCSV.lineColumns.joined(separator: ", ") + ".",
        tags: ["Buyer: Invoices"],
        parameters: [OpenAPIParameter("id", in: .path)],
        responses: [
            OpenAPIResponse(200, "The invoice (or HTML, or CSV)", schema: Schema.ref("InvoiceDetail")),
            OpenAPIResponse(404, "No such invoice for this company", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])
}
