import Foundation
import MarketCore
import Store
import Web

/// The operator's headline figures over `[from, to)`, in one currency (`GET /v1/admin/kpis`).
///
/// Definitions (also in the OpenAPI description):
/// - an order counts when it was PLACED in the window (`placed_at`; approval-pending and rejected orders
///   never were) and is not cancelled. `gmv` = Σ order totals (before returns; `refunds` beside it),
///   `commission` = Σ commission as priced (before reversals; `commission_reversed` beside it),
///   `average_order_value` = gmv / orders, `take_rate` = commission / gmv.
/// - `active_buyers` / `active_sellers`: distinct organizations with such an order; `repeat_buyer_rate`:
///   the share of active buyers with two or more of them.
/// - `rfqs`: RFQs created in the window; `rfq_award_rate`: the share of those awarded.
/// - money is converted into `currency` at the rates in force NOW (not at each order's date): figures of
///   different windows stay comparable in today's terms. Each day's sum per order currency is converted
///   and rounded half-to-even once; totals are the sums of the daily figures. An order currency no rate
///   converts is left out of the money figures and named in `notes`.
struct KPIReport {
    let from: Date
    let to: Date
    let currency: Currency
    let rates: FXRateTable
    let now: Date

    private struct Day {
        var orders: Int64 = 0
        var gmv: Int64 = 0
        var commission: Int64 = 0
    }

    func json(_ db: Connection) throws -> JSON {
        let fromText = Timestamp.format(from)
        let toText = Timestamp.format(to)
        var notes = [String]()
        var days = [String: Day]()
        var totals = (orders: Int64(0), gmv: Int64(0), commission: Int64(0), refunds: Int64(0), reversed: Int64(0))
        var unconvertible = [String: Int64]()

        let window = "o.placed_at IS NOT NULL AND o.placed_at >= ? AND o.placed_at < ? AND o.status <> 'cancelled'"
        try db.forEach(
            """
            SELECT substr(o.placed_at, 1, 10) AS day, o.currency, COUNT(*) AS orders, SUM(o.total_minor) AS gmv,
                   SUM(o.commission_minor) AS commission, SUM(o.refunded_minor) AS refunds,
                   SUM(o.commission_reversed_minor) AS reversed
            FROM orders o WHERE \(window) GROUP BY day, o.currency ORDER BY day, o.currency
            """, [.text(fromText), .text(toText)]
        ) { row in
            let count = row.int64("orders") ?? 0
            let day = row.string("day") ?? ""
            var figures = days[day] ?? Day()
            figures.orders += count
            totals.orders += count
            defer { days[day] = figures }
            guard let source = row.string("currency").flatMap(Currency.init(code:)),
                  let quote = rates.rate(from: source, to: currency, at: now)
            else {
                unconvertible[row.string("currency") ?? "?", default: 0] += count
                return
            }
            func convert(_ column: String) throws -> Int64 {
                try quote.convert(Money(minorUnits: row.int64(column) ?? 0, currency: source)).minorUnits
            }
            let gmv = try convert("gmv")
            let commission = try convert("commission")
            figures.gmv += gmv
            figures.commission += commission
            totals.gmv += gmv
            totals.commission += commission
            totals.refunds += try convert("refunds")
            totals.reversed += try convert("reversed")
        }
        for (code, count) in unconvertible.sorted(by: { $0.key < $1.key }) {
            notes.append("No rate converts \(code) to \(currency.code) now: the money of its \(count) order(s) is left out.")
        }

        let people = try db.queryOne(
            """
            SELECT COUNT(DISTINCT o.buyer_id) AS buyers, COUNT(DISTINCT o.seller_id) AS sellers,
                   (SELECT COUNT(*) FROM (SELECT o2.buyer_id FROM orders o2 WHERE \(window.replacingOccurrences(of: "o.", with: "o2."))
                    GROUP BY o2.buyer_id HAVING COUNT(*) >= 2)) AS repeat_buyers
            FROM orders o WHERE \(window)
            """, [.text(fromText), .text(toText), .text(fromText), .text(toText)])
        let buyers = people?.int64("buyers") ?? 0
        let sellers = people?.int64("sellers") ?? 0
        let repeatBuyers = people?.int64("repeat_buyers") ?? 0

        var rfqs: Int64 = 0
        var awarded: Int64 = 0
        if try db.queryOne("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rfqs'") != nil {
            let row = try db.queryOne(
                "SELECT COUNT(*) AS rfqs, SUM(state = 'awarded') AS awarded FROM rfqs WHERE created_at >= ? AND created_at < ?",
                [.text(fromText), .text(toText)])
            rfqs = row?.int64("rfqs") ?? 0
            awarded = row?.int64("awarded") ?? 0
        } else {
            notes.append("RFQs are not recorded in this database: rfqs and rfq_award_rate are 0.")
        }

        func money(_ minor: Int64) -> JSON { Money(minorUnits: minor, currency: currency).json }
        let gmv = Money(minorUnits: totals.gmv, currency: currency)
        let average = totals.orders > 0 ? try gmv.prorated(numerator: 1, denominator: totals.orders) : .zero(currency)
        return [
            "from": .string(fromText), "to": .string(toText), "currency": .string(currency.code),
            "rates_at": .string(Timestamp.format(now)),
            "gmv": gmv.json, "orders": .number(String(totals.orders)), "average_order_value": average.json,
            "commission": money(totals.commission), "take_rate": .string(Self.ratio(totals.commission, totals.gmv)),
            "refunds": money(totals.refunds), "commission_reversed": money(totals.reversed),
            "rfqs": .number(String(rfqs)), "rfqs_awarded": .number(String(awarded)),
            "rfq_award_rate": .string(Self.ratio(awarded, rfqs)),
            "active_buyers": .number(String(buyers)), "active_sellers": .number(String(sellers)),
            "repeat_buyers": .number(String(repeatBuyers)), "repeat_buyer_rate": .string(Self.ratio(repeatBuyers, buyers)),
            "series": .array(series(days).map { day, figures in
                ["date": .string(day), "orders": .number(String(figures.orders)), "gmv": money(figures.gmv),
                 "commission": money(figures.commission)]
            }),
            "notes": .array(notes.map(JSON.string)),
        ]
    }

    /// Every UTC day of the window, with zeros for days without orders.
    private func series(_ days: [String: Day]) -> [(String, Day)] {
        var result = [(String, Day)]()
        var day = Timestamp.parse(Timestamp.day(from), allowDateOnly: true) ?? from
        while day < to {
            let key = Timestamp.day(day)
            result.append((key, days[key] ?? Day()))
            day = day.addingTimeInterval(86_400)
        }
        return result
    }

    /// `numerator / denominator` as a decimal string with 4 places, half-to-even; "0.0000" for 0/0.
    static func ratio(_ numerator: Int64, _ denominator: Int64) -> String {
        guard denominator != 0,
              let value = try? ExactDecimal(numerator).divided(by: ExactDecimal(denominator), scale: 4)
        else { return "0.0000" }
        return value.description
    }
}
