/// A fixed set of threads that run blocking handlers (SQLite, password hashing) and streaming producers,
/// so the event loops never block. Bounded in threads; the queue is bounded in practice because each
/// connection has at most one job at a time.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    // Guarded by `condition`; @unchecked Sendable is confined to these fields.
    private let condition = ThreadCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var stopped = false

    init(threads count: Int) {
        for _ in 0..<max(1, count) {
            OSThread.start { [self] in self.work() }
        }
    }

    func submit(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets queued jobs finish, then ends the threads. Does not wait.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count && !stopped { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: jobs.count < 1024)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}
