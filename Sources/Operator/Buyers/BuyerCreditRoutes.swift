import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// Payment terms and credit limits of buyer companies (API.md, Operator: buyers/credit). Checkout refuses
/// net-terms orders beyond the open credit (`ReferenceData.buyerCredit`).
enum BuyerCreditRoutes {
    static let columns = "id, name, country, default_currency, status, payment_terms, credit_limit_minor, credit_currency, created_at"

    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.get, "/v1/admin/buyers", access: .operator(.admin, .finance), doc: BuyerCreditDocs.list) { request, _ in
            let query = request.query
            let validation = Validation()
            let status = query.oneOf("status", OrganizationStatus.allCases.map(\.rawValue), validation)
            try validation.check()
            let page = try Pagination(query)
            var sql = "SELECT \(columns) FROM organizations WHERE kind = 'buyer' AND id > ?"
            var arguments: [SQLValue] = [.text(page.after ?? "")]
            if let status { sql += " AND status = ?"; arguments.append(.text(status)) }
            sql += " ORDER BY id LIMIT ?"
            arguments.append(.integer(Int64(page.limit + 1)))
            let rows = try services.database.read { db in try db.query(sql, arguments) }
            let (items, next) = page.page(rows) { $0.string("id") ?? "" }
            return .page(items.map(json), nextCursor: next)
        }

        routes.add(.get, "/v1/admin/buyers/{id}/credit", access: .operator(.admin, .finance), doc: BuyerCreditDocs.get) { request, _ in
            let row = try services.database.read { db in
                try db.queryOne("SELECT \(columns) FROM organizations WHERE id = ? AND kind = 'buyer'", [.text(request.parameter("id"))])
            }
            guard let row else { throw APIError.notFound("buyer") }
            return .json(json(row))
        }

        routes.add(.put, "/v1/admin/buyers/{id}/credit", access: .operator(.admin, .finance), doc: BuyerCreditDocs.put) { request, context in
            let caller = try context.caller()
            let id = request.parameter("id")
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            var terms: Set<PaymentTerms>?
            if let names = body.strings("payment_terms", required: true, maxCount: PaymentTerms.allCases.count * 2, maxLength: 20) {
                let parsed = names.compactMap(PaymentTerms.init(rawValue:))
                let allowed = PaymentTerms.allCases.map(\.rawValue).joined(separator: ", ")
                if names.isEmpty {
                    body.fail("payment_terms", "must list at least one of: \(allowed)", ko: "다음 중 하나 이상이어야 합니다: \(allowed)")
                } else if parsed.count != names.count {
                    body.fail("payment_terms", "must only contain: \(allowed)", ko: "다음 값만 쓸 수 있습니다: \(allowed)")
                } else {
                    terms = Set(parsed)
                }
            }
            let limit = body.money("credit_limit", required: true)
            try validation.check()
            guard let terms, let limit else { throw APIError.internal() }

            let row = try services.database.write { db -> Row? in
                guard let before = try db.queryOne(
                    "SELECT \(columns) FROM organizations WHERE id = ? AND kind = 'buyer'", [.text(id)])
                else { throw APIError.notFound("buyer") }
                try db.execute(
                    """
                    UPDATE organizations SET payment_terms = ?, credit_limit_minor = ?, credit_currency = ?, updated_at = ?
                    WHERE id = ? AND kind = 'buyer'
                    """,
                    [.text(storageText(terms)), .integer(limit.minorUnits), .text(limit.currency.code),
                     .text(services.nowText()), .text(id)])
                let after = try db.queryOne("SELECT \(columns) FROM organizations WHERE id = ?", [.text(id)])
                try AuditLog.record(db, at: services.nowText(), actor: caller, action: "buyer.credit_updated",
                                    entityType: "organization", entityID: id, before: creditJSON(before),
                                    after: after.map(creditJSON))
                return after
            }
            guard let row else { throw APIError.internal() }
            return .json(json(row))
        }
    }

    /// `organizations.payment_terms` as a comma list in the enum's order ("prepaid,net_30").
    static func storageText(_ terms: Set<PaymentTerms>) -> String {
        PaymentTerms.allCases.filter(terms.contains).map(\.rawValue).joined(separator: ",")
    }

    /// The credit part alone, as the audit log records it. `payment_terms` are the terms checkout will
    /// accept (`PaymentTerms.allowed`), which always include prepaid.
    static func creditJSON(_ row: Row) -> JSON {
        let currency = row.string("credit_currency").flatMap(Currency.init(code:))
            ?? row.string("default_currency").flatMap(Currency.init(code:)) ?? .usd
        let terms = PaymentTerms.allowed(storage: row.string("payment_terms"))
        return [
            "payment_terms": .array(PaymentTerms.allCases.filter(terms.contains).map { .string($0.rawValue) }),
            "credit_limit": Money(minorUnits: row.int64("credit_limit_minor") ?? 0, currency: currency).json,
        ]
    }

    static func json(_ row: Row) -> JSON {
        var object: JSONObject = [
            "buyer_id": .optional(row.string("id")), "name": .optional(row.string("name")),
            "country": .optional(row.string("country")), "default_currency": .optional(row.string("default_currency")),
            "status": .optional(row.string("status")),
        ]
        for member in creditJSON(row).objectValue ?? JSONObject() { object[member.key] = member.value }
        return .object(object)
    }
}
