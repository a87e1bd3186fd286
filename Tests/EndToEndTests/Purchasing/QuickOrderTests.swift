import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Quick order from pasted CSV: every unresolved line named, nothing ordered on error.
final class QuickOrderTests: XCTestCase {
    static let shipTo = "shipping_address%5Brecipient%5D=Kim%20Minji&shipping_address%5Bline1%5D=12%20Teheran-ro"
        + "&shipping_address%5Bcity%5D=Seoul&shipping_address%5Bcountry%5D=KR"

    func post(_ account: TestMarket.Account, _ csv: String, query: String = "currency=USD&\(QuickOrderTests.shipTo)") throws -> TestResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/csv")
        return try account.client.send(.post, "/v1/buyer/quick-order?\(query)", headers: headers, body: Array(csv.utf8))
    }

    static func problems(_ response: TestResponse) -> [String] {
        (response.json["errors"]?.arrayValue ?? []).map { error in
            "\(error["line"]?.int64Value.map(String.init) ?? "-"):\(error["field"]?.stringValue ?? "")"
        }
    }

    func sku(_ f: OrderFixture, _ id: String) throws -> String {
        try f.supplier.client.get("/v1/seller/products/\(id)").json["sku"]?.stringValue ?? ""
    }

    func testABadSKUOrdersNothingAndEveryBadLineIsNamed() throws {
        let f = try OrderFixture()
        let second = try f.market.activeSupplier()
        let bolts = try f.listing(price: "10.00", stock: 100)
        let boltsSKU = try sku(f, bolts)
        // The same SKU at two suppliers: ambiguous without seller_id.
        let shared = try f.market.createListing(f.supplier, ["sku": "SHARED-1", "title": ["en": "Washer"]])["id"]?.stringValue ?? ""
        try f.market.createListing(second, ["sku": "SHARED-1", "title": ["en": "Washer"]])

        let csv = "sku,quantity\n\(boltsSKU),5\nNOPE-404,2\n\(boltsSKU),abc\nSHARED-1,1\n"
        let response = try post(f.buyer, csv)
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(response.json["type"], "/problems/quick_order_rejected")
        XCTAssertEqual(Self.problems(response), ["3:sku", "4:quantity", "5:sku"])
        XCTAssertEqual(try f.stock(bolts), 100, "nothing ordered")
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders").json["data"]?.arrayValue?.count, 0)

        // Disambiguated with seller_id it goes through.
        let fixed = try post(f.buyer, "sku,quantity,seller_id\n\(boltsSKU),5,\nSHARED-1,1,\(f.supplier.organizationID)\n")
        XCTAssertEqual(fixed.status, 201, fixed.text)
        XCTAssertEqual(fixed.json["orders"]?.arrayValue?.count, 1)
        XCTAssertEqual(fixed.json["orders"]?[at: 0]?["lines"]?.arrayValue?.count, 2)
        XCTAssertEqual(try f.stock(bolts), 95)
        XCTAssertEqual(try f.stock(shared), 9)
    }

    func testQuickOrderPricesLikeACartInBothShapes() throws {
        let f = try OrderFixture()
        let bolts = try f.listing(price: "10.00", stock: 100, minimum: 10)
        let boltsSKU = try sku(f, bolts)
        try f.createPriceList(buyers: [f.buyer.organizationID], entries: [["product_id": .string(bolts), "discount_percent": "20"]])

        // No header: positional columns; the contract price is charged.
        let placed = try post(f.buyer, "\(boltsSKU), 10\n", query: "currency=USD&payment_terms=prepaid&po_number=PO-9&\(Self.shipTo)")
        XCTAssertEqual(placed.status, 201, placed.text)
        XCTAssertEqual(placed.json["orders"]?[at: 0]?["total"], OrderFixture.money("80.00", "USD"))
        XCTAssertEqual(placed.json["orders"]?[at: 0]?["po_number"], "PO-9")

        // JSON wrapper; checkout's own problems come back by file line.
        let below = try f.buyer.client.post("/v1/buyer/quick-order", json: [
            "csv": .string("sku,quantity\n\(boltsSKU),3\n"), "currency": "USD", "shipping_address": OrderFixture.address,
        ])
        XCTAssertEqual(below.status, 422, below.text)
        XCTAssertEqual(Self.problems(below), ["2:quantity"])
        let tooMany = try f.buyer.client.post("/v1/buyer/quick-order", json: [
            "csv": .string("\(boltsSKU),95\n"), "currency": "USD", "shipping_address": OrderFixture.address,
        ])
        XCTAssertEqual(tooMany.status, 409)
        XCTAssertEqual(Self.problems(tooMany), ["1:quantity"])

        // Options are validated too, and only admins and purchasers may order.
        let noAddress = try post(f.buyer, "\(boltsSKU),10\n", query: "currency=USD")
        XCTAssertEqual(noAddress.status, 422)
        XCTAssertEqual(OrderFixture.fields(noAddress), ["shipping_address"])
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        XCTAssertEqual(try post(approver, "\(boltsSKU),10\n").status, 403)
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/plain")
        XCTAssertEqual(try f.buyer.client.send(.post, "/v1/buyer/quick-order", headers: headers, body: Array("x,1".utf8)).status, 415)
        XCTAssertEqual(Self.problems(try post(f.buyer, "")), ["-:csv"])
        XCTAssertEqual(Self.problems(try post(f.buyer, "\"open,1\n")), ["1:row"])
    }
}
