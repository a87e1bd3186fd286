/// One line of a journal entry: an account, a side and a positive amount in the account's currency.
public struct LedgerLine: Sendable, Hashable {
    public let account: LedgerAccount
    public let side: LedgerSide
    /// Always positive; its currency is the account's.
    public let amount: Money

    init(account: LedgerAccount, side: LedgerSide, amount: Money) {
        self.account = account
        self.side = side
        self.amount = amount
    }

    /// The line's effect on the account in its normal direction: positive raises a debit-normal account
    /// when debited, a credit-normal one when credited.
    public var signedForAccount: Int64 {
        side == account.kind.normalSide ? amount.minorUnits : -amount.minorUnits
    }

    /// Debits positive, credits negative: summing these over an entry gives zero per currency.
    public var signedDebit: Int64 { side == .debit ? amount.minorUnits : -amount.minorUnits }
}
