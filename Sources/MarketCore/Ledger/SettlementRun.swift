import Foundation
import Store
import Web

/// A settlement run (`POST /v1/admin/settlements`): one statement per supplier and payout currency for
/// everything delivered up to `period_end` and not settled yet, plus deductions for returns that came after
/// an earlier settlement. All in the caller's transaction, together with its journal entries, the
/// `settlement.created` events and the audit rows.
///
/// Naturally idempotent: an order is settled once (it leaves the queue, and a unique index on the lines would
/// refuse a second line), a deduction once, so a second run over the same period finds nothing and issues
/// nothing.
///
/// Built for volume: it reads the queue of delivered, unsettled orders (`settlement_pending`, filled by the
/// delivery posting), never the whole order history; orders stream from one SELECT (`db.forEach`) and their
/// lines are written in bounded batches grouped by statement (`SettlementLineWriter`); besides a batch, only
/// per-statement accumulators (one per supplier and currency) stay in memory, never the run's lines. The
/// queue is emptied at the end (`SettlementQueue`). Measured with `Scripts/bench settlement`.
///
/// It holds the single writer for its whole length, on purpose: computing the lines in a read snapshot
/// first would take out only the reading and converting (about a quarter of the run's CPU), while writing
/// the lines, their indexes and the queue must happen in the write transaction anyway; and the write would
/// then have to re-check every order against returns and deliveries that came in between. One run stays
/// one transaction, so it is all or nothing and idempotent.
///
/// Rules (see also `SettlementItem`, `SettlementLine`):
/// - an order's line converts its gross, commission, refunds and commission reversed at the rate the order
///   LOCKED at checkout (`orders.payout_rate`, order currency → the payout currency it locked); an order that
///   locked none takes the rate in force now, recorded on its line; one with no rate at all waits (`waiting`).
/// - returns before an order is settled are on its line (refunds, commission reversed); returns after are
///   deducted on the supplier's next statement as `adjustment` lines at the same rate as the order's line,
///   oldest first, as far as the statement's earnings cover them (a statement never pays out a negative
///   net); the rest carries forward.
public struct SettlementRun: Sendable {
    public struct Statement: Sendable, Hashable {
        public let id: String
        public let supplierID: String
        public let totals: SettlementTotals
        public let journalEntryID: String?
    }

    public struct Outcome: Sendable {
        /// Nil when nothing was settled (no run is recorded).
        public let runID: String?
        public let periodEnd: String
        public let statements: [Statement]
        /// Deductions left for a later statement, per supplier and currency.
        public let carriedForward: [(supplierID: String, currency: Currency, count: Int, net: Money)]
        /// Orders that could not be converted (no locked rate and no rate in force): count and a few ids.
        public let waitingCount: Int
        public let waitingSample: [String]
    }

    let periodEnd: String
    let now: Date
    let actor: Principal?
    let rates: FXRateTable
    let batching: SettlementLineBatching

    /// - Parameters:
    ///   - periodEnd: `Timestamp.format` text; orders delivered at or before it are settled.
    ///   - rates: for orders that locked no rate.
    ///   - batching: how lines are written (tests make it small).
    public init(periodEnd: String, now: Date, actor: Principal?, rates: FXRateTable, batching: SettlementLineBatching = .standard) {
        self.periodEnd = periodEnd
        self.now = now
        self.actor = actor
        self.rates = rates
        self.batching = batching
    }

    /// Page cache for a run, in KiB: a run over a million lines keeps its B-tree pages in memory instead of
    /// spilling them to the WAL and writing them again (https://www.sqlite.org/pragma.html#pragma_cache_size).
    public static let cacheKiB = 65_536

    public func run(_ db: Connection) throws -> Outcome {
        let previousCache = try db.scalar("PRAGMA cache_size").int64Value
        try db.execute("PRAGMA cache_size = -\(Self.cacheKiB)")
        defer { if let previousCache { try? db.execute("PRAGMA cache_size = \(previousCache)") } }
        let nowText = Timestamp.format(now)
        let runID = ID.make("str", at: now)
        let now = self.now
        var planner = SettlementPlanner(makeID: { ID.make("stl", at: now) })
        var parser = Parser()
        var lines = SettlementLineWriter(batching)

        // Deductions are few: read them now, place them after the orders (earnings first, so a deduction
        // is taken only as far as the statement's earnings cover it).
        let deductions = try pendingDeductions(db, parser: &parser)

        var waitingCount = 0
        var waitingSample = [String]()
        var scanned = 0
        var settled = 0
        try db.forEach(
            """
            SELECT o.id, o.seller_id, o.currency, o.payout_currency, o.payout_rate, o.total_minor, o.commission_minor,
                   o.refunded_minor, o.commission_reversed_minor, o.delivered_at,
                   o.status IN ('delivered','completed','returned','partially_returned') AS settleable
            FROM settlement_pending p JOIN orders o ON o.id = p.order_id
            WHERE p.delivered_at <= ?
            """, [.text(periodEnd)]
        ) { row in
            scanned += 1
            guard row.int64(10) == 1, let orderID = row.string(0), let supplierID = row.string(1),
                  let source = parser.currency(row.string(2)), let payout = parser.currency(row.string(3))
            else { return }
            guard let (rate, method) = SettlementRateMethod.resolve(
                source: source, payout: payout, locked: parser.rate(row.string(4)),
                inForce: { rates.rate(from: source, to: payout, at: now)?.rate })
            else {
                waitingCount += 1
                if waitingSample.count < 20 { waitingSample.append(orderID) }
                return
            }
            let item = SettlementItem(
                kind: .order, orderID: orderID, supplierID: supplierID, sourceCurrency: source, payoutCurrency: payout, rate: rate,
                rateMethod: method, gross: row.int64(5) ?? 0, commission: row.int64(6) ?? 0, refunds: row.int64(7) ?? 0,
                commissionReversed: row.int64(8) ?? 0, occurredAt: row.string(9) ?? "")
            try lines.write(try planner.add(try SettlementLine(converting: item)), in: db)
            settled += 1
        }

        var carried = [(supplierID: String, currency: Currency, count: Int, net: Money)]()
        for (key, pending) in deductions {
            let (placed, rest) = try planner.deduct(pending)
            for placement in placed { try lines.write(placement, in: db) }
            if !rest.isEmpty {
                carried.append((key.supplierID, key.currency, rest.count, try Money.sum(rest.map(\.net), currency: key.currency)))
            }
        }
        try lines.flush(db)

        var statements = [Statement]()
        var lineCount = 0
        for (id, builder) in planner.statements {
            statements.append(try issue(db, id: id, builder, runID: runID, at: nowText))
            lineCount += builder.totals.lineCount
        }
        let outcome = { (runID: String?) in
            Outcome(runID: runID, periodEnd: periodEnd, statements: statements, carriedForward: carried, waitingCount: waitingCount,
                    waitingSample: waitingSample)
        }
        guard !statements.isEmpty else { return outcome(nil) }
        try SettlementQueue.removeSettled(db, upTo: periodEnd, scanned: scanned, settled: settled)
        try db.execute(
            "INSERT INTO settlement_runs (id, period_end, statement_count, line_count, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(runID), .text(periodEnd), .integer(Int64(statements.count)), .integer(Int64(lineCount)), .text(nowText),
             actor.map { .text($0.userID) } ?? .null])
        return outcome(runID)
    }

    // MARK: - Steps

    /// Returns posted after their order was settled (`supplier_receivable`), up to `period_end`, not yet
    /// deducted: per statement group, oldest first, converted at the rate of the order's own line.
    private func pendingDeductions(_ db: Connection, parser: inout Parser) throws -> [(SettlementPlanner.Key, [SettlementLine])] {
        var result = [(SettlementPlanner.Key, [SettlementLine])]()
        try db.forEach(
            """
            SELECT r.id, r.order_id, r.currency, r.refund_minor, r.commission_reversed_minor, r.created_at,
                   b.currency AS payout_currency, b.rate, b.rate_method, o.seller_id
            FROM ledger_entries e
            JOIN order_returns r ON r.id = e.source_id
            JOIN orders o ON o.id = r.order_id
            JOIN settlement_lines b ON b.order_id = r.order_id AND b.kind = 'order'
            WHERE e.kind = ? AND e.source_type = 'return' AND r.created_at <= ?
              AND NOT EXISTS (SELECT 1 FROM settlement_lines a WHERE a.return_id = r.id AND a.kind = 'adjustment')
            ORDER BY o.seller_id, b.currency, r.created_at, r.id
            """, [.text(LedgerPostings.returnedAfterSettlementKind), .text(periodEnd)]
        ) { row in
            guard let returnID = row.string(0), let orderID = row.string(1), let source = parser.currency(row.string(2)),
                  let payout = parser.currency(row.string(6)), let rate = parser.rate(row.string(7)), let supplierID = row.string(9)
            else { return }
            let item = SettlementItem(
                kind: .adjustment, orderID: orderID, returnID: returnID, supplierID: supplierID, sourceCurrency: source,
                payoutCurrency: payout, rate: rate, rateMethod: SettlementRateMethod(rawValue: row.string(8) ?? "") ?? .locked,
                gross: 0, commission: 0, refunds: row.int64(3) ?? 0, commissionReversed: row.int64(4) ?? 0,
                occurredAt: row.string(5) ?? "")
            let line = try SettlementLine(converting: item)
            let key = SettlementPlanner.Key(supplierID: supplierID, currency: payout)
            if result.last?.0 == key {
                result[result.count - 1].1.append(line)
            } else {
                result.append((key, [line]))
            }
        }
        return result
    }

    /// The statement header (after its lines: its totals are their sums), its journal entry, the
    /// `settlement.created` event for the supplier and the audit row.
    private func issue(_ db: Connection, id: String, _ builder: SettlementStatementBuilder, runID: String, at nowText: String) throws
        -> Statement
    {
        let totals = builder.totals
        let supplierID = builder.supplierID
        var entryID: String?
        if let entry = try builder.journalEntry(settlementID: id) {
            entryID = try Ledger.post(entry, in: db, at: nowText, by: actor?.userID).id
        }
        try db.execute(
            """
            INSERT INTO settlements (id, run_id, supplier_id, currency, period_end, gross_minor, commission_minor, refunds_minor,
                commission_reversed_minor, net_minor, order_count, adjustment_count, journal_entry_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(runID), .text(supplierID), .text(totals.currency.code), .text(periodEnd),
             .integer(totals.gross.minorUnits), .integer(totals.commission.minorUnits), .integer(totals.refunds.minorUnits),
             .integer(totals.commissionReversed.minorUnits), .integer(totals.net.minorUnits), .integer(Int64(totals.orderCount)),
             .integer(Int64(totals.adjustmentCount)), entryID.map { .text($0) } ?? .null, .text(nowText)])
        try Outbox.publish(
            db, type: EventType.settlementCreated.rawValue,
            data: ["settlement_id": .string(id), "period_end": .string(periodEnd), "net": totals.net.json,
                   "lines": .number(String(totals.lineCount))],
            audience: [supplierID], at: nowText)
        try AuditLog.record(
            db, at: nowText, actor: actor, action: "settlement.created", entityType: "settlement", entityID: id,
            after: ["supplier_id": .string(supplierID), "net": totals.net.json, "gross": totals.gross.json,
                    "commission": totals.commission.json, "lines": .number(String(totals.lineCount))])
        return Statement(id: id, supplierID: supplierID, totals: totals, journalEntryID: entryID)
    }

    /// Parses currency codes and rate texts once per distinct value (a run sees a handful of each).
    private struct Parser {
        var currencies = [String: Currency]()
        var rates = [String: ExactDecimal]()

        mutating func currency(_ code: String?) -> Currency? {
            guard let code else { return nil }
            if let known = currencies[code] { return known }
            guard let currency = Currency(code: code) else { return nil }
            currencies[code] = currency
            return currency
        }

        mutating func rate(_ text: String?) -> ExactDecimal? {
            guard let text else { return nil }
            if let known = rates[text] { return known }
            guard let rate = ExactDecimal(text), rate.isPositive else { return nil }
            rates[text] = rate
            return rate
        }

    }
}
