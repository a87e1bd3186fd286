import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// Supplier onboarding (API.md, Operator: sellers): the list by status, approval and suspension.
enum SellerAdminRoutes {
    static let columns = "id, name, country, default_currency, status, payout_currency, contact, created_at, updated_at"

    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.get, "/v1/admin/sellers", access: .operator(.admin), doc: SellerAdminDocs.list) { request, _ in
            let query = request.query
            let validation = Validation()
            let status = query.oneOf("status", OrganizationStatus.allCases.map(\.rawValue), validation)
            try validation.check()
            let page = try Pagination(query)
            var sql = "SELECT \(columns) FROM organizations WHERE kind = 'supplier' AND id > ?"
            var arguments: [SQLValue] = [.text(page.after ?? "")]
            if let status { sql += " AND status = ?"; arguments.append(.text(status)) }
            sql += " ORDER BY id LIMIT ?"
            arguments.append(.integer(Int64(page.limit + 1)))
            let (items, next, categories) = try services.database.read { db in
                let rows = try db.query(sql, arguments)
                let (items, next) = page.page(rows) { $0.string("id") ?? "" }
                return (items, next, try categoriesBySupplier(db, ids: items.compactMap { $0.string("id") }))
            }
            return .page(items.map { json($0, categoryIDs: categories[$0.string("id") ?? ""] ?? []) }, nextCursor: next)
        }

        for action in SupplierAction.allCases {
            let doc = action == .approve ? SellerAdminDocs.approve : SellerAdminDocs.suspend
            routes.add(.post, "/v1/admin/sellers/{id}/\(action.rawValue)", access: .operator(.admin), doc: doc) { request, context in
                let caller = try context.caller()
                let id = request.parameter("id")
                let validation = Validation()
                // The body is optional: an empty POST approves without a reason.
                let body = validation.reader(request.body.isEmpty ? JSONObject() : try request.jsonObject())
                let reason = body.string("reason", maxLength: 1000)
                try validation.check()

                return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                    let (row, categoryIDs) = try services.database.write { db in
                        guard let current = try db.queryOne(
                            "SELECT status FROM organizations WHERE id = ? AND kind = 'supplier'", [.text(id)]),
                              let status = current.string("status").flatMap(OrganizationStatus.init(rawValue:))
                        else { throw APIError.notFound("supplier") }
                        guard let target = action.target(from: status) else {
                            throw APIError(
                                .conflict, code: "illegal_transition",
                                detail: LocalizedText(
                                    en: "A \(status.rawValue) supplier cannot be \(action == .approve ? "approved" : "suspended").",
                                    ko: "\(status.rawValue) 상태의 공급업체는 \(action == .approve ? "승인" : "정지")할 수 없습니다."),
                                extensions: ["current_status": .string(status.rawValue)])
                        }
                        try db.execute("UPDATE organizations SET status = ?, updated_at = ? WHERE id = ?",
                                       [.text(target.rawValue), .text(services.nowText()), .text(id)])
                        var after: JSONObject = ["status": .string(target.rawValue)]
                        if let reason { after["reason"] = .string(reason) }
                        try AuditLog.record(db, at: services.nowText(), actor: caller, action: action.auditAction,
                                            entityType: "organization", entityID: id,
                                            before: ["status": .string(status.rawValue)], after: .object(after))
                        return (try db.queryOne("SELECT \(columns) FROM organizations WHERE id = ?", [.text(id)]),
                                try categoriesBySupplier(db, ids: [id])[id] ?? [])
                    }
                    guard let row else { throw APIError.internal() }
                    return .json(json(row, categoryIDs: categoryIDs))
                }
            }
        }
    }

    static func categoriesBySupplier(_ db: Connection, ids: [String]) throws -> [String: [String]] {
        var result = [String: [String]]()
        for id in ids {
            result[id] = try db.query(
                "SELECT category_id FROM supplier_categories WHERE supplier_id = ? ORDER BY category_id", [.text(id)]
            ).compactMap { $0.string("category_id") }
        }
        return result
    }

    static func json(_ row: Row, categoryIDs: [String]) -> JSON {
        [
            "id": .optional(row.string("id")), "name": .optional(row.string("name")),
            "country": .optional(row.string("country")), "default_currency": .optional(row.string("default_currency")),
            "payout_currency": .optional(row.string("payout_currency") ?? row.string("default_currency")),
            "status": .optional(row.string("status")),
            "category_ids": .array(categoryIDs.map { .string($0) }),
            "contact": (try? JSONParser.parse(Array((row.string("contact") ?? "{}").utf8))) ?? [:],
            "created_at": .optional(row.string("created_at")), "updated_at": .optional(row.string("updated_at")),
        ]
    }
}
