import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

final class ApiKeyAndTenancyTests: XCTestCase {
    func testASupplierIntegrationUsesARestrictedApiKey() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let created = try supplier.client.post("/v1/api-keys", json: ["name": "ERP sync", "roles": ["catalog"]])
        XCTAssertEqual(created.status, 201, created.text)
        let key = created.json["key"]?.stringValue ?? ""
        let keyID = created.json["id"]?.stringValue ?? ""
        XCTAssertFalse(key.isEmpty)
        XCTAssertEqual(created.json["roles"], ["catalog"])

        let erp = market.client.authorized(key)
        let products = try erp.get("/v1/seller/products")
        XCTAssertEqual(products.status, 200, products.text)
        XCTAssertEqual(try erp.get("/v1/me").json["credential"]?.stringValue, "api_key")
        // The key carries only its roles: no admin work (profile changes, new keys, new users).
        XCTAssertEqual(try erp.patch("/v1/seller/profile", json: ["payout_currency": "EUR"]).status, 403)
        XCTAssertEqual(try erp.post("/v1/api-keys", json: ["name": "escalate", "roles": ["admin"]]).status, 403)

        // Listed without the secret, and the database holds only its hash.
        let list = try supplier.client.get("/v1/api-keys")
        XCTAssertEqual(list.status, 200, list.text)
        let listed = list.json["data"]?.arrayValue ?? []
        XCTAssertEqual(listed.compactMap { $0["id"]?.stringValue }, [keyID])
        XCTAssertNil(listed.first?["key"])
        XCTAssertFalse(list.text.contains(key))
        let stored = try market.app.services.database.read { db in
            try db.queryOne("SELECT secret_hash FROM credentials WHERE id = ?", [.text(keyID)])?.string("secret_hash")
        }
        XCTAssertNotEqual(stored, key)
        XCTAssertEqual(stored?.count, 64)

        XCTAssertEqual(try supplier.client.delete("/v1/api-keys/\(keyID)").status, 204)
        XCTAssertEqual(try erp.get("/v1/seller/products").status, 401)
        XCTAssertNotNil(try supplier.client.get("/v1/api-keys").json["data"]?.arrayValue?.first?["revoked_at"]?.stringValue)
    }

    func testRolesAboveOnesOwnOrOfAnotherKindAreRefused() throws {
        let market = try TestMarket()
        let buyer = try market.signUp(.buyer)
        let purchaser = try market.addUser(to: buyer, roles: [.purchaser])
        XCTAssertEqual(try market.client.authorized(purchaser.token).get("/v1/me").json["roles"], ["purchaser"])

        // A purchaser cannot make users or keys at all, let alone admins.
        let user = try purchaser.client.post("/v1/organizations/\(buyer.organizationID)/users", json: [
            "email": "new@buyer.example", "name": "New", "password": .string(TestMarket.password), "roles": ["admin"],
        ])
        XCTAssertEqual(user.status, 403, user.text)
        XCTAssertEqual(try purchaser.client.post("/v1/api-keys", json: ["name": "k", "roles": ["admin"]]).status, 403)

        // An admin cannot hand out roles of another organization kind, nor the operator's.
        for role in ["catalog", "finance", "superuser"] {
            let response = try buyer.client.post("/v1/organizations/\(buyer.organizationID)/users", json: [
                "email": .string(TestMarket.uniqueEmail("x")), "name": "X", "password": .string(TestMarket.password),
                "roles": [.string(role)],
            ])
            XCTAssertEqual(response.status, 422, "\(role): \(response.text)")
            XCTAssertEqual(errorFields(response), ["roles"])
        }
        XCTAssertEqual(try buyer.client.post("/v1/api-keys", json: ["name": "k", "roles": ["finance"]]).status, 422)

        // Role changes are audited.
        let admin = try market.operatorAccount()
        let entries = try market.auditEntries(admin, entityID: purchaser.userID)
        XCTAssertEqual(entries.first?["action"]?.stringValue, "user.created")
        XCTAssertEqual(entries.first?["after"]?["roles"], ["purchaser"])
    }

    func testAnotherTenantsObjectsAreNotFound() throws {
        let market = try TestMarket()
        let first = try market.activeSupplier()
        let second = try market.activeSupplier()
        let key = try first.client.post("/v1/api-keys", json: ["name": "ERP", "roles": ["catalog"]])
        let keyID = key.json["id"]?.stringValue ?? ""

        // Adding a user to another organization: 404, never 403, and nothing is created.
        let foreign = try second.client.post("/v1/organizations/\(first.organizationID)/users", json: [
            "email": "intruder@example.com", "name": "I", "password": .string(TestMarket.password), "roles": ["admin"],
        ])
        XCTAssertEqual(foreign.status, 404, foreign.text)
        XCTAssertEqual(try market.client.post("/v1/auth/tokens", json: ["email": "intruder@example.com", "password": .string(TestMarket.password)]).status, 401)

        // Another organization's key: invisible and not revocable.
        XCTAssertEqual(try second.client.get("/v1/api-keys").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try second.client.delete("/v1/api-keys/\(keyID)").status, 404)
        XCTAssertEqual(try market.client.authorized(key.json["key"]?.stringValue ?? "").get("/v1/seller/products").status, 200)

        // Each supplier's profile is its own.
        XCTAssertEqual(try first.client.patch("/v1/seller/profile", json: ["payout_currency": "KRW"]).status, 200)
        XCTAssertEqual(try second.client.get("/v1/seller/profile").json["payout_currency"]?.stringValue, "USD")
        XCTAssertEqual(try second.client.get("/v1/seller/profile").json["id"]?.stringValue, second.organizationID)
    }
}
