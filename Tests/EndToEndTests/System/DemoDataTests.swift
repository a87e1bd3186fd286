import MarketApp
import MarketCore
import Store
import Web
import XCTest

/// `serve --demo` must load completely through the API, and only once.
final class DemoDataTests: XCTestCase {
    func testDemoLoadsARealisticMarketplaceOnce() throws {
        let market = try TestMarket()
        let demo = DemoData(services: market.app.services, responder: market.app.web)
        let logins = try demo.loadOnce()
        XCTAssertTrue(logins.contains("buyer@daehan.demo"))

        let count = { (sql: String) throws -> Int64 in
            try market.app.services.database.read { db in try db.scalar(sql).int64Value ?? -1 }
        }
        XCTAssertGreaterThan(try count("SELECT count(*) FROM products WHERE status = 'active'"), 2000)
        XCTAssertGreaterThanOrEqual(try count("SELECT count(DISTINCT status) FROM orders"), 8)
        XCTAssertGreaterThanOrEqual(try count("SELECT count(*) FROM rfqs"), 2)
        XCTAssertGreaterThanOrEqual(try count("SELECT count(*) FROM reviews"), 2)
        XCTAssertGreaterThanOrEqual(try count("SELECT count(*) FROM fx_rates"), 4)
        XCTAssertGreaterThanOrEqual(try count("SELECT count(*) FROM settlements"), 1)

        // Loading again changes nothing.
        let orders = try count("SELECT count(*) FROM orders")
        _ = try demo.loadOnce()
        XCTAssertEqual(try count("SELECT count(*) FROM orders"), orders)

        // The demo logins work, and Korean search finds the Korean catalog.
        let buyer = try market.login(email: "buyer@daehan.demo", password: DemoData.password)
        XCTAssertEqual(try buyer.client.get("/v1/me").status, 200)
        let hits = try market.client.get("/v1/catalog/products?q=%EB%B3%BC%ED%8A%B8")  // 볼트
        XCTAssertGreaterThan(hits.json["data"]?.arrayValue?.count ?? 0, 0, hits.text)
    }
}
