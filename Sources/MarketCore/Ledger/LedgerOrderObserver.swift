import Store

/// Posts the ledger entries of order events inside the transaction that made them happen (delivery,
/// returns), so an order can never be delivered or returned without its postings, nor the other way round.
struct LedgerOrderObserver: OrderEventObserver {
    func handle(_ event: OrderEvent, in db: Connection) throws {
        switch event.action {
        case .deliver?:
            try postDelivery(event, in: db)
        case .returnAll?, .returnPart?:
            guard let returnID = event.returnID else { return }
            try postReturn(returnID, event: event, in: db)
        default:
            return
        }
    }

    private func postDelivery(_ event: OrderEvent, in db: Connection) throws {
        guard let row = try db.queryOne(
            "SELECT buyer_id, seller_id, currency, total_minor, commission_minor, delivered_at FROM orders WHERE id = ?",
            [.text(event.orderID)]),
            let currency = row.string("currency").flatMap(Currency.init(code:))
        else { throw LedgerError.unknownEntry("order \(event.orderID)") }
        let order = LedgerPostings.Order(
            id: event.orderID, buyerID: row.string("buyer_id") ?? event.buyerID, sellerID: row.string("seller_id") ?? event.sellerID,
            total: Money(minorUnits: row.int64("total_minor") ?? 0, currency: currency),
            commission: Money(minorUnits: row.int64("commission_minor") ?? 0, currency: currency))
        // Queued for the next settlement run (`SettlementRun`), which removes it once settled.
        try db.execute("INSERT INTO settlement_pending (order_id, delivered_at) VALUES (?, ?)",
                       [.text(event.orderID), .text(row.string("delivered_at") ?? event.at)])
        guard let entry = try LedgerPostings.delivered(order) else { return }
        try Ledger.post(entry, in: db, at: event.at, by: event.actor.userID)
    }

    private func postReturn(_ returnID: String, event: OrderEvent, in db: Connection) throws {
        guard let row = try db.queryOne(
            "SELECT order_id, buyer_id, seller_id, currency, refund_minor, commission_reversed_minor FROM order_returns WHERE id = ?",
            [.text(returnID)]),
            let currency = row.string("currency").flatMap(Currency.init(code:)), let orderID = row.string("order_id")
        else { throw LedgerError.unknownEntry("return \(returnID)") }
        let settled = try db.queryOne(
            "SELECT 1 FROM settlement_lines WHERE order_id = ? AND kind = 'order'", [.text(orderID)]) != nil
        let item = LedgerPostings.Return(
            id: returnID, orderID: orderID, buyerID: row.string("buyer_id") ?? event.buyerID,
            sellerID: row.string("seller_id") ?? event.sellerID,
            refund: Money(minorUnits: row.int64("refund_minor") ?? 0, currency: currency),
            commissionReversed: Money(minorUnits: row.int64("commission_reversed_minor") ?? 0, currency: currency),
            afterSettlement: settled)
        guard let entry = try LedgerPostings.returned(item) else { return }
        try Ledger.post(entry, in: db, at: event.at, by: event.actor.userID)
    }
}
