import Foundation
import MarketCore
import Web
import XCTest

/// The 201 of a checkout is built from the rows the checkout wrote, not read back (`OrderView.placed`):
/// every order in it must be exactly what `GET /v1/buyer/orders/{id}` answers for that order.
final class CheckoutAnswerTests: XCTestCase {
    /// Each order of the answer equals the order read back, as JSON and byte for byte once serialized.
    private func assertAnswerEqualsReadBack(_ response: TestResponse, buyer: TestMarket.Account, expectedOrders: Int,
                                            file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        let orders = response.json["orders"]?.arrayValue ?? []
        XCTAssertEqual(orders.count, expectedOrders, file: file, line: line)
        for order in orders {
            let id = order["id"]?.stringValue ?? ""
            let read = try buyer.client.get("/v1/buyer/orders/\(id)")
            XCTAssertEqual(read.status, 200, read.text, file: file, line: line)
            XCTAssertEqual(order, read.json, "order \(id)", file: file, line: line)
            XCTAssertEqual(JSONSerializer.string(order), JSONSerializer.string(read.json), "order \(id)", file: file, line: line)
        }
    }

    func testCartCheckoutAnswerIsTheOrderAsReadBack() throws {
        let f = try OrderFixture()
        let market = f.market
        let bolts = try market.createCategory(f.admin, en: "Bolts", ko: "볼트")
        try market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.92")
        try market.createFeeRule(f.admin, ["scope": "default", "percent": "8.5", "fixed_fee": money("0.30", "USD")])
        try market.createFeeRule(f.admin, ["scope": "category", "category_id": .string(bolts), "percent": "6.25"])
        let euro = try market.activeSupplier(name: "Euro Supplier", currency: "EUR")
        let third = try market.activeSupplier(name: "Third Supplier")
        // Converted (EUR → USD) with a tier; in the order currency with a category rule; no category at all.
        let converted = try f.listing(euro, price: "1.2575", currency: "EUR", stock: 1000, tiers: [(100, "1.10")], category: bolts)
        let plain = try f.listing(price: "10.00", stock: 100, category: bolts, leadTime: 9)
        let other = try f.listing(third, price: "3.333333", stock: 10)
        // Orders of 600.00 USD or more wait for an approver: one order of this checkout does, the others not.
        let rules = try f.buyer.client.put("/v1/buyer/approval-rules", json: [["min_total": money("600.00", "USD")]])
        XCTAssertEqual(rules.status, 200, rules.text)
        try f.allowCredit(["prepaid", "net_30"], limit: money("5000.00", "USD"))

        let response = try f.checkout([(converted, 120), (plain, 70), (other, 3)], terms: "net_30", po: "PO-2026-17")
        try assertAnswerEqualsReadBack(response, buyer: f.buyer, expectedOrders: 3)
        let statuses = Set((response.json["orders"]?.arrayValue ?? []).compactMap { $0["status"]?.stringValue })
        XCTAssertEqual(statuses, ["placed", "pending_approval"])

        // Prepaid, one supplier, nothing converted.
        try assertAnswerEqualsReadBack(try f.checkout([(plain, 1)]), buyer: f.buyer, expectedOrders: 1)
        // A second user of the buyer places one: the history names that user.
        let purchaser = try market.addUser(to: f.buyer, roles: [.purchaser])
        try assertAnswerEqualsReadBack(try f.checkout([(other, 1)], by: purchaser), buyer: purchaser, expectedOrders: 1)
    }

    func testRFQAwardAnswerIsTheOrderAsReadBack() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        try market.createFeeRule(admin, ["scope": "default", "percent": "10"])
        try market.createFXRate(admin, base: "USD", quote: "EUR", rate: "0.8")
        let alpha = try market.supplier(declaring: [bolts], payoutCurrency: "EUR")
        let beta = try market.supplier(declaring: [bolts])
        let buyer = try market.signUp(.buyer)
        let rfq = try market.createRFQ(buyer, market.rfqBody(categoryID: bolts, quantities: [1000, 200], broadcast: true))
        let id = rfq["id"]?.stringValue ?? ""
        let items = itemIDs(rfq)
        // Quoted items (no listing): titles from the RFQ, a shipping charge, one quote in EUR.
        let a = try market.quote(alpha, rfq: id, currency: "EUR", prices: [(items[0], "0.40"), (items[1], "3.00")], lead: 14,
                                 shipping: money("25.00", "EUR"))
        let b = try market.quote(beta, rfq: id, prices: [(items[0], "0.45"), (items[1], "2.50")], lead: 7)
        XCTAssertEqual(a.status, 201, a.text)
        XCTAssertEqual(b.status, 201, b.text)
        let response = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: [
            "awards": [["item_id": .string(items[0]), "quote_id": a.json["id"] ?? .null],
                       ["item_id": .string(items[1]), "quote_id": b.json["id"] ?? .null]],
            "po_number": "PO-7781",
        ])
        try assertAnswerEqualsReadBack(response, buyer: buyer, expectedOrders: 2)
    }
}
