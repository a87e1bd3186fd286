import Foundation
import MarketCore
import Store
import Web

/// Writing `fx_rates` rows (reading goes through `ReferenceData.fxTable`) and showing them.
enum FXRateStore {
    static func insert(_ db: Connection, _ rate: FXRate, createdAt: String) throws {
        try db.execute(
            "INSERT INTO fx_rates (id, base, quote, rate, effective_from, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(rate.id), .text(rate.base.code), .text(rate.quote.code), .text(rate.rate.description),
             .text(Timestamp.format(rate.effectiveFrom)), .text(createdAt), .text(rate.source)])
    }

    /// `scheduled` before its `effective_from`, `in_force` when it is the pair's rate at `instant`,
    /// else `superseded`.
    static func status(id: String, effectiveFrom: Date, in table: FXRateTable, base: Currency, quote: Currency,
                       at instant: Date) -> String {
        if effectiveFrom > instant { return "scheduled" }
        return table.storedRate(base: base, quote: quote, at: instant)?.id == id ? "in_force" : "superseded"
    }

    static func json(_ row: Row) -> JSON {
        [
            "id": .optional(row.string("id")), "base": .optional(row.string("base")), "quote": .optional(row.string("quote")),
            "rate": .optional(row.string("rate")), "effective_from": .optional(row.string("effective_from")),
            "created_at": .optional(row.string("created_at")), "created_by": .optional(row.string("created_by")),
        ]
    }
}

extension FXRate {
    func json(status: String? = nil) -> JSON {
        var object: JSONObject = [
            "id": .string(id), "base": .string(base.code), "quote": .string(quote.code), "rate": .string(rate.description),
            "effective_from": .string(Timestamp.format(effectiveFrom)), "created_by": .string(source),
        ]
        if let status { object["status"] = .string(status) }
        return .object(object)
    }
}
