import Store

/// Contract price lists: a supplier's prices for chosen buyer organizations, valid over a period.
/// Append-only: add a migration, never edit one that has shipped.
///
/// Prices are decimal TEXT in the listing's currency, copied onto each entry (`currency`): a listing whose
/// currency changes later no longer matches its entries, and pricing ignores them rather than read an old
/// amount in a new currency. `valid_from`/`valid_to` are fixed-width RFC 3339 UTC (`Timestamp.format`), so
/// text comparison is time order; `valid_to` is exclusive.
///
/// Pricing reads one buyer's entries for a page of listings (`BuyerPricing.load`; the catalog through
/// `ContractCache`, keyed by `price_list_generation`), usually listing first: `price_list_entries` is clustered by (product_id, price_list_id) and carries
/// its list's validity, so each listing of the page is one b-tree range, and the buyer's membership of
/// each entry's list one probe of the covering `price_list_buyers_list` — no visit to `price_lists` at
/// all. (Measured at 1,000 lists: reading the list row for its validity doubled the cost.) A buyer with
/// few lists goes buyer first instead, through `price_list_entries_list`. The copies of `valid_from`/
/// `valid_to` on entries are rewritten with the entries on every change of the list (`PriceList.update`).
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
            -- valid_from/valid_to copy the list's, so pricing need not read price_lists.
            CREATE TABLE price_list_entries (
                product_id TEXT NOT NULL REFERENCES products(id),
                price_list_id TEXT NOT NULL REFERENCES price_lists(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                currency TEXT NOT NULL,
                unit_price TEXT,
                discount_percent TEXT,
                price_tiers TEXT NOT NULL DEFAULT '[]',
                CHECK ((unit_price IS NULL) <> (discount_percent IS NULL)),
                PRIMARY KEY (product_id, price_list_id)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX price_list_entries_list ON price_list_entries(price_list_id, product_id);

            -- Counts every change to the three tables (triggers, in the writing transaction): the
            -- catalog caches a page's contract entries per generation (ContractCache).
            CREATE TABLE price_list_generation (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                generation INTEGER NOT NULL
            ) STRICT;
            INSERT INTO price_list_generation (id, generation) VALUES (1, 0);
            CREATE TRIGGER price_lists_generation_insert AFTER INSERT ON price_lists
            BEGIN UPDATE price_list_generation SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER price_lists_generation_update AFTER UPDATE ON price_lists
            BEGIN UPDATE price_list_generation SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER price_lists_generation_delete AFTER DELETE ON price_lists
            BEGIN UPDATE price_list_generation SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER price_list_buyers_generation_insert AFTER INSERT ON price_list_buyers
            BEGIN UPDATE price_list_generation SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER price_list_buyers_generation_delete AFTER DELETE ON price_list_buyers
            BEGIN UPDATE price_list_generation SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER price_list_entries_generation_insert AFTER INSERT ON price_list_entries
            BEGIN UPDATE price_list_generation SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER price_list_entries_generation_update AFTER UPDATE ON price_list_entries
            BEGIN UPDATE price_list_generation SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER price_list_entries_generation_delete AFTER DELETE ON price_list_entries
            BEGIN UPDATE price_list_generation SET generation = generation + 1 WHERE id = 1; END;
            """)
    ]
}
