import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Shortcuts for price-list tests: lists created through the supplier API.
extension OrderFixture {
    /// `POST /v1/seller/price-lists` as `seller` (default: the fixture's supplier); returns the response.
    @discardableResult
    func priceList(
        _ seller: TestMarket.Account? = nil, name: String = "Contract", buyers: [String], from: Date? = nil, to: Date? = nil,
        entries: [JSON], file: StaticString = #filePath, line: UInt = #line
    ) throws -> TestResponse {
        var body: JSONObject = [
            "name": .string(name), "buyer_ids": .array(buyers.map(JSON.string)),
            "valid_from": .string(Timestamp.format(from ?? market.clock.now().addingTimeInterval(-3600))),
            "entries": .array(entries),
        ]
        if let to { body["valid_to"] = .string(Timestamp.format(to)) }
        return try (seller ?? supplier).client.post("/v1/seller/price-lists", json: .object(body))
    }

    /// A price list that must be created: its id.
    func createPriceList(
        _ seller: TestMarket.Account? = nil, name: String = "Contract", buyers: [String], from: Date? = nil, to: Date? = nil,
        entries: [JSON], file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let response = try priceList(seller, name: name, buyers: buyers, from: from, to: to, entries: entries)
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json["id"]?.stringValue ?? ""
    }

    /// The unit price a client sees on the product page for `quantity` (`quote.unit_price.amount`).
    func quotedPrice(_ client: TestClient, _ productID: String, quantity: Int, file: StaticString = #filePath, line: UInt = #line) throws -> String? {
        let response = try client.get("/v1/catalog/products/\(productID)?quantity=\(quantity)")
        XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
        return response.json["quote"]?["unit_price"]?["amount"]?.stringValue
    }

    /// The unit price of the first line of a one-line checkout that must succeed.
    func chargedPrice(_ productID: String, quantity: Int, by account: TestMarket.Account, file: StaticString = #filePath, line: UInt = #line) throws -> String? {
        let orders = try placeOrders([(productID, quantity)], by: account, file: file, line: line)
        return orders.first?["lines"]?[at: 0]?["unit_price"]?["amount"]?.stringValue
    }
}
