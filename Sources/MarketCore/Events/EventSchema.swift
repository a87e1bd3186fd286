import Store

/// The transactional outbox, webhook subscriptions and delivery attempts. Append-only.
///
/// - `events`: one row per event, written by `Outbox.publish` in the same transaction as the change that
///   caused it. `payload` is the exact body every subscriber receives; `audience` the organizations that
///   may see it.
/// - `webhook_subscriptions`: per organization. `secret` is a signing key, not a password: the server must
///   recompute HMACs with it, so it is stored as issued (hashing would make signing impossible). It is
///   never returned after creation. `status` is active, disabled (after repeated failure, with
///   `disabled_reason`) or deleted (kept so the delivery log's foreign keys stay valid). After a failure
///   the subscription rests until `paused_until`; `probe_until` is the lease of the single delivery that
///   may be in flight to a failing endpoint.
/// - `webhook_deliveries`: one row per (subscription, event), fanned out at publish time. Due work is
///   found through the partial index on `next_attempt_at`, which is NULL once nothing more is scheduled.
///   `status = 'delivering'` with `next_attempt_at` in the future is a lease held by a worker; a lease that
///   expires (the server stopped mid-attempt) makes the row due again — at-least-once delivery.
/// - `webhook_attempts`: the delivery log, one row per HTTP attempt.
public enum EventSchema {
    public static let migrations: [Migration] = [
        Migration(
            "events-001-outbox-webhooks",
            """
            CREATE TABLE events (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                audience TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX events_created ON events(created_at);

            CREATE TABLE webhook_subscriptions (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id),
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                secret TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('active','disabled','deleted')),
                disabled_reason TEXT,
                disabled_at TEXT,
                consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
                paused_until TEXT,
                probe_until TEXT,
                last_success_at TEXT,
                last_failure_at TEXT,
                created_by TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX webhook_subscriptions_organization ON webhook_subscriptions(organization_id, status, id);

            CREATE TABLE webhook_deliveries (
                id TEXT PRIMARY KEY,
                subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id),
                event_id TEXT NOT NULL REFERENCES events(id),
                status TEXT NOT NULL CHECK (status IN ('pending','delivering','delivered','failed','cancelled')),
                attempts INTEGER NOT NULL DEFAULT 0,
                manual INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT,
                last_attempt_at TEXT,
                last_status_code INTEGER,
                last_error TEXT,
                delivered_at TEXT,
                created_at TEXT NOT NULL,
                UNIQUE (subscription_id, event_id)
            ) STRICT;
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
            CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries(subscription_id, id);
            CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_id);
            CREATE INDEX webhook_deliveries_created ON webhook_deliveries(created_at);

            CREATE TABLE webhook_attempts (
                id TEXT PRIMARY KEY,
                delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
                attempt INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                duration_ms INTEGER NOT NULL,
                status_code INTEGER,
                error TEXT,
                response_excerpt TEXT,
                outcome TEXT NOT NULL CHECK (outcome IN ('delivered','failed','interrupted')),
                next_attempt_at TEXT,
                manual INTEGER NOT NULL DEFAULT 0
            ) STRICT;
            CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, attempt);
            CREATE INDEX webhook_attempts_started ON webhook_attempts(started_at);
            """)
    ]
}
