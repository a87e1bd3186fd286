/// Connects the ledger to the business events it posts for (called once at start).
public enum LedgerHooks {
    public static func install() {
        OrderEvents.register("ledger", LedgerOrderObserver())
    }
}
