import HTTPServer
import Store
import Web

/// Statement lines as CSV (`Accept: text/csv` on the statement routes).
extension SettlementView {
    public static let csvColumns = [
        "settlement_id", "position", "kind", "order_id", "return_id", "occurred_at", "order_currency", "rate", "rate_method",
        "order_gross", "order_commission", "order_refunds", "order_commission_reversed", "currency", "gross", "commission",
        "refunds", "commission_reversed", "net",
    ]

    /// The lines as CSV (RFC 4180), streamed in batches of short read transactions.
    public static func csv(_ database: Database, settlementID: String) -> HTTPResponse {
        let headers: HTTPHeaders = [
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": "attachment; filename=\"settlement-\(settlementID).csv\"",
        ]
        return HTTPResponse(status: .ok, headers: headers) { output in
            var writer = CSVWriter()
            writer.writeRow(csvColumns)
            var after: Int64 = -1
            while true {
                let rows = try database.read { db in try lines(db, settlementID: settlementID, after: after, limit: 2000) }
                for row in rows {
                    let currency = row.string("currency").flatMap(Currency.init(code:)) ?? .usd
                    let source = row.string("source_currency").flatMap(Currency.init(code:)) ?? currency
                    func amount(_ column: String, _ in: Currency) -> String { Money(minorUnits: row.int64(column) ?? 0, currency: `in`).amountString }
                    writer.writeRow([
                        settlementID, String(row.int64("position") ?? 0), row.string("kind") ?? "", row.string("order_id") ?? "",
                        row.string("return_id") ?? "", row.string("occurred_at") ?? "", source.code, row.string("rate") ?? "",
                        row.string("rate_method") ?? "", amount("source_gross_minor", source), amount("source_commission_minor", source),
                        amount("source_refunds_minor", source), amount("source_commission_reversed_minor", source), currency.code,
                        amount("gross_minor", currency), amount("commission_minor", currency), amount("refunds_minor", currency),
                        amount("commission_reversed_minor", currency), amount("net_minor", currency),
                    ])
                    after = row.int64("position") ?? after
                }
                try output.write(writer.drain())
                if rows.count < 2000 { break }
            }
        }
    }
}
