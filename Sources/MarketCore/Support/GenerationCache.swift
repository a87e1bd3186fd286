import Synchronization

/// Values computed from one database snapshot, kept under a key that starts with the database and U+0001
/// and includes the generation counter the value was read at (a counter bumped by triggers in every
/// writing transaction that could change it). A value is then never stale: a newer snapshot reads a newer
/// generation and so asks for another key. Values of older generations of a database can never be asked
/// for again and are dropped when a newer one is stored; beyond `capacity`, the oldest go first.
///
/// Used by the catalog's search results (`CatalogSearchCache`) and a buyer's contract prices
/// (`ContractCache`).
public final class GenerationCache<Value: Sendable>: Sendable {
    private struct State {
        var values: [String: Value] = [:]
        /// Insertion order, for evicting the oldest.
        var order: [String] = []
        var generation: [String: Int64] = [:]
    }

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int) { self.capacity = capacity }

    public func value(_ key: String) -> Value? {
        state.withLock { $0.values[key] }
    }

    /// Stores `value` under `key`, which must start with `database` and U+0001.
    public func store(_ value: Value, key: String, database: String, generation: Int64) {
        state.withLock { state in
            if let known = state.generation[database], known < generation {
                let prefix = database + "\u{1}"
                for old in state.order where old.hasPrefix(prefix) { state.values[old] = nil }
                state.order.removeAll { $0.hasPrefix(prefix) }
            }
            state.generation[database] = max(state.generation[database] ?? generation, generation)
            if state.values.updateValue(value, forKey: key) == nil { state.order.append(key) }
            if state.order.count > capacity {
                let excess = state.order.count - capacity
                for old in state.order.prefix(excess) { state.values[old] = nil }
                state.order.removeFirst(excess)
            }
        }
    }
}
