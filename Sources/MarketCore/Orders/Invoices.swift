import Foundation
import Store

/// Net-terms invoices: issued when the order is delivered (the goods are the buyer's from then on), due
/// 30 or 60 days later (`payment_terms`). Numbers are `INV-00000001`, `INV-00000002`, …: the counter row is
/// incremented in the issuing transaction, which serializes issuers on the single writer and rolls the
/// number back with a failed delivery, so the sequence has no gaps and no duplicates.
///
/// Payments (issue 14) maintain `paid_minor` and `status`; returns raise `credited_minor`.
public enum Invoices {
    public static let counterName = "invoice"

    /// Issues the invoice of a delivered net-terms order; returns its id (nil for prepaid orders, or if it
    /// already has one).
    @discardableResult
    public static func issueOnDelivery(_ db: Connection, orderID: String, at now: Date) throws -> String? {
        guard let order = try db.queryOne(
            """
            SELECT buyer_id, seller_id, currency, total_minor, refunded_minor, payment_terms,
                   EXISTS (SELECT 1 FROM invoices WHERE order_id = orders.id) AS invoiced
            FROM orders WHERE id = ?
            """, [.text(orderID)]),
            let terms = order.string("payment_terms").flatMap(PaymentTerms.init(rawValue:)), terms.isCredit,
            order.bool("invoiced") == false
        else { return nil }
        guard let sequence = try db.queryOne(
            "UPDATE invoice_counters SET last_value = last_value + 1 WHERE name = ? RETURNING last_value",
            [.text(counterName)])?.int64("last_value")
        else { throw StoreError(code: 1, message: "invoice counter row is missing") }
        let id = ID.make("inv")
        let nowText = Timestamp.format(now)
        let due = Timestamp.format(now.addingTimeInterval(TimeInterval(terms.netDays) * 86_400))
        try db.execute(
            """
            INSERT INTO invoices (id, number, sequence, order_id, buyer_id, seller_id, currency, amount_minor, credited_minor,
                paid_minor, status, payment_terms, issued_at, due_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'open', ?, ?, ?, ?)
            """,
            [.text(id), .text(number(sequence)), .integer(sequence), .text(orderID), OrderWriter.text(order.string("buyer_id")),
             OrderWriter.text(order.string("seller_id")), OrderWriter.text(order.string("currency")), .integer(order.int64("total_minor") ?? 0),
             .integer(order.int64("refunded_minor") ?? 0), .text(terms.rawValue), .text(nowText), .text(due), .text(nowText)])
        return id
    }

    /// A refund lowers what the invoice asks for.
    public static func credit(_ db: Connection, orderID: String, minorUnits: Int64, at now: String) throws {
        try db.execute(
            "UPDATE invoices SET credited_minor = credited_minor + ?, updated_at = ? WHERE order_id = ?",
            [.integer(minorUnits), .text(now), .text(orderID)])
    }

    public static func number(_ sequence: Int64) -> String {
        let digits = String(sequence)
        return "INV-" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
