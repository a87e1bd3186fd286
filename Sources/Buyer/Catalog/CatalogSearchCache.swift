import MarketCore

/// Search results (the page's docs, the next cursor, the facets, where the hits' rows are and their
/// suppliers) of recent searches, keyed by everything that decides them — the database, its
/// `listing_generation`, the parameters, the viewer, the category subtree and the FX rates in force — so
/// a cached result is never stale: any listing write, stock crossing zero, supplier status, rating or
/// name change bumps the generation (triggers, in the writing transaction), and the next search reads
/// the new generation in the same snapshot it would query. Elasticsearch's shard request cache works the
/// same way (invalidated on refresh).
///
/// Why: a broad query at a million listings costs 10–40 ms of CPU (bm25 and facets are linear in the
/// matches), and on two cores 32 concurrent searches queue behind each other; the popular queries
/// that make most of the traffic are answered from here in well under a millisecond. The hits' listing
/// rows (titles, prices, stock) are always read fresh: stock changes without a new generation.
///
/// `Cache-Control: no-cache` on the request skips the lookup (the result is still stored).
enum CatalogSearchCache {
    static let shared = GenerationCache<CatalogSearch.Result>(capacity: 4096)
}
