import Foundation
import MarketCore
import Web
import XCTest

/// `/v1/webhooks`: creating, reading, deleting; who may; URL and event validation; tenant isolation.
final class WebhookSubscriptionTests: XCTestCase {
    func testCreateShowsTheSecretOnceAndReadsNeverShowIt() throws {
        let market = try TestMarket.withWebhooks()
        let supplier = try market.activeSupplier()
        let created = try supplier.client.post("/v1/webhooks", json: [
            "url": "http://127.0.0.1:9/hooks?source=marketplace", "events": ["order.placed", "rfq.invited", "order.placed"],
        ])
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.headers["Cache-Control"], "no-store")
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let secret = try XCTUnwrap(created.json["secret"]?.stringValue)
        XCTAssertTrue(secret.hasPrefix("whsec_"))
        XCTAssertEqual(secret.count, "whsec_".count + 43, "256 random bits in base64url")
        XCTAssertEqual(created.json["url"], "http://127.0.0.1:9/hooks?source=marketplace")
        XCTAssertEqual(created.json["events"], ["order.placed", "rfq.invited"], "duplicates folded")
        XCTAssertEqual(created.json["status"], "active")
        XCTAssertNotNil(created.json["created_at"]?.stringValue)

        let one = try supplier.client.get("/v1/webhooks/\(id)")
        XCTAssertEqual(one.status, 200)
        XCTAssertEqual(one.json["id"]?.stringValue, id)
        XCTAssertNil(one.json["secret"])
        let list = try supplier.client.get("/v1/webhooks")
        XCTAssertEqual(list.status, 200)
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 1)
        XCTAssertNil(list.json["data"]?.arrayValue?.first?["secret"])
        XCTAssertFalse(list.text.contains(secret))

        // The secret of a second webhook differs.
        let second = try supplier.client.post("/v1/webhooks", json: ["url": "https://erp.example.com/in", "events": ["order.shipped"]])
        XCTAssertEqual(second.status, 201)
        XCTAssertNotEqual(second.json["secret"]?.stringValue, secret)
        XCTAssertEqual(try supplier.client.get("/v1/webhooks").json["data"]?.arrayValue?.count, 2)
    }

    func testAnotherOrganizationsWebhookIsNotFound() throws {
        let market = try TestMarket.withWebhooks()
        let owner = try market.signUp(.buyer)
        let other = try market.signUp(.buyer)
        let (id, _) = try market.subscribe(owner, url: "https://procurement.example.com/hook", events: ["order.placed"])
        XCTAssertEqual(try other.client.get("/v1/webhooks/\(id)").status, 404)
        XCTAssertEqual(try other.client.delete("/v1/webhooks/\(id)").status, 404)
        XCTAssertEqual(try other.client.get("/v1/webhooks/\(id)/deliveries").status, 404)
        XCTAssertEqual(try other.client.post("/v1/webhooks/\(id)/enable", json: [:]).status, 404)
        XCTAssertEqual(try other.client.get("/v1/webhooks").json["data"]?.arrayValue?.count, 0)
        // Still there for its owner.
        XCTAssertEqual(try owner.client.get("/v1/webhooks/\(id)").status, 200)
    }

    func testDeleteThenNotFound() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        let (id, _) = try market.subscribe(buyer, url: "https://procurement.example.com/hook", events: ["order.placed"])
        XCTAssertEqual(try buyer.client.delete("/v1/webhooks/\(id)").status, 204)
        XCTAssertEqual(try buyer.client.get("/v1/webhooks/\(id)").status, 404)
        XCTAssertEqual(try buyer.client.delete("/v1/webhooks/\(id)").status, 404)
        XCTAssertEqual(try buyer.client.get("/v1/webhooks").json["data"]?.arrayValue?.count, 0)
        let secret = try market.app.services.database.read { db in
            try db.queryOne("SELECT secret FROM webhook_subscriptions WHERE id = ?", [.text(id)])?.string("secret")
        }
        XCTAssertEqual(secret, "", "a deleted webhook's signing key is erased")
    }

    func testOnlyAdminsManageWebhooks() throws {
        let market = try TestMarket.withWebhooks()
        let admin = try market.signUp(.buyer)
        let purchaser = try market.addUser(to: admin, roles: [.purchaser])
        XCTAssertEqual(try purchaser.client.post("/v1/webhooks", json: ["url": "https://a.example.com/", "events": ["order.placed"]]).status, 403)
        XCTAssertEqual(try purchaser.client.get("/v1/webhooks").status, 403)
        XCTAssertEqual(try market.client.get("/v1/webhooks").status, 401)
        // Operators have organizations and admins too.
        let operatorAccount = try market.operatorAccount()
        XCTAssertEqual(try operatorAccount.client.post("/v1/webhooks", json: ["url": "https://ops.example.com/", "events": ["settlement.created"]]).status, 201)
    }

    func testURLValidation() throws {
        let market = try TestMarket()  // private addresses refused, as in production
        let buyer = try market.signUp(.buyer)
        func status(_ url: String) throws -> Int {
            let response = try buyer.client.post("/v1/webhooks", json: ["url": .string(url), "events": ["order.placed"]])
            if response.status == 422 {
                XCTAssertEqual(response.json["errors"]?.arrayValue?.first?["field"], "url", response.text)
            }
            return response.status
        }
        let refused = [
            "ftp://example.com/hook", "example.com/hook", "javascript:alert(1)", "https://user:pass@example.com/hook",
            "https://token@example.com/", "https:///nohost", "https://:443/x", "https://example.com:0/", "https://example.com:65536/",
            "https://example.com:http/", "https://exa mple.com/", "https://example.com/a b", "https://例え.jp/", "https://example.com/#frag",
            "https://-bad-.example.com/", "https://example..com/", "https://example.com./", "https://" + String(repeating: "a", count: 2050) + ".com/",
            // Not public:
            "http://127.0.0.1/", "http://127.1.2.3:8080/", "http://10.0.0.5/", "http://172.16.0.1/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fd00::1]/",
            "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/",
            "http://localhost/", "http://localhost:8080/", "http://api.localhost/", "http://printer.local/", "http://db.internal/",
            "http://intranet/", "http://2130706433/", "http://0x7f.0.0.1/", "http://127.1/", "http://224.0.0.1/", "http://255.255.255.255/",
        ]
        for url in refused {
            XCTAssertEqual(try status(url), 422, url)
        }
        let accepted = [
            "https://erp.example.com/hooks/marketplace", "http://example.com", "HTTPS://Example.COM:8443/In?x=1",
            "https://93.184.216.34/hook", "https://[2606:2800:220:1:248:1893:25c8:1946]/hook",
        ]
        for url in accepted {
            XCTAssertEqual(try status(url), 201, url)
        }
        let normalized = try buyer.client.get("/v1/webhooks").json["data"]?.arrayValue?.compactMap { $0["url"]?.stringValue } ?? []
        XCTAssertTrue(normalized.contains("https://example.com:8443/In?x=1"), "\(normalized)")
        XCTAssertTrue(normalized.contains("http://example.com/"), "\(normalized)")
    }

    func testPrivateAddressesAreAllowedWhenTheServerSaysSo() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        for url in ["http://127.0.0.1:8080/", "http://localhost:3000/hooks", "http://10.1.2.3/", "http://[::1]:9000/"] {
            XCTAssertEqual(try buyer.client.post("/v1/webhooks", json: ["url": .string(url), "events": ["order.placed"]]).status, 201, url)
        }
    }

    func testEventValidation() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        let unknown = try buyer.client.post("/v1/webhooks", json: ["url": "https://a.example.com/", "events": ["order.placed", "order.exploded"]])
        XCTAssertEqual(unknown.status, 422)
        XCTAssertEqual(unknown.json["errors"]?.arrayValue?.first?["field"], "events[1]")
        XCTAssertEqual(try buyer.client.post("/v1/webhooks", json: ["url": "https://a.example.com/", "events": []]).status, 422)
        XCTAssertEqual(try buyer.client.post("/v1/webhooks", json: ["url": "https://a.example.com/"]).status, 422)
        XCTAssertEqual(try buyer.client.post("/v1/webhooks", json: ["url": "https://a.example.com/", "events": "order.placed"]).status, 422)
        let both = try buyer.client.post("/v1/webhooks", json: ["url": "gopher://x", "events": [1]])
        XCTAssertEqual(both.status, 422)
        XCTAssertEqual(both.json["errors"]?.arrayValue?.count, 2, both.text)
    }

    func testSubscriptionsPerOrganizationAreBounded() throws {
        let market = try TestMarket.withWebhooks { $0.maxSubscriptionsPerOrganization = 2 }
        let buyer = try market.signUp(.buyer)
        _ = try market.subscribe(buyer, url: "https://a.example.com/1", events: ["order.placed"])
        let (second, _) = try market.subscribe(buyer, url: "https://a.example.com/2", events: ["order.placed"])
        XCTAssertEqual(try buyer.client.post("/v1/webhooks", json: ["url": "https://a.example.com/3", "events": ["order.placed"]]).status, 409)
        XCTAssertEqual(try buyer.client.delete("/v1/webhooks/\(second)").status, 204)
        XCTAssertEqual(try buyer.client.post("/v1/webhooks", json: ["url": "https://a.example.com/3", "events": ["order.placed"]]).status, 201)
    }

    func testIdempotentCreateReplaysTheSameWebhook() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        let body: JSON = ["url": "https://a.example.com/", "events": ["order.placed"]]
        let first = try buyer.client.post("/v1/webhooks", json: body, headers: ["Idempotency-Key": "hook-1"])
        let again = try buyer.client.post("/v1/webhooks", json: body, headers: ["Idempotency-Key": "hook-1"])
        XCTAssertEqual(first.status, 201)
        XCTAssertEqual(again.status, 201)
        XCTAssertEqual(first.json["id"], again.json["id"])
        XCTAssertEqual(try buyer.client.get("/v1/webhooks").json["data"]?.arrayValue?.count, 1)
    }
}
