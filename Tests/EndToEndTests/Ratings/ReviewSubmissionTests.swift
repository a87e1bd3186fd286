import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// `POST /v1/buyer/orders/{id}/review`: once per delivered order, by the company that placed it.
final class ReviewSubmissionTests: XCTestCase {
    func testReviewOfADeliveredOrderReachesProfileSearchAndWebhooks() throws {
        let f = try RatingFixture()
        let order = try f.deliveredOrder()
        let response = try f.review(order, rating: 5, quality: 4, delivery: 3, communication: 5, comment: "Bolts to spec")
        XCTAssertEqual(response.status, 201, response.text)
        let review = response.json
        XCTAssertEqual(review["order_id"]?.stringValue, order)
        XCTAssertEqual(review["buyer_id"]?.stringValue, f.buyer.organizationID)
        XCTAssertEqual(review["seller_id"]?.stringValue, f.supplier.organizationID)
        XCTAssertEqual(review["rating"]?.int64Value, 5)
        XCTAssertEqual(review["delivery"]?.int64Value, 3)
        XCTAssertEqual(review["comment"]?.stringValue, "Bolts to spec")
        XCTAssertEqual(review["hidden"], .bool(false))
        XCTAssertEqual(review["response"], .null)

        // The profile: the review (without who wrote it) and the scorecard, in the same transaction.
        let profile = try f.profile()
        let shown = profile["reviews"]?.arrayValue ?? []
        XCTAssertEqual(shown.count, 1)
        XCTAssertEqual(shown.first?["id"], review["id"])
        XCTAssertEqual(shown.first?["comment"]?.stringValue, "Bolts to spec")
        XCTAssertNil(shown.first?["buyer_id"], "the public never learns who bought")
        XCTAssertNil(shown.first?["order_id"])
        let card = profile["scorecard"]
        XCTAssertEqual(card?["review_count"]?.int64Value, 1)
        XCTAssertEqual(card?["average_rating"], .number("5"))
        XCTAssertEqual(card?["average_quality"], .number("4"))
        XCTAssertEqual(card?["average_delivery"], .number("3"))
        XCTAssertEqual(card?["average_communication"], .number("5"))
        // Bayesian with the fixed prior (3.5 stars weighing 10 reviews): (35 + 5) / 11 = 3.636.
        XCTAssertEqual(card?["rating"], .number("3.636"))

        // Every search hit of the supplier carries it.
        let hits = try f.market.search([]).json["data"]?.arrayValue ?? []
        XCTAssertFalse(hits.isEmpty)
        for hit in hits { XCTAssertEqual(hit["seller"]?["rating"], .number("3.636")) }

        // The buyer reads its review back; `review.created` went to both parties in the same transaction.
        let mine = try f.buyer.client.get("/v1/buyer/orders/\(order)/review")
        XCTAssertEqual(mine.status, 200, mine.text)
        XCTAssertEqual(mine.json["id"], review["id"])
        let events = try f.events("review.created")
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?.data["review_id"], review["id"])
        XCTAssertEqual(events.first?.data["order_id"]?.stringValue, order)
        XCTAssertEqual(events.first?.audience, [.string(f.buyer.organizationID), .string(f.supplier.organizationID)])
    }

    func testAReviewBeforeDeliveryIsAConflict() throws {
        let f = try RatingFixture()
        let order = try f.placedOrder()
        func attempt(_ status: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let response = try f.review(order)
            XCTAssertEqual(response.status, 409, response.text, file: file, line: line)
            XCTAssertEqual(response.json["current_status"]?.stringValue, status, file: file, line: line)
            XCTAssertEqual(response.json["type"]?.stringValue.map { $0.hasSuffix("order_not_delivered") }, true, file: file, line: line)
        }
        try attempt("placed")
        XCTAssertEqual(try f.orders.act(f.supplier, "seller", order, "confirm").status, 200)
        try attempt("confirmed")
        try f.orders.market.payIfPrepaid(order)  // a prepaid order ships only once paid
        XCTAssertEqual(try f.orders.act(f.supplier, "seller", order, "ship", ["carrier": "CJ", "tracking_number": "1"]).status, 200)
        try attempt("shipped")

        // Never delivered: cancelled.
        let cancelled = try f.placedOrder()
        XCTAssertEqual(try f.orders.act(f.buyer, "buyer", cancelled, "cancel").status, 200)
        XCTAssertEqual(try f.review(cancelled).status, 409)

        XCTAssertEqual(try f.scorecard()["review_count"]?.int64Value, 0)
        XCTAssertEqual(try f.profileReviewIDs(), [])
        XCTAssertEqual(try f.events("review.created").count, 0)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders/\(order)/review").status, 404)
    }

    func testCompletedOrdersCanBeReviewedToo() throws {
        let f = try RatingFixture()
        let order = try f.deliveredOrder()
        let received = try f.orders.act(f.buyer, "buyer", order, "receive")
        XCTAssertEqual(received.status, 200, received.text)
        XCTAssertEqual(received.json["status"]?.stringValue, "completed")
        XCTAssertEqual(try f.review(order).status, 201)
    }

    func testASecondReviewOfTheSameOrderIsAConflict() throws {
        let f = try RatingFixture()
        let order = try f.deliveredOrder()
        XCTAssertEqual(try f.review(order, rating: 5).status, 201)
        // Whoever writes it: another purchaser of the same company.
        let colleague = try f.market.addUser(to: f.buyer, roles: [.purchaser])
        let second = try f.review(order, by: colleague, rating: 1)
        XCTAssertEqual(second.status, 409, second.text)
        XCTAssertEqual(second.json["type"]?.stringValue.map { $0.hasSuffix("already_reviewed") }, true)
        let card = try f.scorecard()
        XCTAssertEqual(card["review_count"]?.int64Value, 1)
        XCTAssertEqual(card["average_rating"], .number("5"))
        XCTAssertEqual(try f.events("review.created").count, 1)
    }

    func testAnotherCompanysOrderIsNotFound() throws {
        let f = try RatingFixture()
        let order = try f.deliveredOrder()
        let stranger = try f.market.signUp(.buyer)
        let response = try f.review(order, by: stranger)
        XCTAssertEqual(response.status, 404, response.text)
        XCTAssertEqual(try f.review("ord_doesnotexist").status, 404)
        XCTAssertEqual(try stranger.client.get("/v1/buyer/orders/\(order)/review").status, 404)
        // Roles: an approver may not review, a supplier is not a buyer at all.
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        XCTAssertEqual(try f.review(order, by: approver).status, 403)
        XCTAssertEqual(try f.review(order, by: f.supplier).status, 403)
        XCTAssertEqual(try f.market.client.post("/v1/buyer/orders/\(order)/review", json: ["rating": 5]).status, 401)
        XCTAssertEqual(try f.scorecard()["review_count"]?.int64Value, 0)
        // The rightful buyer still can.
        XCTAssertEqual(try f.review(order).status, 201)
    }

    func testScoresAreWholeStarsFromOneToFive() throws {
        let f = try RatingFixture()
        let order = try f.deliveredOrder()
        var response = try f.buyer.client.post(
            "/v1/buyer/orders/\(order)/review",
            json: ["rating": 0, "quality": 6, "delivery": .number("4.5"), "communication": "5", "comment": .string(String(repeating: "x", count: 4001))])
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(Set(errorFields(response)), ["rating", "quality", "delivery", "communication", "comment"])
        response = try f.buyer.client.post("/v1/buyer/orders/\(order)/review", json: ["comment": "no scores"])
        XCTAssertEqual(Set(errorFields(response)), ["rating", "quality", "delivery", "communication"])
        response = try f.buyer.client.send(.post, "/v1/buyer/orders/\(order)/review", headers: ["Content-Type": "application/json"],
                                           body: Array("{\"rating\":".utf8))
        XCTAssertEqual(response.status, 400)
        // The comment is optional.
        response = try f.review(order, rating: 4, comment: nil)
        XCTAssertEqual(response.status, 201, response.text)
        XCTAssertEqual(response.json["comment"], .null)
    }

    func testRetriesWithTheSameIdempotencyKeyReplay() throws {
        let f = try RatingFixture()
        let order = try f.deliveredOrder()
        let first = try f.review(order, rating: 4, key: "review-\(order)")
        XCTAssertEqual(first.status, 201, first.text)
        let again = try f.review(order, rating: 4, key: "review-\(order)")
        XCTAssertEqual(again.status, 201)
        XCTAssertEqual(again.headers["Idempotent-Replayed"], "true")
        XCTAssertEqual(again.json, first.json)
        XCTAssertEqual(try f.review(order, rating: 2, key: "review-\(order)").status, 422, "same key, different body")
        XCTAssertEqual(try f.scorecard()["review_count"]?.int64Value, 1)
        XCTAssertEqual(try f.events("review.created").count, 1)
    }
}
