import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// `GET /v1/admin/kpis`: placed, not-cancelled orders in the window, converted at the rates in force now.
final class KPITests: XCTestCase {
    func testFiguresInARequestedCurrency() throws {
        let f = try OrderFixture(buyerCurrency: "USD")
        let market = f.market
        try market.createFeeRule(f.admin, ["scope": "default", "percent": "10"])
        try market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.9")
        let start = market.clock.now()
        let usd = try f.listing(price: "10.00", currency: "USD", stock: 1000)
        let eur = try f.listing(price: "9.00", currency: "EUR", stock: 1000)

        _ = try f.placeOrder(usd, quantity: 10)                       // 100.00 USD, commission 10.00
        _ = try f.placeOrder(usd, quantity: 5)                        //  50.00 USD, commission  5.00
        let cancelled = try f.placeOrder(usd, quantity: 7)
        XCTAssertEqual(try f.act(f.buyer, "buyer", cancelled["id"]?.stringValue ?? "", "cancel").status, 200)
        let other = try market.signUp(.buyer, currency: "EUR")
        _ = try f.placeOrders([(eur, 10)], currency: "EUR", by: other)   // 90.00 EUR, commission 9.00 EUR

        // Two RFQs, one awarded (its order: 10 × 5.00 USD).
        let category = try market.createCategory(f.admin, en: "Bolts", ko: "볼트")
        let quoting = try market.supplier(declaring: [category])
        let awarded = try market.createRFQ(f.buyer, market.rfqBody(categoryID: category, quantities: [10], invite: [quoting.organizationID]))
        _ = try market.createRFQ(f.buyer, market.rfqBody(categoryID: category, invite: [quoting.organizationID]))
        let rfqID = awarded["id"]?.stringValue ?? ""
        let quote = try market.quote(quoting, rfq: rfqID, prices: [(itemIDs(awarded).first ?? "", "5.00")])
        XCTAssertEqual(quote.status, 201, quote.text)
        let award = try f.buyer.client.post("/v1/buyer/rfqs/\(rfqID)/award", json: ["quote_id": quote.json["id"] ?? .null])
        XCTAssertEqual(award.status, 201, award.text)

        // Rates move after the orders: the report uses today's (EUR→USD = 1 / 0.8 = 1.25).
        try market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.8")
        market.clock.advance(seconds: 1)

        let response = try f.admin.client.get("/v1/admin/kpis?currency=USD")
        XCTAssertEqual(response.status, 200, response.text)
        let kpis = response.json
        XCTAssertEqual(kpis["orders"], 4)
        XCTAssertEqual(kpis["gmv"], money("312.50", "USD"))            // 100 + 50 + 50 + 90 × 1.25
        XCTAssertEqual(kpis["average_order_value"], money("78.12", "USD"))  // 78.125, half-to-even
        XCTAssertEqual(kpis["commission"], money("31.25", "USD"))
        XCTAssertEqual(kpis["take_rate"], "0.1000")
        XCTAssertEqual(kpis["active_buyers"], 2)
        XCTAssertEqual(kpis["active_sellers"], 2)
        XCTAssertEqual(kpis["repeat_buyer_rate"], "0.5000")
        XCTAssertEqual(kpis["rfqs"], 2)
        XCTAssertEqual(kpis["rfq_award_rate"], "0.5000")
        let series = kpis["series"]?.arrayValue ?? []
        XCTAssertEqual(series.count, 31)
        let today = series.first { $0["date"]?.stringValue == Timestamp.day(start) }
        XCTAssertEqual(today?["gmv"], money("312.50", "USD"))
        XCTAssertEqual(today?["orders"], 4)

        // In EUR: each day's sums per order currency converted once (312.50 USD would not be exact here).
        let inEUR = try f.admin.client.get("/v1/admin/kpis?currency=EUR&from=\(Timestamp.day(start))&to=\(Timestamp.day(start))").json
        XCTAssertEqual(inEUR["gmv"], money("250.00", "EUR"))           // 200.00 USD × 0.8 + 90.00
        XCTAssertEqual(inEUR["series"]?.arrayValue?.count, 1)

        // An empty window, a currency without rates, bad input.
        let empty = try f.admin.client.get("/v1/admin/kpis?from=2020-01-01&to=2020-01-31").json
        XCTAssertEqual(empty["orders"], 0)
        XCTAssertEqual(empty["take_rate"], "0.0000")
        let noRate = try f.admin.client.get("/v1/admin/kpis?currency=CHF").json
        XCTAssertEqual(noRate["orders"], 4)
        XCTAssertEqual(noRate["notes"]?.arrayValue?.count, 2, "USD and EUR cannot be converted to CHF")
        XCTAssertEqual(try f.admin.client.get("/v1/admin/kpis?currency=XYZ").status, 422)
        XCTAssertEqual(try f.admin.client.get("/v1/admin/kpis?from=2026-10-30&to=2026-10-01").status, 422)
        XCTAssertEqual(try f.admin.client.get("/v1/admin/kpis?from=2020-01-01&to=2026-01-01").status, 422)
        XCTAssertEqual(try f.buyer.client.get("/v1/admin/kpis").status, 403)
    }
}
