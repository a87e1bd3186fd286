import Foundation
import Store
import Web

/// What buyers owe on net-terms invoices, aged (API.md, `GET /v1/admin/receivables`).
///
/// As of an instant (the injected clock by default): invoices issued by then, with what was due at that
/// instant — the invoice amount less returns, payments and refunds dated up to it — so a past `as_of`
/// shows the book as it stood then. Each open invoice falls in one aging bucket by the whole days its due
/// date lies before `as_of` (any part of a day counts). Amounts are converted into the report currency at
/// the rates in force NOW (today's value of old debts, as a receivables report is read), each invoice
/// rounded half-to-even and totals summed from the rounded figures; an invoice whose currency has no rate
/// is listed under `unconverted` in its own currency and left out of the totals.
public struct Receivables: Sendable {
    public struct Invoice: Sendable {
        public let id: String
        public let number: String
        public let orderID: String
        public let buyerID: String
        public let buyerName: String
        public let due: Money
        public let dueAt: String
        public let daysOverdue: Int
        public let bucket: AgingBucket
        public let converted: Money?
    }

    public let asOf: Date
    public let currency: Currency
    public let invoices: [Invoice]

    /// Reads the open invoices as of `asOf`, converted with `rates` at `ratesAt`.
    public static func load(_ db: Connection, asOf: Date, currency: Currency, rates: FXRateTable, ratesAt: Date, buyerID: String?,
                            now: Date) throws -> Receivables {
        let asOfText = Timestamp.format(asOf)
        var conditions = ["i.issued_at <= ?"]
        var arguments: [SQLValue] = [.text(asOfText), .text(asOfText), .text(asOfText), .text(asOfText)]
        // Today's book: a paid invoice owes nothing now, so it need not be read at all.
        if asOf >= now { conditions.append("i.status <> 'paid'") }
        if let buyerID { conditions.append("i.buyer_id = ?"); arguments.append(.text(buyerID)) }
        var invoices = [Invoice]()
        try db.forEach(
            """
            SELECT i.id, i.number, i.order_id, i.buyer_id, b.name AS buyer_name, i.currency, i.amount_minor, i.due_at,
                (SELECT COALESCE(SUM(r.refund_minor), 0) FROM order_returns r WHERE r.order_id = i.order_id AND r.created_at <= ?) AS credited,
                (SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p
                    WHERE p.order_id = i.order_id AND p.status = 'succeeded' AND p.created_at <= ?) AS paid_in,
                (SELECT COALESCE(SUM(f.amount_minor), 0) FROM payment_refunds f WHERE f.order_id = i.order_id AND f.created_at <= ?) AS paid_out
            FROM invoices i JOIN organizations b ON b.id = i.buyer_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY b.name, i.buyer_id, i.due_at, i.sequence
            """, arguments
        ) { row in
            guard let id = row.string("id"), let dueAtText = row.string("due_at"), let dueAt = Timestamp.parse(dueAtText),
                  let invoiceCurrency = row.string("currency").flatMap(Currency.init(code:))
            else { return }
            let paid = (row.int64("paid_in") ?? 0) - (row.int64("paid_out") ?? 0)
            let dueMinor = (row.int64("amount_minor") ?? 0) - (row.int64("credited") ?? 0) - paid
            guard dueMinor > 0 else { return }
            let due = Money(minorUnits: dueMinor, currency: invoiceCurrency)
            let days = InvoiceStatus.daysOverdue(dueAt: dueAt, now: asOf)
            invoices.append(Invoice(
                id: id, number: row.string("number") ?? "", orderID: row.string("order_id") ?? "", buyerID: row.string("buyer_id") ?? "",
                buyerName: row.string("buyer_name") ?? "", due: due, dueAt: dueAtText, daysOverdue: days,
                bucket: AgingBucket(daysOverdue: days), converted: rates.convert(due, to: currency, at: ratesAt)?.0))
        }
        return Receivables(asOf: asOf, currency: currency, invoices: invoices)
    }

    // MARK: - JSON

    public func json(ratesAt: Date) throws -> JSON {
        var buyers = [JSON]()
        var order = [String]()
        var grouped = [String: [Invoice]]()
        for invoice in invoices {
            if grouped[invoice.buyerID] == nil { order.append(invoice.buyerID) }
            grouped[invoice.buyerID, default: []].append(invoice)
        }
        var grand = [AgingBucket: Money]()
        for buyerID in order {
            let items = grouped[buyerID] ?? []
            let convertible = items.filter { $0.converted != nil }
            let totals = try Self.bucketTotals(convertible, currency: currency)
            for (bucket, amount) in totals { grand[bucket] = try (grand[bucket] ?? .zero(currency)).adding(amount) }
            buyers.append([
                "buyer": ["id": .string(buyerID), "name": .string(items.first?.buyerName ?? "")],
                "invoice_count": .int(items.count),
                "buckets": Self.bucketsJSON(totals, currency: currency),
                "total": try Money.sum(totals.values, currency: currency).json,
                "invoices": .array(convertible.map(Self.invoiceJSON)),
            ])
        }
        let unconverted = invoices.filter { $0.converted == nil }
        return [
            "as_of": .string(Timestamp.format(asOf)),
            "currency": .string(currency.code),
            "rates_at": .string(Timestamp.format(ratesAt)),
            "buckets": .array(AgingBucket.allCases.map { .string($0.rawValue) }),
            "totals": [
                "buckets": Self.bucketsJSON(grand, currency: currency),
                "total": try Money.sum(grand.values, currency: currency).json,
                "invoice_count": .int(invoices.count - unconverted.count),
            ],
            "buyers": .array(buyers),
            "unconverted": .array(unconverted.map(Self.invoiceJSON)),
        ]
    }

    static func bucketTotals(_ items: [Invoice], currency: Currency) throws -> [AgingBucket: Money] {
        var totals = [AgingBucket: Money]()
        for item in items {
            guard let converted = item.converted else { continue }
            totals[item.bucket] = try (totals[item.bucket] ?? .zero(currency)).adding(converted)
        }
        return totals
    }

    static func bucketsJSON(_ totals: [AgingBucket: Money], currency: Currency) -> JSON {
        var object = JSONObject()
        for bucket in AgingBucket.allCases { object[bucket.rawValue] = (totals[bucket] ?? .zero(currency)).json }
        return .object(object)
    }

    static func invoiceJSON(_ invoice: Invoice) -> JSON {
        [
            "id": .string(invoice.id), "number": .string(invoice.number), "order_id": .string(invoice.orderID),
            "amount_due": invoice.due.json, "amount_due_converted": invoice.converted.map(\.json) ?? .null,
            "due_at": .string(invoice.dueAt), "days_overdue": .int(invoice.daysOverdue), "bucket": .string(invoice.bucket.rawValue),
        ]
    }
}
