import Dispatch
import Store
import Synchronization

/// Group commit for checkouts: checkouts arriving while another one is being written are written
/// together, each in its own savepoint inside one write transaction, so a batch costs one COMMIT — one
/// WAL sync under `synchronous=FULL` — instead of one per checkout.
///
/// Semantics are unchanged for each checkout: its work runs in a savepoint (a failing checkout rolls back
/// alone and gets its own error), later checkouts of a batch see the stock earlier ones took (the batch
/// runs them one after another on the single writer), and no checkout is answered before the commit that
/// stores it: if the COMMIT fails, every checkout of the batch gets the error, none was stored.
///
/// Leader/follower, no extra thread: the first caller to find no batch running becomes the leader, writes
/// the queue (at most `maxBatch` jobs), wakes their callers, and hands leadership to the next waiting
/// caller, so no caller ever waits for more than the batch in progress and its own.
///
/// Callers must not already be inside `Database.write` on their thread (the leader would wait for the
/// writer that thread holds): `Checkout.placeGrouped` is used only by routes that open no transaction of
/// their own.
final class CheckoutBatcher: Sendable {
    typealias Work = @Sendable (Connection) throws -> (String, [PlacedOrder])

    /// One caller's checkout; its fields are written by the leader before `wake` is signalled and read by
    /// the caller after it waits, which orders the accesses.
    private final class Job: @unchecked Sendable {
        let work: Work
        var result: Result<(String, [PlacedOrder]), any Error>?
        let wake = DispatchSemaphore(value: 0)
        init(_ work: @escaping Work) { self.work = work }
    }

    private struct State {
        var queue: [Job] = []
        var leading = false
    }

    static let maxBatch = 32

    private let database: Database
    private let state = Mutex(State())

    init(database: Database) { self.database = database }

    func run(_ work: @escaping Work) throws -> (String, [PlacedOrder]) {
        let job = Job(work)
        var lead = state.withLock { state in
            state.queue.append(job)
            if state.leading { return false }
            state.leading = true
            return true
        }
        while true {
            if lead { writeOneBatch() }
            if let result = job.result { return try result.get() }
            job.wake.wait()
            if let result = job.result { return try result.get() }
            lead = true  // woken without a result: promoted to leader
        }
    }

    /// Writes up to `maxBatch` queued jobs in one transaction, wakes them, then promotes the next waiting
    /// job (if any) to leader or steps down.
    private func writeOneBatch() {
        let batch = state.withLock { state in
            let batch = Array(state.queue.prefix(Self.maxBatch))
            state.queue.removeFirst(batch.count)
            return batch
        }
        do {
            try database.write { db in
                for job in batch {
                    do {
                        job.result = .success(try db.savepoint { try job.work(db) })
                    } catch {
                        job.result = .failure(error)
                    }
                }
            }
        } catch {
            // BEGIN or COMMIT failed: nothing of this batch is stored, whatever each job returned.
            for job in batch { job.result = .failure(error) }
        }
        let next = state.withLock { state -> Job? in
            guard let first = state.queue.first else {
                state.leading = false
                return nil
            }
            return first
        }
        for job in batch { job.wake.signal() }
        next?.wake.signal()
    }
}
