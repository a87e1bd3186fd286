import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// Recurring orders: schedules the server places through checkout (`RecurringOrderScheduler`), each
/// run recorded with its orders or its problem.
enum RecurringOrderRoutes {
    static let access = Access.buyer(.admin, .purchaser)

    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        let idempotency = Idempotency(services: services)

        routes.add(.post, "/v1/buyer/recurring-orders", access: access, doc: PurchasingDocs.createRecurring) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let lines = PurchaseLine.read(body)
            let options = OrderOptions.read(body)
            var every: RecurrenceInterval?
            if let text = body.string("every", required: true, maxLength: 10) {
                every = RecurrenceInterval(iso: text)
                if every == nil {
                    body.fail("every", "must be an ISO 8601 duration of days, weeks or months: P1D to P366D, P1W to P52W, P1M to P12M",
                              ko: "ISO 8601 기간이어야 합니다 (P1D~P366D, P1W~P52W, P1M~P12M)")
                }
            }
            let nextRun = body.timestamp("next_run", required: true)
            if let nextRun, nextRun < services.now().addingTimeInterval(-60) {
                body.fail("next_run", "must not be in the past", ko: "과거일 수 없습니다")
            }
            try validation.check()
            guard let lines, let options, let every, let nextRun else { throw APIError.internal() }
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let schedule = try services.database.write { db -> RecurringOrder in
                    try PurchaseLine.checkOrderable(db, buyerID: caller.organizationID, lines: lines, validation: validation)
                    let allowed = try db.scalar("SELECT payment_terms FROM organizations WHERE id = ?", [.text(caller.organizationID)]).stringValue
                    if !PaymentTerms.allowed(storage: allowed).contains(options.paymentTerms) {
                        validation.add("payment_terms", "\(options.paymentTerms.rawValue) is not allowed for your organization; the operator sets the allowed terms",
                                       ko: "\(options.paymentTerms.rawValue) 결제 조건은 허용되지 않습니다")
                    }
                    try validation.check()
                    let now = services.nowText()
                    let schedule = RecurringOrder(
                        id: ID.make(RecurringOrder.idPrefix, at: services.now()), buyerID: caller.organizationID,
                        createdBy: caller.userID, lines: lines, options: options, every: every, firstRun: nextRun, runsScheduled: 0,
                        nextRun: Timestamp.format(nextRun), createdAt: now, updatedAt: now)
                    try RecurringOrder.insert(db, schedule)
                    return schedule
                }
                return .json(schedule.json, status: .created, headers: ["Location": "/v1/buyer/recurring-orders/\(schedule.id)"])
            }
        }

        routes.add(.get, "/v1/buyer/recurring-orders", access: access, doc: PurchasingDocs.recurringList) { request, context in
            let caller = try context.caller()
            let page = try Pagination(request.query)
            let (items, next) = try services.database.read { db in
                try RecurringOrder.page(db, buyerID: caller.organizationID, page: page)
            }
            return .page(items, nextCursor: next)
        }

        routes.add(.get, "/v1/buyer/recurring-orders/{id}", access: access, doc: PurchasingDocs.readRecurring) { request, context in
            let caller = try context.caller()
            let json = try services.database.read { db -> JSON? in
                try RecurringOrder.find(db, buyerID: caller.organizationID, id: request.parameter("id"))?.detailJSON(db)
            }
            guard let json else { throw APIError.notFound("recurring order") }
            return .json(json)
        }

        routes.add(.delete, "/v1/buyer/recurring-orders/{id}", access: access, doc: PurchasingDocs.deleteRecurring) { request, context in
            let caller = try context.caller()
            let deleted = try services.database.write { db in
                try RecurringOrder.delete(db, buyerID: caller.organizationID, id: request.parameter("id"), now: services.nowText())
            }
            guard deleted else { throw APIError.notFound("recurring order") }
            return .noContent()
        }
    }
}
