import MarketCore
import Web

/// `GET/PUT /v1/buyer/approval-rules`: the company's thresholds above which orders wait for approval.
enum ApprovalRuleRoutes {
    static let maxRules = 20

    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.get, "/v1/buyer/approval-rules", access: .buyer(.admin), doc: BuyerOrderDocs.getRules) { _, context in
            let caller = try context.caller()
            let rules = try services.database.read { db in try ApprovalRuleStore.load(db, buyerID: caller.organizationID) }
            return .json(.array(rules.map(\.json)))
        }

        routes.add(.put, "/v1/buyer/approval-rules", access: .buyer(.admin), doc: BuyerOrderDocs.putRules) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            // The contract's body is the list itself; `{"rules":[...]}` is accepted too.
            let items: [JSON]
            switch try request.json() {
            case .array(let list): items = list
            case .object(let object):
                items = validation.reader(object).array("rules", required: true, maxCount: maxRules) ?? []
            default:
                throw APIError.validation(field: "body", "expected a JSON array of rules")
            }
            if items.count > maxRules { validation.add("body", "at most \(maxRules) rules") }
            var rules = [ApprovalRule]()
            for (index, item) in items.enumerated() {
                guard case .object(let object) = item else {
                    validation.add("[\(index)]", "must be an object", ko: "객체여야 합니다")
                    continue
                }
                let reader = validation.reader(object, path: "[\(index)]")
                let minTotal = reader.money("min_total", required: true)
                let role = reader.oneOf("approver_role", ApprovalRule.approverRoles.map(\.rawValue)).flatMap(Role.init(rawValue:))
                    ?? (reader.has("approver_role") ? nil : .approver)
                if let minTotal, let role { rules.append(ApprovalRule(minTotal: minTotal, approverRole: role)) }
            }
            try validation.check()
            let saved = try services.database.write { db in
                let before = try ApprovalRuleStore.load(db, buyerID: caller.organizationID)
                try ApprovalRuleStore.replace(db, buyerID: caller.organizationID, rules: rules, by: caller.userID, at: services.nowText())
                try AuditLog.record(db, at: services.nowText(), actor: caller, action: "approval_rules.replaced",
                                    entityType: "organization", entityID: caller.organizationID,
                                    before: .array(before.map(\.json)), after: .array(rules.map(\.json)))
                return try ApprovalRuleStore.load(db, buyerID: caller.organizationID)
            }
            return .json(.array(saved.map(\.json)))
        }
    }
}
