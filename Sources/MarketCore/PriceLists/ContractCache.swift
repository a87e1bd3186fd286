/// A page's contract entries for one buyer (`BuyerPricing.contracts(_:database:...)`), kept while nothing
/// that decides them can have changed: the database, the buyer, the page's listings, the
/// `price_list_generation` (bumped by triggers on every price-list write, in the writing transaction, and
/// read in the same snapshot as the entries) and the time — an answer holds from when it was computed
/// until the next `valid_from` or `valid_to` of the buyer's entries for those listings. So a cached answer
/// is never stale, the same argument as `CatalogSearchCache`'s, which keeps the hits these prices go with.
///
/// Why: search answers a popular page from its cache in a fraction of a millisecond; reading a buyer's
/// entries for the page (an index range per listing and a membership probe per entry, about 0.1 ms for
/// twenty hits of a buyer on 1,000 lists) would otherwise be most of a signed-in buyer's search.
enum ContractCache {
    static let shared = GenerationCache<Answer>(capacity: 4096)

    struct Answer: Sendable {
        let entries: [String: [ContractEntry]]
        /// `Timestamp.format` text: valid from `computedAt` until before `validUntil` (nil: no end).
        let computedAt: String
        let validUntil: String?

        /// The entries if they hold at `now` (`Timestamp.format` text).
        func entries(at now: String) -> [String: [ContractEntry]]? {
            guard computedAt <= now else { return nil }
            if let end = validUntil, now >= end { return nil }
            return entries
        }
    }
}
