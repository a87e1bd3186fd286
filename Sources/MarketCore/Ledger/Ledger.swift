import Foundation
import Store

/// The ledger in the store: posting and reversing journal entries. Call it with the connection of the
/// transaction that makes the business change, so the entry commits or rolls back with it.
///
/// Issue 14 (payments) posts through here too:
///
///     var entry = JournalEntryBuilder(key: "payment:\(paymentID)", kind: "payment", sourceType: "payment", sourceID: paymentID)
///     try entry.debit(.cash(amount.currency), amount)
///     try entry.credit(.buyerReceivable(buyerID, amount.currency), amount)
///     try Ledger.post(try entry.build(), in: db, at: services.nowText(), by: caller.userID)
public enum Ledger {
    /// What `post` did.
    public struct Posted: Sendable, Hashable {
        /// The entry's opaque id (`jen_…`).
        public let id: String
        /// False when an identical entry with the same key was already posted (a replay: nothing written).
        public let created: Bool
    }

    /// Writes `entry` (accounts created on first use). Re-checks that it balances per currency — the
    /// builder already did, this is the last line of defence before anything is written. Posting the same
    /// key again with the same lines is a no-op; with different lines it is `LedgerError.keyConflict`.
    @discardableResult
    public static func post(_ entry: JournalEntry, in db: Connection, at: String, by actor: String? = nil, reverses: String? = nil)
        throws -> Posted
    {
        try checkBalanced(entry)
        if let existing = try db.queryOne("SELECT seq, id FROM ledger_entries WHERE key = ?", [.text(entry.key)]),
           let seq = existing.int64("seq"), let id = existing.string("id") {
            guard try storedLines(db, entrySeq: seq) == entry.lines.map(LineFacts.init) else { throw LedgerError.keyConflict(entry.key) }
            return Posted(id: id, created: false)
        }
        var reversesSeq: SQLValue = .null
        if let reverses {
            guard let seq = try db.scalar("SELECT seq FROM ledger_entries WHERE id = ?", [.text(reverses)]).int64Value else {
                throw LedgerError.unknownEntry(reverses)
            }
            reversesSeq = .integer(seq)
        }
        let id = ID.make("jen", at: Timestamp.parse(at) ?? Date(timeIntervalSince1970: 0))
        try db.execute(
            """
            INSERT INTO ledger_entries (id, key, kind, source_type, source_id, reverses_seq, memo, posted_at, posted_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(entry.key), .text(entry.kind), .text(entry.sourceType), .text(entry.sourceID), reversesSeq,
             entry.memo.map { .text($0) } ?? .null, .text(at), actor.map { .text($0) } ?? .null])
        let entrySeq = db.lastInsertRowID
        for (position, line) in entry.lines.enumerated() {
            let accountSeq = try account(db, line.account, at: at)
            try db.execute(
                "INSERT INTO ledger_lines (entry_seq, position, account_seq, debit_minor, credit_minor) VALUES (?, ?, ?, ?, ?)",
                [.integer(entrySeq), .integer(Int64(position)), .integer(accountSeq),
                 .integer(line.side == .debit ? line.amount.minorUnits : 0), .integer(line.side == .credit ? line.amount.minorUnits : 0)])
        }
        for (position, conversion) in entry.conversions.enumerated() {
            try db.execute(
                """
                INSERT INTO ledger_conversions (entry_seq, position, from_currency, from_minor, to_currency, to_minor, rate, item_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.integer(entrySeq), .integer(Int64(position)), .text(conversion.from.currency.code), .integer(conversion.from.minorUnits),
                 .text(conversion.to.currency.code), .integer(conversion.to.minorUnits), .text(conversion.rate.description),
                 .integer(Int64(conversion.itemCount))])
        }
        return Posted(id: id, created: true)
    }

    /// Posts the reversal of entry `id` (every line on the other side), once: a second reversal is
    /// `LedgerError.alreadyReversed`. The only way to correct a posted entry.
    @discardableResult
    public static func reverse(entryID id: String, in db: Connection, at: String, by actor: String? = nil, memo: String? = nil)
        throws -> Posted
    {
        guard let original = try entry(db, id: id) else { throw LedgerError.unknownEntry(id) }
        if try db.queryOne(
            "SELECT 1 FROM ledger_entries r JOIN ledger_entries o ON r.reverses_seq = o.seq WHERE o.id = ?", [.text(id)]) != nil {
            throw LedgerError.alreadyReversed(id)
        }
        return try post(original.reversal(key: "reversal:\(original.key)", memo: memo), in: db, at: at, by: actor, reverses: id)
    }

    /// A posted entry read back (lines with their accounts, conversions), or nil.
    public static func entry(_ db: Connection, id: String) throws -> JournalEntry? {
        guard let row = try db.queryOne(
            "SELECT seq, key, kind, source_type, source_id, memo FROM ledger_entries WHERE id = ?", [.text(id)]),
            let seq = row.int64("seq")
        else { return nil }
        var builder = JournalEntryBuilder(
            key: row.string("key") ?? "", kind: row.string("kind") ?? "", sourceType: row.string("source_type") ?? "",
            sourceID: row.string("source_id") ?? "", memo: row.string("memo"))
        try db.forEach(
            """
            SELECT a.code, l.debit_minor, l.credit_minor FROM ledger_lines l JOIN ledger_accounts a ON a.seq = l.account_seq
            WHERE l.entry_seq = ? ORDER BY l.position
            """, [.integer(seq)]
        ) { line in
            guard let account = line.string("code").flatMap(LedgerAccount.init(code:)) else { return }
            try builder.debit(account, Money(minorUnits: line.int64("debit_minor") ?? 0, currency: account.currency))
            try builder.credit(account, Money(minorUnits: line.int64("credit_minor") ?? 0, currency: account.currency))
        }
        return try builder.build()
    }

    // MARK: - Accounts

    /// The account's row number, inserting the account on first use.
    static func account(_ db: Connection, _ account: LedgerAccount, at: String) throws -> Int64 {
        if let seq = try db.scalar("SELECT seq FROM ledger_accounts WHERE code = ?", [.text(account.code)]).int64Value { return seq }
        try db.execute(
            "INSERT INTO ledger_accounts (code, kind, owner_id, currency, normal_side, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(account.code), .text(account.kind.rawValue), account.ownerID.map { .text($0) } ?? .null, .text(account.currency.code),
             .text(account.kind.normalSide.rawValue), .text(at)])
        return db.lastInsertRowID
    }

    // MARK: - Checks

    static func checkBalanced(_ entry: JournalEntry) throws {
        guard !entry.lines.isEmpty else { throw LedgerError.empty }
        for line in entry.lines where line.amount.currency != line.account.currency || line.amount.minorUnits <= 0 {
            throw LedgerError.currencyMismatch(account: line.account.code, amount: line.amount.description)
        }
        for (currency, totals) in entry.totals where totals.debits != totals.credits {
            throw LedgerError.unbalanced(currency: currency.code, debits: totals.debits, credits: totals.credits)
        }
    }

    private struct LineFacts: Equatable {
        let code: String
        let side: LedgerSide
        let minor: Int64
        init(_ line: LedgerLine) {
            code = line.account.code
            side = line.side
            minor = line.amount.minorUnits
        }
        init(code: String, side: LedgerSide, minor: Int64) {
            self.code = code
            self.side = side
            self.minor = minor
        }
    }

    private static func storedLines(_ db: Connection, entrySeq: Int64) throws -> [LineFacts] {
        try db.query(
            """
            SELECT a.code, l.debit_minor, l.credit_minor FROM ledger_lines l JOIN ledger_accounts a ON a.seq = l.account_seq
            WHERE l.entry_seq = ? ORDER BY l.position
            """, [.integer(entrySeq)]
        ).map { row in
            let debit = row.int64("debit_minor") ?? 0
            return LineFacts(code: row.string("code") ?? "", side: debit > 0 ? .debit : .credit,
                             minor: debit > 0 ? debit : row.int64("credit_minor") ?? 0)
        }
    }
}
