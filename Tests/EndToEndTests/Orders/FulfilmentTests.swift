import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Supplier fulfilment, buyer cancel and receipt, the state machine over HTTP, tenancy, tracking.
final class FulfilmentTests: XCTestCase {
    func testAnOrderFromPlacedToCompleted() throws {
        let f = try OrderFixture()
        let sales = try f.market.addUser(to: f.supplier, roles: [.sales])
        let product = try f.listing(stock: 10)
        let order = try f.placeOrder(product, quantity: 2)
        let id = order["id"]?.stringValue ?? ""
        XCTAssertEqual(order["allowed_actions"], ["cancel"])

        var response = try f.act(sales, "seller", id, "confirm")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["status"], "confirmed")
        // The order is prepaid and unpaid: shipping is not offered until it is paid (it would be a 409).
        XCTAssertEqual(response.json["payment_terms"], "prepaid")
        XCTAssertEqual(response.json["allowed_actions"], ["cancel"])
        try f.market.payIfPrepaid(id)
        let paid = try sales.client.get("/v1/seller/orders/\(id)")
        XCTAssertEqual(paid.json["allowed_actions"], ["ship", "cancel"], paid.text)

        response = try f.act(sales, "seller", id, "ship", ["carrier": "CJ Logistics"])
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(OrderFixture.fields(response), ["tracking_number"])
        response = try f.act(sales, "seller", id, "ship", ["carrier": "CJ Logistics", "tracking_number": "6301-2234-9981"])
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["shipment"]?["carrier"], "CJ Logistics")

        f.market.clock.advance(seconds: 600)
        response = try sales.client.post("/v1/seller/orders/\(id)/shipment/events",
                                         json: ["status": "in_transit", "location": "Incheon hub", "description": "left the hub"])
        XCTAssertEqual(response.status, 201, response.text)
        XCTAssertEqual(response.json["shipment"]?["events"]?.arrayValue?.count, 2)

        f.market.clock.advance(seconds: 1200)
        response = try f.act(sales, "seller", id, "deliver")
        XCTAssertEqual(response.json["status"], "delivered")
        XCTAssertNotEqual(response.json["delivered_at"], .null)
        XCTAssertEqual(try sales.client.post("/v1/seller/orders/\(id)/shipment/events", json: ["status": "in_transit"]).status, 409)

        response = try f.act(f.buyer, "buyer", id, "receive")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["status"], "completed")
        let history = response.json["status_history"]?.arrayValue ?? []
        XCTAssertEqual(history.map { $0["to"]?.stringValue ?? "" }, ["placed", "confirmed", "shipped", "delivered", "completed"])
        XCTAssertEqual(history.map { $0["actor"]?["party"]?.stringValue ?? "" }, ["buyer", "seller", "seller", "seller", "buyer"])
        XCTAssertEqual(history.count > 1 ? history[1]["actor"]?["user_id"] : nil, JSON.null, "the buyer does not see the supplier's user ids")
        XCTAssertEqual(history.last?["actor"]?["user_id"]?.stringValue, f.buyer.userID)
        let shipment = response.json["shipment"]
        XCTAssertEqual(shipment?["events"]?.arrayValue?.map { $0["status"]?.stringValue ?? "" }, ["shipped", "in_transit", "delivered"])
        XCTAssertEqual(response.json["allowed_actions"], [])
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/orders?status=completed").json["data"]?.arrayValue?.count, 1)
    }

    func testIllegalTransitionsAre409WithTheCurrentStatus() throws {
        let f = try OrderFixture()
        let product = try f.listing()
        let id = try f.placeOrder(product, quantity: 1)["id"]?.stringValue ?? ""
        var response = try f.act(f.supplier, "seller", id, "ship", ["carrier": "DHL", "tracking_number": "1"])
        XCTAssertEqual(response.status, 409)
        XCTAssertEqual(response.json["type"]?.stringValue?.hasSuffix("illegal_transition"), true)
        XCTAssertEqual(response.json["current_status"], "placed")
        XCTAssertEqual(response.json["action"], "ship")
        XCTAssertEqual(try f.act(f.supplier, "seller", id, "deliver").status, 409)
        XCTAssertEqual(try f.act(f.buyer, "buyer", id, "receive").status, 409)
        try f.fulfil(id)
        response = try f.act(f.buyer, "buyer", id, "cancel")
        XCTAssertEqual(response.status, 409)
        XCTAssertEqual(response.json["current_status"], "delivered")
        XCTAssertEqual(try f.act(f.supplier, "seller", id, "cancel").status, 409)
        XCTAssertEqual(try f.act(f.supplier, "seller", id, "deliver").status, 409)
        XCTAssertEqual(try f.act(f.supplier, "seller", id, "confirm").status, 409)
    }

    func testCancelBeforeShipmentReturnsTheStock() throws {
        let f = try OrderFixture()
        let product = try f.listing(stock: 10)
        let byBuyer = try f.placeOrder(product, quantity: 3)["id"]?.stringValue ?? ""
        let bySupplier = try f.placeOrder(product, quantity: 4)["id"]?.stringValue ?? ""
        XCTAssertEqual(try f.stock(product), 3)
        var response = try f.act(f.buyer, "buyer", byBuyer, "cancel", ["reason": "ordered twice"])
        XCTAssertEqual(response.json["status"], "cancelled")
        XCTAssertEqual(try f.stock(product), 6)
        XCTAssertEqual(try f.act(f.supplier, "seller", bySupplier, "confirm").status, 200)
        response = try f.act(f.supplier, "seller", bySupplier, "cancel")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(try f.stock(product), 10)
        XCTAssertEqual(try f.act(f.buyer, "buyer", byBuyer, "cancel").status, 409)
        XCTAssertEqual(try f.stock(product), 10)
    }

    func testOtherOrganizationsGet404() throws {
        let f = try OrderFixture()
        let product = try f.listing()
        let id = try f.placeOrder(product, quantity: 1)["id"]?.stringValue ?? ""
        let rivalSupplier = try f.market.activeSupplier()
        let rivalBuyer = try f.market.signUp(.buyer)
        XCTAssertEqual(try rivalSupplier.client.get("/v1/seller/orders/\(id)").status, 404)
        XCTAssertEqual(try f.act(rivalSupplier, "seller", id, "confirm").status, 404)
        XCTAssertEqual(try rivalSupplier.client.get("/v1/seller/orders").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try rivalBuyer.client.get("/v1/buyer/orders/\(id)").status, 404)
        XCTAssertEqual(try f.act(rivalBuyer, "buyer", id, "cancel").status, 404)
        XCTAssertEqual(try rivalBuyer.client.get("/v1/buyer/orders").json["data"]?.arrayValue?.count, 0)
        // A catalog-only supplier user has no access to orders.
        let catalog = try f.market.addUser(to: f.supplier, roles: [.catalog])
        XCTAssertEqual(try catalog.client.get("/v1/seller/orders").status, 403)
        // Any buyer user reads its organization's orders.
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        XCTAssertEqual(try approver.client.get("/v1/buyer/orders/\(id)").status, 200)
    }

    func testTrackingPageShowsProgressWithoutPricesOrPersonalData() throws {
        let f = try OrderFixture()
        let product = try f.listing(price: "1234.56", stock: 10)
        let order = try f.placeOrder(product, quantity: 1)
        let id = order["id"]?.stringValue ?? ""
        let token = order["tracking_token"]?.stringValue ?? ""
        XCTAssertEqual(token.count, 32)
        XCTAssertEqual(order["tracking_url"]?.stringValue, "/v1/track/\(token)")
        try f.fulfil(id)

        let page = try f.market.client.get("/v1/track/\(token)")  // no login
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertEqual(page.json["status"], "delivered")
        XCTAssertEqual(page.json["status_history"]?.arrayValue?.map { $0["status"]?.stringValue ?? "" },
                       ["placed", "confirmed", "shipped", "delivered"])
        XCTAssertEqual(page.json["shipment"]?["carrier"], "CJ Logistics")
        XCTAssertEqual(page.json["shipment"]?["tracking_number"], "6301-2234-9981")
        XCTAssertEqual(page.json["shipment"]?["events"]?.arrayValue?.count, 2)
        let text = page.text
        for secret in ["1234.56", "amount", "USD", "Seoul", "Teheran", "Kim Minji", "Hanil", "buyer", "seller", id,
                       f.buyer.organizationID, f.supplier.organizationID] {
            XCTAssertFalse(text.contains(secret), "tracking page leaks \(secret): \(text)")
        }
        XCTAssertEqual(try f.market.client.get("/v1/track/not-a-token").status, 404)
        XCTAssertEqual(try f.market.client.get("/v1/track/\(String(repeating: "A", count: 32))").status, 404)
    }
}
