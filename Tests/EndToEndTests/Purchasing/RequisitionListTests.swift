import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Requisition lists: shared inside one buyer organization, hidden from others, checked out through
/// checkout like a cart.
final class RequisitionListTests: XCTestCase {
    func testListIsSharedInsideTheCompanyAndCheckedOut() throws {
        let f = try OrderFixture()
        let second = try f.market.activeSupplier(name: "Second Supplier")
        let bolts = try f.listing(price: "10.00", stock: 500)
        let nuts = try f.listing(second, price: "2.50", stock: 100)
        try f.createPriceList(buyers: [f.buyer.organizationID], entries: [["product_id": .string(bolts), "unit_price": "9.00"]])
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        let purchaser = try f.market.addUser(to: f.buyer, roles: [.purchaser])
        let stranger = try f.market.signUp(.buyer)

        let created = try approver.client.post("/v1/buyer/lists", json: [
            "name": "Site B monthly", "lines": [["product_id": .string(bolts), "quantity": 20], ["product_id": .string(nuts), "quantity": 40]],
        ])
        XCTAssertEqual(created.status, 201, created.text)
        let id = created.json["id"]?.stringValue ?? ""
        XCTAssertEqual(created.json["lines"]?[at: 0]?["unit_price"], OrderFixture.money("9.00", "USD"), "the buyer's contract price")
        XCTAssertEqual(created.json["lines"]?[at: 0]?["price_source"], "contract")
        XCTAssertEqual(created.json["lines"]?[at: 1]?["line_total"], OrderFixture.money("100.00", "USD"))

        // Shared with the company, invisible to others.
        XCTAssertEqual(try purchaser.client.get("/v1/buyer/lists").json["data"]?[at: 0]?["line_count"], 2)
        XCTAssertEqual(try purchaser.client.get("/v1/buyer/lists/\(id)").status, 200)
        XCTAssertEqual(try stranger.client.get("/v1/buyer/lists/\(id)").status, 404)
        XCTAssertEqual(try stranger.client.get("/v1/buyer/lists").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try stranger.client.send(.post, "/v1/buyer/lists/\(id)/order", json: ["currency": "USD", "shipping_address": OrderFixture.address]).status, 404)
        XCTAssertEqual(try f.supplier.client.get("/v1/buyer/lists").status, 403)

        // Replace with If-Match.
        var ifMatch = HTTPHeaders()
        ifMatch.set("If-Match", "\"v1\"")
        let replaced = try purchaser.client.put("/v1/buyer/lists/\(id)", json: [
            "name": "Site B monthly", "lines": [["product_id": .string(bolts), "quantity": 30], ["product_id": .string(nuts), "quantity": 40]],
        ], headers: ifMatch)
        XCTAssertEqual(replaced.status, 200, replaced.text)
        XCTAssertEqual(replaced.json["version"], 2)
        XCTAssertEqual(replaced.json["updated_by"]?.stringValue, purchaser.userID)
        XCTAssertEqual(try purchaser.client.put("/v1/buyer/lists/\(id)", json: ["name": "x", "lines": []], headers: ifMatch).status, 412)

        // Ordering needs admin or purchaser; it is a checkout: one order per supplier, contract price charged.
        let body: JSON = ["currency": "USD", "shipping_address": OrderFixture.address, "po_number": "PO-77"]
        XCTAssertEqual(try approver.client.post("/v1/buyer/lists/\(id)/order", json: body).status, 403)
        let ordered = try purchaser.client.post("/v1/buyer/lists/\(id)/order", json: body)
        XCTAssertEqual(ordered.status, 201, ordered.text)
        let orders = ordered.json["orders"]?.arrayValue ?? []
        XCTAssertEqual(orders.count, 2)
        XCTAssertEqual(orders.first?["total"], OrderFixture.money("270.00", "USD"))
        XCTAssertEqual(orders.first?["po_number"], "PO-77")
        XCTAssertEqual(orders.last?["total"], OrderFixture.money("100.00", "USD"))
        XCTAssertEqual(try f.stock(bolts), 470)
        let source = try f.market.app.services.database.read { db in
            try db.queryOne("SELECT source, source_id FROM checkouts WHERE id = ?", [.text(ordered.json["checkout_id"]?.stringValue ?? "")])
        }
        XCTAssertEqual(source?.string("source"), "list")
        XCTAssertEqual(source?.string("source_id"), id)

        // Deleting the list.
        XCTAssertEqual(try purchaser.client.delete("/v1/buyer/lists/\(id)").status, 204)
        XCTAssertEqual(try purchaser.client.get("/v1/buyer/lists/\(id)").status, 404)
    }

    func testListLinesMustBeOrderableAndOrderingReportsLinesThatNoLongerAre() throws {
        let f = try OrderFixture()
        let other = try f.market.signUp(.buyer)
        let open = try f.listing(price: "3.00", stock: 10)
        let secret = try f.listing(price: "3.00", visibleTo: [other.organizationID])
        let bulk = try f.listing(price: "1.00", minimum: 50)

        let refused = try f.buyer.client.post("/v1/buyer/lists", json: [
            "name": "Bad", "lines": [
                ["product_id": .string(open), "quantity": 1], ["product_id": .string(secret), "quantity": 1],
                ["product_id": .string(bulk), "quantity": 5], ["product_id": .string(open), "quantity": 2],
                ["product_id": "prd_nope", "quantity": 0],
            ],
        ])
        XCTAssertEqual(refused.status, 422)
        XCTAssertEqual(Set(OrderFixture.fields(refused)), ["lines[3].product_id", "lines[4].quantity"])
        let unavailable = try f.buyer.client.post("/v1/buyer/lists", json: [
            "name": "Bad", "lines": [["product_id": .string(open), "quantity": 1], ["product_id": .string(secret), "quantity": 1],
                                     ["product_id": .string(bulk), "quantity": 5]],
        ])
        XCTAssertEqual(Set(OrderFixture.fields(unavailable)), ["lines[1].product_id", "lines[2].quantity"])

        let list = try f.buyer.client.post("/v1/buyer/lists", json: ["name": "Good", "lines": [["product_id": .string(open), "quantity": 12]]])
        XCTAssertEqual(list.status, 201, list.text)
        let id = list.json["id"]?.stringValue ?? ""
        XCTAssertEqual(list.json["lines"]?[at: 0]?["in_stock"], false)
        // Not enough stock now: 409 naming the line; then the listing is withdrawn: 422 naming it.
        let short = try f.buyer.client.post("/v1/buyer/lists/\(id)/order", json: ["currency": "USD", "shipping_address": OrderFixture.address])
        XCTAssertEqual(short.status, 409)
        XCTAssertEqual(OrderFixture.fields(short), ["lines[0].quantity"])
        XCTAssertEqual(try f.supplier.client.delete("/v1/seller/products/\(open)").status, 204)
        let gone = try f.buyer.client.post("/v1/buyer/lists/\(id)/order", json: ["currency": "USD", "shipping_address": OrderFixture.address])
        XCTAssertEqual(gone.status, 422)
        XCTAssertEqual(OrderFixture.fields(gone), ["lines[0].product_id"])
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/lists/\(id)").json["lines"]?[at: 0]?["available"], false)
    }
}
