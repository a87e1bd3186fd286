import Store
import Web

/// Who receives an RFQ, written set-based however many suppliers match (a broadcast can reach tens of
/// thousands; one round trip per supplier would hold the single writer for seconds).
///
/// Recipients: every ACTIVE supplier that declared (`supplier_categories`) one of the items' categories or
/// one of their ancestors — a supplier of "Fasteners" is asked about "Hex bolts" — when broadcasting, plus
/// the named ones. Pending and suspended suppliers are never invited, named or not.
///
/// How, in a constant number of statements whatever the size (measured at 10,000 recipients):
/// 1. the recipient set is computed ONCE into a connection-private temporary table keyed by supplier
///    (`temp.rfq_invitation_batch`, in memory: `PRAGMA temp_store = MEMORY`). Its primary key removes the
///    duplicates (a supplier declaring both "Bolts" and "Fasteners") without a GROUP BY sort; the named
///    suppliers go in first so that they keep `named = 1`;
/// 2. the RFQ gets its `rfq_recipients` bucket (`RFQRecipientBuckets`), then ONE `INSERT INTO rfq_recipients ...
///    SELECT` from the batch, in supplier order: inside the newest bucket, i.e. the end of the table's key;
/// 3. the scorecards' `rfqs_invited` from the same set: an UPDATE of the existing rows, then an INSERT of the
///    missing ones — the two halves of an upsert, at half the cost of `ON CONFLICT DO UPDATE`, which first
///    builds and tries to insert a whole new row for every supplier that already has one.
/// Computing the set once instead of per statement saves a second walk of the category tree, the
/// supplier_categories range and one organizations probe per supplier.
public enum RFQInvitation {
    /// Inserts the recipients, counts them on the RFQ and on each supplier's scorecard (`rfqs_invited`), and
    /// publishes `rfq.invited`. Returns the recipient count. Runs in the caller's write transaction (the temporary
    /// table belongs to the writer connection; it is emptied before and after).
    @discardableResult
    public static func invite(_ db: Connection, rfqID: String, broadcast: Bool, namedSupplierIDs: [String], at: String)
        throws -> Int
    {
        try db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS rfq_invitation_batch (supplier_id TEXT PRIMARY KEY, named INTEGER NOT NULL) WITHOUT ROWID")
        try db.execute("DELETE FROM temp.rfq_invitation_batch")

        if !namedSupplierIDs.isEmpty {
            let named = String(decoding: JSONSerializer.serialize(.array(namedSupplierIDs.map { .string($0) })), as: UTF8.self)
            try db.execute(
                """
                INSERT OR IGNORE INTO temp.rfq_invitation_batch (supplier_id, named)
                SELECT o.id, 1 FROM json_each(?) j CROSS JOIN organizations o ON o.id = j.value
                WHERE o.kind = 'supplier' AND o.status = 'active'
                """, [.text(named)])
        }
        if broadcast {
            // The recursive CTE walks up from the items' categories; UNION (not UNION ALL) drops categories
            // already reached, so even a corrupt cycle terminates (https://www.sqlite.org/lang_with.html).
            // CROSS JOIN keeps SQLite's join order (https://www.sqlite.org/optoverview.html#crossjoin): each
            // candidate probes the organizations_kind_status covering index once, instead of the planner's
            // choice of scanning every active supplier. OR IGNORE: only the batch's primary key can conflict.
            try db.execute(
                """
                WITH RECURSIVE up(id) AS (
                    SELECT category_id FROM rfq_items WHERE rfq_id = ?
                    UNION
                    SELECT c.parent_id FROM categories c JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL
                )
                INSERT OR IGNORE INTO temp.rfq_invitation_batch (supplier_id, named)
                SELECT sc.supplier_id, 0 FROM supplier_categories sc CROSS JOIN organizations o ON o.id = sc.supplier_id
                WHERE sc.category_id IN (SELECT id FROM up) AND o.kind = 'supplier' AND o.status = 'active'
                """, [.text(rfqID)])
        }

        let size = try db.scalar("SELECT count(*) FROM temp.rfq_invitation_batch").int64Value ?? 0
        let bucket = try RFQRecipientBuckets.assign(db, recipients: size)
        try db.execute(
            """
            INSERT INTO rfq_recipients (bucket, supplier_id, rfq_id, named)
            SELECT ?, supplier_id, ?, named FROM temp.rfq_invitation_batch
            """, [.integer(bucket), .text(rfqID)])
        let count = db.changes
        try db.execute(
            """
            UPDATE supplier_scorecards SET rfqs_invited = rfqs_invited + 1, updated_at = ?
            WHERE supplier_id IN (SELECT supplier_id FROM temp.rfq_invitation_batch)
            """, [.text(at)])
        if Int64(db.changes) < size {  // usually every recipient already has a scorecard: skip the probes
            try db.execute(
                """
                INSERT INTO supplier_scorecards (supplier_id, rfqs_invited, updated_at)
                SELECT b.supplier_id, 1, ? FROM temp.rfq_invitation_batch b
                WHERE NOT EXISTS (SELECT 1 FROM supplier_scorecards s WHERE s.supplier_id = b.supplier_id)
                """, [.text(at)])
        }
        try db.execute("DELETE FROM temp.rfq_invitation_batch")
        try db.execute("UPDATE rfqs SET recipient_count = ?, recipient_bucket = ? WHERE id = ?",
                       [.integer(Int64(count)), .integer(bucket), .text(rfqID)])
        try RFQEvents.invited(db, rfqID: rfqID, at: at)
        return count
    }
}
