import Foundation
import MarketCore
import Store
import Web

/// One catalog search: which listings, in what order, one page of them, and category facets.
///
/// Everything filters and sorts on `listing_index` (the narrow projection, see CatalogSchema); `products`
/// is read only for the page's hits (`CatalogListingJSON`).
///
/// Searches with words, browses with filters the category counts cannot answer, and price or rating
/// browses of a category run on the in-memory copy of `listing_index` (`ListingProjection`,
/// `CatalogSearch+Projection`): FTS5 hands over rowids, and filters, keys and facets are array reads
/// instead of a B-tree seek per match. The SQL plans below answer the rest, and everything whenever no
/// in-memory copy fits the read's snapshot; both give the same results (CatalogSearchProjectionTests).
/// Plans, each one SQL statement ending in LIMIT:
/// - with words (`q`): FTS5 finds the matches (the outer loop) and `listing_index` is joined by doc and
///   filtered. Newest first is FTS5's own rowid order, read until the page is full; relevance is bm25,
///   ties newest first; price and rating sort the filtered matches;
/// - without words, in a category with few listings: the category index, then a sort;
/// - without words otherwise: the table (doc order, newest) or the index of the requested order
///   (`listing_index_rating`, `_price`), read in order until the page is full; price order merges one
///   such read per listing currency, since prices in different currencies compare only after conversion.
///
/// Work per query is bounded where FTS5 would otherwise touch every match of a very broad query (a
/// million listings, one common word): bm25 ranks at most the `relevanceWindow` most recently listed
/// matches, and facets count at most the `facetWindow` most recent, saying so with `complete: false` —
/// the same trade Elasticsearch makes with `track_total_hits` (exact up to 10,000). Measured cost
/// per match: bm25 ≈ 2.5 µs, the join to `listing_index` ≈ 0.5 µs. Relevance is bm25 with the terms'
/// document counts kept between searches (`CatalogSearch+Ranking`, `PhraseDocumentCounts`).
struct CatalogSearch {
    struct Hit: Sendable {
        let doc: Int64
        let key: SQLValue
    }

    struct Facets: Sendable {
        var categories: [(categoryID: String, count: Int64)]
        /// False when a very broad query's facets were counted over its most recent matches only.
        var complete: Bool
    }

    struct Result: Sendable {
        var hits: [Hit]
        var next: CatalogCursor?
        var facets: Facets
        /// Where the hits' rows are and their suppliers, found when the result was computed
        /// (`CatalogListingJSON.locate`).
        var located: CatalogListingJSON.Located?
    }

    static let relevanceWindow = 4_000
    static let facetWindow = 10_000
    /// Below this many listed listings under the category, browsing sorts the category's rows; above it,
    /// it walks the sort order and skips other categories.
    static let smallCategory: Int64 = 5000

    let request: CatalogSearchRequest
    let viewerBuyerID: String?
    /// The category and its sub-categories, when filtering by category.
    let categories: [String]?
    /// Quotes from each listed currency to `request.keyCurrency` (price filters and price sorts only).
    let priceQuotes: [(currency: Currency, quote: FXQuote)]

    // MARK: - Running

    /// Everything the result depends on besides the data (see `CatalogSearchCache`).
    func cacheKey(database: String, generation: Int64) -> String {
        let r = request
        let cursor = r.cursor.map { $0.encoded(sort: r.sort, keyCurrency: r.keyCurrency) } ?? ""
        let rates = priceQuotes.map { "\($0.currency.code)=\($0.quote.rate)@\($0.quote.rateIDs.joined(separator: "+"))" }
        return [
            database, String(generation), r.match ?? "", (categories ?? []).joined(separator: ","),
            r.minPrice?.description ?? "", r.maxPrice?.description ?? "", r.keyCurrency.code, r.inStock ? "1" : "0",
            r.minRatingMilli.map { String($0) } ?? "", r.sort.rawValue, String(r.limit), cursor, viewerBuyerID ?? "",
            rates.joined(separator: ","),
        ].joined(separator: "\u{1}")
    }

    /// The result from the cache when the data has not changed since it was computed, else computed.
    func run(_ db: Connection, database: String, useCache: Bool) throws -> Result {
        let generation = try CatalogSchema.generation(db)
        let key = cacheKey(database: database, generation: generation)
        if useCache, let cached = CatalogSearchCache.shared.value(key) { return cached }
        // Words, or filters the category counts cannot answer: on the in-memory columns when they fit
        // this snapshot (see ListingProjection).
        let columns =
            request.match != nil || !request.facetsFromCounts || prefersInMemoryBrowse
            ? try ListingProjection.shared.columns(db, database: database, generation: generation) : nil
        var ranking = Ranking(termCounts: [])
        if request.sort == .relevance, !request.matchTerms.isEmpty {
            ranking = Ranking(
                termCounts: try PhraseDocumentCounts.shared.counts(db, database: database, generation: generation, terms: request.matchTerms))
        }
        var result = try run(db, columns: columns, ranking: ranking)
        result.located = try CatalogListingJSON.locate(db, docs: result.hits.map(\.doc))
        CatalogSearchCache.shared.store(result, key: key, database: database, generation: generation)
        return result
    }

    /// `columns`: the in-memory `listing_index` at this snapshot's generation, when there is one;
    /// `ranking`: how relevance is scored (without term counts, each search counts them).
    func run(_ db: Connection, columns: ListingProjection.Columns? = nil, ranking: Ranking = Ranking(termCounts: [])) throws -> Result {
        if let columns, let match = request.match { return try projectedRun(db, match: match, columns: columns, ranking: ranking) }
        let hits: [Hit]
        if let match = request.match {
            var window: Int64?
            if request.sort == .relevance { window = try Self.windowStart(db, match: match, size: Self.relevanceWindow) }
            hits = try sortedQuery(db, source: .fts(match, window: window), ranking: ranking)
        } else {
            switch try browsePlan(db, inMemory: columns != nil) {
            case .categoryDocs:
                guard let columns else { return Result(hits: [], next: nil, facets: Facets(categories: [], complete: true)) }
                hits = try projectedCategoryHits(db, filter: try projectedFilter(db, columns: columns))
            case .categoryRows: hits = try sortedQuery(db, source: .table(index: "listing_index_category"))
            case .docOrder: hits = try sortedQuery(db, source: .table(index: nil))
            case .ratingIndex: hits = try sortedQuery(db, source: .table(index: "listing_index_rating"))
            case .priceIndexes: hits = try priceMerge(db)
            }
        }
        var page = hits
        var next: CatalogCursor?
        if hits.count > request.limit {
            page = Array(hits.prefix(request.limit))
            next = cursor(after: page.last, count: page.count)
        }
        if let columns, !request.facetsFromCounts {
            let counts = projectedBrowseCounts(try projectedFilter(db, columns: columns))
            return Result(hits: page, next: next, facets: Facets(categories: try facetCategories(db, counts: counts), complete: true))
        }
        return Result(hits: page, next: next, facets: try facets(db))
    }

    /// The rowid of the `size`-th most recent match, when there are more than `size` matches (drafts and
    /// restricted listings included: this only bounds work).
    static func windowStart(_ db: Connection, match: String, size: Int) throws -> Int64? {
        try db.scalar(
            "SELECT rowid FROM listing_search WHERE listing_search MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [.text(match), .integer(Int64(size - 1))]
        ).int64Value
    }

    /// How a browse without words reads `listing_index`.
    enum BrowsePlan {
        /// A category of up to `inMemoryCategory` listings, by price or rating: its docs through the
        /// category index (the index alone), then the in-memory columns (`projectedCategoryHits`).
        case categoryDocs
        /// A small category: its rows through the category index, then sorted.
        case categoryRows
        /// Newest first: the table itself, in descending doc order.
        case docOrder
        case ratingIndex
        /// One read of the price index per listing currency, merged.
        case priceIndexes
    }

    /// Up to this many listed listings under a category, a price or rating browse reads the category's
    /// docs and sorts them in memory (~0.1 µs a doc) rather than walking the sort order's index and
    /// skipping other categories' rows, a table read each (~0.6 µs).
    static let inMemoryCategory: Int64 = 50_000

    /// Whether the plan wants the in-memory columns (a price or rating browse in a category).
    var prefersInMemoryBrowse: Bool {
        categories != nil && request.match == nil && request.sort != .newest && request.sort != .relevance
    }

    private func browsePlan(_ db: Connection, inMemory: Bool) throws -> BrowsePlan {
        if let categories {
            let listed = try db.scalar(
                """
                SELECT coalesce(sum(c.listed), 0) FROM listing_category_counts c JOIN listing_category_keys k ON k.key = c.category_key
                WHERE k.category_id IN (SELECT value FROM json_each(?))
                """, [.text(Self.jsonArray(categories))]
            ).int64Value ?? 0
            if inMemory && prefersInMemoryBrowse && listed <= Self.inMemoryCategory { return .categoryDocs }
            if listed < Self.smallCategory { return .categoryRows }
        }
        switch request.sort {
        case .newest, .relevance: return .docOrder
        case .rating: return .ratingIndex
        case .priceAscending, .priceDescending: return .priceIndexes
        }
    }

    func cursor(after hit: Hit?, count: Int) -> CatalogCursor? {
        guard let hit else { return nil }
        switch request.sort {
        case .relevance:
            let offset: Int
            if case .offset(let start) = request.cursor { offset = start + count } else { offset = count }
            return offset < CatalogSearchRequest.maxRelevanceOffset ? .offset(offset) : nil
        case .newest:
            return .newest(doc: hit.doc)
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
            sql.append("d.category_key IN (SELECT key FROM listing_category_keys WHERE category_id IN (SELECT value FROM json_each(?)))")
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
    /// REAL. It only orders listings and is never shown or charged (prices shown are converted exactly);
    /// listings without a rate are left out (`d.currency IN (...)`).
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

    enum Source {
        /// FTS5 matches; `window`: only rowids from there on.
        case fts(String, window: Int64?)
        /// `listing_index` in doc order, or through the named index.
        case table(index: String?)
    }

    /// Matches or listed rows, filtered, sorted by the request's key, from the cursor, `limit + 1` of them.
    private func sortedQuery(_ db: Connection, source: Source, ranking: Ranking = Ranking(termCounts: [])) throws -> [Hit] {
        var (conditions, arguments) = filters(category: true)
        let from: String
        var docColumn = "d.doc"
        switch source {
        case .fts(let match, let window):
            from = "listing_search f JOIN listing_index d ON d.doc = f.rowid"
            docColumn = "f.rowid"
            var leading = ["listing_search MATCH ?"]
            var values: [SQLValue] = [.text(match)]
            if let window {
                leading.append("f.rowid >= ?")
                values.append(.integer(window))
            }
            conditions.insert(contentsOf: leading, at: 0)
            arguments.insert(contentsOf: values, at: 0)
        case .table(let index):
            from = "listing_index d" + (index.map { " INDEXED BY \($0)" } ?? "")
        }
        let key: (sql: String, arguments: [SQLValue])
        let order: String
        var orderArguments: [SQLValue] = []
        var offset = 0
        switch request.sort {
        case .relevance:
            key = ("NULL", [])
            let score = ranking.expression(scoring: nil)
            order = "\(score.sql), f.rowid DESC"
            orderArguments = score.arguments
            if case .offset(let start) = request.cursor { offset = start }
        case .newest:
            key = ("NULL", [])
            order = "\(docColumn) DESC"
            if case .newest(let doc) = request.cursor {
                conditions.append("\(docColumn) < ?")
                arguments.append(.integer(doc))
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
                let comparison = ascending ? ">" : "<"
                conditions.append("(\(key.sql) \(comparison) ? OR (\(key.sql) = ? AND d.doc \(comparison) ?))")
                arguments += key.arguments + [.real(value)] + key.arguments + [.real(value), .integer(doc)]
            }
        }
        let sql = """
            SELECT \(docColumn), \(key.sql) AS sort_key FROM \(from)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(order) LIMIT ? OFFSET ?
            """
        let all = key.arguments + arguments + orderArguments + [.integer(Int64(request.limit + 1)), .integer(Int64(offset))]
        return try Self.hits(db, sql, all)
    }

    /// Price order without words: per listing currency, the price index from the cursor on, then a
    /// merge by the converted key. A page reads at most `limit + 1` rows per currency.
    ///
    /// Within one currency the index orders by (price, doc) while the page orders by (key, doc); the two
    /// agree unless two different prices round to the same REAL key, which needs prices apart by less
    /// than one part in 10^15.
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
                SELECT d.doc, d.price_micros * ? AS sort_key FROM listing_index d INDEXED BY listing_index_price
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
            guard let doc = row.int64(0) else { return }
            hits.append(Hit(doc: doc, key: row[1]))
        }
        return hits
    }

    // MARK: - Facets

    private func facets(_ db: Connection) throws -> Facets {
        var counts: [Int64: Int64] = [:]
        var complete = true
        if request.facetsFromCounts {
            let column = request.inStock ? "in_stock" : "listed"
            try db.forEach("SELECT category_key, \(column) FROM listing_category_counts WHERE \(column) > 0") { row in
                if let key = row.int64(0), let n = row.int64(1) { counts[key, default: 0] += n }
            }
            // The counts hold public listings; add the restricted ones this buyer may see.
            if let viewerBuyerID {
                try db.forEach(
                    """
                    SELECT d.category_key, count(*) FROM listing_visibility v JOIN listing_index d ON d.doc = v.doc
                    WHERE v.buyer_id = ? AND d.listed = 1 AND d.restricted = 1\(request.inStock ? " AND d.in_stock = 1" : "")
                    GROUP BY d.category_key
                    """, [.text(viewerBuyerID)]
                ) { row in
                    if let key = row.int64(0), let n = row.int64(1) { counts[key, default: 0] += n }
                }
            }
        } else {
            var (conditions, arguments) = filters(category: false)
            var from = "listing_index d"
            if let match = request.match {
                from = "listing_search f JOIN listing_index d ON d.doc = f.rowid"
                var leading = ["listing_search MATCH ?"]
                var values: [SQLValue] = [.text(match)]
                if let window = try Self.windowStart(db, match: match, size: Self.facetWindow) {
                    leading.append("f.rowid >= ?")
                    values.append(.integer(window))
                    complete = false
                }
                conditions.insert(contentsOf: leading, at: 0)
                arguments.insert(contentsOf: values, at: 0)
            }
            try db.forEach(
                "SELECT d.category_key, count(*) FROM \(from) WHERE \(conditions.joined(separator: " AND ")) GROUP BY d.category_key",
                arguments
            ) { row in
                if let key = row.int64(0), let n = row.int64(1) { counts[key, default: 0] += n }
            }
        }
        return Facets(categories: try facetCategories(db, counts: counts), complete: complete)
    }

    /// Facets from counts per category key: the category ids, largest count first.
    func facetCategories(_ db: Connection, counts: [Int64: Int64]) throws -> [(categoryID: String, count: Int64)] {
        var counts = counts
        counts[0] = nil  // listings without a category have no facet
        var categories: [(categoryID: String, count: Int64)] = []
        if !counts.isEmpty {
            try db.forEach(
                "SELECT key, category_id FROM listing_category_keys WHERE key IN (SELECT value FROM json_each(?))",
                [.text(JSONSerializer.string(.array(counts.keys.map { .int($0) })))]
            ) { row in
                if let key = row.int64(0), let id = row.string(1), let n = counts[key], n > 0 { categories.append((id, n)) }
            }
        }
        categories.sort { $0.count != $1.count ? $0.count > $1.count : $0.categoryID < $1.categoryID }
        return categories
    }

    static func jsonArray(_ values: [String]) -> String {
        JSONSerializer.string(.array(values.map(JSON.string)))
    }
}
