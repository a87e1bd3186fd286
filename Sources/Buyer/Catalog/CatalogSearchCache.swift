import Synchronization

/// Search results (the page's docs, the next cursor, the facets) of recent searches, keyed by everything
/// that decides them — the database, its `listing_generation`, the parameters, the viewer, the category
/// subtree and the FX rates in force — so a cached result is never stale: any listing write, stock
/// crossing zero, supplier status or rating change bumps the generation (triggers, in the writing
/// transaction), and the next search reads the new generation in the same snapshot it would query.
/// Elasticsearch's shard request cache works the same way (invalidated on refresh).
///
/// Why: a broad query at a million listings costs 10–40 ms of CPU (bm25 and facets are linear in the
/// matches), and on two cores 32 concurrent searches queue behind each other; the popular queries
/// that make most of the traffic are answered from here in well under a millisecond. Hits' details
/// (titles, prices, stock, seller names) are always read fresh.
///
/// `Cache-Control: no-cache` on the request skips the lookup (the result is still stored).
final class CatalogSearchCache: Sendable {
    static let shared = CatalogSearchCache(capacity: 4096)

    struct Entry: Sendable {
        let hits: [CatalogSearch.Hit]
        let next: CatalogCursor?
        let facets: CatalogSearch.Facets
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Insertion order, for evicting the oldest.
        var order: [String] = []
        var generation: [String: Int64] = [:]
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = capacity }

    func entry(_ key: String) -> Entry? {
        state.withLock { $0.entries[key] }
    }

    /// Stores `entry` under `key` (which starts with `database` and U+0001); entries of older generations
    /// of the same database are dropped first (they can never be asked for again), then the oldest when
    /// over capacity.
    func store(_ entry: Entry, key: String, database: String, generation: Int64) {
        state.withLock { state in
            if let known = state.generation[database], known < generation {
                let prefix = database + "\u{1}"
                for old in state.order where old.hasPrefix(prefix) { state.entries[old] = nil }
                state.order.removeAll { $0.hasPrefix(prefix) }
            }
            state.generation[database] = max(state.generation[database] ?? generation, generation)
            if state.entries.updateValue(entry, forKey: key) == nil { state.order.append(key) }
            if state.order.count > capacity {
                let excess = state.order.count - capacity
                for old in state.order.prefix(excess) { state.entries[old] = nil }
                state.order.removeFirst(excess)
            }
        }
    }
}
