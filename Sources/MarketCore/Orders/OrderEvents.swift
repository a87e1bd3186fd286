import Store
import Synchronization
import Web

/// Something that happened to an order, delivered to observers inside the transaction that made it
/// happen: the ledger posts on delivery and returns, webhooks write outbox rows, scorecards count
/// deliveries — and none of it can be lost or half-done on a crash, since it commits or rolls back with
/// the change itself.
public struct OrderEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Written at checkout; `to` is `placed` or `pending_approval`.
        case created
        /// A state-machine transition; `action` says which.
        case transitioned
    }

    public let kind: Kind
    public let orderID: String
    public let buyerID: String
    public let sellerID: String
    public let action: OrderAction?
    public let from: OrderStatus?
    public let to: OrderStatus
    public let actor: OrderActor
    public let at: String
    /// The `order_returns` row for `return` / `return_partial`.
    public let returnID: String?
    /// The invoice issued with this change (net-terms delivery).
    public let invoiceID: String?

    public init(kind: Kind, orderID: String, buyerID: String, sellerID: String, action: OrderAction?, from: OrderStatus?,
                to: OrderStatus, actor: OrderActor, at: String, returnID: String? = nil, invoiceID: String? = nil) {
        self.kind = kind
        self.orderID = orderID
        self.buyerID = buyerID
        self.sellerID = sellerID
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
        self.returnID = returnID
        self.invoiceID = invoiceID
    }

    /// The webhook event names of API.md this change corresponds to (possibly none, possibly two:
    /// an approval also places the order).
    public var webhookTypes: [String] {
        switch (kind, action) {
        case (.created, _): to == .placed ? ["order.placed"] : []
        case (_, .approve?): ["order.approved", "order.placed"]
        case (_, .ship?): ["order.shipped"]
        case (_, .deliver?): ["order.delivered"]
        case (_, .returnAll?), (_, .returnPart?): ["order.returned"]
        default: []
        }
    }
}

/// Reacts to order events in the transaction that caused them; throwing rolls the whole change back.
public protocol OrderEventObserver: Sendable {
    func handle(_ event: OrderEvent, in db: Connection) throws
}

/// The observers of order events. Modules register at start (`OrderEvents.register("ledger", ...)`);
/// registering a name again replaces the observer, so building several applications in one process (tests)
/// never doubles a posting. With no observer registered, events are no-ops.
public enum OrderEvents {
    private static let observers = Mutex<[(name: String, observer: any OrderEventObserver)]>([])

    public static func register(_ name: String, _ observer: any OrderEventObserver) {
        observers.withLock { list in
            if let index = list.firstIndex(where: { $0.name == name }) {
                list[index].observer = observer
            } else {
                list.append((name, observer))
            }
        }
    }

    public static func unregister(_ name: String) {
        observers.withLock { list in list.removeAll { $0.name == name } }
    }

    /// Publishes the event's webhooks to the buyer and the supplier (`Outbox`), then calls every observer
    /// in registration order, all on `db` inside the caller's transaction.
    public static func emit(_ event: OrderEvent, in db: Connection) throws {
        for type in event.webhookTypes {
            var data: JSONObject = ["order_id": .string(event.orderID), "status": .string(event.to.rawValue)]
            if let from = event.from { data["previous_status"] = .string(from.rawValue) }
            if let returnID = event.returnID { data["return_id"] = .string(returnID) }
            try Outbox.publish(db, type: type, data: .object(data), audience: [event.buyerID, event.sellerID], at: event.at)
        }
        let current = observers.withLock { $0.map(\.observer) }
        for observer in current { try observer.handle(event, in: db) }
    }
}
