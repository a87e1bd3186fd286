import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

final class FXRateTests: XCTestCase {
    func convert(_ admin: TestMarket.Account, _ amount: String, _ from: String, _ to: String, at: Date? = nil) throws -> TestResponse {
        try admin.client.get("/v1/admin/fx-rates/convert?amount=\(amount)&from=\(from)&to=\(to)"
                             + (at.map { "&at=\(Timestamp.format($0))" } ?? ""))
    }

    func testDirectInverseAndCrossConversionReportTheRateUsed() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let krw = try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1350").json["id"]?.stringValue
        let eur = try market.createFXRate(admin, base: "USD", quote: "EUR", rate: "0.9").json["id"]?.stringValue

        var response = try convert(admin, "100.00", "USD", "KRW")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["converted"], money("135000", "KRW"))
        XCTAssertEqual(response.json["method"]?.stringValue, "direct")
        XCTAssertEqual(response.json["rate"]?.stringValue, "1350")
        XCTAssertEqual(response.json["rate_ids"], .array([.string(krw ?? "")]))

        response = try convert(admin, "135000", "KRW", "USD")
        XCTAssertEqual(response.json["method"]?.stringValue, "inverse")
        XCTAssertEqual(response.json["converted"], money("100.00", "USD"))

        // EUR -> KRW has no stored rate either way: through USD (EUR->USD inverse, USD->KRW direct).
        response = try convert(admin, "90.00", "EUR", "KRW")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["method"]?.stringValue, "cross")
        XCTAssertEqual(response.json["via"]?.stringValue, "USD")
        XCTAssertEqual(response.json["rate_ids"], .array([.string(eur ?? ""), .string(krw ?? "")]))
        XCTAssertEqual(response.json["converted"], money("135000", "KRW"))

        response = try convert(admin, "5.00", "USD", "USD")
        XCTAssertEqual(response.json["method"]?.stringValue, "identity")

        response = try convert(admin, "5.00", "USD", "JPY")
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(response.json["type"]?.stringValue, "/problems/no_fx_rate")

        response = try admin.client.get("/v1/admin/fx-rates/convert?amount=1.234&from=USD&to=XYZ")
        XCTAssertEqual(Set(errorFields(response)), ["query.to", "query.amount"])
    }

    func testHistoryIsKeptAndEachRateAppliesFromItsDate() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let start = market.clock.now()
        let first = try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1350").json["id"]?.stringValue ?? ""
        let tomorrow = start.addingTimeInterval(86_400)
        let second = try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1400.125", effectiveFrom: tomorrow)
        XCTAssertEqual(second.json["status"]?.stringValue, "scheduled")
        let secondID = second.json["id"]?.stringValue ?? ""
        try market.createFXRate(admin, base: "EUR", quote: "KRW", rate: "1500")

        XCTAssertEqual(try convert(admin, "1.00", "USD", "KRW").json["converted"], money("1350", "KRW"))
        XCTAssertEqual(try convert(admin, "1.00", "USD", "KRW", at: tomorrow).json["converted"], money("1400", "KRW"))
        XCTAssertEqual(try convert(admin, "2.00", "USD", "KRW", at: tomorrow).json["converted"], money("2800", "KRW"))
        // Before any rate existed there is nothing to convert with.
        XCTAssertEqual(try convert(admin, "1.00", "USD", "KRW", at: start.addingTimeInterval(-60)).status, 422)

        let list = try admin.client.get("/v1/admin/fx-rates?base=USD&quote=KRW")
        XCTAssertEqual(list.status, 200, list.text)
        let rows = list.json["data"]?.arrayValue ?? []
        XCTAssertEqual(rows.compactMap { $0["id"]?.stringValue }, [first, secondID])
        XCTAssertEqual(rows.compactMap { $0["status"]?.stringValue }, ["in_force", "scheduled"])
        XCTAssertEqual(rows.last?["rate"]?.stringValue, "1400.125")

        let later = try admin.client.get("/v1/admin/fx-rates?base=USD&at=\(Timestamp.format(tomorrow))")
        XCTAssertEqual(later.json["data"]?.arrayValue?.compactMap { $0["status"]?.stringValue }, ["superseded", "in_force"])
        XCTAssertEqual(try admin.client.get("/v1/admin/fx-rates").json["data"]?.arrayValue?.count, 3)

        let audit = try market.auditEntries(admin, entityID: secondID)
        XCTAssertEqual(audit.first?["action"]?.stringValue, "fx_rate.created")
        XCTAssertEqual(audit.first?["after"]?["rate"]?.stringValue, "1400.125")
    }

    func testInvalidRatesAreRefused() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        func fields(_ body: JSON) throws -> Set<String> {
            let response = try admin.client.post("/v1/admin/fx-rates", json: body)
            XCTAssertEqual(response.status, 422, response.text)
            return Set(errorFields(response))
        }
        XCTAssertEqual(try fields(["base": "USD", "quote": "USD", "rate": "1"]), ["quote"])
        XCTAssertEqual(try fields(["base": "USD", "quote": "KRW", "rate": "0"]), ["rate"])
        XCTAssertEqual(try fields(["base": "USD", "quote": "KRW", "rate": "-3"]), ["rate"])
        XCTAssertEqual(try fields(["base": "USD", "quote": "KRW", "rate": "1.12345678901"]), ["rate"])
        XCTAssertEqual(try fields(["base": "usd", "quote": "ZZZ", "rate": 1350]), ["base", "quote", "rate"])
        XCTAssertEqual(try fields(["base": "USD", "quote": "KRW", "rate": "1350", "effective_from": "2026-13-01"]),
                       ["effective_from"])
        XCTAssertEqual(try admin.client.get("/v1/admin/fx-rates").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(errorFields(try admin.client.get("/v1/admin/fx-rates?base=dollars")), ["query.base"])
    }
}
