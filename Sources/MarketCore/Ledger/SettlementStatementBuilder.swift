/// Accumulates one supplier's statement in one payout currency, line by line, without keeping the lines:
/// the totals, and the per-currency sums the settlement's journal entry needs. The settlement run streams
/// a million lines through it; the model-based tests feed it the same way.
public struct SettlementStatementBuilder: Sendable {
    public let supplierID: String
    public let currency: Currency
    public private(set) var totals: SettlementTotals

    /// Σ source net per supplier account (payable for orders, receivable for deductions) and order currency.
    /// A statement sees a handful of order currencies: small arrays searched linearly beat hashing a key
    /// on each of a million lines.
    private var sourceNets: [SourceSum] = []
    /// Σ per (order currency, rate) of the source nets and of the converted nets.
    private var conversions: [ConversionSum] = []

    private struct SourceSum {
        let kind: SettlementItem.Kind
        let currency: Currency
        var minor: Int64
    }

    private struct ConversionSum {
        let source: Currency
        let rate: ExactDecimal
        var from: Int64
        var to: Int64
        var count: Int
    }

    public init(supplierID: String, currency: Currency) {
        self.supplierID = supplierID
        self.currency = currency
        totals = SettlementTotals(currency: currency)
    }

    /// Adds a line of this supplier in this payout currency.
    public mutating func add(_ line: SettlementLine) throws {
        let item = line.item
        guard line.net.currency == currency, item.supplierID == supplierID else {
            throw LedgerError.currencyMismatch(account: "settlement \(supplierID) \(currency.code)", amount: line.net.description)
        }
        try totals.add(line)
        let sourceNet = line.sourceNet.minorUnits
        if let index = sourceNets.firstIndex(where: { $0.kind == item.kind && $0.currency == item.sourceCurrency }) {
            sourceNets[index].minor = try Self.sum(sourceNets[index].minor, sourceNet)
        } else {
            sourceNets.append(SourceSum(kind: item.kind, currency: item.sourceCurrency, minor: sourceNet))
        }
        guard item.sourceCurrency != currency else { return }
        if let index = conversions.firstIndex(where: { $0.source == item.sourceCurrency && $0.rate == item.rate }) {
            conversions[index].from = try Self.sum(conversions[index].from, sourceNet)
            conversions[index].to = try Self.sum(conversions[index].to, line.net.minorUnits)
            conversions[index].count += 1
        } else {
            conversions.append(ConversionSum(source: item.sourceCurrency, rate: item.rate, from: sourceNet, to: line.net.minorUnits, count: 1))
        }
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
        for sum in sourceNets {
            let account: LedgerAccount = sum.kind == .order
                ? .supplierPayable(supplierID, sum.currency) : .supplierReceivable(supplierID, sum.currency)
            try entry.debit(account, Money(minorUnits: sum.minor, currency: sum.currency))
        }
        for sum in conversions {
            try entry.convert(Money(minorUnits: sum.from, currency: sum.source), to: Money(minorUnits: sum.to, currency: currency),
                              rate: sum.rate, itemCount: sum.count)
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
