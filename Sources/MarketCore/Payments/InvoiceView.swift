import Foundation
import Store
import Web

/// The buyer's net-terms invoices as JSON (API.md, `GET /v1/buyer/invoices`): number, dates, amounts and
/// the status as of `now` (`overdue` computed on read). Every query carries the buyer's organization id:
/// another company's invoice does not exist (404).
public enum InvoiceView {
    static let select = """
        SELECT i.id, i.number, i.sequence, i.order_id, i.buyer_id, i.seller_id, i.currency, i.amount_minor, i.credited_minor,
               i.paid_minor, i.status, i.payment_terms, i.issued_at, i.due_at, i.updated_at,
               b.name AS buyer_name, b.country AS buyer_country, s.name AS seller_name, s.country AS seller_country,
               o.po_number, o.subtotal_minor, o.shipping_minor, o.shipping_address
        FROM invoices i JOIN organizations b ON b.id = i.buyer_id JOIN organizations s ON s.id = i.seller_id
        JOIN orders o ON o.id = i.order_id
        """

    /// Amounts and status of an invoice row at `now`.
    public struct Figures: Sendable, Hashable {
        public let currency: Currency
        public let amount: Int64
        public let credited: Int64
        public let paid: Int64
        public let due: Int64
        public let status: InvoiceStatus
        public let dueAt: Date?
        public let daysOverdue: Int

        public init(row: Row, now: Date) {
            currency = row.string("currency").flatMap(Currency.init(code:)) ?? .usd
            amount = row.int64("amount_minor") ?? 0
            credited = row.int64("credited_minor") ?? 0
            paid = row.int64("paid_minor") ?? 0
            due = max(0, amount - credited - paid)
            dueAt = row.string("due_at").flatMap { Timestamp.parse($0) }
            let stored = row.string("status").flatMap(InvoiceStatus.init(rawValue:)) ?? .stored(due: due, paid: paid)
            status = InvoiceStatus.effective(stored: stored, due: due, dueAt: dueAt, now: now)
            daysOverdue = status == .overdue ? dueAt.map { InvoiceStatus.daysOverdue(dueAt: $0, now: now) } ?? 0 : 0
        }

        public func money(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: currency) }
    }

    public static func summary(_ row: Row, now: Date) -> JSON {
        let figures = Figures(row: row, now: now)
        return [
            "id": .optional(row.string("id")),
            "number": .optional(row.string("number")),
            "order_id": .optional(row.string("order_id")),
            "po_number": .optional(row.string("po_number")),
            "seller": ["id": .optional(row.string("seller_id")), "name": .optional(row.string("seller_name"))],
            "currency": .string(figures.currency.code),
            "payment_terms": .optional(row.string("payment_terms")),
            "issued_at": .optional(row.string("issued_at")),
            "due_at": .optional(row.string("due_at")),
            "amount": figures.money(figures.amount).json,
            "credited": figures.money(figures.credited).json,
            "paid": figures.money(figures.paid).json,
            "amount_due": figures.money(figures.due).json,
            "status": .string(figures.status.rawValue),
            "days_overdue": .int(figures.daysOverdue),
            "updated_at": .optional(row.string("updated_at")),
        ]
    }

    /// The invoice with its lines, payments and refunds; nil outside the buyer's invoices.
    public static func detail(_ db: Connection, invoiceID: String, buyerID: String, now: Date) throws -> JSON? {
        guard let row = try db.queryOne("\(select) WHERE i.id = ? AND i.buyer_id = ?", [.text(invoiceID), .text(buyerID)]),
              var object = summary(row, now: now).objectValue, let orderID = row.string("order_id")
        else { return nil }
        let figures = Figures(row: row, now: now)
        object["buyer"] = ["id": .optional(row.string("buyer_id")), "name": .optional(row.string("buyer_name")),
                           "country": .optional(row.string("buyer_country"))]
        object["seller"] = ["id": .optional(row.string("seller_id")), "name": .optional(row.string("seller_name")),
                            "country": .optional(row.string("seller_country"))]
        object["shipping_address"] = row.string("shipping_address").flatMap { try? JSONParser.parse($0) } ?? .null
        object["subtotal"] = figures.money(row.int64("subtotal_minor") ?? 0).json
        object["shipping"] = figures.money(row.int64("shipping_minor") ?? 0).json
        object["lines"] = .array(try lines(db, orderID: orderID, currency: figures.currency))
        object["payments"] = .array(try db.query(
            "SELECT id, amount_minor, currency, method, reference, created_at FROM payments WHERE order_id = ? AND status = 'succeeded' ORDER BY created_at, rowid",
            [.text(orderID)]
        ).map { payment in
            [
                "id": .optional(payment.string("id")), "method": .optional(payment.string("method")),
                "reference": .optional(payment.string("reference")), "created_at": .optional(payment.string("created_at")),
                "amount": figures.money(payment.int64("amount_minor") ?? 0).json,
            ]
        })
        object["refunds"] = .array(try PaymentRefunds.list(db, orderID: orderID))
        return .object(object)
    }

    static func lines(_ db: Connection, orderID: String, currency: Currency) throws -> [JSON] {
        try db.query(
            """
            SELECT position, sku, title_en, title_ko, description, unit, quantity, returned_quantity, unit_price, line_total_minor,
                   refunded_minor
            FROM order_lines WHERE order_id = ? ORDER BY position
            """, [.text(orderID)]
        ).map { row in
            let unitPrice = row.string("unit_price").flatMap { ExactDecimal($0) }
                .flatMap { try? UnitPrice(amount: $0, currency: currency) }?.amountString ?? row.string("unit_price")
            return [
                "position": .optional(row.int64("position")),
                "sku": .optional(row.string("sku")),
                "title": ["en": .optional(row.string("title_en") ?? row.string("description")),
                          "ko": .optional(row.string("title_ko") ?? row.string("description"))],
                "unit": .optional(row.string("unit")),
                "quantity": .optional(row.int64("quantity")),
                "returned_quantity": .optional(row.int64("returned_quantity")),
                "unit_price": ["amount": .optional(unitPrice), "currency": .string(currency.code)],
                "line_total": Money(minorUnits: row.int64("line_total_minor") ?? 0, currency: currency).json,
                "credited": Money(minorUnits: row.int64("refunded_minor") ?? 0, currency: currency).json,
            ]
        }
    }

    /// A page of the buyer's invoices, newest first (by number). `status` filters on the status as of
    /// `now`; `after` is the sequence of the last invoice of the previous page.
    public static func list(_ db: Connection, buyerID: String, status: InvoiceStatus?, now: Date, after: Int64?, limit: Int) throws -> [Row] {
        var conditions = ["i.buyer_id = ?"]
        var arguments: [SQLValue] = [.text(buyerID)]
        let nowText = Timestamp.format(now)
        switch status {
        case .overdue?:
            conditions.append("i.status <> 'paid' AND i.due_at < ?")
            arguments.append(.text(nowText))
        case .open?, .partiallyPaid?:
            conditions.append("i.status = ? AND i.due_at >= ?")
            arguments += [.text(status?.rawValue ?? ""), .text(nowText)]
        case .paid?:
            conditions.append("i.status = 'paid'")
        case nil:
            break
        }
        if let after { conditions.append("i.sequence < ?"); arguments.append(.integer(after)) }
        arguments.append(.integer(Int64(limit)))
        return try db.query("\(select) WHERE \(conditions.joined(separator: " AND ")) ORDER BY i.sequence DESC LIMIT ?", arguments)
    }
}
