import MarketCore
import Web

/// OpenAPI for supplier onboarding.
enum SellerAdminDocs {
    static let statuses = OrganizationStatus.allCases.map(\.rawValue)

    static let supplier: JSON = Schema.object(
        [
            ("id", Schema.string()), ("name", Schema.string()), ("country", Schema.string()),
            ("default_currency", Schema.string()), ("payout_currency", Schema.string()),
            ("status", Schema.string(enum: statuses)), ("category_ids", Schema.array(Schema.string())),
            ("contact", Schema.anyObject), ("created_at", Schema.dateTime), ("updated_at", Schema.dateTime),
        ], required: ["id", "name", "status"])

    static func registerComponents() {
        MarketDocs.addComponent("SupplierAccount", supplier)
    }

    static let list = OpenAPIOperation(
        summary: "List suppliers",
        description: "Suppliers by onboarding status (`pending` ones wait for approval), oldest first.",
        tags: ["Operator: suppliers"],
        parameters: CommonSchemas.pageParameters + [OpenAPIParameter("status", in: .query, schema: Schema.string(enum: statuses))],
        responses: [
            OpenAPIResponse(200, "A page of suppliers", schema: Schema.page(Schema.ref("SupplierAccount"))),
            OpenAPIResponse(422, "Invalid filter", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static func transition(_ summary: String, _ description: String) -> OpenAPIOperation {
        OpenAPIOperation(
            summary: summary, description: description, tags: ["Operator: suppliers"],
            parameters: [OpenAPIParameter("id", in: .path), CommonSchemas.idempotencyKey],
            requestBody: OpenAPIRequestBody(Schema.object([("reason", Schema.string(maxLength: 1000))]), required: false),
            responses: [
                OpenAPIResponse(200, "The supplier with its new status", schema: Schema.ref("SupplierAccount")),
                OpenAPIResponse(404, "No such supplier", contentType: "application/problem+json", schema: Schema.ref("Problem")),
                OpenAPIResponse(409, "Not allowed from the current status (`current_status` says which)",
                                contentType: "application/problem+json", schema: Schema.ref("Problem")),
            ])
    }

    static let approve = transition(
        "Approve a supplier", "pending or suspended → active. Audited with the optional `reason`.")
    static let suspend = transition(
        "Suspend a supplier", "active or pending → suspended. Audited with the optional `reason`.")
}
