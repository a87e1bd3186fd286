import Foundation
import HTTPServer
import MarketCore
import Store
import Web
import XCTest

/// Shortcuts the RFQ tests share. Reference data goes through the operator API, suppliers declare their
/// categories through `PATCH /v1/seller/profile`, as in production.
extension TestMarket {
    /// Active suppliers declaring `categories` (and optionally a payout currency).
    func supplier(declaring categories: [String], payoutCurrency: String? = nil, status: OrganizationStatus = .active,
                  file: StaticString = #filePath, line: UInt = #line) throws -> Account {
        let account = try signUp(.supplier)
        var body: JSONObject = ["category_ids": .array(categories.map { .string($0) })]
        if let payoutCurrency { body["payout_currency"] = .string(payoutCurrency) }
        let response = try account.client.patch("/v1/seller/profile", json: .object(body))
        XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
        if status != .pending { try setStatus(account.organizationID, status) }
        return account
    }

    /// The body of an RFQ of free-text items in `categoryID`, open for `openSeconds`.
    func rfqBody(title: String = "Hex bolts for Q1", currency: String = "USD", categoryID: String,
                 quantities: [Int] = [1000], invite: [String] = [], broadcast: Bool = false, sealed: Bool = false,
                 openSeconds: TimeInterval = 4 * 3600, address: Bool = true) -> JSON {
        var body: JSONObject = [
            "title": .string(title), "currency": .string(currency),
            "respond_by": .string(Timestamp.format(clock.now().addingTimeInterval(openSeconds))),
            "items": .array(quantities.enumerated().map { index, quantity in
                ["description": .string("Item \(index + 1)"), "category_id": .string(categoryID), "quantity": .int(quantity),
                 "unit": "piece"]
            }),
            "delivery_country": "KR", "invite_seller_ids": .array(invite.map { .string($0) }),
            "broadcast": .bool(broadcast), "sealed": .bool(sealed),
        ]
        if address {
            body["shipping_address"] = ["recipient": "Receiving dock", "line1": "1 Harbor Road", "city": "Busan", "country": "KR"]
        }
        return .object(body)
    }

    /// Creates an RFQ and returns its JSON.
    func createRFQ(_ buyer: Account, _ body: JSON, file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        let response = try buyer.client.post("/v1/buyer/rfqs", json: body)
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json
    }

    /// Posts a quote of `prices` (item id → unit price), lead time `lead` days each.
    func quote(_ supplier: Account, rfq: String, currency: String = "USD", prices: [(String, String)], lead: Int = 10,
               shipping: JSON? = nil, validForSeconds: TimeInterval = 30 * 86_400, headers: HTTPHeaders = HTTPHeaders())
        throws -> TestResponse {
        var body: JSONObject = [
            "currency": .string(currency),
            "lines": .array(prices.map { ["item_id": .string($0.0), "unit_price": .string($0.1), "lead_time_days": .int(lead)] }),
            "valid_until": .string(Timestamp.format(clock.now().addingTimeInterval(validForSeconds))),
            "notes": "FOB Busan",
        ]
        if let shipping { body["shipping"] = shipping }
        return try supplier.client.post("/v1/seller/rfqs/\(rfq)/quotes", json: .object(body), headers: headers)
    }

    /// One integer cell straight from the database (for scorecards and counters the API does not show yet).
    func scalar(_ sql: String, _ arguments: [SQLValue]) throws -> Int64? {
        try app.services.database.read { db in try db.scalar(sql, arguments).int64Value }
    }
}

/// The item ids of an RFQ answer, in order.
func itemIDs(_ rfq: JSON) -> [String] { rfq["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [] }
