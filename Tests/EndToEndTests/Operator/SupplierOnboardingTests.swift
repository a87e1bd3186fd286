import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

final class SupplierOnboardingTests: XCTestCase {
    func testApproveAndSuspendFollowTheStateMachineAndAreAudited() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let supplier = try market.signUp(.supplier, name: "Daehan Bolts")
        let id = supplier.organizationID

        let pending = try admin.client.get("/v1/admin/sellers?status=pending")
        XCTAssertEqual(pending.status, 200, pending.text)
        XCTAssertEqual(pending.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, [id])
        XCTAssertEqual(try admin.client.get("/v1/admin/sellers?status=active").json["data"]?.arrayValue?.count, 0)

        var response = try admin.client.post("/v1/admin/sellers/\(id)/approve", json: ["reason": "documents checked"])
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["status"]?.stringValue, "active")
        XCTAssertEqual(try supplier.client.get("/v1/me").json["organization"]?["status"]?.stringValue, "active")

        response = try admin.client.post("/v1/admin/sellers/\(id)/approve", json: [:])
        XCTAssertEqual(response.status, 409, response.text)
        XCTAssertEqual(response.json["type"]?.stringValue, "/problems/illegal_transition")
        XCTAssertEqual(response.json["current_status"]?.stringValue, "active")

        // An empty body is fine: the reason is optional.
        response = try admin.client.send(.post, "/v1/admin/sellers/\(id)/suspend")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["status"]?.stringValue, "suspended")
        XCTAssertEqual(try admin.client.post("/v1/admin/sellers/\(id)/suspend", json: [:]).status, 409)
        XCTAssertEqual(try admin.client.post("/v1/admin/sellers/\(id)/approve", json: [:]).json["status"]?.stringValue, "active")

        // pending -> suspended is allowed too.
        let other = try market.signUp(.supplier)
        XCTAssertEqual(try admin.client.post("/v1/admin/sellers/\(other.organizationID)/suspend", json: ["reason": "fraud"]).status, 200)

        let entries = try market.auditEntries(admin, entityID: id)
        XCTAssertEqual(entries.compactMap { $0["action"]?.stringValue },
                       ["supplier.approved", "supplier.suspended", "supplier.approved"])
        let first = entries.last
        XCTAssertEqual(first?["before"]?["status"]?.stringValue, "pending")
        XCTAssertEqual(first?["after"]?["status"]?.stringValue, "active")
        XCTAssertEqual(first?["after"]?["reason"]?.stringValue, "documents checked")
        let byAction = try admin.client.get("/v1/admin/audit-log?action=supplier.suspended&entity_type=organization")
        XCTAssertEqual(byAction.json["data"]?.arrayValue?.count, 2)
    }

    func testOnlySuppliersCanBeApproved() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let buyer = try market.signUp(.buyer)
        XCTAssertEqual(try admin.client.post("/v1/admin/sellers/\(buyer.organizationID)/approve", json: [:]).status, 404)
        XCTAssertEqual(try admin.client.post("/v1/admin/sellers/org_doesnotexist/suspend", json: [:]).status, 404)
        XCTAssertEqual(try admin.client.post("/v1/admin/sellers/\(admin.organizationID)/suspend", json: [:]).status, 404)
        let list = try admin.client.get("/v1/admin/sellers")
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(errorFields(try admin.client.get("/v1/admin/sellers?status=sleeping")), ["query.status"])
    }

    func testFinanceOperatorsCannotOnboardSuppliers() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let finance = try market.addUser(to: admin, roles: [.finance])
        let supplier = try market.signUp(.supplier)
        XCTAssertEqual(try finance.client.post("/v1/admin/sellers/\(supplier.organizationID)/approve", json: [:]).status, 403)
        XCTAssertEqual(try finance.client.get("/v1/admin/sellers").status, 403)
        // ...but may manage fees.
        XCTAssertEqual(try finance.client.post("/v1/admin/fee-rules", json: ["scope": "default", "percent": "5"]).status, 201)
    }
}
