import Store

/// Buying habits: requisition lists shared inside a buyer organization, and recurring orders with a
/// record of every run. Append-only: add a migration, never edit one that has shipped.
///
/// ## Exactly one order per scheduled run
/// `recurring_order_runs` has UNIQUE (recurring_order_id, scheduled_for). The scheduler claims a run by
/// inserting its row, places the checkout, records the outcome and advances `next_run` — all in ONE write
/// transaction (BEGIN IMMEDIATE, so schedulers in two processes on the same file take turns). A crash
/// before COMMIT leaves nothing (the run is claimed again after the restart); after COMMIT the row exists
/// and `next_run` has moved, so no process places that run again. SQLite's atomic commit
/// (https://sqlite.org/atomiccommit.html) is the whole guarantee: no lease, no clock skew to reason about.
public enum PurchasingSchema {
    public static let migrations: [Migration] = [
        Migration(
            "purchasing-001-requisition-lists",
            """
            CREATE TABLE requisition_lists (
                id TEXT PRIMARY KEY,
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                name TEXT NOT NULL,
                created_by TEXT NOT NULL REFERENCES users(id),
                updated_by TEXT NOT NULL REFERENCES users(id),
                version INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX requisition_lists_buyer ON requisition_lists(buyer_id, id);

            -- Quick order finds listings by SKU across suppliers; products has only UNIQUE (seller_id, sku).
            CREATE INDEX products_sku ON products(sku);

            -- No foreign key to products: a listing deleted later stays on the list (and is reported as
            -- unavailable when the list is ordered).
            CREATE TABLE requisition_list_lines (
                list_id TEXT NOT NULL REFERENCES requisition_lists(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                product_id TEXT NOT NULL,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                PRIMARY KEY (list_id, position)
            ) STRICT, WITHOUT ROWID;
            """),
        Migration(
            "purchasing-002-recurring-orders",
            """
            CREATE TABLE recurring_orders (
                id TEXT PRIMARY KEY,
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                -- The user the orders are placed as (who may then not approve them).
                created_by TEXT NOT NULL REFERENCES users(id),
                lines TEXT NOT NULL,
                currency TEXT NOT NULL,
                payment_terms TEXT NOT NULL CHECK (payment_terms IN ('prepaid','net_30','net_60')),
                shipping_address TEXT NOT NULL,
                po_number TEXT,
                -- ISO 8601 duration: PnD, PnW or PnM.
                every TEXT NOT NULL,
                -- Runs are anchored on the first one: run k is first_run + k × every (months clamp to the
                -- month's last day without drifting), and next_run is run number `runs_scheduled`.
                first_run TEXT NOT NULL,
                runs_scheduled INTEGER NOT NULL DEFAULT 0,
                next_run TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('active','deleted')),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX recurring_orders_buyer ON recurring_orders(buyer_id, id);
            CREATE INDEX recurring_orders_due ON recurring_orders(next_run) WHERE status = 'active';

            CREATE TABLE recurring_order_runs (
                id TEXT PRIMARY KEY,
                recurring_order_id TEXT NOT NULL REFERENCES recurring_orders(id),
                scheduled_for TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('placed','failed')),
                checkout_id TEXT,
                order_ids TEXT NOT NULL DEFAULT '[]',
                -- The problem the checkout answered (RFC 9457 JSON, English), for a failed run.
                error TEXT,
                ran_at TEXT NOT NULL,
                UNIQUE (recurring_order_id, scheduled_for)
            ) STRICT;
            """),
    ]
}
