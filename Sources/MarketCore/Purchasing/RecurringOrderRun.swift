import Store
import Web

/// One scheduled run of a recurring order and what came of it: the orders placed, or the problem the
/// checkout answered (stock, credit, a listing withdrawn...).
public struct RecurringOrderRun: Sendable, Equatable {
    public enum Status: String, Sendable { case placed, failed }

    public var id: String
    public var scheduledFor: String
    public var status: Status
    public var checkoutID: String?
    public var orderIDs: [String]
    /// The checkout's problem (RFC 9457 JSON) for a failed run.
    public var error: JSON?
    public var ranAt: String

    public var json: JSON {
        [
            "id": .string(id), "scheduled_for": .string(scheduledFor), "status": .string(status.rawValue),
            "checkout_id": .optional(checkoutID), "order_ids": .array(orderIDs.map(JSON.string)), "error": error ?? .null,
            "ran_at": .string(ranAt),
        ]
    }

    static func list(_ db: Connection, recurringOrderID: String, limit: Int) throws -> [RecurringOrderRun] {
        try db.query(
            """
            SELECT id, scheduled_for, status, checkout_id, order_ids, error, ran_at FROM recurring_order_runs
            WHERE recurring_order_id = ? ORDER BY scheduled_for DESC LIMIT ?
            """, [.text(recurringOrderID), .integer(Int64(limit))]
        ).compactMap { row in
            guard let id = row.string("id"), let scheduled = row.string("scheduled_for"),
                let status = row.string("status").flatMap(Status.init(rawValue:))
            else { return nil }
            return RecurringOrderRun(
                id: id, scheduledFor: scheduled, status: status, checkoutID: row.string("checkout_id"),
                orderIDs: (row.string("order_ids").flatMap { try? JSONParser.parse($0) }?.arrayValue ?? []).compactMap(\.stringValue),
                error: row.string("error").flatMap { try? JSONParser.parse($0) }, ranAt: row.string("ran_at") ?? "")
        }
    }
}
