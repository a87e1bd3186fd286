import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Settlement runs through the API: the worked example of issue 8, returns before and after settlement,
/// payouts, idempotency, CSV and the supplier's view.
final class SettlementTests: XCTestCase {
    /// 100 units at 9.00 EUR bought in USD at USD/EUR 0.9 (1,000.00 USD), 7% commission, delivered; the rate
    /// then changes to 0.8; settled → 900.00 EUR gross, 63.00 EUR commission, 837.00 EUR net.
    func testWorkedExampleSettlesAtTheRateTheOrderLocked() throws {
        let f = try OrderFixture(buyerCurrency: "USD", supplierCurrency: "EUR")
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "7"])
        try f.market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.9")
        try f.allowNetTerms()
        let product = try f.listing(price: "9.00", currency: "EUR", stock: 1000)
        let order = try f.deliveredOrder(product, quantity: 100, currency: "USD")
        let orderID = order["id"]?.stringValue ?? ""
        XCTAssertEqual(order["total"], money("1000.00", "USD"))
        XCTAssertEqual(order["commission"]?["total"], money("70.00", "USD"))

        // Delivery posted in the order currency.
        let buyer = f.buyer.organizationID, supplier = f.supplier.organizationID
        XCTAssertEqual(try f.balance("buyer_receivable:\(buyer):USD"), money("1000.00", "USD"))
        XCTAssertEqual(try f.balance("supplier_payable:\(supplier):USD"), money("930.00", "USD"))
        XCTAssertEqual(try f.balance("commission_revenue:USD"), money("70.00", "USD"))
        var balance = try f.supplier.client.get("/v1/seller/balance").json
        XCTAssertEqual(balance["balances"]?[at: 0]?["earned_not_settled"], money("930.00", "USD"))
        XCTAssertEqual(balance["payout_currency"], "EUR")

        f.market.clock.advance(seconds: 3600)
        try f.market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.8")
        f.market.clock.advance(seconds: 60)

        let response = try f.settle(Timestamp.day(f.market.clock.now()), key: "run-1")
        XCTAssertEqual(response.status, 201, response.text)
        let statements = response.json["settlements"]?.arrayValue ?? []
        XCTAssertEqual(statements.count, 1)
        let statement = statements.first ?? .null
        XCTAssertEqual(statement["supplier_id"]?.stringValue, supplier)
        XCTAssertEqual(statement["currency"], "EUR")
        XCTAssertEqual(statement["gross"], money("900.00", "EUR"))
        XCTAssertEqual(statement["commission"], money("63.00", "EUR"))
        XCTAssertEqual(statement["refunds"], money("0.00", "EUR"))
        XCTAssertEqual(statement["net"], money("837.00", "EUR"))
        XCTAssertEqual(statement["status"], "issued")
        XCTAssertEqual(response.json["period_end"]?.stringValue, Timestamp.format(f.market.clock.now()), "a period never ends after now")
        let id = statement["id"]?.stringValue ?? ""

        // Replays: the same key gives the same answer; a new run finds nothing left.
        let replay = try f.settle(Timestamp.day(f.market.clock.now()), key: "run-1")
        XCTAssertEqual(replay.status, 201)
        XCTAssertEqual(replay.body, response.body)
        let again = try f.settle()
        XCTAssertEqual(again.status, 200, again.text)
        XCTAssertEqual(again.json["settlements"], [])
        XCTAssertEqual(again.json["run_id"], .null)

        let detail = try f.admin.client.get("/v1/admin/settlements/\(id)").json
        let line = detail["lines"]?[at: 0] ?? .null
        XCTAssertEqual(line["order_id"]?.stringValue, orderID)
        XCTAssertEqual(line["kind"], "order")
        XCTAssertEqual(line["rate"], "0.9")
        XCTAssertEqual(line["rate_method"], "locked")
        XCTAssertEqual(line["order_amounts"]?["gross"], money("1000.00", "USD"))
        XCTAssertEqual(line["net"], money("837.00", "EUR"))

        // The conversion went through FX clearing, each currency balanced on its own.
        let ledger = try f.ledger()
        XCTAssertTrue(ledger.balanced)
        XCTAssertEqual(ledger.accounts["supplier_payable:\(supplier):USD"]?["balance"], money("0.00", "USD"))
        XCTAssertEqual(ledger.accounts["fx_clearing:USD"]?["credits"], money("930.00", "USD"))
        XCTAssertEqual(ledger.accounts["fx_clearing:EUR"]?["debits"], money("837.00", "EUR"))
        XCTAssertEqual(ledger.accounts["supplier_payout_due:\(supplier):EUR"]?["balance"], money("837.00", "EUR"))
        try f.assertLedgerBalanced()
        let rate = try f.market.app.services.database.read { db in
            try db.queryOne("SELECT from_currency, from_minor, to_currency, to_minor, rate FROM ledger_conversions")
        }
        XCTAssertEqual(rate?.string("rate"), "0.9")
        XCTAssertEqual(rate?.int64("from_minor"), 93_000)
        XCTAssertEqual(rate?.int64("to_minor"), 83_700)

        balance = try f.supplier.client.get("/v1/seller/balance").json
        let eur = balance["balances"]?.arrayValue?.first { $0["currency"] == "EUR" }
        XCTAssertEqual(eur?["settled_not_paid"], money("837.00", "EUR"))
        XCTAssertEqual(eur?["paid"], money("0.00", "EUR"))

        // Paid once.
        let paid = try f.admin.client.post("/v1/admin/settlements/\(id)/paid", json: ["reference": "WIRE-0042"])
        XCTAssertEqual(paid.status, 200, paid.text)
        XCTAssertEqual(paid.json["status"], "paid")
        XCTAssertEqual(paid.json["payout_reference"], "WIRE-0042")
        let twice = try f.admin.client.post("/v1/admin/settlements/\(id)/paid", json: ["reference": "WIRE-0043"])
        XCTAssertEqual(twice.status, 409, twice.text)
        XCTAssertEqual(twice.json["payout_reference"], "WIRE-0042")
        XCTAssertEqual(try f.admin.client.post("/v1/admin/settlements/stl_nothing/paid", json: ["reference": "x"]).status, 404)
        XCTAssertEqual(try f.balance("cash:EUR"), money("-837.00", "EUR"))
        balance = try f.supplier.client.get("/v1/seller/balance").json
        let paidEUR = balance["balances"]?.arrayValue?.first { $0["currency"] == "EUR" }
        XCTAssertEqual(paidEUR?["settled_not_paid"], money("0.00", "EUR"))
        XCTAssertEqual(paidEUR?["paid"], money("837.00", "EUR"))
        try f.assertLedgerBalanced()

        // Filters, the supplier's view, CSV, the event and the audit trail.
        XCTAssertEqual(try f.admin.client.get("/v1/admin/settlements?status=paid").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(try f.admin.client.get("/v1/admin/settlements?status=issued").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try f.admin.client.get("/v1/admin/settlements?status=bogus").status, 422)
        let own = try f.supplier.client.get("/v1/seller/settlements").json["data"]?.arrayValue ?? []
        XCTAssertEqual(own.map { $0["id"]?.stringValue }, [id])
        let csv = try f.supplier.client.get("/v1/seller/settlements/\(id)", headers: ["Accept": "text/csv"])
        XCTAssertEqual(csv.status, 200)
        XCTAssertEqual(csv.headers["Content-Type"], "text/csv; charset=utf-8")
        let rows = csv.text.split(separator: "\r\n").map(String.init)
        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows[0].hasPrefix("settlement_id,position,kind,order_id"))
        XCTAssertTrue(rows[1].hasSuffix(",USD,0.9,locked,1000.00,70.00,0.00,0.00,EUR,900.00,63.00,0.00,0.00,837.00"), rows[1])
        let events = try f.market.app.services.database.read { db in
            try db.query("SELECT audience FROM events WHERE type = 'settlement.created'")
        }
        XCTAssertEqual(events.map { $0.string("audience") }, ["[\"\(supplier)\"]"])
        let audit = try f.market.auditEntries(f.admin, entityID: id).compactMap { $0["action"]?.stringValue }
        XCTAssertEqual(audit, ["settlement.paid", "settlement.created"])
    }

    /// A partial return before settlement is on the order's line: refunds and commission reversed, converted.
    func testPartialReturnBeforeSettlementIsOnTheLine() throws {
        let f = try OrderFixture(buyerCurrency: "USD", supplierCurrency: "EUR")
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "7"])
        try f.market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.9")
        try f.allowNetTerms()
        let product = try f.listing(price: "9.00", currency: "EUR", stock: 1000)
        let order = try f.deliveredOrder(product, quantity: 100, currency: "USD")
        let returned = try f.returnUnits(order, quantity: 30)
        XCTAssertEqual(returned["refund"], money("300.00", "USD"))
        let supplier = f.supplier.organizationID
        XCTAssertEqual(try f.balance("supplier_payable:\(supplier):USD"), money("651.00", "USD"))  // 930 − (300 − 21)
        XCTAssertEqual(try f.balance("commission_reversals:USD"), money("21.00", "USD"))
        XCTAssertEqual(try f.balance("buyer_receivable:\(f.buyer.organizationID):USD"), money("700.00", "USD"))

        let statement = try f.settleIssuing().first ?? .null
        XCTAssertEqual(statement["gross"], money("900.00", "EUR"))
        XCTAssertEqual(statement["commission"], money("63.00", "EUR"))
        XCTAssertEqual(statement["refunds"], money("270.00", "EUR"))
        XCTAssertEqual(statement["commission_reversed"], money("18.90", "EUR"))
        XCTAssertEqual(statement["net"], money("585.90", "EUR"))
        XCTAssertEqual(try f.balance("supplier_payable:\(supplier):USD"), money("0.00", "USD"))
        try f.assertLedgerBalanced()
    }

    /// A return after settlement goes to the supplier's receivable and is deducted on the next statement,
    /// as far as that statement's earnings cover it; the rest carries forward.
    func testReturnAfterSettlementIsDeductedFromTheNextStatement() throws {
        let f = try OrderFixture(buyerCurrency: "USD", supplierCurrency: "USD")
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "10"])
        try f.allowNetTerms()
        let product = try f.listing(price: "10.00", currency: "USD", stock: 1000)
        let supplier = f.supplier.organizationID
        let first = try f.deliveredOrder(product, quantity: 10, currency: "USD")
        XCTAssertEqual(try f.settleIssuing().first?["net"], money("90.00", "USD"))

        f.market.clock.advance(seconds: 60)
        try f.returnUnits(first, quantity: 4)   // refund 40.00, commission back 4.00: the supplier owes 36.00
        XCTAssertEqual(try f.balance("supplier_receivable:\(supplier):USD"), money("36.00", "USD"))
        XCTAssertEqual(try f.balance("supplier_payable:\(supplier):USD"), money("0.00", "USD"), "never negative")
        var balance = try f.supplier.client.get("/v1/seller/balance").json["balances"]?[at: 0]
        XCTAssertEqual(balance?["earned_not_settled"], money("-36.00", "USD"))
        XCTAssertEqual(balance?["deductions_pending"], money("36.00", "USD"))

        // Nothing earned since: the deduction carries forward, no statement.
        f.market.clock.advance(seconds: 60)
        var response = try f.settle()
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["carried_forward"]?[at: 0]?["net"], money("-36.00", "USD"))

        // A new order covers it.
        _ = try f.deliveredOrder(product, quantity: 5, currency: "USD")
        f.market.clock.advance(seconds: 60)
        response = try f.settle()
        XCTAssertEqual(response.status, 201, response.text)
        let statement = response.json["settlements"]?[at: 0] ?? .null
        XCTAssertEqual(statement["order_count"], 1)
        XCTAssertEqual(statement["adjustment_count"], 1)
        XCTAssertEqual(statement["gross"], money("50.00", "USD"))
        XCTAssertEqual(statement["refunds"], money("40.00", "USD"))
        XCTAssertEqual(statement["net"], money("9.00", "USD"))   // 45.00 − 36.00
        let lines = try f.admin.client.get("/v1/admin/settlements/\(statement["id"]?.stringValue ?? "")").json["lines"]?.arrayValue ?? []
        XCTAssertEqual(lines.map { $0["kind"]?.stringValue }, ["order", "adjustment"])
        XCTAssertEqual(lines.last?["net"], money("-36.00", "USD"))
        XCTAssertEqual(try f.balance("supplier_receivable:\(supplier):USD"), money("0.00", "USD"))
        balance = try f.supplier.client.get("/v1/seller/balance").json["balances"]?[at: 0]
        XCTAssertEqual(balance?["earned_not_settled"], money("0.00", "USD"))
        XCTAssertEqual(balance?["settled_not_paid"], money("99.00", "USD"))
        XCTAssertEqual(try f.settle().status, 200, "each deduction is taken once")
        try f.assertLedgerBalanced()
    }

    /// Only delivered orders up to the period end; one statement per supplier; the supplier sees only its own.
    func testPeriodEndAndTenancy() throws {
        let f = try OrderFixture()
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "5"])
        try f.allowNetTerms()
        let other = try f.market.activeSupplier(name: "Other")
        let mine = try f.listing(price: "20.00")
        let theirs = try f.listing(other, price: "30.00")
        _ = try f.deliveredOrder(mine, quantity: 1, currency: "USD")
        let cutoff = Timestamp.format(f.market.clock.now())
        f.market.clock.advance(seconds: 3600)
        _ = try f.deliveredOrder(theirs, quantity: 1, currency: "USD", seller: other)
        _ = try f.placeOrder(mine, quantity: 1, terms: "net_30")   // placed, not delivered: never settled

        var statements = try f.settleIssuing(cutoff)
        XCTAssertEqual(statements.map { $0["supplier_id"]?.stringValue }, [f.supplier.organizationID])
        statements = try f.settleIssuing()
        XCTAssertEqual(statements.map { $0["supplier_id"]?.stringValue }, [other.organizationID])
        let theirID = statements.first?["id"]?.stringValue ?? ""
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/settlements/\(theirID)").status, 404)
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/settlements/\(theirID)", headers: ["Accept": "text/csv"]).status, 404)
        XCTAssertEqual(try other.client.get("/v1/seller/settlements/\(theirID)").status, 200)
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/settlements").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(try f.admin.client.get("/v1/admin/settlements?supplier_id=\(other.organizationID)").json["data"]?.arrayValue?.count, 1)

        // Roles: finance may settle, a buyer or a supplier may not, a supplier's sales user has no statements.
        let finance = try f.market.addUser(to: f.admin, roles: [.finance])
        XCTAssertEqual(try finance.client.post("/v1/admin/settlements", json: ["period_end": "2026-01-01"]).status, 200)
        XCTAssertEqual(try f.buyer.client.post("/v1/admin/settlements", json: ["period_end": "2026-01-01"]).status, 403)
        XCTAssertEqual(try f.supplier.client.get("/v1/admin/ledger/balances").status, 403)
        let sales = try f.market.addUser(to: f.supplier, roles: [.sales])
        XCTAssertEqual(try sales.client.get("/v1/seller/settlements").status, 403)
        XCTAssertEqual(try f.buyer.client.get("/v1/seller/balance").status, 403)
        XCTAssertEqual(try f.market.client.get("/v1/seller/balance").status, 401)

        // Validation.
        let bad = try f.admin.client.post("/v1/admin/settlements", json: ["period_end": "yesterday"])
        XCTAssertEqual(bad.status, 422)
        XCTAssertEqual(errorFields(bad), ["period_end"])
        XCTAssertEqual(try f.admin.client.post("/v1/admin/settlements", json: [:]).status, 422)
        XCTAssertEqual(try f.admin.client.post("/v1/admin/settlements/\(theirID)/paid", json: [:]).status, 422)
        XCTAssertEqual(try f.admin.client.get("/v1/admin/settlements/stl_missing").status, 404)
        try f.assertLedgerBalanced()
    }
}
