import Foundation
import HTTPServer
import Store
import Web

/// Machine keys for supplier ERPs and buyer procurement systems: created by an organization admin,
/// shown once, stored only as a SHA-256 hash, expiring and revocable.
enum ApiKeyRoutes {
    static func register(_ routes: MarketRoutes, accounts: Accounts) {
        let services = routes.services

        routes.add(.post, "/v1/api-keys", access: .signedIn, doc: IdentityDocs.createKey) { request, context in
            let caller = try context.caller()
            guard caller.roles.contains(.admin) else { throw APIError.forbidden() }
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let name = body.string("name", required: true, maxLength: 100)
            let roles = AccountRules.roles(body, kind: caller.organizationKind, grantor: caller)
            let days = body.integer("expires_in_days", min: 1, max: 3650) ?? Int64(services.settings.apiKeyDefaultLifetimeDays)
            try validation.check()
            guard let name, let roles else { throw APIError.internal() }
            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let expires = services.now().addingTimeInterval(TimeInterval(days) * 86_400)
                let issued = try services.database.write { db in
                    let issued = try accounts.issueCredential(
                        db, kind: .apiKey, userID: caller.userID, organizationID: caller.organizationID, roles: roles,
                        name: name, expiresAt: expires)
                    try AuditLog.record(db, at: services.nowText(), actor: caller, action: "api_key.created", entityType: "api_key",
                                        entityID: issued.id, after: ["name": .string(name), "roles": .array(roles.sorted().map { .string($0.rawValue) })])
                    return issued
                }
                return .json(
                    ["id": .string(issued.id), "name": .string(name), "key": .string(issued.secret),
                     "roles": .array(roles.sorted().map { .string($0.rawValue) }),
                     "expires_at": .string(Timestamp.format(expires)), "created_at": .string(services.nowText())],
                    status: .created, headers: ["Cache-Control": "no-store"])
            }
        }

        routes.add(.get, "/v1/api-keys", access: .signedIn, doc: IdentityDocs.listKeys) { request, context in
            let caller = try context.caller()
            guard caller.roles.contains(.admin) else { throw APIError.forbidden() }
            let page = try Pagination(request.query)
            let rows = try services.database.read { db in
                try db.query(
                    """
                    SELECT id, name, roles, created_at, expires_at, revoked_at FROM credentials
                    WHERE organization_id = ? AND kind = 'api_key' AND id > ? ORDER BY id LIMIT ?
                    """, [.text(caller.organizationID), .text(page.after ?? ""), .integer(Int64(page.limit + 1))])
            }
            let (items, next) = page.page(rows) { $0.string("id") ?? "" }
            return .page(items.map(keyJSON), nextCursor: next)
        }

        routes.add(.delete, "/v1/api-keys/{id}", access: .signedIn, doc: IdentityDocs.revokeKey) { request, context in
            let caller = try context.caller()
            guard caller.roles.contains(.admin) else { throw APIError.forbidden() }
            let id = request.parameter("id")
            let found = try services.database.write { db -> Bool in
                try db.execute(
                    "UPDATE credentials SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND organization_id = ? AND kind = 'api_key'",
                    [.text(services.nowText()), .text(id), .text(caller.organizationID)])
                guard db.changes > 0 else { return false }
                try AuditLog.record(db, at: services.nowText(), actor: caller, action: "api_key.revoked", entityType: "api_key", entityID: id)
                return true
            }
            guard found else { throw APIError.notFound("API key") }
            return .noContent()
        }
    }

    static func keyJSON(_ row: Row) -> JSON {
        [
            "id": .optional(row.string("id")), "name": .optional(row.string("name")),
            "roles": .array(Role.fromStorage(row.string("roles") ?? "").sorted().map { .string($0.rawValue) }),
            "created_at": .optional(row.string("created_at")), "expires_at": .optional(row.string("expires_at")),
            "revoked_at": .optional(row.string("revoked_at")),
        ]
    }
}
