import Dispatch
import Foundation
import Store
import Synchronization
import Web

/// Places recurring orders when they come due, from inside the server process, on the injected clock.
///
/// `runDue()` places every run due now and returns how many it recorded; tests call it after moving
/// `ManualClock`. `start()` runs one background thread that calls it every `pollSeconds`; `stop()` ends it.
///
/// Each run is ONE write transaction (see PurchasingSchema): re-read the schedule (still active and due),
/// claim the run by inserting its `recurring_order_runs` row (UNIQUE (recurring_order_id,
/// scheduled_for)), place the checkout in a savepoint, record the outcome, move `next_run`. So a run is
/// placed at most once — by this process or another on the same file, before or after a restart — and
/// never lost: a crash before COMMIT leaves the run due. A checkout that fails for a business reason
/// (an `APIError`: stock, credit, a listing gone, the organization suspended) is recorded as a failed
/// run and the schedule moves on; it is not retried, since the buyer sees it and may order by hand.
/// Anything else (a busy database, a bug) rolls the run back, to be tried again on the next pass.
public final class RecurringOrderScheduler: Sendable {
    let services: MarketServices
    let checkout: Checkout
    /// How often the background thread looks for due runs.
    public let pollSeconds: Double
    private let state = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchGroup()

    public static let batchSize = 100

    public init(services: MarketServices, pollSeconds: Double = 15) {
        self.services = services
        self.checkout = Checkout(services: services)
        self.pollSeconds = pollSeconds
    }

    // MARK: - Background thread

    /// Starts the polling thread; returns at once. A second call does nothing.
    public func start() {
        let started = state.withLock { running -> Bool in
            guard !running else { return false }
            running = true
            return true
        }
        guard started else { return }
        finished.enter()
        let thread = Thread { [self] in
            while state.withLock({ $0 }) {
                do {
                    _ = try runDue()
                } catch {
                    FileHandle.standardError.write(Data("recurring orders: \(error)\n".utf8))
                }
                _ = wake.wait(timeout: .now() + pollSeconds)
            }
            finished.leave()
        }
        thread.name = "recurring-orders"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops the thread after the run in progress, if any.
    public func stop() {
        let wasRunning = state.withLock { running -> Bool in
            defer { running = false }
            return running
        }
        guard wasRunning else { return }
        wake.signal()
        _ = finished.wait(timeout: .now() + 30)
    }

    // MARK: - Running

    /// Places every run due at `services.now()` and returns the number of runs recorded (placed or
    /// failed). Runs already recorded are never placed again.
    @discardableResult
    public func runDue() throws -> Int {
        var recorded = 0
        var passes = 0
        while passes < 10_000 {
            passes += 1
            let now = services.nowText()
            let due = try services.database.read { db in
                try db.query(
                    "SELECT id FROM recurring_orders WHERE status = 'active' AND next_run <= ? ORDER BY next_run, id LIMIT ?",
                    [.text(now), .integer(Int64(Self.batchSize))]
                ).compactMap { $0.string("id") }
            }
            for id in due where try run(id) { recorded += 1 }
            if due.count < Self.batchSize { break }
        }
        return recorded
    }

    /// Runs one schedule if it is still due; true when a run was recorded.
    @discardableResult
    func run(_ id: String) throws -> Bool {
        try services.database.write { db -> Bool in
            let instant = services.now()
            let now = Timestamp.format(instant)
            guard let schedule = try RecurringOrder.due(db, id: id, now: now) else { return false }
            let next = schedule.nextRun(after: instant)
            let runID = ID.make("run", at: instant)
            try db.execute(
                """
                INSERT INTO recurring_order_runs (id, recurring_order_id, scheduled_for, status, ran_at) VALUES (?, ?, ?, 'placed', ?)
                ON CONFLICT (recurring_order_id, scheduled_for) DO NOTHING
                """, [.text(runID), .text(schedule.id), .text(schedule.nextRun), .text(now)])
            guard db.changes > 0 else {
                // Already run (it cannot be, as next_run moves in the same transaction; but if it were,
                // placing it again is the one thing that must not happen).
                try RecurringOrder.advance(db, id: schedule.id, to: next, now: now)
                return false
            }
            do {
                let result = try checkout.place(schedule.checkout(), in: db)
                try db.execute(
                    "UPDATE recurring_order_runs SET checkout_id = ?, order_ids = ? WHERE id = ?",
                    [.text(result.checkoutID), .text(JSONSerializer.string(.array(result.orders.map { .string($0.id) }))), .text(runID)])
            } catch let error as APIError {
                try db.execute(
                    "UPDATE recurring_order_runs SET status = 'failed', error = ? WHERE id = ?",
                    [.text(JSONSerializer.string(error.problemJSON(language: .en))), .text(runID)])
            }
            try RecurringOrder.advance(db, id: schedule.id, to: next, now: now)
            return true
        }
    }
}
