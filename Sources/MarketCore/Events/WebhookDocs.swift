import Web

/// OpenAPI descriptions of `/v1/webhooks`.
enum WebhookDocs {
    static let tag = ["Webhooks"]

    static func registerComponents() {
        MarketDocs.addComponent("Webhook", subscription)
        MarketDocs.addComponent("WebhookDelivery", deliverySchema)
    }

    static let subscription = Schema.object(
        [
            ("id", Schema.string()), ("url", Schema.string(format: "uri", maxLength: 2048)),
            ("events", Schema.array(Schema.string(enum: EventType.names))),
            ("status", Schema.string(enum: ["active", "disabled"])),
            ("disabled_reason", Schema.nullable(Schema.string())), ("disabled_at", Schema.nullable(Schema.dateTime)),
            ("consecutive_failures", Schema.integer(minimum: 0)), ("paused_until", Schema.nullable(Schema.dateTime)),
            ("last_success_at", Schema.nullable(Schema.dateTime)), ("last_failure_at", Schema.nullable(Schema.dateTime)),
            ("created_at", Schema.dateTime), ("updated_at", Schema.dateTime),
        ], required: ["id", "url", "events", "status", "created_at"])

    static let attempt = Schema.object(
        [
            ("attempt", Schema.integer(minimum: 1)), ("started_at", Schema.dateTime), ("duration_ms", Schema.integer(minimum: 0)),
            ("outcome", Schema.string(enum: ["delivered", "failed", "interrupted"])),
            ("status_code", Schema.nullable(Schema.integer())), ("error", Schema.nullable(Schema.string())),
            ("response_excerpt", Schema.nullable(Schema.string())), ("next_attempt_at", Schema.nullable(Schema.dateTime)),
            ("manual", Schema.boolean),
        ], required: ["attempt", "started_at", "duration_ms", "outcome"])

    static let deliverySchema = Schema.object(
        [
            ("id", Schema.string()), ("event_id", Schema.string()), ("event_type", Schema.string(enum: EventType.names)),
            ("status", Schema.string(enum: ["pending", "delivering", "delivered", "failed", "cancelled"])),
            ("attempt_count", Schema.integer(minimum: 0)), ("next_attempt_at", Schema.nullable(Schema.dateTime)),
            ("last_status_code", Schema.nullable(Schema.integer())), ("last_error", Schema.nullable(Schema.string())),
            ("delivered_at", Schema.nullable(Schema.dateTime)), ("created_at", Schema.dateTime),
            ("attempts", Schema.array(attempt)),
        ], required: ["id", "event_id", "event_type", "status", "attempt_count", "attempts"])

    static let idParameter = OpenAPIParameter("id", in: .path, required: true)
    static let deliveryParameter = OpenAPIParameter("delivery_id", in: .path, required: true)
    static let notFound = OpenAPIResponse(404, "No such webhook in your organization", contentType: "application/problem+json", schema: Schema.ref("Problem"))

    static let create = OpenAPIOperation(
        summary: "Subscribe a URL to events (organization admin); the signing secret is shown once",
        description: """
            Each event is POSTed as `{"id","type","created_at","data"}` with `Content-Type: application/json`, \
            `Marketplace-Event-Id`, `Marketplace-Event-Type`, `Marketplace-Delivery-Id`, `Marketplace-Delivery-Attempt` and \
            `Marketplace-Signature: t=UNIX_SECONDS,v1=HEX`, where HEX is HMAC-SHA256 keyed with the UTF-8 bytes of `secret` \
            (including `whsec_`) over `t + "." + body`. Reject timestamps more than 5 minutes old and compare in constant time.

            Any 2xx within 10 s is success. Anything else (redirects included) is retried with exponential backoff and \
            jitter (10 s doubling, at most 6 h apart) for about 24 h; every attempt is in the delivery log. Delivery is \
            at least once and unordered: deduplicate by event id. After 15 consecutive failed attempts the webhook is \
            disabled (`disabled_reason` says why) until re-enabled.

            URLs: `http` or `https` only, no user name or password, no fragment, at most 2,048 characters. Addresses \
            that are not public (loopback, RFC 1918, link-local, CGNAT, unique-local IPv6, `localhost`, `*.internal`, \
            single-label names ...) are refused, at creation and again for every address the host resolves to when \
            delivering, unless the server runs with `MARKETPLACE_WEBHOOKS_ALLOW_PRIVATE=1` (development).
            """,
        tags: tag, parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [
                    ("url", Schema.string(format: "uri", maxLength: 2048)),
                    ("events", Schema.array(Schema.string(enum: EventType.names), minItems: 1)),
                ], required: ["url", "events"]),
            example: ["url": "https://erp.example.com/hooks/marketplace", "events": ["order.placed", "order.shipped"]]),
        responses: [
            OpenAPIResponse(
                201, "Created; `secret` is shown only now",
                schema: ["allOf": [Schema.ref("Webhook"), Schema.object([("secret", Schema.string(pattern: "^whsec_"))], required: ["secret"])]]),
            OpenAPIResponse(409, "Too many webhooks", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let list = OpenAPIOperation(
        summary: "List your organization's webhooks (no secrets)", tags: tag, parameters: CommonSchemas.pageParameters,
        responses: [OpenAPIResponse(200, "A page of webhooks", schema: Schema.page(Schema.ref("Webhook")))])

    static let get = OpenAPIOperation(
        summary: "One webhook (no secret)", tags: tag, parameters: [idParameter],
        responses: [OpenAPIResponse(200, "The webhook", schema: Schema.ref("Webhook")), notFound])

    static let delete = OpenAPIOperation(
        summary: "Delete a webhook; undelivered events to it are cancelled", tags: tag, parameters: [idParameter],
        responses: [OpenAPIResponse(204, "Deleted"), notFound])

    static let enable = OpenAPIOperation(
        summary: "Re-enable a webhook disabled after repeated failures",
        description: "Resets the failure count; deliveries that were waiting are sent again. Enabling an active webhook changes nothing.",
        tags: tag, parameters: [idParameter],
        responses: [OpenAPIResponse(200, "The webhook", schema: Schema.ref("Webhook")), notFound])

    static let deliveries = OpenAPIOperation(
        summary: "The delivery log: one entry per event, newest first, each with its attempts",
        description: "Each attempt shows its number, time, duration, status code or error, and the next retry time.",
        tags: tag,
        parameters: [idParameter, OpenAPIParameter("status", in: .query, schema: Schema.string(enum: ["pending", "delivering", "delivered", "failed", "cancelled"]))]
            + CommonSchemas.pageParameters,
        responses: [OpenAPIResponse(200, "A page of deliveries", schema: Schema.page(Schema.ref("WebhookDelivery"))), notFound])

    static let delivery = OpenAPIOperation(
        summary: "One delivery with its attempts", tags: tag, parameters: [idParameter, deliveryParameter],
        responses: [OpenAPIResponse(200, "The delivery", schema: Schema.ref("WebhookDelivery")), notFound])

    static let redeliver = OpenAPIOperation(
        summary: "Send an event again now",
        description: "A delivered or failed delivery gets one more attempt; one still being retried is brought forward.",
        tags: tag, parameters: [idParameter, deliveryParameter, CommonSchemas.idempotencyKey],
        responses: [
            OpenAPIResponse(202, "Scheduled", schema: Schema.ref("WebhookDelivery")), notFound,
            OpenAPIResponse(409, "The webhook is disabled, or the delivery is in progress", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])
}
