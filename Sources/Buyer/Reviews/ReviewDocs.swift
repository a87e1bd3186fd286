import MarketCore
import Web

/// OpenAPI descriptions of the buyer's review routes and the public review list.
enum ReviewDocs {
    static let tag = ["Buyer reviews"]
    static let star = Schema.integer(minimum: 1, maximum: 5)

    static let create = OpenAPIOperation(
        summary: "Review a delivered order",
        description: """
            Once per order, by the buyer company that placed it, after delivery: the order must be `delivered`, \
            `completed`, `partially_returned` or `returned` (else 409 `order_not_delivered`); a second review of \
            the same order is 409 `already_reviewed`; another organization's order is 404. Scores are whole stars \
            1–5; `comment` is optional (at most \(ReviewSubmission.maxCommentLength) characters). The supplier's \
            scorecard and its rating on every search hit change in the same transaction, which also publishes \
            `review.created` to the buyer and the supplier.
            """,
        tags: tag, parameters: [OpenAPIParameter("id", in: .path), CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [("rating", star), ("quality", star), ("delivery", star), ("communication", star),
                 ("comment", Schema.string(maxLength: ReviewSubmission.maxCommentLength))],
                required: ["rating", "quality", "delivery", "communication"]),
            example: ["rating": 5, "quality": 5, "delivery": 4, "communication": 5, "comment": "Bolts to spec, arrived a day early."]),
        responses: [
            OpenAPIResponse(201, "The review", schema: Schema.ref("Review")),
            ReviewSchemas.problem(404, "No such order in your organization"),
            ReviewSchemas.problem(409, "Not delivered yet, already reviewed, or the same Idempotency-Key is in flight"),
        ])

    static let read = OpenAPIOperation(
        summary: "Your review of an order", tags: tag, parameters: [OpenAPIParameter("id", in: .path)],
        responses: [
            OpenAPIResponse(200, "The review, with the supplier's reply and whether the operator hid it", schema: Schema.ref("Review")),
            ReviewSchemas.problem(404, "No such order in your organization, or not reviewed yet"),
        ])

    static let sellerReviews = OpenAPIOperation(
        summary: "A supplier's reviews",
        description: "The visible reviews of an active supplier, newest first, with its replies. Hidden reviews never appear.",
        tags: ["Catalog"], parameters: [OpenAPIParameter("id", in: .path)] + CommonSchemas.pageParameters,
        responses: [
            OpenAPIResponse(200, "A page of reviews", schema: Schema.page(Schema.ref("PublicReview"))),
            ReviewSchemas.problem(404, "No such active supplier"),
        ])
}
