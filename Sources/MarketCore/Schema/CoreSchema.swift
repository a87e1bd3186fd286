import Store

/// Tables every module shares: tenants, people, credentials, categories, fee rules, FX rates, the
/// audit log, idempotency records and the listings table (owned by the catalog, read by orders and
/// RFQs). Append-only: never edit a migration that has shipped; add a new one.
public enum CoreSchema {
    public static let migrations: [Migration] = [
        Migration(
            "core-001-identity",
            """
            CREATE TABLE organizations (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('buyer','supplier','operator')),
                name TEXT NOT NULL,
                country TEXT NOT NULL,
                default_currency TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending','active','suspended')),
                payout_currency TEXT,
                payment_terms TEXT NOT NULL DEFAULT 'prepaid',
                credit_limit_minor INTEGER NOT NULL DEFAULT 0,
                credit_currency TEXT,
                contact TEXT NOT NULL DEFAULT '{}',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX organizations_kind_status ON organizations(kind, status, id);

            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id),
                email TEXT NOT NULL COLLATE NOCASE UNIQUE,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                roles TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX users_organization ON users(organization_id);

            -- Login tokens and API keys. Only the SHA-256 of the secret is stored: a stolen
            -- database gives no usable credential.
            CREATE TABLE credentials (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('login','api_key')),
                secret_hash TEXT NOT NULL UNIQUE,
                user_id TEXT NOT NULL REFERENCES users(id),
                organization_id TEXT NOT NULL REFERENCES organizations(id),
                name TEXT,
                roles TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                revoked_at TEXT
            ) STRICT;
            CREATE INDEX credentials_organization ON credentials(organization_id, kind, id);
            """),
        Migration(
            "core-002-reference-data",
            """
            CREATE TABLE categories (
                id TEXT PRIMARY KEY,
                parent_id TEXT REFERENCES categories(id),
                name_en TEXT NOT NULL,
                name_ko TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX categories_parent ON categories(parent_id);

            -- Suppliers declare the categories they sell in; RFQ broadcast reads this.
            CREATE TABLE supplier_categories (
                supplier_id TEXT NOT NULL REFERENCES organizations(id),
                category_id TEXT NOT NULL REFERENCES categories(id),
                PRIMARY KEY (category_id, supplier_id)
            ) STRICT, WITHOUT ROWID;

            -- Never updated: a new rule supersedes older ones from its effective_from.
            CREATE TABLE fee_rules (
                id TEXT PRIMARY KEY,
                scope TEXT NOT NULL CHECK (scope IN ('default','category','seller','seller_category')),
                category_id TEXT REFERENCES categories(id),
                seller_id TEXT REFERENCES organizations(id),
                percent TEXT NOT NULL,
                fixed_fee_minor INTEGER, fixed_fee_currency TEXT,
                min_fee_minor INTEGER, min_fee_currency TEXT,
                max_fee_minor INTEGER, max_fee_currency TEXT,
                effective_from TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL
            ) STRICT;

            -- Never updated: history is kept so an order can always show the rate it locked.
            CREATE TABLE fx_rates (
                id TEXT PRIMARY KEY,
                base TEXT NOT NULL,
                quote TEXT NOT NULL,
                rate TEXT NOT NULL,
                effective_from TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL
            ) STRICT;
            CREATE INDEX fx_rates_pair ON fx_rates(base, quote, effective_from);

            -- A supplier's scorecard, kept current by the events that change it (reviews,
            -- deliveries, RFQ answers). The catalog joins it for `seller.rating`, the `min_rating`
            -- filter and the `rating` sort. Ratings are stored in thousandths (4.800 -> 4800).
            CREATE TABLE supplier_scorecards (
                supplier_id TEXT PRIMARY KEY REFERENCES organizations(id),
                review_count INTEGER NOT NULL DEFAULT 0,
                rating_sum INTEGER NOT NULL DEFAULT 0,
                quality_sum INTEGER NOT NULL DEFAULT 0,
                delivery_sum INTEGER NOT NULL DEFAULT 0,
                communication_sum INTEGER NOT NULL DEFAULT 0,
                bayesian_rating_milli INTEGER,
                deliveries INTEGER NOT NULL DEFAULT 0,
                on_time_deliveries INTEGER NOT NULL DEFAULT 0,
                rfqs_invited INTEGER NOT NULL DEFAULT 0,
                rfqs_answered INTEGER NOT NULL DEFAULT 0,
                orders_total INTEGER NOT NULL DEFAULT 0,
                orders_cancelled INTEGER NOT NULL DEFAULT 0,
                updated_at TEXT NOT NULL
            ) STRICT;
            """),
        Migration(
            "core-003-audit-and-idempotency",
            """
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY,
                at TEXT NOT NULL,
                actor_user_id TEXT,
                actor_organization_id TEXT,
                action TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                before TEXT,
                after TEXT
            ) STRICT;
            CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);

            -- One row per (organization, Idempotency-Key): claimed while the first request runs,
            -- then holding the response to replay for 24 hours.
            CREATE TABLE idempotency_keys (
                organization_id TEXT NOT NULL,
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('in_flight','done')),
                status INTEGER,
                content_type TEXT,
                body BLOB,
                created_at TEXT NOT NULL,
                PRIMARY KEY (organization_id, key)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
            """),
        Migration(
            "core-004-products",
            """
            -- Listings. Prices are decimal strings in the listing currency (up to 6 decimals);
            -- unit_price_micros mirrors unit_price for sorting and range filters. A deleted listing is
            -- `archived`, never removed: order lines, RFQ items and lists keep pointing at it.
            -- Written only through MarketCore/Catalog/ListingStore, which keeps the search index in step.
            CREATE TABLE products (
                id TEXT PRIMARY KEY,
                seller_id TEXT NOT NULL REFERENCES organizations(id),
                sku TEXT NOT NULL,
                title_en TEXT,
                title_ko TEXT,
                description_en TEXT,
                description_ko TEXT,
                category_id TEXT REFERENCES categories(id),
                unit TEXT NOT NULL DEFAULT 'piece',
                currency TEXT NOT NULL,
                unit_price TEXT NOT NULL,
                unit_price_micros INTEGER NOT NULL,
                price_tiers TEXT NOT NULL DEFAULT '[]',
                min_order_quantity INTEGER NOT NULL DEFAULT 1 CHECK (min_order_quantity >= 1),
                stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
                lead_time_days INTEGER NOT NULL DEFAULT 0 CHECK (lead_time_days >= 0),
                attributes TEXT NOT NULL DEFAULT '{}',
                status TEXT NOT NULL CHECK (status IN ('active','draft','archived')),
                visible_to TEXT,
                version INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (seller_id, sku)
            ) STRICT;
            CREATE INDEX products_category ON products(category_id);
            """),
    ]
}
