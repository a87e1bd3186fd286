import MarketCore
import Web

/// OpenAPI descriptions of the supplier's review routes.
enum SellerReviewDocs {
    static let tag = ["Seller reviews"]

    static let list = OpenAPIOperation(
        summary: "Reviews of your orders, newest first",
        description: "Every review of this supplier, with `hidden` true for those the operator hid (they count nowhere).",
        tags: tag, parameters: CommonSchemas.pageParameters,
        responses: [OpenAPIResponse(200, "A page of reviews", schema: Schema.page(Schema.ref("Review")))])

    static let detail = OpenAPIOperation(
        summary: "One review of your orders", tags: tag, parameters: [OpenAPIParameter("id", in: .path)],
        responses: [
            OpenAPIResponse(200, "The review", schema: Schema.ref("Review")),
            ReviewSchemas.problem(404, "No such review of this supplier"),
        ])

    static let respond = OpenAPIOperation(
        summary: "Reply to a review",
        description: """
            One public reply per review, shown under it wherever the review is shown; it cannot be replaced \
            (a second reply is 409 `already_answered`). Another supplier's review is 404.
            """,
        tags: tag, parameters: [OpenAPIParameter("id", in: .path), CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object([("text", Schema.string(minLength: 1, maxLength: ReviewReply.maxLength))], required: ["text"]),
            example: ["text": "Thank you — we have moved your account to our Busan warehouse for faster delivery."]),
        responses: [
            OpenAPIResponse(201, "The review with its reply", schema: Schema.ref("Review")),
            ReviewSchemas.problem(404, "No such review of this supplier"),
            ReviewSchemas.problem(409, "Already answered, or the same Idempotency-Key is in flight"),
        ])
}
