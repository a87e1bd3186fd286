import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Settlement across minor units: 0-decimal currencies (JPY → KRW), a 3-decimal one (KWD, with a
/// half-to-even tie), and an order that locked no payout rate.
final class SettlementCurrencyTests: XCTestCase {
    /// 7 × 1,234 JPY = 8,638 JPY, commission 7% = 604.66 → 605 JPY; 3 units returned (3,702 JPY refunded,
    /// 259 JPY commission back); payout in KRW at the locked JPY/KRW 9.1234, each amount rounded on its own.
    func testZeroDecimalCurrencies() throws {
        let f = try OrderFixture(buyerCurrency: "JPY", supplierCurrency: "KRW")
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "7"])
        try f.market.createFXRate(f.admin, base: "JPY", quote: "KRW", rate: "9.1234")
        try f.allowNetTerms(currency: "JPY")
        let product = try f.listing(price: "1234", currency: "JPY", stock: 100)
        let order = try f.deliveredOrder(product, quantity: 7, currency: "JPY")
        XCTAssertEqual(order["total"], money("8638", "JPY"))
        XCTAssertEqual(order["commission"]?["total"], money("605", "JPY"))
        let returned = try f.returnUnits(order, quantity: 3)
        XCTAssertEqual(returned["refund"], money("3702", "JPY"))
        try f.market.createFXRate(f.admin, base: "JPY", quote: "KRW", rate: "10")

        let statement = try f.settleIssuing().first ?? .null
        XCTAssertEqual(statement["currency"], "KRW")
        XCTAssertEqual(statement["gross"], money("78808", "KRW"))             // 78,807.9292
        XCTAssertEqual(statement["commission"], money("5520", "KRW"))         // 5,519.657
        XCTAssertEqual(statement["refunds"], money("33775", "KRW"))           // 33,774.8268
        XCTAssertEqual(statement["commission_reversed"], money("2363", "KRW"))  // 2,362.9606
        XCTAssertEqual(statement["net"], money("41876", "KRW"))
        let supplier = f.supplier.organizationID
        XCTAssertEqual(try f.balance("supplier_payout_due:\(supplier):KRW"), money("41876", "KRW"))
        XCTAssertEqual(try f.balance("supplier_payable:\(supplier):JPY"), money("0", "JPY"))
        // What left the supplier's JPY payable: 8,638 − 605 − 3,702 + 259.
        XCTAssertEqual(try f.ledger().accounts["fx_clearing:JPY"]?["credits"], money("4590", "JPY"))
        try f.assertLedgerBalanced()
    }

    /// 1,000.00 USD at USD/KWD 0.30715: gross 307.150 KWD; commission 70.00 USD is 21,500.5 fils, a tie,
    /// rounded half-to-even to 21.500 KWD; net 285.650 KWD.
    func testThreeDecimalCurrencyRoundsTiesToEven() throws {
        let f = try OrderFixture(buyerCurrency: "USD", supplierCurrency: "KWD")
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "7"])
        try f.market.createFXRate(f.admin, base: "USD", quote: "KWD", rate: "0.30715")
        try f.allowNetTerms()
        let product = try f.listing(price: "10.00", currency: "USD", stock: 1000)
        _ = try f.deliveredOrder(product, quantity: 100, currency: "USD")
        let statement = try f.settleIssuing().first ?? .null
        XCTAssertEqual(statement["gross"], money("307.150", "KWD"))
        XCTAssertEqual(statement["commission"], money("21.500", "KWD"))
        XCTAssertEqual(statement["net"], money("285.650", "KWD"))
        let csv = try f.admin.client.get("/v1/admin/settlements/\(statement["id"]?.stringValue ?? "")", headers: ["Accept": "text/csv"]).text
        XCTAssertTrue(csv.contains(",KWD,307.150,21.500,0.000,0.000,285.650\r\n"), csv)
        try f.assertLedgerBalanced()
    }

    /// No USD→CHF rate when the order was placed: the order locked none, so the run converts it at the
    /// rate in force then, records it on the line, and waits while there is none.
    func testOrderWithoutALockedRateUsesTheRateAtSettlement() throws {
        let f = try OrderFixture(buyerCurrency: "USD", supplierCurrency: "CHF")
        try f.allowNetTerms()
        let product = try f.listing(price: "10.00", currency: "USD", stock: 100)
        let order = try f.deliveredOrder(product, quantity: 3, currency: "USD")
        var response = try f.settle()
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["waiting_orders"]?["count"], 1)
        XCTAssertEqual(response.json["waiting_orders"]?["sample"], [.optional(order["id"]?.stringValue)])

        try f.market.createFXRate(f.admin, base: "USD", quote: "CHF", rate: "0.8825")
        response = try f.settle()
        XCTAssertEqual(response.status, 201, response.text)
        let statement = response.json["settlements"]?[at: 0] ?? .null
        XCTAssertEqual(statement["net"], money("26.48", "CHF"))   // 30.00 × 0.8825 = 26.475 → 26.48 (half-even: 8 is even)
        let line = try f.admin.client.get("/v1/admin/settlements/\(statement["id"]?.stringValue ?? "")").json["lines"]?[at: 0]
        XCTAssertEqual(line?["rate_method"], "at_settlement")
        XCTAssertEqual(line?["rate"], "0.8825")
        try f.assertLedgerBalanced()
    }
}
