import Foundation
import Store
import Web

/// Returns after delivery (`POST /v1/buyer/orders/{id}/returns`): refunds pro-rated per line (half-even,
/// `ReturnProration`), the commission reversed in the same proportion, the order `partially_returned` or
/// `returned`. When every unit has come back, the order's fixed fee is reversed too: a fully returned order
/// earns the marketplace nothing; before that, only the part the supplier's remaining earnings no longer
/// cover (`ReturnProration.fixedFeeReversed`). Shipping charges are not refunded.
///
/// Stock is NOT put back automatically: returned goods may be damaged or need inspection, so the supplier
/// restocks by editing the listing. (`order_returns.restocked` records that this return did not restock.)
///
/// Net-terms orders release credit for the refund (converted at the rate the order locked) and, if already
/// invoiced, the invoice is credited. The ledger sees the return through `OrderEvents` (action `return`
/// or `return_partial`, with the return id) in the same transaction.
public struct OrderReturns: Sendable {
    let services: MarketServices

    public init(services: MarketServices) { self.services = services }

    public struct Line: Sendable {
        public var lineID: String
        public var quantity: Int64
        /// The JSON path errors about this line name (`lines[0]`).
        public var field: String

        public init(lineID: String, quantity: Int64, field: String) {
            self.lineID = lineID
            self.quantity = quantity
            self.field = field
        }
    }

    /// Records a return in the caller's transaction and returns its id. 404 outside the buyer's orders,
    /// 409 unless delivered or partially returned, 422 for unknown lines or quantities beyond what is left.
    public func create(_ db: Connection, orderID: String, buyerID: String, lines requested: [Line], reason: String,
                       actor: OrderActor) throws -> String {
        guard let order = try db.queryOne(
            """
            SELECT status, seller_id, currency, total_minor, refunded_minor, commission_minor, fixed_fee_minor,
                   commission_reversed_minor, credit_rate, credit_currency, credit_held_minor
            FROM orders WHERE id = ? AND buyer_id = ?
            """, [.text(orderID), .text(buyerID)]),
            let status = order.string("status").flatMap(OrderStatus.init(rawValue:)),
            let currency = order.string("currency").flatMap(Currency.init(code:)),
            let sellerID = order.string("seller_id")
        else { throw APIError.notFound("order") }
        // The state is checked before the lines: returning from an undelivered order is a 409 whatever the body.
        guard OrderStateMachine.next(from: status, action: .returnPart, by: actor.party) != nil else {
            throw OrderStateMachine.illegal(from: status, action: .returnAll)
        }

        struct StoredLine {
            let quantity: Int64
            let returned: Int64
            let lineTotal: Money
            let commission: Money
        }
        var stored = [String: StoredLine]()
        try db.forEach(
            "SELECT id, quantity, returned_quantity, line_total_minor, commission_minor FROM order_lines WHERE order_id = ?",
            [.text(orderID)]
        ) { row in
            guard let id = row.string("id") else { return }
            stored[id] = StoredLine(
                quantity: row.int64("quantity") ?? 0, returned: row.int64("returned_quantity") ?? 0,
                lineTotal: Money(minorUnits: row.int64("line_total_minor") ?? 0, currency: currency),
                commission: Money(minorUnits: row.int64("commission_minor") ?? 0, currency: currency))
        }

        let errors = Validation()
        var seen = Set<String>()
        var shares = [(line: Line, share: ReturnProration.Share)]()
        for line in requested {
            guard let current = stored[line.lineID] else {
                errors.add("\(line.field).line_id", "is not a line of this order", ko: "이 주문의 항목이 아닙니다")
                continue
            }
            guard seen.insert(line.lineID).inserted else {
                errors.add("\(line.field).line_id", "appears more than once", ko: "중복되었습니다")
                continue
            }
            let left = current.quantity - current.returned
            guard line.quantity <= left else {
                errors.add("\(line.field).quantity", "at most \(left) can still be returned", ko: "최대 \(left)개까지 반품할 수 있습니다")
                continue
            }
            let share = try ReturnProration.share(
                lineTotal: current.lineTotal, commission: current.commission, quantity: current.quantity,
                alreadyReturned: current.returned, returning: line.quantity)
            shares.append((line, share))
            stored[line.lineID] = StoredLine(quantity: current.quantity, returned: current.returned + line.quantity,
                                             lineTotal: current.lineTotal, commission: current.commission)
        }
        try errors.check()

        let everything = stored.values.allSatisfy { $0.returned == $0.quantity }
        let action: OrderAction = everything ? .returnAll : .returnPart
        let next = try OrderStateMachine.transition(from: status, action: action, by: actor.party)

        let refund = try Money.sum(shares.map(\.share.refund), currency: currency)
        let reversed = try Money.sum(shares.map(\.share.commissionReversed), currency: currency)
        let fixedFeeReversed = try Self.fixedFeeReversed(db, orderID: orderID, order: order, everything: everything,
                                                         refund: refund, reversed: reversed)
        let nowText = services.nowText()
        let returnID = ID.make("ret")

        try db.execute(
            """
            INSERT INTO order_returns (id, order_id, buyer_id, seller_id, currency, refund_minor, commission_reversed_minor,
                fixed_fee_reversed_minor, reason, restocked, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            """,
            [.text(returnID), .text(orderID), .text(buyerID), .text(sellerID), .text(currency.code), .integer(refund.minorUnits),
             .integer(reversed.minorUnits + fixedFeeReversed), .integer(fixedFeeReversed), .text(reason),
             .text(actor.userID ?? "system"), .text(nowText)])
        for (line, share) in shares {
            try db.execute(
                "INSERT INTO order_return_lines (return_id, order_line_id, quantity, refund_minor, commission_reversed_minor) VALUES (?, ?, ?, ?, ?)",
                [.text(returnID), .text(line.lineID), .integer(line.quantity), .integer(share.refund.minorUnits),
                 .integer(share.commissionReversed.minorUnits)])
            try db.execute(
                """
                UPDATE order_lines SET returned_quantity = returned_quantity + ?, refunded_minor = refunded_minor + ?,
                    commission_reversed_minor = commission_reversed_minor + ?
                WHERE id = ? AND order_id = ?
                """,
                [.integer(line.quantity), .integer(share.refund.minorUnits), .integer(share.commissionReversed.minorUnits),
                 .text(line.lineID), .text(orderID)])
        }
        try db.execute(
            """
            UPDATE orders SET status = ?, refunded_minor = refunded_minor + ?, commission_reversed_minor = commission_reversed_minor + ?,
                updated_at = ?, version = version + 1
            WHERE id = ? AND status = ?
            """,
            [.text(next.rawValue), .integer(refund.minorUnits), .integer(reversed.minorUnits + fixedFeeReversed), .text(nowText),
             .text(orderID), .text(status.rawValue)])
        guard db.changes == 1 else { throw OrderStateMachine.illegal(from: status, action: action) }

        // Credit comes back at the rate the order locked; the invoice asks for less.
        if let rateText = order.string("credit_rate"), let rate = ExactDecimal(rateText),
           let creditCurrency = order.string("credit_currency").flatMap(Currency.init(code:)), refund.isPositive {
            let release = (try? refund.converted(to: creditCurrency, rate: rate)) ?? .zero(creditCurrency)
            try BuyerCredit.release(db, orderID: orderID, minorUnits: release.minorUnits)
        }
        if refund.isPositive { try Invoices.credit(db, orderID: orderID, minorUnits: refund.minorUnits, at: nowText) }

        try OrderHistory.record(db, orderID: orderID, from: status, to: next, action: action.rawValue, actor: actor, note: reason,
                                at: nowText)
        try OrderEvents.emit(
            OrderEvent(kind: .transitioned, orderID: orderID, buyerID: buyerID, sellerID: sellerID, action: action, from: status,
                       to: next, actor: actor, at: nowText, returnID: returnID), in: db)
        return returnID
    }

    /// The return as the buyer sees it.
    public static func view(_ db: Connection, returnID: String, showsCommission: Bool = false) throws -> JSON? {
        guard let row = try db.queryOne(
            "SELECT id, order_id, currency, refund_minor, commission_reversed_minor, fixed_fee_reversed_minor, reason, restocked, created_by, created_at FROM order_returns WHERE id = ?",
            [.text(returnID)]),
            let currency = row.string("currency").flatMap(Currency.init(code:))
        else { return nil }
        guard var object = try OrderView.returnJSON(db, row: row, returnID: returnID, currency: currency,
                                                    showsCommission: showsCommission).objectValue else { return nil }
        object["order_id"] = .optional(row.string("order_id"))
        if let status = try db.scalar("SELECT status FROM orders WHERE id = ?", [OrderWriter.text(row.string("order_id"))]).stringValue {
            object["order_status"] = .string(status)
        }
        return .object(object)
    }
}

extension OrderReturns {
    /// `ReturnProration.fixedFeeReversed` for this order, with the fixed fee earlier returns reversed.
    static func fixedFeeReversed(_ db: Connection, orderID: String, order: Row, everything: Bool, refund: Money,
                                 reversed: Money) throws -> Int64 {
        let fixedFee = order.int64("fixed_fee_minor") ?? 0
        guard fixedFee > 0 else { return 0 }
        let reversedBefore = try db.scalar(
            "SELECT coalesce(sum(fixed_fee_reversed_minor), 0) FROM order_returns WHERE order_id = ?",
            [.text(orderID)]).int64Value ?? 0
        return ReturnProration.fixedFeeReversed(
            fixedFee: fixedFee, alreadyReversed: reversedBefore, everything: everything,
            grossLeft: (order.int64("total_minor") ?? 0) - (order.int64("refunded_minor") ?? 0) - refund.minorUnits,
            commissionLeft: (order.int64("commission_minor") ?? 0) - (order.int64("commission_reversed_minor") ?? 0)
                - reversed.minorUnits)
    }
}
