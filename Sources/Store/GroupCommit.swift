import Dispatch
import Synchronization

/// Group commit: write transactions that arrive while another one is being written are written together,
/// each in its own savepoint inside one transaction, so a group costs one COMMIT — one WAL sync under
/// `synchronous=FULL`, the slowest step of a small write — instead of one each.
///
/// Each caller keeps the semantics of a transaction of its own:
/// - its work runs in a savepoint, so a throw undoes only its own work and reaches only its caller;
/// - work of the same group runs one after another on the single writer, so later work sees what earlier
///   work wrote (stock taken by one checkout is not there for the next), exactly as if they had queued;
/// - no caller returns before the COMMIT that stores its work: if the COMMIT fails, every caller of the
///   group gets the error and none of the group is stored;
/// - if SQLite itself rolls the whole transaction back in the middle (SQLITE_FULL, an I/O error, or work
///   that swallowed such an error), the work done before in that group is reported failed too, and the
///   rest of the group runs in a new transaction.
///
/// Leader/follower, no extra thread: the first caller to find no group being written becomes the leader,
/// runs the queue (at most `maxGroup` callers), wakes them, and hands the lead to the next waiting caller,
/// so no caller waits for more than the group in progress and its own. With no contention a caller leads
/// at once: a lone write pays one SAVEPOINT/RELEASE pair more than a plain transaction, and no waiting.
///
/// A caller waits at most `waitMilliseconds` for its work to start (like the busy timeout of a lock), then
/// gives up with `StoreError.busy` — unless a leader has taken its work already, which then completes.
final class GroupCommit: Sendable {
    typealias Work = (Connection) throws -> Void

    /// One caller's work and its outcome. `work` is the caller's non-escaping closure, valid only while the
    /// caller waits (`withoutActuallyEscaping`); the leader clears it before waking the caller, so it never
    /// outlives that wait. Fields other than `isTaken`/`isPromoted` (guarded by the queue's mutex) are
    /// written by the leader before `wake` is signalled and read by the caller after its wait returns.
    private final class Job: @unchecked Sendable {
        var work: Work?
        var outcome: Result<Void, any Error>?
        var isTaken = false
        var isPromoted = false
        let wake = DispatchSemaphore(value: 0)
        init(_ work: @escaping Work) { self.work = work }
        var hasNoOutcome: Bool { if case .none = outcome { true } else { false } }
    }

    private struct Queue: Sendable {
        var waiting: [Job] = []
        var isLed = false
    }

    static let maxGroup = 64

    private let writer: ConnectionPool
    private let queue = Mutex(Queue())
    /// Work committed, and the COMMITs that stored it: their ratio is the average group size.
    let committedWrites = Atomic<Int>(0)
    let commits = Atomic<Int>(0)

    /// Callers whose work waits for a group.
    var waitingCount: Int { queue.withLock { $0.waiting.count } }
    private let waitMilliseconds: Int

    init(writer: ConnectionPool, waitMilliseconds: Int32) {
        self.writer = writer
        self.waitMilliseconds = Int(max(waitMilliseconds, 0))
    }

    /// Runs `work` in a savepoint of a write transaction shared with concurrent callers, and returns once
    /// that transaction committed; rethrows `work`'s own error, or the transaction's.
    func perform(_ work: Work) throws {
        try withoutActuallyEscaping(work) { work in
            let job = Job(work)
            var leads = queue.withLock { queue in
                queue.waiting.append(job)
                if queue.isLed { return false }
                queue.isLed = true
                return true
            }
            let deadline = DispatchTime.now() + .milliseconds(waitMilliseconds)
            while true {
                if leads {
                    // A leader's own job is first in the group it writes, so it has its outcome now, and
                    // `writeOneGroup` has already dropped its closure.
                    writeOneGroup()
                    if let outcome = job.outcome { return try outcome.get() }
                }
                // A follower reads its outcome only after its wake-up: the leader sets outcomes while it
                // writes but drops the closures only before waking their callers, and a caller that
                // returned before that would end `withoutActuallyEscaping` while its closure is still held
                // (a runtime trap, seen under load), besides reading the outcome without synchronization.
                if job.wake.wait(timeout: deadline) == .timedOut {
                    let gaveUp: Bool = queue.withLock { queue in
                        // Taken or promoted: the work is running or this caller must lead; either way, stay.
                        guard !job.isTaken, !job.isPromoted else { return false }
                        queue.waiting.removeAll { $0 === job }
                        return true
                    }
                    if gaveUp {
                        job.work = nil
                        throw StoreError.busy("no write slot became free within \(waitMilliseconds) ms")
                    }
                    job.wake.wait()  // the signal that is on its way
                }
                if let outcome = job.outcome { return try outcome.get() }
                leads = true  // woken without an outcome: promoted to leader
            }
        }
    }

    /// Takes up to `maxGroup` waiting jobs, writes them, wakes their callers, then promotes the next
    /// waiting job (if any) to leader or steps down.
    private func writeOneGroup() {
        let group: [Job] = queue.withLock { queue in
            let group = Array(queue.waiting.prefix(Self.maxGroup))
            queue.waiting.removeFirst(group.count)
            for job in group { job.isTaken = true }
            return group
        }
        var pending = group[...]
        while !pending.isEmpty {
            pending = write(pending)
        }
        let next: Job? = queue.withLock { queue in
            guard let first = queue.waiting.first else {
                queue.isLed = false
                return nil
            }
            first.isPromoted = true
            return first
        }
        for job in group {
            job.work = nil
            job.wake.signal()
        }
        next?.wake.signal()
    }

    /// Runs `jobs` in one transaction and sets their outcomes; returns the jobs not run because SQLite
    /// ended the transaction under them (to run in a new one), usually none.
    private func write(_ jobs: ArraySlice<Job>) -> ArraySlice<Job> {
        var leftOver: ArraySlice<Job> = []
        do {
            try writer.withConnection { connection, _ in
                if connection.isInTransaction { connection.rollbackIgnoringErrors() }
                try connection.execute("BEGIN IMMEDIATE TRANSACTION")
                var committed: [Job] = []
                let lost = StoreError(
                    code: ResultCode.abort,
                    message: "the transaction ended before the end of its body (rolled back by SQLite or by the body)")
                // A job alone in its group needs no savepoint: the transaction is its own, and a failure
                // rolls it all back. That spares a large write (a settlement run, an import) the
                // sub-journal in which SQLite keeps the original of every page a savepoint changes.
                let alone = jobs.count == 1
                for (offset, job) in zip(jobs.indices, jobs) {
                    var bodyError: (any Error)?
                    let run = {
                        do { try job.work?(connection) } catch {
                            bodyError = error
                            throw error
                        }
                    }
                    do {
                        if alone { try run() } else { try connection.savepoint { try run() } }
                        job.outcome = .success(())
                        committed.append(job)
                    } catch {
                        // The body's own error first; else the savepoint could not be released because
                        // SQLite ended the transaction under a body that swallowed the error.
                        job.outcome = .failure(bodyError ?? (connection.isInTransaction ? error : lost))
                        if alone {
                            connection.rollbackIgnoringErrors()
                            return
                        }
                    }
                    guard connection.isInTransaction else {
                        // SQLite rolled everything back: the work before this job is gone too.
                        for done in committed { done.outcome = .failure(lost) }
                        leftOver = jobs[(offset + 1)...]
                        return
                    }
                }
                do {
                    try connection.execute("COMMIT TRANSACTION")
                    commits.add(1, ordering: .relaxed)
                    committedWrites.add(committed.count, ordering: .relaxed)
                } catch {
                    // A failed COMMIT (I/O, busy) can leave the transaction open; nothing of it is stored.
                    connection.rollbackIgnoringErrors()
                    for done in committed { done.outcome = .failure(error) }
                }
            }
        } catch {
            // No writer connection or BEGIN failed: nothing of this group ran.
            for job in jobs where job.hasNoOutcome { job.outcome = .failure(error) }
            return []
        }
        return leftOver
    }
}
