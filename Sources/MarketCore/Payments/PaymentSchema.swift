import Store

/// Money received from buyers, money sent back to them, and the provider callbacks already processed.
/// Append-only: add a migration, never edit one that has shipped.
///
/// The order keeps the running figures the rest of the marketplace reads (`orders.paid_minor`, net of
/// refunds, and `orders.payment_status`; `invoices.paid_minor` and `invoices.status`); these tables are the
/// history those figures are the sum of.
public enum PaymentSchema {
    public static let migrations: [Migration] = [
        Migration(
            "payments-001-payments",
            """
            -- One row per payment received (succeeded) or attempted (failed: recorded, never counted).
            CREATE TABLE payments (
                id TEXT PRIMARY KEY,
                order_id TEXT NOT NULL REFERENCES orders(id),
                -- The order's invoice when the payment arrived (net terms after delivery), else NULL.
                invoice_id TEXT REFERENCES invoices(id),
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                currency TEXT NOT NULL,
                amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
                method TEXT NOT NULL CHECK (method IN ('bank_transfer','card')),
                source TEXT NOT NULL CHECK (source IN ('operator','provider')),
                status TEXT NOT NULL CHECK (status IN ('succeeded','failed')),
                reference TEXT NOT NULL,
                ledger_entry_id TEXT,
                recorded_by TEXT,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX payments_order ON payments(order_id, created_at);
            CREATE INDEX payments_buyer ON payments(buyer_id, created_at);
            -- A bank reference recorded twice by the back office is the classic double posting: refused.
            CREATE UNIQUE INDEX payments_operator_reference ON payments(method, reference)
                WHERE source = 'operator' AND status = 'succeeded';

            -- Money sent back to the buyer: what it had paid beyond what it still owes after a return,
            -- a cancellation or a rejection. Goes back the way it came (the method of the last payment).
            CREATE TABLE payment_refunds (
                id TEXT PRIMARY KEY,
                order_id TEXT NOT NULL REFERENCES orders(id),
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                cause TEXT NOT NULL CHECK (cause IN ('return','cancellation')),
                -- The return that caused it; UNIQUE: one refund per return, whatever retries happen.
                return_id TEXT UNIQUE REFERENCES order_returns(id),
                currency TEXT NOT NULL,
                amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
                method TEXT NOT NULL,
                ledger_entry_id TEXT,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX payment_refunds_order ON payment_refunds(order_id, created_at);

            -- Provider callbacks already processed, keyed by the provider's reference and the status it
            -- reported: the PRIMARY KEY makes a replay a no-op even when two copies race (the second insert
            -- fails and its transaction rolls back with everything it did). The answer is kept to be
            -- replayed; the body hash tells a replay from a different message reusing the reference.
            CREATE TABLE payment_callbacks (
                reference TEXT NOT NULL,
                status TEXT NOT NULL,
                body_sha256 TEXT NOT NULL,
                order_id TEXT,
                payment_id TEXT REFERENCES payments(id),
                response_status INTEGER NOT NULL,
                response_body TEXT NOT NULL,
                signed_at TEXT NOT NULL,
                received_at TEXT NOT NULL,
                PRIMARY KEY (reference, status)
            ) STRICT;
            """),
    ]
}
