import Foundation
import MarketCore
import Web
import XCTest

/// Approval rules: big orders wait in `pending_approval`; approvers approve or reject; never oneself.
final class ApprovalTests: XCTestCase {
    private func setRules(_ f: OrderFixture, _ rules: JSON, file: StaticString = #filePath, line: UInt = #line) throws {
        let response = try f.buyer.client.put("/v1/buyer/approval-rules", json: rules)
        XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
    }

    func testRulesAreReadAndReplacedByAdminsOnly() throws {
        let f = try OrderFixture()
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/approval-rules").json, .array([]))
        try setRules(f, [["min_total": OrderFixture.money("1000.00", "USD"), "approver_role": "approver"]])
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/approval-rules").json,
                       [["min_total": OrderFixture.money("1000.00", "USD"), "approver_role": "approver"]])
        let purchaser = try f.market.addUser(to: f.buyer, roles: [.purchaser])
        XCTAssertEqual(try purchaser.client.put("/v1/buyer/approval-rules", json: []).status, 403)
        let bad = try f.buyer.client.put("/v1/buyer/approval-rules", json: [["min_total": OrderFixture.money("1.001", "USD"), "approver_role": "boss"]])
        XCTAssertEqual(bad.status, 422)
        XCTAssertEqual(Set(OrderFixture.fields(bad)), ["[0].min_total.amount", "[0].approver_role"])
        try setRules(f, [])
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/approval-rules").json, .array([]))
    }

    func testOrderAtTheThresholdWaitsAndOnlyAnotherUserApprovesIt() throws {
        let f = try OrderFixture()
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        let purchaser = try f.market.addUser(to: f.buyer, roles: [.purchaser])
        try setRules(f, [["min_total": OrderFixture.money("1000.00", "USD")]])
        let product = try f.listing(price: "100.00", stock: 30)

        let small = try f.placeOrders([(product, 9)], by: purchaser)[0]
        XCTAssertEqual(small["status"], "placed")
        let big = try f.placeOrders([(product, 10)], by: purchaser)[0]  // 1000.00: at the threshold
        XCTAssertEqual(big["status"], "pending_approval")
        XCTAssertEqual(big["approval"]?["required_role"], "approver")
        let id = big["id"]?.stringValue ?? ""
        XCTAssertEqual(try f.stock(product), 11, "stock stays reserved while the order waits")

        // The supplier does not see an order its buyer has not approved.
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/orders/\(id)").status, 404)
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/orders").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(try f.act(f.supplier, "seller", id, "confirm").status, 404)

        // A purchaser has no approver role; the placer (even an admin) may never approve their own order.
        XCTAssertEqual(try f.act(purchaser, "buyer", id, "approve").status, 403)
        let own = try f.placeOrders([(product, 10)], by: f.buyer)[0]
        let selfApproval = try f.act(f.buyer, "buyer", own["id"]?.stringValue ?? "", "approve")
        XCTAssertEqual(selfApproval.status, 403)
        XCTAssertEqual(selfApproval.json["type"]?.stringValue?.hasSuffix("self_approval"), true)

        let approved = try f.act(approver, "buyer", id, "approve")
        XCTAssertEqual(approved.status, 200, approved.text)
        XCTAssertEqual(approved.json["status"], "placed")
        XCTAssertEqual(approved.json["approval"]?["approved_by"]?.stringValue, approver.userID)
        XCTAssertEqual(approved.json["status_history"]?.arrayValue?.last?["action"], "approve")
        XCTAssertEqual(approved.json["status_history"]?.arrayValue?.last?["actor"]?["user_id"]?.stringValue, approver.userID)
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/orders/\(id)").status, 200)
        XCTAssertEqual(try f.act(approver, "buyer", id, "approve").status, 409, "only from pending_approval")
        XCTAssertEqual(try f.act(f.buyer, "buyer", small["id"]?.stringValue ?? "", "approve").status, 409, "never waited")
    }

    func testRejectReturnsTheStock() throws {
        let f = try OrderFixture()
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        try setRules(f, [["min_total": OrderFixture.money("50.00", "USD"), "approver_role": "approver"]])
        let product = try f.listing(price: "10.00", stock: 10)
        let order = try f.placeOrder(product, quantity: 6)
        XCTAssertEqual(order["status"], "pending_approval")
        XCTAssertEqual(try f.stock(product), 4)
        let rejected = try f.act(approver, "buyer", order["id"]?.stringValue ?? "", "reject", ["reason": "over budget"])
        XCTAssertEqual(rejected.status, 200, rejected.text)
        XCTAssertEqual(rejected.json["status"], "rejected")
        XCTAssertEqual(rejected.json["status_history"]?.arrayValue?.last?["note"], "over budget")
        XCTAssertEqual(try f.stock(product), 10)
        let again = try f.act(approver, "buyer", order["id"]?.stringValue ?? "", "approve")
        XCTAssertEqual(again.status, 409)
        XCTAssertEqual(again.json["current_status"], "rejected")
        XCTAssertEqual(try f.stock(product), 10, "a second release gives nothing")
    }

    func testRuleInAnotherCurrencyConvertsTheTotal() throws {
        let f = try OrderFixture()
        try f.market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.9")
        try setRules(f, [["min_total": OrderFixture.money("900.00", "EUR"), "approver_role": "admin"]])
        let product = try f.listing(price: "0.01", stock: 200_000)
        XCTAssertEqual(try f.placeOrder(product, quantity: 99_999)["status"], "placed")  // 999.99 USD = 899.99 EUR
        let waiting = try f.placeOrder(product, quantity: 100_000)  // 1000.00 USD = 900.00 EUR
        XCTAssertEqual(waiting["status"], "pending_approval")
        XCTAssertEqual(waiting["approval"]?["required_role"], "admin")
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        XCTAssertEqual(try f.act(approver, "buyer", waiting["id"]?.stringValue ?? "", "approve").status, 403, "this rule needs an admin")
    }
}
