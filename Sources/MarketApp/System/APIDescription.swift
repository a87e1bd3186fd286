import MarketCore
import Synchronization
import Web

/// The OpenAPI document, generated once from the router on first request.
enum APIDescription {
    private static let cached = Mutex<[UInt8]?>(nil)

    static func document(_ router: Router<MarketContext>) -> JSON {
        OpenAPIDocument.build(
            info: .init(
                title: "B2B Marketplace API", version: "1.0.0",
                description: """
                    Business buyers, suppliers and the marketplace operator. Money is `{"amount":"1234.50","currency":"USD"}` \
                    with decimal strings; errors are RFC 9457 problem+json; lists use `limit` and `cursor`; creating POSTs \
                    accept `Idempotency-Key`; `Accept-Language: ko` localizes errors.
                    """),
            routes: router.routes, components: CommonSchemas.all + MarketDocs.components,
            securitySchemes: [
                ("bearerAuth", [
                    "type": "http", "scheme": "bearer",
                    "description": "A login token from `POST /v1/auth/tokens` (email and password), sent as `Authorization: Bearer <token>`. Revoked by `DELETE /v1/auth/tokens/current`.",
                ]),
                ("apiKey", [
                    "type": "http", "scheme": "bearer", "bearerFormat": "mkt_key_…",
                    "description": "An API key for machine clients (ERPs, procurement tools) from `POST /v1/api-keys`, limited to the roles chosen when it was made. API keys are ALSO sent as `Authorization: Bearer <key>` (not in a separate header); either scheme works on every signed-in route.",
                ]),
            ])
    }

    static func bytes(_ router: Router<MarketContext>) -> [UInt8] {
        if let bytes = cached.withLock({ $0 }) { return bytes }
        let bytes = JSONSerializer.serialize(document(router))
        cached.withLock { $0 = bytes }
        return bytes
    }
}
