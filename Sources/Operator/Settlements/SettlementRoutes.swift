import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// Settlement runs and payout tracking (API.md, Operator: settlements). The money rules live in
/// `MarketCore/Ledger/SettlementRun.swift`; this file turns HTTP into them.
enum SettlementRoutes {
    static let access = Access.operator(.admin, .finance)

    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        SettlementDocs.registerComponents()

        routes.add(.post, "/v1/admin/settlements", access: access, doc: SettlementDocs.create) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let text = body.string("period_end", required: true, maxLength: 40)
            let requested = body.timestamp("period_end", required: true, allowDateOnly: true)
            try validation.check()
            guard let text, var periodEnd = requested else { throw APIError.internal() }
            // A date alone means that whole day (UTC); a period never ends after now, so a later run over the
            // same period cannot find orders the first one had no chance to see.
            if text.utf8.count == 10 { periodEnd = periodEnd.addingTimeInterval(86_400 - 0.001) }
            let now = services.now()
            let effective = min(periodEnd, now)

            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db -> JSON in
                    let rates = try ReferenceData.fxTable(db, baseCurrency: services.settings.baseCurrency)
                    let run = SettlementRun(periodEnd: Timestamp.format(effective), now: now, actor: caller, rates: rates)
                    let outcome = try run.run(db)
                    var statements = [JSON]()
                    for statement in outcome.statements {
                        if let row = try SettlementView.header(db, id: statement.id) { statements.append(SettlementView.summary(row)) }
                    }
                    return [
                        "run_id": .optional(outcome.runID), "period_end": .string(outcome.periodEnd),
                        "requested_period_end": .string(Timestamp.format(periodEnd)),
                        "settlements": .array(statements),
                        "carried_forward": .array(outcome.carriedForward.map {
                            ["supplier_id": .string($0.supplierID), "currency": .string($0.currency.code),
                             "adjustments": .number(String($0.count)), "net": $0.net.json]
                        }),
                        "waiting_orders": ["count": .number(String(outcome.waitingCount)),
                                           "sample": .array(outcome.waitingSample.map(JSON.string))],
                    ]
                }
                let issued = !(json["settlements"]?.arrayValue?.isEmpty ?? true)
                return .json(json, status: issued ? .created : .ok)
            }
        }

        routes.add(.get, "/v1/admin/settlements", access: access, doc: SettlementDocs.list) { request, _ in
            let query = request.query
            let validation = Validation()
            let supplierID = query.text("supplier_id", validation)
            let runID = query.text("run_id", validation)
            let currency = query.currency("currency", validation)
            let status = query.oneOf("status", ["issued", "paid"], validation)
            try validation.check()
            let page = try Pagination(query)
            let filter = SettlementView.Filter(supplierID: supplierID, runID: runID, currency: currency, status: status)
            let (items, next) = try services.database.read { db in try SettlementView.list(db, filter: filter, page: page) }
            return .page(items, nextCursor: next)
        }

        routes.add(.get, "/v1/admin/settlements/{id}", access: access, doc: SettlementDocs.detail) { request, _ in
            let id = request.parameter("id")
            if request.accepts("text/csv") {
                guard try services.database.read({ db in try SettlementView.header(db, id: id) }) != nil else {
                    throw APIError.notFound("settlement")
                }
                return SettlementView.csv(services.database, settlementID: id)
            }
            let page = try Pagination(request.query)
            let json = try services.database.read { db -> JSON in
                guard let header = try SettlementView.header(db, id: id) else { throw APIError.notFound("settlement") }
                return try SettlementView.detail(db, header: header, page: page)
            }
            return .json(json)
        }

        routes.add(.post, "/v1/admin/settlements/{id}/paid", access: access, doc: SettlementDocs.paid) { request, context in
            let caller = try context.caller()
            let id = request.parameter("id")
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let reference = body.string("reference", required: true, maxLength: 200)
            try validation.check()
            guard let reference else { throw APIError.internal() }
            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db -> JSON in
                    try SettlementPayout.markPaid(db, settlementID: id, reference: reference, at: services.nowText(), actor: caller)
                    guard let header = try SettlementView.header(db, id: id) else { throw APIError.notFound("settlement") }
                    return SettlementView.summary(header)
                }
                return .json(json)
            }
        }
    }
}
