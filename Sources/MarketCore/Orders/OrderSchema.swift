import Store

/// Orders, lines, status history, shipments, returns, invoices, approval rules. Append-only: add a
/// migration, never edit one that has shipped.
///
/// Money is INTEGER minor units in the order's `currency`; unit prices and rates are decimal TEXT.
/// Everything an order was priced with (tier price, rate and how it was derived, fee rule and percent)
/// is copied onto the order and its lines at checkout and never recomputed: later price, rate or rule
/// changes cannot alter a placed order.
public enum OrderSchema {
    public static let migrations: [Migration] = [
        Migration(
            "orders-001-orders",
            """
            -- One buyer checkout: split into one order per supplier, all written in one transaction.
            CREATE TABLE checkouts (
                id TEXT PRIMARY KEY,
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                placed_by TEXT NOT NULL REFERENCES users(id),
                currency TEXT NOT NULL,
                source TEXT NOT NULL,
                source_id TEXT,
                created_at TEXT NOT NULL
            ) STRICT;

            CREATE TABLE orders (
                id TEXT PRIMARY KEY,
                checkout_id TEXT NOT NULL REFERENCES checkouts(id),
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                seller_id TEXT NOT NULL REFERENCES organizations(id),
                placed_by TEXT NOT NULL REFERENCES users(id),
                status TEXT NOT NULL CHECK (status IN ('pending_approval','placed','confirmed','shipped','delivered',
                    'completed','rejected','cancelled','returned','partially_returned')),
                payment_status TEXT NOT NULL DEFAULT 'unpaid'
                    CHECK (payment_status IN ('unpaid','partially_paid','paid','refunded')),
                payment_terms TEXT NOT NULL CHECK (payment_terms IN ('prepaid','net_30','net_60')),
                currency TEXT NOT NULL,
                subtotal_minor INTEGER NOT NULL CHECK (subtotal_minor >= 0),
                shipping_minor INTEGER NOT NULL DEFAULT 0 CHECK (shipping_minor >= 0),
                total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
                -- Frozen at checkout: Σ line commissions + fixed_fee_minor, never above total_minor.
                commission_minor INTEGER NOT NULL CHECK (commission_minor >= 0),
                fixed_fee_minor INTEGER NOT NULL DEFAULT 0,
                fixed_fee_rule_id TEXT,
                refunded_minor INTEGER NOT NULL DEFAULT 0,
                commission_reversed_minor INTEGER NOT NULL DEFAULT 0,
                -- Maintained by payments (issue 14); kept here so credit and invoices can read it.
                paid_minor INTEGER NOT NULL DEFAULT 0,
                -- The listing→order conversions used by the lines (JSON array), for display; the lines hold
                -- the authoritative rate each one used.
                fx TEXT NOT NULL DEFAULT '[]',
                -- Order currency → the supplier's payout currency at the rate in force at checkout:
                -- settlement converts with this locked rate (issue 8). NULL rate: none was known then.
                payout_currency TEXT NOT NULL,
                payout_rate TEXT,
                payout_rate_method TEXT,
                payout_rate_ids TEXT,
                -- Net-terms credit this order holds against the buyer's limit, in credit_currency at
                -- credit_rate (order currency → credit currency, locked at checkout). Released on cancel,
                -- reject, return, and (issue 14) payment.
                credit_currency TEXT,
                credit_rate TEXT,
                credit_held_minor INTEGER NOT NULL DEFAULT 0 CHECK (credit_held_minor >= 0),
                approval_role TEXT,
                approved_by TEXT,
                shipping_address TEXT NOT NULL,
                po_number TEXT,
                -- 24 random bytes, base64url: the only key of the public tracking page.
                tracking_token TEXT NOT NULL UNIQUE,
                -- The latest promised delivery: placed_at + the longest lead time of the lines.
                lead_time_days INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                placed_at TEXT,
                confirmed_at TEXT,
                shipped_at TEXT,
                delivered_at TEXT,
                completed_at TEXT,
                cancelled_at TEXT,
                updated_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            ) STRICT;
            -- Few indexes on purpose: each costs a page write per checkout. A buyer's list filtered by status
            -- walks orders_buyer (a company's orders, newest first); suppliers filter their queue by status.
            CREATE INDEX orders_buyer ON orders(buyer_id, id);
            CREATE INDEX orders_seller ON orders(seller_id, id);
            CREATE INDEX orders_seller_status ON orders(seller_id, status, id);
            CREATE INDEX orders_checkout ON orders(checkout_id);
            CREATE INDEX orders_credit ON orders(buyer_id, credit_currency) WHERE credit_held_minor > 0;

            CREATE TABLE order_lines (
                id TEXT PRIMARY KEY,
                order_id TEXT NOT NULL REFERENCES orders(id),
                position INTEGER NOT NULL,
                -- No foreign key: a listing may be deleted later; the line keeps its own copy (sku, title).
                product_id TEXT,
                rfq_item_id TEXT,
                sku TEXT,
                title_en TEXT,
                title_ko TEXT,
                description TEXT,
                category_id TEXT,
                unit TEXT NOT NULL,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                -- The price as the listing (or quote) stated it: tier applied, in its own currency.
                source_currency TEXT NOT NULL,
                source_unit_price TEXT NOT NULL,
                -- source → order currency: 1 source = fx_rate order currency; method identity/direct/inverse/cross.
                fx_rate TEXT NOT NULL,
                fx_method TEXT NOT NULL,
                fx_rate_ids TEXT NOT NULL DEFAULT '[]',
                fx_via TEXT,
                -- Order currency, at most 6 decimals (half-even); line_total = round_half_even(unit × qty).
                unit_price TEXT NOT NULL,
                line_total_minor INTEGER NOT NULL CHECK (line_total_minor >= 0),
                commission_rule_id TEXT,
                commission_percent TEXT NOT NULL DEFAULT '0',
                commission_clamp TEXT NOT NULL DEFAULT 'none',
                commission_minor INTEGER NOT NULL CHECK (commission_minor >= 0),
                lead_time_days INTEGER NOT NULL DEFAULT 0,
                -- Units taken from products.stock at checkout (0 for a quoted item without listing).
                stock_reserved INTEGER NOT NULL DEFAULT 0,
                returned_quantity INTEGER NOT NULL DEFAULT 0,
                refunded_minor INTEGER NOT NULL DEFAULT 0,
                commission_reversed_minor INTEGER NOT NULL DEFAULT 0,
                CHECK (returned_quantity >= 0 AND returned_quantity <= quantity),
                CHECK (refunded_minor >= 0 AND refunded_minor <= line_total_minor),
                CHECK (commission_reversed_minor >= 0 AND commission_reversed_minor <= commission_minor)
            ) STRICT;
            CREATE INDEX order_lines_order ON order_lines(order_id, position);

            CREATE TABLE order_status_history (
                id TEXT PRIMARY KEY,
                order_id TEXT NOT NULL REFERENCES orders(id),
                from_status TEXT,
                to_status TEXT NOT NULL,
                action TEXT NOT NULL,
                actor_user_id TEXT,
                actor_organization_id TEXT,
                actor_party TEXT NOT NULL,
                note TEXT,
                at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX order_status_history_order ON order_status_history(order_id, at, id);

            CREATE TABLE shipments (
                id TEXT PRIMARY KEY,
                order_id TEXT NOT NULL UNIQUE REFERENCES orders(id),
                carrier TEXT NOT NULL,
                tracking_number TEXT NOT NULL,
                shipped_at TEXT NOT NULL,
                delivered_at TEXT
            ) STRICT;

            CREATE TABLE shipment_events (
                id TEXT PRIMARY KEY,
                shipment_id TEXT NOT NULL REFERENCES shipments(id),
                order_id TEXT NOT NULL REFERENCES orders(id),
                status TEXT NOT NULL,
                location TEXT,
                description TEXT,
                at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX shipment_events_order ON shipment_events(order_id, at, id);

            CREATE TABLE order_returns (
                id TEXT PRIMARY KEY,
                order_id TEXT NOT NULL REFERENCES orders(id),
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                seller_id TEXT NOT NULL REFERENCES organizations(id),
                currency TEXT NOT NULL,
                refund_minor INTEGER NOT NULL,
                commission_reversed_minor INTEGER NOT NULL,
                fixed_fee_reversed_minor INTEGER NOT NULL DEFAULT 0,
                reason TEXT NOT NULL,
                restocked INTEGER NOT NULL DEFAULT 0,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX order_returns_order ON order_returns(order_id, id);

            CREATE TABLE order_return_lines (
                return_id TEXT NOT NULL REFERENCES order_returns(id),
                order_line_id TEXT NOT NULL REFERENCES order_lines(id),
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                refund_minor INTEGER NOT NULL,
                commission_reversed_minor INTEGER NOT NULL,
                PRIMARY KEY (return_id, order_line_id)
            ) STRICT, WITHOUT ROWID;

            -- Per buyer company: orders at or above min_total (converted to its currency) wait for approval.
            CREATE TABLE approval_rules (
                id TEXT PRIMARY KEY,
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                position INTEGER NOT NULL,
                min_total_minor INTEGER NOT NULL CHECK (min_total_minor >= 0),
                currency TEXT NOT NULL,
                approver_role TEXT NOT NULL CHECK (approver_role IN ('approver','admin')),
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL
            ) STRICT;
            CREATE INDEX approval_rules_buyer ON approval_rules(buyer_id, position);

            -- Net-terms invoices, issued on delivery. Numbers come from invoice_counters, incremented in the
            -- issuing transaction, so a rolled-back delivery never consumes a number: no gaps.
            CREATE TABLE invoices (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                sequence INTEGER NOT NULL UNIQUE,
                order_id TEXT NOT NULL UNIQUE REFERENCES orders(id),
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                seller_id TEXT NOT NULL REFERENCES organizations(id),
                currency TEXT NOT NULL,
                amount_minor INTEGER NOT NULL,
                credited_minor INTEGER NOT NULL DEFAULT 0,
                paid_minor INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT 'open',
                payment_terms TEXT NOT NULL,
                issued_at TEXT NOT NULL,
                due_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX invoices_buyer ON invoices(buyer_id, id);
            CREATE INDEX invoices_due ON invoices(status, due_at);

            CREATE TABLE invoice_counters (
                name TEXT PRIMARY KEY,
                last_value INTEGER NOT NULL
            ) STRICT;
            INSERT INTO invoice_counters (name, last_value) VALUES ('invoice', 0);
            """),
    ]
}
