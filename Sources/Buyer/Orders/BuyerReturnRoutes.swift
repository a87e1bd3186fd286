import MarketCore
import Web

/// `POST /v1/buyer/orders/{id}/returns`: a return after delivery (rules in `OrderReturns`).
enum BuyerReturnRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        let returns = OrderReturns(services: services)
        let idempotency = Idempotency(services: services)

        routes.add(.post, "/v1/buyer/orders/{id}/returns", access: .buyer(.admin, .purchaser), doc: BuyerOrderDocs.createReturn) {
            request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            var lines = [OrderReturns.Line]()
            for line in body.objects("lines", required: true, minCount: 1, maxCount: CheckoutBody.maxLines) ?? [] {
                let lineID = line.string("line_id", required: true, maxLength: 64)
                let quantity = line.integer("quantity", required: true, min: 1, max: 1_000_000_000)
                if let lineID, let quantity { lines.append(.init(lineID: lineID, quantity: quantity, field: line.path)) }
            }
            let reason = body.string("reason", required: true, maxLength: 1000)
            try validation.check()
            guard let reason else { throw APIError.internal() }
            let orderID = request.parameter("id")
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let view = try services.database.write { db in
                    let returnID = try returns.create(
                        db, orderID: orderID, buyerID: caller.organizationID, lines: lines, reason: reason,
                        actor: OrderActor(caller))
                    return try OrderReturns.view(db, returnID: returnID)
                }
                guard let view else { throw APIError.internal() }
                return .json(view, status: .created)
            }
        }
    }
}
