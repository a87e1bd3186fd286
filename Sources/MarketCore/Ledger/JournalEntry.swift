/// A balanced set of ledger lines that records one business event. Built only by `JournalEntryBuilder`,
/// which refuses anything unbalanced, so holding a `JournalEntry` means holding a balanced one.
///
/// Entries are never changed or deleted once posted: a mistake is corrected by posting `reversal`.
public struct JournalEntry: Sendable, Hashable {
    /// The natural key of the event (`order_delivered:ord_…`): posting the same key again is a no-op, so
    /// a retried event can never post twice.
    public let key: String
    /// What happened (`order_delivered`, `order_returned`, `settlement`, `payout`, `reversal`, …).
    public let kind: String
    /// The business object the entry is about (`order`, `return`, `settlement`, `payment`) and its id.
    public let sourceType: String
    public let sourceID: String
    public let memo: String?
    /// Lines in posting order; at most one line per account and side, none of zero.
    public let lines: [LedgerLine]
    public let conversions: [FXConversion]

    init(key: String, kind: String, sourceType: String, sourceID: String, memo: String?, lines: [LedgerLine],
         conversions: [FXConversion]) {
        self.key = key
        self.kind = kind
        self.sourceType = sourceType
        self.sourceID = sourceID
        self.memo = memo
        self.lines = lines
        self.conversions = conversions
    }

    /// Debit and credit totals per currency (equal, by construction).
    public var totals: [Currency: (debits: Int64, credits: Int64)] {
        var totals = [Currency: (debits: Int64, credits: Int64)]()
        for line in lines {
            var current = totals[line.amount.currency] ?? (0, 0)
            if line.side == .debit { current.debits &+= line.amount.minorUnits } else { current.credits &+= line.amount.minorUnits }
            totals[line.amount.currency] = current
        }
        return totals
    }

    /// The entry that undoes this one: every line on the other side, the conversions inverted.
    public func reversal(key: String, memo: String? = nil) -> JournalEntry {
        JournalEntry(
            key: key, kind: "reversal", sourceType: sourceType, sourceID: sourceID, memo: memo ?? "reverses \(self.key)",
            lines: lines.map { LedgerLine(account: $0.account, side: $0.side.opposite, amount: $0.amount) },
            conversions: conversions.map { FXConversion(from: $0.to, to: $0.from, rate: $0.rate, itemCount: $0.itemCount) })
    }
}
