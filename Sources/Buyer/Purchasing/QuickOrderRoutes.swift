import HTTPServer
import MarketCore
import Store
import Web

/// `POST /v1/buyer/quick-order`: order from a pasted CSV of `sku,quantity[,seller_id]` (`QuickOrder`).
///
/// Two shapes, the same result:
/// - `Content-Type: text/csv`: the body is the file; the order's options are query parameters:
///   `currency` (required), `payment_terms`, `po_number`, and the address as
///   `shipping_address[recipient]`, `shipping_address[line1]`, ... (the fields of `shipping_address`);
/// - `Content-Type: application/json`: `{"csv": "...", "currency", "payment_terms", "shipping_address",
///   "po_number"}`, for clients that post a form.
/// Success is the answer of `POST /v1/buyer/orders` (201). Any line that does not resolve, or that
/// checkout refuses, is a problem `{"line","field","message"}` and nothing is ordered.
enum QuickOrderRoutes {
    static let maxCSVBytes = 1 << 20

    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        let checkout = Checkout(services: services)
        let idempotency = Idempotency(services: services)

        routes.add(.post, "/v1/buyer/quick-order", access: .buyer(.admin, .purchaser), doc: PurchasingDocs.quickOrder) { request, context in
            let caller = try context.caller()
            let (csv, options) = try read(request)
            var order = QuickOrder(csv: csv)
            // Lines that could not be read are reported together with those that do not resolve.
            return try idempotency.run(request, organizationID: caller.organizationID) {
                do {
                    let result = try services.database.write { db -> CheckoutResult in
                        let lines = try order.resolve(db, buyerID: caller.organizationID)
                        guard order.problems.isEmpty else { throw order.failure(language: request.language) }
                        return try checkout.place(
                            options.checkout(buyerID: caller.organizationID, placedBy: caller.userID, lines: lines, source: CheckoutSource(kind: "quick_order")),
                            in: db)
                    }
                    return .json(result.json, status: .created)
                } catch let error as APIError {
                    throw QuickOrder.mapped(error, language: request.language)
                }
            }
        }
    }

    /// The file and the order options, from either shape.
    static func read(_ request: Request) throws -> ([UInt8], OrderOptions) {
        let validation = Validation()
        let csv: [UInt8]
        let options: OrderOptions?
        switch request.contentType {
        case "text/csv":
            csv = request.body
            options = OrderOptions.read(validation.reader(queryOptions(request.query)))
        case "application/json":
            let body = validation.reader(try request.jsonObject())
            for key in body.object.keys where !["csv", "currency", "payment_terms", "shipping_address", "po_number"].contains(key) {
                body.fail(key, "is not a quick order field (allowed: csv, currency, payment_terms, shipping_address, po_number)",
                          ko: "빠른 주문 필드가 아닙니다")
            }
            csv = Array((body.string("csv", required: true, maxLength: maxCSVBytes) ?? "").utf8)
            options = OrderOptions.read(body)
        default:
            throw APIError.unsupportedMediaType(expected: "text/csv")
        }
        try validation.check()
        guard let options else { throw APIError.internal() }
        return (csv, options)
    }

    /// The query parameters as the JSON object `OrderOptions.read` expects: `shipping_address[line1]=..`
    /// becomes `shipping_address.line1`, so errors name the same fields in both shapes.
    static func queryOptions(_ query: QueryParameters) -> JSONObject {
        var object = JSONObject()
        var address = JSONObject()
        for (name, value) in query.pairs {
            if name.hasPrefix("shipping_address["), name.hasSuffix("]") {
                let field = String(name.dropFirst("shipping_address[".count).dropLast())
                if address[field] == nil { address[field] = .string(value) }
            } else if ["currency", "payment_terms", "po_number"].contains(name), object[name] == nil {
                object[name] = .string(value)
            }
        }
        if address.count > 0 { object["shipping_address"] = .object(address) }
        return object
    }
}
