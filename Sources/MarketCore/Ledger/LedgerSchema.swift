import Store

/// The double-entry ledger, settlements and payouts. Append-only in both senses: add a migration, never
/// edit one that shipped; and every table here refuses UPDATE and DELETE (triggers below), so a posted
/// entry, a statement or a payout can only be corrected by posting its reversal.
///
/// Money is INTEGER minor units; each account holds one currency. Rates are decimal TEXT.
public enum LedgerSchema {
    /// Tables whose rows are never changed or removed once written.
    static let appendOnlyTables = [
        "ledger_accounts", "ledger_entries", "ledger_lines", "ledger_conversions",
        "settlement_runs", "settlements", "settlement_lines", "settlement_payouts",
    ]

    public static let migrations: [Migration] = [
        Migration(
            "ledger-001-ledger",
            """
            -- The chart of accounts, filled on first use. `seq` is internal (lines reference it to stay
            -- narrow); the API names accounts by `code` (kind:owner:currency).
            CREATE TABLE ledger_accounts (
                seq INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('buyer_receivable','supplier_payable','supplier_receivable',
                    'supplier_payout_due','commission_revenue','commission_reversals','fx_clearing','cash')),
                owner_id TEXT,
                currency TEXT NOT NULL,
                normal_side TEXT NOT NULL CHECK (normal_side IN ('debit','credit')),
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX ledger_accounts_owner ON ledger_accounts(owner_id, kind, currency);

            -- The journal. `seq` is the posting order; `id` the opaque name shown to clients; `key` the
            -- natural key of the event, so an event can never be posted twice.
            CREATE TABLE ledger_entries (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                key TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                source_type TEXT NOT NULL,
                source_id TEXT NOT NULL,
                reverses_seq INTEGER UNIQUE REFERENCES ledger_entries(seq),
                memo TEXT,
                posted_at TEXT NOT NULL,
                posted_by TEXT
            ) STRICT;
            CREATE INDEX ledger_entries_source ON ledger_entries(source_type, source_id);
            CREATE INDEX ledger_entries_kind ON ledger_entries(kind, seq);

            -- Exactly one side of a line is positive. Balance per currency is checked by the posting
            -- function (Ledger.post) before any line is written: SQLite has no deferred CHECK.
            CREATE TABLE ledger_lines (
                entry_seq INTEGER NOT NULL REFERENCES ledger_entries(seq),
                position INTEGER NOT NULL,
                account_seq INTEGER NOT NULL REFERENCES ledger_accounts(seq),
                debit_minor INTEGER NOT NULL CHECK (debit_minor >= 0),
                credit_minor INTEGER NOT NULL CHECK (credit_minor >= 0),
                CHECK ((debit_minor > 0) <> (credit_minor > 0)),
                PRIMARY KEY (entry_seq, position)
            ) STRICT, WITHOUT ROWID;
            -- Covering index: an account's balance is a range scan of this index alone.
            CREATE INDEX ledger_lines_account ON ledger_lines(account_seq, debit_minor, credit_minor);

            -- The rate of every exchange: `from_minor` left through fx_clearing(from_currency), `to_minor`
            -- arrived through fx_clearing(to_currency), in the same entry.
            CREATE TABLE ledger_conversions (
                entry_seq INTEGER NOT NULL REFERENCES ledger_entries(seq),
                position INTEGER NOT NULL,
                from_currency TEXT NOT NULL,
                from_minor INTEGER NOT NULL,
                to_currency TEXT NOT NULL,
                to_minor INTEGER NOT NULL,
                rate TEXT NOT NULL,
                item_count INTEGER NOT NULL,
                PRIMARY KEY (entry_seq, position)
            ) STRICT, WITHOUT ROWID;

            -- One POST /v1/admin/settlements that issued statements (written last, with its counts).
            CREATE TABLE settlement_runs (
                id TEXT PRIMARY KEY,
                period_end TEXT NOT NULL,
                statement_count INTEGER NOT NULL,
                line_count INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT
            ) STRICT;

            -- One statement per supplier and payout currency per run. Totals are the sums of the lines.
            CREATE TABLE settlements (
                id TEXT PRIMARY KEY,
                run_id TEXT NOT NULL REFERENCES settlement_runs(id) DEFERRABLE INITIALLY DEFERRED,
                supplier_id TEXT NOT NULL REFERENCES organizations(id),
                currency TEXT NOT NULL,
                period_end TEXT NOT NULL,
                gross_minor INTEGER NOT NULL,
                commission_minor INTEGER NOT NULL,
                refunds_minor INTEGER NOT NULL,
                commission_reversed_minor INTEGER NOT NULL,
                net_minor INTEGER NOT NULL CHECK (net_minor >= 0),
                order_count INTEGER NOT NULL,
                adjustment_count INTEGER NOT NULL,
                journal_entry_id TEXT REFERENCES ledger_entries(id),
                created_at TEXT NOT NULL,
                CHECK (net_minor = gross_minor - commission_minor - refunds_minor + commission_reversed_minor)
            ) STRICT;
            CREATE INDEX settlements_supplier ON settlements(supplier_id, id);
            CREATE INDEX settlements_run ON settlements(run_id, id);

            -- Statement lines: one per order (kind 'order') or per return after settlement ('adjustment').
            -- The settlement header is written after its lines (its totals are their sums), hence the
            -- deferred foreign key. The unique indexes make "an order is settled once" a database fact.
            CREATE TABLE settlement_lines (
                settlement_id TEXT NOT NULL REFERENCES settlements(id) DEFERRABLE INITIALLY DEFERRED,
                position INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('order','adjustment')),
                order_id TEXT NOT NULL,
                return_id TEXT,
                occurred_at TEXT NOT NULL,
                source_currency TEXT NOT NULL,
                rate TEXT NOT NULL,
                rate_method TEXT NOT NULL,
                source_gross_minor INTEGER NOT NULL,
                source_commission_minor INTEGER NOT NULL,
                source_refunds_minor INTEGER NOT NULL,
                source_commission_reversed_minor INTEGER NOT NULL,
                currency TEXT NOT NULL,
                gross_minor INTEGER NOT NULL,
                commission_minor INTEGER NOT NULL,
                refunds_minor INTEGER NOT NULL,
                commission_reversed_minor INTEGER NOT NULL,
                net_minor INTEGER NOT NULL,
                CHECK (net_minor = gross_minor - commission_minor - refunds_minor + commission_reversed_minor),
                CHECK (refunds_minor <= gross_minor OR kind = 'adjustment'),
                PRIMARY KEY (settlement_id, position)
            ) STRICT, WITHOUT ROWID;
            CREATE UNIQUE INDEX settlement_lines_order ON settlement_lines(order_id) WHERE kind = 'order';
            CREATE UNIQUE INDEX settlement_lines_return ON settlement_lines(return_id) WHERE kind = 'adjustment';

            -- A statement is paid once: the primary key turns a second payout into a conflict.
            CREATE TABLE settlement_payouts (
                settlement_id TEXT PRIMARY KEY REFERENCES settlements(id),
                reference TEXT NOT NULL,
                journal_entry_id TEXT REFERENCES ledger_entries(id),
                paid_at TEXT NOT NULL,
                paid_by TEXT
            ) STRICT;
            """ + appendOnlyTables.map(Self.appendOnlyTriggers).joined()),
        Migration(
            "ledger-002-settlement-queue",
            """
            -- Statement lines as a rowid table: a run appends its lines (one insertion point) instead of
            -- writing them into a thousand interleaved places of a WITHOUT ROWID primary key, which made a
            -- big run rewrite the same pages over and over (measured: 3× the bytes written).
            CREATE TABLE settlement_lines_v2 (
                settlement_id TEXT NOT NULL REFERENCES settlements(id) DEFERRABLE INITIALLY DEFERRED,
                position INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('order','adjustment')),
                order_id TEXT NOT NULL,
                return_id TEXT,
                occurred_at TEXT NOT NULL,
                source_currency TEXT NOT NULL,
                rate TEXT NOT NULL,
                rate_method TEXT NOT NULL,
                source_gross_minor INTEGER NOT NULL,
                source_commission_minor INTEGER NOT NULL,
                source_refunds_minor INTEGER NOT NULL,
                source_commission_reversed_minor INTEGER NOT NULL,
                currency TEXT NOT NULL,
                gross_minor INTEGER NOT NULL,
                commission_minor INTEGER NOT NULL,
                refunds_minor INTEGER NOT NULL,
                commission_reversed_minor INTEGER NOT NULL,
                net_minor INTEGER NOT NULL,
                CHECK (net_minor = gross_minor - commission_minor - refunds_minor + commission_reversed_minor),
                CHECK (refunds_minor <= gross_minor OR kind = 'adjustment')
            ) STRICT;
            INSERT INTO settlement_lines_v2 SELECT settlement_id, position, kind, order_id, return_id, occurred_at, source_currency,
                rate, rate_method, source_gross_minor, source_commission_minor, source_refunds_minor, source_commission_reversed_minor,
                currency, gross_minor, commission_minor, refunds_minor, commission_reversed_minor, net_minor
            FROM settlement_lines ORDER BY settlement_id, position;
            DROP TABLE settlement_lines;
            ALTER TABLE settlement_lines_v2 RENAME TO settlement_lines;
            CREATE UNIQUE INDEX settlement_lines_position ON settlement_lines(settlement_id, position);
            CREATE UNIQUE INDEX settlement_lines_order ON settlement_lines(order_id) WHERE kind = 'order';
            CREATE UNIQUE INDEX settlement_lines_return ON settlement_lines(return_id) WHERE kind = 'adjustment';

            -- Delivered orders not settled yet: written by the delivery posting, removed by the run that
            -- settles them. A run reads this queue, not every order ever delivered, so its cost follows what
            -- is left to settle, not the marketplace's history. (A work queue, not a ledger table: rows leave.)
            CREATE TABLE settlement_pending (
                order_id TEXT PRIMARY KEY REFERENCES orders(id),
                delivered_at TEXT NOT NULL
            ) STRICT, WITHOUT ROWID;
            -- Orders delivered before this migration, with their delivery posted (or nothing to post).
            INSERT INTO settlement_pending (order_id, delivered_at)
            SELECT o.id, o.delivered_at FROM orders o
            WHERE o.delivered_at IS NOT NULL
              AND o.status IN ('delivered','completed','returned','partially_returned')
              AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.order_id = o.id AND l.kind = 'order')
              AND (o.total_minor = 0 OR EXISTS (SELECT 1 FROM ledger_entries e WHERE e.key = 'order_delivered:' || o.id));
            """ + appendOnlyTriggers("settlement_lines")),
    ]

    /// https://www.sqlite.org/lang_createtrigger.html#raise: RAISE(ABORT) undoes the statement and fails it.
    static func appendOnlyTriggers(_ table: String) -> String {
        """

        CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: post a reversing entry instead'); END;
        CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: post a reversing entry instead'); END;
        """
    }
}
