import Foundation
import MarketCore
import Store
import Web
import XCTest

/// The ledger in the database: append-only tables, reversals as the only correction, idempotent keys.
final class LedgerIntegrityTests: XCTestCase {
    func testLedgerTablesRefuseUpdateAndDelete() throws {
        let f = try OrderFixture()
        try f.allowNetTerms()
        let product = try f.listing(price: "10.00")
        _ = try f.deliveredOrder(product, quantity: 2, currency: "USD")
        _ = try f.settleIssuing()
        let database = f.market.app.services.database
        let statements = [
            "UPDATE ledger_lines SET debit_minor = debit_minor + 1",
            "DELETE FROM ledger_lines",
            "UPDATE ledger_entries SET memo = 'x'",
            "DELETE FROM ledger_entries",
            "UPDATE ledger_accounts SET currency = 'EUR'",
            "UPDATE settlements SET net_minor = 0",
            "DELETE FROM settlement_lines",
            "DELETE FROM settlement_runs",
        ]
        for sql in statements {
            XCTAssertThrowsError(try database.write { db in try db.execute(sql) }, sql) { error in
                XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
            }
        }
        try f.assertLedgerBalanced()
    }

    func testReversalIsTheOnlyCorrectionAndKeysPostOnce() throws {
        let f = try OrderFixture()
        let database = f.market.app.services.database
        let now = f.market.app.services.nowText()
        var builder = JournalEntryBuilder(key: "payment:pay_1", kind: "payment", sourceType: "payment", sourceID: "pay_1")
        let amount = Money(minorUnits: 12_345, currency: .usd)
        try builder.debit(.cash(.usd), amount)
        try builder.credit(.buyerReceivable(f.buyer.organizationID, .usd), amount)
        let entry = try builder.build()

        let posted = try database.write { db in try Ledger.post(entry, in: db, at: now) }
        XCTAssertTrue(posted.created)
        let replay = try database.write { db in try Ledger.post(entry, in: db, at: now) }
        XCTAssertEqual(replay.id, posted.id)
        XCTAssertFalse(replay.created)

        var different = JournalEntryBuilder(key: "payment:pay_1", kind: "payment", sourceType: "payment", sourceID: "pay_1")
        try different.debit(.cash(.usd), Money(minorUnits: 1, currency: .usd))
        try different.credit(.buyerReceivable(f.buyer.organizationID, .usd), Money(minorUnits: 1, currency: .usd))
        let conflicting = try different.build()
        XCTAssertThrowsError(try database.write { db in try Ledger.post(conflicting, in: db, at: now) }) { error in
            XCTAssertEqual(error as? LedgerError, .keyConflict("payment:pay_1"))
        }

        XCTAssertEqual(try f.balance("cash:USD"), money("123.45", "USD"))
        let reversal = try database.write { db in try Ledger.reverse(entryID: posted.id, in: db, at: now, memo: "wrong buyer") }
        XCTAssertTrue(reversal.created)
        XCTAssertEqual(try f.balance("cash:USD"), money("0.00", "USD"))
        XCTAssertEqual(try f.ledger().accounts["cash:USD"]?["debits"], money("123.45", "USD"), "history is kept")
        XCTAssertThrowsError(try database.write { db in try Ledger.reverse(entryID: posted.id, in: db, at: now) }) { error in
            XCTAssertEqual(error as? LedgerError, .alreadyReversed(posted.id))
        }
        let read = try database.read { db in try Ledger.entry(db, id: reversal.id) }
        XCTAssertEqual(read?.lines.map(\.side), [.credit, .debit])
        try f.assertLedgerBalanced()
    }

    /// A delivery whose posting fails rolls back with it: no order is delivered without its entry.
    func testPostingsCommitWithTheBusinessChange() throws {
        let f = try OrderFixture()
        try f.allowNetTerms()
        let product = try f.listing(price: "10.00")
        let order = try f.placeOrder(product, quantity: 1, terms: "net_30")
        let id = order["id"]?.stringValue ?? ""
        XCTAssertEqual(try f.act(f.supplier, "seller", id, "confirm").status, 200)
        XCTAssertEqual(try f.act(f.supplier, "seller", id, "ship", ["carrier": "CJ", "tracking_number": "1"]).status, 200)
        // Simulate a ledger that cannot write: an entry with the delivery's key already holds other lines.
        var blocker = JournalEntryBuilder(key: "order_delivered:\(id)", kind: "x", sourceType: "order", sourceID: id)
        try blocker.debit(.cash(.usd), Money(minorUnits: 1, currency: .usd))
        try blocker.credit(.commissionRevenue(.usd), Money(minorUnits: 1, currency: .usd))
        let entry = try blocker.build()
        try f.market.app.services.database.write { db in _ = try Ledger.post(entry, in: db, at: f.market.app.services.nowText()) }

        let response = try f.act(f.supplier, "seller", id, "deliver")
        XCTAssertEqual(response.status, 500, "a posting conflict is a bug, and it undoes the delivery")
        let status = try f.market.app.services.database.read { db in try db.scalar("SELECT status FROM orders WHERE id = ?", [.text(id)]).stringValue }
        XCTAssertEqual(status, "shipped")
        try f.assertLedgerBalanced()
    }
}
