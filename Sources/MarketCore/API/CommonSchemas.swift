import Web

/// Component schemas shared by every module's documentation (`#/components/schemas/...`).
public enum CommonSchemas {
    public static let money: JSON = Schema.object(
        [("amount", Schema.decimal), ("currency", Schema.string(pattern: "^[A-Z]{3}$", example: "USD"))],
        required: ["amount", "currency"])

    public static let problem: JSON = Schema.object(
        [
            ("type", Schema.string()), ("title", Schema.string()), ("status", Schema.integer(minimum: 100, maximum: 599)),
            ("detail", Schema.string()), ("instance", Schema.string()),
            ("errors", Schema.array(Schema.object([("field", Schema.string()), ("message", Schema.string())], required: ["field", "message"]))),
        ], required: ["type", "title", "status", "detail"])

    public static let organization: JSON = Schema.object(
        [
            ("id", Schema.string()), ("kind", Schema.string(enum: ["buyer", "supplier", "operator"])), ("name", Schema.string()),
            ("country", Schema.string()), ("default_currency", Schema.string()),
            ("status", Schema.string(enum: ["pending", "active", "suspended"])), ("payout_currency", Schema.string()),
            ("created_at", Schema.dateTime),
        ], required: ["id", "kind", "name", "status"])

    public static let user: JSON = Schema.object(
        [
            ("id", Schema.string()), ("organization_id", Schema.string()), ("email", Schema.string(format: "email")),
            ("name", Schema.string()), ("roles", Schema.array(Schema.string(enum: Role.allCases.map(\.rawValue)))),
            ("created_at", Schema.dateTime),
        ], required: ["id", "email", "roles"])

    /// Components every module contributes to; modules may add their own through `MarketDocs`.
    public static let all: [(String, JSON)] = [
        ("Money", money), ("Problem", problem), ("Organization", organization), ("User", user),
    ]

    public static let idempotencyKey = OpenAPIParameter(
        "Idempotency-Key", in: .header, schema: Schema.string(minLength: 1, maxLength: 255),
        description: "Replays the first response for the same key and body within 24 h.")

    public static let pageParameters = [
        OpenAPIParameter("limit", in: .query, schema: Schema.integer(minimum: 1, maximum: 200)),
        OpenAPIParameter("cursor", in: .query, schema: Schema.string(maxLength: 200)),
    ]
}
