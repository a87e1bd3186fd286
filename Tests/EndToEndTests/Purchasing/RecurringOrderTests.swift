import Foundation
import HTTPServer
import MarketApp
import MarketCore
import Store
import Web
import XCTest

/// Recurring orders: placed by the server through checkout on the injected clock, once per run — also
/// across a restart — with failures recorded and visible.
final class RecurringOrderTests: XCTestCase {
    func schedule(_ f: OrderFixture, _ lines: [(String, Int)], every: String = "P2W", in seconds: TimeInterval = 3600,
                  terms: String = "prepaid", file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let response = try f.buyer.client.post("/v1/buyer/recurring-orders", json: [
            "lines": .array(lines.map { ["product_id": .string($0.0), "quantity": .int($0.1)] }), "currency": "USD",
            "payment_terms": .string(terms), "shipping_address": OrderFixture.address, "every": .string(every),
            "next_run": .string(Timestamp.format(f.market.clock.now().addingTimeInterval(seconds))),
        ])
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json["id"]?.stringValue ?? ""
    }

    /// The buyer's admin signed in afresh (login tokens expire after 12 hours of the manual clock).
    func buyer(_ f: OrderFixture) throws -> TestClient {
        try f.market.login(email: f.buyer.email).client
    }

    func orderCount(_ f: OrderFixture) throws -> Int {
        try f.market.app.services.database.read { db in
            try db.scalar("SELECT count(*) FROM orders WHERE buyer_id = ?", [.text(f.buyer.organizationID)]).intValue ?? -1
        }
    }

    func testPlacedExactlyOncePerPeriodAcrossARestart() throws {
        let f = try OrderFixture()
        let bolts = try f.listing(price: "10.00", stock: 1000)
        let id = try schedule(f, [(bolts, 10)])
        let scheduler = f.market.app.recurringOrders

        XCTAssertEqual(try scheduler.runDue(), 0, "not due yet")
        f.market.clock.advance(seconds: 3600)
        XCTAssertEqual(try scheduler.runDue(), 1)
        XCTAssertEqual(try scheduler.runDue(), 0, "the run is recorded; not placed twice")
        XCTAssertEqual(try orderCount(f), 1)

        // A restart: a second application on the same database file, same clock.
        let restarted = try MarketApplication(configuration: f.market.app.configuration, clock: f.market.clock)
        defer { restarted.services.database.close() }
        XCTAssertEqual(try restarted.recurringOrders.runDue(), 0)
        XCTAssertEqual(try orderCount(f), 1)

        // Even if next_run were wound back to the run already placed, the run row's UNIQUE key stops it.
        let firstRun = try restarted.services.database.read { db in
            try db.scalar("SELECT scheduled_for FROM recurring_order_runs WHERE recurring_order_id = ?", [.text(id)]).stringValue ?? ""
        }
        try restarted.services.database.write { db in
            try db.execute("UPDATE recurring_orders SET next_run = ?, runs_scheduled = 0 WHERE id = ?", [.text(firstRun), .text(id)])
        }
        XCTAssertEqual(try restarted.recurringOrders.runDue(), 0)
        XCTAssertEqual(try orderCount(f), 1)

        // The next period: exactly one more, at today's price.
        XCTAssertEqual(try f.supplier.client.patch("/v1/seller/products/\(bolts)", json: ["unit_price": "11.00"]).status, 200)
        f.market.clock.advance(seconds: 14 * 86_400)
        XCTAssertEqual(try restarted.recurringOrders.runDue(), 1)
        XCTAssertEqual(try scheduler.runDue(), 0)
        XCTAssertEqual(try orderCount(f), 2)

        let detail = try buyer(f).get("/v1/buyer/recurring-orders/\(id)")
        XCTAssertEqual(detail.status, 200, detail.text)
        let runs = detail.json["runs"]?.arrayValue ?? []
        XCTAssertEqual(runs.map { $0["status"] }, ["placed", "placed"])
        XCTAssertEqual(runs.first?["scheduled_for"]?.stringValue, Timestamp.format(Timestamp.parse(firstRun)!.addingTimeInterval(14 * 86_400)))
        let latest = runs.first?["order_ids"]?[at: 0]?.stringValue ?? ""
        let order = try buyer(f).get("/v1/buyer/orders/\(latest)")
        XCTAssertEqual(order.json["lines"]?[at: 0]?["unit_price"], OrderFixture.money("11.00", "USD"))
        XCTAssertEqual(try f.stock(bolts), 980)
        XCTAssertEqual(detail.json["next_run"]?.stringValue,
                       Timestamp.format(Timestamp.parse(firstRun)!.addingTimeInterval(28 * 86_400)))
    }

    func testAFailingRunIsRecordedAndTheScheduleGoesOn() throws {
        let f = try OrderFixture()
        let bolts = try f.listing(price: "10.00", stock: 5)
        let id = try schedule(f, [(bolts, 10)], every: "P1W")
        f.market.clock.advance(seconds: 3600)
        XCTAssertEqual(try f.market.app.recurringOrders.runDue(), 1)
        XCTAssertEqual(try orderCount(f), 0)
        var runs = try f.buyer.client.get("/v1/buyer/recurring-orders/\(id)").json["runs"]?.arrayValue ?? []
        XCTAssertEqual(runs.first?["status"], "failed")
        XCTAssertEqual(runs.first?["error"]?["type"], "/problems/insufficient_stock")
        XCTAssertEqual(runs.first?["error"]?["errors"]?[at: 0]?["field"], "lines[0].quantity")
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/recurring-orders").json["data"]?[at: 0]?["last_run"]?["status"], "failed")

        // Not retried on its own; after a restock the next week's run goes through.
        XCTAssertEqual(try f.market.app.recurringOrders.runDue(), 0)
        XCTAssertEqual(try f.supplier.client.patch("/v1/seller/products/\(bolts)", json: ["stock": 100]).status, 200)
        f.market.clock.advance(seconds: 7 * 86_400)
        XCTAssertEqual(try f.market.app.recurringOrders.runDue(), 1)
        runs = try buyer(f).get("/v1/buyer/recurring-orders/\(id)").json["runs"]?.arrayValue ?? []
        XCTAssertEqual(runs.map { $0["status"] }, ["placed", "failed"])
        XCTAssertEqual(try orderCount(f), 1)
    }

    func testApprovalsApplyAndDeletingStopsTheSchedule() throws {
        let f = try OrderFixture()
        let bolts = try f.listing(price: "100.00", stock: 100)
        XCTAssertEqual(try f.buyer.client.put("/v1/buyer/approval-rules", json: [
            ["min_total": OrderFixture.money("500.00", "USD"), "approver_role": "approver"],
        ]).status, 200)
        let id = try schedule(f, [(bolts, 10)], every: "P1M")
        f.market.clock.advance(seconds: 3600)
        XCTAssertEqual(try f.market.app.recurringOrders.runDue(), 1)
        let run = try f.buyer.client.get("/v1/buyer/recurring-orders/\(id)").json["runs"]?[at: 0]
        let orderID = run?["order_ids"]?[at: 0]?.stringValue ?? ""
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders/\(orderID)").json["status"], "pending_approval")
        // Placed as the schedule's creator, who therefore may not approve it.
        XCTAssertEqual(try f.buyer.client.send(.post, "/v1/buyer/orders/\(orderID)/approve").status, 403)

        let stranger = try f.market.signUp(.buyer)
        XCTAssertEqual(try stranger.client.get("/v1/buyer/recurring-orders/\(id)").status, 404)
        XCTAssertEqual(try stranger.client.delete("/v1/buyer/recurring-orders/\(id)").status, 404)
        XCTAssertEqual(try f.buyer.client.delete("/v1/buyer/recurring-orders/\(id)").status, 204)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/recurring-orders/\(id)").status, 404)
        f.market.clock.advance(seconds: 62 * 86_400)
        XCTAssertEqual(try f.market.app.recurringOrders.runDue(), 0)
        XCTAssertEqual(try orderCount(f), 1)
    }

    func testScheduleValidation() throws {
        let f = try OrderFixture()
        let bolts = try f.listing(price: "10.00", stock: 100, minimum: 5)
        let response = try f.buyer.client.post("/v1/buyer/recurring-orders", json: [
            "lines": [["product_id": .string(bolts), "quantity": 1]], "currency": "USD", "payment_terms": "net_30",
            "shipping_address": OrderFixture.address, "every": "PT1H",
            "next_run": .string(Timestamp.format(f.market.clock.now().addingTimeInterval(-86_400))),
        ])
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(Set(OrderFixture.fields(response)), ["every", "next_run"])
        let second = try f.buyer.client.post("/v1/buyer/recurring-orders", json: [
            "lines": [["product_id": .string(bolts), "quantity": 1]], "currency": "USD", "payment_terms": "net_30",
            "shipping_address": OrderFixture.address, "every": "P3M",
            "next_run": .string(Timestamp.format(f.market.clock.now().addingTimeInterval(86_400))),
        ])
        XCTAssertEqual(Set(OrderFixture.fields(second)), ["lines[0].quantity", "payment_terms"])
    }

    func testMonthlyRunsStayOnTheirDayOfMonth() {
        let every = RecurrenceInterval(iso: "P1M")
        let first = Timestamp.parse("2027-01-31T09:00:00Z")!
        XCTAssertEqual(every?.occurrence(1, from: first).map(Timestamp.format), "2027-02-28T09:00:00.000Z")
        XCTAssertEqual(every?.occurrence(2, from: first).map(Timestamp.format), "2027-03-31T09:00:00.000Z")
        XCTAssertNil(RecurrenceInterval(iso: "P0D"))
        XCTAssertNil(RecurrenceInterval(iso: "P13M"))
        XCTAssertEqual(RecurrenceInterval(iso: "P2W")?.iso, "P2W")
    }
}
