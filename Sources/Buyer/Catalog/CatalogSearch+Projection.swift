import MarketCore
import Store
import Web

/// Searches with words on the in-memory `listing_index` (`ListingProjection`): FTS5 evaluates the
/// MATCH and hands over rowids (newest first, the most recent with their bm25 scores), and filters, sort keys, keyset
/// cursors and facet counts are computed here — the same tests, on the same values, in the same order
/// as the SQL of `sortedQuery` and `facets`, which still answer when no in-memory copy fits the
/// snapshot. A query is evaluated by FTS5 once or twice per search instead of four times (a prefix
/// query such as `hex* bolt* m8*` costs ~5 ms an evaluation at a million listings).
extension CatalogSearch {
    /// The request's filters as tests on the columns.
    struct ProjectedFilter {
        let columns: ListingProjection.Columns
        /// Restricted docs the viewer may see.
        let visible: Set<Int64>
        let categoryKeys: Set<Int64>?
        let inStock: Bool
        let minRating: Int64?
        /// (currency index, lowest, highest price in micros) per currency with a rate, when filtering
        /// by price; an empty list filters everything out, like the SQL `0`.
        let priceRanges: [(currency: UInt8, low: Int64?, high: Int64?)]?

        /// `filters(category:)` on one doc (the join to `listing_index` included: no row, no hit).
        func passes(_ doc: Int64, category: Bool) -> Bool {
            guard columns.has(doc) else { return false }
            let index = Int(doc)
            let flags = columns.flags[index]
            guard flags & ListingProjection.Columns.listed != 0 else { return false }
            if flags & ListingProjection.Columns.restricted != 0 && !visible.contains(doc) { return false }
            if category, let categoryKeys, !categoryKeys.contains(columns.categoryKey[index]) { return false }
            if inStock && flags & ListingProjection.Columns.inStock == 0 { return false }
            if let minRating, columns.rating[index] < minRating { return false }
            if let priceRanges {
                let currency = columns.currency[index], price = columns.priceMicros[index]
                guard
                    priceRanges.contains(where: { range in
                        range.currency == currency && (range.low.map { price >= $0 } ?? true) && (range.high.map { price <= $0 } ?? true)
                    })
                else { return false }
            }
            return true
        }
    }

    func projectedFilter(_ db: Connection, columns: ListingProjection.Columns) throws -> ProjectedFilter {
        var visible = Set<Int64>()
        if let viewerBuyerID {
            try db.forEach("SELECT doc FROM listing_visibility WHERE buyer_id = ?", [.text(viewerBuyerID)]) { row in
                if let doc = row.int64(0) { visible.insert(doc) }
            }
        }
        var categoryKeys: Set<Int64>?
        if let categories {
            var keys = Set<Int64>()
            try db.forEach(
                "SELECT key FROM listing_category_keys WHERE category_id IN (SELECT value FROM json_each(?))",
                [.text(Self.jsonArray(categories))]
            ) { row in
                if let key = row.int64(0) { keys.insert(key) }
            }
            categoryKeys = keys
        }
        var priceRanges: [(currency: UInt8, low: Int64?, high: Int64?)]?
        if request.minPrice != nil || request.maxPrice != nil {
            var ranges: [(currency: UInt8, low: Int64?, high: Int64?)] = []
            for (currency, quote) in priceQuotes {
                guard let index = columns.currencies.firstIndex(of: currency.code) else { continue }
                ranges.append(
                    (UInt8(index), request.minPrice.map { Self.micros($0, dividedBy: quote.rate, rule: .awayFromZero) },
                     request.maxPrice.map { Self.micros($0, dividedBy: quote.rate, rule: .towardZero) }))
            }
            priceRanges = ranges
        }
        return ProjectedFilter(
            columns: columns, visible: visible, categoryKeys: categoryKeys, inStock: request.inStock,
            minRating: request.minRatingMilli, priceRanges: priceRanges)
    }

    // MARK: - Running

    func projectedRun(_ db: Connection, match: String, columns: ListingProjection.Columns, ranking: Ranking) throws -> Result {
        let filter = try projectedFilter(db, columns: columns)
        // The facet window and more: enough for relevance and facets, and usually for newest first; for
        // relevance, the most recent `relevanceWindow` of them scored in the same pass.
        var newest: [Int64]
        var scores: [Double] = []
        if request.sort == .relevance {
            (newest, scores) = try Self.scoredMatchingDocs(
                db, match: match, limit: Self.facetWindow + 1, scored: Self.relevanceWindow, ranking: ranking)
        } else {
            newest = try Self.matchingDocs(db, match: match, below: nil, limit: Self.facetWindow + 1)
        }
        let more = newest.count > Self.facetWindow
        var hits: [Hit] = []
        let wanted = request.limit + 1
        switch request.sort {
        case .relevance:
            hits = rankedHits(docs: newest, scores: scores, filter: filter)
        case .newest:
            var below: Int64?
            if case .newest(let doc) = request.cursor { below = doc }
            hits = Self.newestHits(newest, below: below, wanted: wanted, filter: filter)
            if hits.count < wanted, more, let last = newest.last {
                let rest = try Self.matchingDocs(db, match: match, below: last, limit: nil)
                hits += Self.newestHits(rest, below: below, wanted: wanted - hits.count, filter: filter)
            }
        case .rating, .priceAscending, .priceDescending:
            var all = newest
            if more, let last = newest.last { all += try Self.matchingDocs(db, match: match, below: last, limit: nil) }
            hits = keyedHits(all, filter: filter)
        }
        var page = hits
        var next: CatalogCursor?
        if hits.count > request.limit {
            page = Array(hits.prefix(request.limit))
            next = cursor(after: page.last, count: page.count)
        }
        // Facets: the `facetWindow` most recent matches (all of them when fewer), as `facets` counts.
        var counts: [Int64: Int64] = [:]
        if newest.count > Self.facetWindow { newest.removeLast(newest.count - Self.facetWindow) }
        for doc in newest where filter.passes(doc, category: false) {
            counts[columns.categoryKey[Int(doc)], default: 0] += 1
        }
        let facets = Facets(categories: try facetCategories(db, counts: counts), complete: newest.count < Self.facetWindow)
        return Result(hits: page, next: next, facets: facets)
    }

    /// Facet counts of a browse with filters the category counts cannot answer: every doc.
    func projectedBrowseCounts(_ filter: ProjectedFilter) -> [Int64: Int64] {
        var counts: [Int64: Int64] = [:]
        let columns = filter.columns
        for index in columns.flags.indices where columns.flags[index] & ListingProjection.Columns.listed != 0 {
            if filter.passes(Int64(index), category: false) { counts[columns.categoryKey[index], default: 0] += 1 }
        }
        return counts
    }

    /// A category browse by price or rating: the category's listed docs from the category index alone,
    /// then `keyedHits`, as `sortedQuery` orders them.
    func projectedCategoryHits(_ db: Connection, filter: ProjectedFilter) throws -> [Hit] {
        guard let categories else { return [] }
        let text = try db.scalar(
            """
            SELECT group_concat(doc) FROM listing_index INDEXED BY listing_index_category
            WHERE listed = 1 AND category_key IN (SELECT key FROM listing_category_keys WHERE category_id IN (SELECT value FROM json_each(?)))
            """, [.text(Self.jsonArray(categories))]
        ).stringValue ?? ""
        return keyedHits(Self.docs(fromList: text), filter: filter)
    }

    private static func newestHits(_ docs: [Int64], below: Int64?, wanted: Int, filter: ProjectedFilter) -> [Hit] {
        var hits: [Hit] = []
        guard wanted > 0 else { return hits }
        for doc in docs {
            if let below, doc >= below { continue }
            guard filter.passes(doc, category: true) else { continue }
            hits.append(Hit(doc: doc, key: .null))
            if hits.count == wanted { break }
        }
        return hits
    }

    /// Rating and price orders over every match: the key computed as the SQL computes it (the price key
    /// is `price_micros * rate` in IEEE doubles, as SQLite multiplies an INTEGER by a REAL), the keyset
    /// cursor applied, the first `limit + 1` kept.
    private func keyedHits(_ docs: [Int64], filter: ProjectedFilter) -> [Hit] {
        let columns = filter.columns
        let wanted = request.limit + 1
        var keyed: [(key: Double, doc: Int64)] = []
        switch request.sort {
        case .rating:
            var cursor: (Int64, Int64)?
            if case .rating(let rating, let doc) = request.cursor { cursor = (rating, doc) }
            for doc in docs where filter.passes(doc, category: true) {
                let rating = columns.rating[Int(doc)]
                if let (r, d) = cursor, !(rating < r || (rating == r && doc < d)) { continue }
                keyed.append((Double(rating), doc))
            }
            keyed = Self.first(wanted, of: keyed, ascending: false)
            return keyed.map { Hit(doc: $0.doc, key: .integer(columns.rating[Int($0.doc)])) }
        case .priceAscending, .priceDescending:
            let ascending = request.sort == .priceAscending
            var rates = [Double?](repeating: nil, count: columns.currencies.count)
            for (currency, quote) in priceQuotes {
                if let index = columns.currencies.firstIndex(of: currency.code) { rates[index] = Self.double(quote.rate) }
            }
            var cursor: (Double, Int64)?
            if case .price(let value, let doc) = request.cursor { cursor = (value, doc) }
            for doc in docs where filter.passes(doc, category: true) {
                let index = Int(doc)
                let currency = Int(columns.currency[index])
                guard currency < rates.count, let rate = rates[currency] else { continue }
                let key = Double(columns.priceMicros[index]) * rate
                if let (value, after) = cursor {
                    let beyond = ascending ? (key > value || (key == value && doc > after)) : (key < value || (key == value && doc < after))
                    guard beyond else { continue }
                }
                keyed.append((key, doc))
            }
            return Self.first(wanted, of: keyed, ascending: ascending).map { Hit(doc: $0.doc, key: .real($0.key)) }
        case .relevance, .newest:
            return []
        }
    }

    /// The first `count` of `items` by (key, doc), both ascending or both descending.
    static func first(_ count: Int, of items: [(key: Double, doc: Int64)], ascending: Bool) -> [(key: Double, doc: Int64)] {
        func before(_ a: (key: Double, doc: Int64), _ b: (key: Double, doc: Int64)) -> Bool {
            if a.key != b.key { return ascending ? a.key < b.key : a.key > b.key }
            return ascending ? a.doc < b.doc : a.doc > b.doc
        }
        guard items.count > count else { return items.sorted(by: before) }
        // Keep the best `count` seen so far, sorted; most items are rejected by one comparison.
        var best: [(key: Double, doc: Int64)] = []
        best.reserveCapacity(count + 1)
        for item in items {
            if best.count == count, let last = best.last, !before(item, last) { continue }
            let position = best.firstIndex { before(item, $0) } ?? best.count
            best.insert(item, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// Matching rowids, newest first: below `below` when given, at most `limit` (all when nil). FTS5
    /// hands them over as one text (group_concat), far cheaper than a row each.
    static func matchingDocs(_ db: Connection, match: String, below: Int64?, limit: Int?) throws -> [Int64] {
        var inner = "SELECT rowid FROM listing_search WHERE listing_search MATCH ?"
        var arguments: [SQLValue] = [.text(match)]
        if let below {
            inner += " AND rowid < ?"
            arguments.append(.integer(below))
        }
        inner += " ORDER BY rowid DESC LIMIT ?"
        arguments.append(.integer(Int64(limit ?? -1)))
        let text = try db.scalar("SELECT group_concat(rowid) FROM (\(inner))", arguments).stringValue ?? ""
        return docs(fromList: text)
    }

    /// Docs from a comma-separated list, newest (largest) first.
    static func docs(fromList text: String) -> [Int64] {
        var docs: [Int64] = []
        var value: Int64 = 0
        var digits = false
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                value = value &* 10 &+ Int64(byte - 0x30)
                digits = true
            } else {
                if digits { docs.append(value) }
                value = 0
                digits = false
            }
        }
        if digits { docs.append(value) }
        // group_concat's order is the subquery's in practice but not documented: make sure.
        if zip(docs, docs.dropFirst()).contains(where: { $0 <= $1 }) { docs.sort(by: >) }
        return docs
    }
}
