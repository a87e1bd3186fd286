import Foundation
import Store
import Web

/// The operator hides a review (abuse, personal data, a review of something else) or shows it again.
/// A hidden review counts nowhere: the supplier's review figures are recomputed from the visible reviews
/// in the same transaction, which also moves its rating on every search hit (catalog triggers). Each
/// change is audited with its reason. Hiding a hidden review (or unhiding a visible one) is 409.
public enum ReviewModeration {
    public enum Action: String, Sendable, CaseIterable {
        case hide
        case unhide

        var auditAction: String { self == .hide ? "review.hidden" : "review.unhidden" }
    }

    public static func apply(
        _ action: Action, _ db: Connection, reviewID: String, reason: String, actor: Principal, now: Date
    ) throws -> Review {
        guard let review = try Review.find(db, id: reviewID) else { throw APIError.notFound("review") }
        let nowText = Timestamp.format(now)
        switch action {
        case .hide:
            guard !review.isHidden else { throw ReviewProblems.alreadyHidden }
            try db.execute(
                """
                UPDATE reviews SET hidden = 1, hidden_reason = ?, hidden_at = ?, hidden_by = ?, updated_at = ?
                WHERE id = ? AND hidden = 0
                """, [.text(reason), .text(nowText), .text(actor.userID), .text(nowText), .text(reviewID)])
        case .unhide:
            guard review.isHidden else { throw ReviewProblems.notHidden }
            try db.execute(
                """
                UPDATE reviews SET hidden = 0, hidden_reason = NULL, hidden_at = NULL, hidden_by = NULL, updated_at = ?
                WHERE id = ? AND hidden = 1
                """, [.text(nowText), .text(reviewID)])
        }
        guard db.changes == 1 else { throw action == .hide ? ReviewProblems.alreadyHidden : ReviewProblems.notHidden }
        try SupplierScorecards.refreshReviews(db, supplierID: review.sellerID, at: nowText)
        try AuditLog.record(
            db, at: nowText, actor: actor, action: action.auditAction, entityType: "review", entityID: reviewID,
            before: ["hidden": .bool(review.isHidden), "reason": .optional(review.hidden?.reason)],
            after: ["hidden": .bool(action == .hide), "reason": .string(reason)])
        guard let updated = try Review.find(db, id: reviewID) else { throw APIError.internal() }
        return updated
    }
}
