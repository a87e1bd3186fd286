import Foundation
import MarketCore
import Store
import Web

/// `GET /v1/admin/receivables`: what buyers owe on net-terms invoices, aged (rules in
/// `MarketCore/Payments/Receivables.swift`).
enum ReceivableRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.get, "/v1/admin/receivables", access: .operator(.admin, .finance), doc: ReceivableDocs.aging) { request, _ in
            let query = request.query
            let validation = Validation()
            let currency = query.currency("currency", validation)
            let requested = query.timestamp("as_of", validation)
            let buyerID = query.text("buyer_id", validation)
            try validation.check()
            let now = services.now()
            var asOf = requested ?? now
            // A date alone means that whole UTC day.
            if requested != nil, query["as_of"]?.utf8.count == 10 { asOf = asOf.addingTimeInterval(86_400 - 0.001) }
            let target = currency ?? Currency(code: services.settings.baseCurrency) ?? .usd

            let json = try services.database.read { db -> JSON in
                let rates = try ReferenceData.fxTable(db, baseCurrency: services.settings.baseCurrency)
                let report = try Receivables.load(db, asOf: asOf, currency: target, rates: rates, ratesAt: now, buyerID: buyerID, now: now)
                return try report.json(ratesAt: now)
            }
            return .json(json)
        }
    }
}
