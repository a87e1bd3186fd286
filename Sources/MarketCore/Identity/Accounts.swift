import Crypto
import Foundation
import Store
import Web

/// Creating organizations, users and credentials. Used by the sign-up and user routes, by the
/// command line (the first operator) and by demo data, so there is one way to make an account.
public struct Accounts: Sendable {
    let services: MarketServices

    public init(services: MarketServices) { self.services = services }

    public struct NewOrganization: Sendable {
        public var kind: OrganizationKind
        public var name: String
        public var country: String
        public var defaultCurrency: Currency
        public var status: OrganizationStatus

        public init(kind: OrganizationKind, name: String, country: String, defaultCurrency: Currency, status: OrganizationStatus) {
            self.kind = kind
            self.name = name
            self.country = country
            self.defaultCurrency = defaultCurrency
            self.status = status
        }
    }

    public func createOrganization(_ db: Connection, _ new: NewOrganization) throws -> String {
        let id = ID.make("org")
        let now = services.nowText()
        try db.execute(
            """
            INSERT INTO organizations (id, kind, name, country, default_currency, status, payout_currency, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(new.kind.rawValue), .text(new.name), .text(new.country), .text(new.defaultCurrency.code),
             .text(new.status.rawValue), new.kind == .supplier ? .text(new.defaultCurrency.code) : .null, .text(now), .text(now)])
        return id
    }

    /// Adds a user; a taken email is a 409 (emails are unique across the marketplace so login needs
    /// nothing but the email).
    public func createUser(_ db: Connection, organizationID: String, email: String, name: String, passwordHash: String, roles: Set<Role>) throws -> String {
        if try db.queryOne("SELECT 1 FROM users WHERE email = ?", [.text(email)]) != nil {
            throw APIError(
                .conflict, code: "email_taken",
                detail: LocalizedText(en: "A user with this email already exists.", ko: "이 이메일을 쓰는 사용자가 이미 있습니다."),
                errors: [FieldError("email", "is already registered", ko: "이미 등록된 이메일입니다")])
        }
        let id = ID.make("usr")
        try db.execute(
            "INSERT INTO users (id, organization_id, email, name, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(id), .text(organizationID), .text(email), .text(name), .text(passwordHash), .text(Role.storageText(roles)), .text(services.nowText())])
        return id
    }

    public enum CredentialKind: String, Sendable {
        case login
        case apiKey = "api_key"
    }

    /// A new random 256-bit secret; only its SHA-256 is stored. Returns the id and the secret (shown once).
    public func issueCredential(
        _ db: Connection, kind: CredentialKind, userID: String, organizationID: String, roles: Set<Role>,
        name: String?, expiresAt: Date
    ) throws -> (id: String, secret: String) {
        let prefix = kind == .login ? "mkt_tok" : "mkt_key"
        let secret = prefix + "_" + SecureRandom.token(byteCount: 32)
        let id = ID.make(kind == .login ? "tok" : "key")
        try db.execute(
            """
            INSERT INTO credentials (id, kind, secret_hash, user_id, organization_id, name, roles, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(kind.rawValue), .text(SHA256.hex(secret)), .text(userID), .text(organizationID),
             name.map { .text($0) } ?? .null, .text(Role.storageText(roles)), .text(services.nowText()), .text(Timestamp.format(expiresAt))])
        return (id, secret)
    }

    /// The first operator account, from the command line or the environment. Idempotent by email.
    @discardableResult
    public func ensureOperator(email: String, password: String, name: String = "Operator") throws -> Bool {
        guard AccountRules.isPlausibleEmail(email) else { throw APIError.validation(field: "email", "must be an email address") }
        guard password.count >= AccountRules.minPasswordLength else {
            throw APIError.validation(field: "password", "must be at least \(AccountRules.minPasswordLength) characters")
        }
        let hash = services.settings.passwordHasher.hash(password)
        return try services.database.write { db in
            if try db.queryOne("SELECT 1 FROM users WHERE email = ?", [.text(email.lowercased())]) != nil { return false }
            let orgID: String
            if let existing = try db.queryOne("SELECT id FROM organizations WHERE kind = 'operator' LIMIT 1"), let id = existing.string("id") {
                orgID = id
            } else {
                orgID = try createOrganization(
                    db, NewOrganization(kind: .operator, name: "Marketplace operator", country: "US",
                                        defaultCurrency: Currency(code: services.settings.baseCurrency) ?? .usd, status: .active))
            }
            let userID = try createUser(db, organizationID: orgID, email: email.lowercased(), name: name, passwordHash: hash, roles: [.admin, .finance])
            try AuditLog.record(db, at: services.nowText(), actor: nil, action: "operator.created", entityType: "user", entityID: userID,
                                after: ["email": .string(email.lowercased()), "roles": ["admin", "finance"]])
            return true
        }
    }
}
