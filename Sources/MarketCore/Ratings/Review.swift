import Store
import Web

/// A stored review with its reply and moderation state (`reviews` table).
public struct Review: Sendable, Hashable {
    public struct Reply: Sendable, Hashable {
        public let text: String
        public let userID: String?
        public let at: String
    }

    public struct Moderation: Sendable, Hashable {
        public let reason: String?
        public let at: String?
        public let by: String?
    }

    public let id: String
    public let orderID: String
    public let buyerID: String
    public let sellerID: String
    public let authorUserID: String
    public let scores: ReviewScores
    public let comment: String?
    /// Non-nil while the review is hidden.
    public let hidden: Moderation?
    public let reply: Reply?
    public let createdAt: String
    public let updatedAt: String

    public static let columns = """
        r.id, r.order_id, r.buyer_id, r.seller_id, r.author_user_id, r.rating, r.quality, r.delivery, r.communication,
        r.comment, r.hidden, r.hidden_reason, r.hidden_at, r.hidden_by, r.response_text, r.response_by, r.response_at,
        r.created_at, r.updated_at
        """

    public init?(row: Row) {
        guard let id = row.string("id"), let orderID = row.string("order_id"), let buyerID = row.string("buyer_id"),
              let sellerID = row.string("seller_id"), let author = row.string("author_user_id"),
              let rating = row.int64("rating"), let quality = row.int64("quality"), let delivery = row.int64("delivery"),
              let communication = row.int64("communication"), let createdAt = row.string("created_at")
        else { return nil }
        self.id = id
        self.orderID = orderID
        self.buyerID = buyerID
        self.sellerID = sellerID
        self.authorUserID = author
        self.scores = ReviewScores(rating: rating, quality: quality, delivery: delivery, communication: communication)
        self.comment = row.string("comment")
        self.hidden = row.int64("hidden") == 1
            ? Moderation(reason: row.string("hidden_reason"), at: row.string("hidden_at"), by: row.string("hidden_by")) : nil
        self.reply = row.string("response_text").map {
            Reply(text: $0, userID: row.string("response_by"), at: row.string("response_at") ?? createdAt)
        }
        self.createdAt = createdAt
        self.updatedAt = row.string("updated_at") ?? createdAt
    }

    /// The review with id `id`, when `condition` (on `reviews r`) holds — the caller's tenant condition.
    public static func find(_ db: Connection, id: String, condition: String = "1 = 1", arguments: [SQLValue] = []) throws
        -> Review?
    {
        try db.queryOne("SELECT \(columns) FROM reviews r WHERE r.id = ? AND \(condition)", [.text(id)] + arguments)
            .flatMap(Review.init(row:))
    }

    public var isHidden: Bool { hidden != nil }
}
