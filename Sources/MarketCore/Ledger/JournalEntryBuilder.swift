/// Builds a `JournalEntry` and checks it: every amount in its account's currency, and debits equal to
/// credits in EVERY currency (a multi-currency entry balances each currency on its own; exchange goes
/// through `convert`, never by letting one currency's debit pay another's credit).
///
///     var entry = JournalEntryBuilder(key: "payment:\(paymentID)", kind: "payment", sourceType: "payment", sourceID: paymentID)
///     try entry.debit(.cash(amount.currency), amount)
///     try entry.credit(.buyerReceivable(buyerID, amount.currency), amount)
///     try Ledger.post(try entry.build(), in: db, at: services.nowText())
///
/// Zero amounts are dropped; a negative amount posts its magnitude on the other side; amounts on the same
/// account and side are added into one line.
public struct JournalEntryBuilder: Sendable {
    public let key: String
    public let kind: String
    public let sourceType: String
    public let sourceID: String
    public var memo: String?

    private var amounts: [LineKey: Int64] = [:]
    private var order: [LineKey] = []
    private var conversions: [FXConversion] = []

    private struct LineKey: Hashable {
        let account: LedgerAccount
        let side: LedgerSide
    }

    public init(key: String, kind: String, sourceType: String, sourceID: String, memo: String? = nil) {
        self.key = key
        self.kind = kind
        self.sourceType = sourceType
        self.sourceID = sourceID
        self.memo = memo
    }

    public mutating func debit(_ account: LedgerAccount, _ amount: Money) throws(LedgerError) {
        try add(account, .debit, amount)
    }

    public mutating func credit(_ account: LedgerAccount, _ amount: Money) throws(LedgerError) {
        try add(account, .credit, amount)
    }

    public mutating func add(_ account: LedgerAccount, _ side: LedgerSide, _ amount: Money) throws(LedgerError) {
        guard amount.currency == account.currency else {
            throw .currencyMismatch(account: account.code, amount: amount.description)
        }
        guard amount.minorUnits != 0 else { return }
        guard amount.minorUnits != .min else { throw .overflow }
        let key = amount.minorUnits > 0 ? LineKey(account: account, side: side) : LineKey(account: account, side: side.opposite)
        let magnitude = amount.minorUnits.magnitude
        if let current = amounts[key] {
            let (sum, overflow) = current.addingReportingOverflow(Int64(magnitude))
            guard !overflow else { throw .overflow }
            amounts[key] = sum
        } else {
            amounts[key] = Int64(magnitude)
            order.append(key)
        }
    }

    /// An exchange of `from` into `to` at `rate`: `from` credited to the source currency's FX clearing
    /// account, `to` debited to the target's, and the rate recorded. The caller debits where `from` came
    /// from and credits where `to` goes, so each currency balances on its own.
    public mutating func convert(_ from: Money, to: Money, rate: ExactDecimal, itemCount: Int = 1) throws(LedgerError) {
        try credit(.fxClearing(from.currency), from)
        try debit(.fxClearing(to.currency), to)
        if !from.isZero || !to.isZero {
            conversions.append(FXConversion(from: from, to: to, rate: rate, itemCount: itemCount))
        }
    }

    /// Whether nothing non-zero was added yet.
    public var isEmpty: Bool { amounts.values.allSatisfy { $0 == 0 } }

    /// The entry, or `.unbalanced` naming the first currency whose debits and credits differ, or `.empty`.
    public func build() throws(LedgerError) -> JournalEntry {
        var lines = [LedgerLine]()
        var balance = [Currency: (debits: Int64, credits: Int64)]()
        for key in order {
            guard let minor = amounts[key], minor != 0 else { continue }
            let line = LedgerLine(account: key.account, side: key.side, amount: Money(minorUnits: minor, currency: key.account.currency))
            lines.append(line)
            var current = balance[key.account.currency] ?? (0, 0)
            let (sum, overflow) = key.side == .debit
                ? current.debits.addingReportingOverflow(minor) : current.credits.addingReportingOverflow(minor)
            guard !overflow else { throw .overflow }
            if key.side == .debit { current.debits = sum } else { current.credits = sum }
            balance[key.account.currency] = current
        }
        guard !lines.isEmpty else { throw .empty }
        for (currency, totals) in balance.sorted(by: { $0.key < $1.key }) where totals.debits != totals.credits {
            throw .unbalanced(currency: currency.code, debits: totals.debits, credits: totals.credits)
        }
        return JournalEntry(key: key, kind: kind, sourceType: sourceType, sourceID: sourceID, memo: memo, lines: lines,
                            conversions: conversions)
    }
}
