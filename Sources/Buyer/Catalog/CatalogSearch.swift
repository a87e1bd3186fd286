import Foundation
import MarketCore
import Store
import Web

/// One catalog search: which listings, in what order, one page of them, and category facets.
///
/// Everything filters and sorts on `listing_index` (the narrow projection, see CatalogSchema); `products`
/// is read only for the page's hits (`CatalogHits`). Plans, each one SQL statement ending in LIMIT:
/// - with words (`q`): FTS5 finds the matches (outer loop), `listing_index` is joined by rowid and
///   filtered, and the page is sorted by bm25 (`ORDER BY rank`, which FTS5 sorts itself) or by the
///   requested key;
/// - without words, in a category with few listings: the category index, then a sort;
/// - without words otherwise: the index of the requested order (`listing_index_newest`,
///   `_rating`, `_price`), read in that order until the page is full; price order merges one such read
///   per listing currency, since prices in different currencies compare only after conversion.
/// Facets count the matches of the same filters without the category filter (so the buyer sees where
/// else the words are found); without words and without price or rating filters they come from the
/// maintained `listing_category_counts`.
struct CatalogSearch {
    struct Hit {
        let doc: Int64
        let productID: String
        let key: SQLValue
    }

    struct Result {
        var hits: [Hit]
        var next: CatalogCursor?
        var facets: [(categoryID: String, count: Int64)]
    }

    /// Below this many listed listings under the category, browsing sorts the category's rows; above it,
    /// it walks the sort order's index and skips other categories.
    static let smallCategory: Int64 = 5000

    let request: CatalogSearchRequest
    let viewerBuyerID: String?
    /// The category and its sub-categories, when filtering by category.
    let categories: [String]?
    /// Quotes from each listed currency to `request.keyCurrency` (price filters and price sorts only).
    let priceQuotes: [(currency: Currency, quote: FXQuote)]

    // MARK: - Running

    func run(_ db: Connection) throws -> Result {
        let hits: [Hit]
        if request.match == nil, let plan = try browseIndex(db) {
            hits = plan == "listing_index_price" ? try priceMerge(db) : try sortedQuery(db, index: plan)
        } else {
            hits = try sortedQuery(db, index: request.match == nil ? "listing_index_category" : nil)
        }
        var page = hits
        var next: CatalogCursor?
        if hits.count > request.limit {
            page = Array(hits.prefix(request.limit))
            next = cursor(after: page.last, count: page.count)
        }
        return Result(hits: page, next: next, facets: try facets(db))
    }

    /// The index to walk for a browse without words, or nil to use the category's rows.
    private func browseIndex(_ db: Connection) throws -> String? {
        if let categories {
            let listed = try db.scalar(
                "SELECT coalesce(sum(listed), 0) FROM listing_category_counts WHERE category_id IN (SELECT value FROM json_each(?))",
                [.text(Self.jsonArray(categories))]
            ).int64Value ?? 0
            if listed < Self.smallCategory { return nil }
        }
        switch request.sort {
        case .newest, .relevance: return "listing_index_newest"
        case .rating: return "listing_index_rating"
        case .priceAscending, .priceDescending: return "listing_index_price"
        }
    }

    private func cursor(after hit: Hit?, count: Int) -> CatalogCursor? {
        guard let hit else { return nil }
        switch request.sort {
        case .relevance:
            let offset: Int
            if case .offset(let start) = request.cursor { offset = start + count } else { offset = count }
            return offset <= CatalogSearchRequest.maxRelevanceOffset ? .offset(offset) : nil
        case .newest:
            return hit.key.stringValue.map { .newest(createdAt: $0, doc: hit.doc) }
        case .rating:
            return hit.key.int64Value.map { .rating($0, doc: hit.doc) }
        case .priceAscending, .priceDescending:
            return hit.key.doubleValue.map { .price(key: $0, doc: hit.doc) }
        }
    }

    // MARK: - Filters

    /// The WHERE conditions on `d` (listing_index) shared by hits and facets.
    private func filters(category: Bool, price: Bool = true) -> (sql: [String], arguments: [SQLValue]) {
        var sql = ["d.listed = 1"]
        var arguments: [SQLValue] = []
        if let viewerBuyerID {
            sql.append("(d.restricted = 0 OR EXISTS (SELECT 1 FROM listing_visibility v WHERE v.buyer_id = ? AND v.doc = d.doc))")
            arguments.append(.text(viewerBuyerID))
        } else {
            sql.append("d.restricted = 0")
        }
        if category, let categories {
            sql.append("d.category_id IN (SELECT value FROM json_each(?))")
            arguments.append(.text(Self.jsonArray(categories)))
        }
        if request.inStock { sql.append("d.in_stock = 1") }
        if let minRating = request.minRatingMilli {
            sql.append("d.seller_rating >= ?")
            arguments.append(.integer(minRating))
        }
        if price, request.minPrice != nil || request.maxPrice != nil {
            var alternatives: [String] = []
            for (currency, quote) in priceQuotes {
                let (clause, values) = priceBounds(currency, quote)
                alternatives.append(clause)
                arguments += values
            }
            sql.append(alternatives.isEmpty ? "0" : "(" + alternatives.joined(separator: " OR ") + ")")
        }
        return (sql, arguments)
    }

    /// `min_price ≤ price × rate ≤ max_price`, exactly, as bounds on the listing's own price in
    /// millionths: at least ⌈min / rate⌉, at most ⌊max / rate⌋.
    private func priceBounds(_ currency: Currency, _ quote: FXQuote) -> (String, [SQLValue]) {
        var clause = "(d.currency = '\(currency.code)'"
        var values: [SQLValue] = []
        if let minPrice = request.minPrice {
            clause += " AND d.price_micros >= ?"
            values.append(.integer(Self.micros(minPrice, dividedBy: quote.rate, rule: .awayFromZero)))
        }
        if let maxPrice = request.maxPrice {
            clause += " AND d.price_micros <= ?"
            values.append(.integer(Self.micros(maxPrice, dividedBy: quote.rate, rule: .towardZero)))
        }
        return (clause + ")", values)
    }

    static func micros(_ amount: ExactDecimal, dividedBy rate: ExactDecimal, rule: RoundingRule) -> Int64 {
        guard let quotient = try? amount.divided(by: rate, scale: 6, rule: rule),
            let value = Int64(exactly: quotient.mantissa)
        else { return Int64.max }
        return value
    }

    /// The price sort key: the listing's price in millionths times the rate to the key currency, as a
    /// REAL. It orders listings and is never shown or charged (prices shown are converted exactly,
    /// `CatalogHits`); listings without a rate get NULL and are left out.
    private var priceKey: (sql: String, arguments: [SQLValue]) {
        guard !priceQuotes.isEmpty else { return ("NULL", []) }
        var sql = "d.price_micros * (CASE d.currency"
        var arguments: [SQLValue] = []
        for (currency, quote) in priceQuotes {
            sql += " WHEN '\(currency.code)' THEN ?"
            arguments.append(.real(Self.double(quote.rate)))
        }
        return (sql + " END)", arguments)
    }

    static func double(_ rate: ExactDecimal) -> Double { Double(rate.description) ?? 0 }

    // MARK: - One statement

    /// Matches (FTS) or listed rows (browse through `index`), filtered, sorted by the request's key,
    /// from the cursor, `limit + 1` of them.
    private func sortedQuery(_ db: Connection, index: String?) throws -> [Hit] {
        var (conditions, arguments) = filters(category: true)
        var from = "listing_index d"
        if let index { from += " INDEXED BY \(index)" }
        if let match = request.match {
            from = "listing_search f JOIN listing_index d ON d.doc = f.rowid"
            conditions.insert("listing_search MATCH ?", at: 0)
            arguments.insert(.text(match), at: 0)
        }
        let key: (sql: String, arguments: [SQLValue])
        let order: String
        var offset = 0
        switch request.sort {
        case .relevance:
            key = ("NULL", [])
            order = "f.rank"
            if case .offset(let start) = request.cursor { offset = start }
        case .newest:
            key = ("d.created_at", [])
            order = "d.created_at DESC, d.doc DESC"
            if case .newest(let createdAt, let doc) = request.cursor {
                conditions.append("(d.created_at < ? OR (d.created_at = ? AND d.doc < ?))")
                arguments += [.text(createdAt), .text(createdAt), .integer(doc)]
            }
        case .rating:
            key = ("d.seller_rating", [])
            order = "d.seller_rating DESC, d.doc DESC"
            if case .rating(let rating, let doc) = request.cursor {
                conditions.append("(d.seller_rating < ? OR (d.seller_rating = ? AND d.doc < ?))")
                arguments += [.integer(rating), .integer(rating), .integer(doc)]
            }
        case .priceAscending, .priceDescending:
            key = priceKey
            let ascending = request.sort == .priceAscending
            order = ascending ? "sort_key ASC, d.doc ASC" : "sort_key DESC, d.doc DESC"
            conditions.append("d.currency IN (\(priceQuotes.map { "'\($0.currency.code)'" }.joined(separator: ",")))")
            if case .price(let value, let doc) = request.cursor {
                let (more, same) = ascending ? (">", ">") : ("<", "<")
                conditions.append("(\(key.sql) \(more) ? OR (\(key.sql) = ? AND d.doc \(same) ?))")
                arguments += key.arguments + [.real(value)] + key.arguments + [.real(value), .integer(doc)]
            }
        }
        let sql = """
            SELECT d.doc, d.product_id, \(key.sql) AS sort_key FROM \(from)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(order) LIMIT ? OFFSET ?
            """
        let all = key.arguments + arguments + [.integer(Int64(request.limit + 1)), .integer(Int64(offset))]
        return try Self.hits(db, sql, all)
    }

    /// Price order without words: per listing currency, the price index from the cursor on, then a
    /// merge by the converted key. A page reads at most `limit + 1` rows per currency.
    private func priceMerge(_ db: Connection) throws -> [Hit] {
        let ascending = request.sort == .priceAscending
        var merged: [Hit] = []
        for (currency, quote) in priceQuotes {
            var (conditions, arguments) = filters(category: true, price: false)
            conditions.append("d.currency = '\(currency.code)'")
            if request.minPrice != nil || request.maxPrice != nil {
                let (clause, values) = priceBounds(currency, quote)
                conditions.append(clause)
                arguments += values
            }
            let rate = Self.double(quote.rate)
            if case .price(let value, let doc) = request.cursor, rate > 0 {
                // An index range first (conservative: the key is a rounded product), then the exact
                // keyset test on the same REAL arithmetic the key is computed with.
                let bound = value / rate
                if ascending {
                    conditions.append("d.price_micros >= ?")
                    arguments.append(.integer(Self.clampedMicros((bound * (1 - 1e-12)).rounded(.down) - 1)))
                    conditions.append("(d.price_micros * ? > ? OR (d.price_micros * ? = ? AND d.doc > ?))")
                } else {
                    conditions.append("d.price_micros <= ?")
                    arguments.append(.integer(Self.clampedMicros((bound * (1 + 1e-12)).rounded(.up) + 1)))
                    conditions.append("(d.price_micros * ? < ? OR (d.price_micros * ? = ? AND d.doc < ?))")
                }
                arguments += [.real(rate), .real(value), .real(rate), .real(value), .integer(doc)]
            }
            let direction = ascending ? "ASC" : "DESC"
            let sql = """
                SELECT d.doc, d.product_id, d.price_micros * ? AS sort_key FROM listing_index d INDEXED BY listing_index_price
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY d.price_micros \(direction), d.doc \(direction) LIMIT ?
                """
            merged += try Self.hits(db, sql, [.real(rate)] + arguments + [.integer(Int64(request.limit + 1))])
        }
        merged.sort { a, b in
            let x = a.key.doubleValue ?? 0, y = b.key.doubleValue ?? 0
            if x != y { return ascending ? x < y : x > y }
            return ascending ? a.doc < b.doc : a.doc > b.doc
        }
        return Array(merged.prefix(request.limit + 1))
    }

    static func clampedMicros(_ value: Double) -> Int64 {
        guard value.isFinite else { return value < 0 ? Int64.min : Int64.max }
        if value <= -9.2e18 { return Int64.min }
        if value >= 9.2e18 { return Int64.max }
        return Int64(value)
    }

    private static func hits(_ db: Connection, _ sql: String, _ arguments: [SQLValue]) throws -> [Hit] {
        var hits: [Hit] = []
        try db.forEach(sql, arguments) { row in
            guard let doc = row.int64(0), let id = row.string(1) else { return }
            hits.append(Hit(doc: doc, productID: id, key: row[2]))
        }
        return hits
    }

    // MARK: - Facets

    private func facets(_ db: Connection) throws -> [(categoryID: String, count: Int64)] {
        var counts: [String: Int64] = [:]
        if request.facetsFromCounts {
            let column = request.inStock ? "in_stock" : "listed"
            try db.forEach("SELECT category_id, \(column) AS n FROM listing_category_counts WHERE \(column) > 0") { row in
                if let id = row.string(0), let n = row.int64(1) { counts[id, default: 0] += n }
            }
            // The counts hold public listings; add the restricted ones this buyer may see.
            if let viewerBuyerID {
                try db.forEach(
                    """
                    SELECT d.category_id, count(*) FROM listing_visibility v JOIN listing_index d ON d.doc = v.doc
                    WHERE v.buyer_id = ? AND d.listed = 1 AND d.restricted = 1\(request.inStock ? " AND d.in_stock = 1" : "")
                    GROUP BY d.category_id
                    """, [.text(viewerBuyerID)]
                ) { row in
                    if let id = row.string(0), let n = row.int64(1) { counts[id, default: 0] += n }
                }
            }
        } else {
            var (conditions, arguments) = filters(category: false)
            var from = "listing_index d"
            if let match = request.match {
                from = "listing_search f JOIN listing_index d ON d.doc = f.rowid"
                conditions.insert("listing_search MATCH ?", at: 0)
                arguments.insert(.text(match), at: 0)
            }
            try db.forEach(
                "SELECT d.category_id, count(*) FROM \(from) WHERE \(conditions.joined(separator: " AND ")) GROUP BY d.category_id",
                arguments
            ) { row in
                if let id = row.string(0), let n = row.int64(1) { counts[id, default: 0] += n }
            }
        }
        counts[""] = nil  // listings without a category have no facet
        return counts.map { (categoryID: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.categoryID < $1.categoryID }
    }

    static func jsonArray(_ values: [String]) -> String {
        JSONSerializer.string(.array(values.map(JSON.string)))
    }
}
