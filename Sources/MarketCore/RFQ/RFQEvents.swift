import Store

/// Where the RFQ flows publish their events (API.md, Events: `rfq.invited`, `quote.submitted`,
/// `rfq.awarded`). Each call runs inside the transaction of the change that causes the event, so the outbox
/// row commits with it or not at all.
///
/// SEAM for the webhooks issue: the outbox does not exist yet. Replace each body with
/// `Outbox.publish(db, type: ..., ...)`; the arguments carry what each event's `data` needs and whom it
/// concerns (each event is visible only to the organizations it names).
public enum RFQEvents {
    /// `rfq.invited`, one per recipient, concerning that supplier. Broadcast reaches thousands: publish
    /// set-based from `rfq_recipients` (`INSERT INTO outbox ... SELECT ... FROM rfq_recipients WHERE rfq_id = ?`),
    /// never one statement per supplier.
    public static func invited(_ db: Connection, rfqID: String, at: String) throws {
        _ = (db, rfqID, at)
    }

    /// `quote.submitted`, concerning the buyer (and the supplier that quoted). Sent for every revision.
    /// A sealed RFQ's buyer must not learn prices before `respond_by`: the payload carries ids and the
    /// revision only, never amounts.
    public static func quoteSubmitted(_ db: Connection, rfqID: String, buyerID: String, supplierID: String,
                                      quoteID: String, revision: Int, at: String) throws {
        _ = (db, rfqID, buyerID, supplierID, quoteID, revision, at)
    }

    /// `rfq.awarded`, concerning the buyer and each awarded supplier (with its own order id only).
    public static func awarded(_ db: Connection, rfqID: String, buyerID: String,
                               ordersBySupplier: [(supplierID: String, orderID: String)], at: String) throws {
        _ = (db, rfqID, buyerID, ordersBySupplier, at)
    }
}
