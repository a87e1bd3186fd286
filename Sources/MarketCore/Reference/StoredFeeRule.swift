import Store

/// A `fee_rules` row as a `FeeRule`: money columns are pairs of minor units and currency code.
enum StoredFeeRule {
    static func decode(_ row: Row) throws -> FeeRule {
        let id = row.string("id") ?? ""
        func fail(_ reason: String) -> ReferenceDataError { ReferenceDataError(table: "fee_rules", id: id, reason: reason) }
        guard let scope = row.string("scope").flatMap(FeeScope.init(rawValue:)) else { throw fail("bad scope") }
        guard let text = row.string("percent"), let percent = try? ExactDecimal.parse(text) else {
            throw fail("bad percent")
        }
        guard let effective = row.string("effective_from").flatMap({ Timestamp.parse($0) }),
              let created = row.string("created_at").flatMap({ Timestamp.parse($0) }) else { throw fail("bad timestamp") }
        func money(_ prefix: String) throws -> Money? {
            guard let minor = row.int64("\(prefix)_minor") else { return nil }
            guard let currency = row.string("\(prefix)_currency").flatMap(Currency.init(code:)) else {
                throw fail("\(prefix) has no valid currency")
            }
            return Money(minorUnits: minor, currency: currency)
        }
        return FeeRule(
            id: id, scope: scope, categoryID: row.string("category_id"), sellerID: row.string("seller_id"),
            percent: percent, fixedFee: try money("fixed_fee"), minFee: try money("min_fee"),
            maxFee: try money("max_fee"), effectiveFrom: effective, createdAt: created)
    }
}
