import Foundation
import Store
import Web

/// The SQL of delivery: claiming due deliveries under a lease, and recording attempts with their
/// consequences (retry schedule, give-up, circuit breaker, disabling). Every step is one write
/// transaction, so the state in SQLite is always the whole truth and a restart resumes from it.
///
/// At-least-once: a claim sets `status = 'delivering'` and moves `next_attempt_at` to the end of a
/// lease (timeout + 30 s). If the process dies before recording the result, the lease expires, the row
/// is due again, the lost attempt is logged as `interrupted` and the event is sent again. Receivers
/// must therefore deduplicate by `Marketplace-Event-Id` (the event's `id`).
struct DeliveryQueue: Sendable {
    let services: MarketServices
    let settings: WebhookSettings
    let schedule: RetrySchedule

    init(services: MarketServices) {
        self.services = services
        settings = services.settings.webhooks
        schedule = RetrySchedule(settings: services.settings.webhooks)
    }

    var leaseSeconds: Double { settings.timeoutSeconds + 30 }

    /// What a claim did: the jobs to run now, and how many due rows it looked at (held or recovered rows
    /// count too, so a caller draining the queue knows to look again).
    struct Claim {
        var jobs: [DeliveryJob] = []
        var touched = 0
    }

    // MARK: - Claiming

    /// Claims up to `limit` due deliveries. Rules, applied in due order over a window of due rows:
    /// - a row of a subscription that is no longer active is unscheduled;
    /// - a failing subscription (consecutive failures > 0) is paused until `paused_until`, and then only
    ///   ONE of its deliveries is in flight at a time (a probe); its other due rows are held until the
    ///   pause ends or the probe's lease does, so a dead endpoint neither burns worker time nor starves
    ///   other subscribers;
    /// - a row left `delivering` by a lease that expired is logged as interrupted and retried.
    func claim(limit: Int) throws -> Claim {
        let now = services.now()
        let nowText = Timestamp.format(now)
        let leaseEnd = Timestamp.format(now.addingTimeInterval(leaseSeconds))
        return try services.database.write { db in
            var claim = Claim()
            let rows = try db.query(
                """
                SELECT d.id, d.subscription_id, d.event_id, d.status, d.attempts, d.manual,
                       s.organization_id, s.status AS subscription_status, s.url, s.secret,
                       s.consecutive_failures, s.paused_until, s.probe_until,
                       e.type, e.payload, e.created_at AS event_created_at
                FROM webhook_deliveries d
                JOIN webhook_subscriptions s ON s.id = d.subscription_id
                JOIN events e ON e.id = d.event_id
                WHERE d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= ?
                ORDER BY d.next_attempt_at
                LIMIT ?
                """, [.text(nowText), .integer(Int64(limit * 4))])
            var probing = Set<String>()
            for row in rows {
                guard claim.jobs.count < limit else { break }
                guard let id = row.string("id"), let subscriptionID = row.string("subscription_id") else { continue }
                claim.touched += 1
                var attempts = row.int("attempts") ?? 0
                if row.string("status") == "delivering" {
                    try logInterrupted(db, deliveryID: id, attempt: attempts, at: nowText)
                }
                guard row.string("subscription_status") == "active" else {
                    try db.execute(
                        "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = NULL WHERE id = ?", [.text(id)])
                    continue
                }
                if (row.int("consecutive_failures") ?? 0) > 0 {
                    if let pausedUntil = row.string("paused_until"), pausedUntil > nowText {
                        try hold(db, id, until: pausedUntil)
                        continue
                    }
                    if probing.contains(subscriptionID) {
                        try hold(db, id, until: leaseEnd)
                        continue
                    }
                    if let probeUntil = row.string("probe_until"), probeUntil > nowText {
                        try hold(db, id, until: probeUntil)
                        continue
                    }
                    probing.insert(subscriptionID)
                    try db.execute(
                        "UPDATE webhook_subscriptions SET probe_until = ? WHERE id = ?", [.text(leaseEnd), .text(subscriptionID)])
                }
                attempts += 1
                try db.execute(
                    """
                    UPDATE webhook_deliveries SET status = 'delivering', attempts = ?, next_attempt_at = ?, last_attempt_at = ?
                    WHERE id = ?
                    """, [.integer(Int64(attempts)), .text(leaseEnd), .text(nowText), .text(id)])
                claim.jobs.append(
                    DeliveryJob(
                        deliveryID: id, subscriptionID: subscriptionID, organizationID: row.string("organization_id") ?? "",
                        eventID: row.string("event_id") ?? "", eventType: row.string("type") ?? "",
                        eventCreatedAt: row.string("event_created_at") ?? nowText, url: row.string("url") ?? "",
                        secret: row.string("secret") ?? "", payload: Array((row.string("payload") ?? "{}").utf8),
                        attempt: attempts, manual: row.int("manual") == 1))
            }
            return claim
        }
    }

    private func hold(_ db: Connection, _ id: String, until: String) throws {
        try db.execute(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ?", [.text(until), .text(id)])
    }

    private func logInterrupted(_ db: Connection, deliveryID: String, attempt: Int, at: String) throws {
        try db.execute(
            """
            INSERT INTO webhook_attempts (id, delivery_id, attempt, started_at, duration_ms, error, outcome, next_attempt_at)
            SELECT ?, id, ?, coalesce(last_attempt_at, ?), 0, ?, 'interrupted', ? FROM webhook_deliveries WHERE id = ?
            """,
            [
                .text(ID.make("wha")), .integer(Int64(attempt)), .text(at),
                .text("interrupted: the server stopped before this attempt's result was recorded; sent again"), .text(at),
                .text(deliveryID),
            ])
    }

    // MARK: - Recording

    /// Records finished attempts in one transaction, and hands back claimed jobs that were never
    /// attempted (the worker is stopping) as due now, their attempt not counted.
    func record(_ results: [DeliveryResult], release: [DeliveryJob] = []) throws {
        guard !results.isEmpty || !release.isEmpty else { return }
        let now = services.now()
        let nowText = Timestamp.format(now)
        var random = SystemRandomNumberGenerator()
        try services.database.write { db in
            for result in results {
                try record(db, result, now: now, nowText: nowText, random: &random)
            }
            for job in release {
                try db.execute(
                    """
                    UPDATE webhook_deliveries SET status = 'pending', attempts = attempts - 1, next_attempt_at = ?
                    WHERE id = ? AND status = 'delivering'
                    """, [.text(nowText), .text(job.deliveryID)])
                try db.execute("UPDATE webhook_subscriptions SET probe_until = NULL WHERE id = ?", [.text(job.subscriptionID)])
            }
        }
    }

    private func record(
        _ db: Connection, _ result: DeliveryResult, now: Date, nowText: String, random: inout SystemRandomNumberGenerator
    ) throws {
        let job = result.job
        let outcome = result.outcome
        let statusCode: SQLValue = outcome.statusCode.map { .integer(Int64($0)) } ?? .null
        let excerpt: SQLValue = outcome.responseExcerpt.map { .text($0) } ?? .null
        guard
            let subscription = try db.queryOne(
                """
                SELECT status, consecutive_failures, paused_until, probe_until FROM webhook_subscriptions WHERE id = ?
                """, [.text(job.subscriptionID)])
        else { return }
        let active = subscription.string("status") == "active"

        if outcome.isSuccess {
            try insertAttempt(db, result, outcome: "delivered", next: nil, statusCode: statusCode, excerpt: excerpt)
            try db.execute(
                """
                UPDATE webhook_deliveries
                SET status = 'delivered', next_attempt_at = NULL, delivered_at = ?, last_status_code = ?, last_error = NULL, manual = 0
                WHERE id = ? AND status = 'delivering'
                """, [.text(nowText), statusCode, .text(job.deliveryID)])
            if active {
                try db.execute(
                    """
                    UPDATE webhook_subscriptions SET consecutive_failures = 0, paused_until = NULL, probe_until = NULL, last_success_at = ?
                    WHERE id = ?
                    """, [.text(nowText), .text(job.subscriptionID)])
                // The endpoint recovered: deliveries held back for the pause or for this probe (their
                // next_attempt_at is exactly one of those two times) are due at once.
                let holds = [subscription.string("paused_until"), subscription.string("probe_until")].compactMap { $0 }
                if (subscription.int("consecutive_failures") ?? 0) > 0 && !holds.isEmpty {
                    try db.execute(
                        """
                        UPDATE webhook_deliveries SET next_attempt_at = ?
                        WHERE subscription_id = ? AND status = 'pending' AND next_attempt_at IN (?, ?)
                        """, [.text(nowText), .text(job.subscriptionID), .text(holds[0]), .text(holds.last ?? holds[0])])
                }
            }
            return
        }

        let eventCreated = Timestamp.parse(job.eventCreatedAt) ?? now
        let next = job.manual ? nil : schedule.nextAttempt(afterAttempt: job.attempt, now: now, eventCreated: eventCreated, using: &random)
        let nextText = next.map { Timestamp.format($0) }
        try insertAttempt(db, result, outcome: "failed", next: active ? nextText : nil, statusCode: statusCode, excerpt: excerpt)
        try db.execute(
            """
            UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, last_status_code = ?, last_error = ?, manual = 0
            WHERE id = ? AND status = 'delivering'
            """,
            [
                .text(next == nil ? "failed" : "pending"), active ? (nextText.map { .text($0) } ?? .null) : .null,
                statusCode, .text(String(outcome.failureReason.prefix(500))), .text(job.deliveryID),
            ])
        guard active else { return }

        let failures = (subscription.int("consecutive_failures") ?? 0) + 1
        if failures >= settings.disableAfterConsecutiveFailures {
            let reason = "disabled after \(failures) consecutive failed delivery attempts; the last one: \(outcome.failureReason.prefix(300))"
            try db.execute(
                """
                UPDATE webhook_subscriptions
                SET status = 'disabled', disabled_reason = ?, disabled_at = ?, consecutive_failures = ?, paused_until = NULL, probe_until = NULL,
                    last_failure_at = ?, updated_at = ?
                WHERE id = ?
                """, [.text(reason), .text(nowText), .integer(Int64(failures)), .text(nowText), .text(nowText), .text(job.subscriptionID)])
            // Pending deliveries wait, unscheduled, for the subscription to be enabled again.
            try db.execute(
                "UPDATE webhook_deliveries SET next_attempt_at = NULL WHERE subscription_id = ? AND status = 'pending'",
                [.text(job.subscriptionID)])
            try AuditLog.record(
                db, at: nowText, actor: nil, action: "webhook.disabled", entityType: "webhook", entityID: job.subscriptionID,
                after: ["reason": .string(reason)])
        } else {
            let pausedUntil = Timestamp.format(now.addingTimeInterval(schedule.pause(afterConsecutiveFailures: failures)))
            try db.execute(
                """
                UPDATE webhook_subscriptions SET consecutive_failures = ?, paused_until = ?, probe_until = NULL, last_failure_at = ?
                WHERE id = ?
                """, [.integer(Int64(failures)), .text(pausedUntil), .text(nowText), .text(job.subscriptionID)])
        }
    }

    private func insertAttempt(
        _ db: Connection, _ result: DeliveryResult, outcome: String, next: String?, statusCode: SQLValue, excerpt: SQLValue
    ) throws {
        try db.execute(
            """
            INSERT INTO webhook_attempts (id, delivery_id, attempt, started_at, duration_ms, status_code, error,
                                          response_excerpt, outcome, next_attempt_at, manual)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(ID.make("wha")), .text(result.job.deliveryID), .integer(Int64(result.job.attempt)), .text(result.startedAt),
                .integer(Int64(result.outcome.durationMilliseconds)), statusCode,
                result.outcome.error.map { .text(String($0.prefix(500))) } ?? .null, excerpt, .text(outcome),
                next.map { .text($0) } ?? .null, .integer(result.job.manual ? 1 : 0),
            ])
    }

    // MARK: - Retention

    /// Deletes finished deliveries (with their attempts) and events older than the cutoff, in chunks so
    /// no single transaction holds the writer for long. Returns the number of deliveries deleted.
    @discardableResult
    func purge(before cutoff: Date) throws -> Int {
        let cutoffText = Timestamp.format(cutoff)
        var total = 0
        while true {
            let deleted = try services.database.write { db -> Int in
                let ids = try db.query(
                    """
                    SELECT id FROM webhook_deliveries
                    WHERE created_at < ? AND status IN ('delivered','failed','cancelled') LIMIT 500
                    """, [.text(cutoffText)]
                ).compactMap { $0.string("id") }
                for id in ids {
                    try db.execute("DELETE FROM webhook_attempts WHERE delivery_id = ?", [.text(id)])
                    try db.execute("DELETE FROM webhook_deliveries WHERE id = ?", [.text(id)])
                }
                return ids.count
            }
            total += deleted
            if deleted < 500 { break }
        }
        while true {
            let deleted = try services.database.write { db -> Int in
                try db.execute(
                    """
                    DELETE FROM events WHERE id IN (
                        SELECT id FROM events WHERE created_at < ?
                          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = events.id)
                        LIMIT 500)
                    """, [.text(cutoffText)])
                return db.changes
            }
            if deleted < 500 { break }
        }
        return total
    }
}
