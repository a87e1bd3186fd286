import MarketCore
import Web

/// OpenAPI for the audit log.
enum AuditLogDocs {
    static let entry: JSON = Schema.object(
        [
            ("id", Schema.string()), ("at", Schema.dateTime),
            ("actor", Schema.object([("user_id", Schema.nullable(Schema.string())),
                                     ("organization_id", Schema.nullable(Schema.string()))])),
            ("action", Schema.string(example: "fee_rule.created")), ("entity_type", Schema.string()),
            ("entity_id", Schema.string()),
            // The entity's JSON: an object, or an array for list-valued settings (approval rules).
            ("before", ["type": ["object", "array", "null"]]), ("after", ["type": ["object", "array", "null"]]),
        ], required: ["id", "at", "action", "entity_type", "entity_id"])

    static func registerComponents() {
        MarketDocs.addComponent("AuditEntry", entry)
    }

    static let list = OpenAPIOperation(
        summary: "The audit log",
        description: "Changes to roles, API keys, fee rules, FX rates, credit, supplier status and categories: who, when, before and after. Newest first.",
        tags: ["Operator: audit"],
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("entity_type", in: .query, schema: Schema.string(example: "fee_rule")),
            OpenAPIParameter("entity_id", in: .query),
            OpenAPIParameter("action", in: .query, schema: Schema.string(example: "supplier.approved")),
        ],
        responses: [
            OpenAPIResponse(200, "A page of entries", schema: Schema.page(Schema.ref("AuditEntry"))),
            OpenAPIResponse(422, "Invalid filter", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])
}
