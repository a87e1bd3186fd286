import Store

/// Contract price lists: a supplier's prices for chosen buyer organizations, valid over a period.
/// Append-only: add a migration, never edit one that has shipped.
///
/// Prices are decimal TEXT in the listing's currency, copied onto each entry (`currency`): a listing whose
/// currency changes later no longer matches its entries, and pricing ignores them rather than read an old
/// amount in a new currency. `valid_from`/`valid_to` are fixed-width RFC 3339 UTC (`Timestamp.format`), so
/// text comparison is time order; `valid_to` is exclusive.
///
/// Pricing reads one buyer's entries for a page of listings in one statement: from
/// `price_list_buyers` (buyer first) to the lists valid now, to `price_list_entries` by primary key — or,
/// when the planner prefers, from the page's product ids through `price_list_entries_product`.
public enum PriceListSchema {
    public static let migrations: [Migration] = [
        Migration(
            "pricelists-001-price-lists",
            """
            CREATE TABLE price_lists (
                id TEXT PRIMARY KEY,
                seller_id TEXT NOT NULL REFERENCES organizations(id),
                name TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                version INTEGER NOT NULL DEFAULT 1,
                created_by TEXT NOT NULL REFERENCES users(id),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                CHECK (valid_to IS NULL OR valid_to > valid_from)
            ) STRICT;
            CREATE INDEX price_lists_seller ON price_lists(seller_id, id);

            -- The buyer organizations a list is for.
            CREATE TABLE price_list_buyers (
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                price_list_id TEXT NOT NULL REFERENCES price_lists(id) ON DELETE CASCADE,
                PRIMARY KEY (buyer_id, price_list_id)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX price_list_buyers_list ON price_list_buyers(price_list_id);

            -- Exactly one of a fixed unit price or a percent off the listing's (tier) price; optional
            -- quantity tiers of its own ([{"min_quantity","unit_price"}], like products.price_tiers).
            CREATE TABLE price_list_entries (
                price_list_id TEXT NOT NULL REFERENCES price_lists(id) ON DELETE CASCADE,
                product_id TEXT NOT NULL REFERENCES products(id),
                position INTEGER NOT NULL,
                currency TEXT NOT NULL,
                unit_price TEXT,
                discount_percent TEXT,
                price_tiers TEXT NOT NULL DEFAULT '[]',
                CHECK ((unit_price IS NULL) <> (discount_percent IS NULL)),
                PRIMARY KEY (price_list_id, product_id)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX price_list_entries_product ON price_list_entries(product_id, price_list_id);
            """)
    ]
}
