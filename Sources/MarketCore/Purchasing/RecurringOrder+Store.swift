import Foundation
import Store
import Web

// MARK: - Reading and writing recurring orders and their runs

extension RecurringOrder {
    static let columns = """
        id, buyer_id, created_by, lines, currency, payment_terms, shipping_address, po_number, every, first_run, \
        runs_scheduled, next_run, created_at, updated_at
        """

    /// One of the buyer's schedules (not deleted); nil when absent or another organization's.
    public static func find(_ db: Connection, buyerID: String, id: String) throws -> RecurringOrder? {
        try db.queryOne(
            "SELECT \(columns) FROM recurring_orders WHERE id = ? AND buyer_id = ? AND status = 'active'",
            [.text(id), .text(buyerID)]
        ).flatMap(RecurringOrder.init(row:))
    }

    /// A schedule due at `now`, read inside the transaction that will run it.
    static func due(_ db: Connection, id: String, now: String) throws -> RecurringOrder? {
        try db.queryOne(
            "SELECT \(columns) FROM recurring_orders WHERE id = ? AND status = 'active' AND next_run <= ?",
            [.text(id), .text(now)]
        ).flatMap(RecurringOrder.init(row:))
    }

    /// A page of the buyer's schedules, newest first, each with its latest run.
    public static func page(_ db: Connection, buyerID: String, page: Pagination) throws -> (items: [JSON], nextCursor: String?) {
        var arguments: [SQLValue] = [.text(buyerID)]
        var after = ""
        if let key = page.after {
            after = " AND id < ?"
            arguments.append(.text(key))
        }
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try db.query(
            "SELECT \(columns) FROM recurring_orders WHERE buyer_id = ? AND status = 'active'\(after) ORDER BY id DESC LIMIT ?",
            arguments)
        let (items, next) = page.page(rows) { $0.string("id") ?? "" }
        return (try items.compactMap { row -> JSON? in
            guard let schedule = RecurringOrder(row: row) else { return nil }
            var object = schedule.jsonObject
            object["last_run"] = try RecurringOrderRun.list(db, recurringOrderID: schedule.id, limit: 1).first?.json ?? .null
            return .object(object)
        }, next)
    }

    public static func insert(_ db: Connection, _ schedule: RecurringOrder) throws {
        try db.execute(
            """
            INSERT INTO recurring_orders (id, buyer_id, created_by, lines, currency, payment_terms, shipping_address, po_number,
                every, first_run, runs_scheduled, next_run, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)
            """,
            [.text(schedule.id), .text(schedule.buyerID), .text(schedule.createdBy), .text(PurchaseLine.encodeList(schedule.lines)),
             .text(schedule.options.currency.code), .text(schedule.options.paymentTerms.rawValue),
             .text(JSONSerializer.string(schedule.options.shippingAddress.json)), schedule.options.poNumber.map(SQLValue.text) ?? .null,
             .text(schedule.every.iso), .text(Timestamp.format(schedule.firstRun)), .integer(Int64(schedule.runsScheduled)),
             .text(schedule.nextRun), .text(schedule.createdAt), .text(schedule.updatedAt)])
    }

    /// Moves the schedule to run number `index` at `date`.
    static func advance(_ db: Connection, id: String, to next: (index: Int, date: Date)?, now: String) throws {
        if let next {
            try db.execute(
                "UPDATE recurring_orders SET runs_scheduled = ?, next_run = ?, updated_at = ? WHERE id = ?",
                [.integer(Int64(next.index)), .text(Timestamp.format(next.date)), .text(now), .text(id)])
        } else {
            // No representable next run: the schedule ends rather than run again at once.
            try db.execute("UPDATE recurring_orders SET status = 'deleted', updated_at = ? WHERE id = ?", [.text(now), .text(id)])
        }
    }

    /// Stops the schedule. Its runs stay recorded; the orders it placed are ordinary orders.
    public static func delete(_ db: Connection, buyerID: String, id: String, now: String) throws -> Bool {
        try db.execute(
            "UPDATE recurring_orders SET status = 'deleted', updated_at = ? WHERE id = ? AND buyer_id = ? AND status = 'active'",
            [.text(now), .text(id), .text(buyerID)])
        return db.changes > 0
    }

    init?(row: Row) {
        let scratch = Validation()
        guard let id = row.string("id"), let buyerID = row.string("buyer_id"), let createdBy = row.string("created_by"),
            let currency = row.string("currency").flatMap(Currency.init(code:)),
            let terms = row.string("payment_terms").flatMap(PaymentTerms.init(rawValue:)),
            let address = row.string("shipping_address").flatMap({ try? JSONParser.parse($0) })?.objectValue
                .flatMap({ ShippingAddress.read(scratch.reader($0)) }),
            let every = row.string("every").flatMap(RecurrenceInterval.init(iso:)),
            let firstRun = row.string("first_run").flatMap({ Timestamp.parse($0) }),
            let nextRun = row.string("next_run")
        else { return nil }
        self.init(
            id: id, buyerID: buyerID, createdBy: createdBy, lines: PurchaseLine.decodeList(row.string("lines")),
            options: OrderOptions(currency: currency, paymentTerms: terms, shippingAddress: address, poNumber: row.string("po_number")),
            every: every, firstRun: firstRun, runsScheduled: row.int("runs_scheduled") ?? 0, nextRun: nextRun,
            createdAt: row.string("created_at") ?? "", updatedAt: row.string("updated_at") ?? "")
    }
}
