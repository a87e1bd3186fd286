import Crypto
import Foundation
import HTTPServer
import Store
import Web

/// The payment provider's callbacks (`POST /v1/payments/callback`), once the signature is verified:
/// `succeeded` records the payment exactly as a finance user would (`Payments.record`), `failed` records
/// the attempt only.
///
/// Replay-safe: each (provider reference, status) is processed once. Its answer is stored in
/// `payment_callbacks` in the same transaction as the payment, and the table's PRIMARY KEY refuses a
/// second row even if two copies race, so a replay changes nothing. A replay of the same body answers the
/// stored answer again (200, `Idempotent-Replayed: true`) — the provider sees success and stops retrying;
/// a different body under a processed reference is 409 `reference_conflict`. A callback refused on its
/// merits (unknown order, wrong currency, overpayment: 404/409/422) is not stored: nothing changed, and the
/// same message is refused the same way again, since what is due never grows.
public struct PaymentCallbacks: Sendable {
    let services: MarketServices

    public init(services: MarketServices) { self.services = services }

    public struct Callback: Sendable {
        public var orderID: String
        public var amount: Money
        public var succeeded: Bool
        public var reference: String
        public var method: PaymentMethod
        public var signedAt: Int64

        public init(orderID: String, amount: Money, succeeded: Bool, reference: String, method: PaymentMethod, signedAt: Int64) {
            self.orderID = orderID
            self.amount = amount
            self.succeeded = succeeded
            self.reference = reference
            self.method = method
            self.signedAt = signedAt
        }
    }

    public func process(_ callback: Callback, body: [UInt8]) throws -> HTTPResponse {
        let bodyHash = Hex.encode(SHA256.hash(body))
        let status = callback.succeeded ? "succeeded" : "failed"
        do {
            return try services.database.write { db in
                if let stored = try replay(db, reference: callback.reference, status: status, bodyHash: bodyHash) { return stored }
                let payments = Payments(services: services)
                let paymentID = try payments.record(
                    db,
                    Payments.Received(orderID: callback.orderID, invoiceID: nil, amount: callback.amount, method: callback.method,
                                      reference: callback.reference, source: .provider, succeeded: callback.succeeded),
                    actor: nil)
                let answer: JSON = [
                    "received": true, "result": .string(callback.succeeded ? "payment_recorded" : "attempt_recorded"),
                    "payment": try PaymentView.detail(db, paymentID: paymentID) ?? .null,
                ]
                let text = JSONSerializer.string(answer)
                try db.execute(
                    """
                    INSERT INTO payment_callbacks (reference, status, body_sha256, order_id, payment_id, response_status, response_body,
                        signed_at, received_at)
                    VALUES (?, ?, ?, ?, ?, 200, ?, ?, ?)
                    """,
                    [.text(callback.reference), .text(status), .text(bodyHash), .text(callback.orderID), .text(paymentID), .text(text),
                     .text(Timestamp.format(Date(timeIntervalSince1970: TimeInterval(callback.signedAt)))), .text(services.nowText())])
                return .json(answer)
            }
        } catch let error as StoreError where error.isUniqueViolation {
            // A concurrent copy won the race and rolled this one back whole: answer what it stored.
            if let stored = try services.database.read({ db in
                try replay(db, reference: callback.reference, status: status, bodyHash: bodyHash)
            }) { return stored }
            throw error
        }
    }

    /// The stored answer for a processed (reference, status), nil when it is new.
    func replay(_ db: Connection, reference: String, status: String, bodyHash: String) throws -> HTTPResponse? {
        guard let row = try db.queryOne(
            "SELECT body_sha256, response_status, response_body FROM payment_callbacks WHERE reference = ? AND status = ?",
            [.text(reference), .text(status)])
        else { return nil }
        guard row.string("body_sha256") == bodyHash else {
            throw APIError(
                .conflict, code: "reference_conflict",
                detail: LocalizedText(
                    en: "A different \(status) callback with the reference \(reference) was already processed; nothing was changed.",
                    ko: "참조번호 \(reference)의 다른 \(status) 콜백이 이미 처리되었습니다. 변경된 것은 없습니다."))
        }
        return HTTPResponse(
            status: HTTPStatus(row.int("response_status") ?? 200),
            headers: ["Content-Type": "application/json", "Idempotent-Replayed": "true"],
            body: Array((row.string("response_body") ?? "{}").utf8))
    }
}
