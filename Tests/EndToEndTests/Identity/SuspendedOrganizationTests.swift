import MarketCore
import Web
import XCTest

final class SuspendedOrganizationTests: XCTestCase {
    func testSuspendedSupplierCanReadButNotWrite() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let operatorAccount = try market.operatorAccount()
        XCTAssertEqual(try operatorAccount.client.post("/v1/admin/sellers/\(supplier.organizationID)/suspend", json: ["reason": "unpaid fees"]).status, 200)

        XCTAssertEqual(try supplier.client.get("/v1/seller/products").status, 200)
        XCTAssertEqual(try supplier.client.get("/v1/me").status, 200)
        let write = try supplier.client.post("/v1/seller/products", json: [
            "sku": "X-1", "title": ["en": "Bolt"], "unit": "piece", "currency": "USD", "unit_price": "1.00", "stock": 5,
        ])
        XCTAssertEqual(write.status, 403)
        XCTAssertEqual(write.json["type"], "/problems/organization_suspended")
        // Logging out still works.
        XCTAssertEqual(try supplier.client.delete("/v1/auth/tokens/current").status, 204)
    }
}
