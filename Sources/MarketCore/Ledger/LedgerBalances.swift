import Store

/// Balances read from the journal: every figure is a sum over `ledger_lines` (through the covering index
/// on account), never a stored running total that could drift from the entries.
public enum LedgerBalances {
    public struct Filter: Sendable {
        public var kind: LedgerAccountKind?
        public var ownerID: String?
        public var currency: Currency?
        public init(kind: LedgerAccountKind? = nil, ownerID: String? = nil, currency: Currency? = nil) {
            self.kind = kind
            self.ownerID = ownerID
            self.currency = currency
        }
    }

    /// Accounts matching `filter`, by code, after the code `after`, at most `limit`.
    public static func accounts(_ db: Connection, filter: Filter = Filter(), after: String? = nil, limit: Int = .max) throws
        -> [AccountBalance]
    {
        var conditions = ["a.code > ?"]
        var arguments: [SQLValue] = [.text(after ?? "")]
        if let kind = filter.kind { conditions.append("a.kind = ?"); arguments.append(.text(kind.rawValue)) }
        if let owner = filter.ownerID { conditions.append("a.owner_id = ?"); arguments.append(.text(owner)) }
        if let currency = filter.currency { conditions.append("a.currency = ?"); arguments.append(.text(currency.code)) }
        arguments.append(.integer(Int64(min(limit, Int(Int32.max)))))
        var balances = [AccountBalance]()
        try db.forEach(
            """
            SELECT a.code,
                   (SELECT COALESCE(SUM(l.debit_minor), 0) FROM ledger_lines l WHERE l.account_seq = a.seq) AS debits,
                   (SELECT COALESCE(SUM(l.credit_minor), 0) FROM ledger_lines l WHERE l.account_seq = a.seq) AS credits
            FROM ledger_accounts a WHERE \(conditions.joined(separator: " AND ")) ORDER BY a.code LIMIT ?
            """, arguments
        ) { row in
            guard let account = row.string("code").flatMap(LedgerAccount.init(code:)) else { return }
            balances.append(AccountBalance(account: account, debits: row.int64("debits") ?? 0, credits: row.int64("credits") ?? 0))
        }
        return balances
    }

    /// One account's balance (zero when it was never used).
    public static func balance(_ db: Connection, _ account: LedgerAccount) throws -> AccountBalance {
        guard let row = try db.queryOne(
            """
            SELECT COALESCE(SUM(l.debit_minor), 0) AS debits, COALESCE(SUM(l.credit_minor), 0) AS credits
            FROM ledger_accounts a JOIN ledger_lines l ON l.account_seq = a.seq WHERE a.code = ?
            """, [.text(account.code)])
        else { return AccountBalance(account: account, debits: 0, credits: 0) }
        return AccountBalance(account: account, debits: row.int64("debits") ?? 0, credits: row.int64("credits") ?? 0)
    }

    /// The trial balance: total debits and credits per currency over the whole journal.
    public static func totals(_ db: Connection) throws -> [(currency: Currency, debits: Int64, credits: Int64)] {
        var totals = [(currency: Currency, debits: Int64, credits: Int64)]()
        try db.forEach(
            """
            SELECT a.currency, SUM(l.debit_minor) AS debits, SUM(l.credit_minor) AS credits
            FROM ledger_lines l JOIN ledger_accounts a ON a.seq = l.account_seq GROUP BY a.currency ORDER BY a.currency
            """
        ) { row in
            guard let currency = row.string("currency").flatMap(Currency.init(code:)) else { return }
            totals.append((currency, row.int64("debits") ?? 0, row.int64("credits") ?? 0))
        }
        return totals
    }

    /// Every entry whose debits and credits differ in some currency (always none; the audit query that
    /// proves it, used by tests and available to operators).
    public static func unbalancedEntries(_ db: Connection) throws -> [String] {
        try db.query(
            """
            SELECT e.id FROM ledger_entries e JOIN ledger_lines l ON l.entry_seq = e.seq JOIN ledger_accounts a ON a.seq = l.account_seq
            GROUP BY e.seq, a.currency HAVING SUM(l.debit_minor) <> SUM(l.credit_minor)
            """
        ).compactMap { $0.string("id") }
    }
}
