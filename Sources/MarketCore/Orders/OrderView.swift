import Store
import Web

/// The JSON of an order as each side sees it. The buyer sees prices, conversions, totals, history,
/// shipment, returns and its invoice, but not the commission (that is between the supplier and the
/// marketplace); the supplier sees all of that plus the commission frozen on each line and the locked
/// payout rate. The tracking page (`tracking`) sees no money, no address and no names.
public enum OrderView {
    static let columns = """
        o.id, o.checkout_id, o.buyer_id, o.seller_id, o.placed_by, o.status, o.payment_status, o.payment_terms, o.currency,
        o.subtotal_minor, o.shipping_minor, o.total_minor, o.commission_minor, o.fixed_fee_minor, o.fixed_fee_rule_id,
        o.refunded_minor, o.commission_reversed_minor, o.paid_minor, o.fx, o.payout_currency, o.payout_rate,
        o.payout_rate_method, o.payout_rate_ids, o.credit_currency, o.credit_held_minor, o.approval_role, o.approved_by,
        o.shipping_address, o.po_number, o.tracking_token, o.lead_time_days, o.created_at, o.placed_at, o.confirmed_at,
        o.shipped_at, o.delivered_at, o.completed_at, o.cancelled_at, o.updated_at, o.version,
        b.name AS buyer_name, s.name AS seller_name
        """

    static let from = "FROM orders o JOIN organizations b ON b.id = o.buyer_id JOIN organizations s ON s.id = o.seller_id"

    /// The full order, or nil when it does not exist in `scope`.
    public static func detail(_ db: Connection, orderID: String, scope: OrderScope) throws -> JSON? {
        let condition = scope.condition
        guard let row = try db.queryOne(
            "SELECT \(columns) \(from) WHERE o.id = ? AND \(condition.sql)", [.text(orderID)] + condition.arguments)
        else { return nil }
        return try detail(db, row: row, scope: scope)
    }

    static func detail(_ db: Connection, row: Row, scope: OrderScope) throws -> JSON {
        guard let orderID = row.string("id"), let currency = row.string("currency").flatMap(Currency.init(code:)) else {
            return .null
        }
        let showsCommission = scope.party != .buyer
        return assemble(
            row: row, scope: scope,
            lines: try db.query(linesSQL, [.text(orderID)]),
            history: try db.query(historySQL, [.text(orderID)]),
            shipment: try shipment(db, orderID: orderID),
            returns: try returns(db, orderID: orderID, currency: currency, showsCommission: showsCommission),
            invoice: try invoice(db, orderID: orderID),
            paymentRefunds: try PaymentRefunds.list(db, orderID: orderID))
    }

    /// The full order from its row, its line rows and history rows (as `linesSQL` / `historySQL` select
    /// them) and its other parts. The one place the detail is shaped: `detail` feeds it what it reads,
    /// `Checkout` what it has just written (`OrderView+Placed.swift`), so both answers are the same.
    static func assemble(row: some ColumnReading, scope: OrderScope, lines: [some ColumnReading], history: [some ColumnReading],
                         shipment: JSON, returns: [JSON], invoice: JSON, paymentRefunds: [JSON]) -> JSON {
        guard let summary = summaryJSON(row, scope: scope).objectValue,
              let currency = row.string("currency").flatMap(Currency.init(code:)) else { return .null }
        var object = JSONObjectBuilder(summary)
        let showsCommission = scope.party != .buyer
        let viewerOrg: String? =
            switch scope {
            case .buyer(let id), .seller(let id): id
            case .any: nil
            }

        object["placed_by"] = .optional(row.string("placed_by"))
        object["shipping_address"] = OrderJSON.parsed(row.string("shipping_address"))
        object["lines"] = .array(lines.map { lineJSON($0, currency: currency, showsCommission: showsCommission) })
        object["subtotal"] = OrderJSON.money(row.int64("subtotal_minor"), currency)
        object["shipping"] = OrderJSON.money(row.int64("shipping_minor"), currency)
        object["refunded"] = OrderJSON.money(row.int64("refunded_minor"), currency)
        object["paid"] = OrderJSON.money(row.int64("paid_minor"), currency)
        object["fx"] = OrderJSON.parsed(row.string("fx"))
        if showsCommission {
            object["commission"] = [
                "total": OrderJSON.money(row.int64("commission_minor"), currency),
                "fixed_fee": OrderJSON.money(row.int64("fixed_fee_minor"), currency),
                "fixed_fee_rule_id": .optional(row.string("fixed_fee_rule_id")),
                "reversed": OrderJSON.money(row.int64("commission_reversed_minor"), currency),
            ]
            let payoutRate: JSON =
                row.string("payout_rate") == nil
                ? .null
                : ["from": .string(currency.code), "to": .optional(row.string("payout_currency")),
                   "rate": .optional(row.string("payout_rate")), "method": .optional(row.string("payout_rate_method")),
                   "rate_ids": OrderJSON.parsed(row.string("payout_rate_ids"))]
            object["payout_fx"] = payoutRate
        }
        if let code = row.string("credit_currency"), let creditCurrency = Currency(code: code) {
            object["credit_held"] = OrderJSON.money(row.int64("credit_held_minor"), creditCurrency)
        }
        object["approval"] =
            row.string("approval_role") == nil
            ? .null : ["required_role": .optional(row.string("approval_role")), "approved_by": .optional(row.string("approved_by"))]
        object["tracking_token"] = .optional(row.string("tracking_token"))
        object["tracking_url"] = .string("/v1/track/\(row.string("tracking_token") ?? "")")
        object["status_history"] = .array(history.map { historyJSON($0, viewerOrganization: viewerOrg) })
        object["shipment"] = shipment
        object["returns"] = .array(returns)
        object["invoice"] = invoice
        object["payment_refunds"] = .array(paymentRefunds)
        for column in ["confirmed_at", "shipped_at", "delivered_at", "completed_at", "cancelled_at"] {
            object[column] = OrderJSON.time(row, column)
        }
        return .object(object.object)
    }

    /// The list item: no lines, history or shipment.
    public static func summary(_ row: Row, scope: OrderScope) -> JSON { summaryJSON(row, scope: scope) }

    static func summaryJSON(_ row: some ColumnReading, scope: OrderScope) -> JSON {
        let currency = row.string("currency").flatMap(Currency.init(code:)) ?? .usd
        let status = row.string("status").flatMap(OrderStatus.init(rawValue:))
        let due = OrderBalance.due(status: row.string("status"), total: row.int64("total_minor"),
                                   returned: row.int64("refunded_minor"), paid: row.int64("paid_minor"))
        // What the state machine allows, less `ship` while a prepaid order is unpaid: the transition would
        // be refused with 409 `payment_required` (PaymentRequirement), so it is not offered.
        let awaitsPayment = row.string("payment_terms") == PaymentTerms.prepaid.rawValue && due > 0
        let actions = status.map { current in
            OrderStateMachine.actions(from: current, by: scope.party).filter { !(awaitsPayment && $0 == .ship) }
        } ?? []
        var object: JSONObject = [
            "id": .optional(row.string("id")),
            "checkout_id": .optional(row.string("checkout_id")),
            "status": .optional(row.string("status")),
            "payment_status": .optional(row.string("payment_status")),
            "payment_terms": .optional(row.string("payment_terms")),
            "currency": .string(currency.code),
            "total": OrderJSON.money(row.int64("total_minor"), currency),
            "paid": OrderJSON.money(row.int64("paid_minor"), currency),
            "amount_due": OrderJSON.money(due, currency),
            "buyer": ["id": .optional(row.string("buyer_id")), "name": .optional(row.string("buyer_name"))],
            "seller": ["id": .optional(row.string("seller_id")), "name": .optional(row.string("seller_name"))],
            "po_number": .optional(row.string("po_number")),
            "lead_time_days": .optional(row.int64("lead_time_days")),
            "allowed_actions": .array(actions.map { .string($0.rawValue) }),
            "created_at": OrderJSON.time(row, "created_at"),
            "placed_at": OrderJSON.time(row, "placed_at"),
            "updated_at": OrderJSON.time(row, "updated_at"),
        ]
        if scope.party != .buyer {
            object["commission"] = ["total": OrderJSON.money(row.int64("commission_minor"), currency)]
        }
        return .object(object)
    }

    // MARK: - Parts

    static let linesSQL = """
        SELECT id, product_id, rfq_item_id, sku, title_en, title_ko, description, category_id, unit, quantity,
               source_currency, source_unit_price, fx_rate, fx_method, fx_rate_ids, fx_via, unit_price, line_total_minor,
               commission_rule_id, commission_percent, commission_clamp, commission_minor, lead_time_days,
               returned_quantity, refunded_minor, commission_reversed_minor
        FROM order_lines WHERE order_id = ? ORDER BY position
        """

    static func lineJSON(_ row: some ColumnReading, currency: Currency, showsCommission: Bool) -> JSON {
        let source = row.string("source_currency").flatMap(Currency.init(code:)) ?? currency
        var line: JSONObject = [
            "id": .optional(row.string("id")),
            "product_id": .optional(row.string("product_id")),
            "rfq_item_id": .optional(row.string("rfq_item_id")),
            "sku": .optional(row.string("sku")),
            "title": ["en": .optional(row.string("title_en")), "ko": .optional(row.string("title_ko"))],
            "category_id": .optional(row.string("category_id")),
            "unit": .optional(row.string("unit")),
            "quantity": .optional(row.int64("quantity")),
            "unit_price": OrderJSON.unitPrice(row.string("unit_price"), currency),
            "line_total": OrderJSON.money(row.int64("line_total_minor"), currency),
            "source_unit_price": OrderJSON.unitPrice(row.string("source_unit_price"), source),
            "fx": ["from": .string(source.code), "to": .string(currency.code), "rate": .optional(row.string("fx_rate")),
                   "method": .optional(row.string("fx_method")), "rate_ids": OrderJSON.parsed(row.string("fx_rate_ids")),
                   "via": .optional(row.string("fx_via"))],
            "lead_time_days": .optional(row.int64("lead_time_days")),
            "returned_quantity": .optional(row.int64("returned_quantity")),
            "refunded": OrderJSON.money(row.int64("refunded_minor"), currency),
        ]
        if showsCommission {
            line["commission"] = [
                "rule_id": .optional(row.string("commission_rule_id")),
                "percent": .optional(row.string("commission_percent")),
                "clamp": .optional(row.string("commission_clamp")),
                "amount": OrderJSON.money(row.int64("commission_minor"), currency),
                "reversed": OrderJSON.money(row.int64("commission_reversed_minor"), currency),
            ]
        }
        return .object(line)
    }

    static let historySQL =
        "SELECT from_status, to_status, action, actor_party, actor_user_id, actor_organization_id, note, at FROM order_status_history WHERE order_id = ? ORDER BY rowid"

    static func historyJSON(_ row: some ColumnReading, viewerOrganization: String?) -> JSON {
        // The other side's user ids are not shown, only which side acted.
        let ownSide = viewerOrganization == nil || row.string("actor_organization_id") == viewerOrganization
        return [
            "from": .optional(row.string("from_status")), "to": .optional(row.string("to_status")),
            "action": .optional(row.string("action")),
            "actor": ["party": .optional(row.string("actor_party")),
                      "user_id": ownSide ? .optional(row.string("actor_user_id")) : .null],
            "note": .optional(row.string("note")), "at": .optional(row.string("at")),
        ]
    }

    /// The shipment and its events; `public: true` leaves out free text for the tracking page.
    static func shipment(_ db: Connection, orderID: String, public isPublic: Bool = false) throws -> JSON {
        guard let row = try db.queryOne(
            "SELECT id, carrier, tracking_number, shipped_at, delivered_at FROM shipments WHERE order_id = ?", [.text(orderID)])
        else { return .null }
        var events = [JSON]()
        try db.forEach(
            "SELECT status, location, description, at FROM shipment_events WHERE order_id = ? ORDER BY rowid", [.text(orderID)]
        ) { event in
            var item: JSONObject = ["status": .optional(event.string("status")), "location": .optional(event.string("location"))]
            if !isPublic { item["description"] = .optional(event.string("description")) }
            item["at"] = .optional(event.string("at"))
            events.append(.object(item))
        }
        return [
            "carrier": .optional(row.string("carrier")), "tracking_number": .optional(row.string("tracking_number")),
            "shipped_at": .optional(row.string("shipped_at")), "delivered_at": .optional(row.string("delivered_at")),
            "events": .array(events),
        ]
    }

    static func returns(_ db: Connection, orderID: String, currency: Currency, showsCommission: Bool) throws -> [JSON] {
        var items = [JSON]()
        for row in try db.query(
            "SELECT id, refund_minor, commission_reversed_minor, fixed_fee_reversed_minor, reason, restocked, created_by, created_at FROM order_returns WHERE order_id = ? ORDER BY rowid",
            [.text(orderID)])
        {
            guard let returnID = row.string("id") else { continue }
            items.append(try returnJSON(db, row: row, returnID: returnID, currency: currency, showsCommission: showsCommission))
        }
        return items
    }

    static func returnJSON(_ db: Connection, row: Row, returnID: String, currency: Currency, showsCommission: Bool) throws -> JSON {
        var lines = [JSON]()
        try db.forEach(
            "SELECT order_line_id, quantity, refund_minor, commission_reversed_minor FROM order_return_lines WHERE return_id = ? ORDER BY order_line_id",
            [.text(returnID)]
        ) { line in
            var item: JSONObject = [
                "line_id": .optional(line.string("order_line_id")), "quantity": .optional(line.int64("quantity")),
                "refund": OrderJSON.money(line.int64("refund_minor"), currency),
            ]
            if showsCommission { item["commission_reversed"] = OrderJSON.money(line.int64("commission_reversed_minor"), currency) }
            lines.append(.object(item))
        }
        var object: JSONObject = [
            "id": .string(returnID), "reason": .optional(row.string("reason")),
            "refund": OrderJSON.money(row.int64("refund_minor"), currency),
        ]
        if showsCommission {
            object["commission_reversed"] = OrderJSON.money(row.int64("commission_reversed_minor"), currency)
            object["fixed_fee_reversed"] = OrderJSON.money(row.int64("fixed_fee_reversed_minor"), currency)
        }
        object["restocked"] = .bool(row.bool("restocked") ?? false)
        object["lines"] = .array(lines)
        object["created_at"] = .optional(row.string("created_at"))
        return .object(object)
    }

    static func invoice(_ db: Connection, orderID: String) throws -> JSON {
        guard let row = try db.queryOne(
            "SELECT id, number, currency, amount_minor, credited_minor, paid_minor, status, payment_terms, issued_at, due_at FROM invoices WHERE order_id = ?",
            [.text(orderID)]),
            let currency = row.string("currency").flatMap(Currency.init(code:))
        else { return .null }
        let due = (row.int64("amount_minor") ?? 0) - (row.int64("credited_minor") ?? 0) - (row.int64("paid_minor") ?? 0)
        return [
            "id": .optional(row.string("id")), "number": .optional(row.string("number")),
            "amount": OrderJSON.money(row.int64("amount_minor"), currency),
            "amount_due": OrderJSON.money(max(0, due), currency),
            "status": .optional(row.string("status")), "payment_terms": .optional(row.string("payment_terms")),
            "issued_at": .optional(row.string("issued_at")), "due_at": .optional(row.string("due_at")),
        ]
    }

    // MARK: - Tracking

    /// The public page of `GET /v1/track/{token}`: status, when each status was reached, carrier,
    /// tracking number and shipment events. Nothing else: no prices, no addresses, no names, no ids.
    public static func tracking(_ db: Connection, token: String) throws -> JSON? {
        guard let row = try db.queryOne(
            "SELECT id, status, created_at, lead_time_days FROM orders WHERE tracking_token = ?", [.text(token)]),
            let orderID = row.string("id")
        else { return nil }
        var history = [JSON]()
        try db.forEach("SELECT to_status, at FROM order_status_history WHERE order_id = ? ORDER BY rowid", [.text(orderID)]) { step in
            history.append(["status": .optional(step.string("to_status")), "at": .optional(step.string("at"))])
        }
        return [
            "status": .optional(row.string("status")),
            "status_history": .array(history),
            "shipment": try shipment(db, orderID: orderID, public: true),
        ]
    }
}
