import Synchronization

/// The last FX table and fee-rule list built, each with the fingerprint of the rows it came from. One entry
/// each: the running server has one database; tests with several only rebuild more often.
final class ReferenceCache: Sendable {
    static let shared = ReferenceCache()

    private struct FXEntry {
        let fingerprint: ReferenceFingerprint
        let base: Currency
        let table: FXRateTable
    }

    private struct FeeEntry {
        let fingerprint: ReferenceFingerprint
        let rules: [FeeRule]
    }

    private let fx = Mutex<FXEntry?>(nil)
    private let fees = Mutex<FeeEntry?>(nil)

    func fxTable(fingerprint: ReferenceFingerprint, base: Currency) -> FXRateTable? {
        fx.withLock { entry in
            guard let entry, entry.fingerprint == fingerprint, entry.base == base else { return nil }
            return entry.table
        }
    }

    func store(fxTable table: FXRateTable, fingerprint: ReferenceFingerprint, base: Currency) {
        fx.withLock { $0 = FXEntry(fingerprint: fingerprint, base: base, table: table) }
    }

    func feeRules(fingerprint: ReferenceFingerprint) -> [FeeRule]? {
        fees.withLock { entry in
            guard let entry, entry.fingerprint == fingerprint else { return nil }
            return entry.rules
        }
    }

    func store(feeRules rules: [FeeRule], fingerprint: ReferenceFingerprint) {
        fees.withLock { $0 = FeeEntry(fingerprint: fingerprint, rules: rules) }
    }
}
