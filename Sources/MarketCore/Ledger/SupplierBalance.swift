import Store
import Web

/// `GET /v1/seller/balance`: per currency, what the supplier has earned and not yet had settled (its payable
/// less any deductions it owes back), what is on statements and not yet paid, and what was paid — all
/// read from its ledger accounts.
public enum SupplierBalance {
    public struct Figures: Sendable, Hashable {
        public var currency: Currency
        /// Earned on delivered orders, not yet on a statement (in the order currency).
        public var earnedNotSettled: Int64 = 0
        /// Returns after settlement, to be deducted from the next statement (part of `earnedNotSettled`).
        public var deductionsPending: Int64 = 0
        public var settledNotPaid: Int64 = 0
        public var paid: Int64 = 0
    }

    public static func figures(_ db: Connection, supplierID: String) throws -> [Figures] {
        var byCurrency = [Currency: Figures]()
        for balance in try LedgerBalances.accounts(db, filter: .init(ownerID: supplierID)) {
            let currency = balance.account.currency
            var figures = byCurrency[currency] ?? Figures(currency: currency)
            switch balance.account.kind {
            case .supplierPayable:
                figures.earnedNotSettled &+= balance.balance.minorUnits
            case .supplierReceivable:
                figures.earnedNotSettled &-= balance.balance.minorUnits
                figures.deductionsPending &+= balance.balance.minorUnits
            case .supplierPayoutDue:
                figures.settledNotPaid &+= balance.balance.minorUnits
                // Only payouts debit this account.
                figures.paid &+= balance.debits
            default:
                continue
            }
            byCurrency[currency] = figures
        }
        return byCurrency.values.sorted { $0.currency < $1.currency }
    }

    public static func json(_ figures: Figures) -> JSON {
        let c = figures.currency
        return [
            "currency": .string(c.code),
            "earned_not_settled": Money(minorUnits: figures.earnedNotSettled, currency: c).json,
            "deductions_pending": Money(minorUnits: figures.deductionsPending, currency: c).json,
            "settled_not_paid": Money(minorUnits: figures.settledNotPaid, currency: c).json,
            "paid": Money(minorUnits: figures.paid, currency: c).json,
        ]
    }
}
