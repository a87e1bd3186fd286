import Foundation
import MarketCore
import Web
import XCTest

/// `POST /v1/seller/reviews/{id}/response` and the supplier's list of its reviews.
final class SellerReplyTests: XCTestCase {
    func testTheSupplierRepliesOnceAndTheReplyIsPublic() throws {
        let f = try RatingFixture()
        let reviewID = try f.reviewedOrder(rating: 2, comment: "Late and poorly packed")
        let reply = try f.supplier.client.post("/v1/seller/reviews/\(reviewID)/response",
                                                 json: ["text": "Sorry — we changed carriers since."])
        XCTAssertEqual(reply.status, 201, reply.text)
        XCTAssertEqual(reply.json["response"]?["text"]?.stringValue, "Sorry — we changed carriers since.")
        XCTAssertNotNil(reply.json["response"]?["created_at"]?.stringValue)

        // Once: a second reply, even by another sales user, is a conflict and changes nothing.
        let sales = try f.market.addUser(to: f.supplier, roles: [.sales])
        let second = try sales.client.post("/v1/seller/reviews/\(reviewID)/response", json: ["text": "Edited answer"])
        XCTAssertEqual(second.status, 409, second.text)
        XCTAssertEqual(second.json["type"]?.stringValue.map { $0.hasSuffix("already_answered") }, true)

        // Shown under the review on the profile, the public list, and to the buyer.
        let shown = try f.profile()["reviews"]?.arrayValue?.first
        XCTAssertEqual(shown?["response"]?["text"]?.stringValue, "Sorry — we changed carriers since.")
        let list = try f.market.client.get("/v1/catalog/sellers/\(f.supplier.organizationID)/reviews")
        XCTAssertEqual(list.status, 200, list.text)
        XCTAssertEqual(list.json["data"]?.arrayValue?.first?["response"]?["text"]?.stringValue, "Sorry — we changed carriers since.")
        let order = reply.json["order_id"]?.stringValue ?? ""
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders/\(order)/review").json["response"]?["text"]?.stringValue,
                       "Sorry — we changed carriers since.")
    }

    func testOnlyTheReviewedSupplierMayReply() throws {
        let f = try RatingFixture()
        let reviewID = try f.reviewedOrder(rating: 4)
        let other = try f.market.activeSupplier()
        XCTAssertEqual(try other.client.post("/v1/seller/reviews/\(reviewID)/response", json: ["text": "Hi"]).status, 404)
        XCTAssertEqual(try other.client.get("/v1/seller/reviews/\(reviewID)").status, 404)
        XCTAssertEqual(try f.supplier.client.post("/v1/seller/reviews/rev_nope/response", json: ["text": "Hi"]).status, 404)
        // Roles: the catalog role may not answer customers; a buyer is not a supplier.
        let catalog = try f.market.addUser(to: f.supplier, roles: [.catalog])
        XCTAssertEqual(try catalog.client.post("/v1/seller/reviews/\(reviewID)/response", json: ["text": "Hi"]).status, 403)
        XCTAssertEqual(try f.buyer.client.post("/v1/seller/reviews/\(reviewID)/response", json: ["text": "Hi"]).status, 403)
        // An empty or missing text is a 422.
        let empty = try f.supplier.client.post("/v1/seller/reviews/\(reviewID)/response", json: ["text": ""])
        XCTAssertEqual(empty.status, 422)
        XCTAssertEqual(errorFields(empty), ["text"])
        XCTAssertEqual(try f.supplier.client.post("/v1/seller/reviews/\(reviewID)/response", json: [:]).status, 422)
        // The other supplier's failed attempt did not use up the reply.
        XCTAssertEqual(try f.supplier.client.post("/v1/seller/reviews/\(reviewID)/response", json: ["text": "Thanks"]).status, 201)
    }

    func testTheSupplierListsItsOwnReviewsOnly() throws {
        let f = try RatingFixture()
        let other = try f.market.activeSupplier()
        let mine = try f.reviewedOrder(rating: 5)
        f.market.clock.advance(seconds: 60)
        let mineLater = try f.reviewedOrder(rating: 3)
        let theirs = try f.reviewedOrder(seller: other, rating: 4)

        let list = try f.supplier.client.get("/v1/seller/reviews")
        XCTAssertEqual(list.status, 200, list.text)
        let items = list.json["data"]?.arrayValue ?? []
        XCTAssertEqual(items.compactMap { $0["id"]?.stringValue }, [mineLater, mine], "newest first, own only")
        XCTAssertEqual(items.first?["buyer_id"]?.stringValue, f.buyer.organizationID, "a supplier knows its customers")
        XCTAssertEqual(try other.client.get("/v1/seller/reviews").json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue },
                       [theirs])

        // Pages continue with the cursor.
        let first = try f.supplier.client.get("/v1/seller/reviews?limit=1")
        XCTAssertEqual(first.json["data"]?.arrayValue?.count, 1)
        let cursor = first.json["next_cursor"]?.stringValue ?? ""
        XCTAssertFalse(cursor.isEmpty)
        let second = try f.supplier.client.get("/v1/seller/reviews?limit=1&cursor=\(cursor)")
        XCTAssertEqual(second.json["data"]?.arrayValue?.first?["id"]?.stringValue, mine)
        XCTAssertEqual(second.json["next_cursor"], .null)
    }
}
