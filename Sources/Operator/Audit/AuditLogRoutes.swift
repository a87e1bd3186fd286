import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// `GET /v1/admin/audit-log`: who did what to money, roles, rules and rates, newest first.
enum AuditLogRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.get, "/v1/admin/audit-log", access: .operator(.admin), doc: AuditLogDocs.list) { request, _ in
            let query = request.query
            let validation = Validation()
            let entityType = query.text("entity_type", validation)
            let entityID = query.text("entity_id", validation)
            let action = query.text("action", validation)
            try validation.check()
            let page = try Pagination(query)

            // Newest first by rowid, which is insertion order (ids are only millisecond-ordered): the cursor
            // is "rows below the last one seen".
            var conditions = [String]()
            var arguments = [SQLValue]()
            if let after = page.after {
                let seq = try RowCursor.decode(after)
                conditions.append("rowid < ?")
                arguments.append(.integer(seq))
            }
            if let entityType { conditions.append("entity_type = ?"); arguments.append(.text(entityType)) }
            if let entityID { conditions.append("entity_id = ?"); arguments.append(.text(entityID)) }
            if let action { conditions.append("action = ?"); arguments.append(.text(action)) }
            arguments.append(.integer(Int64(page.limit + 1)))
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try services.database.read { db in
                try db.query(
                    """
                    SELECT rowid AS seq, id, at, actor_user_id, actor_organization_id, action, entity_type, entity_id, before, after
                    FROM audit_log \(filter) ORDER BY rowid DESC LIMIT ?
                    """, arguments)
            }
            let (items, next) = page.page(rows) { String($0.int64("seq") ?? 0) }
            return .page(items.map(json), nextCursor: next)
        }
    }

    static func json(_ row: Row) -> JSON {
        func parsed(_ column: String) -> JSON {
            guard let text = row.string(column) else { return .null }
            return (try? JSONParser.parse(text)) ?? .string(text)
        }
        return [
            "id": .optional(row.string("id")), "at": .optional(row.string("at")),
            "actor": ["user_id": .optional(row.string("actor_user_id")),
                      "organization_id": .optional(row.string("actor_organization_id"))],
            "action": .optional(row.string("action")), "entity_type": .optional(row.string("entity_type")),
            "entity_id": .optional(row.string("entity_id")), "before": parsed("before"), "after": parsed("after"),
        ]
    }
}
