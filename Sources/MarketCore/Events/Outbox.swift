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
///
/// `publishToEach(db, type:data:organizationsSQL:arguments:at:)` is the set-based form for one event per
/// organization selected by SQL (broadcast `rfq.invited`).
public enum Outbox {
    @discardableResult
    public static func publish(_ db: Connection, type: String, data: JSON, audience: [String], at: String) throws -> String {
        precondition(EventType(rawValue: type) != nil, "unknown event type \(type); add it to EventType first")
        var organizations: [String] = []
        for organization in audience where !organizations.contains(organization) { organizations.append(organization) }
        var subscriptions: [Row] = []
        for organization in organizations {
            subscriptions += try db.query(
                """
                SELECT id, paused_until FROM webhook_subscriptions
                WHERE organization_id = ? AND status = 'active'
                  AND EXISTS (SELECT 1 FROM json_each(webhook_subscriptions.events) WHERE json_each.value = ?)
                """, [.text(organization), .text(type)])
        }
        return try insert(db, type: type, data: data, audience: organizations, subscriptions: subscriptions, at: at)
    }

    /// One event per organization that `organizationsSQL` selects, each visible only to that organization:
    /// the set-based form for fan-outs to thousands (`rfq.invited` to every broadcast recipient). The SQL
    /// is a SELECT of one column of organization ids, with `?` placeholders bound to `arguments`, e.g.
    /// `"SELECT supplier_id FROM rfq_recipients WHERE rfq_id = ?"`. It is joined to the subscriptions in
    /// one statement, and only organizations with an active subscription to `type` get an event row
    /// (nobody else could ever receive it). Returns the number of events written.
    @discardableResult
    public static func publishToEach(
        _ db: Connection, type: String, data: JSON, organizationsSQL: String, arguments: [SQLValue] = [], at: String
    ) throws -> Int {
        precondition(EventType(rawValue: type) != nil, "unknown event type \(type); add it to EventType first")
        let rows = try db.query(
            """
            WITH audience(organization_id) AS (\(organizationsSQL))
            SELECT DISTINCT s.id, s.organization_id, s.paused_until
            FROM audience a JOIN webhook_subscriptions s ON s.organization_id = a.organization_id AND s.status = 'active'
            WHERE EXISTS (SELECT 1 FROM json_each(s.events) WHERE json_each.value = ?)
            ORDER BY s.organization_id, s.id
            """, arguments + [.text(type)])
        var byOrganization: [(String, [Row])] = []
        for row in rows {
            guard let organization = row.string("organization_id") else { continue }
            if byOrganization.last?.0 == organization {
                byOrganization[byOrganization.count - 1].1.append(row)
            } else {
                byOrganization.append((organization, [row]))
            }
        }
        for (organization, subscriptions) in byOrganization {
            _ = try insert(db, type: type, data: data, audience: [organization], subscriptions: subscriptions, at: at)
        }
        return byOrganization.count
    }

    /// The event row and one delivery per subscription (`id`, `paused_until`).
    private static func insert(
        _ db: Connection, type: String, data: JSON, audience: [String], subscriptions: [Row], at: String
    ) throws -> String {
        let eventID = ID.make("evt")
        let payload: JSON = ["id": .string(eventID), "type": .string(type), "created_at": .string(at), "data": data]
        try db.execute(
            "INSERT INTO events (id, type, audience, payload, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                .text(eventID), .text(type), .text(JSONSerializer.string(.array(audience.map(JSON.string)))),
                .text(JSONSerializer.string(payload)), .text(at),
            ])
        for subscription in subscriptions {
            guard let subscriptionID = subscription.string("id") else { continue }
            // A subscription paused after failures gets the new delivery when its pause ends.
            let due = max(at, subscription.string("paused_until") ?? at)
            try db.execute(
                """
                INSERT INTO webhook_deliveries (id, subscription_id, event_id, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, 'pending', ?, ?)
                """, [.text(ID.make("whd")), .text(subscriptionID), .text(eventID), .text(due), .text(at)])
        }
        // Signalled before the commit: the worker's claim queues behind this transaction on the single
        // writer connection, so it sees the rows once they are committed (and nothing if rolled back).
        if !subscriptions.isEmpty { DeliverySignal.shared.signal() }
        return eventID
    }
}
