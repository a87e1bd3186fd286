import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Shortcuts of the ledger tests on top of `OrderFixture`: net-terms credit (so shipping never waits for a
/// payment), settlement runs, statements and the trial balance through the operator's API.
extension OrderFixture {
    /// Lets the buyer order on net terms without practical limit.
    func allowNetTerms(currency: String = "USD", file: StaticString = #filePath, line: UInt = #line) throws {
        let response = try admin.client.put(
            "/v1/admin/buyers/\(buyer.organizationID)/credit",
            json: ["payment_terms": ["prepaid", "net_30"], "credit_limit": OrderFixture.money("1000000000", currency)])
        XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
    }

    /// An order placed on net terms, confirmed, shipped and delivered; returns the order as the supplier sees it.
    func deliveredOrder(_ productID: String, quantity: Int, currency: String, seller: TestMarket.Account? = nil,
                        file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        let order = try placeOrder(productID, quantity: quantity, currency: currency, terms: "net_30", file: file, line: line)
        let id = order["id"]?.stringValue ?? ""
        let owner = seller ?? supplier
        for (action, body) in [("confirm", nil), ("ship", ["carrier": "CJ", "tracking_number": "1"] as JSON?), ("deliver", nil)] {
            let response = try act(owner, "seller", id, action, body)
            XCTAssertEqual(response.status, 200, "\(action): \(response.text)", file: file, line: line)
        }
        return try owner.client.get("/v1/seller/orders/\(id)").json
    }

    /// `POST /v1/buyer/orders/{id}/returns` of `quantity` units of the first line.
    @discardableResult
    func returnUnits(_ order: JSON, quantity: Int, lineIndex: Int = 0, file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        let id = order["id"]?.stringValue ?? ""
        let lineID = order["lines"]?[at: lineIndex]?["id"]?.stringValue ?? ""
        let response = try buyer.client.post(
            "/v1/buyer/orders/\(id)/returns", json: ["lines": [["line_id": .string(lineID), "quantity": .int(quantity)]], "reason": "damaged"])
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json
    }

    /// `POST /v1/admin/settlements`.
    func settle(_ periodEnd: String? = nil, key: String? = nil) throws -> TestResponse {
        var headers = HTTPHeaders()
        if let key { headers.set("Idempotency-Key", key) }
        let end = periodEnd ?? Timestamp.format(market.clock.now())
        return try admin.client.post("/v1/admin/settlements", json: ["period_end": .string(end)], headers: headers)
    }

    /// The statements a run issued, asserting it issued some.
    func settleIssuing(_ periodEnd: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [JSON] {
        let response = try settle(periodEnd)
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json["settlements"]?.arrayValue ?? []
    }

    /// Every account balance (all pages) by code, and the per-currency totals.
    func ledger(file: StaticString = #filePath, line: UInt = #line) throws -> (accounts: [String: JSON], totals: [JSON], balanced: Bool) {
        var accounts = [String: JSON]()
        var cursor: String?
        var totals = [JSON]()
        var balanced = false
        repeat {
            let path = "/v1/admin/ledger/balances?limit=200" + (cursor.map { "&cursor=\($0)" } ?? "")
            let response = try admin.client.get(path)
            XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
            for account in response.json["data"]?.arrayValue ?? [] {
                accounts[account["account"]?.stringValue ?? ""] = account
            }
            totals = response.json["totals"]?.arrayValue ?? []
            balanced = response.json["balanced"]?.boolValue ?? false
            cursor = response.json["next_cursor"]?.stringValue
        } while cursor != nil
        return (accounts, totals, balanced)
    }

    /// The balance (normal side) of one account as an amount string, "0" style zero when never used.
    func balance(_ code: String) throws -> JSON? {
        try ledger().accounts[code]?["balance"]
    }

    func assertLedgerBalanced(file: StaticString = #filePath, line: UInt = #line) throws {
        let ledger = try ledger(file: file, line: line)
        XCTAssertTrue(ledger.balanced, "\(ledger.totals)", file: file, line: line)
        for total in ledger.totals {
            XCTAssertEqual(total["debits"], total["credits"], file: file, line: line)
        }
        let unbalanced = try market.app.services.database.read { db in try LedgerBalances.unbalancedEntries(db) }
        XCTAssertEqual(unbalanced, [], "entries not balanced per currency", file: file, line: line)
    }
}
