import Store

/// Keeps payments in step with the order's life, inside the transaction of each change: a delivery issues
/// the invoice (which must know what was already paid), a return or a cancellation may leave the buyer
/// having paid more than it owes (refunded at once), and either way the statuses are recomputed.
struct PaymentOrderObserver: OrderEventObserver {
    func handle(_ event: OrderEvent, in db: Connection) throws {
        switch event.action {
        case .deliver?:
            break
        case .cancel?, .reject?:
            try PaymentRefunds.refundExcess(db, orderID: event.orderID, cause: .cancellation, returnID: nil, actor: event.actor, at: event.at)
        case .returnAll?, .returnPart?:
            try PaymentRefunds.refundExcess(db, orderID: event.orderID, cause: .return, returnID: event.returnID, actor: event.actor,
                                            at: event.at)
        default:
            return
        }
        try PaymentFigures.store(db, orderID: event.orderID, at: event.at)
    }
}

/// Connects payments to order events (called once at start, beside `LedgerHooks.install()`).
public enum PaymentHooks {
    public static func install() {
        OrderEvents.register("payments", PaymentOrderObserver())
    }
}
