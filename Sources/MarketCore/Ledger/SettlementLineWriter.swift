import Store

/// Writes a run's statement lines grouped by statement, in batches.
///
/// Why not each line as it comes: the scan meets the statements' lines interleaved (it reads the queue by
/// order id), so `settlement_lines_position (settlement_id, position)` would take consecutive inserts at a
/// thousand places of its B-tree. Measured on a million lines (an INSERT … SELECT in the sqlite3 shell), that
/// index alone cost 3.7 s of the 6.2 s. Held for `linesPerFlush` lines, then written statement by statement
/// in index order, its inserts land on pages just visited. Memory stays bounded by the batch, never the run.
///
/// Rows go `rowsPerInsert` at a time in one multi-row INSERT (https://www.sqlite.org/lang_insert.html): one
/// execution opens the table, its indexes and the foreign-key lookups once for all its rows, and the
/// statement cache is consulted once.
struct SettlementLineWriter {
    static let columnCount = 19

    private static let columns = """
        INSERT INTO settlement_lines (settlement_id, position, kind, order_id, return_id, occurred_at, source_currency, rate,
            rate_method, source_gross_minor, source_commission_minor, source_refunds_minor, source_commission_reversed_minor,
            currency, gross_minor, commission_minor, refunds_minor, commission_reversed_minor, net_minor)
        VALUES
        """
    private static let row = "(" + Array(repeating: "?", count: columnCount).joined(separator: ", ") + ")"
    private static let insertOne = columns + " " + row

    private let batching: SettlementLineBatching
    private let insertMany: String

    init(_ batching: SettlementLineBatching) {
        self.batching = batching
        insertMany = Self.columns + " " + Array(repeating: Self.row, count: batching.rowsPerInsert).joined(separator: ", ")
    }

    /// What a held line needs for its row, without the statement's id and supplier (its bucket has them).
    private struct Held {
        let position: Int64
        let kind: SettlementItem.Kind
        let method: SettlementRateMethod
        let rate: Int
        let orderID: String
        let returnID: String?
        let occurredAt: String
        let sourceCurrency: String
        let currency: String
        let source: (gross: Int64, commission: Int64, refunds: Int64, reversed: Int64)
        let payout: (gross: Int64, commission: Int64, refunds: Int64, reversed: Int64, net: Int64)
    }

    private struct Bucket {
        var settlementID = ""
        var lines: [Held] = []
    }

    /// One bucket per statement, by `Placement.statementIndex`; emptied (capacity kept) by each flush.
    private var buckets: [Bucket] = []
    private var heldCount = 0
    /// Rate texts by mantissa and scale, and their indexes: formatting an `Int128` on every line would cost
    /// more than the line's conversion ("0.90" stays "0.90").
    private var rateIndexes: [RateKey: Int] = [:]
    private var rateTexts: [String] = []

    private struct RateKey: Hashable {
        let mantissa: Int128
        let scale: Int
    }

    mutating func write(_ placement: SettlementPlanner.Placement, in db: Connection) throws {
        let line = placement.line
        let item = line.item
        let index = placement.statementIndex
        if index >= buckets.count { buckets.append(contentsOf: repeatElement(Bucket(), count: index + 1 - buckets.count)) }
        if buckets[index].lines.isEmpty { buckets[index].settlementID = placement.settlementID }
        buckets[index].lines.append(Held(
            position: placement.position, kind: item.kind, method: item.rateMethod, rate: rateIndex(item.rate), orderID: item.orderID,
            returnID: item.returnID, occurredAt: item.occurredAt, sourceCurrency: item.sourceCurrency.code, currency: line.net.currency.code,
            source: (item.gross, item.commission, item.refunds, item.commissionReversed),
            payout: (line.gross.minorUnits, line.commission.minorUnits, line.refunds.minorUnits, line.commissionReversed.minorUnits,
                     line.net.minorUnits)))
        heldCount += 1
        if heldCount >= batching.linesPerFlush { try flush(db) }
    }

    /// Writes every held line. Call before the statements' headers are written.
    mutating func flush(_ db: Connection) throws {
        guard heldCount > 0 else { return }
        var arguments = [SQLValue]()
        arguments.reserveCapacity(Self.columnCount * batching.rowsPerInsert)
        var rows = 0
        let filled = buckets.indices.filter { !buckets[$0].lines.isEmpty }
        for index in filled.sorted(by: { buckets[$0].settlementID < buckets[$1].settlementID }) {
            let settlementID = SQLValue.text(buckets[index].settlementID)
            for held in buckets[index].lines {
                append(held, settlementID, to: &arguments)
                rows += 1
                if rows == batching.rowsPerInsert {
                    try db.execute(insertMany, arguments)
                    arguments.removeAll(keepingCapacity: true)
                    rows = 0
                }
            }
            buckets[index].lines.removeAll(keepingCapacity: true)
        }
        // The rest one by one: one more cached statement instead of one per remainder size.
        for start in stride(from: 0, to: arguments.count, by: Self.columnCount) {
            try db.execute(Self.insertOne, Array(arguments[start..<start + Self.columnCount]))
        }
        heldCount = 0
    }

    private func append(_ held: Held, _ settlementID: SQLValue, to arguments: inout [SQLValue]) {
        arguments.append(settlementID)
        arguments.append(.integer(held.position))
        arguments.append(.text(held.kind.rawValue))
        arguments.append(.text(held.orderID))
        arguments.append(held.returnID.map { .text($0) } ?? .null)
        arguments.append(.text(held.occurredAt))
        arguments.append(.text(held.sourceCurrency))
        arguments.append(.text(rateTexts[held.rate]))
        arguments.append(.text(held.method.rawValue))
        arguments.append(.integer(held.source.gross))
        arguments.append(.integer(held.source.commission))
        arguments.append(.integer(held.source.refunds))
        arguments.append(.integer(held.source.reversed))
        arguments.append(.text(held.currency))
        arguments.append(.integer(held.payout.gross))
        arguments.append(.integer(held.payout.commission))
        arguments.append(.integer(held.payout.refunds))
        arguments.append(.integer(held.payout.reversed))
        arguments.append(.integer(held.payout.net))
    }

    private mutating func rateIndex(_ rate: ExactDecimal) -> Int {
        let key = RateKey(mantissa: rate.mantissa, scale: rate.scale)
        if let known = rateIndexes[key] { return known }
        rateTexts.append(rate.description)
        rateIndexes[key] = rateTexts.count - 1
        return rateTexts.count - 1
    }
}
