import Dispatch
import Synchronization

/// Wakes sleeping delivery workers when new deliveries are queued, so an event goes out at once rather
/// than at the next poll. Coalescing: many publishes between two waits cost one wake-up.
final class DeliverySignal: Sendable {
    static let shared = DeliverySignal()

    private let pending = Mutex(false)
    private let semaphore = DispatchSemaphore(value: 0)

    func signal() {
        let wasPending = pending.withLock { flag -> Bool in
            defer { flag = true }
            return flag
        }
        if !wasPending { semaphore.signal() }
    }

    /// Wakes one waiting worker regardless of coalescing (used to stop them).
    func wake() { semaphore.signal() }

    /// Returns after a signal or the timeout, whichever comes first.
    func wait(seconds: Double) {
        _ = semaphore.wait(timeout: .now() + seconds)
        pending.withLock { $0 = false }
    }
}
