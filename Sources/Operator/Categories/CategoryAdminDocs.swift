import MarketCore
import Web

/// OpenAPI for the operator's category routes. The `Category` component is shared with the public tree.
enum CategoryAdminDocs {
    static let create = OpenAPIOperation(
        summary: "Add a category",
        description: "Names in English and Korean; `parent_id` (optional) must exist. Categories are never moved or deleted.",
        tags: ["Operator: categories"],
        parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [
                    ("name", Schema.object([("en", Schema.string(maxLength: 200)), ("ko", Schema.string(maxLength: 200))],
                                           required: ["en", "ko"])),
                    ("parent_id", Schema.string()),
                ], required: ["name"]),
            example: ["name": ["en": "Bolts", "ko": "볼트"], "parent_id": "cat_..."]),
        responses: [
            OpenAPIResponse(201, "The category", schema: Schema.ref("Category")),
            OpenAPIResponse(409, "Idempotency-Key in use by a request still running", contentType: "application/problem+json",
                            schema: Schema.ref("Problem")),
        ])
}
