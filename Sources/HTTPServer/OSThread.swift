import Glibc

/// Starts a detached pthread running a closure: event loops and workers need real threads (a blocking
/// `epoll_wait` must never occupy a Swift concurrency thread), without pulling in Foundation's `Thread`.
enum OSThread {
    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func start(stackSize: Int = 1 << 20, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            box.body()
            return nil
        }, box)
        pthread_attr_destroy(&attributes)
        if rc != 0 {
            // Without the thread the server cannot run at all; this is a resource failure at start, not input.
            Unmanaged<Box>.fromOpaque(box).release()
            fatalError("pthread_create failed: \(rc)")
        }
    }

    /// Processors this process may run on (the default number of event loops).
    static var processorCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
