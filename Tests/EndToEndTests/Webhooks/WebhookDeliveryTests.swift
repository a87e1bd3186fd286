import Crypto
import Foundation
import HTTPServer
import MarketApp
import MarketCore
import Web
import XCTest

/// Delivery end to end: outbox → worker → a receiver on loopback, with the manual clock driving retries.
final class WebhookDeliveryTests: XCTestCase {
    func testEventsArriveSignedAndReceiversCanVerifyThem() throws {
        let market = try TestMarket.withWebhooks()
        let supplier = try market.activeSupplier()
        let receiver = try WebhookReceiver()
        let (_, secret) = try market.subscribe(supplier, url: receiver.url(), events: ["order.placed"])
        XCTAssertTrue(secret.hasPrefix("whsec_"))

        let eventID = try market.publish(.orderPlaced, data: ["order_id": "ord_1", "total": ["amount": "12.50", "currency": "USD"]],
                                         audience: [supplier.organizationID])
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)

        XCTAssertEqual(receiver.received.count, 1)
        let request = try XCTUnwrap(receiver.received.first)
        XCTAssertEqual(request.path, "/hooks")
        XCTAssertEqual(request.headers["Content-Type"], "application/json")
        XCTAssertEqual(request.headers["Marketplace-Event-Id"], eventID)
        XCTAssertEqual(request.headers["Marketplace-Event-Type"], "order.placed")
        XCTAssertNotNil(request.headers["User-Agent"])
        XCTAssertEqual(request.json["id"]?.stringValue, eventID)
        XCTAssertEqual(request.json["type"]?.stringValue, "order.placed")
        XCTAssertEqual(request.json["data"]?["order_id"]?.stringValue, "ord_1")
        XCTAssertEqual(request.json["created_at"]?.stringValue, Timestamp.format(market.clock.now()))

        // Verify as a receiver would: parse t and v1, recompute HMAC-SHA256(secret, "t.body"), check the age.
        let header = try XCTUnwrap(request.headers["Marketplace-Signature"])
        var fields: [String: String] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            fields[pair[0]] = pair[1]
        }
        let t = try XCTUnwrap(fields["t"].flatMap { Int64($0) })
        XCTAssertEqual(t, Int64(market.clock.now().timeIntervalSince1970))
        let expected = HMACSHA256.hex(key: secret, message: "\(t)." + String(decoding: request.body, as: UTF8.self))
        XCTAssertEqual(fields["v1"], expected)
        XCTAssertTrue(WebhookSignature.isValid(header: header, secret: secret, body: request.body, now: market.clock.now()))
        // A tampered body, a wrong secret and a stale timestamp all fail.
        XCTAssertFalse(WebhookSignature.isValid(header: header, secret: secret, body: request.body + [0x20], now: market.clock.now()))
        XCTAssertFalse(WebhookSignature.isValid(header: header, secret: "whsec_wrong", body: request.body, now: market.clock.now()))
        XCTAssertFalse(WebhookSignature.isValid(header: header, secret: secret, body: request.body, now: market.clock.now().addingTimeInterval(301)))

        // Nothing more to do; the log shows one delivered attempt.
        XCTAssertEqual(try market.app.webhooks.runOnce(), 0)
    }

    func testAFailingReceiverGetsTheRetryAndTheLogShowsEveryAttempt() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        let receiver = try WebhookReceiver(statuses: [500, 503])
        let (webhookID, secret) = try market.subscribe(buyer, url: receiver.url(), events: ["order.shipped"])
        let eventID = try market.publish(.orderShipped, audience: [buyer.organizationID])

        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        XCTAssertEqual(receiver.received.count, 1)
        // Not due yet: nothing happens without time passing.
        XCTAssertEqual(try market.app.webhooks.runOnce(), 0)
        market.clock.advance(seconds: 10.5)  // the first retry comes exactly 10 s later (base of the backoff)
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        XCTAssertEqual(receiver.received.count, 2)
        market.clock.advance(seconds: 21)  // the second retry within [10 s, 20 s]
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        XCTAssertEqual(receiver.received.count, 3)
        XCTAssertEqual(Set(receiver.received.map(\.eventID)), [eventID], "every attempt carries the same event id")
        XCTAssertEqual(receiver.received.map { $0.headers["Marketplace-Delivery-Attempt"] ?? "" }, ["1", "2", "3"])
        for request in receiver.received {
            // Each attempt is signed afresh with its own timestamp.
            XCTAssertTrue(WebhookSignature.isValid(header: request.headers["Marketplace-Signature"] ?? "", secret: secret,
                                                   body: request.body, now: market.clock.now(), tolerance: 60))
        }

        let log = try buyer.client.get("/v1/webhooks/\(webhookID)/deliveries")
        XCTAssertEqual(log.status, 200, log.text)
        let delivery = try XCTUnwrap(log.json["data"]?.arrayValue?.first)
        XCTAssertEqual(delivery["status"], "delivered")
        XCTAssertEqual(delivery["event_id"]?.stringValue, eventID)
        XCTAssertEqual(delivery["event_type"], "order.shipped")
        XCTAssertEqual(delivery["attempt_count"], 3)
        let attempts = try XCTUnwrap(delivery["attempts"]?.arrayValue)
        XCTAssertEqual(attempts.map { $0["status_code"] ?? .null }, [.int(500), .int(503), .int(200)])
        XCTAssertEqual(attempts.map { $0["outcome"]?.stringValue ?? "" }, ["failed", "failed", "delivered"])
        XCTAssertNotNil(attempts[0]["next_attempt_at"]?.stringValue, "a failed attempt shows when the next one is due")
        XCTAssertNotNil(attempts[0]["duration_ms"]?.int64Value)
        XCTAssertEqual(attempts[0]["response_excerpt"]?.stringValue, "status 500")

        let webhook = try buyer.client.get("/v1/webhooks/\(webhookID)")
        XCTAssertEqual(webhook.json["consecutive_failures"], 0, "a success resets the failure count")
        XCTAssertEqual(webhook.json["status"], "active")
    }

    func testARefusedConnectionIsRetriedAndLogged() throws {
        let market = try TestMarket.withWebhooks()
        let supplier = try market.activeSupplier()
        // A port nobody listens on: bind a receiver, note its port, stop it.
        var receiver: WebhookReceiver? = try WebhookReceiver()
        let url = receiver?.url() ?? ""
        receiver = nil
        let (webhookID, _) = try market.subscribe(supplier, url: url, events: ["settlement.created"])
        try market.publish(.settlementCreated, audience: [supplier.organizationID])
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        let log = try supplier.client.get("/v1/webhooks/\(webhookID)/deliveries").json
        let delivery = try XCTUnwrap(log["data"]?.arrayValue?.first)
        XCTAssertEqual(delivery["status"], "pending")
        XCTAssertTrue(delivery["last_error"]?.stringValue?.contains("refused") == true, "\(delivery)")
        XCTAssertEqual(delivery["attempts"]?.arrayValue?.first?["status_code"], .null)
    }

    func testOneOrganizationNeverReceivesAnothersEvents() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        let supplier = try market.activeSupplier()
        let stranger = try market.activeSupplier()
        let buyerReceiver = try WebhookReceiver()
        let supplierReceiver = try WebhookReceiver()
        let strangerReceiver = try WebhookReceiver()
        let all = EventType.names
        _ = try market.subscribe(buyer, url: buyerReceiver.url(), events: all)
        _ = try market.subscribe(supplier, url: supplierReceiver.url(), events: all)
        _ = try market.subscribe(stranger, url: strangerReceiver.url(), events: all)

        let order = try market.publish(.orderPlaced, audience: [buyer.organizationID, supplier.organizationID])
        let invitation = try market.publish(.rfqInvited, audience: [supplier.organizationID])
        let quote = try market.publish(.quoteSubmitted, audience: [buyer.organizationID])
        XCTAssertEqual(try market.app.webhooks.runOnce(), 4)

        XCTAssertEqual(Set(buyerReceiver.received.map(\.eventID)), [order, quote])
        XCTAssertEqual(Set(supplierReceiver.received.map(\.eventID)), [order, invitation])
        XCTAssertEqual(strangerReceiver.received.count, 0)
    }

    func testOnlySubscribedTypesAndActiveSubscriptionsGetDeliveries() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        let shipped = try WebhookReceiver()
        let everything = try WebhookReceiver()
        let deleted = try WebhookReceiver()
        _ = try market.subscribe(buyer, url: shipped.url(), events: ["order.shipped"])
        _ = try market.subscribe(buyer, url: everything.url(), events: EventType.names)
        let (deletedID, _) = try market.subscribe(buyer, url: deleted.url(), events: EventType.names)
        XCTAssertEqual(try buyer.client.delete("/v1/webhooks/\(deletedID)").status, 204)

        try market.publish(.orderPlaced, audience: [buyer.organizationID])
        try market.publish(.orderShipped, audience: [buyer.organizationID])
        _ = try market.app.webhooks.runOnce()
        XCTAssertEqual(shipped.received.map(\.type), ["order.shipped"])
        XCTAssertEqual(Set(everything.received.map(\.type)), ["order.placed", "order.shipped"])
        XCTAssertEqual(deleted.received.count, 0)
    }

    func testAnEventRolledBackWithItsTransactionIsNeverSent() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        let receiver = try WebhookReceiver()
        _ = try market.subscribe(buyer, url: receiver.url(), events: ["order.placed"])
        struct Abort: Error {}
        XCTAssertThrowsError(try market.app.services.database.write { db in
            try Outbox.publish(db, type: "order.placed", data: ["order_id": "ord_x"], audience: [buyer.organizationID], at: market.app.services.nowText())
            throw Abort()
        })
        XCTAssertEqual(try market.app.webhooks.runOnce(), 0)
        XCTAssertEqual(receiver.received.count, 0)
    }

    func testARestartBetweenPublishAndDeliveryLosesNothing() throws {
        let market = try TestMarket.withWebhooks()
        let supplier = try market.activeSupplier()
        let receiver = try WebhookReceiver(statuses: [500])
        let (webhookID, secret) = try market.subscribe(supplier, url: receiver.url(), events: ["rfq.invited", "rfq.awarded"])
        let first = try market.publish(.rfqInvited, audience: [supplier.organizationID])
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)  // fails with 500, retry scheduled
        let second = try market.publish(.rfqAwarded, audience: [supplier.organizationID])

        // "Crash": the first process goes away without delivering anything more.
        market.app.services.database.close()
        let restarted = try MarketApplication(configuration: market.app.configuration, clock: market.clock)
        defer { restarted.services.database.close() }

        market.clock.advance(seconds: 3600)
        XCTAssertEqual(try restarted.webhooks.runOnce(), 2)
        let delivered = receiver.received
        XCTAssertEqual(delivered.count, 3)
        XCTAssertEqual(Set(delivered.suffix(2).map(\.eventID)), [first, second])
        for request in delivered.suffix(2) {
            XCTAssertTrue(WebhookSignature.isValid(header: request.headers["Marketplace-Signature"] ?? "", secret: secret,
                                                   body: request.body, now: market.clock.now()))
        }
        let statuses = try restarted.services.database.read { db in
            try db.query("SELECT status FROM webhook_deliveries WHERE subscription_id = ?", [.text(webhookID)]).compactMap { $0.string("status") }
        }
        XCTAssertEqual(statuses, ["delivered", "delivered"])
    }

    func testAnAttemptInterruptedByACrashIsSentAgainAfterItsLease() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        let receiver = try WebhookReceiver()
        let (webhookID, _) = try market.subscribe(buyer, url: receiver.url(), events: ["order.delivered"])
        let eventID = try market.publish(.orderDelivered, audience: [buyer.organizationID])
        // The state a claim leaves behind when the process dies mid-attempt: leased, attempt 1 counted.
        let now = market.clock.now()
        try market.app.services.database.write { db in
            try db.execute(
                "UPDATE webhook_deliveries SET status = 'delivering', attempts = 1, last_attempt_at = ?, next_attempt_at = ?",
                [.text(Timestamp.format(now)), .text(Timestamp.format(now.addingTimeInterval(32)))])
        }
        market.app.services.database.close()
        let restarted = try MarketApplication(configuration: market.app.configuration, clock: market.clock)
        defer { restarted.services.database.close() }

        XCTAssertEqual(try restarted.webhooks.runOnce(), 0, "the lease still holds")
        market.clock.advance(seconds: 33)
        XCTAssertEqual(try restarted.webhooks.runOnce(), 1)
        XCTAssertEqual(receiver.received.map(\.eventID), [eventID])
        XCTAssertEqual(receiver.received.first?.headers["Marketplace-Delivery-Attempt"], "2")
        let outcomes = try restarted.services.database.read { db in
            try db.query(
                """
                SELECT a.outcome FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
                WHERE d.subscription_id = ? ORDER BY a.attempt
                """, [.text(webhookID)]).compactMap { $0.string("outcome") }
        }
        XCTAssertEqual(outcomes, ["interrupted", "delivered"])
    }

    func testRepeatedFailureDisablesTheWebhookAndEnablingResumesIt() throws {
        let market = try TestMarket.withWebhooks { $0.disableAfterConsecutiveFailures = 4 }
        let supplier = try market.activeSupplier()
        let receiver = try WebhookReceiver(defaultStatus: 500)
        let (webhookID, _) = try market.subscribe(supplier, url: receiver.url(), events: ["order.placed"])
        var events: [String] = []
        for _ in 0..<6 { events.append(try market.publish(.orderPlaced, audience: [supplier.organizationID])) }

        // A failing endpoint is probed by one delivery at a time, once per pause.
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        XCTAssertEqual(try market.app.webhooks.runOnce(), 0, "paused after a failure")
        for _ in 0..<3 {
            market.clock.advance(seconds: 3700)
            XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        }
        XCTAssertEqual(receiver.received.count, 4)
        let disabled = try supplier.client.get("/v1/webhooks/\(webhookID)")
        XCTAssertEqual(disabled.json["status"], "disabled")
        XCTAssertTrue(disabled.json["disabled_reason"]?.stringValue?.contains("4 consecutive failed") == true, disabled.text)
        XCTAssertTrue(disabled.json["disabled_reason"]?.stringValue?.contains("HTTP 500") == true, disabled.text)

        // Disabled: nothing is attempted, new events are not queued for it, redelivery is refused.
        market.clock.advance(seconds: 7200)
        try market.publish(.orderPlaced, audience: [supplier.organizationID])
        XCTAssertEqual(try market.app.webhooks.runOnce(), 0)
        let anyDelivery = try XCTUnwrap(try supplier.client.get("/v1/webhooks/\(webhookID)/deliveries").json["data"]?.arrayValue?.first?["id"]?.stringValue)
        XCTAssertEqual(try supplier.client.post("/v1/webhooks/\(webhookID)/deliveries/\(anyDelivery)/redeliver", json: [:]).status, 409)

        // The receiver is fixed; enabling sends what was waiting (the six original events).
        receiver.script([], thenDefault: 200)
        let enabled = try supplier.client.post("/v1/webhooks/\(webhookID)/enable", json: [:])
        XCTAssertEqual(enabled.status, 200, enabled.text)
        XCTAssertEqual(enabled.json["status"], "active")
        XCTAssertEqual(enabled.json["consecutive_failures"], 0)
        XCTAssertEqual(enabled.json["disabled_reason"], .null)
        XCTAssertEqual(try market.app.webhooks.runOnce(), 6)
        XCTAssertEqual(Set(receiver.received.suffix(6).map(\.eventID)), Set(events))
    }

    func testADeliveryIsGivenUpAfterItsAttemptsAreExhausted() throws {
        let market = try TestMarket.withWebhooks { settings in
            settings.maxAttempts = 3
            settings.disableAfterConsecutiveFailures = 100
        }
        let buyer = try market.signUp(.buyer)
        let receiver = try WebhookReceiver(defaultStatus: 410)
        let (webhookID, _) = try market.subscribe(buyer, url: receiver.url(), events: ["order.returned"])
        try market.publish(.orderReturned, audience: [buyer.organizationID])
        for _ in 0..<5 {
            _ = try market.app.webhooks.runOnce()
            market.clock.advance(seconds: 3700)
        }
        XCTAssertEqual(receiver.received.count, 3)
        let delivery = try XCTUnwrap(try buyer.client.get("/v1/webhooks/\(webhookID)/deliveries").json["data"]?.arrayValue?.first)
        XCTAssertEqual(delivery["status"], "failed")
        XCTAssertEqual(delivery["next_attempt_at"], .null)
        XCTAssertEqual(delivery["last_status_code"], 410)
        XCTAssertEqual(try buyer.client.get("/v1/webhooks/\(webhookID)").json["status"], "active")
    }

    func testManualRedeliveryOfADeliveredEvent() throws {
        let market = try TestMarket.withWebhooks()
        let buyer = try market.signUp(.buyer)
        let receiver = try WebhookReceiver()
        let (webhookID, _) = try market.subscribe(buyer, url: receiver.url(), events: ["review.created"])
        let eventID = try market.publish(.reviewCreated, audience: [buyer.organizationID])
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        let deliveryID = try XCTUnwrap(try buyer.client.get("/v1/webhooks/\(webhookID)/deliveries").json["data"]?.arrayValue?.first?["id"]?.stringValue)

        let scheduled = try buyer.client.post("/v1/webhooks/\(webhookID)/deliveries/\(deliveryID)/redeliver", json: [:])
        XCTAssertEqual(scheduled.status, 202, scheduled.text)
        XCTAssertEqual(scheduled.json["status"], "pending")
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        XCTAssertEqual(receiver.received.map(\.eventID), [eventID, eventID])

        // A manual attempt that fails is not retried automatically.
        receiver.script([500])
        XCTAssertEqual(try buyer.client.post("/v1/webhooks/\(webhookID)/deliveries/\(deliveryID)/redeliver", json: [:]).status, 202)
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        market.clock.advance(seconds: 4 * 3600)  // well past any retry (login tokens last 12 h)
        XCTAssertEqual(try market.app.webhooks.runOnce(), 0)
        let delivery = try buyer.client.get("/v1/webhooks/\(webhookID)/deliveries/\(deliveryID)")
        XCTAssertEqual(delivery.status, 200)
        XCTAssertEqual(delivery.json["status"], "failed")
        XCTAssertEqual(delivery.json["attempts"]?.arrayValue?.map { $0["manual"] ?? .null }, [false, true, true])
        XCTAssertEqual(delivery.json["attempts"]?.arrayValue?.map { $0["attempt"] ?? .null }, [1, 2, 3])

        // Another organization cannot see or redeliver it.
        let other = try market.signUp(.buyer)
        XCTAssertEqual(try other.client.post("/v1/webhooks/\(webhookID)/deliveries/\(deliveryID)/redeliver", json: [:]).status, 404)
        XCTAssertEqual(try other.client.get("/v1/webhooks/\(webhookID)/deliveries/\(deliveryID)").status, 404)
    }

    func testPrivateAddressesAreRefusedAtDeliveryTimeWhenNotAllowed() throws {
        // The server does not allow private addresses; a subscription pointing at loopback (as if a
        // public name now resolved there: DNS rebinding) is refused when connecting.
        let market = try TestMarket()
        let buyer = try market.signUp(.buyer)
        let receiver = try WebhookReceiver()
        XCTAssertEqual(try buyer.client.post("/v1/webhooks", json: ["url": .string(receiver.url()), "events": ["order.placed"]]).status, 422)
        try market.app.services.database.write { db in
            try db.execute(
                """
                INSERT INTO webhook_subscriptions (id, organization_id, url, events, secret, status, created_at, updated_at)
                VALUES ('whk_rebound', ?, ?, '["order.placed"]', 'whsec_x', 'active', ?, ?)
                """, [.text(buyer.organizationID), .text(receiver.url()), .text(market.app.services.nowText()), .text(market.app.services.nowText())])
        }
        try market.publish(.orderPlaced, audience: [buyer.organizationID])
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)
        XCTAssertEqual(receiver.received.count, 0)
        let error = try market.app.services.database.read { db in
            try db.queryOne("SELECT error FROM webhook_attempts")?.string("error")
        }
        XCTAssertNotNil(error)
        XCTAssertTrue(error?.contains("not allowed") == true || error?.contains("url refused") == true, error ?? "")
    }

    func testTheBackgroundWorkerDeliversWithoutBeingAsked() throws {
        let market = try TestMarket.withWebhooks { $0.workerThreads = 2 }
        let buyer = try market.signUp(.buyer)
        let receiver = try WebhookReceiver()
        _ = try market.subscribe(buyer, url: receiver.url(), events: ["order.approved"])
        market.app.webhooks.start()
        defer { market.app.webhooks.stop() }
        for _ in 0..<20 { try market.publish(.orderApproved, audience: [buyer.organizationID]) }
        XCTAssertTrue(receiver.waitFor(count: 20), "received \(receiver.received.count)")
        market.app.webhooks.stop()
        XCTAssertEqual(Set(receiver.received.map(\.eventID)).count, 20)
    }

    func testOldFinishedDeliveriesArePurged() throws {
        let market = try TestMarket.withWebhooks { $0.retentionDays = 7 }
        let buyer = try market.signUp(.buyer)
        let receiver = try WebhookReceiver()
        _ = try market.subscribe(buyer, url: receiver.url(), events: ["order.placed"])
        try market.publish(.orderPlaced, audience: [buyer.organizationID])
        _ = try market.app.webhooks.runOnce()
        market.clock.advance(seconds: 8 * 86_400)
        try market.publish(.orderPlaced, audience: [buyer.organizationID])  // recent and pending: kept
        XCTAssertEqual(try market.app.webhooks.purgeExpired(), 1)
        let counts = try market.app.services.database.read { db in
            (try db.scalar("SELECT count(*) FROM webhook_deliveries").int64Value ?? -1,
             try db.scalar("SELECT count(*) FROM events").int64Value ?? -1,
             try db.scalar("SELECT count(*) FROM webhook_attempts").int64Value ?? -1)
        }
        XCTAssertEqual(counts.0, 1)
        XCTAssertEqual(counts.1, 1)
        XCTAssertEqual(counts.2, 0)
    }
}

/// The `https` path: OpenSSL client, certificate chain and host name verification.
final class WebhookTLSDeliveryTests: XCTestCase {
    func testDeliversOverTLSToAVerifiedHost() throws {
        let receiver = try TLSReceiver()
        defer { receiver.stop() }
        let market = try TestMarket.withWebhooks { $0.caFile = receiver.caFile }
        let buyer = try market.signUp(.buyer)
        let (webhookID, secret) = try market.subscribe(buyer, url: "https://localhost:\(receiver.port)/tls-hook", events: ["order.placed"])
        try market.publish(.orderPlaced, audience: [buyer.organizationID])
        XCTAssertEqual(try market.app.webhooks.runOnce(), 1)

        let delivery = try XCTUnwrap(try buyer.client.get("/v1/webhooks/\(webhookID)/deliveries").json["data"]?.arrayValue?.first)
        XCTAssertEqual(delivery["status"], "delivered", "\(delivery)")
        XCTAssertEqual(delivery["last_status_code"], 204)
        let request = String(decoding: try XCTUnwrap(receiver.received.first), as: UTF8.self)
        XCTAssertTrue(request.hasPrefix("POST /tls-hook HTTP/1.1\r\n"), request)
        XCTAssertTrue(request.contains("\r\nHost: localhost:\(receiver.port)\r\n"), request)
        let parts = request.components(separatedBy: "\r\n\r\n")
        let signature = parts[0].split(separator: "\r\n").first { $0.hasPrefix("Marketplace-Signature: ") }
            .map { String($0.dropFirst("Marketplace-Signature: ".count)) } ?? ""
        XCTAssertTrue(WebhookSignature.isValid(header: signature, secret: secret, body: Array(parts[1].utf8), now: market.clock.now()))
    }

    func testAnUntrustedCertificateOrAWrongHostFails() throws {
        let receiver = try TLSReceiver()
        defer { receiver.stop() }
        // The system trust store does not know the test CA.
        let untrusting = try TestMarket.withWebhooks()
        let buyer = try untrusting.signUp(.buyer)
        let (first, _) = try untrusting.subscribe(buyer, url: "https://localhost:\(receiver.port)/", events: ["order.placed"])
        try untrusting.publish(.orderPlaced, audience: [buyer.organizationID])
        XCTAssertEqual(try untrusting.app.webhooks.runOnce(), 1)
        let error = try untrusting.app.services.database.read { db in
            try db.queryOne("SELECT last_error FROM webhook_deliveries WHERE subscription_id = ?", [.text(first)])?.string("last_error")
        }
        XCTAssertTrue(error?.contains("certificate verification failed") == true, error ?? "no error")

        // Trusted CA, but the certificate names localhost, not 127.0.0.1.
        let trusting = try TestMarket.withWebhooks { $0.caFile = receiver.caFile }
        let other = try trusting.signUp(.buyer)
        let (second, _) = try trusting.subscribe(other, url: "https://127.0.0.1:\(receiver.port)/", events: ["order.placed"])
        try trusting.publish(.orderPlaced, audience: [other.organizationID])
        XCTAssertEqual(try trusting.app.webhooks.runOnce(), 1)
        let mismatch = try trusting.app.services.database.read { db in
            try db.queryOne("SELECT last_error FROM webhook_deliveries WHERE subscription_id = ?", [.text(second)])?.string("last_error")
        }
        XCTAssertTrue(mismatch?.contains("certificate verification failed") == true, mismatch ?? "no error")
    }
}
