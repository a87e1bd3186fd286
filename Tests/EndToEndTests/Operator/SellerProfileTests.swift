import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

final class SellerProfileTests: XCTestCase {
    func testSupplierAdminUpdatesPayoutCurrencyCategoriesAndContact() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        let nuts = try market.createCategory(admin, en: "Nuts", ko: "너트")
        // A pending supplier may already fill in its profile.
        let supplier = try market.signUp(.supplier, currency: "USD", country: "KR")

        var response = try supplier.client.get("/v1/seller/profile")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["payout_currency"]?.stringValue, "USD")
        XCTAssertEqual(response.json["status"]?.stringValue, "pending")
        let firstTag = response.headers["ETag"] ?? ""
        XCTAssertFalse(firstTag.isEmpty)

        response = try supplier.client.patch("/v1/seller/profile", json: [
            "payout_currency": "KRW", "category_ids": [.string(bolts), .string(nuts), .string(bolts)],
            "contact": ["email": "sales@daehan.example", "phone": "+82 2 555 0100"],
        ], headers: ["If-Match": firstTag])
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["payout_currency"]?.stringValue, "KRW")
        XCTAssertEqual(Set(response.json["category_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []), [bolts, nuts])
        XCTAssertEqual(response.json["contact"]?["email"]?.stringValue, "sales@daehan.example")
        let secondTag = response.headers["ETag"] ?? ""
        XCTAssertNotEqual(firstTag, secondTag)

        // Stale If-Match: 412 and nothing changes.
        response = try supplier.client.patch("/v1/seller/profile", json: ["category_ids": []], headers: ["If-Match": firstTag])
        XCTAssertEqual(response.status, 412, response.text)
        response = try supplier.client.patch("/v1/seller/profile", json: ["category_ids": [.string(nuts)]])
        XCTAssertEqual(response.json["category_ids"], .array([.string(nuts)]))
        XCTAssertEqual(response.json["payout_currency"]?.stringValue, "KRW")

        // The operator sees the categories in the supplier list.
        let listed = try admin.client.get("/v1/admin/sellers").json["data"]?.arrayValue?.first
        XCTAssertEqual(listed?["category_ids"], .array([.string(nuts)]))
        XCTAssertEqual(try market.auditEntries(admin, entityID: supplier.organizationID).first?["action"]?.stringValue,
                       "supplier.profile_updated")
    }

    func testInvalidProfileUpdatesAndOtherRolesAreRefused() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        var response = try supplier.client.patch("/v1/seller/profile", json: [
            "payout_currency": "WON", "category_ids": ["cat_missing"], "contact": ["email": "nope", "fax": "123"],
        ])
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(Set(errorFields(response)), ["payout_currency", "category_ids[0]", "contact.email", "contact.fax"])

        let sales = try market.addUser(to: supplier, roles: [.sales])
        XCTAssertEqual(try sales.client.get("/v1/seller/profile").status, 200)
        response = try sales.client.patch("/v1/seller/profile", json: ["payout_currency": "EUR"])
        XCTAssertEqual(response.status, 403)
        let buyer = try market.signUp(.buyer)
        XCTAssertEqual(try buyer.client.get("/v1/seller/profile").status, 403)
        XCTAssertEqual(try market.client.get("/v1/seller/profile").status, 401)
    }
}
