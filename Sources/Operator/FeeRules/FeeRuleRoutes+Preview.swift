import Foundation
import HTTPServer
import MarketCore
import Store
import Web

extension FeeRuleRoutes {
    /// `POST /v1/admin/fee-rules/preview`: which rule a line of this seller in this category would pay
    /// under, and every step of the commission — the same selector and calculator checkout uses.
    static func registerPreview(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.post, "/v1/admin/fee-rules/preview", access: .operator(.admin, .finance), doc: FeeRuleDocs.preview) { request, _ in
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let sellerID = body.string("seller_id", required: true, maxLength: 100)
            let categoryID = body.string("category_id", maxLength: 100)
            let amount = body.money("amount", required: true)
            let at = body.timestamp("at") ?? services.now()

            let (rule, path, table) = try services.database.read { db in
                if let sellerID, try !OrganizationLookup.exists(db, id: sellerID, kind: .supplier) {
                    body.fail("seller_id", "is not a supplier organization", ko: "공급업체 조직이 아닙니다")
                }
                let path = try categoryID.map { try ReferenceData.categoryPath(db, categoryID: $0) } ?? []
                if categoryID != nil, path.isEmpty {
                    body.fail("category_id", "is not a known category", ko: "존재하지 않는 카테고리입니다")
                }
                let rule = FeeRuleSelector.select(
                    rules: try ReferenceData.feeRules(db), sellerID: sellerID ?? "", categoryPath: path, at: at)
                return (rule, path, try ReferenceData.fxTable(db, baseCurrency: services.settings.baseCurrency))
            }
            try validation.check()
            guard let sellerID, let amount else { throw APIError.internal() }

            var answer: JSONObject = [
                "at": .string(Timestamp.format(at)), "seller_id": .string(sellerID), "category_id": .optional(categoryID),
                "category_path": .array(path.map { .string($0) }), "amount": amount.json,
            ]
            guard let rule else {
                // No rule at all (not even a default) means no commission: say so rather than invent one.
                answer["rule"] = .null
                answer["breakdown"] = zeroBreakdown(amount)
                return .json(.object(answer))
            }
            guard let priced = rule.converted(to: amount.currency, using: table, at: at) else {
                throw APIError(
                    .unprocessableContent, code: "no_fx_rate",
                    detail: LocalizedText(
                        en: "The rule's fees are in another currency and no FX rate to \(amount.currency.code) is in force.",
                        ko: "규칙의 수수료 통화를 \(amount.currency.code)(으)로 환산할 환율이 없습니다."),
                    errors: [FieldError("amount.currency", "no FX rate converts the rule's fees to this currency",
                                        ko: "규칙의 수수료를 이 통화로 환산할 환율이 없습니다")])
            }
            let breakdown: CommissionBreakdown
            do {
                breakdown = try CommissionCalculator.preview(amount: amount, rule: priced)
            } catch {
                throw APIError.validation(field: "amount", "cannot be priced: \(error)", ko: "수수료를 계산할 수 없는 금액입니다")
            }
            var ruleJSON = rule.json().objectValue ?? JSONObject()
            ruleJSON["matched_category_id"] = .optional(rule.categoryID)
            answer["rule"] = .object(ruleJSON)
            answer["breakdown"] = breakdownJSON(breakdown, rule: priced)
            return .json(.object(answer))
        }
    }

    static func breakdownJSON(_ breakdown: CommissionBreakdown, rule: FeeRule) -> JSON {
        let net = Money(minorUnits: breakdown.amount.minorUnits - breakdown.total.minorUnits, currency: breakdown.amount.currency)
        return [
            "percent": .string(breakdown.percent.description),
            "percent_part": breakdown.percentPart.json,
            "min_fee": rule.minFee?.json ?? .null,
            "max_fee": rule.maxFee?.json ?? .null,
            "clamp": .string(breakdown.clamp.rawValue),
            "clamped_percent_part": breakdown.clampedPercentPart.json,
            "fixed_fee": breakdown.fixedFee.json,
            "cap_applied": .bool(breakdown.capApplied),
            "commission": breakdown.total.json,
            "net_to_seller": net.json,
        ]
    }

    static func zeroBreakdown(_ amount: Money) -> JSON {
        let zero = Money.zero(amount.currency).json
        return [
            "percent": "0", "percent_part": zero, "min_fee": .null, "max_fee": .null, "clamp": "none",
            "clamped_percent_part": zero, "fixed_fee": zero, "cap_applied": false, "commission": zero,
            "net_to_seller": amount.json,
        ]
    }
}
