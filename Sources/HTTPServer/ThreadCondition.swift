import Glibc

/// A pthread mutex with one condition variable. The module avoids Foundation (whose Linux build maps
/// ~15 MiB of libraries into every process), and `Synchronization.Mutex` has no way to wait.
final class ThreadCondition: @unchecked Sendable {
    // Both are heap-allocated once and never move, as pthread objects require; they are only used through
    // the pthread API, which is what makes this type safe to share.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Must hold the lock; releases it while waiting.
    func wait() { pthread_cond_wait(condition, mutex) }
    func signal() { pthread_cond_signal(condition) }
    func broadcast() { pthread_cond_broadcast(condition) }
}
