import Foundation
import HTTPServer
import MarketCore
import Store
import Web
import XCTest

/// A marketplace with an operator, one buyer and one active supplier, and shortcuts for listings,
/// checkouts and order actions — all through the API as a client would do it.
final class OrderFixture {
    let market: TestMarket
    let admin: TestMarket.Account
    let buyer: TestMarket.Account
    let supplier: TestMarket.Account

    init(market: TestMarket? = nil, buyerCurrency: String = "USD", supplierCurrency: String = "USD") throws {
        self.market = try market ?? TestMarket()
        let market = self.market
        admin = try market.operatorAccount()
        buyer = try market.signUp(.buyer, currency: buyerCurrency)
        supplier = try market.activeSupplier(currency: supplierCurrency)
    }

    static let address: JSON = [
        "recipient": "Kim Minji", "company": "Hanil Construction", "line1": "12 Teheran-ro", "city": "Seoul",
        "postal_code": "06234", "country": "KR", "phone": "+82-2-555-0100",
    ]

    /// A listing created by `seller` through `POST /v1/seller/products`; returns its id.
    func listing(
        _ seller: TestMarket.Account? = nil, price: String = "10.00", currency: String = "USD", stock: Int = 100, minimum: Int = 1,
        tiers: [(Int, String)] = [], category: String? = nil, visibleTo: [String]? = nil, status: String = "active",
        leadTime: Int = 3, file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let owner = seller ?? supplier
        var body: JSONObject = [
            "sku": .string("SKU-\(UUID().uuidString.prefix(8))"), "title": ["en": "Hex bolt M8", "ko": "육각볼트 M8"],
            "unit": "piece", "currency": .string(currency), "unit_price": .string(price), "min_order_quantity": .int(minimum),
            "stock": .int(stock), "lead_time_days": .int(leadTime), "status": .string(status),
            "price_tiers": .array(tiers.map { ["min_quantity": .int($0.0), "unit_price": .string($0.1)] }),
        ]
        if let category { body["category_id"] = .string(category) }
        if let visibleTo { body["visible_to_buyer_ids"] = .array(visibleTo.map(JSON.string)) }
        let response = try owner.client.post("/v1/seller/products", json: .object(body))
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json["id"]?.stringValue ?? ""
    }

    /// `POST /v1/buyer/orders`.
    @discardableResult
    func checkout(
        _ lines: [(String, Int)], by account: TestMarket.Account? = nil, currency: String = "USD", terms: String? = nil,
        key: String? = nil, po: String? = nil
    ) throws -> TestResponse {
        var body: JSONObject = [
            "currency": .string(currency),
            "lines": .array(lines.map { ["product_id": .string($0.0), "quantity": .int($0.1)] }),
            "shipping_address": Self.address,
        ]
        if let terms { body["payment_terms"] = .string(terms) }
        if let po { body["po_number"] = .string(po) }
        var headers = HTTPHeaders()
        if let key { headers.set("Idempotency-Key", key) }
        return try (account ?? buyer).client.post("/v1/buyer/orders", json: .object(body), headers: headers)
    }

    /// A checkout that must succeed: its orders.
    func placeOrders(_ lines: [(String, Int)], currency: String = "USD", terms: String? = nil, by account: TestMarket.Account? = nil,
                     file: StaticString = #filePath, line: UInt = #line) throws -> [JSON] {
        let response = try checkout(lines, by: account, currency: currency, terms: terms)
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json["orders"]?.arrayValue ?? []
    }

    /// One order placed and returned as the buyer sees it.
    func placeOrder(_ productID: String, quantity: Int, currency: String = "USD", terms: String? = nil,
                    file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        try placeOrders([(productID, quantity)], currency: currency, terms: terms, file: file, line: line).first ?? .null
    }

    /// `POST /v1/{side}/orders/{id}/{action}` with an optional JSON body.
    @discardableResult
    func act(_ account: TestMarket.Account, _ side: String, _ orderID: String, _ action: String, _ body: JSON? = nil) throws -> TestResponse {
        let path = "/v1/\(side)/orders/\(orderID)/\(action)"
        if let body { return try account.client.post(path, json: body) }
        return try account.client.send(.post, path)
    }

    /// Confirm, ship and deliver as the supplier.
    func fulfil(_ orderID: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try act(supplier, "seller", orderID, "confirm").status, 200, file: file, line: line)
        try market.payIfPrepaid(orderID, file: file, line: line)  // a prepaid order ships only once paid
        XCTAssertEqual(try act(supplier, "seller", orderID, "ship", ["carrier": "CJ Logistics", "tracking_number": "6301-2234-9981"]).status,
                       200, file: file, line: line)
        XCTAssertEqual(try act(supplier, "seller", orderID, "deliver").status, 200, file: file, line: line)
    }

    func stock(_ productID: String) throws -> Int64? {
        try market.app.services.database.read { db in
            try db.scalar("SELECT stock FROM products WHERE id = ?", [.text(productID)]).int64Value
        }
    }

    /// Lets the buyer pay on `terms` up to `limit` (`PUT /v1/admin/buyers/{id}/credit`).
    func allowCredit(_ terms: [String], limit: JSON, file: StaticString = #filePath, line: UInt = #line) throws {
        let response = try admin.client.put(
            "/v1/admin/buyers/\(buyer.organizationID)/credit",
            json: ["payment_terms": .array(terms.map(JSON.string)), "credit_limit": limit])
        XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
    }

    static func money(_ amount: String, _ currency: String) -> JSON { ["amount": .string(amount), "currency": .string(currency)] }

    static func fields(_ response: TestResponse) -> [String] {
        (response.json["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }
    }
}

extension JSON {
    /// An array element, nil when out of range or not an array (`order["lines"]?[at: 0]`).
    subscript(at index: Int) -> JSON? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
