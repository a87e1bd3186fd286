import Store

/// Catalog tables beyond `products` (which lives in CoreSchema because orders and RFQs read it): the
/// search projection, the FTS5 index, restricted-listing visibility and per-category counts.
///
/// ## The search projection (`listing_index`)
/// One narrow row per listing that is not archived (drafts included, so a supplier can search its
/// own drafts), holding only what search filters and sorts on. Search walks FTS hits or an index of
/// this table, never the wide `products` rows, and reads `products` only for the page it answers.
/// Its integer `doc` is the FTS5 rowid: `products` has a TEXT primary key, and the implicit rowid of
/// such a table may change on VACUUM (https://sqlite.org/lang_vacuum.html), so it cannot be the link.
///
/// `ListingIndex` rewrites a listing's row, FTS text and visibility rows in the same transaction as
/// every listing write. Columns that other modules change are kept current by triggers, so those
/// modules need not know the index exists:
/// - `seller_active`: `organizations.status` (operator approval and suspension);
/// - `in_stock`: `products.stock` (checkout reserves stock, cancellations return it);
/// - `seller_rating`: `supplier_scorecards.bayesian_rating_milli` (reviews), -1 when none.
///
/// ## Category counts
/// `listing_category_counts` holds, per category, the listed public listings and those in stock, kept
/// by triggers on `listing_index`; browsing without a text query reads its facets from there instead
/// of counting a million rows.
public enum CatalogSchema {
    public static let migrations: [Migration] = [
        Migration(
            "catalog-001-search",
            """
            -- A supplier's own listings, newest first, by status.
            CREATE INDEX products_seller ON products(seller_id, status, id);

            CREATE TABLE listing_index (
                doc INTEGER PRIMARY KEY,
                product_id TEXT NOT NULL UNIQUE REFERENCES products(id),
                seller_id TEXT NOT NULL,
                category_id TEXT,
                status TEXT NOT NULL CHECK (status IN ('active','draft')),
                seller_active INTEGER NOT NULL,
                listed INTEGER GENERATED ALWAYS AS (status = 'active' AND seller_active = 1) STORED,
                restricted INTEGER NOT NULL,
                currency TEXT NOT NULL,
                price_micros INTEGER NOT NULL,
                in_stock INTEGER NOT NULL,
                seller_rating INTEGER NOT NULL DEFAULT -1,
                created_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX listing_index_seller ON listing_index(seller_id);
            -- One index per browse order, each led by `listed` so a browse reads only listed rows in
            -- the order it answers, and stops at the page size.
            CREATE INDEX listing_index_newest ON listing_index(listed, created_at, doc);
            CREATE INDEX listing_index_category ON listing_index(listed, category_id, created_at, doc);
            CREATE INDEX listing_index_price ON listing_index(listed, currency, price_micros, doc);
            CREATE INDEX listing_index_rating ON listing_index(listed, seller_rating, doc);

            -- Titles and SKU in `title`, descriptions and attribute values in `body`, both as
            -- SearchText.indexDocument output (syllable bigrams for Hangul). See SearchText.swift.
            CREATE VIRTUAL TABLE listing_search USING fts5(
                title, body, tokenize = 'unicode61 remove_diacritics 2'
            );
            -- `ORDER BY rank` is bm25 with a title hit worth four body hits (https://sqlite.org/fts5.html §4.5.1).
            INSERT INTO listing_search (listing_search, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

            -- Restricted listings (`products.visible_to`), one row per buyer organization allowed.
            CREATE TABLE listing_visibility (
                buyer_id TEXT NOT NULL,
                doc INTEGER NOT NULL,
                PRIMARY KEY (buyer_id, doc)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX listing_visibility_doc ON listing_visibility(doc);

            -- Listed, unrestricted listings per category ('' for none), and those in stock.
            CREATE TABLE listing_category_counts (
                category_id TEXT PRIMARY KEY,
                listed INTEGER NOT NULL DEFAULT 0,
                in_stock INTEGER NOT NULL DEFAULT 0
            ) STRICT, WITHOUT ROWID;

            CREATE TRIGGER listing_index_counted_insert AFTER INSERT ON listing_index
            WHEN NEW.listed = 1 AND NEW.restricted = 0
            BEGIN
                INSERT INTO listing_category_counts (category_id, listed, in_stock)
                VALUES (coalesce(NEW.category_id, ''), 1, NEW.in_stock)
                ON CONFLICT (category_id) DO UPDATE SET listed = listed + 1, in_stock = in_stock + excluded.in_stock;
            END;

            CREATE TRIGGER listing_index_counted_delete AFTER DELETE ON listing_index
            WHEN OLD.listed = 1 AND OLD.restricted = 0
            BEGIN
                UPDATE listing_category_counts SET listed = listed - 1, in_stock = in_stock - OLD.in_stock
                WHERE category_id = coalesce(OLD.category_id, '');
            END;

            CREATE TRIGGER listing_index_counted_update
            AFTER UPDATE OF status, seller_active, restricted, category_id, in_stock ON listing_index
            BEGIN
                UPDATE listing_category_counts SET listed = listed - 1, in_stock = in_stock - OLD.in_stock
                WHERE OLD.listed = 1 AND OLD.restricted = 0 AND category_id = coalesce(OLD.category_id, '');
                INSERT INTO listing_category_counts (category_id, listed, in_stock)
                SELECT coalesce(NEW.category_id, ''), 1, NEW.in_stock WHERE NEW.listed = 1 AND NEW.restricted = 0
                ON CONFLICT (category_id) DO UPDATE SET listed = listed + 1, in_stock = in_stock + excluded.in_stock;
            END;

            CREATE TRIGGER listing_index_seller_status AFTER UPDATE OF status ON organizations
            WHEN NEW.kind = 'supplier' AND (OLD.status = 'active') != (NEW.status = 'active')
            BEGIN
                UPDATE listing_index SET seller_active = (NEW.status = 'active') WHERE seller_id = NEW.id;
            END;

            CREATE TRIGGER listing_index_stock AFTER UPDATE OF stock ON products
            WHEN (OLD.stock > 0) != (NEW.stock > 0)
            BEGIN
                UPDATE listing_index SET in_stock = (NEW.stock > 0) WHERE product_id = NEW.id;
            END;

            CREATE TRIGGER listing_index_rating_insert AFTER INSERT ON supplier_scorecards
            BEGIN
                UPDATE listing_index SET seller_rating = coalesce(NEW.bayesian_rating_milli, -1)
                WHERE seller_id = NEW.supplier_id;
            END;

            CREATE TRIGGER listing_index_rating_update AFTER UPDATE OF bayesian_rating_milli ON supplier_scorecards
            WHEN NEW.bayesian_rating_milli IS NOT OLD.bayesian_rating_milli
            BEGIN
                UPDATE listing_index SET seller_rating = coalesce(NEW.bayesian_rating_milli, -1)
                WHERE seller_id = NEW.supplier_id;
            END;
            """)
    ]
}
