import Store

/// Requests for quotation, their items and recipients, quotes (one row per revision) and awards.
/// Append-only: add a migration, never edit one that has shipped.
public enum RFQSchema {
    public static let migrations: [Migration] = [
        Migration(
            "rfq-001-rfqs",
            """
            -- `state` is what happened to the RFQ; the API's `closed` (deadline passed, not yet awarded or
            -- cancelled) is derived from respond_by at read time, so no job has to flip it.
            CREATE TABLE rfqs (
                id TEXT PRIMARY KEY,
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                created_by TEXT NOT NULL REFERENCES users(id),
                title TEXT NOT NULL,
                currency TEXT NOT NULL,
                respond_by TEXT NOT NULL,
                delivery_country TEXT NOT NULL,
                -- Optional at creation (JSON, country = delivery_country); the award may give or override it.
                shipping_address TEXT,
                broadcast INTEGER NOT NULL CHECK (broadcast IN (0,1)),
                sealed INTEGER NOT NULL CHECK (sealed IN (0,1)),
                state TEXT NOT NULL CHECK (state IN ('open','awarded','cancelled')),
                recipient_count INTEGER NOT NULL DEFAULT 0,
                -- The rfq_recipients bucket its recipients were written to (see below).
                recipient_bucket INTEGER NOT NULL DEFAULT 0,
                -- Suppliers with a quote / with a decline, kept by the answers (lists must not count rows of
                -- a 10,000-recipient broadcast).
                quote_count INTEGER NOT NULL DEFAULT 0,
                decline_count INTEGER NOT NULL DEFAULT 0,
                -- The supplier ids the buyer named itself (JSON array): the only recipients it may see.
                invited_seller_ids TEXT NOT NULL DEFAULT '[]',
                checkout_id TEXT,
                awarded_by TEXT,
                awarded_at TEXT,
                cancelled_by TEXT,
                cancelled_at TEXT,
                cancel_reason TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX rfqs_buyer ON rfqs(buyer_id, id);

            CREATE TABLE rfq_items (
                id TEXT PRIMARY KEY,
                rfq_id TEXT NOT NULL REFERENCES rfqs(id),
                position INTEGER NOT NULL,
                product_id TEXT REFERENCES products(id),
                description TEXT,
                category_id TEXT NOT NULL REFERENCES categories(id),
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                unit TEXT NOT NULL,
                -- In the RFQ currency, up to 6 decimals; shown to the invited suppliers.
                target_unit_price TEXT,
                UNIQUE (rfq_id, position)
            ) STRICT;

            -- One row per invited supplier, written by ONE INSERT ... SELECT (a broadcast reaches tens of
            -- thousands).
            --
            -- Layout, and why: keyed (bucket, supplier_id, rfq_id). A bucket is a run of consecutive RFQs holding
            -- at most about 20,000 recipients (rfq_recipient_buckets; each RFQ records its bucket). A key that
            -- starts with the supplier (the inbox's natural order) makes every broadcast insert one entry into
            -- the region of each of its 10,000 suppliers, scattered over the whole table: it dirties up to
            -- 10,000 pages however small the RFQ's own rows are, and gets slower with every RFQ ever sent
            -- (measured: 50 ms of CPU on a fresh table, 230 ms after 50 earlier broadcasts to the same
            -- suppliers). Under the bucket, the insert only touches the newest, bounded region of the table:
            -- constant cost. Inside a bucket the supplier comes first, so a supplier's inbox is one primary-key
            -- range per bucket, newest bucket first (one index seek per bucket), and every other access is a
            -- point lookup through the RFQ's bucket.
            --
            -- No foreign keys, no other index on the broadcast path: each would add a b-tree write or seek per
            -- recipient. Rows are only written by RFQInvitation, from a join on organizations, for the RFQ its
            -- transaction just inserted; per-RFQ totals live on `rfqs`; the invitation time is the RFQ's
            -- created_at. `named`: 1 when the buyer named the supplier (or a listing of it), 0 when broadcast
            -- matched it by category. The response columns stay NULL until the supplier answers;
            -- response_seconds (invitation to first answer) feeds the median response time (issue 9), through
            -- the partial index, which only answers (written one at a time) enter.
            CREATE TABLE rfq_recipients (
                bucket INTEGER NOT NULL,
                supplier_id TEXT NOT NULL,
                rfq_id TEXT NOT NULL,
                named INTEGER NOT NULL CHECK (named IN (0,1)),
                response TEXT CHECK (response IN ('quoted','declined')),
                responded_at TEXT,
                response_seconds INTEGER,
                decline_reason TEXT,
                PRIMARY KEY (bucket, supplier_id, rfq_id)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX rfq_recipients_responses ON rfq_recipients(supplier_id, rfq_id) WHERE response IS NOT NULL;

            CREATE TABLE rfq_recipient_buckets (
                bucket INTEGER PRIMARY KEY,
                recipients INTEGER NOT NULL
            ) STRICT;
            INSERT INTO rfq_recipient_buckets (bucket, recipients) VALUES (0, 0);

            -- A quote revision. The API's `quote_id` is this row's id: a buyer awards exactly the revision it
            -- compared, and a superseded one is refused (409) rather than silently replaced by a newer price.
            CREATE TABLE rfq_quotes (
                id TEXT PRIMARY KEY,
                rfq_id TEXT NOT NULL REFERENCES rfqs(id),
                supplier_id TEXT NOT NULL REFERENCES organizations(id),
                revision INTEGER NOT NULL CHECK (revision >= 1),
                supersedes_id TEXT REFERENCES rfq_quotes(id),
                is_current INTEGER NOT NULL CHECK (is_current IN (0,1)),
                currency TEXT NOT NULL,
                subtotal_minor INTEGER NOT NULL CHECK (subtotal_minor >= 0),
                shipping_minor INTEGER NOT NULL CHECK (shipping_minor >= 0),
                total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
                longest_lead_time_days INTEGER NOT NULL,
                valid_until TEXT NOT NULL,
                notes TEXT,
                submitted_by TEXT NOT NULL REFERENCES users(id),
                submitted_at TEXT NOT NULL,
                UNIQUE (rfq_id, supplier_id, revision)
            ) STRICT;
            -- At most one current revision per supplier and RFQ; also the comparison's access path.
            CREATE UNIQUE INDEX rfq_quotes_current ON rfq_quotes(rfq_id, supplier_id) WHERE is_current = 1;

            CREATE TABLE rfq_quote_lines (
                quote_id TEXT NOT NULL REFERENCES rfq_quotes(id),
                item_id TEXT NOT NULL REFERENCES rfq_items(id),
                unit_price TEXT NOT NULL,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                line_total_minor INTEGER NOT NULL CHECK (line_total_minor >= 0),
                lead_time_days INTEGER NOT NULL CHECK (lead_time_days >= 0),
                PRIMARY KEY (quote_id, item_id)
            ) STRICT, WITHOUT ROWID;

            -- Which quote won each awarded item, and the order it became.
            CREATE TABLE rfq_awards (
                rfq_id TEXT NOT NULL REFERENCES rfqs(id),
                item_id TEXT NOT NULL REFERENCES rfq_items(id),
                quote_id TEXT NOT NULL REFERENCES rfq_quotes(id),
                supplier_id TEXT NOT NULL REFERENCES organizations(id),
                order_id TEXT NOT NULL REFERENCES orders(id),
                awarded_at TEXT NOT NULL,
                PRIMARY KEY (rfq_id, item_id)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX rfq_awards_supplier ON rfq_awards(supplier_id, rfq_id);
            """)
    ]
}
