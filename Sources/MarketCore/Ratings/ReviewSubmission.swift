import Foundation
import Store
import Web

/// A buyer company reviews a delivered order (API.md, Buyer: orders/{id}/review). Runs in the caller's
/// write transaction: the review, the supplier's recomputed scorecard and the `review.created` event
/// commit together or not at all.
///
/// Rules:
/// - only the buyer company that placed the order (another organization's order is a 404, as if absent);
/// - only once the goods arrived: `delivered`, `completed`, `partially_returned` or `returned` — a return
///   is exactly when a buyer has something to say; before delivery (or after a cancel or reject) 409
///   `order_not_delivered`;
/// - once per order, whoever in the company writes it: a second review is 409 `already_reviewed` (the
///   UNIQUE order_id also turns a race between two requests into a 409).
public enum ReviewSubmission {
    /// Statuses in which an order has been delivered to the buyer.
    public static let reviewableStatuses: Set<OrderStatus> = [.delivered, .completed, .partiallyReturned, .returned]
    public static let maxCommentLength = 4000

    public struct Draft: Sendable {
        public let scores: ReviewScores
        public let comment: String?

        public init(scores: ReviewScores, comment: String?) {
            self.scores = scores
            self.comment = comment
        }
    }

    public static func create(
        _ db: Connection, orderID: String, buyerID: String, authorUserID: String, draft: Draft, now: Date
    ) throws -> Review {
        guard let order = try db.queryOne(
            "SELECT status, seller_id FROM orders WHERE id = ? AND buyer_id = ?", [.text(orderID), .text(buyerID)]),
            let statusText = order.string("status"), let sellerID = order.string("seller_id")
        else { throw APIError.notFound("order") }
        guard let status = OrderStatus(rawValue: statusText), reviewableStatuses.contains(status) else {
            throw ReviewProblems.notDelivered(statusText)
        }
        guard try db.queryOne("SELECT 1 FROM reviews WHERE order_id = ?", [.text(orderID)]) == nil else {
            throw ReviewProblems.alreadyReviewed
        }

        let nowText = Timestamp.format(now)
        let id = ID.make("rev", at: now)
        let scores = draft.scores
        try db.execute(
            """
            INSERT INTO reviews (id, order_id, buyer_id, seller_id, author_user_id, rating, quality, delivery, communication,
                                 comment, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(orderID), .text(buyerID), .text(sellerID), .text(authorUserID), .integer(scores.rating),
             .integer(scores.quality), .integer(scores.delivery), .integer(scores.communication),
             draft.comment.map { .text($0) } ?? .null, .text(nowText), .text(nowText)])
        try SupplierScorecards.refreshReviews(db, supplierID: sellerID, at: nowText)
        try Outbox.publish(
            db, type: EventType.reviewCreated.rawValue,
            data: ["review_id": .string(id), "order_id": .string(orderID), "seller_id": .string(sellerID),
                   "rating": .int(scores.rating)],
            audience: [buyerID, sellerID], at: nowText)
        guard let review = try Review.find(db, id: id) else { throw APIError.internal() }
        return review
    }
}
