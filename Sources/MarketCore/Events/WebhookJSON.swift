import Store
import Web

/// How subscriptions and deliveries look in responses. The secret is never part of these: it is shown
/// once, by the create route.
enum WebhookJSON {
    static func subscription(_ row: Row) -> JSON {
        let events = (try? JSONParser.parse(row.string("events") ?? "[]")) ?? .array([])
        return [
            "id": .optional(row.string("id")), "url": .optional(row.string("url")), "events": events,
            "status": .optional(row.string("status")), "disabled_reason": .optional(row.string("disabled_reason")),
            "disabled_at": .optional(row.string("disabled_at")),
            "consecutive_failures": .int(row.int64("consecutive_failures") ?? 0),
            "paused_until": .optional(row.string("paused_until")), "last_success_at": .optional(row.string("last_success_at")),
            "last_failure_at": .optional(row.string("last_failure_at")), "created_at": .optional(row.string("created_at")),
            "updated_at": .optional(row.string("updated_at")),
        ]
    }

    static func delivery(_ row: Row, attempts: [Row]) -> JSON {
        [
            "id": .optional(row.string("id")), "event_id": .optional(row.string("event_id")),
            "event_type": .optional(row.string("type")), "status": .optional(row.string("status")),
            "attempt_count": .int(row.int64("attempts") ?? 0), "next_attempt_at": .optional(row.string("next_attempt_at")),
            "last_status_code": .optional(row.int64("last_status_code")), "last_error": .optional(row.string("last_error")),
            "delivered_at": .optional(row.string("delivered_at")), "created_at": .optional(row.string("created_at")),
            "attempts": .array(attempts.map(attempt)),
        ]
    }

    static func attempt(_ row: Row) -> JSON {
        [
            "attempt": .int(row.int64("attempt") ?? 0), "started_at": .optional(row.string("started_at")),
            "duration_ms": .int(row.int64("duration_ms") ?? 0), "outcome": .optional(row.string("outcome")),
            "status_code": .optional(row.int64("status_code")), "error": .optional(row.string("error")),
            "response_excerpt": .optional(row.string("response_excerpt")),
            "next_attempt_at": .optional(row.string("next_attempt_at")), "manual": .bool(row.int64("manual") == 1),
        ]
    }
}
