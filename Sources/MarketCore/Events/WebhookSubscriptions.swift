import Crypto
import Store
import Web

/// The SQL behind `/v1/webhooks`. Every query names the caller's organization: another organization's
/// subscription, like a deleted one, simply does not exist (404).
struct WebhookSubscriptions: Sendable {
    let services: MarketServices

    /// `whsec_` and 256 random bits in base64url (43 characters).
    static func makeSecret() -> String { "whsec_" + SecureRandom.token(byteCount: 32) }

    func create(_ db: Connection, caller: Principal, url: WebhookURL, events: [String]) throws -> (row: Row, secret: String) {
        let limit = services.settings.webhooks.maxSubscriptionsPerOrganization
        let count = try db.scalar(
            "SELECT count(*) FROM webhook_subscriptions WHERE organization_id = ? AND status != 'deleted'",
            [.text(caller.organizationID)]
        ).int64Value ?? 0
        guard count < limit else {
            throw APIError.conflict(
                LocalizedText(en: "An organization may have at most \(limit) webhooks; delete one first.",
                              ko: "웹훅은 조직당 최대 \(limit)개입니다. 먼저 하나를 삭제하세요."), code: "webhook_limit")
        }
        let id = ID.make("whk")
        let secret = Self.makeSecret()
        let now = services.nowText()
        let eventsText = JSONSerializer.string(.array(events.map(JSON.string)))
        try db.execute(
            """
            INSERT INTO webhook_subscriptions (id, organization_id, url, events, secret, status, created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)
            """,
            [.text(id), .text(caller.organizationID), .text(url.text), .text(eventsText), .text(secret), .text(caller.userID), .text(now), .text(now)])
        try AuditLog.record(
            db, at: now, actor: caller, action: "webhook.created", entityType: "webhook", entityID: id,
            after: ["url": .string(url.text), "events": .array(events.map(JSON.string))])
        guard let row = try find(db, id, organizationID: caller.organizationID) else { throw APIError.internal() }
        return (row, secret)
    }

    func find(_ db: Connection, _ id: String, organizationID: String) throws -> Row? {
        try db.queryOne(
            "SELECT * FROM webhook_subscriptions WHERE id = ? AND organization_id = ? AND status != 'deleted'",
            [.text(id), .text(organizationID)])
    }

    func list(organizationID: String, page: Pagination) throws -> [Row] {
        try services.database.read { db in
            try db.query(
                """
                SELECT * FROM webhook_subscriptions
                WHERE organization_id = ? AND status != 'deleted' AND id > ? ORDER BY id LIMIT ?
                """, [.text(organizationID), .text(page.after ?? ""), .integer(Int64(page.limit + 1))])
        }
    }

    /// Soft delete: the log stays consistent, the secret is erased, undelivered events are cancelled.
    func delete(caller: Principal, id: String) throws -> Bool {
        try services.database.write { db in
            let now = services.nowText()
            try db.execute(
                """
                UPDATE webhook_subscriptions SET status = 'deleted', secret = '', updated_at = ?
                WHERE id = ? AND organization_id = ? AND status != 'deleted'
                """, [.text(now), .text(id), .text(caller.organizationID)])
            guard db.changes > 0 else { return false }
            try db.execute(
                """
                UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL
                WHERE subscription_id = ? AND status IN ('pending','delivering')
                """, [.text(id)])
            try AuditLog.record(db, at: now, actor: caller, action: "webhook.deleted", entityType: "webhook", entityID: id)
            return true
        }
    }

    /// Re-enables a disabled subscription: counters reset, its waiting deliveries are due again.
    func enable(caller: Principal, id: String) throws -> Row? {
        try services.database.write { db in
            guard let row = try find(db, id, organizationID: caller.organizationID) else { return nil }
            guard row.string("status") == "disabled" else { return row }
            let now = services.nowText()
            try db.execute(
                """
                UPDATE webhook_subscriptions
                SET status = 'active', disabled_reason = NULL, disabled_at = NULL, consecutive_failures = 0,
                    paused_until = NULL, probe_until = NULL, updated_at = ?
                WHERE id = ?
                """, [.text(now), .text(id)])
            try db.execute(
                """
                UPDATE webhook_deliveries SET next_attempt_at = ?
                WHERE subscription_id = ? AND status = 'pending' AND next_attempt_at IS NULL
                """, [.text(now), .text(id)])
            try AuditLog.record(db, at: now, actor: caller, action: "webhook.enabled", entityType: "webhook", entityID: id)
            DeliverySignal.shared.signal()
            return try find(db, id, organizationID: caller.organizationID)
        }
    }

    // MARK: - Deliveries

    func deliveries(subscriptionID: String, page: Pagination, status: String?) throws -> [Row] {
        var sql = """
            SELECT d.*, e.type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
            WHERE d.subscription_id = ? AND d.id < ?
            """
        var arguments: [SQLValue] = [.text(subscriptionID), .text(page.after ?? "~")]
        if let status {
            sql += " AND d.status = ?"
            arguments.append(.text(status))
        }
        sql += " ORDER BY d.id DESC LIMIT ?"
        arguments.append(.integer(Int64(page.limit + 1)))
        return try services.database.read { db in try db.query(sql, arguments) }
    }

    func delivery(_ db: Connection, subscriptionID: String, id: String) throws -> Row? {
        try db.queryOne(
            """
            SELECT d.*, e.type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
            WHERE d.id = ? AND d.subscription_id = ?
            """, [.text(id), .text(subscriptionID)])
    }

    /// The most recent `perDelivery` attempts of each delivery, oldest first.
    func attempts(_ db: Connection, deliveryIDs: [String], perDelivery: Int = 25) throws -> [String: [Row]] {
        var byDelivery: [String: [Row]] = [:]
        for id in deliveryIDs {
            let rows = try db.query(
                "SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt DESC, started_at DESC LIMIT ?",
                [.text(id), .integer(Int64(perDelivery))])
            byDelivery[id] = rows.reversed()
        }
        return byDelivery
    }

    /// Schedules one more attempt now. A finished delivery (delivered or failed) gets exactly one manual
    /// attempt; one still in its retry schedule is simply brought forward. A pause after failures is
    /// lifted: the subscriber asked for an attempt.
    func redeliver(caller: Principal, subscriptionID: String, deliveryID: String) throws -> Row {
        try services.database.write { db in
            guard let subscription = try find(db, subscriptionID, organizationID: caller.organizationID),
                let delivery = try delivery(db, subscriptionID: subscriptionID, id: deliveryID)
            else { throw APIError.notFound("delivery") }
            guard subscription.string("status") == "active" else {
                throw APIError.conflict(
                    LocalizedText(en: "The webhook is disabled; enable it first.", ko: "웹훅이 비활성화되어 있습니다. 먼저 활성화하세요."),
                    code: "webhook_disabled")
            }
            let status = delivery.string("status") ?? ""
            let now = services.now()
            if status == "delivering", let lease = delivery.string("next_attempt_at"), lease > Timestamp.format(now) {
                throw APIError.conflict(
                    LocalizedText(en: "This delivery is being attempted right now.", ko: "이 전송은 지금 시도 중입니다."),
                    code: "delivery_in_progress")
            }
            let nowText = Timestamp.format(now)
            try db.execute(
                """
                UPDATE webhook_deliveries
                SET manual = CASE WHEN status IN ('delivered','failed') THEN 1 ELSE manual END,
                    status = 'pending', next_attempt_at = ?
                WHERE id = ?
                """, [.text(nowText), .text(deliveryID)])
            try db.execute(
                "UPDATE webhook_subscriptions SET paused_until = NULL, probe_until = NULL WHERE id = ?", [.text(subscriptionID)])
            try AuditLog.record(
                db, at: nowText, actor: caller, action: "webhook.redelivery_requested", entityType: "webhook_delivery", entityID: deliveryID)
            DeliverySignal.shared.signal()
            guard let updated = try self.delivery(db, subscriptionID: subscriptionID, id: deliveryID) else { throw APIError.internal() }
            return updated
        }
    }
}
