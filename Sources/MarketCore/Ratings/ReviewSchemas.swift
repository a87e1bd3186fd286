import Web

/// OpenAPI component schemas of reviews, shared by the buyer, seller and operator routes (registered by
/// each; `MarketDocs` keeps the first).
public enum ReviewSchemas {
    static let star = Schema.integer(minimum: 1, maximum: 5)
    static let reply = Schema.nullable(Schema.object([("text", Schema.string()), ("created_at", Schema.dateTime)], required: ["text", "created_at"]))

    static let publicProperties: [(String, JSON)] = [
        ("id", Schema.string()), ("rating", star), ("quality", star), ("delivery", star), ("communication", star),
        ("comment", Schema.nullable(Schema.string())), ("created_at", Schema.dateTime), ("response", reply),
    ]
    static let required = ["id", "rating", "quality", "delivery", "communication", "created_at"]

    /// What anyone sees: scores, comment, the supplier's reply — not who wrote it.
    public static let publicReview = Schema.object(publicProperties, required: required)

    /// What the buyer that wrote it and the supplier reviewed see.
    public static let review = Schema.object(
        publicProperties + [
            ("order_id", Schema.string()), ("buyer_id", Schema.string()), ("seller_id", Schema.string()),
            ("hidden", Schema.boolean), ("updated_at", Schema.dateTime),
        ], required: required + ["order_id", "buyer_id", "seller_id", "hidden"])

    /// What the operator sees: also the author and the moderation state.
    public static let moderatedReview = Schema.object(
        publicProperties + [
            ("order_id", Schema.string()), ("buyer_id", Schema.string()), ("seller_id", Schema.string()),
            ("hidden", Schema.boolean), ("updated_at", Schema.dateTime), ("author_user_id", Schema.string()),
            ("moderation", Schema.nullable(Schema.object([
                ("reason", Schema.string()), ("hidden_at", Schema.dateTime), ("hidden_by", Schema.string()),
            ]))),
        ], required: required + ["order_id", "buyer_id", "seller_id", "hidden"])

    public static func registerComponents() {
        MarketDocs.addComponent("PublicReview", publicReview)
        MarketDocs.addComponent("Review", review)
        MarketDocs.addComponent("ModeratedReview", moderatedReview)
    }

    public static func problem(_ status: Int, _ description: String) -> OpenAPIResponse {
        OpenAPIResponse(status, description, contentType: "application/problem+json", schema: Schema.ref("Problem"))
    }
}
