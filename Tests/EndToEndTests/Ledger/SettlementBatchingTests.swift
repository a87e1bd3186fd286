import Foundation
import HTTPServer
import MarketCore
import Store
import Web
import XCTest

/// The run writes its lines in batches grouped by statement (`SettlementLineWriter`). With tiny batches a
/// handful of orders of two suppliers goes through every path — several flushes, full multi-row INSERTs, the
/// remainder one by one — and the statements must come out exactly as the rules say: every order on one line,
/// positions in order-id order, totals the sums of the lines, the queue empty, the ledger balanced.
final class SettlementBatchingTests: XCTestCase {
    func testSmallBatchesWriteEveryLineOnceInOrder() throws {
        let f = try OrderFixture(buyerCurrency: "USD", supplierCurrency: "EUR")
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "7"])
        try f.market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.9")
        try f.allowNetTerms()
        let second = try f.market.activeSupplier(name: "Second Supplier", currency: "USD")
        let euroProduct = try f.listing(price: "9.00", currency: "EUR", stock: 1000)
        let dollarProduct = try f.listing(second, price: "3.35", currency: "USD", stock: 1000)
        var orders = [(id: String, seller: String, total: Int64)]()
        // Interleaved, as the queue meets them: the writer has to regroup them by statement.
        for quantity in [3, 7, 11, 2, 5, 13, 1] {
            let euro = quantity % 2 == 1
            let order = try f.deliveredOrder(euro ? euroProduct : dollarProduct, quantity: quantity, currency: "USD",
                                             seller: euro ? f.supplier : second)
            let total = Int64(order["total"]?["amount"]?.stringValue?.replacingOccurrences(of: ".", with: "") ?? "") ?? -1
            orders.append((order["id"]?.stringValue ?? "", euro ? f.supplier.organizationID : second.organizationID, total))
        }

        let services = f.market.app.services
        let queueSchema = "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'settlement_pending'"
        let schemaBefore = try services.database.read { db in try db.query(queueSchema) }
        let secureDelete = { try services.database.write { db in try db.scalar("PRAGMA secure_delete") } }
        let secureDeleteBefore = try secureDelete()
        let now = services.now()
        let outcome = try services.database.write { db in
            let rates = try ReferenceData.fxTable(db, baseCurrency: services.settings.baseCurrency)
            return try SettlementRun(periodEnd: Timestamp.format(now), now: now, actor: nil, rates: rates,
                                     batching: SettlementLineBatching(linesPerFlush: 3, rowsPerInsert: 2)).run(db)
        }
        XCTAssertEqual(outcome.statements.count, 2)
        XCTAssertEqual(outcome.waitingCount, 0)

        let (lines, headers, queued) = try services.database.read { db in
            (try db.query("SELECT settlement_id, position, order_id, source_gross_minor, gross_minor, commission_minor, net_minor FROM settlement_lines"),
             try db.query("SELECT id, supplier_id, gross_minor, commission_minor, net_minor, order_count FROM settlements"),
             try db.scalar("SELECT COUNT(*) FROM settlement_pending").int64Value)
        }
        XCTAssertEqual(queued, 0)
        XCTAssertEqual(lines.compactMap { $0.string("order_id") }.sorted(), orders.map(\.id).sorted(), "every order on exactly one line")
        for header in headers {
            let id = header.string("id") ?? ""
            let mine = lines.filter { $0.string("settlement_id") == id }.sorted { ($0.int64("position") ?? 0) < ($1.int64("position") ?? 0) }
            let expected = orders.filter { $0.seller == header.string("supplier_id") }
            XCTAssertEqual(mine.compactMap { $0.int64("position") }, (0..<Int64(expected.count)).map { $0 })
            XCTAssertEqual(mine.compactMap { $0.string("order_id") }, expected.map(\.id).sorted(), "positions follow the order ids")
            XCTAssertEqual(mine.compactMap { $0.int64("source_gross_minor") }, expected.sorted { $0.id < $1.id }.map(\.total))
            for column in ["gross_minor", "commission_minor", "net_minor"] {
                XCTAssertEqual(mine.reduce(0) { $0 + ($1.int64(column) ?? 0) }, header.int64(column), "\(column) = Σ lines")
            }
            XCTAssertEqual(header.int64("order_count"), Int64(expected.count))
        }
        // 3 × 9.00 EUR bought in USD at 0.9: 30.00 USD → 27.00 EUR gross; 2 × 3.35 USD stays 6.70 USD.
        let first = try XCTUnwrap(lines.first { $0.string("order_id") == orders[0].id })
        XCTAssertEqual(first.int64("gross_minor"), 2700)
        let fourth = try XCTUnwrap(lines.first { $0.string("order_id") == orders[3].id })
        XCTAssertEqual(fourth.int64("gross_minor"), 670)
        try f.assertLedgerBalanced()

        // The run emptied the whole queue by recreating its table: same definition, and it still works.
        XCTAssertEqual(try services.database.read { db in try db.query(queueSchema) }, schemaBefore)
        XCTAssertEqual(try secureDelete(), secureDeleteBefore, "the writer's secure_delete is restored")
        let again = try f.settle()
        XCTAssertEqual(again.status, 200, again.text)
        XCTAssertEqual(again.json["settlements"], [])
        f.market.clock.advance(seconds: 60)
        let late = try f.deliveredOrder(euroProduct, quantity: 4, currency: "USD")
        let next = try f.settleIssuing()
        XCTAssertEqual(next.count, 1)
        XCTAssertEqual(next.first?["gross"], OrderFixture.money("36.00", "EUR"), "4 × 9.00 EUR, bought as 40.00 USD at 0.9")
        XCTAssertEqual(try services.database.read { db in
            try db.scalar("SELECT COUNT(*) FROM settlement_lines WHERE order_id = ?", [.text(late["id"]?.stringValue ?? "")]).int64Value
        }, 1)
    }

    /// Orders delivered after `period_end` stay queued (the queue is then not recreated, only the settled
    /// rows leave it) and are settled by the next run.
    func testOrdersAfterThePeriodStayQueued() throws {
        let f = try OrderFixture()
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "10"])
        try f.allowNetTerms()
        let product = try f.listing(price: "10.00", currency: "USD", stock: 1000)
        _ = try f.deliveredOrder(product, quantity: 2, currency: "USD")
        let end = Timestamp.format(f.market.clock.now())
        f.market.clock.advance(seconds: 3600)
        _ = try f.deliveredOrder(product, quantity: 3, currency: "USD")
        let queued = { try f.market.app.services.database.read { db in try db.scalar("SELECT COUNT(*) FROM settlement_pending").int64Value } }

        XCTAssertEqual(try f.settleIssuing(end).first?["gross"], OrderFixture.money("20.00", "USD"))
        XCTAssertEqual(try queued(), 1)
        XCTAssertEqual(try f.settleIssuing().first?["gross"], OrderFixture.money("30.00", "USD"))
        XCTAssertEqual(try queued(), 0)
        try f.assertLedgerBalanced()
    }
}
