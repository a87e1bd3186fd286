import Foundation
import Store
import Web

/// Counts order events on the supplier's scorecard, inside the transaction of the order change.
///
/// - An order counts in `orders_total` when it reaches the supplier: created as `placed`, or approved
///   (`pending_approval → placed`). An order the buyer's own approver rejects or withdraws was never the
///   supplier's business and counts nowhere.
/// - It counts in `orders_cancelled` when cancelled from `placed` or `confirmed` — by the supplier or the
///   buyer: the state machine allows cancelling only before shipment, so this is "cancelled before
///   shipment". Cancellation rate = orders_cancelled / orders_total.
/// - On delivery it counts in `deliveries`, and in `on_time_deliveries` when delivered no later than
///   `placed_at + lead time` (`ScorecardMath.isOnTime`). The lead time is the longest of the order's
///   lines — each the listing's lead time, or the quoted one for an RFQ award — as frozen at checkout.
///   The clock starts at `placed_at`, when the supplier first sees the order, not at `confirmed_at`: a
///   supplier must not be able to buy time by confirming late.
public struct ScorecardObserver: OrderEventObserver {
    public init() {}

    public func handle(_ event: OrderEvent, in db: Connection) throws {
        switch (event.kind, event.action) {
        case (.created, _) where event.to == .placed, (.transitioned, .approve?):
            try SupplierScorecards.countOrder(db, supplierID: event.sellerID, at: event.at)
        case (.transitioned, .cancel?) where event.from == .placed || event.from == .confirmed:
            try SupplierScorecards.countCancellation(db, supplierID: event.sellerID, at: event.at)
        case (.transitioned, .deliver?):
            try SupplierScorecards.countDelivery(db, supplierID: event.sellerID, onTime: try onTime(event, db), at: event.at)
        default:
            break
        }
    }

    /// Whether the delivery in `event` kept the promised lead time.
    func onTime(_ event: OrderEvent, _ db: Connection) throws -> Bool {
        guard let row = try db.queryOne(
            """
            SELECT coalesce(o.placed_at, o.created_at) AS start,
                   max(o.lead_time_days, coalesce((SELECT max(l.lead_time_days) FROM order_lines l WHERE l.order_id = o.id), 0))
                       AS lead_time_days
            FROM orders o WHERE o.id = ?
            """, [.text(event.orderID)]),
            let start = row.string("start").flatMap({ Timestamp.parse($0) }),
            let delivered = Timestamp.parse(event.at)
        else { throw APIError.internal() }
        return ScorecardMath.isOnTime(placedAt: start, deliveredAt: delivered, leadTimeDays: row.int("lead_time_days") ?? 0)
    }
}
