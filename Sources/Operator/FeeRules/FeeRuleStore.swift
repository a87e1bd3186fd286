import MarketCore
import Store

/// Writing `fee_rules` rows (reading goes through `ReferenceData.feeRules`). Insert only: there is no update.
enum FeeRuleStore {
    static func insert(_ db: Connection, _ rule: FeeRule, createdBy: String) throws {
        func minor(_ money: Money?) -> SQLValue { money.map { .integer($0.minorUnits) } ?? .null }
        func code(_ money: Money?) -> SQLValue { money.map { .text($0.currency.code) } ?? .null }
        try db.execute(
            """
            INSERT INTO fee_rules (id, scope, category_id, seller_id, percent, fixed_fee_minor, fixed_fee_currency,
                                   min_fee_minor, min_fee_currency, max_fee_minor, max_fee_currency,
                                   effective_from, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(rule.id), .text(rule.scope.rawValue), rule.categoryID.map { .text($0) } ?? .null,
             rule.sellerID.map { .text($0) } ?? .null, .text(rule.percent.description),
             minor(rule.fixedFee), code(rule.fixedFee), minor(rule.minFee), code(rule.minFee),
             minor(rule.maxFee), code(rule.maxFee), .text(Timestamp.format(rule.effectiveFrom)),
             .text(Timestamp.format(rule.createdAt)), .text(createdBy)])
    }
}
