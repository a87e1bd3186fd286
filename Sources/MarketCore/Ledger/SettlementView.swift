import HTTPServer
import Store
import Web

/// Statements as the operator and the supplier see them (JSON and CSV). Both role modules answer
/// through here, the supplier always with its own organization id in the WHERE clause.
public enum SettlementView {
    static let columns = """
        s.id, s.run_id, s.supplier_id, s.currency, s.period_end, s.gross_minor, s.commission_minor, s.refunds_minor,
        s.commission_reversed_minor, s.net_minor, s.order_count, s.adjustment_count, s.journal_entry_id, s.created_at,
        p.reference, p.paid_at, p.journal_entry_id AS payout_entry_id, org.name AS supplier_name
        """
    static let from = """
        FROM settlements s LEFT JOIN settlement_payouts p ON p.settlement_id = s.id
        LEFT JOIN organizations org ON org.id = s.supplier_id
        """

    public struct Filter: Sendable {
        public var supplierID: String?
        public var runID: String?
        public var currency: Currency?
        /// `issued` (not paid yet) or `paid`.
        public var status: String?
        public init(supplierID: String? = nil, runID: String? = nil, currency: Currency? = nil, status: String? = nil) {
            self.supplierID = supplierID
            self.runID = runID
            self.currency = currency
            self.status = status
        }
    }

    /// One statement's header row, or nil (for a supplier: only its own).
    public static func header(_ db: Connection, id: String, supplierID: String? = nil) throws -> Row? {
        var sql = "SELECT \(columns) \(from) WHERE s.id = ?"
        var arguments: [SQLValue] = [.text(id)]
        if let supplierID {
            sql += " AND s.supplier_id = ?"
            arguments.append(.text(supplierID))
        }
        return try db.queryOne(sql, arguments)
    }

    /// A page of statements, newest first (ids are time-ordered).
    public static func list(_ db: Connection, filter: Filter, page: Pagination) throws -> (items: [JSON], nextCursor: String?) {
        var conditions = [String]()
        var arguments = [SQLValue]()
        if let after = page.after { conditions.append("s.id < ?"); arguments.append(.text(after)) }
        if let supplier = filter.supplierID { conditions.append("s.supplier_id = ?"); arguments.append(.text(supplier)) }
        if let run = filter.runID { conditions.append("s.run_id = ?"); arguments.append(.text(run)) }
        if let currency = filter.currency { conditions.append("s.currency = ?"); arguments.append(.text(currency.code)) }
        switch filter.status {
        case "paid"?: conditions.append("p.settlement_id IS NOT NULL")
        case "issued"?: conditions.append("p.settlement_id IS NULL")
        default: break
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try db.query("SELECT \(columns) \(from) \(whereClause) ORDER BY s.id DESC LIMIT ?", arguments)
        let (items, next) = page.page(rows) { $0.string("id") ?? "" }
        return (items.map(summary), next)
    }

    /// The statement without its lines.
    public static func summary(_ row: Row) -> JSON {
        let currency = row.string("currency").flatMap(Currency.init(code:)) ?? .usd
        func money(_ column: String) -> JSON { Money(minorUnits: row.int64(column) ?? 0, currency: currency).json }
        let paid = row.string("paid_at") != nil
        return [
            "id": .optional(row.string("id")), "run_id": .optional(row.string("run_id")),
            "supplier_id": .optional(row.string("supplier_id")), "supplier_name": .optional(row.string("supplier_name")),
            "currency": .string(currency.code), "period_end": .optional(row.string("period_end")),
            "status": .string(paid ? "paid" : "issued"),
            "gross": money("gross_minor"), "commission": money("commission_minor"), "refunds": money("refunds_minor"),
            "commission_reversed": money("commission_reversed_minor"), "net": money("net_minor"),
            "order_count": .optional(row.int64("order_count")), "adjustment_count": .optional(row.int64("adjustment_count")),
            "line_count": .optional((row.int64("order_count") ?? 0) + (row.int64("adjustment_count") ?? 0)),
            "journal_entry_id": .optional(row.string("journal_entry_id")), "created_at": .optional(row.string("created_at")),
            "paid_at": .optional(row.string("paid_at")), "payout_reference": .optional(row.string("reference")),
            "payout_entry_id": .optional(row.string("payout_entry_id")),
        ]
    }

    static let lineColumns = """
        position, kind, order_id, return_id, occurred_at, source_currency, rate, rate_method, source_gross_minor,
        source_commission_minor, source_refunds_minor, source_commission_reversed_minor, currency, gross_minor,
        commission_minor, refunds_minor, commission_reversed_minor, net_minor
        """

    /// Lines after position `after`, at most `limit`.
    public static func lines(_ db: Connection, settlementID: String, after: Int64, limit: Int) throws -> [Row] {
        try db.query(
            "SELECT \(lineColumns) FROM settlement_lines WHERE settlement_id = ? AND position > ? ORDER BY position LIMIT ?",
            [.text(settlementID), .integer(after), .integer(Int64(limit))])
    }

    public static func lineJSON(_ row: Row) -> JSON {
        let currency = row.string("currency").flatMap(Currency.init(code:)) ?? .usd
        let source = row.string("source_currency").flatMap(Currency.init(code:)) ?? currency
        func money(_ column: String, _ in: Currency) -> JSON { Money(minorUnits: row.int64(column) ?? 0, currency: `in`).json }
        return [
            "position": .optional(row.int64("position")), "kind": .optional(row.string("kind")),
            "order_id": .optional(row.string("order_id")), "return_id": .optional(row.string("return_id")),
            "occurred_at": .optional(row.string("occurred_at")),
            "order_currency": .string(source.code), "rate": .optional(row.string("rate")), "rate_method": .optional(row.string("rate_method")),
            "order_amounts": [
                "gross": money("source_gross_minor", source), "commission": money("source_commission_minor", source),
                "refunds": money("source_refunds_minor", source), "commission_reversed": money("source_commission_reversed_minor", source),
            ],
            "gross": money("gross_minor", currency), "commission": money("commission_minor", currency),
            "refunds": money("refunds_minor", currency), "commission_reversed": money("commission_reversed_minor", currency),
            "net": money("net_minor", currency),
        ]
    }

    /// The statement with a page of its lines (`?limit=&cursor=` page through the lines).
    public static func detail(_ db: Connection, header: Row, page: Pagination) throws -> JSON {
        guard var object = summary(header).objectValue, let id = header.string("id") else { return .null }
        let after = page.after.flatMap { Int64($0) } ?? -1
        let rows = try lines(db, settlementID: id, after: after, limit: page.limit + 1)
        let (items, next) = page.page(rows) { String($0.int64("position") ?? 0) }
        object["lines"] = .array(items.map(lineJSON))
        object["lines_next_cursor"] = .optional(next)
        return .object(object)
    }
}
