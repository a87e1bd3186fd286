import MarketCore
import Web

/// The supplier's side of orders (API.md, Seller): its orders, and fulfilment — confirm, ship (carrier and
/// tracking number), shipment events, deliver, cancel. Another supplier's order, or one still waiting for
/// the buyer's internal approval, is a 404. Transitions are decided by `OrderStateMachine`.
enum SellerOrderRoutes {
    static func register(_ routes: MarketRoutes) {
        OrderDocs.registerComponents()
        let services = routes.services
        let transitions = OrderTransitions(services: services)
        let idempotency = Idempotency(services: services)

        routes.add(.get, "/v1/seller/orders", access: .supplier(.admin, .sales), doc: SellerOrderDocs.list) { request, context in
            let caller = try context.caller()
            let status = try OrderQueries.statusFilter(request.query)
            let page = try Pagination(request.query)
            let (items, next) = try services.database.read { db in
                try OrderQueries.list(db, scope: .seller(caller.organizationID), status: status, page: page)
            }
            return .page(items, nextCursor: next)
        }

        routes.add(.get, "/v1/seller/orders/{id}", access: .supplier(.admin, .sales), doc: SellerOrderDocs.detail) { request, context in
            let caller = try context.caller()
            let view = try services.database.read { db in
                try OrderView.detail(db, orderID: request.parameter("id"), scope: .seller(caller.organizationID))
            }
            guard let view else { throw APIError.notFound("order") }
            return .json(view)
        }

        let actions: [(String, OrderAction, OpenAPIOperation)] = [
            ("confirm", .confirm, SellerOrderDocs.confirm),
            ("ship", .ship, SellerOrderDocs.ship),
            ("deliver", .deliver, SellerOrderDocs.deliver),
            ("cancel", .cancel, SellerOrderDocs.cancel),
        ]
        for (name, action, doc) in actions {
            routes.add(.post, "/v1/seller/orders/{id}/\(name)", access: .supplier(.admin, .sales), doc: doc) { request, context in
                let caller = try context.caller()
                let validation = Validation()
                let body = validation.reader(action == .ship ? try request.jsonObject() : try request.optionalJSONObject())
                var shipment: OrderTransitions.ShipmentDetails?
                if action == .ship {
                    let carrier = body.string("carrier", required: true, maxLength: 100)
                    let number = body.string("tracking_number", required: true, maxLength: 100)
                    if let carrier, let number { shipment = .init(carrier: carrier, trackingNumber: number) }
                }
                let reason = body.string("reason", maxLength: 1000)
                try validation.check()
                return try idempotency.run(request, organizationID: caller.organizationID) {
                    .json(try transitions.perform(
                        action, orderID: request.parameter("id"), scope: .seller(caller.organizationID),
                        context: OrderTransitions.Context(caller, note: reason, shipment: shipment)))
                }
            }
        }

        routes.add(.post, "/v1/seller/orders/{id}/shipment/events", access: .supplier(.admin, .sales), doc: SellerOrderDocs.shipmentEvent) {
            request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let status = body.oneOf("status", ShipmentEventStatus.allowed, required: true)
            let location = body.string("location", maxLength: 100)
            let description = body.string("description", maxLength: 500)
            try validation.check()
            guard let status else { throw APIError.internal() }
            let orderID = request.parameter("id")
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let view = try services.database.write { db in
                    try Shipments.record(db, orderID: orderID, sellerID: caller.organizationID, status: status, location: location,
                                         description: description, at: services.nowText())
                    return try OrderView.detail(db, orderID: orderID, scope: .seller(caller.organizationID))
                }
                guard let view else { throw APIError.notFound("order") }
                return .json(view, status: .created)
            }
        }
    }
}

/// Tracking updates a supplier may post between ship and deliver (`shipped` and `delivered` are written
/// by the transitions themselves).
enum ShipmentEventStatus {
    static let allowed = ["in_transit", "at_hub", "customs", "out_for_delivery", "delayed", "exception"]
}
