import Store

/// The double-entry ledger, settlements and payouts.
public enum LedgerSchema {
    public static let migrations: [Migration] = []
}
