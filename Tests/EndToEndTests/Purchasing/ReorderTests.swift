import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Reorder: the same lines again, at today's prices, through checkout.
final class ReorderTests: XCTestCase {
    func testReorderUsesTodaysPricesAndTheOriginalTerms() throws {
        let f = try OrderFixture()
        let bolts = try f.listing(price: "10.00", stock: 100)
        let nuts = try f.listing(price: "1.00", stock: 100)
        let first = try f.placeOrders([(bolts, 10), (nuts, 5)]).first ?? .null
        XCTAssertEqual(first["total"], OrderFixture.money("105.00", "USD"))
        let orderID = first["id"]?.stringValue ?? ""

        // Prices move: a list price rise and a contract for the buyer.
        XCTAssertEqual(try f.supplier.client.patch("/v1/seller/products/\(bolts)", json: ["unit_price": "12.00"]).status, 200)
        try f.createPriceList(buyers: [f.buyer.organizationID], entries: [["product_id": .string(nuts), "unit_price": "0.80"]])
        f.market.clock.advance(seconds: 3600)

        let again = try f.buyer.client.send(.post, "/v1/buyer/orders/\(orderID)/reorder")
        XCTAssertEqual(again.status, 201, again.text)
        let order = again.json["orders"]?[at: 0]
        XCTAssertEqual(order?["lines"]?[at: 0]?["unit_price"], OrderFixture.money("12.00", "USD"))
        XCTAssertEqual(order?["lines"]?[at: 1]?["unit_price"], OrderFixture.money("0.80", "USD"))
        XCTAssertEqual(order?["total"], OrderFixture.money("124.00", "USD"))
        XCTAssertEqual(order?["shipping_address"]?["city"], "Seoul")
        XCTAssertNotEqual(order?["id"], first["id"])
        XCTAssertEqual(try f.stock(bolts), 80)

        // Overrides in the body; other organizations get 404; approvers may not reorder.
        let withPO = try f.buyer.client.post("/v1/buyer/orders/\(orderID)/reorder", json: ["po_number": "PO-2"])
        XCTAssertEqual(withPO.json["orders"]?[at: 0]?["po_number"], "PO-2")
        let stranger = try f.market.signUp(.buyer)
        XCTAssertEqual(try stranger.client.send(.post, "/v1/buyer/orders/\(orderID)/reorder").status, 404)
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        XCTAssertEqual(try approver.client.send(.post, "/v1/buyer/orders/\(orderID)/reorder").status, 403)
    }

    func testUnavailableListingsAreNamedAndNothingIsOrdered() throws {
        let f = try OrderFixture()
        let bolts = try f.listing(price: "10.00", stock: 100)
        let nuts = try f.listing(price: "1.00", stock: 100)
        let orderID = try f.placeOrders([(bolts, 10), (nuts, 5)]).first?["id"]?.stringValue ?? ""
        XCTAssertEqual(try f.supplier.client.delete("/v1/seller/products/\(nuts)").status, 204)
        let refused = try f.buyer.client.send(.post, "/v1/buyer/orders/\(orderID)/reorder")
        XCTAssertEqual(refused.status, 422, refused.text)
        XCTAssertEqual(OrderFixture.fields(refused), ["lines[1].product_id"])
        XCTAssertEqual(try f.stock(bolts), 90, "nothing ordered")
    }
}
