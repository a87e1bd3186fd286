import Crypto
import Foundation
import HTTPServer
import Store
import Web

/// Sign-up, login tokens, the caller's identity, users and API keys (API.md, Identity).
public enum IdentityRoutes {
    public static func register(_ routes: MarketRoutes) {
        let services = routes.services
        let accounts = Accounts(services: services)

        routes.add(.post, "/v1/organizations", access: .anyone, doc: IdentityDocs.signUp) { request, _ in
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let kind = body.oneOf("kind", ["buyer", "supplier"], required: true).flatMap(OrganizationKind.init(rawValue:))
            let name = body.string("name", required: true, maxLength: 200)
            let country = AccountRules.country(body)
            let currency = body.currency("default_currency", required: true)
            let admin = body.object("admin", required: true)
            let email = admin.flatMap { AccountRules.email($0) }
            let password = admin.flatMap { AccountRules.password($0) }
            let adminName = admin?.string("name", required: true, maxLength: 200)
            try validation.check()
            guard let kind, let name, let country, let currency, let email, let password, let adminName else { throw APIError.internal() }

            // Hash outside the transaction: it takes ~0.3 s and must not hold the writer.
            let hash = services.settings.passwordHasher.hash(password)
            let (orgRow, userRow) = try services.database.write { db in
                let orgID = try accounts.createOrganization(
                    db, .init(kind: kind, name: name, country: country, defaultCurrency: currency,
                              status: kind == .supplier ? .pending : .active))
                let userID = try accounts.createUser(db, organizationID: orgID, email: email, name: adminName, passwordHash: hash, roles: [.admin])
                let org = try db.queryOne("SELECT \(IdentityJSON.organizationColumns) FROM organizations WHERE id = ?", [.text(orgID)])
                let user = try db.queryOne("SELECT \(IdentityJSON.userColumns) FROM users WHERE id = ?", [.text(userID)])
                return (org, user)
            }
            guard let orgRow, let userRow else { throw APIError.internal() }
            return .json(["organization": IdentityJSON.organization(orgRow), "user": IdentityJSON.user(userRow)], status: .created)
        }

        routes.add(.post, "/v1/auth/tokens", access: .anyone, doc: IdentityDocs.login) { request, _ in
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let email = body.string("email", required: true, maxLength: 254)?.lowercased()
            let password = body.string("password", required: true, maxLength: AccountRules.maxPasswordLength)
            try validation.check()
            guard let email, let password else { throw APIError.internal() }
            let address = request.remoteAddress.split(separator: ":").dropLast().joined(separator: ":")
            let now = services.now()
            if let wait = services.loginThrottle.retryAfter(account: email, address: address, now: now) {
                throw APIError.tooManyRequests(retryAfterSeconds: wait)
            }
            let row = try services.database.read { db in
                try db.queryOne("SELECT id, organization_id, password_hash, roles FROM users WHERE email = ?", [.text(email)])
            }
            // Verify against a dummy hash for unknown emails so both answers take the same time.
            let stored = row?.string("password_hash") ?? DummyHash.value(services.settings.passwordHasher)
            let valid = services.settings.passwordHasher.verify(password, against: stored) && row != nil
            guard valid, let row, let userID = row.string("id"), let orgID = row.string("organization_id") else {
                services.loginThrottle.recordFailure(account: email, address: address, now: now)
                throw APIError(
                    .unauthorized, code: "invalid_credentials",
                    detail: LocalizedText(en: "Email or password is wrong.", ko: "이메일 또는 비밀번호가 틀렸습니다."),
                    headers: ["WWW-Authenticate": "Bearer"])
            }
            services.loginThrottle.recordSuccess(account: email)
            let expires = now.addingTimeInterval(services.settings.loginTokenLifetimeSeconds)
            let roles = Role.fromStorage(row.string("roles") ?? "")
            let (secret, user, org) = try services.database.write { db in
                let credential = try accounts.issueCredential(
                    db, kind: .login, userID: userID, organizationID: orgID, roles: roles, name: nil, expiresAt: expires)
                let user = try db.queryOne("SELECT \(IdentityJSON.userColumns) FROM users WHERE id = ?", [.text(userID)])
                let org = try db.queryOne("SELECT \(IdentityJSON.organizationColumns) FROM organizations WHERE id = ?", [.text(orgID)])
                return (credential.secret, user, org)
            }
            guard let user, let org else { throw APIError.internal() }
            return .json(
                ["token": .string(secret), "expires_at": .string(Timestamp.format(expires)),
                 "user": IdentityJSON.user(user), "organization": IdentityJSON.organization(org)],
                status: .created, headers: ["Cache-Control": "no-store"])
        }

        routes.add(.delete, "/v1/auth/tokens/current", access: .signedIn, doc: IdentityDocs.logout) { _, context in
            let caller = try context.caller()
            try services.database.write { db in
                switch caller.credential {
                case .loginToken(let hash):
                    try db.execute("UPDATE credentials SET revoked_at = ? WHERE secret_hash = ? AND revoked_at IS NULL", [.text(services.nowText()), .text(hash)])
                case .apiKey(let id):
                    try db.execute("UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [.text(services.nowText()), .text(id)])
                }
            }
            return .noContent()
        }

        routes.add(.get, "/v1/me", access: .signedIn, doc: IdentityDocs.me) { _, context in
            let caller = try context.caller()
            let (user, org) = try services.database.read { db in
                (try db.queryOne("SELECT \(IdentityJSON.userColumns) FROM users WHERE id = ?", [.text(caller.userID)]),
                 try db.queryOne("SELECT \(IdentityJSON.organizationColumns) FROM organizations WHERE id = ?", [.text(caller.organizationID)]))
            }
            guard let user, let org else { throw APIError.unauthorized() }
            return .json([
                "user": IdentityJSON.user(user), "organization": IdentityJSON.organization(org),
                "roles": .array(caller.roles.sorted().map { .string($0.rawValue) }),
                "credential": .string({ if case .apiKey = caller.credential { return "api_key" } else { return "login" } }()),
            ])
        }

        routes.add(.post, "/v1/organizations/{id}/users", access: .signedIn, doc: IdentityDocs.addUser) { request, context in
            let caller = try context.caller()
            // Another organization's id is a 404, whatever the caller's role.
            guard request.parameter("id") == caller.organizationID else { throw APIError.notFound("organization") }
            guard caller.roles.contains(.admin) else { throw APIError.forbidden() }
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let email = AccountRules.email(body)
            let name = body.string("name", required: true, maxLength: 200)
            let password = AccountRules.password(body)
            let roles = AccountRules.roles(body, kind: caller.organizationKind, grantor: caller)
            try validation.check()
            guard let email, let name, let password, let roles else { throw APIError.internal() }
            let hash = services.settings.passwordHasher.hash(password)
            let user = try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let row = try services.database.write { db in
                    let id = try accounts.createUser(db, organizationID: caller.organizationID, email: email, name: name, passwordHash: hash, roles: roles)
                    try AuditLog.record(db, at: services.nowText(), actor: caller, action: "user.created", entityType: "user", entityID: id,
                                        after: ["email": .string(email), "roles": .array(roles.sorted().map { .string($0.rawValue) })])
                    return try db.queryOne("SELECT \(IdentityJSON.userColumns) FROM users WHERE id = ?", [.text(id)])
                }
                guard let row else { throw APIError.internal() }
                return .json(IdentityJSON.user(row), status: .created)
            }
            return user
        }

        ApiKeyRoutes.register(routes, accounts: accounts)
    }
}

/// A fixed hash to verify against when the email is unknown (same cost as a real one).
enum DummyHash {
    private static let cache = Mutex<[Int: String]>([:])

    static func value(_ hasher: PasswordHasher) -> String {
        let key = hasher.iterations
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let hash = hasher.hash("not-a-real-password-\(key)")
        cache.withLock { $0[key] = hash }
        return hash
    }
}

import Synchronization
