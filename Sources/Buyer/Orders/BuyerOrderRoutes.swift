import MarketCore
import Web

/// The buyer's orders (API.md, Buyer): checkout, lists, approvals, cancel, receipt and returns. The
/// business rules live in MarketCore/Orders (`Checkout`, `OrderTransitions`, `OrderReturns`), shared with
/// the seller routes and with RFQ awards; this file turns HTTP into calls to them.
enum BuyerOrderRoutes {
    static func register(_ routes: MarketRoutes) {
        OrderDocs.registerComponents()
        let services = routes.services
        let checkout = Checkout(services: services)
        let transitions = OrderTransitions(services: services)
        let idempotency = Idempotency(services: services)

        routes.add(.post, "/v1/buyer/orders", access: .buyer(.admin, .purchaser), doc: BuyerOrderDocs.create) { request, context in
            let caller = try context.caller()
            let order = try CheckoutBody.read(request, caller: caller)
            // With a key, Idempotency.run stores the answer in the checkout's transaction.
            return try idempotency.run(request, organizationID: caller.organizationID) {
                .json(try checkout.place(order).json, status: .created)
            }
        }

        routes.add(.get, "/v1/buyer/orders", access: .buyer(), doc: BuyerOrderDocs.list) { request, context in
            let caller = try context.caller()
            let status = try OrderQueries.statusFilter(request.query)
            let page = try Pagination(request.query)
            let (items, next) = try services.database.read { db in
                try OrderQueries.list(db, scope: .buyer(caller.organizationID), status: status, page: page)
            }
            return .page(items, nextCursor: next)
        }

        routes.add(.get, "/v1/buyer/orders/{id}", access: .buyer(), doc: BuyerOrderDocs.detail) { request, context in
            let caller = try context.caller()
            let view = try services.database.read { db in
                try OrderView.detail(db, orderID: request.parameter("id"), scope: .buyer(caller.organizationID))
            }
            guard let view else { throw APIError.notFound("order") }
            return .json(view)
        }

        let actions: [(String, OrderAction, Access, OpenAPIOperation)] = [
            ("approve", .approve, .buyer(.admin, .approver), BuyerOrderDocs.approve),
            ("reject", .reject, .buyer(.admin, .approver), BuyerOrderDocs.reject),
            ("cancel", .cancel, .buyer(.admin, .purchaser), BuyerOrderDocs.cancel),
            ("receive", .receive, .buyer(.admin, .purchaser), BuyerOrderDocs.receive),
        ]
        for (name, action, access, doc) in actions {
            routes.add(.post, "/v1/buyer/orders/{id}/\(name)", access: access, doc: doc) { request, context in
                let caller = try context.caller()
                let validation = Validation()
                let body = validation.reader(try request.optionalJSONObject())
                let reason = body.string("reason", maxLength: 1000)
                try validation.check()
                return try idempotency.run(request, organizationID: caller.organizationID) {
                    .json(try transitions.perform(
                        action, orderID: request.parameter("id"), scope: .buyer(caller.organizationID),
                        context: OrderTransitions.Context(caller, note: reason)))
                }
            }
        }

        BuyerReturnRoutes.register(routes)
        ApprovalRuleRoutes.register(routes)
        TrackingRoutes.register(routes)
    }
}
