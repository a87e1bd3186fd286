import Foundation
import Store
import Web

/// Sends back what a buyer paid beyond what it still owes — after a return on a paid (or partly paid)
/// order, or when a paid order is cancelled or rejected — the way the money came (the method of the
/// order's last payment). One refund row, one ledger posting (Dr buyer receivable / Cr cash, order
/// currency), the order's net paid amount lowered, `payment_status` and the invoice recomputed — in the
/// transaction of the return or cancellation itself (`PaymentOrderObserver`).
///
/// Only the excess is refunded: a net-terms buyer that paid 50 of 100 and returns goods worth 30 still
/// owes 20 and gets nothing back; one that paid all 100 gets 30.
public enum PaymentRefunds {
    public enum Cause: String, Sendable {
        case `return`
        case cancellation
    }

    /// Refunds the order's excess, if any; returns the refund id.
    @discardableResult
    public static func refundExcess(_ db: Connection, orderID: String, cause: Cause, returnID: String?, actor: OrderActor,
                                    at now: String) throws -> String? {
        guard let balance = try OrderBalance.load(db, orderID: orderID), balance.excess > 0 else { return nil }
        let amount = balance.money(balance.excess)
        let method = try db.scalar(
            "SELECT method FROM payments WHERE order_id = ? AND status = 'succeeded' ORDER BY created_at DESC, rowid DESC LIMIT 1",
            [.text(orderID)]).stringValue ?? PaymentMethod.bankTransfer.rawValue
        let id = ID.make("rfd")
        let memo = returnID.map { "return \($0)" } ?? "order \(orderID) \(balance.status.rawValue)"
        let posted = try Ledger.post(PaymentPostings.refund(id: id, buyerID: balance.buyerID, amount: amount, memo: memo),
                                     in: db, at: now, by: actor.userID)
        try db.execute(
            """
            INSERT INTO payment_refunds (id, order_id, buyer_id, cause, return_id, currency, amount_minor, method, ledger_entry_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(orderID), .text(balance.buyerID), .text(cause.rawValue), returnID.map { .text($0) } ?? .null,
             .text(amount.currency.code), .integer(amount.minorUnits), .text(method), .text(posted.id), .text(now)])
        try db.execute(
            "UPDATE orders SET paid_minor = paid_minor - ?, updated_at = ? WHERE id = ?",
            [.integer(amount.minorUnits), .text(now), .text(orderID)])
        try AuditLog.record(
            db, at: now, actor: nil, action: "payment.refunded", entityType: "payment_refund", entityID: id,
            after: refundJSON(id: id, orderID: orderID, cause: cause, returnID: returnID, amount: amount, method: method,
                              entryID: posted.id, actor: actor, at: now))
        return id
    }

    static func refundJSON(id: String, orderID: String, cause: Cause, returnID: String?, amount: Money, method: String,
                           entryID: String, actor: OrderActor, at: String) -> JSON {
        [
            "id": .string(id), "order_id": .string(orderID), "cause": .string(cause.rawValue), "return_id": .optional(returnID),
            "amount": amount.json, "method": .string(method), "ledger_entry_id": .string(entryID),
            "triggered_by": ["party": .string(actor.party.rawValue), "user_id": .optional(actor.userID),
                             "organization_id": .optional(actor.organizationID)],
            "created_at": .string(at),
        ]
    }

    /// The refunds of an order, oldest first (the order and invoice views list them).
    public static func list(_ db: Connection, orderID: String) throws -> [JSON] {
        try db.query(
            "SELECT id, cause, return_id, currency, amount_minor, method, created_at FROM payment_refunds WHERE order_id = ? ORDER BY created_at, rowid",
            [.text(orderID)]
        ).map { row in
            let currency = row.string("currency").flatMap(Currency.init(code:)) ?? .usd
            return [
                "id": .optional(row.string("id")), "cause": .optional(row.string("cause")), "return_id": .optional(row.string("return_id")),
                "amount": Money(minorUnits: row.int64("amount_minor") ?? 0, currency: currency).json,
                "method": .optional(row.string("method")), "created_at": .optional(row.string("created_at")),
            ]
        }
    }
}
