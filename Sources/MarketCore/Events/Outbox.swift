import Crypto
import Store
import Web

/// The transactional outbox: how every module announces that something happened.
///
/// Call it INSIDE the `database.write` closure that makes the change, with that closure's connection:
///
///     try services.database.write { db in
///         // ... mark the order shipped ...
///         try Outbox.publish(db, type: "order.shipped", data: ["order_id": .string(orderID), "status": "shipped"],
///                            audience: [buyerOrganizationID, supplierOrganizationID], at: services.nowText())
///     }
///
/// - The event and one delivery row per matching subscription are written in that transaction, so they
///   commit or roll back with the change: no event is lost in a crash, and none announces a change that
///   did not happen. The delivery worker sends them after the commit.
/// - `type` must be one of `EventType.names`; any other string is a programming error and stops the
///   process (a typo here would otherwise silently deliver nothing).
/// - `audience`: the organizations allowed to receive the event. Only their ACTIVE subscriptions that
///   list `type` get a delivery; nobody else ever sees it. `rfq.invited` is one event per invited
///   supplier (audience [supplier]); `order.*` is [buyer, supplier]; `settlement.created` is [supplier].
/// - `data`: ids and states the audience may see; keep it small (receivers fetch details through the API).
/// - `at`: `services.nowText()`, the event's `created_at`.
public enum Outbox {
    @discardableResult
    public static func publish(_ db: Connection, type: String, data: JSON, audience: [String], at: String) throws -> String {
        precondition(EventType(rawValue: type) != nil, "unknown event type \(type); add it to EventType first")
        let eventID = ID.make("evt")
        let payload: JSON = ["id": .string(eventID), "type": .string(type), "created_at": .string(at), "data": data]
        var organizations: [String] = []
        for organization in audience where !organizations.contains(organization) { organizations.append(organization) }
        try db.execute(
            "INSERT INTO events (id, type, audience, payload, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                .text(eventID), .text(type), .text(JSONSerializer.string(.array(organizations.map(JSON.string)))),
                .text(JSONSerializer.string(payload)), .text(at),
            ])
        var fannedOut = 0
        for organization in organizations {
            let subscriptions = try db.query(
                """
                SELECT id, paused_until FROM webhook_subscriptions
                WHERE organization_id = ? AND status = 'active'
                  AND EXISTS (SELECT 1 FROM json_each(webhook_subscriptions.events) WHERE json_each.value = ?)
                """, [.text(organization), .text(type)])
            for subscription in subscriptions {
                guard let subscriptionID = subscription.string("id") else { continue }
                // A subscription paused after failures gets the new delivery when its pause ends.
                let due = max(at, subscription.string("paused_until") ?? at)
                try db.execute(
                    """
                    INSERT INTO webhook_deliveries (id, subscription_id, event_id, status, next_attempt_at, created_at)
                    VALUES (?, ?, ?, 'pending', ?, ?)
                    """, [.text(ID.make("whd")), .text(subscriptionID), .text(eventID), .text(due), .text(at)])
                fannedOut += 1
            }
        }
        // Signalled before the commit: the worker's claim queues behind this transaction on the single
        // writer connection, so it sees the rows once they are committed (and nothing if rolled back).
        if fannedOut > 0 { DeliverySignal.shared.signal() }
        return eventID
    }
}
