import MarketCore
import Store

/// Relevance: bm25 over the title (weight 4: a title hit is worth four description hits) and the
/// description, computed by `bm25_with_counts` (Store/Connection+FTS5Ranking.swift) with each term's
/// document count from `PhraseDocumentCounts` instead of counting it again in every search. Ties go to
/// the newest listing, on both plans, so a page is the same whichever answers it.
extension CatalogSearch {
    struct Ranking {
        static let titleWeight = "4.0"
        static let bodyWeight = "1.0"

        /// Per term of the request, in order; empty: the function counts them itself, as bm25 does.
        let termCounts: [Int64]

        /// The score (lower is better), for rows of `listing_search` matched in the same statement;
        /// `scoring`: score only that many rows of the statement, NULL for the rest (nil: all).
        func expression(scoring rows: Int?) -> (sql: String, arguments: [SQLValue]) {
            let counts = termCounts.map { _ in ", ?" }.joined()
            return (
                "bm25_with_counts(listing_search, ?, \(Self.titleWeight), \(Self.bodyWeight)\(counts))",
                [.integer(Int64(rows ?? -1))] + termCounts.map { .integer($0) }
            )
        }
    }

    /// The `limit` most recent matches, newest first, and the scores of the first `scored` of them, in
    /// one evaluation of the query (FTS5 returns rowid order without sorting, so the scored rows are
    /// exactly the most recent ones).
    static func scoredMatchingDocs(
        _ db: Connection, match: String, limit: Int, scored: Int, ranking: Ranking
    ) throws -> (docs: [Int64], scores: [Double]) {
        let score = ranking.expression(scoring: scored)
        var docs: [Int64] = [], scores: [Double] = []
        docs.reserveCapacity(min(limit, 1024))
        scores.reserveCapacity(min(scored, 1024))
        try db.forEach(
            "SELECT rowid, \(score.sql) FROM listing_search WHERE listing_search MATCH ? ORDER BY rowid DESC LIMIT ?",
            score.arguments + [.text(match), .integer(Int64(limit))]
        ) { row in
            guard let doc = row.int64(0) else { return }
            docs.append(doc)
            if let value = row.double(1) { scores.append(value) }
        }
        return (docs, scores)
    }

    /// Relevance order within the scored window, filtered, from the offset, `limit + 1` of them: the
    /// SQL plan's `ORDER BY score, rowid DESC` after its filters.
    func rankedHits(docs: [Int64], scores: [Double], filter: ProjectedFilter) -> [Hit] {
        var offset = 0
        if case .offset(let start) = request.cursor { offset = start }
        var ranked = scores.indices.filter { filter.passes(docs[$0], category: true) }
        ranked.sort { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : docs[$0] > docs[$1] }
        return ranked.dropFirst(offset).prefix(request.limit + 1).map { Hit(doc: docs[$0], key: .null) }
    }
}
