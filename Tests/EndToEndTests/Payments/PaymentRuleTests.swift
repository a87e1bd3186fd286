import Foundation
import MarketCore
import XCTest

/// The pure rules under payments: status derivation, invoice status and days overdue, aging buckets and
/// the callback signature check — no database.
final class PaymentRuleTests: XCTestCase {
    func testPaymentStatusFollowsWhatIsOwedPaidAndRefunded() {
        XCTAssertEqual(PaymentStatus.derive(owed: 100, paid: 0, refunded: 0), .unpaid)
        XCTAssertEqual(PaymentStatus.derive(owed: 100, paid: 1, refunded: 0), .partiallyPaid)
        XCTAssertEqual(PaymentStatus.derive(owed: 100, paid: 100, refunded: 0), .paid)
        XCTAssertEqual(PaymentStatus.derive(owed: 70, paid: 70, refunded: 30), .paid, "a partial refund leaves the rest paid")
        XCTAssertEqual(PaymentStatus.derive(owed: 0, paid: 0, refunded: 100), .refunded)
        XCTAssertEqual(PaymentStatus.derive(owed: 0, paid: 0, refunded: 0), .unpaid)
    }

    func testInvoiceStatusIsOverdueOnlyAfterTheDueInstantWithSomethingDue() {
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertEqual(InvoiceStatus.stored(due: 100, paid: 0), .open)
        XCTAssertEqual(InvoiceStatus.stored(due: 60, paid: 40), .partiallyPaid)
        XCTAssertEqual(InvoiceStatus.stored(due: 0, paid: 0), .paid, "settled by returns")
        XCTAssertEqual(InvoiceStatus.effective(stored: .open, due: 100, dueAt: due, now: due), .open)
        XCTAssertEqual(InvoiceStatus.effective(stored: .partiallyPaid, due: 60, dueAt: due, now: due.addingTimeInterval(1)), .overdue)
        XCTAssertEqual(InvoiceStatus.effective(stored: .paid, due: 0, dueAt: due, now: due.addingTimeInterval(1e6)), .paid)
        XCTAssertEqual(InvoiceStatus.daysOverdue(dueAt: due, now: due), 0)
        XCTAssertEqual(InvoiceStatus.daysOverdue(dueAt: due, now: due.addingTimeInterval(1)), 1)
        XCTAssertEqual(InvoiceStatus.daysOverdue(dueAt: due, now: due.addingTimeInterval(86_400)), 1)
        XCTAssertEqual(InvoiceStatus.daysOverdue(dueAt: due, now: due.addingTimeInterval(86_401)), 2)
    }

    func testAgingBucketBoundaries() {
        let cases: [(Int, AgingBucket)] = [
            (-5, .current), (0, .current), (1, .days1To30), (30, .days1To30), (31, .days31To60), (60, .days31To60),
            (61, .days61To90), (90, .days61To90), (91, .over90), (10_000, .over90),
        ]
        for (days, bucket) in cases { XCTAssertEqual(AgingBucket(daysOverdue: days), bucket, "\(days)") }
    }

    func testCallbackSignatureChecks() throws {
        let secret = "psk_rule"
        let body = Array(#"{"order_id":"ord_1"}"#.utf8)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let t: Int64 = 1_800_000_000
        let good = PaymentCallbackSignature.header(secret: secret, timestamp: t, body: body)
        XCTAssertEqual(try PaymentCallbackSignature.verify(header: good, secret: secret, body: body, now: now), t)
        // Rotation: any v1 may match; unknown schemes are ignored.
        let rotated = "t=\(t),v1=\(String(repeating: "0", count: 64)),v0=x,\(good.split(separator: ",")[1])"
        XCTAssertEqual(try PaymentCallbackSignature.verify(header: rotated, secret: secret, body: body, now: now), t)
        func failure(_ header: String?, now: Date = now) -> PaymentCallbackSignature.Failure? {
            do {
                _ = try PaymentCallbackSignature.verify(header: header, secret: secret, body: body, now: now)
                return nil
            } catch { return error }
        }
        XCTAssertEqual(failure(nil), .missing)
        XCTAssertEqual(failure("t=\(t)"), .malformed)
        XCTAssertEqual(failure("t=abc,v1=00"), .malformed)
        XCTAssertEqual(failure("t=99999999999999999999,v1=00"), .malformed)
        XCTAssertEqual(failure("t=\(t),t=\(t),v1=00"), .malformed)
        XCTAssertEqual(failure("garbage"), .malformed)
        XCTAssertEqual(failure(good, now: now.addingTimeInterval(301)), .stale(seconds: 301))
        XCTAssertEqual(failure(good, now: now.addingTimeInterval(-301)), .stale(seconds: -301))
        XCTAssertNil(failure(good, now: now.addingTimeInterval(300)))
        XCTAssertEqual(failure(PaymentCallbackSignature.header(secret: "other", timestamp: t, body: body)), .mismatch)
        XCTAssertEqual(failure(good.uppercased().replacingOccurrences(of: "T=", with: "t=").replacingOccurrences(of: "V1=", with: "v1=")), nil,
                       "hex in either case")
    }
}
