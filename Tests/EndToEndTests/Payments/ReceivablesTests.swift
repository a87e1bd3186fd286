import Foundation
import MarketCore
import Web
import XCTest

/// `GET /v1/admin/receivables`: open invoices per buyer in aging buckets, on the injected clock, converted
/// into the requested currency; and the ledger still balanced after payments, refunds and returns.
final class ReceivablesTests: XCTestCase {
    static let day: TimeInterval = 86_400

    func testAgingBucketsFollowTheInjectedClockAndConvertAtCurrentRates() throws {
        let f = try OrderFixture(market: TestMarket.withLongSessions())
        let clock = f.market.clock
        let start = clock.now()
        try f.market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.9")
        try f.allowNetTerms()
        let other = try f.market.signUp(.buyer, name: "Other Buyer")
        let credit = try f.admin.client.put("/v1/admin/buyers/\(other.organizationID)/credit",
                                            json: ["payment_terms": ["net_60"], "credit_limit": OrderFixture.money("100000.00", "USD")])
        XCTAssertEqual(credit.status, 200, credit.text)
        let product = try f.listing(price: "10.00", stock: 1000)

        // Day 0: 100 USD on net 30 (mine), 90 EUR on net 60 (other's). Day 50: 50 USD on net 30 (mine).
        let first = try f.deliveredNetTermsOrder(product, quantity: 10)
        let placed = try f.checkout([(product, 10)], by: other, currency: "EUR", terms: "net_60")
        XCTAssertEqual(placed.status, 201, placed.text)
        let otherOrder = placed.json["orders"]?[at: 0]?["id"]?.stringValue ?? ""
        try f.fulfil(otherOrder)
        clock.advance(seconds: 50 * Self.day)
        _ = try f.deliveredNetTermsOrder(product, quantity: 5)
        clock.advance(seconds: 25 * Self.day)  // day 75
        XCTAssertEqual(try f.pay(order: first, "40.00").status, 201)

        var report = try f.admin.client.get("/v1/admin/receivables")
        XCTAssertEqual(report.status, 200, report.text)
        XCTAssertEqual(report.json["currency"], "USD", "the base currency by default")
        XCTAssertEqual(report.json["as_of"]?.stringValue, Timestamp.format(clock.now()))
        var mine = buyer(report.json, f.buyer.organizationID)
        XCTAssertEqual(mine?["buckets"]?["current"], OrderFixture.money("50.00", "USD"), "due on day 80")
        XCTAssertEqual(mine?["buckets"]?["days_31_60"], OrderFixture.money("60.00", "USD"), "due on day 30: 45 days late, 40 paid")
        XCTAssertEqual(mine?["total"], OrderFixture.money("110.00", "USD"))
        XCTAssertEqual(mine?["invoices"]?[at: 0]?["days_overdue"], 45)
        let theirs = buyer(report.json, other.organizationID)
        XCTAssertEqual(theirs?["buckets"]?["days_1_30"], OrderFixture.money("100.00", "USD"), "90 EUR due on day 60")
        XCTAssertEqual(theirs?["invoices"]?[at: 0]?["amount_due"], OrderFixture.money("90.00", "EUR"))
        XCTAssertEqual(report.json["totals"]?["total"], OrderFixture.money("210.00", "USD"))
        XCTAssertEqual(report.json["totals"]?["buckets"]?["days_61_90"], OrderFixture.money("0.00", "USD"))

        // In EUR, at today's rate.
        report = try f.admin.client.get("/v1/admin/receivables?currency=EUR")
        mine = buyer(report.json, f.buyer.organizationID)
        XCTAssertEqual(mine?["buckets"]?["days_31_60"], OrderFixture.money("54.00", "EUR"))
        XCTAssertEqual(report.json["totals"]?["total"], OrderFixture.money("189.00", "EUR"))

        // As the book stood on day 40: the second invoice did not exist, nothing was paid.
        let dayForty = Timestamp.format(start.addingTimeInterval(40 * Self.day))
        report = try f.admin.client.get("/v1/admin/receivables?as_of=\(dayForty)")
        mine = buyer(report.json, f.buyer.organizationID)
        XCTAssertEqual(mine?["buckets"]?["days_1_30"], OrderFixture.money("100.00", "USD"))
        XCTAssertEqual(mine?["invoice_count"], 1)
        XCTAssertEqual(buyer(report.json, other.organizationID)?["buckets"]?["current"], OrderFixture.money("100.00", "USD"))

        // Day 200: everything unpaid is over 90 days late; a paid invoice leaves the report.
        clock.set(start.addingTimeInterval(200 * Self.day))
        XCTAssertEqual(try f.pay(order: otherOrder, "90.00", "EUR").status, 201)
        report = try f.admin.client.get("/v1/admin/receivables")
        XCTAssertNil(buyer(report.json, other.organizationID))
        XCTAssertEqual(report.json["totals"]?["buckets"]?["days_90_plus"], OrderFixture.money("110.00", "USD"))
        XCTAssertEqual(try f.admin.client.get("/v1/admin/receivables?currency=XYZ").status, 422)
        XCTAssertEqual(try f.admin.client.get("/v1/admin/receivables?as_of=yesterday").status, 422)
        XCTAssertEqual(try f.buyer.client.get("/v1/admin/receivables").status, 403)
        try f.assertLedgerBalanced()
    }

    func testTheLedgerBalancesAfterPaymentsCallbacksRefundsAndReturns() throws {
        let f = try OrderFixture(market: TestMarket.withPaymentProvider())
        try f.allowNetTerms()
        try f.market.createFXRate(f.admin, base: "USD", quote: "KRW", rate: "1350")
        let product = try f.listing(price: "7.33", stock: 1000)
        // Prepaid in KRW through the provider, shipped, delivered, partly returned (refund to the card).
        let krw = try f.placeOrder(product, quantity: 9, currency: "KRW")
        let krwID = krw["id"]?.stringValue ?? ""
        let due = krw["amount_due"]?["amount"]?.stringValue ?? ""
        XCTAssertEqual(try f.callback(["order_id": .string(krwID), "amount": OrderFixture.money(due, "KRW"), "status": "succeeded",
                                       "reference": "pi_krw"]).status, 200)
        try f.fulfil(krwID)
        try f.returnUnits(try f.supplier.client.get("/v1/seller/orders/\(krwID)").json, quantity: 4)
        // Net terms in USD, paid in three parts, one return, settled.
        let usd = try f.deliveredNetTermsOrder(product, quantity: 11)
        for amount in ["10.00", "20.63", "30.00"] { XCTAssertEqual(try f.pay(order: usd, amount).status, 201) }
        try f.returnUnits(try f.supplier.client.get("/v1/seller/orders/\(usd)").json, quantity: 1)
        _ = try f.settle()

        let ledger = try f.ledger()
        XCTAssertTrue(ledger.balanced, "\(ledger.totals)")
        XCTAssertEqual(Set(ledger.totals.compactMap { $0["currency"]?.stringValue }), ["KRW", "USD"])
        try f.assertLedgerBalanced()
        // What the buyer still owes in the ledger is what the order says is due.
        XCTAssertEqual(try f.balance("buyer_receivable:\(f.buyer.organizationID):USD"), try f.buyerOrder(usd)["amount_due"])
        XCTAssertEqual(try f.balance("buyer_receivable:\(f.buyer.organizationID):KRW"), OrderFixture.money("0", "KRW"))
    }

    private func buyer(_ report: JSON, _ id: String) -> JSON? {
        report["buyers"]?.arrayValue?.first { $0["buyer"]?["id"]?.stringValue == id }
    }
}
