import Store
import Web

/// Where the RFQ flows publish their events (API.md, Events: `rfq.invited`, `quote.submitted`,
/// `rfq.awarded`). Each call runs inside the transaction of the change that causes the event, so the outbox
/// row commits with it or not at all.
///
/// Each body writes to the outbox (MarketCore/Events/Outbox.swift); every event is visible only to the
/// organizations it names.
public enum RFQEvents {
    /// `rfq.invited`, one per recipient, concerning that supplier. Broadcast reaches thousands: published
    /// set-based (Outbox.publishToEach), and the audience is found from the (few) webhook subscriptions, each
    /// probing `rfq_recipients` by its primary key (the RFQ's bucket, supplier_id, rfq_id) — never a pass over
    /// the recipients, so suppliers without a subscription cost nothing.
    public static func invited(_ db: Connection, rfqID: String, at: String) throws {
        try Outbox.publishToEach(
            db, type: EventType.rfqInvited.rawValue, data: ["rfq_id": .string(rfqID)],
            organizationsSQL: """
                SELECT DISTINCT p.supplier_id FROM webhook_subscriptions s
                JOIN rfq_recipients p ON p.bucket = (SELECT recipient_bucket FROM rfqs WHERE id = ?)
                    AND p.supplier_id = s.organization_id AND p.rfq_id = ?
                WHERE s.status = 'active'
                """,
            arguments: [.text(rfqID), .text(rfqID)], at: at)
    }

    /// `quote.submitted`, concerning the buyer (and the supplier that quoted). Sent for every revision.
    /// A sealed RFQ's buyer must not learn prices before `respond_by`: the payload carries ids and the
    /// revision only, never amounts.
    public static func quoteSubmitted(_ db: Connection, rfqID: String, buyerID: String, supplierID: String,
                                      quoteID: String, revision: Int, at: String) throws {
        try Outbox.publish(
            db, type: EventType.quoteSubmitted.rawValue,
            data: ["rfq_id": .string(rfqID), "quote_id": .string(quoteID), "supplier_id": .string(supplierID), "revision": .int(revision)],
            audience: [buyerID, supplierID], at: at)
    }

    /// `rfq.awarded`, concerning the buyer and each awarded supplier (with its own order id only).
    public static func awarded(_ db: Connection, rfqID: String, buyerID: String,
                               ordersBySupplier: [(supplierID: String, orderID: String)], at: String) throws {
        let awards: [JSON] = ordersBySupplier.map { ["supplier_id": .string($0.supplierID), "order_id": .string($0.orderID)] }
        try Outbox.publish(
            db, type: EventType.rfqAwarded.rawValue, data: ["rfq_id": .string(rfqID), "awards": .array(awards)],
            audience: [buyerID], at: at)
        for award in ordersBySupplier {
            try Outbox.publish(
                db, type: EventType.rfqAwarded.rawValue,
                data: ["rfq_id": .string(rfqID), "awards": [["supplier_id": .string(award.supplierID), "order_id": .string(award.orderID)]]],
                audience: [award.supplierID], at: at)
        }
    }
}
