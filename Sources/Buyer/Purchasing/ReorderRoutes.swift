import HTTPServer
import MarketCore
import Store
import Web

/// `POST /v1/buyer/orders/{id}/reorder`: a past order's lines again, at today's prices (`Reorder`).
enum ReorderRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        let checkout = Checkout(services: services)
        let idempotency = Idempotency(services: services)

        routes.add(.post, "/v1/buyer/orders/{id}/reorder", access: .buyer(.admin, .purchaser), doc: PurchasingDocs.reorder) { request, context in
            let caller = try context.caller()
            let body = try request.optionalJSONObject()
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let result = try services.database.write { db -> CheckoutResult in
                    let validation = Validation()
                    guard let past = try Reorder.load(db, buyerID: caller.organizationID, orderID: request.parameter("id"), validation: validation)
                    else { throw APIError.notFound("order") }
                    let options = Reorder.options(validation.reader(body), defaults: past.options)
                    try validation.check()
                    return try checkout.place(
                        options.checkout(buyerID: caller.organizationID, placedBy: caller.userID, lines: past.lines,
                                         source: .reorder(request.parameter("id"))), in: db)
                }
                return .json(result.json, status: .created)
            }
        }
    }
}
