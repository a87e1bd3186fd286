import Foundation

/// Lines a buyer wants placed again on a schedule (API.md, Buyer: recurring-orders). The server places
/// each run through `Checkout` as the user who created the schedule, so approval rules, credit limits,
/// stock and commission apply as to any order (`RecurringOrderScheduler`).
public struct RecurringOrder: Sendable, Equatable {
    public var id: String
    public var buyerID: String
    public var createdBy: String
    public var lines: [PurchaseLine]
    public var options: OrderOptions
    public var every: RecurrenceInterval
    /// Run 0; run k is `every.occurrence(k, from: firstRun)`.
    public var firstRun: Date
    /// The index of `nextRun`.
    public var runsScheduled: Int
    public var nextRun: String
    public var createdAt: String
    public var updatedAt: String

    public static let idPrefix = "rec"

    public init(id: String, buyerID: String, createdBy: String, lines: [PurchaseLine], options: OrderOptions,
                every: RecurrenceInterval, firstRun: Date, runsScheduled: Int, nextRun: String, createdAt: String, updatedAt: String) {
        self.id = id
        self.buyerID = buyerID
        self.createdBy = createdBy
        self.lines = lines
        self.options = options
        self.every = every
        self.firstRun = firstRun
        self.runsScheduled = runsScheduled
        self.nextRun = nextRun
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The checkout for one run: `lines[i]` in its problems is the schedule's line i.
    func checkout() -> CheckoutRequest {
        options.checkout(
            buyerID: buyerID, placedBy: createdBy,
            lines: lines.enumerated().map { .listing($0.element.productID, quantity: $0.element.quantity, field: "lines[\($0.offset)]") },
            source: .recurring(id))
    }

    /// The first run after `instant`: (its index, its time). Runs missed while the server was down are
    /// not placed afterwards — one late run is placed for them, then the schedule resumes on its grid.
    func nextRun(after instant: Date) -> (index: Int, date: Date)? {
        var index = runsScheduled + 1
        // A closed form for fixed periods; months are stepped (at most 12 a year of downtime, bounded).
        while index < runsScheduled + 100_000 {
            guard let date = every.occurrence(index, from: firstRun) else { return nil }
            if date > instant { return (index, date) }
            if every.unit != .month, let step = stepsToSkip(from: date, to: instant) {
                index += max(1, step)
            } else {
                index += 1
            }
        }
        return nil
    }

    private func stepsToSkip(from date: Date, to instant: Date) -> Int? {
        let period = every.unit == .day ? Double(every.count) * 86_400 : Double(every.count) * 7 * 86_400
        let gap = instant.timeIntervalSince(date)
        guard gap.isFinite, gap > 0 else { return nil }
        return Int((gap / period).rounded(.down))
    }
}
