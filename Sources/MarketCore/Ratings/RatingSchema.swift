import Store

/// Reviews, replies and moderation; scorecards live in `supplier_scorecards` (CoreSchema). Append-only:
/// add a migration, never edit one that has shipped.
public enum RatingSchema {
    public static let migrations: [Migration] = [
        Migration(
            "ratings-001-reviews",
            """
            -- One review per order (UNIQUE order_id: a second one is a 409 even if two requests race), written
            -- by the buyer company that placed it, about the supplier that fulfilled it. The supplier's one
            -- public reply lives on the same row (response_* all NULL until it answers). Hidden reviews stay
            -- for the record and for moderation but count nowhere: every aggregate reads hidden = 0.
            CREATE TABLE reviews (
                id TEXT PRIMARY KEY,
                order_id TEXT NOT NULL UNIQUE REFERENCES orders(id),
                buyer_id TEXT NOT NULL REFERENCES organizations(id),
                seller_id TEXT NOT NULL REFERENCES organizations(id),
                author_user_id TEXT NOT NULL REFERENCES users(id),
                rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
                quality INTEGER NOT NULL CHECK (quality BETWEEN 1 AND 5),
                delivery INTEGER NOT NULL CHECK (delivery BETWEEN 1 AND 5),
                communication INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 5),
                comment TEXT,
                hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
                hidden_reason TEXT,
                hidden_at TEXT,
                hidden_by TEXT,
                response_text TEXT,
                response_by TEXT,
                response_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX reviews_seller ON reviews(seller_id, id);
            CREATE INDEX reviews_seller_visible ON reviews(seller_id, id) WHERE hidden = 0;
            CREATE INDEX reviews_buyer ON reviews(buyer_id, id);
            CREATE INDEX reviews_moderation ON reviews(hidden, id);

            -- The median RFQ response time walks one supplier's answered invitations in response_seconds
            -- order; a partial index keeps that walk to the answered rows (https://www.sqlite.org/partialindex.html).
            CREATE INDEX rfq_recipients_response_time ON rfq_recipients(supplier_id, response_seconds)
                WHERE response_seconds IS NOT NULL;
            """),
    ]
}
