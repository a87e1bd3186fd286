import Synchronization

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
final class ContractCache: Sendable {
    static let shared = ContractCache(capacity: 4096)

    struct Answer: Sendable {
        let entries: [String: [ContractEntry]]
        /// `Timestamp.format` text: valid from `computedAt` until before `validUntil` (nil: no end).
        let computedAt: String
        let validUntil: String?
    }

    private struct State {
        var answers: [String: Answer] = [:]
        var order: [String] = []
        var generation: [String: Int64] = [:]
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = capacity }

    /// The answer for `key` if it holds at `now` (`Timestamp.format` text).
    func answer(_ key: String, now: String) -> [String: [ContractEntry]]? {
        state.withLock { state in
            guard let answer = state.answers[key], answer.computedAt <= now else { return nil }
            if let end = answer.validUntil, now >= end { return nil }
            return answer.entries
        }
    }

    /// Stores `answer` under `key` (which starts with `database`, U+0001 and the generation); answers of
    /// older generations of the same database are dropped first, then the oldest when over capacity.
    func store(_ answer: Answer, key: String, database: String, generation: Int64) {
        state.withLock { state in
            if let known = state.generation[database], known < generation {
                let prefix = database + "\u{1}"
                for old in state.order where old.hasPrefix(prefix) { state.answers[old] = nil }
                state.order.removeAll { $0.hasPrefix(prefix) }
            }
            state.generation[database] = max(state.generation[database] ?? generation, generation)
            if state.answers.updateValue(answer, forKey: key) == nil { state.order.append(key) }
            if state.order.count > capacity {
                let excess = state.order.count - capacity
                for old in state.order.prefix(excess) { state.answers[old] = nil }
                state.order.removeFirst(excess)
            }
        }
    }
}
