import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

final class BuyerCreditTests: XCTestCase {
    func testCreditIsSetShownAndAuditedWithBeforeAndAfter() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let finance = try market.addUser(to: admin, roles: [.finance])
        let buyer = try market.signUp(.buyer, currency: "KRW", country: "KR")
        let path = "/v1/admin/buyers/\(buyer.organizationID)/credit"

        var response = try finance.client.get(path)
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["payment_terms"], ["prepaid"])
        XCTAssertEqual(response.json["credit_limit"], money("0", "KRW"))

        response = try finance.client.put(path, json: [
            "payment_terms": ["prepaid", "net_30", "net_60"], "credit_limit": money("50000.00", "USD"),
        ])
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["payment_terms"], ["prepaid", "net_30", "net_60"])
        XCTAssertEqual(response.json["credit_limit"], money("50000.00", "USD"))
        XCTAssertEqual(try admin.client.get(path).json["credit_limit"], money("50000.00", "USD"))

        let listed = try admin.client.get("/v1/admin/buyers").json["data"]?.arrayValue ?? []
        XCTAssertEqual(listed.compactMap { $0["buyer_id"]?.stringValue }, [buyer.organizationID])

        let entries = try market.auditEntries(admin, entityID: buyer.organizationID)
        XCTAssertEqual(entries.count, 1)
        XCTAssertEqual(entries.first?["action"]?.stringValue, "buyer.credit_updated")
        XCTAssertEqual(entries.first?["actor"]?["user_id"]?.stringValue, finance.userID)
        XCTAssertEqual(entries.first?["before"]?["credit_limit"], money("0", "KRW"))
        XCTAssertEqual(entries.first?["after"]?["credit_limit"], money("50000.00", "USD"))
        XCTAssertEqual(entries.first?["after"]?["payment_terms"], ["prepaid", "net_30", "net_60"])
    }

    func testInvalidCreditAndWrongKindsAreRefused() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let buyer = try market.signUp(.buyer)
        let supplier = try market.activeSupplier()
        let path = "/v1/admin/buyers/\(buyer.organizationID)/credit"

        var response = try admin.client.put(path, json: ["payment_terms": [], "credit_limit": money("10.00", "USD")])
        XCTAssertEqual(errorFields(response), ["payment_terms"])
        response = try admin.client.put(path, json: ["payment_terms": ["net_90"], "credit_limit": money("-1.00", "USD")])
        XCTAssertEqual(Set(errorFields(response)), ["payment_terms", "credit_limit.amount"])
        response = try admin.client.put(path, json: ["payment_terms": ["net_30"]])
        XCTAssertEqual(errorFields(response), ["credit_limit"])

        let body: JSON = ["payment_terms": ["net_30"], "credit_limit": money("10.00", "USD")]
        XCTAssertEqual(try admin.client.put("/v1/admin/buyers/\(supplier.organizationID)/credit", json: body).status, 404)
        XCTAssertEqual(try admin.client.get("/v1/admin/buyers/\(supplier.organizationID)/credit").status, 404)
        XCTAssertEqual(try admin.client.put("/v1/admin/buyers/org_missing/credit", json: body).status, 404)
        // Buyers cannot raise their own credit.
        XCTAssertEqual(try buyer.client.put(path, json: body).status, 403)
        XCTAssertEqual(try market.auditEntries(admin, entityID: buyer.organizationID).count, 0)
    }
}
