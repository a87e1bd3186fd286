/// Why a posting was refused. Every one is a programming error of the poster or a conflict on replay;
/// the posting (and the business change around it) rolls back.
public enum LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Debits and credits of one currency differ (minor units).
    case unbalanced(currency: String, debits: Int64, credits: Int64)
    /// An amount in another currency than its account's.
    case currencyMismatch(account: String, amount: String)
    /// Nothing to post: every amount was zero.
    case empty
    case overflow
    case invalidAccount(kind: String, ownerID: String?)
    /// The entry key was already posted with different lines: a replay must be identical.
    case keyConflict(String)
    case unknownEntry(String)
    case alreadyReversed(String)

    public var description: String {
        switch self {
        case .unbalanced(let currency, let debits, let credits):
            "journal entry unbalanced in \(currency): debits \(debits) ≠ credits \(credits) (minor units)"
        case .currencyMismatch(let account, let amount): "amount \(amount) posted to account \(account) of another currency"
        case .empty: "journal entry has no non-zero line"
        case .overflow: "amount out of range"
        case .invalidAccount(let kind, let owner): "invalid account \(kind) for owner \(owner ?? "none")"
        case .keyConflict(let key): "journal entry \(key) was already posted with different lines"
        case .unknownEntry(let id): "no journal entry \(id)"
        case .alreadyReversed(let id): "journal entry \(id) is already reversed"
        }
    }
}
