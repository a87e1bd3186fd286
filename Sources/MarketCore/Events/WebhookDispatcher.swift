import Dispatch
import Foundation
import Synchronization

/// Delivers outbox events to subscribers from inside the server process.
///
/// `start()` runs `WebhookSettings.workerThreads` threads; each claims a batch of due deliveries
/// (`DeliveryQueue.claim`), POSTs them one after another (`DeliveryClient`) and records the results in
/// one transaction, then looks again at once, or sleeps until `Outbox.publish` signals new work or a
/// second passes (retries come due with time). Everything lives in SQLite, so deliveries resume after a
/// restart; an attempt cut short by a crash is sent again (at-least-once, receivers dedupe by event id).
/// Delivery order is not guaranteed: receivers order by the event's `created_at` if they need to.
///
/// Tests call `runOnce()` instead of starting threads, moving the injected clock between calls.
public final class WebhookDispatcher: Sendable {
    let services: MarketServices
    private let queue: DeliveryQueue
    private let client: DeliveryClient
    private let state = Mutex(State())
    private let finished = DispatchGroup()

    private struct State {
        var running = false
        var lastPurge: ContinuousClock.Instant?
    }

    public init(services: MarketServices) {
        self.services = services
        self.queue = DeliveryQueue(services: services)
        self.client = DeliveryClient(settings: services.settings.webhooks)
    }

    /// Starts the delivery threads; returns at once. A second call does nothing.
    public func start() {
        let started = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            return true
        }
        guard started else { return }
        let count = max(1, services.settings.webhooks.workerThreads)
        for index in 0..<count {
            finished.enter()
            let thread = Thread { [self] in
                work(index: index)
                finished.leave()
            }
            thread.name = "webhooks-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Stops after the attempts in progress; waits for them at most the delivery timeout plus a margin.
    public func stop() {
        let wasRunning = state.withLock { state -> Bool in
            defer { state.running = false }
            return state.running
        }
        guard wasRunning else { return }
        let count = max(1, services.settings.webhooks.workerThreads)
        for _ in 0..<count { DeliverySignal.shared.wake() }
        _ = finished.wait(timeout: .now() + services.settings.webhooks.timeoutSeconds + 2)
    }

    private var isRunning: Bool { state.withLock { $0.running } }

    /// Delivers everything due now on the calling thread and returns the number of attempts made. A
    /// failing endpoint gets at most one attempt per call (its other deliveries wait for the probe).
    public func runOnce() throws -> Int {
        var attempts = 0
        while true {
            let (made, touched) = try processBatch()
            attempts += made
            if touched == 0 { return attempts }
        }
    }

    /// Deletes finished deliveries, their attempts and events older than the retention period.
    @discardableResult
    public func purgeExpired() throws -> Int {
        let days = Double(max(1, services.settings.webhooks.retentionDays))
        return try queue.purge(before: services.now().addingTimeInterval(-days * 86_400))
    }

    // MARK: - Work

    private func work(index: Int) {
        while isRunning {
            do {
                let (_, touched) = try processBatch(stopEarly: true)
                if touched > 0 {
                    // Possibly more due than one batch: let a sleeping sibling share the work.
                    if touched >= services.settings.webhooks.batchSize { DeliverySignal.shared.signal() }
                    continue
                }
                if index == 0 { try purgeIfDue() }
            } catch {
                FileHandle.standardError.write(Data("webhooks: \(error)\n".utf8))
            }
            guard isRunning else { break }
            DeliverySignal.shared.wait(seconds: 1)
        }
    }

    private func purgeIfDue() throws {
        let now = ContinuousClock.now
        let due = state.withLock { state -> Bool in
            if let last = state.lastPurge, now - last < .seconds(3600) { return false }
            state.lastPurge = now
            return true
        }
        if due { try purgeExpired() }
    }

    /// Claims one batch, delivers it, records it. Returns (attempts made, due rows looked at).
    /// With `stopEarly`, jobs not yet attempted when `stop()` is called are handed back unattempted, so
    /// stopping waits for one attempt at most.
    private func processBatch(stopEarly: Bool = false) throws -> (Int, Int) {
        let claim = try queue.claim(limit: max(1, services.settings.webhooks.batchSize))
        guard !claim.jobs.isEmpty else { return (0, claim.touched) }
        var results: [DeliveryResult] = []
        results.reserveCapacity(claim.jobs.count)
        var unattempted: [DeliveryJob] = []
        var failing = Set<String>()
        for job in claim.jobs {
            // Once an endpoint fails, its other jobs in this batch go back unattempted: the next claim
            // sees the subscription paused and holds them (one probe at a time from then on).
            if (stopEarly && !isRunning) || failing.contains(job.subscriptionID) {
                unattempted.append(job)
                continue
            }
            let result = deliver(job)
            if !result.outcome.isSuccess { failing.insert(job.subscriptionID) }
            results.append(result)
        }
        try queue.record(results, release: unattempted)
        return (results.count, claim.touched)
    }

    private func deliver(_ job: DeliveryJob) -> DeliveryResult {
        let settings = services.settings.webhooks
        let startedAt = services.nowText()
        let outcome: DeliveryOutcome
        switch WebhookURL.parse(job.url, allowPrivate: settings.allowPrivateAddresses) {
        case .failure(let problem):
            outcome = DeliveryOutcome(statusCode: nil, error: "url refused: \(problem.message)", responseExcerpt: nil, durationMilliseconds: 0)
        case .success(let url):
            let timestamp = Int64(services.now().timeIntervalSince1970.rounded(.down))
            let headers: [(String, String)] = [
                ("Content-Type", "application/json"),
                ("User-Agent", settings.userAgent),
                ("Marketplace-Event-Id", job.eventID),
                ("Marketplace-Event-Type", job.eventType),
                ("Marketplace-Delivery-Id", job.deliveryID),
                ("Marketplace-Delivery-Attempt", String(job.attempt)),
                (WebhookSignature.headerName, WebhookSignature.header(secret: job.secret, timestamp: timestamp, body: job.payload)),
            ]
            outcome = client.post(url, headers: headers, body: job.payload)
        }
        return DeliveryResult(job: job, outcome: outcome, startedAt: startedAt)
    }
}
