import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// Commission rules (API.md, Operator: fee-rules). Rules are only ever added: a new rule supersedes older
/// ones for the same target from its `effective_from`, and orders keep the rule they were priced with.
enum FeeRuleRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.post, "/v1/admin/fee-rules", access: .operator(.admin, .finance), doc: FeeRuleDocs.create) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let scope = body.oneOf("scope", FeeScope.allCases.map(\.rawValue), required: true).flatMap(FeeScope.init(rawValue:))
            let categoryID = body.string("category_id", maxLength: 100)
            let sellerID = body.string("seller_id", maxLength: 100)
            let percent = body.decimal("percent", required: true, maxScale: 4, min: .zero, max: .hundred)
            let fixedFee = body.money("fixed_fee")
            let minFee = body.money("min_fee")
            let maxFee = body.money("max_fee")
            let effectiveFrom = body.timestamp("effective_from") ?? services.now()
            let createdAt = services.now()

            var draft: FeeRule?
            if let scope {
                // Checked even when `percent` was refused, so one 422 names every bad field.
                let rule = FeeRule(
                    id: ID.make("fee"), scope: scope, categoryID: categoryID, sellerID: sellerID, percent: percent ?? .zero,
                    fixedFee: fixedFee, minFee: minFee, maxFee: maxFee, effectiveFrom: effectiveFrom, createdAt: createdAt)
                for violation in rule.violations() {
                    body.fail(violation.field, violation.message, ko: FeeRuleMessages.korean(violation))
                }
                draft = rule
            }
            try services.database.read { db in
                if let categoryID, try Category.find(db, id: categoryID) == nil {
                    body.fail("category_id", "is not a known category", ko: "존재하지 않는 카테고리입니다")
                }
                if let sellerID, try !OrganizationLookup.exists(db, id: sellerID, kind: .supplier) {
                    body.fail("seller_id", "is not a supplier organization", ko: "공급업체 조직이 아닙니다")
                }
            }
            try validation.check()
            guard let rule = draft else { throw APIError.internal() }

            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db in
                    try FeeRuleStore.insert(db, rule, createdBy: caller.userID)
                    let status = FeeRuleStatus.statuses(of: try ReferenceData.feeRules(db), at: services.now())[rule.id]
                    let json = rule.json(status: status)
                    try AuditLog.record(db, at: services.nowText(), actor: caller, action: "fee_rule.created",
                                        entityType: "fee_rule", entityID: rule.id, after: rule.json())
                    return json
                }
                return .json(json, status: .created, headers: ["Location": "/v1/admin/fee-rules/\(rule.id)"])
            }
        }

        routes.add(.get, "/v1/admin/fee-rules", access: .operator(.admin, .finance), doc: FeeRuleDocs.list) { request, _ in
            let query = request.query
            let validation = Validation()
            let scope = query.oneOf("scope", FeeScope.allCases.map(\.rawValue), validation)
            let sellerID = query.text("seller_id", validation)
            let categoryID = query.text("category_id", validation)
            let at = query.timestamp("at", validation) ?? services.now()
            try validation.check()
            let page = try Pagination(query)

            // Oldest first by rowid (insertion order; ids are only millisecond-ordered).
            var conditions = ["rowid > ?"]
            var arguments: [SQLValue] = [.integer(try RowCursor.decode(page.after))]
            if let scope { conditions.append("scope = ?"); arguments.append(.text(scope)) }
            if let sellerID { conditions.append("seller_id = ?"); arguments.append(.text(sellerID)) }
            if let categoryID { conditions.append("category_id = ?"); arguments.append(.text(categoryID)) }
            arguments.append(.integer(Int64(page.limit + 1)))

            let (rows, statuses, byID) = try services.database.read { db in
                let rows = try db.query(
                    "SELECT rowid AS seq, id FROM fee_rules WHERE \(conditions.joined(separator: " AND ")) ORDER BY rowid LIMIT ?",
                    arguments)
                let rules = try ReferenceData.feeRules(db)
                let byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                return (rows, FeeRuleStatus.statuses(of: rules, at: at), byID)
            }
            let (items, next) = page.page(rows) { String($0.int64("seq") ?? 0) }
            let json = items.compactMap { row in row.string("id").flatMap { id in byID[id]?.json(status: statuses[id]) } }
            return .page(json, nextCursor: next,
                         extra: ["at": .string(Timestamp.format(at))])
        }

        registerPreview(routes)
    }
}

/// Korean for the rule-level messages of `FeeRule.violations()` (which speaks English only).
enum FeeRuleMessages {
    static func korean(_ violation: FeeRuleViolation) -> String? {
        let message = violation.message
        if message.hasPrefix("is required for scope") { return "이 scope에는 필수입니다" }
        if message.hasPrefix("is not allowed for scope") { return "이 scope에는 지정할 수 없습니다" }
        if message.hasPrefix("must be between 0 and 100") { return "0과 100 사이여야 합니다" }
        if message.hasPrefix("must not be negative") { return "음수일 수 없습니다" }
        if message.contains("one currency") { return "fixed_fee, min_fee, max_fee는 같은 통화여야 합니다" }
        if message.hasPrefix("must not exceed max_fee") { return "max_fee보다 클 수 없습니다" }
        return nil
    }
}
