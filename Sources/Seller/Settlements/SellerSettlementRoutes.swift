import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// The supplier's own payout statements and balance (API.md, Seller: settlements, balance). Every query
/// carries the caller's organization id: another supplier's statement is a 404.
enum SellerSettlementRoutes {
    static let access = Access.supplier(.admin)

    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        SettlementSchemas.register()

        routes.add(.get, "/v1/seller/settlements", access: access, doc: SellerSettlementDocs.list) { request, context in
            let caller = try context.caller()
            let query = request.query
            let validation = Validation()
            var status: String?
            if let text = query["status"], !text.isEmpty {
                if ["issued", "paid"].contains(text) {
                    status = text
                } else {
                    validation.add("query.status", "must be one of: issued, paid", ko: "다음 중 하나여야 합니다: issued, paid")
                }
            }
            try validation.check()
            let page = try Pagination(query)
            let filter = SettlementView.Filter(supplierID: caller.organizationID, status: status)
            let (items, next) = try services.database.read { db in try SettlementView.list(db, filter: filter, page: page) }
            return .page(items, nextCursor: next)
        }

        routes.add(.get, "/v1/seller/settlements/{id}", access: access, doc: SellerSettlementDocs.detail) { request, context in
            let caller = try context.caller()
            let id = request.parameter("id")
            if request.accepts("text/csv") {
                guard try services.database.read({ db in try SettlementView.header(db, id: id, supplierID: caller.organizationID) }) != nil
                else { throw APIError.notFound("settlement") }
                return SettlementView.csv(services.database, settlementID: id)
            }
            let page = try Pagination(request.query)
            let json = try services.database.read { db -> JSON in
                guard let header = try SettlementView.header(db, id: id, supplierID: caller.organizationID) else {
                    throw APIError.notFound("settlement")
                }
                return try SettlementView.detail(db, header: header, page: page)
            }
            return .json(json)
        }

        routes.add(.get, "/v1/seller/balance", access: access, doc: SellerSettlementDocs.balance) { _, context in
            let caller = try context.caller()
            let (figures, payoutCurrency) = try services.database.read { db in
                (try SupplierBalance.figures(db, supplierID: caller.organizationID),
                 try db.scalar("SELECT COALESCE(payout_currency, default_currency) FROM organizations WHERE id = ?",
                               [.text(caller.organizationID)]).stringValue)
            }
            return .json([
                "payout_currency": .optional(payoutCurrency), "as_of": .string(services.nowText()),
                "balances": .array(figures.map(SupplierBalance.json)),
            ])
        }
    }
}
