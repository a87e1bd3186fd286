import Foundation
import MarketCore
import Web
import XCTest

/// `POST /v1/admin/reviews/{id}/hide` · `/unhide`: a hidden review counts nowhere, and comes back whole.
final class ReviewModerationTests: XCTestCase {
    func testAHiddenReviewDisappearsFromProfileAveragesAndSearchThenReturns() throws {
        let f = try RatingFixture()
        let kept = try f.reviewedOrder(rating: 5, comment: "Excellent")
        f.market.clock.advance(seconds: 60)
        let abusive = try f.reviewedOrder(rating: 1, comment: "Call me at 010-1234-5678")

        var card = try f.scorecard()
        XCTAssertEqual(card["review_count"]?.int64Value, 2)
        XCTAssertEqual(card["average_rating"], .number("3"))
        XCTAssertEqual(card["rating"], .number("3.417"))  // (35 + 5 + 1) / 12 = 3.41666…
        XCTAssertEqual(try f.profileReviewIDs(), [abusive, kept])

        let hidden = try f.moderate(abusive, "hide", reason: "Personal data in the comment")
        XCTAssertEqual(hidden.status, 200, hidden.text)
        XCTAssertEqual(hidden.json["hidden"], .bool(true))
        XCTAssertEqual(hidden.json["moderation"]?["reason"]?.stringValue, "Personal data in the comment")

        // Gone from the profile, the public list, the averages, the rating on every hit and the rating filter.
        XCTAssertEqual(try f.profileReviewIDs(), [kept])
        let list = try f.market.client.get("/v1/catalog/sellers/\(f.supplier.organizationID)/reviews")
        XCTAssertEqual(list.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, [kept])
        card = try f.scorecard()
        XCTAssertEqual(card["review_count"]?.int64Value, 1)
        XCTAssertEqual(card["average_rating"], .number("5"))
        XCTAssertEqual(card["average_quality"], .number("5"))
        XCTAssertEqual(card["rating"], .number("3.636"))  // (35 + 5) / 11
        XCTAssertEqual(try f.market.search([]).json["data"]?.arrayValue?.first?["seller"]?["rating"], .number("3.636"))
        XCTAssertEqual(try f.market.searchIDs([("min_rating", "3.6")]).count, 2)
        // The supplier still sees it, flagged; the buyer sees its own review is hidden.
        let own = try f.supplier.client.get("/v1/seller/reviews").json["data"]?.arrayValue ?? []
        XCTAssertEqual(own.first(where: { $0["id"]?.stringValue == abusive })?["hidden"], .bool(true))

        // Audited with the reason.
        let audit = try f.market.auditEntries(f.admin, entityID: abusive)
        XCTAssertEqual(audit.first?["action"]?.stringValue, "review.hidden")

        // Moderation list.
        let hiddenList = try f.admin.client.get("/v1/admin/reviews?hidden=true")
        XCTAssertEqual(hiddenList.status, 200, hiddenList.text)
        XCTAssertEqual(hiddenList.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, [abusive])
        XCTAssertEqual(try f.admin.client.get("/v1/admin/reviews?hidden=false").json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue },
                       [kept])
        XCTAssertEqual(try f.admin.client.get("/v1/admin/reviews").json["data"]?.arrayValue?.count, 2)

        // Unhide: it counts again, everywhere.
        let shown = try f.moderate(abusive, "unhide", reason: "Phone number was the supplier's own hotline")
        XCTAssertEqual(shown.status, 200, shown.text)
        XCTAssertEqual(shown.json["hidden"], .bool(false))
        XCTAssertEqual(shown.json["moderation"], .null)
        XCTAssertEqual(try f.profileReviewIDs(), [abusive, kept])
        card = try f.scorecard()
        XCTAssertEqual(card["review_count"]?.int64Value, 2)
        XCTAssertEqual(card["average_rating"], .number("3"))
        XCTAssertEqual(try f.market.search([]).json["data"]?.arrayValue?.first?["seller"]?["rating"], card["rating"])
        XCTAssertEqual(try f.market.auditEntries(f.admin, entityID: abusive).compactMap { $0["action"]?.stringValue },
                       ["review.unhidden", "review.hidden"])
    }

    func testHidingTheOnlyReviewLeavesTheSupplierUnrated() throws {
        let f = try RatingFixture()
        let only = try f.reviewedOrder(rating: 5)
        XCTAssertEqual(try f.moderate(only, "hide").status, 200)
        let card = try f.scorecard()
        XCTAssertEqual(card["review_count"]?.int64Value, 0)
        XCTAssertEqual(card["rating"], .null)
        XCTAssertEqual(card["average_rating"], .null)
        XCTAssertEqual(try f.market.search([]).json["data"]?.arrayValue?.first?["seller"]?["rating"], .null)
        XCTAssertEqual(try f.market.searchIDs([("min_rating", "1")]), [])
    }

    func testModerationRules() throws {
        let f = try RatingFixture()
        let review = try f.reviewedOrder(rating: 4)
        XCTAssertEqual(try f.moderate(review, "unhide").status, 409, "not hidden")
        XCTAssertEqual(try f.moderate(review, "hide").status, 200)
        let again = try f.moderate(review, "hide")
        XCTAssertEqual(again.status, 409)
        XCTAssertEqual(again.json["type"]?.stringValue.map { $0.hasSuffix("already_hidden") }, true)
        XCTAssertEqual(try f.moderate("rev_nope", "hide").status, 404)
        // A reason is required.
        let noReason = try f.admin.client.post("/v1/admin/reviews/\(review)/unhide", json: [:])
        XCTAssertEqual(noReason.status, 422)
        XCTAssertEqual(errorFields(noReason), ["reason"])
        // Operators only.
        XCTAssertEqual(try f.supplier.client.post("/v1/admin/reviews/\(review)/unhide", json: ["reason": "mine"]).status, 403)
        XCTAssertEqual(try f.buyer.client.get("/v1/admin/reviews").status, 403)
        XCTAssertEqual(try f.admin.client.get("/v1/admin/reviews?hidden=maybe").status, 422)
        XCTAssertEqual(try f.scorecard()["review_count"]?.int64Value, 0, "still hidden after the refused attempts")
    }
}
