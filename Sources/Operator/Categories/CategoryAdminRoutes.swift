import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// The category tree (API.md, Operator: categories). Categories are added, never moved: fee rules and
/// listings refer to them, and a moved category would silently change which fee rule applies.
enum CategoryAdminRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.post, "/v1/admin/categories", access: .operator(.admin), doc: CategoryAdminDocs.create) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let name = body.object("name", required: true)
            let nameEN = name?.string("en", required: true, maxLength: 200)
            let nameKO = name?.string("ko", required: true, maxLength: 200)
            let parentID = body.string("parent_id", maxLength: 100)
            if let parentID {
                let depth = try services.database.read { db in try ReferenceData.categoryPath(db, categoryID: parentID).count }
                if depth == 0 {
                    body.fail("parent_id", "is not a known category", ko: "존재하지 않는 카테고리입니다")
                } else if depth >= ReferenceData.maxDepth {
                    body.fail("parent_id", "is too deep: at most \(ReferenceData.maxDepth) levels",
                              ko: "트리가 너무 깊습니다 (최대 \(ReferenceData.maxDepth)단계)")
                }
            }
            try validation.check()
            guard let nameEN, let nameKO else { throw APIError.internal() }

            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let category = try services.database.write { db in
                    // Checked again inside the transaction: the parent is what the tree hangs on.
                    if let parentID, try Category.find(db, id: parentID) == nil {
                        throw APIError.validation(field: "parent_id", "is not a known category", ko: "존재하지 않는 카테고리입니다")
                    }
                    let category = try Category.create(db, parentID: parentID, nameEN: nameEN, nameKO: nameKO, at: services.nowText())
                    try AuditLog.record(db, at: services.nowText(), actor: caller, action: "category.created",
                                        entityType: "category", entityID: category.id,
                                        after: .object(category.json(request.language)))
                    return category
                }
                return .json(.object(category.json(request.language)), status: .created)
            }
        }
    }
}
