import Foundation
import MarketCore
import Synchronization
import Web
import XCTest

/// Under any concurrency a listing is never oversold: 120 buyers race for a stock of 50.
final class StockConcurrencyTests: XCTestCase {
    /// Runs `count` checkouts of one unit each from `threads` threads at once; returns the status counts.
    private final class Tally: Sendable {
        let statuses = Mutex<[Int: Int]>([:])
        let next = Mutex<Int>(0)
    }

    private func race(_ f: OrderFixture, product: String, count: Int, threads: Int, client: TestClient) -> [Int: Int] {
        let tally = Tally()
        let body: JSON = [
            "currency": "USD", "lines": [["product_id": .string(product), "quantity": 1]], "shipping_address": OrderFixture.address,
        ]
        let group = DispatchGroup()
        for _ in 0..<threads {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while true {
                    let mine = tally.next.withLock { n -> Int in
                        n += 1
                        return n
                    }
                    guard mine <= count else { return }
                    let status = (try? client.post("/v1/buyer/orders", json: body).status) ?? -1
                    tally.statuses.withLock { $0[status, default: 0] += 1 }
                }
            }
            thread.start()
        }
        group.wait()
        return tally.statuses.withLock { $0 }
    }

    func test120ConcurrentOrdersOnAStockOf50() throws {
        let f = try OrderFixture()
        let product = try f.listing(stock: 50)
        let statuses = race(f, product: product, count: 120, threads: 24, client: f.buyer.client)
        XCTAssertEqual(statuses[201], 50, "\(statuses)")
        XCTAssertEqual(statuses[409], 70, "\(statuses)")
        XCTAssertEqual(statuses.keys.filter { $0 >= 500 || $0 < 0 }, [], "no 5xx: \(statuses)")
        XCTAssertEqual(try f.stock(product), 0)
        let placed = try f.market.app.services.database.read { db in
            try db.scalar("SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l WHERE l.product_id = ?", [.text(product)]).int64Value
        }
        XCTAssertEqual(placed, 50)
    }

    func test120ConcurrentOrdersOverRealSockets() throws {
        let market = try TestMarket(live: true)
        let f = try OrderFixture(market: market)
        let product = try f.listing(stock: 50)
        let statuses = race(f, product: product, count: 120, threads: 16, client: f.buyer.client)
        XCTAssertEqual(statuses[201], 50, "\(statuses)")
        XCTAssertEqual(statuses[409], 70, "\(statuses)")
        XCTAssertEqual(try f.stock(product), 0)
    }
}
