import Store

/// Writes what payments derive onto the order and its invoice, in the caller's transaction: the order's
/// `payment_status`, and the invoice's `paid_minor` (the order's net paid) and stored status. Called after
/// every payment, refund, delivery (the invoice is born knowing earlier payments), return and cancellation.
public enum PaymentFigures {
    @discardableResult
    public static func store(_ db: Connection, orderID: String, at now: String) throws -> OrderBalance? {
        guard let balance = try OrderBalance.load(db, orderID: orderID) else { return nil }
        try db.execute(
            """
            UPDATE orders SET payment_status = ?, updated_at = ?, version = version + 1
            WHERE id = ? AND payment_status <> ?
            """,
            [.text(balance.paymentStatus.rawValue), .text(now), .text(orderID), .text(balance.paymentStatus.rawValue)])
        if let invoice = try db.queryOne(
            "SELECT id, amount_minor, credited_minor, paid_minor, status FROM invoices WHERE order_id = ?", [.text(orderID)]),
            let invoiceID = invoice.string("id")
        {
            let due = max(0, (invoice.int64("amount_minor") ?? 0) - (invoice.int64("credited_minor") ?? 0) - balance.paid)
            let status = InvoiceStatus.stored(due: due, paid: balance.paid)
            if invoice.int64("paid_minor") != balance.paid || invoice.string("status") != status.rawValue {
                try db.execute(
                    "UPDATE invoices SET paid_minor = ?, status = ?, updated_at = ? WHERE id = ?",
                    [.integer(balance.paid), .text(status.rawValue), .text(now), .text(invoiceID)])
            }
        }
        return balance
    }
}
