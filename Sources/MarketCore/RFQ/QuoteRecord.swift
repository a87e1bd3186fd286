import Foundation
import Store
import Web

/// One quote revision (`rfq_quotes`) with its lines. Its `id` is the API's `quote_id`.
public struct QuoteRecord: Sendable {
    public struct Line: Sendable {
        public let itemID: String
        public let unitPrice: UnitPrice
        public let quantity: Int64
        /// `round_half_even(unit_price × quantity)` in the quote currency.
        public let lineTotal: Money
        public let leadTimeDays: Int

        public var json: JSON {
            [
                "item_id": .string(itemID), "unit_price": .string(unitPrice.amountString), "quantity": .int(quantity),
                "line_total": lineTotal.json, "lead_time_days": .int(leadTimeDays),
            ]
        }
    }

    public let id: String
    public let rfqID: String
    public let supplierID: String
    public let revision: Int
    public let supersedesID: String?
    public let isCurrent: Bool
    public let currency: Currency
    public let subtotal: Money
    public let shipping: Money
    public let total: Money
    public let longestLeadTimeDays: Int
    public let validUntil: Date
    public let notes: String?
    public let submittedBy: String
    public let submittedAt: String
    public var lines: [Line]

    public func isValid(at now: Date) -> Bool { now < validUntil }

    /// The quote as its supplier (or, with conversions added, the buyer) sees it.
    public var json: JSONObject {
        [
            "id": .string(id), "rfq_id": .string(rfqID), "revision": .int(revision),
            "supersedes": .optional(supersedesID), "status": .string(isCurrent ? "current" : "superseded"),
            "currency": .string(currency.code), "lines": .array(lines.map(\.json)), "subtotal": subtotal.json,
            "shipping": shipping.json, "total": total.json, "longest_lead_time_days": .int(longestLeadTimeDays),
            "valid_until": .string(Timestamp.format(validUntil)), "notes": .optional(notes),
            "submitted_by": .string(submittedBy), "submitted_at": .string(submittedAt),
        ]
    }

    static let columns = """
        q.id, q.rfq_id, q.supplier_id, q.revision, q.supersedes_id, q.is_current, q.currency, q.subtotal_minor, \
        q.shipping_minor, q.total_minor, q.longest_lead_time_days, q.valid_until, q.notes, q.submitted_by, q.submitted_at
        """

    static func decode(_ row: Row) throws -> QuoteRecord {
        let id = row.string("id") ?? ""
        func fail(_ reason: String) -> RFQRowError { RFQRowError(table: "rfq_quotes", id: id, reason: reason) }
        guard let currency = row.string("currency").flatMap(Currency.init(code:)) else { throw fail("bad currency") }
        guard let validUntil = row.string("valid_until").flatMap({ Timestamp.parse($0) }) else { throw fail("bad valid_until") }
        func money(_ column: String) -> Money { Money(minorUnits: row.int64(column) ?? 0, currency: currency) }
        return QuoteRecord(
            id: id, rfqID: row.string("rfq_id") ?? "", supplierID: row.string("supplier_id") ?? "",
            revision: row.int("revision") ?? 0, supersedesID: row.string("supersedes_id"),
            isCurrent: row.bool("is_current") ?? false, currency: currency, subtotal: money("subtotal_minor"),
            shipping: money("shipping_minor"), total: money("total_minor"),
            longestLeadTimeDays: row.int("longest_lead_time_days") ?? 0, validUntil: validUntil, notes: row.string("notes"),
            submittedBy: row.string("submitted_by") ?? "", submittedAt: row.string("submitted_at") ?? "", lines: [])
    }

    static func decodeLine(_ row: Row, currency: Currency) throws -> Line {
        let quoteID = row.string("quote_id") ?? ""
        guard let text = row.string("unit_price"), let price = try? UnitPrice.parse(amount: text, currency: currency) else {
            throw RFQRowError(table: "rfq_quote_lines", id: quoteID, reason: "bad unit_price")
        }
        return Line(
            itemID: row.string("item_id") ?? "", unitPrice: price, quantity: row.int64("quantity") ?? 0,
            lineTotal: Money(minorUnits: row.int64("line_total_minor") ?? 0, currency: currency),
            leadTimeDays: row.int("lead_time_days") ?? 0)
    }

    /// Quotes chosen by `condition` (on `rfq_quotes q`), each with its lines, in revision order. Lines come
    /// from one join, not one query per quote: the comparison reads hundreds of quotes.
    static func load(_ db: Connection, where condition: String, _ arguments: [SQLValue]) throws -> [QuoteRecord] {
        var quotes = [QuoteRecord]()
        var index = [String: Int]()
        try db.forEach("SELECT \(columns) FROM rfq_quotes q WHERE \(condition) ORDER BY q.revision, q.id", arguments) { row in
            let quote = try decode(row)
            index[quote.id] = quotes.count
            quotes.append(quote)
        }
        guard !quotes.isEmpty else { return [] }
        try db.forEach(
            """
            SELECT l.quote_id, l.item_id, l.unit_price, l.quantity, l.line_total_minor, l.lead_time_days
            FROM rfq_quote_lines l JOIN rfq_quotes q ON q.id = l.quote_id JOIN rfq_items i ON i.id = l.item_id
            WHERE \(condition) ORDER BY i.position
            """, arguments
        ) { row in
            guard let position = row.string("quote_id").flatMap({ index[$0] }) else { return }
            quotes[position].lines.append(try decodeLine(row, currency: quotes[position].currency))
        }
        return quotes
    }

    /// The supplier's current revision on the RFQ, if it quoted.
    public static func current(_ db: Connection, rfqID: String, supplierID: String) throws -> QuoteRecord? {
        try load(db, where: "q.rfq_id = ? AND q.supplier_id = ? AND q.is_current = 1", [.text(rfqID), .text(supplierID)]).first
    }

    /// Every revision the supplier posted on the RFQ, oldest first.
    public static func history(_ db: Connection, rfqID: String, supplierID: String) throws -> [QuoteRecord] {
        try load(db, where: "q.rfq_id = ? AND q.supplier_id = ?", [.text(rfqID), .text(supplierID)])
    }

    /// One revision of the RFQ by id (current or not).
    public static func find(_ db: Connection, id: String, rfqID: String) throws -> QuoteRecord? {
        try load(db, where: "q.id = ? AND q.rfq_id = ?", [.text(id), .text(rfqID)]).first
    }

    /// The current revisions on the RFQ still valid at `now`, of suppliers still active: what a buyer can compare
    /// and award.
    public static func comparable(_ db: Connection, rfqID: String, now: String) throws -> [QuoteRecord] {
        try load(
            db,
            where: """
                q.rfq_id = ? AND q.is_current = 1 AND q.valid_until > ?
                AND EXISTS (SELECT 1 FROM organizations o WHERE o.id = q.supplier_id AND o.status = 'active')
                """,
            [.text(rfqID), .text(now)])
    }
}
