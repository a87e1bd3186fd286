import Foundation
@testable import MarketCore

/// The ledger without SQLite: the same `JournalEntry` values the store posts, applied to in-memory account
/// totals. The model-based tests post through it exactly what `Ledger.post` would write.
struct LedgerBook: Equatable {
    struct Totals: Equatable {
        var debits: Int64 = 0
        var credits: Int64 = 0
    }

    private(set) var accounts: [LedgerAccount: Totals] = [:]
    private(set) var entries: [String: JournalEntry] = [:]

    /// Like `Ledger.post`: re-checks the balance, a replay of an identical entry is a no-op (false), a
    /// different entry under a used key is a conflict.
    @discardableResult
    mutating func post(_ entry: JournalEntry) throws -> Bool {
        if let existing = entries[entry.key] {
            guard existing.lines == entry.lines else { throw LedgerError.keyConflict(entry.key) }
            return false
        }
        var perCurrency = [Currency: Totals]()
        for line in entry.lines {
            guard line.amount.currency == line.account.currency, line.amount.minorUnits > 0 else {
                throw LedgerError.currencyMismatch(account: line.account.code, amount: line.amount.description)
            }
            var totals = perCurrency[line.amount.currency] ?? Totals()
            if line.side == .debit { totals.debits += line.amount.minorUnits } else { totals.credits += line.amount.minorUnits }
            perCurrency[line.amount.currency] = totals
        }
        for (currency, totals) in perCurrency where totals.debits != totals.credits {
            throw LedgerError.unbalanced(currency: currency.code, debits: totals.debits, credits: totals.credits)
        }
        entries[entry.key] = entry
        for line in entry.lines {
            var totals = accounts[line.account] ?? Totals()
            if line.side == .debit { totals.debits += line.amount.minorUnits } else { totals.credits += line.amount.minorUnits }
            accounts[line.account] = totals
        }
        return true
    }

    /// The balance on the account's normal side (0 for an account never used).
    func balance(_ account: LedgerAccount) -> Int64 {
        guard let totals = accounts[account] else { return 0 }
        return account.kind.normalSide == .debit ? totals.debits - totals.credits : totals.credits - totals.debits
    }

    /// Σ debits and Σ credits per currency over the whole book.
    var trialBalance: [Currency: Totals] {
        var result = [Currency: Totals]()
        for (account, totals) in accounts {
            var sum = result[account.currency] ?? Totals()
            sum.debits += totals.debits
            sum.credits += totals.credits
            result[account.currency] = sum
        }
        return result
    }
}
