import Crypto
import Foundation
import HTTPServer
import Store
import Web

/// `Idempotency-Key` for every creating POST, implemented once (API.md, Conventions):
/// the same key and body from the same organization within 24 h replays the first response; a
/// different body is 422; a retry while the first is still running is 409.
///
/// How it stays exactly-once across crashes: the key is first *claimed* in its own short transaction
/// (so a concurrent retry sees `in_flight` and gets 409). The work then runs inside one write
/// transaction that also stores the response; the handler's own `database.write` calls nest inside it
/// as savepoints. So either the business change and the stored response commit together, or neither
/// does and the claim is released. A claim left behind by a crash is taken over after
/// `abandonedClaimSeconds`.
public struct Idempotency: Sendable {
    public static let retentionSeconds: TimeInterval = 24 * 3600
    public static let abandonedClaimSeconds: TimeInterval = 60

    let services: MarketServices

    public init(services: MarketServices) { self.services = services }

    enum Claim {
        case claimed
        case replay(status: Int, contentType: String?, body: [UInt8])
        case differentBody
        case inFlight
    }

    public func run(_ request: Request, organizationID: String, _ work: () throws -> HTTPResponse) throws -> HTTPResponse {
        guard let key = request.header("Idempotency-Key") else { return try work() }
        guard !key.isEmpty, key.utf8.count <= 255, key.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw APIError.validation(field: "Idempotency-Key", "must be 1 to 255 visible ASCII characters", ko: "1~255자의 ASCII 문자여야 합니다")
        }
        var material = Array("\(request.method.rawValue) \(request.path)?\(request.http.head.query)\n".utf8)
        material.append(contentsOf: request.body)
        let requestHash = Hex.encode(SHA256.hash(material))
        let database = services.database

        switch try claim(key: key, organizationID: organizationID, requestHash: requestHash) {
        case .replay(let status, let contentType, let body):
            var headers: HTTPHeaders = ["Idempotent-Replayed": "true"]
            if let contentType { headers.set("Content-Type", contentType) }
            return HTTPResponse(status: HTTPStatus(status), headers: headers, body: body)
        case .differentBody:
            throw APIError(
                .unprocessableContent, code: "idempotency_key_reused",
                detail: LocalizedText(
                    en: "This Idempotency-Key was already used with a different request body.",
                    ko: "이 Idempotency-Key는 다른 요청 본문에 이미 사용되었습니다."),
                errors: [FieldError("Idempotency-Key", "was used with a different body", ko: "다른 본문에 사용된 키입니다")])
        case .inFlight:
            throw APIError(
                .conflict, code: "idempotency_in_flight",
                detail: LocalizedText(
                    en: "A request with this Idempotency-Key is still being processed; retry shortly.",
                    ko: "같은 Idempotency-Key의 요청이 아직 처리 중입니다. 잠시 후 다시 시도하세요."),
                headers: ["Retry-After": "1"])
        case .claimed:
            break
        }

        do {
            return try database.write { db in
                let response = try work()
                let body = try response.collectBody()
                try db.execute(
                    """
                    UPDATE idempotency_keys SET state = 'done', status = ?, content_type = ?, body = ?
                    WHERE organization_id = ? AND key = ?
                    """,
                    [.integer(Int64(response.status.code)), response.headers["Content-Type"].map { .text($0) } ?? .null,
                     .blob(body), .text(organizationID), .text(key)])
                var buffered = response
                buffered.body = .bytes(body)
                return buffered
            }
        } catch {
            // Nothing was committed; free the key so a corrected retry can run.
            _ = try? database.write { db in
                try db.execute("DELETE FROM idempotency_keys WHERE organization_id = ? AND key = ? AND state = 'in_flight'",
                               [.text(organizationID), .text(key)])
            }
            throw error
        }
    }

    private func claim(key: String, organizationID: String, requestHash: String) throws -> Claim {
        let now = services.now()
        let nowText = Timestamp.format(now)
        let expired = Timestamp.format(now.addingTimeInterval(-Self.retentionSeconds))
        let abandoned = Timestamp.format(now.addingTimeInterval(-Self.abandonedClaimSeconds))
        return try services.database.write { db in
            try db.execute("DELETE FROM idempotency_keys WHERE organization_id = ? AND key = ? AND created_at < ?",
                           [.text(organizationID), .text(key), .text(expired)])
            if let row = try db.queryOne(
                "SELECT request_hash, state, status, content_type, body, created_at FROM idempotency_keys WHERE organization_id = ? AND key = ?",
                [.text(organizationID), .text(key)])
            {
                guard row.string("request_hash") == requestHash else { return .differentBody }
                if row.string("state") == "done" {
                    return .replay(status: row.int("status") ?? 200, contentType: row.string("content_type"), body: row.blob("body") ?? [])
                }
                guard let created = row.string("created_at"), created < abandoned else { return .inFlight }
                try db.execute("UPDATE idempotency_keys SET created_at = ? WHERE organization_id = ? AND key = ?",
                               [.text(nowText), .text(organizationID), .text(key)])
                return .claimed
            }
            try db.execute(
                "INSERT INTO idempotency_keys (organization_id, key, request_hash, state, created_at) VALUES (?, ?, ?, 'in_flight', ?)",
                [.text(organizationID), .text(key), .text(requestHash), .text(nowText)])
            return .claimed
        }
    }

    /// Drops records older than 24 h; called periodically by the app.
    public func purgeExpired() throws {
        let cutoff = Timestamp.format(services.now().addingTimeInterval(-Self.retentionSeconds))
        try services.database.write { db in
            try db.execute("DELETE FROM idempotency_keys WHERE created_at < ?", [.text(cutoff)])
        }
    }
}
