/// A connection parked in a pool, so a `Sendable` pool can hold a non-Sendable `Connection`.
///
/// This is the module's only `@unchecked Sendable` (SWIFT-LINUX.md trap 5). It is sound because a pool
/// hands each connection to one thread at a time and takes it back before anyone else gets it: a
/// connection is never used by two threads at once, which is all SQLite's multi-thread mode asks.
struct PooledConnection: @unchecked Sendable {
    let connection: Connection
}
