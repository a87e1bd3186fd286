import Store

/// Catalog tables beyond `products` (which lives in CoreSchema because orders and RFQs read it): the
/// search projection, the FTS5 index, restricted-listing visibility and per-category counts.
///
/// ## The search projection
/// Every listing that is not archived (drafts included, so a supplier can search its own drafts) has a
/// `doc` number: its row in `listing_docs` (doc, product id, seller), in `listing_index` and in the FTS5
/// table `listing_search` (as rowid). Docs are handed out in increasing order as listings enter the
/// catalog, so "newest first" is doc order, which FTS5 walks natively (`ORDER BY rowid DESC`). `products`
/// has a TEXT primary key, and the implicit rowid of such a table may change on VACUUM
/// (https://sqlite.org/lang_vacuum.html), so it cannot be the link.
///
/// `listing_index` holds only small integers and the currency: what search filters and sorts on, about
/// 25 bytes a row. Search joins every match to it, so it is kept narrow: at a million listings it is
/// ~30 MB and stays in the page cache; a join costs a third of what one to a row with text ids costs
/// (measured: 0.5 µs against 1.5 µs a match). `products` is read only for the page of hits.
///
/// `ListingIndex` rewrites a listing's doc rows, FTS text and visibility rows in the same transaction
/// as every listing write. Columns that other modules change are kept current by triggers, so those
/// modules need not know the index exists:
/// - `seller_active`: `organizations.status` (operator approval and suspension);
/// - `in_stock`: `products.stock` (checkout reserves stock, cancellations return it);
/// - `seller_rating`: `supplier_scorecards.bayesian_rating_milli` (reviews), -1 when none.
///
/// ## Generation
/// `listing_generation` counts changes to `listing_index` (triggers, so the triggers above count too;
/// every listing write updates its `listing_index` row, and a supplier's rename touches one of its rows,
/// catalog-003). Search caches results per generation, with the suppliers their hits show.
///
/// ## The change log
/// `listing_index_changes` (catalog-002) names the doc each generation changed, so search's in-memory
/// copy of `listing_index` (`ListingProjection`, Buyer) is brought from one generation to the next by
/// re-reading only the docs changed in between. The triggers keep the last 200,000 entries; a copy
/// older than that is read again whole.
///
/// ## Category counts
/// `listing_category_counts` holds, per category, the listed public listings and those in stock, kept
/// by triggers on `listing_index`; browsing without words reads its facets from there instead of
/// counting a million rows.
public enum CatalogSchema {
    /// The `listing_generation` the read or write transaction of `db` sees (see "Generation" above).
    public static func generation(_ db: Connection) throws -> Int64 {
        try db.scalar("SELECT generation FROM listing_generation WHERE id = 1").int64Value ?? 0
    }

    public static let migrations: [Migration] = [
        Migration(
            "catalog-001-search",
            """
            -- Category ids as small integers for the projection (0 is "no category").
            CREATE TABLE listing_category_keys (
                key INTEGER PRIMARY KEY,
                category_id TEXT NOT NULL UNIQUE
            ) STRICT;

            CREATE TABLE listing_docs (
                doc INTEGER PRIMARY KEY,
                product_id TEXT NOT NULL UNIQUE REFERENCES products(id),
                seller_id TEXT NOT NULL
            ) STRICT;
            -- A supplier's listings in catalog order (its list, newest first; the triggers below).
            CREATE INDEX listing_docs_seller ON listing_docs(seller_id, doc);

            CREATE TABLE listing_index (
                doc INTEGER PRIMARY KEY,
                category_key INTEGER NOT NULL,
                active INTEGER NOT NULL,
                seller_active INTEGER NOT NULL,
                listed INTEGER GENERATED ALWAYS AS (active = 1 AND seller_active = 1) STORED,
                restricted INTEGER NOT NULL,
                in_stock INTEGER NOT NULL,
                currency TEXT NOT NULL,
                price_micros INTEGER NOT NULL,
                seller_rating INTEGER NOT NULL DEFAULT -1
            ) STRICT;
            -- Browse orders besides newest (the table's own doc order), each led by `listed` so a browse
            -- reads listed rows in the order it answers and stops at the page size.
            CREATE INDEX listing_index_category ON listing_index(listed, category_key, doc);
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

            -- Listed, unrestricted listings per category key, and those in stock.
            CREATE TABLE listing_category_counts (
                category_key INTEGER PRIMARY KEY,
                listed INTEGER NOT NULL DEFAULT 0,
                in_stock INTEGER NOT NULL DEFAULT 0
            ) STRICT;

            CREATE TRIGGER listing_index_counted_insert AFTER INSERT ON listing_index
            WHEN NEW.listed = 1 AND NEW.restricted = 0
            BEGIN
                INSERT INTO listing_category_counts (category_key, listed, in_stock) VALUES (NEW.category_key, 1, NEW.in_stock)
                ON CONFLICT (category_key) DO UPDATE SET listed = listed + 1, in_stock = in_stock + excluded.in_stock;
            END;

            CREATE TRIGGER listing_index_counted_delete AFTER DELETE ON listing_index
            WHEN OLD.listed = 1 AND OLD.restricted = 0
            BEGIN
                UPDATE listing_category_counts SET listed = listed - 1, in_stock = in_stock - OLD.in_stock
                WHERE category_key = OLD.category_key;
            END;

            CREATE TRIGGER listing_index_counted_update
            AFTER UPDATE OF active, seller_active, restricted, category_key, in_stock ON listing_index
            BEGIN
                UPDATE listing_category_counts SET listed = listed - 1, in_stock = in_stock - OLD.in_stock
                WHERE OLD.listed = 1 AND OLD.restricted = 0 AND category_key = OLD.category_key;
                INSERT INTO listing_category_counts (category_key, listed, in_stock)
                SELECT NEW.category_key, 1, NEW.in_stock WHERE NEW.listed = 1 AND NEW.restricted = 0
                ON CONFLICT (category_key) DO UPDATE SET listed = listed + 1, in_stock = in_stock + excluded.in_stock;
            END;

            -- Bumped by every change to the projection, in the same transaction: a search result cached
            -- under a generation is exactly the result for the data at that generation.
            CREATE TABLE listing_generation (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                generation INTEGER NOT NULL
            ) STRICT;
            INSERT INTO listing_generation (id, generation) VALUES (1, 0);
            CREATE TRIGGER listing_index_generation_insert AFTER INSERT ON listing_index
            BEGIN UPDATE listing_generation SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER listing_index_generation_update AFTER UPDATE ON listing_index
            BEGIN UPDATE listing_generation SET generation = generation + 1 WHERE id = 1; END;
            CREATE TRIGGER listing_index_generation_delete AFTER DELETE ON listing_index
            BEGIN UPDATE listing_generation SET generation = generation + 1 WHERE id = 1; END;

            CREATE TRIGGER listing_index_seller_status AFTER UPDATE OF status ON organizations
            WHEN NEW.kind = 'supplier' AND (OLD.status = 'active') != (NEW.status = 'active')
            BEGIN
                UPDATE listing_index SET seller_active = (NEW.status = 'active')
                WHERE doc IN (SELECT doc FROM listing_docs WHERE seller_id = NEW.id);
            END;

            CREATE TRIGGER listing_index_stock AFTER UPDATE OF stock ON products
            WHEN (OLD.stock > 0) != (NEW.stock > 0)
            BEGIN
                UPDATE listing_index SET in_stock = (NEW.stock > 0)
                WHERE doc = (SELECT doc FROM listing_docs WHERE product_id = NEW.id);
            END;

            CREATE TRIGGER listing_index_rating_insert AFTER INSERT ON supplier_scorecards
            BEGIN
                UPDATE listing_index SET seller_rating = coalesce(NEW.bayesian_rating_milli, -1)
                WHERE doc IN (SELECT doc FROM listing_docs WHERE seller_id = NEW.supplier_id);
            END;

            CREATE TRIGGER listing_index_rating_update AFTER UPDATE OF bayesian_rating_milli ON supplier_scorecards
            WHEN NEW.bayesian_rating_milli IS NOT OLD.bayesian_rating_milli
            BEGIN
                UPDATE listing_index SET seller_rating = coalesce(NEW.bayesian_rating_milli, -1)
                WHERE doc IN (SELECT doc FROM listing_docs WHERE seller_id = NEW.supplier_id);
            END;
            """),
        Migration(
            "catalog-002-change-log",
            """
            -- Which doc each generation changed (see "The change log" above). The generation triggers of
            -- catalog-001 are replaced by ones that also log; the log keeps the last 200,000 changes.
            CREATE TABLE listing_index_changes (
                generation INTEGER PRIMARY KEY,
                doc INTEGER NOT NULL
            ) STRICT;
            DROP TRIGGER listing_index_generation_insert;
            DROP TRIGGER listing_index_generation_update;
            DROP TRIGGER listing_index_generation_delete;
            CREATE TRIGGER listing_index_changed_insert AFTER INSERT ON listing_index
            BEGIN
                UPDATE listing_generation SET generation = generation + 1 WHERE id = 1;
                INSERT INTO listing_index_changes (generation, doc) SELECT generation, NEW.doc FROM listing_generation WHERE id = 1;
                DELETE FROM listing_index_changes WHERE generation <= (SELECT generation - 200000 FROM listing_generation WHERE id = 1);
            END;
            CREATE TRIGGER listing_index_changed_update AFTER UPDATE ON listing_index
            BEGIN
                UPDATE listing_generation SET generation = generation + 1 WHERE id = 1;
                INSERT INTO listing_index_changes (generation, doc) SELECT generation, NEW.doc FROM listing_generation WHERE id = 1;
                DELETE FROM listing_index_changes WHERE generation <= (SELECT generation - 200000 FROM listing_generation WHERE id = 1);
            END;
            CREATE TRIGGER listing_index_changed_delete AFTER DELETE ON listing_index
            BEGIN
                UPDATE listing_generation SET generation = generation + 1 WHERE id = 1;
                INSERT INTO listing_index_changes (generation, doc) SELECT generation, OLD.doc FROM listing_generation WHERE id = 1;
                DELETE FROM listing_index_changes WHERE generation <= (SELECT generation - 200000 FROM listing_generation WHERE id = 1);
            END;
            """),
        Migration(
            "catalog-003-seller-name-generation",
            """
            -- Search keeps the suppliers of a cached page with it (CatalogListingJSON.locate); their rating and
            -- status already change the generation through listing_index. A rename does too: it touches one
            -- of the supplier's listing_index rows (a no-op on a column no count depends on), and the update
            -- trigger bumps the generation and logs the doc.
            CREATE TRIGGER listing_index_seller_name AFTER UPDATE OF name ON organizations
            WHEN NEW.kind = 'supplier' AND NEW.name IS NOT OLD.name
            BEGIN
                UPDATE listing_index SET seller_rating = seller_rating
                WHERE doc = (SELECT doc FROM listing_docs WHERE seller_id = NEW.id ORDER BY doc LIMIT 1);
            END;
            """),
    ]
}
