import HTTPServer
import MarketCore
import Web
import XCTest

final class SystemRoutesTests: XCTestCase {
    func testHealthReadinessAndMetricsOverARealSocket() throws {
        let market = try TestMarket(live: true)
        let health = try market.client.get("/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.json["status"], "ok")
        XCTAssertNotNil(health.headers["X-Request-Id"])
        XCTAssertEqual(try market.client.get("/readyz").json["status"], "ready")

        try market.client.get("/v1/nothing-here")
        let metrics = try market.client.get("/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.text.contains(#"http_requests_total{method="GET",route="/healthz",status="200"} 1"#), metrics.text)
        // Unmatched GETs fall through to the portal's static files.
        XCTAssertTrue(metrics.text.contains(#"route="static",status="404""#), metrics.text)
        XCTAssertTrue(metrics.text.contains("http_request_duration_seconds_bucket"))
        XCTAssertTrue(metrics.text.contains("http_open_connections"))
    }

    func testProblemJSONForUnknownRoutesAndMethods() throws {
        let market = try TestMarket()
        let missing = try market.client.get("/v1/unknown")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(missing.json["status"], 404)
        let wrongMethod = try market.client.send(.put, "/healthz")
        XCTAssertEqual(wrongMethod.status, 405)
    }

    func testServesThePortalFromPublic() throws {
        let market = try TestMarket()
        let index = try market.client.get("/")
        XCTAssertEqual(index.status, 200)
        XCTAssertTrue(index.headers["Content-Type"]?.hasPrefix("text/html") ?? false)
    }
}
