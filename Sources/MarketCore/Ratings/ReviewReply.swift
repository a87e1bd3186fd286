import Foundation
import Store
import Web

/// The supplier's one public reply to a review of one of its orders (API.md, Seller: reviews response).
/// Another supplier's review is a 404; a second reply is 409 `already_answered` — a reply is public and
/// buyers may have read it, so it is not edited in place. Replying to a hidden review is allowed: the
/// reply shows whenever the review does.
public enum ReviewReply {
    public static let maxLength = 4000

    public static func create(
        _ db: Connection, reviewID: String, sellerID: String, userID: String, text: String, now: Date
    ) throws -> Review {
        guard let review = try Review.find(db, id: reviewID, condition: "r.seller_id = ?", arguments: [.text(sellerID)]) else {
            throw APIError.notFound("review")
        }
        guard review.reply == nil else { throw ReviewProblems.alreadyAnswered }
        let nowText = Timestamp.format(now)
        // The IS NULL condition keeps the rule even between two concurrent replies.
        try db.execute(
            """
            UPDATE reviews SET response_text = ?, response_by = ?, response_at = ?, updated_at = ?
            WHERE id = ? AND seller_id = ? AND response_text IS NULL
            """, [.text(text), .text(userID), .text(nowText), .text(nowText), .text(reviewID), .text(sellerID)])
        guard db.changes == 1 else { throw ReviewProblems.alreadyAnswered }
        guard let updated = try Review.find(db, id: reviewID) else { throw APIError.internal() }
        return updated
    }
}
