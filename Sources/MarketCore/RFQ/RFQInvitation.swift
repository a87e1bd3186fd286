import Store
import Web

/// Who receives an RFQ, written in ONE set-based statement however many suppliers match (a broadcast can
/// reach tens of thousands; one round trip per supplier would hold the single writer for seconds).
///
/// Recipients: every ACTIVE supplier that declared (`supplier_categories`) one of the items' categories or
/// one of their ancestors — a supplier of "Fasteners" is asked about "Hex bolts" — when broadcasting, plus
/// the named ones. Pending and suspended suppliers are never invited, named or not.
public enum RFQInvitation {
    /// Inserts the recipients, counts them on the RFQ and on each supplier's scorecard (`rfqs_invited`),
    /// and publishes `rfq.invited`. Returns the recipient count.
    @discardableResult
    public static func invite(_ db: Connection, rfqID: String, broadcast: Bool, namedSupplierIDs: [String], at: String)
        throws -> Int
    {
        let named = String(decoding: JSONSerializer.serialize(.array(namedSupplierIDs.map { .string($0) })), as: UTF8.self)
        // The recursive CTE walks up from the items' categories; UNION (not UNION ALL) drops categories
        // already reached, so even a corrupt cycle terminates (https://www.sqlite.org/lang_with.html).
        // `WHERE true` before GROUP BY is not needed here, but the upsert below needs its WHERE: SQLite's
        // documented parsing ambiguity of INSERT ... SELECT ... ON CONFLICT (https://www.sqlite.org/lang_upsert.html).
        try db.execute(
            """
            WITH RECURSIVE up(id) AS (
                SELECT category_id FROM rfq_items WHERE rfq_id = ?1
                UNION
                SELECT c.parent_id FROM categories c JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL
            ),
            candidates(supplier_id, named) AS (
                SELECT sc.supplier_id, 0 FROM supplier_categories sc
                WHERE ?2 = 1 AND sc.category_id IN (SELECT id FROM up)
                UNION ALL
                SELECT value, 1 FROM json_each(?3)
            )
            INSERT INTO rfq_recipients (rfq_id, supplier_id, source, invited_at)
            SELECT ?1, c.supplier_id, CASE WHEN max(c.named) = 1 THEN 'named' ELSE 'broadcast' END, ?4
            FROM candidates c JOIN organizations o ON o.id = c.supplier_id
            WHERE o.kind = 'supplier' AND o.status = 'active'
            GROUP BY c.supplier_id
            """, [.text(rfqID), .integer(broadcast ? 1 : 0), .text(named), .text(at)])
        let count = db.changes
        try db.execute(
            """
            INSERT INTO supplier_scorecards (supplier_id, rfqs_invited, updated_at)
            SELECT supplier_id, 1, ?2 FROM rfq_recipients WHERE rfq_id = ?1
            ON CONFLICT (supplier_id) DO UPDATE SET rfqs_invited = rfqs_invited + 1, updated_at = excluded.updated_at
            """, [.text(rfqID), .text(at)])
        try db.execute("UPDATE rfqs SET recipient_count = ? WHERE id = ?", [.integer(Int64(count)), .text(rfqID)])
        try RFQEvents.invited(db, rfqID: rfqID, at: at)
        return count
    }
}
