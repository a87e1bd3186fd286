import Foundation
import MarketCore
import Web
import XCTest

/// The fulfilment side of the scorecard, counted in the transactions of the order and RFQ changes:
/// on-time deliveries against the lead time, cancellations, RFQ response rate and median response time.
final class ScorecardTests: XCTestCase {
    static let day: TimeInterval = 86_400

    func testOnTimeRateFallsWhenALateDeliveryLands() throws {
        let f = try RatingFixture()
        XCTAssertEqual(try f.scorecard()["on_time_delivery_rate"], .null, "no deliveries: no rate, never 0")

        _ = try f.deliveredOrder(leadTime: 3, transit: 2 * Self.day)
        var card = try f.scorecard()
        XCTAssertEqual(card["deliveries"]?.int64Value, 1)
        XCTAssertEqual(card["on_time_delivery_rate"], .number("1"))

        // Three days promised, four taken: late.
        _ = try f.deliveredOrder(leadTime: 3, transit: 4 * Self.day)
        card = try f.scorecard()
        XCTAssertEqual(card["deliveries"]?.int64Value, 2)
        XCTAssertEqual(card["on_time_delivery_rate"], .number("0.5"))

        // Exactly at the promised instant is on time.
        _ = try f.deliveredOrder(leadTime: 3, transit: 3 * Self.day)
        XCTAssertEqual(try f.scorecard()["on_time_delivery_rate"], .number("0.667"))
    }

    func testTheLeadTimeRunsFromPlacementAndTheLongestLineCounts() throws {
        let f = try RatingFixture()
        // Confirming late does not buy time: 2 days to confirm + 2 in transit > 3 days promised.
        let slow = try f.placedOrder(leadTime: 3)
        f.market.clock.advance(seconds: 2 * Self.day)
        try f.deliver(slow, transit: 2 * Self.day)
        XCTAssertEqual(try f.scorecard()["on_time_delivery_rate"], .number("0"))

        // Lines of 1 and 5 days: the order is due in 5, so 4 days is on time.
        let quick = try f.orders.listing(leadTime: 1)
        let long = try f.orders.listing(leadTime: 5)
        let order = try f.orders.placeOrders([(quick, 1), (long, 1)]).first?["id"]?.stringValue ?? ""
        try f.deliver(order, transit: 4 * Self.day)
        let card = try f.scorecard()
        XCTAssertEqual(card["deliveries"]?.int64Value, 2)
        XCTAssertEqual(card["on_time_delivery_rate"], .number("0.5"))
    }

    func testCancellationRateCountsOrdersTheSupplierReceived() throws {
        let f = try RatingFixture()
        XCTAssertEqual(try f.scorecard()["cancellation_rate"], .null)
        _ = try f.deliveredOrder()
        let bySupplier = try f.placedOrder()
        XCTAssertEqual(try f.orders.act(f.supplier, "seller", bySupplier, "cancel", ["reason": "Out of stock"]).status, 200)
        let byBuyer = try f.placedOrder()
        XCTAssertEqual(try f.orders.act(f.supplier, "seller", byBuyer, "confirm").status, 200)
        XCTAssertEqual(try f.orders.act(f.buyer, "buyer", byBuyer, "cancel").status, 200)
        // 2 of 3 orders cancelled before shipment.
        XCTAssertEqual(try f.scorecard()["cancellation_rate"], .number("0.667"))

        // An order the buyer withdraws while it waits for its own approval never reached the supplier; one
        // approved later counts from its approval.
        let rules = try f.buyer.client.put("/v1/buyer/approval-rules",
                                           json: [["min_total": OrderFixture.money("5.00", "USD"), "approver_role": "approver"]])
        XCTAssertEqual(rules.status, 200, rules.text)
        let withdrawn = try f.placedOrder()
        XCTAssertEqual(try f.orders.act(f.buyer, "buyer", withdrawn, "cancel").status, 200)
        XCTAssertEqual(try f.scorecard()["cancellation_rate"], .number("0.667"))
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        let approved = try f.placedOrder()
        let approval = try f.orders.act(approver, "buyer", approved, "approve")
        XCTAssertEqual(approval.status, 200, approval.text)
        XCTAssertEqual(try f.scorecard()["cancellation_rate"], .number("0.5"))  // 2 of 4
    }

    func testRFQResponseRateMedianResponseTimeAndTheQuoteComparison() throws {
        let f = try RatingFixture()
        let market = f.market
        let bolts = try market.createCategory(f.admin, en: "Bolts", ko: "볼트")
        let supplier = try market.supplier(declaring: [bolts])

        // Quoted after an hour, declined after three, one left unanswered.
        let first = try market.createRFQ(f.buyer, market.rfqBody(categoryID: bolts, invite: [supplier.organizationID]))
        let firstID = first["id"]?.stringValue ?? ""
        market.clock.advance(seconds: 3600)
        XCTAssertEqual(try market.quote(supplier, rfq: firstID, prices: [(itemIDs(first)[0], "1.10")]).status, 201)
        let second = try market.createRFQ(f.buyer, market.rfqBody(categoryID: bolts, invite: [supplier.organizationID]))
        market.clock.advance(seconds: 3 * 3600)
        let declined = try supplier.client.post("/v1/seller/rfqs/\(second["id"]?.stringValue ?? "")/decline", json: ["reason": "Sold out"])
        XCTAssertEqual(declined.status, 200, declined.text)
        _ = try market.createRFQ(f.buyer, market.rfqBody(categoryID: bolts, invite: [supplier.organizationID]))

        let card = try f.scorecard(supplier)
        XCTAssertEqual(card["rfqs_invited"]?.int64Value, 3)
        XCTAssertEqual(card["rfq_response_rate"], .number("0.667"))
        XCTAssertEqual(card["median_rfq_response_seconds"]?.int64Value, 7200)  // median of 3600 and 10800

        // A delivered, reviewed order: the comparison shows the same scorecard beside the quote.
        try f.reviewedOrder(seller: supplier, rating: 5)
        let comparison = try f.buyer.client.get("/v1/buyer/rfqs/\(firstID)/quotes")
        XCTAssertEqual(comparison.status, 200, comparison.text)
        let shown = comparison.json["data"]?.arrayValue?.first?["supplier"]
        XCTAssertEqual(shown?["id"]?.stringValue, supplier.organizationID)
        XCTAssertEqual(shown?["rating"]?.stringValue, "3.636")
        XCTAssertEqual(shown?["review_count"]?.int64Value, 1)
        XCTAssertEqual(shown?["on_time_delivery_rate"]?.stringValue, "1.000")
        XCTAssertEqual(shown?["rfq_response_rate"]?.stringValue, "0.667")
    }
}
