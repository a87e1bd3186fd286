import Foundation
import MarketCore
import Web
import XCTest

/// Net terms: allowed per buyer by the operator, bounded by the credit limit, invoiced on delivery.
final class CreditTests: XCTestCase {
    func testNetTermsOrdersCountAgainstTheCreditLimit() throws {
        let f = try OrderFixture()
        try f.allowCredit(["net_30"], limit: OrderFixture.money("1000.00", "USD"))
        let product = try f.listing(price: "100.00", stock: 100)
        let first = try f.placeOrder(product, quantity: 6, terms: "net_30")
        XCTAssertEqual(first["credit_held"], OrderFixture.money("600.00", "USD"))

        let beyond = try f.checkout([(product, 5)], terms: "net_30")
        XCTAssertEqual(beyond.status, 422, beyond.text)
        XCTAssertEqual(beyond.json["type"]?.stringValue?.hasSuffix("credit_limit_exceeded"), true)
        XCTAssertEqual(beyond.json["credit_available"], OrderFixture.money("400.00", "USD"))
        XCTAssertEqual(try f.stock(product), 94, "nothing reserved for the refused order")

        XCTAssertEqual(try f.checkout([(product, 5)]).status, 201, "prepaid orders use no credit")
        XCTAssertEqual(try f.checkout([(product, 4)], terms: "net_30").status, 201, "exactly the open credit")
        XCTAssertEqual(try f.checkout([(product, 1)], terms: "net_30").status, 422)

        // Cancelling frees the credit.
        XCTAssertEqual(try f.act(f.buyer, "buyer", first["id"]?.stringValue ?? "", "cancel").status, 200)
        XCTAssertEqual(try f.checkout([(product, 6)], terms: "net_30").status, 201)
    }

    func testCreditInAnotherCurrency() throws {
        let f = try OrderFixture()
        try f.market.createFXRate(f.admin, base: "USD", quote: "KRW", rate: "1350")
        try f.allowCredit(["net_60"], limit: OrderFixture.money("1350000", "KRW"))
        let product = try f.listing(price: "250.00", stock: 100)
        let order = try f.placeOrder(product, quantity: 4, terms: "net_60")  // 1000 USD = 1,350,000 KRW
        XCTAssertEqual(order["credit_held"], OrderFixture.money("1350000", "KRW"))
        XCTAssertEqual(try f.checkout([(product, 1)], terms: "net_60").status, 422)
    }

    func testNetTermsInvoicesAreNumberedWithoutGapsAndDueAfterDelivery() throws {
        let f = try OrderFixture()
        try f.allowCredit(["prepaid", "net_30", "net_60"], limit: OrderFixture.money("100000.00", "USD"))
        let product = try f.listing(price: "10.00", stock: 100)
        let prepaid = try f.placeOrder(product, quantity: 1)
        let net30 = try f.placeOrder(product, quantity: 2, terms: "net_30")
        let net60 = try f.placeOrder(product, quantity: 3, terms: "net_60")
        // A failed delivery (illegal transition) never takes a number.
        XCTAssertEqual(try f.act(f.supplier, "seller", net60["id"]?.stringValue ?? "", "deliver").status, 409)
        for order in [prepaid, net60, net30] { try f.fulfil(order["id"]?.stringValue ?? "") }

        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders/\(prepaid["id"]?.stringValue ?? "")").json["invoice"], .null)
        let sixty = try f.buyer.client.get("/v1/buyer/orders/\(net60["id"]?.stringValue ?? "")").json
        let thirty = try f.buyer.client.get("/v1/buyer/orders/\(net30["id"]?.stringValue ?? "")").json
        XCTAssertEqual(sixty["invoice"]?["number"], "INV-00000001")
        XCTAssertEqual(thirty["invoice"]?["number"], "INV-00000002")
        XCTAssertEqual(thirty["invoice"]?["amount_due"], OrderFixture.money("20.00", "USD"))
        XCTAssertEqual(thirty["invoice"]?["status"], "open")
        let delivered = Timestamp.parse(thirty["delivered_at"]?.stringValue ?? "")
        let due = Timestamp.parse(thirty["invoice"]?["due_at"]?.stringValue ?? "")
        XCTAssertEqual(due.flatMap { d in delivered.map { d.timeIntervalSince($0) } }, 30 * 86_400)
        let sixtyDue = Timestamp.parse(sixty["invoice"]?["due_at"]?.stringValue ?? "")
        let sixtyDelivered = Timestamp.parse(sixty["delivered_at"]?.stringValue ?? "")
        XCTAssertEqual(sixtyDue.flatMap { d in sixtyDelivered.map { d.timeIntervalSince($0) } }, 60 * 86_400)
    }
}
