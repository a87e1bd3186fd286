import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// Payments received, recorded by the operator's finance users (API.md, Operator: payments). The rules
/// live in `MarketCore/Payments/Payments.swift`; this file turns HTTP into them.
enum PaymentRoutes {
    static let access = Access.operator(.admin, .finance)

    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        let payments = Payments(services: services)
        PaymentDocs.registerComponents()

        routes.add(.post, "/v1/admin/payments", access: access, doc: PaymentDocs.create) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let orderID = body.string("order_id", maxLength: 64)
            let invoiceID = body.string("invoice_id", maxLength: 64)
            if !body.has("order_id") && !body.has("invoice_id") {
                body.fail("order_id", "or invoice_id is required", ko: "order_id 또는 invoice_id가 필요합니다")
            }
            let amount = body.money("amount", required: true)
            if let amount, !amount.isPositive { body.object("amount")?.fail("amount", "must be more than zero", ko: "0보다 커야 합니다") }
            let method = body.oneOf("method", PaymentMethod.allCases.map(\.rawValue), required: true).flatMap(PaymentMethod.init(rawValue:))
            let reference = body.string("reference", required: true, maxLength: 200)
            try validation.check()
            guard let amount, let method, let reference else { throw APIError.internal() }

            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db -> JSON in
                    let id = try payments.record(
                        db, Payments.Received(orderID: orderID, invoiceID: invoiceID, amount: amount, method: method, reference: reference,
                                              source: .operator),
                        actor: caller)
                    guard let view = try PaymentView.detail(db, paymentID: id) else { throw APIError.internal() }
                    return view
                }
                return .json(json, status: .created)
            }
        }

        routes.add(.get, "/v1/admin/payments", access: access, doc: PaymentDocs.list) { request, _ in
            let query = request.query
            let validation = Validation()
            let filter = PaymentView.Filter(
                orderID: query.text("order_id", validation), invoiceID: query.text("invoice_id", validation),
                buyerID: query.text("buyer_id", validation), status: query.oneOf("status", ["succeeded", "failed"], validation),
                source: query.oneOf("source", ["operator", "provider"], validation))
            try validation.check()
            let page = try Pagination(query)
            let after = page.after == nil ? nil : try RowCursor.decode(page.after)
            let rows = try services.database.read { db in try PaymentView.list(db, filter: filter, after: after, limit: page.limit + 1) }
            let (items, next) = page.page(rows) { String($0.int64("seq") ?? 0) }
            return .page(items.map(PaymentView.json), nextCursor: next)
        }

        routes.add(.get, "/v1/admin/payments/{id}", access: access, doc: PaymentDocs.detail) { request, _ in
            let view = try services.database.read { db in try PaymentView.detail(db, paymentID: request.parameter("id")) }
            guard let view else { throw APIError.notFound("payment") }
            return .json(view)
        }

        PaymentCallbackRoutes.register(routes)
    }
}
