/// The two sides of a double-entry line. An entry's debits equal its credits in every currency.
public enum LedgerSide: String, Sendable, Hashable, CaseIterable {
    case debit
    case credit

    public var opposite: LedgerSide { self == .debit ? .credit : .debit }
}
