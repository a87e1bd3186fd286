import Store
import Web

/// The JSON of payments (operator views and callback answers): the payment as recorded, and its order's
/// payment figures as they stand now.
public enum PaymentView {
    static let select = """
        SELECT p.rowid AS seq, p.id, p.order_id, p.invoice_id, p.buyer_id, p.currency, p.amount_minor, p.method, p.source,
               p.status, p.reference, p.ledger_entry_id, p.recorded_by, p.created_at, b.name AS buyer_name,
               i.number AS invoice_number, o.status AS order_status, o.payment_status, o.payment_terms, o.currency AS order_currency,
               o.total_minor, o.refunded_minor, o.paid_minor
        FROM payments p JOIN orders o ON o.id = p.order_id JOIN organizations b ON b.id = p.buyer_id
        LEFT JOIN invoices i ON i.id = p.invoice_id
        """

    public static func detail(_ db: Connection, paymentID: String) throws -> JSON? {
        try db.queryOne("\(select) WHERE p.id = ?", [.text(paymentID)]).map(json)
    }

    public static func json(_ row: Row) -> JSON {
        let currency = row.string("currency").flatMap(Currency.init(code:)) ?? .usd
        let orderCurrency = row.string("order_currency").flatMap(Currency.init(code:)) ?? currency
        let due = OrderBalance.due(status: row.string("order_status"), total: row.int64("total_minor"),
                                   returned: row.int64("refunded_minor"), paid: row.int64("paid_minor"))
        return [
            "id": .optional(row.string("id")),
            "order_id": .optional(row.string("order_id")),
            "invoice": row.string("invoice_id") == nil
                ? .null : ["id": .optional(row.string("invoice_id")), "number": .optional(row.string("invoice_number"))],
            "buyer": ["id": .optional(row.string("buyer_id")), "name": .optional(row.string("buyer_name"))],
            "amount": Money(minorUnits: row.int64("amount_minor") ?? 0, currency: currency).json,
            "method": .optional(row.string("method")),
            "source": .optional(row.string("source")),
            "status": .optional(row.string("status")),
            "reference": .optional(row.string("reference")),
            "ledger_entry_id": .optional(row.string("ledger_entry_id")),
            "recorded_by": .optional(row.string("recorded_by")),
            "created_at": .optional(row.string("created_at")),
            "order": [
                "id": .optional(row.string("order_id")), "status": .optional(row.string("order_status")),
                "payment_terms": .optional(row.string("payment_terms")), "payment_status": .optional(row.string("payment_status")),
                "total": Money(minorUnits: row.int64("total_minor") ?? 0, currency: orderCurrency).json,
                "paid": Money(minorUnits: row.int64("paid_minor") ?? 0, currency: orderCurrency).json,
                "amount_due": Money(minorUnits: due, currency: orderCurrency).json,
            ],
        ]
    }

    public struct Filter: Sendable {
        public var orderID: String?
        public var invoiceID: String?
        public var buyerID: String?
        public var status: String?
        public var source: String?

        public init(orderID: String? = nil, invoiceID: String? = nil, buyerID: String? = nil, status: String? = nil, source: String? = nil) {
            self.orderID = orderID
            self.invoiceID = invoiceID
            self.buyerID = buyerID
            self.status = status
            self.source = source
        }
    }

    /// Newest first by rowid (insertion order; ids are ordered only to the millisecond). `after` is the
    /// rowid of the last payment of the previous page.
    public static func list(_ db: Connection, filter: Filter, after: Int64?, limit: Int) throws -> [Row] {
        var conditions = [String]()
        var arguments = [SQLValue]()
        if let after { conditions.append("p.rowid < ?"); arguments.append(.integer(after)) }
        if let v = filter.orderID { conditions.append("p.order_id = ?"); arguments.append(.text(v)) }
        if let v = filter.invoiceID { conditions.append("p.invoice_id = ?"); arguments.append(.text(v)) }
        if let v = filter.buyerID { conditions.append("p.buyer_id = ?"); arguments.append(.text(v)) }
        if let v = filter.status { conditions.append("p.status = ?"); arguments.append(.text(v)) }
        if let v = filter.source { conditions.append("p.source = ?"); arguments.append(.text(v)) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(.integer(Int64(limit)))
        return try db.query("\(select) \(whereClause) ORDER BY p.rowid DESC LIMIT ?", arguments)
    }
}
