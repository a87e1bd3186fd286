import Store

/// An `fx_rates` row as an `FXRate`.
enum StoredFXRate {
    static func decode(_ row: Row) throws -> FXRate {
        let id = row.string("id") ?? ""
        func fail(_ reason: String) -> ReferenceDataError { ReferenceDataError(table: "fx_rates", id: id, reason: reason) }
        guard let base = row.string("base").flatMap(Currency.init(code:)),
              let quote = row.string("quote").flatMap(Currency.init(code:)) else { throw fail("unknown currency") }
        guard let text = row.string("rate"), let rate = try? ExactDecimal.parse(text) else { throw fail("bad rate") }
        guard let effective = row.string("effective_from").flatMap({ Timestamp.parse($0) }) else {
            throw fail("bad effective_from")
        }
        do {
            return try FXRate(id: id, base: base, quote: quote, rate: rate, effectiveFrom: effective,
                              source: row.string("created_by") ?? "")
        } catch {
            throw fail(error.description)
        }
    }
}
