import MarketCore
import Store
import Synchronization

/// How many indexed listings contain each search term: the document frequencies bm25 weighs terms by,
/// counted once and kept, so ranking does not walk every term's whole doclist on every search
/// (`bm25_with_counts`, Store/Connection+FTS5Ranking.swift). At a million listings that walk is ~15 ms for
/// a Korean bigram phrase such as `스테인리스` and 2–4 ms for an English prefix, most of a search's time.
///
/// A count is exact for the `listing_generation` it was read at. Once the catalog has changed, a count
/// under `recountBelow` is taken again (its doclist is short, so that is cheap, and a few listings
/// matter to a rare term's weight); a larger one is kept for up to `maxAge`: a term found in thousands of
/// listings changes its weight by a fraction of a percent while a few listings are written. Search
/// engines make the same trade (Lucene's term statistics are per segment and only change as segments
/// merge). Which listings match never depends on these counts, only the order of the ranked ones.
final class PhraseDocumentCounts: Sendable {
    static let shared = PhraseDocumentCounts()

    static let recountBelow: Int64 = 2_000
    static let maxAge: Duration = .seconds(300)
    static let capacity = 20_000

    private struct Entry {
        let count: Int64
        let generation: Int64
        let countedAt: ContinuousClock.Instant
    }

    private let entries = Mutex([String: Entry]())

    /// One count per term, in order, as of `generation` of `database` (see above), read on `db`.
    func counts(_ db: Connection, database: String, generation: Int64, terms: [String]) throws -> [Int64] {
        let now = ContinuousClock.now
        var counts: [Int64?] = entries.withLock { entries in
            terms.map { term in
                guard let entry = entries[database + "\u{1}" + term] else { return nil }
                if entry.generation == generation { return entry.count }
                if entry.count >= Self.recountBelow && now - entry.countedAt < Self.maxAge { return entry.count }
                return nil
            }
        }
        var counted: [(key: String, entry: Entry)] = []
        for (index, term) in terms.enumerated() where counts[index] == nil {
            let count = try db.scalar("SELECT count(*) FROM listing_search WHERE listing_search MATCH ?", [.text(term)]).int64Value ?? 0
            counts[index] = count
            counted.append((database + "\u{1}" + term, Entry(count: count, generation: generation, countedAt: now)))
        }
        if !counted.isEmpty {
            entries.withLock { entries in
                // Bounded the simple way: terms seen again are counted again.
                if entries.count + counted.count > Self.capacity { entries.removeAll(keepingCapacity: true) }
                for (key, entry) in counted { entries[key] = entry }
            }
        }
        return counts.map { $0 ?? 0 }
    }
}
