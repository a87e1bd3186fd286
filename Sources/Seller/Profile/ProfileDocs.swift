import MarketCore
import Web

/// OpenAPI for the supplier profile.
enum ProfileDocs {
    static let contact: JSON = Schema.object(
        [
            ("name", Schema.string(maxLength: 200)), ("email", Schema.string(format: "email")),
            ("phone", Schema.string(maxLength: 200)), ("address", Schema.string(maxLength: 1000)),
            ("website", Schema.string(maxLength: 200)),
        ], additional: false)

    static let profile: JSON = Schema.object(
        [
            ("id", Schema.string()), ("name", Schema.string()), ("country", Schema.string()),
            ("default_currency", Schema.string()), ("status", Schema.string(enum: ["pending", "active", "suspended"])),
            ("payout_currency", Schema.string()), ("category_ids", Schema.array(Schema.string())),
            ("contact", contact), ("updated_at", Schema.dateTime),
        ], required: ["id", "name", "status", "payout_currency", "category_ids", "contact"])

    static let etagHeader: [String: JSON] = ["ETag": ["schema": Schema.string(), "description": "Send it back as If-Match"]]

    static let get = OpenAPIOperation(
        summary: "The supplier's profile",
        tags: ["Seller: profile"],
        responses: [OpenAPIResponse(200, "The profile", schema: Schema.ref("SupplierProfile"), headers: etagHeader)])

    static let patch = OpenAPIOperation(
        summary: "Update the supplier's profile",
        description: "Any of `payout_currency` (settlements are paid in it), `category_ids` (replaces the categories the supplier sells in; RFQ broadcast invites by them; each must exist) and `contact` (replaces the contact object). Honours `If-Match`.",
        tags: ["Seller: profile"],
        parameters: [OpenAPIParameter("If-Match", in: .header, schema: Schema.string())],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [("payout_currency", Schema.string(pattern: "^[A-Z]{3}$")), ("category_ids", Schema.array(Schema.string(), maxItems: 200)),
                 ("contact", contact)]),
            example: ["payout_currency": "KRW", "category_ids": ["cat_..."], "contact": ["email": "sales@example.com"]]),
        responses: [
            OpenAPIResponse(200, "The updated profile", schema: Schema.ref("SupplierProfile"), headers: etagHeader),
            OpenAPIResponse(412, "If-Match does not match the current ETag", contentType: "application/problem+json",
                            schema: Schema.ref("Problem")),
        ])
}
