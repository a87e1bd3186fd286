import Synchronization

/// Counters one event loop increments and anyone may read. One object per loop, so two loops never
/// bounce a cache line between cores on every request.
final class LoopCounters: Sendable {
    let accepted = Atomic<Int>(0)
    let requests = Atomic<Int>(0)
    let open = Atomic<Int>(0)
}
