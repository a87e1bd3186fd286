import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Every `/v1/admin` route, found from the router itself so routes added later are covered too.
final class AdminAccessTests: XCTestCase {
    func testEveryAdminRouteRefusesAnonymousBuyersAndSuppliers() throws {
        let market = try TestMarket()
        let buyer = try market.signUp(.buyer)
        let supplier = try market.activeSupplier()
        let admin = try market.operatorAccount()
        let routes = market.app.web.router.routes.filter { $0.pattern.hasPrefix("/v1/admin") }
        XCTAssertGreaterThanOrEqual(routes.count, 12, "the operator module's routes are registered")

        for route in routes {
            let path = Self.concrete(route.pattern)
            let name = "\(route.method.rawValue) \(route.pattern)"
            func send(_ client: TestClient) throws -> TestResponse {
                switch route.method {
                case .post, .put, .patch: try client.send(route.method, path, json: [:])
                default: try client.send(route.method, path)
                }
            }
            let anonymous = try send(market.client)
            XCTAssertEqual(anonymous.status, 401, name)
            XCTAssertEqual(anonymous.headers["WWW-Authenticate"], "Bearer", name)
            XCTAssertEqual(try send(buyer.client).status, 403, name)
            XCTAssertEqual(try send(supplier.client).status, 403, name)
            let bad = try send(market.client.authorized("mkt_tok_not-a-real-token"))
            XCTAssertEqual(bad.status, 401, name)
            let allowed = try send(admin.client)
            XCTAssertFalse([401, 403].contains(allowed.status), "\(name) refused the operator: \(allowed.text)")
        }
    }

    /// `/v1/admin/sellers/{id}/approve` -> `/v1/admin/sellers/id_placeholder/approve`.
    static func concrete(_ pattern: String) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") ? "\(part.dropFirst().dropLast())_placeholder" : String(part)
        }.joined(separator: "/")
    }
}
