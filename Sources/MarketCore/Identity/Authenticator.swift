import Crypto
import Store
import Web

/// Turns `Authorization: Bearer <secret>` into a `Principal`: one indexed lookup by the SHA-256 of the
/// secret (login tokens and API keys alike), refusing revoked and expired credentials.
public struct Authenticator: Sendable {
    let services: MarketServices

    public init(services: MarketServices) { self.services = services }

    public func principal(for request: Request) throws -> Principal? {
        guard let header = request.header("Authorization") else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, parts[1].utf8.count <= 200 else {
            throw APIError.unauthorized(LocalizedText(en: "Use 'Authorization: Bearer <token>'.", ko: "'Authorization: Bearer <토큰>' 형식을 사용하세요."))
        }
        let hash = SHA256.hex(String(parts[1]))
        let row = try services.database.read { db in
            try db.queryOne(
                """
                SELECT c.id, c.kind, c.user_id, c.organization_id, c.roles, c.expires_at, c.revoked_at,
                       o.kind AS org_kind, o.status AS org_status
                FROM credentials c JOIN organizations o ON o.id = c.organization_id
                WHERE c.secret_hash = ?
                """, [.text(hash)])
        }
        guard let row, row.string("revoked_at") == nil,
            let expires = row.string("expires_at"), expires > services.nowText(),
            let kind = row.string("org_kind").flatMap(OrganizationKind.init(rawValue:)),
            let status = row.string("org_status").flatMap(OrganizationStatus.init(rawValue:)),
            let userID = row.string("user_id"), let orgID = row.string("organization_id"),
            let credentialID = row.string("id")
        else {
            throw APIError.unauthorized(LocalizedText(en: "The token is invalid, expired or revoked.", ko: "토큰이 유효하지 않거나 만료되었거나 폐기되었습니다."))
        }
        let credential: Principal.Credential =
            row.string("kind") == "api_key" ? .apiKey(id: credentialID) : .loginToken(hash: hash)
        return Principal(
            userID: userID, organizationID: orgID, organizationKind: kind, organizationStatus: status,
            roles: Role.fromStorage(row.string("roles") ?? ""), credential: credential)
    }
}
