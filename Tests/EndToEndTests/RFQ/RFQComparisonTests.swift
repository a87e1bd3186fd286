import Foundation
import MarketCore
import Web
import XCTest

final class RFQComparisonTests: XCTestCase {
    /// A EUR quote and a KRW quote on a USD RFQ, compared in GBP (cross rates through USD) and in the RFQ's USD.
    func testTwoCurrenciesComparedInAThird() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        try market.createFXRate(admin, base: "USD", quote: "EUR", rate: "0.9")
        try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1350")
        try market.createFXRate(admin, base: "USD", quote: "GBP", rate: "0.8")
        let european = try market.supplier(declaring: [bolts])
        let korean = try market.supplier(declaring: [bolts])
        let buyer = try market.signUp(.buyer)
        let rfq = try market.createRFQ(buyer, market.rfqBody(categoryID: bolts, quantities: [100], broadcast: true))
        let id = rfq["id"]?.stringValue ?? ""
        let item = itemIDs(rfq)[0]
        let eur = try market.quote(european, rfq: id, currency: "EUR", prices: [(item, "9.00")], lead: 12)
        let krw = try market.quote(korean, rfq: id, currency: "KRW", prices: [(item, "12000")], lead: 20)
        XCTAssertEqual(eur.status, 201, eur.text)
        XCTAssertEqual(krw.status, 201, krw.text)
        try market.app.services.database.write { db in
            try db.execute("UPDATE supplier_scorecards SET bayesian_rating_milli = 4700 WHERE supplier_id = ?",
                           [.text(european.organizationID)])
        }

        var response = try buyer.client.get("/v1/buyer/rfqs/\(id)/quotes?currency=GBP")
        XCTAssertEqual(response.status, 200, response.text)
        var quotes = response.json["data"]?.arrayValue ?? []
        // 12,000 KRW × 0.8/1350 = 7.111111 GBP a piece → 711.11; 9.00 EUR × 0.8/0.9 = 8.000000 → 800.00.
        XCTAssertEqual(quotes.map { $0["quote_id"] }, [krw.json["id"], eur.json["id"]])
        XCTAssertEqual(quotes.map { $0["converted_total"] }, [money("711.11", "GBP"), money("800.00", "GBP")])
        XCTAssertEqual(quotes[0]["total"], money("1200000", "KRW"))
        XCTAssertEqual(quotes[0]["fx"]?["method"]?.stringValue, "cross")
        XCTAssertEqual(quotes[0]["fx"]?["via"]?.stringValue, "USD")
        XCTAssertEqual(quotes[0]["lines"]?.arrayValue?.first?["converted_unit_price"]?.stringValue, "7.111111")
        XCTAssertEqual(quotes[1]["lines"]?.arrayValue?.first?["converted_line_total"], money("800.00", "GBP"))
        XCTAssertEqual(quotes[0]["longest_lead_time_days"], .int(20))
        XCTAssertEqual(response.json["currency"]?.stringValue, "GBP")
        XCTAssertEqual(response.json["best_per_item"]?.arrayValue?.first?["quote_id"], krw.json["id"])
        // Scorecard fields: null when there is no data, never a misleading zero.
        let card = quotes[1]["supplier"]
        XCTAssertEqual(card?["id"]?.stringValue, european.organizationID)
        XCTAssertEqual(card?["rating"]?.stringValue, "4.700")
        XCTAssertEqual(card?["on_time_delivery_rate"], .null)
        XCTAssertEqual(card?["rfq_response_rate"]?.stringValue, "1.000")
        XCTAssertEqual(quotes[0]["supplier"]?["rating"], .null)

        // In the RFQ's own currency by default: 888.89 USD (12,000 / 1,350 = 8.888889) and 1,000.00 USD.
        response = try buyer.client.get("/v1/buyer/rfqs/\(id)/quotes")
        quotes = response.json["data"]?.arrayValue ?? []
        XCTAssertEqual(quotes.map { $0["converted_total"] }, [money("888.89", "USD"), money("1000.00", "USD")])
        XCTAssertEqual(quotes[1]["fx"]?["method"]?.stringValue, "inverse")

        // A currency with no rate: the quotes are listed after, unconverted; a junk code is a 422.
        response = try buyer.client.get("/v1/buyer/rfqs/\(id)/quotes?currency=JPY")
        XCTAssertEqual(response.json["data"]?.arrayValue?.map { $0["converted_total"] }, [.null, .null])
        XCTAssertEqual(try buyer.client.get("/v1/buyer/rfqs/\(id)/quotes?currency=XYZW").status, 422)
    }

    /// A sealed RFQ shows the buyer no quote (and cannot be awarded) before respond_by; expired quotes never show.
    func testSealedUntilTheDeadline() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        let steady = try market.supplier(declaring: [bolts])
        let brief = try market.supplier(declaring: [bolts])
        let buyer = try market.signUp(.buyer)
        let rfq = try market.createRFQ(buyer, market.rfqBody(categoryID: bolts, broadcast: true, sealed: true,
                                                             openSeconds: 3600))
        let id = rfq["id"]?.stringValue ?? ""
        let item = itemIDs(rfq)[0]
        let kept = try market.quote(steady, rfq: id, prices: [(item, "1.00")], validForSeconds: 10 * 86_400)
        let expiring = try market.quote(brief, rfq: id, prices: [(item, "0.90")], validForSeconds: 3 * 3600)
        XCTAssertEqual(kept.status, 201)
        XCTAssertEqual(expiring.status, 201)

        var response = try buyer.client.get("/v1/buyer/rfqs/\(id)/quotes")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.json["data"], .array([]))
        XCTAssertEqual(response.json["sealed_until"], rfq["respond_by"])
        XCTAssertEqual(try buyer.client.get("/v1/buyer/rfqs/\(id)").json["sealed_until"], rfq["respond_by"])
        let award = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: ["quote_id": kept.json["id"] ?? .null])
        XCTAssertEqual(award.status, 409)
        XCTAssertEqual(award.json["type"]?.stringValue.map { $0.hasSuffix("rfq_sealed") }, true)

        // Login tokens live 12 hours, so the test's deadlines are hours, not days.
        market.clock.advance(seconds: 3600)
        response = try buyer.client.get("/v1/buyer/rfqs/\(id)/quotes")
        XCTAssertEqual(response.json["sealed_until"], .null)
        XCTAssertEqual(response.json["data"]?.arrayValue?.map { $0["quote_id"] }, [expiring.json["id"], kept.json["id"]])

        // Two hours on, the cheaper quote has expired: it is neither shown nor awardable.
        market.clock.advance(seconds: 2 * 3600)
        response = try buyer.client.get("/v1/buyer/rfqs/\(id)/quotes")
        XCTAssertEqual(response.json["data"]?.arrayValue?.map { $0["quote_id"] }, [kept.json["id"]])
        let late = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: ["quote_id": expiring.json["id"] ?? .null])
        XCTAssertEqual(late.status, 409)
        XCTAssertEqual(late.json["type"]?.stringValue.map { $0.hasSuffix("quote_expired") }, true)
    }
}
