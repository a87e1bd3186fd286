import Foundation
import MarketCore
import Web
import XCTest

/// Events from the real flows: orders (checkout, ship, deliver, return) and RFQs (invite, quote, award),
/// each delivered only to the organizations it concerns.
final class WebhookFlowTests: XCTestCase {
    func testOrderLifecycleEventsReachBuyerAndSupplierOnly() throws {
        let market = try TestMarket.withWebhooks()
        let f = try OrderFixture(market: market)
        let stranger = try market.activeSupplier()
        let buyerReceiver = try WebhookReceiver()
        let supplierReceiver = try WebhookReceiver()
        let strangerReceiver = try WebhookReceiver()
        let orderEvents = ["order.placed", "order.approved", "order.shipped", "order.delivered", "order.returned"]
        let (_, buyerSecret) = try market.subscribe(f.buyer, url: buyerReceiver.url(), events: orderEvents)
        _ = try market.subscribe(f.supplier, url: supplierReceiver.url(), events: ["order.placed", "order.delivered"])
        _ = try market.subscribe(stranger, url: strangerReceiver.url(), events: EventType.names)

        let product = try f.listing(stock: 10)
        let orderID = try XCTUnwrap(try f.placeOrder(product, quantity: 2)["id"]?.stringValue)
        try f.fulfil(orderID)
        _ = try market.app.webhooks.runOnce()

        XCTAssertEqual(buyerReceiver.received.map(\.type), ["order.placed", "order.shipped", "order.delivered"])
        XCTAssertEqual(Set(supplierReceiver.received.map(\.type)), ["order.placed", "order.delivered"])
        XCTAssertEqual(strangerReceiver.received.count, 0)
        for request in buyerReceiver.received {
            XCTAssertEqual(request.json["data"]?["order_id"]?.stringValue, orderID)
            XCTAssertTrue(WebhookSignature.isValid(header: request.headers["Marketplace-Signature"] ?? "", secret: buyerSecret,
                                                   body: request.body, now: market.clock.now()))
        }
        XCTAssertEqual(buyerReceiver.received.last?.json["data"]?["status"], "delivered")
        // The same event reaches both parties under the same id.
        let placed = buyerReceiver.received.first { $0.type == "order.placed" }?.eventID
        XCTAssertEqual(supplierReceiver.received.first { $0.type == "order.placed" }?.eventID, placed)
    }

    func testRFQInvitationsQuotesAndAwardsReachOnlyThoseConcerned() throws {
        let market = try TestMarket.withWebhooks()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        let pipes = try market.createCategory(admin, en: "Pipes", ko: "파이프")
        try market.createFeeRule(admin, ["scope": "default", "percent": "10"])
        let alpha = try market.supplier(declaring: [bolts])
        let beta = try market.supplier(declaring: [bolts])
        let unsubscribed = try market.supplier(declaring: [bolts])
        let plumber = try market.supplier(declaring: [pipes])
        let buyer = try market.signUp(.buyer)
        let receivers = (alpha: try WebhookReceiver(), beta: try WebhookReceiver(), plumber: try WebhookReceiver(), buyer: try WebhookReceiver())
        _ = try market.subscribe(alpha, url: receivers.alpha.url(), events: EventType.names)
        _ = try market.subscribe(beta, url: receivers.beta.url(), events: EventType.names)
        _ = try market.subscribe(plumber, url: receivers.plumber.url(), events: EventType.names)
        _ = try market.subscribe(buyer, url: receivers.buyer.url(), events: ["quote.submitted", "rfq.awarded"])
        _ = unsubscribed

        let rfq = try market.createRFQ(buyer, market.rfqBody(categoryID: bolts, quantities: [100], broadcast: true, sealed: true))
        let rfqID = try XCTUnwrap(rfq["id"]?.stringValue)
        let item = itemIDs(rfq)[0]
        _ = try market.app.webhooks.runOnce()
        XCTAssertEqual(receivers.alpha.received.map(\.type), ["rfq.invited"])
        XCTAssertEqual(receivers.alpha.received.first?.json["data"]?["rfq_id"]?.stringValue, rfqID)
        XCTAssertEqual(receivers.beta.received.map(\.type), ["rfq.invited"])
        XCTAssertNotEqual(receivers.alpha.received.first?.eventID, receivers.beta.received.first?.eventID, "one event per supplier")
        XCTAssertEqual(receivers.plumber.received.count, 0, "not invited")
        let invitedRows = try market.app.services.database.read { db in
            try db.scalar("SELECT count(*) FROM events WHERE type = 'rfq.invited'").int64Value
        }
        XCTAssertEqual(invitedRows, 2, "the unsubscribed recipient costs no event row")

        let quote = try market.quote(alpha, rfq: rfqID, prices: [(item, "0.40")])
        XCTAssertEqual(quote.status, 201, quote.text)
        XCTAssertEqual(try market.quote(beta, rfq: rfqID, prices: [(item, "0.45")]).status, 201)
        _ = try market.app.webhooks.runOnce()
        let quoteEvents = receivers.buyer.received.filter { $0.type == "quote.submitted" }
        XCTAssertEqual(quoteEvents.count, 2)
        for event in quoteEvents {
            XCTAssertEqual(event.json["data"]?["rfq_id"]?.stringValue, rfqID)
            XCTAssertFalse(String(decoding: event.body, as: UTF8.self).contains("0.4"), "a sealed RFQ's quote event carries no prices")
        }
        XCTAssertEqual(receivers.alpha.received.filter { $0.type == "quote.submitted" }.count, 1, "alpha hears of its own quote only")

        market.clock.advance(seconds: 5 * 3600)  // sealed: awards after respond_by
        let award = try buyer.client.post("/v1/buyer/rfqs/\(rfqID)/award", json: ["quote_id": quote.json["id"] ?? .null])
        XCTAssertEqual(award.status, 201, award.text)
        let orderID = award.json["orders"]?.arrayValue?.first?["id"]?.stringValue
        _ = try market.app.webhooks.runOnce()
        let buyerAward = try XCTUnwrap(receivers.buyer.received.first { $0.type == "rfq.awarded" })
        XCTAssertEqual(buyerAward.json["data"]?["awards"]?.arrayValue?.first?["order_id"]?.stringValue, orderID)
        let alphaAward = try XCTUnwrap(receivers.alpha.received.first { $0.type == "rfq.awarded" })
        XCTAssertEqual(alphaAward.json["data"]?["awards"]?.arrayValue?.count, 1)
        XCTAssertEqual(alphaAward.json["data"]?["awards"]?.arrayValue?.first?["order_id"]?.stringValue, orderID)
        XCTAssertTrue(receivers.alpha.received.contains { $0.type == "order.placed" })
        XCTAssertFalse(receivers.beta.received.contains { $0.type == "rfq.awarded" || $0.type == "order.placed" })
        XCTAssertEqual(receivers.plumber.received.count, 0)
    }
}
