import Store

/// The queue of delivered, unsettled orders (`settlement_pending`, filled by `LedgerOrderObserver`): a run
/// takes out what it settled; waiting orders, and orders delivered after `period_end`, stay.
enum SettlementQueue {
    /// - Parameters:
    ///   - scanned: queue rows up to `periodEnd` the run read; `settled`: how many of them it settled.
    static func removeSettled(_ db: Connection, upTo periodEnd: String, scanned: Int, settled: Int) throws {
        guard settled == scanned else {
            try db.execute(
                """
                DELETE FROM settlement_pending WHERE delivered_at <= ?
                  AND EXISTS (SELECT 1 FROM settlement_lines l WHERE l.order_id = settlement_pending.order_id AND l.kind = 'order')
                """, [.text(periodEnd)])
            return
        }
        // Every row the run read was settled: they are exactly the rows up to `period_end`.
        if try db.scalar("SELECT COUNT(*) FROM settlement_pending").int64Value == Int64(scanned), let definition = try soleDefinition(db) {
            // ...and the whole queue. Dropped and created again from its own definition, the table's pages go
            // to the freelist without a row being visited, where DELETE rewrites every page of the queue
            // into the WAL (a million rows: about 1 s of the run, and 65 MiB more WAL to commit and checkpoint).
            // A DELETE without WHERE would truncate likewise, but SQLite skips that optimization for a table
            // with a foreign key (https://www.sqlite.org/lang_delete.html#the_truncate_optimization). The
            // implicit DELETE of DROP TABLE (https://www.sqlite.org/foreignkeys.html#fk_schemacommands) is
            // generated only for a table that is the parent of a foreign key or the child of a deferred one
            // (fkey.c, sqlite3FkDropTable): neither holds here (measured: 0.14 s for a million rows), and it
            // would only be slower if it did. Inside the run's transaction, so a failure later restores the
            // queue with everything else.
            //
            // With secure_delete on (the default of Debian's SQLite), dropping would still zero every freed page
            // into the WAL; FAST zeroes deleted content only where the page is written anyway
            // (https://www.sqlite.org/pragma.html#pragma_secure_delete). Nothing is kept that the database does
            // not hold anyway: the queue's rows are copies of `orders.id` and `orders.delivered_at`.
            let secureDelete = try db.scalar("PRAGMA secure_delete").int64Value ?? 1
            try db.execute("PRAGMA secure_delete = FAST")
            defer { try? db.execute("PRAGMA secure_delete = \(secureDelete == 2 ? "FAST" : String(secureDelete))") }
            try db.executeScript("DROP TABLE settlement_pending; \(definition)")
        } else {
            try db.execute("DELETE FROM settlement_pending WHERE delivered_at <= ?", [.text(periodEnd)])
        }
    }

    /// The queue table's CREATE statement, when the table is the only schema object on it (no index or
    /// trigger that recreating the table from this statement would lose).
    private static func soleDefinition(_ db: Connection) throws -> String? {
        let objects = try db.query("SELECT type, sql FROM sqlite_schema WHERE tbl_name = 'settlement_pending'")
        guard objects.count == 1, objects[0].string("type") == "table", let sql = objects[0].string("sql") else { return nil }
        return sql
    }
}
