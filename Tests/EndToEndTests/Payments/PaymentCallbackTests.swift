import Foundation
import MarketCore
import Store
import Web
import XCTest

/// The payment provider's signed callback: recorded like an operator's payment when genuine, refused when
/// forged or stale, and replay-safe — a replay changes nothing, even when the copies race.
final class PaymentCallbackTests: XCTestCase {
    private func setUp(market: TestMarket? = nil) throws -> (OrderFixture, String) {
        let f = try OrderFixture(market: market ?? TestMarket.withPaymentProvider())
        let product = try f.listing(price: "25.00", stock: 100)
        let id = try f.placeOrder(product, quantity: 4)["id"]?.stringValue ?? ""  // 100.00 USD, prepaid
        return (f, id)
    }

    private func body(_ orderID: String, _ amount: String, status: String = "succeeded", reference: String = "pi_3Q0abc") -> JSON {
        ["order_id": .string(orderID), "amount": OrderFixture.money(amount, "USD"), "status": .string(status), "reference": .string(reference)]
    }

    func testASignedCallbackRecordsThePaymentAndAReplayChangesNothing() throws {
        let (f, id) = try setUp()
        let response = try f.callback(body(id, "100.00"))
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["result"], "payment_recorded")
        XCTAssertEqual(response.json["payment"]?["source"], "provider")
        XCTAssertEqual(response.json["payment"]?["method"], "card")
        XCTAssertEqual(try f.buyerOrder(id)["payment_status"], "paid")
        XCTAssertEqual(try f.confirmAndShip(id).status, 200, "paid through the provider, it ships")

        // The same message again, later but within the 5 minutes: the stored answer, nothing new.
        f.market.clock.advance(seconds: 120)
        let replay = try f.callback(body(id, "100.00"), timestamp: Int64(f.market.clock.now().timeIntervalSince1970) - 120)
        XCTAssertEqual(replay.status, 200, replay.text)
        XCTAssertEqual(replay.headers["Idempotent-Replayed"], "true")
        XCTAssertEqual(replay.body, response.body)
        XCTAssertEqual(try f.paymentCount(id), 1)

        // Re-signed with a fresh timestamp: still the same provider reference, still nothing new.
        XCTAssertEqual(try f.callback(body(id, "100.00")).headers["Idempotent-Replayed"], "true")
        // A different message reusing the reference is refused.
        XCTAssertEqual(try f.callback(body(id, "1.00")).status, 409)
        XCTAssertEqual(try f.paymentCount(id), 1)
        XCTAssertEqual(try f.buyerOrder(id)["paid"], OrderFixture.money("100.00", "USD"))
        try f.assertLedgerBalanced()
    }

    func testForgedStaleAndUnsignedCallbacksAreRefused() throws {
        let (f, id) = try setUp()
        let now = Int64(f.market.clock.now().timeIntervalSince1970)
        func refused(_ response: TestResponse, _ code: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(response.status, 401, response.text, file: file, line: line)
            XCTAssertEqual(response.json["type"]?.stringValue?.hasSuffix(code), true, response.text, file: file, line: line)
        }
        refused(try f.callback(body(id, "100.00"), secret: "not-the-provider-secret"), "signature_invalid")
        // Signed, then tampered with: the MAC covers the raw body.
        let signed = PaymentCallbackSignature.header(secret: TestMarket.paymentProviderSecret, timestamp: now,
                                                     body: JSONSerializer.serialize(body(id, "1.00")))
        refused(try f.callback(body(id, "100.00"), signature: signed), "signature_invalid")
        refused(try f.callback(body(id, "100.00"), timestamp: now - 301), "signature_stale")
        refused(try f.callback(body(id, "100.00"), timestamp: now + 301), "signature_stale")
        refused(try f.callback(body(id, "100.00"), signature: "v1=abc"), "signature_malformed")
        refused(try f.callback(body(id, "100.00"), signature: "t=\(now),v1=zz"), "signature_invalid")
        let unsigned = try f.market.client.post("/v1/payments/callback", json: body(id, "100.00"))
        refused(unsigned, "signature_missing")
        XCTAssertEqual(try f.callback(body(id, "100.00"), timestamp: now - 299).status, 200, "just inside the window")
        XCTAssertEqual(try f.paymentCount(id), 1)
    }

    func testAFailedAttemptIsRecordedWithoutMoneyAndBadCallbacksChangeNothing() throws {
        let (f, id) = try setUp()
        var response = try f.callback(body(id, "100.00", status: "failed", reference: "pi_declined"))
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["result"], "attempt_recorded")
        XCTAssertEqual(response.json["payment"]?["ledger_entry_id"], .null)
        XCTAssertEqual(try f.paymentCount(id, status: "failed"), 1)
        XCTAssertEqual(try f.buyerOrder(id)["payment_status"], "unpaid")

        // The same reference may still succeed afterwards (a retried card), once.
        XCTAssertEqual(try f.callback(body(id, "100.00", reference: "pi_declined")).status, 200)
        XCTAssertEqual(try f.buyerOrder(id)["payment_status"], "paid")

        response = try f.callback(body(id, "0.01", reference: "pi_more"))
        XCTAssertEqual(response.status, 422, "overpayment")
        XCTAssertEqual(try f.callback(body("ord_unknown", "1.00", reference: "pi_x")).status, 404)
        response = try f.callback(["order_id": .string(id), "status": "maybe"])
        XCTAssertEqual(Set(OrderFixture.fields(response)), ["amount", "status", "reference"])
        XCTAssertEqual(try f.paymentCount(id), 1)
        let listed = try f.admin.client.get("/v1/admin/payments?order_id=\(id)&source=provider").json["data"]?.arrayValue ?? []
        XCTAssertEqual(listed.map { $0["status"]?.stringValue ?? "" }, ["succeeded", "failed"])
    }

    func testConcurrentCopiesOfOneCallbackRecordOnePayment() throws {
        let (f, id) = try setUp()
        let statuses = Mutex<[Int]>([])
        let bytes = JSONSerializer.serialize(body(id, "60.00", reference: "pi_race"))
        let signature = PaymentCallbackSignature.header(
            secret: TestMarket.paymentProviderSecret, timestamp: Int64(f.market.clock.now().timeIntervalSince1970), body: bytes)
        let client = f.market.client
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let response = try? client.send(.post, "/v1/payments/callback",
                                            headers: ["Content-Type": "application/json", "Marketplace-Signature": signature], body: bytes)
            statuses.withLock { $0.append(response?.status ?? -1) }
        }
        XCTAssertEqual(statuses.withLock { $0 }.filter { $0 == 200 }.count, 8, "\(statuses.withLock { $0 })")
        XCTAssertEqual(try f.paymentCount(id), 1)
        XCTAssertEqual(try f.buyerOrder(id)["paid"], OrderFixture.money("60.00", "USD"))
        try f.assertLedgerBalanced()
    }

    func testWithoutAProviderSecretTheCallbackIsNotConfigured() throws {
        let (f, id) = try setUp(market: TestMarket())
        let response = try f.callback(body(id, "100.00"))
        XCTAssertEqual(response.status, 503)
        XCTAssertEqual(response.json["type"]?.stringValue?.hasSuffix("not_configured"), true)
        XCTAssertEqual(try f.paymentCount(id), 0)
    }
}

import Synchronization
