import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// `GET /v1/admin/kpis?from=&to=&currency=` (definitions in `KPIReport`).
enum KPIRoutes {
    /// The longest window one request may ask for (its daily series has one point per day).
    static let maxDays = 366

    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.get, "/v1/admin/kpis", access: .operator(.admin, .finance), doc: KPIDocs.report) { request, _ in
            let query = request.query
            let validation = Validation()
            let now = services.now()
            var to = query.timestamp("to", validation) ?? now
            // A date alone as `to` includes that whole day.
            if query["to"]?.utf8.count == 10 { to = to.addingTimeInterval(86_400) }
            let from = query.timestamp("from", validation) ?? to.addingTimeInterval(-30 * 86_400)
            let currency = query.currency("currency", validation)
                ?? Currency(code: services.settings.baseCurrency) ?? .usd
            if from >= to {
                validation.add("query.from", "must be before to", ko: "to보다 앞서야 합니다")
            } else if to.timeIntervalSince(from) > Double(maxDays) * 86_400 {
                validation.add("query.from", "the window may span at most \(maxDays) days", ko: "기간은 최대 \(maxDays)일입니다")
            }
            try validation.check()
            let json = try services.database.read { db in
                let rates = try ReferenceData.fxTable(db, baseCurrency: services.settings.baseCurrency)
                return try KPIReport(from: from, to: to, currency: currency, rates: rates, now: now).json(db)
            }
            return .json(json)
        }
    }
}
