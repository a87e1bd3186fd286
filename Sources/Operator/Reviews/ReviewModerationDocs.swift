import MarketCore
import Web

/// OpenAPI descriptions of review moderation.
enum ReviewModerationDocs {
    static let tag = ["Operator: reviews"]

    static let list = OpenAPIOperation(
        summary: "Reviews to moderate, newest first",
        description: "`hidden=true` lists the hidden ones, `hidden=false` the visible ones; `seller_id` and `buyer_id` narrow it.",
        tags: tag,
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("hidden", in: .query, schema: Schema.string(enum: ["true", "false"])),
            OpenAPIParameter("seller_id", in: .query, schema: Schema.string(maxLength: 100)),
            OpenAPIParameter("buyer_id", in: .query, schema: Schema.string(maxLength: 100)),
        ],
        responses: [
            OpenAPIResponse(200, "A page of reviews", schema: Schema.page(Schema.ref("ModeratedReview"))),
        ])

    static func change(_ summary: String, _ description: String, conflict: String) -> OpenAPIOperation {
        OpenAPIOperation(
            summary: summary, description: description, tags: tag,
            parameters: [OpenAPIParameter("id", in: .path), CommonSchemas.idempotencyKey],
            requestBody: OpenAPIRequestBody(
                Schema.object([("reason", Schema.string(minLength: 1, maxLength: 1000))], required: ["reason"]),
                example: ["reason": "Contains a personal phone number"]),
            responses: [
                OpenAPIResponse(200, "The review with its new state", schema: Schema.ref("ModeratedReview")),
                ReviewSchemas.problem(404, "No such review"),
                ReviewSchemas.problem(409, conflict),
            ])
    }

    static let hide = change(
        "Hide a review",
        """
        The review disappears from the supplier's profile and public list and stops counting in its scorecard \
        (review count, averages, rating on every search hit) in the same transaction. Audited with the reason.
        """,
        conflict: "Already hidden (`already_hidden`)")

    static let unhide = change(
        "Show a hidden review again",
        "The review counts again, in the same transaction. Audited with the reason.",
        conflict: "Not hidden (`not_hidden`)")
}
