/// Accumulates one supplier's statement in one payout currency, line by line, without keeping the lines:
/// the totals, and the per-currency sums the settlement's journal entry needs. The settlement run streams
/// a million lines through it; the model-based tests feed it the same way.
public struct SettlementStatementBuilder: Sendable {
    public let supplierID: String
    public let currency: Currency
    public private(set) var totals: SettlementTotals

    /// Σ source net per supplier account (payable or receivable) in its order currency.
    private var sourceNets: [LedgerAccount: Int64] = [:]
    /// Σ per (order currency, rate) of the source nets and of the converted nets.
    private var conversions: [ConversionKey: ConversionSums] = [:]
    private var conversionOrder: [ConversionKey] = []
    private var accountOrder: [LedgerAccount] = []

    private struct ConversionKey: Hashable {
        let source: Currency
        let rate: ExactDecimal
    }

    private struct ConversionSums {
        var from: Int64 = 0
        var to: Int64 = 0
        var count = 0
    }

    public init(supplierID: String, currency: Currency) {
        self.supplierID = supplierID
        self.currency = currency
        totals = SettlementTotals(currency: currency)
    }

    /// Adds a line of this supplier in this payout currency.
    public mutating func add(_ line: SettlementLine) throws {
        guard line.net.currency == currency, line.item.supplierID == supplierID else {
            throw LedgerError.currencyMismatch(account: "settlement \(supplierID) \(currency.code)", amount: line.net.description)
        }
        try totals.add(line)
        let account = line.sourceAccount
        if sourceNets[account] == nil { accountOrder.append(account) }
        sourceNets[account] = try Self.sum(sourceNets[account] ?? 0, line.sourceNet.minorUnits)
        guard line.item.sourceCurrency != currency else { return }
        let key = ConversionKey(source: line.item.sourceCurrency, rate: line.item.rate)
        var current = conversions[key] ?? ConversionSums()
        if current.count == 0 { conversionOrder.append(key) }
        current.from = try Self.sum(current.from, line.sourceNet.minorUnits)
        current.to = try Self.sum(current.to, line.net.minorUnits)
        current.count += 1
        conversions[key] = current
    }

    /// Whether the statement's net stays at or above zero with `line` added: deductions are taken only as
    /// far as earnings cover them, the rest waits for a later statement.
    public func covers(_ line: SettlementLine) -> Bool {
        let (sum, overflow) = totals.net.minorUnits.addingReportingOverflow(line.net.minorUnits)
        return !overflow && sum >= 0
    }

    /// The settlement's journal entry, balanced per currency: for each order currency, Dr supplier payable
    /// (Σ order nets) and Cr supplier receivable (Σ deductions), through FX clearing when the order currency
    /// differs from the payout currency (Cr fx_clearing source / Dr fx_clearing payout, rate recorded), and
    /// Cr supplier payout due (Σ line nets = the statement's net). Nil when every amount is zero.
    public func journalEntry(settlementID: String) throws -> JournalEntry? {
        var entry = JournalEntryBuilder(key: "\(LedgerPostings.settlementKind):\(settlementID)", kind: LedgerPostings.settlementKind,
                                        sourceType: "settlement", sourceID: settlementID)
        for account in accountOrder {
            try entry.debit(account, Money(minorUnits: sourceNets[account] ?? 0, currency: account.currency))
        }
        for key in conversionOrder {
            guard let sums = conversions[key] else { continue }
            try entry.convert(Money(minorUnits: sums.from, currency: key.source), to: Money(minorUnits: sums.to, currency: currency),
                              rate: key.rate, itemCount: sums.count)
        }
        try entry.credit(.supplierPayoutDue(supplierID, currency), totals.net)
        return entry.isEmpty ? nil : try entry.build()
    }

    private static func sum(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (value, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw LedgerError.overflow }
        return value
    }
}
