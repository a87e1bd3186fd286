/// An account's totals: what was debited, what was credited, and the balance on its normal side
/// (positive: the usual direction — a receivable owed to us, a payable we owe).
public struct AccountBalance: Sendable, Hashable {
    public let account: LedgerAccount
    public let debits: Int64
    public let credits: Int64

    public init(account: LedgerAccount, debits: Int64, credits: Int64) {
        self.account = account
        self.debits = debits
        self.credits = credits
    }

    public var balance: Money {
        let minor = account.kind.normalSide == .debit ? debits &- credits : credits &- debits
        return Money(minorUnits: minor, currency: account.currency)
    }
}
